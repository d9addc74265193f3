"""Query-plan check (stub)."""


def record(collection, spec, sort=None):
    """Offer one query to the check."""


def record_pipeline(collection, pipeline):
    """Offer an aggregation's leading $match / $sort to the check."""
