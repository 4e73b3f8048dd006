"""The contacts file on disk: where it is, reading it with positions, its canonical form, the one atomic write."""
