"""The demo county: queues, staff, institutions, rules and complaints."""
