"""Parents' complaints: intake, input checks, hints, routing, follow-ups."""
