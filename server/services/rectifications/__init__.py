"""The rectification ledger (整改台账).

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.rectifications.input import RectificationFilter, RectificationOpen, list_filter
from server.services.rectifications.institution_pages import public_detail, staff_page
from server.services.rectifications.ledger import (
    close_rectification,
    get_rectification,
    open_rectification,
    rectification_counts,
    rectification_detail,
    rectifications,
)
from server.services.rectifications.shapes import Rectification

__all__ = [
    "close_rectification",
    "get_rectification",
    "list_filter",
    "open_rectification",
    "public_detail",
    "Rectification",
    "rectification_counts",
    "rectification_detail",
    "RectificationFilter",
    "RectificationOpen",
    "rectifications",
    "staff_page",
]
