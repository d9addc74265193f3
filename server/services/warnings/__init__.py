"""Early warning on institutions at risk (风险预警): rules, evaluation on each new complaint,
the warnings staff see and handle, and the shapes of both (the face of the domain)."""

from server.services.warnings.evaluation import Facts, evaluate
from server.services.warnings.rules import (
    RulesInput,
    ensure_default_rules,
    list_rules,
    replace_rules,
)
from server.services.warnings.shapes import (
    WarningInstitution,
    WarningRule,
    WarningRules,
    WarningStep,
    WarningView,
)
from server.services.warnings.views import (
    NoteInput,
    handle,
    list_warnings,
    open_warnings,
    see_numbers_with,
    warning_counts,
    warning_item,
)

__all__ = [
    "ensure_default_rules",
    "evaluate",
    "Facts",
    "handle",
    "list_rules",
    "list_warnings",
    "NoteInput",
    "open_warnings",
    "replace_rules",
    "RulesInput",
    "see_numbers_with",
    "warning_counts",
    "warning_item",
    "WarningInstitution",
    "WarningRule",
    "WarningRules",
    "WarningStep",
    "WarningView",
]
