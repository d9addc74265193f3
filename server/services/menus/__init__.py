"""The menus the mini-program builds its pickers from (GET /meta): labelled codes, the
directory's districts, subscribe templates, the bureau's contact, the privacy notice.

This `__init__` is the domain's face: the names other packages may call (`__all__`).
"""

from server.services.menus.meta import Choice, ComplaintCategoryChoice, Meta, mini_program_meta

__all__ = [
    "Choice",
    "ComplaintCategoryChoice",
    "Meta",
    "mini_program_meta",
]
