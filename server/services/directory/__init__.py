"""The directory parents search: index, names, lookalikes, nearby, verdicts."""
