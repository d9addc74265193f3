"""The deadline calendar's admin-added days off and make-up workdays."""
