"""The complaint store: the only code that reads and writes the complaints collection."""
