"""The contacts file's nodes become Contacts, and every problem a Finding at its position."""
