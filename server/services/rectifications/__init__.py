"""The rectification ledger (整改台账)."""
