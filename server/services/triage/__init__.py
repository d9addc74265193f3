"""Staff triage: the life cycle, its steps, merging, notifications, access, reading."""
