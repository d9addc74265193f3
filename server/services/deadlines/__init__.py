"""Working-day deadlines: calendar, holidays, SLA rules, timing, sweeps."""
