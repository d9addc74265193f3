"""Administration: staff accounts, notices, queues, routing rules."""
