"""Helpers every domain uses: pagination, idempotency, rate limits, passwords, phones."""
