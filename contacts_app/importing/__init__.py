"""Candidates from releases merged into the contacts file, and the import command's result."""
