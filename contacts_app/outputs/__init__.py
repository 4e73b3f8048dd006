"""Pure functions of a Contact or a directory: vCard, QR code, JSON, CSV."""
