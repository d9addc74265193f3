"""Query arguments, parsed once in the HTTP layer into typed keywords for the services.

Query strings carry only text, so these models read it laxly ("2" is 2, "true"/"1"/"yes"
are True) but check ranges as strictly as a body: pages are bounded (page ≤ MAX_PAGE, so
a skip stays far below 2^63; per_page ≤ 100), choices name a code, flags are flags. A bad
value is one 400 `validation_error` naming the argument. Services never see the mapping.
"""

from typing import Annotated

from pydantic import BeforeValidator, Field, ValidationError, WithJsonSchema

from server.errors import validation_error
from server.services.common.fields import Form, field_errors

MAX_PAGE = 100_000  # far past any real list; far below a skip int64 cannot hold
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
SIZES = ("full", "thumb")

Page = Annotated[int, Field(ge=1, le=MAX_PAGE)]
PerPage = Annotated[int, Field(ge=1, le=MAX_PER_PAGE)]


def _flag_text(value):
    return value.strip().lower() if isinstance(value, str) else value


Flag = Annotated[bool | None, BeforeValidator(_flag_text)]


def Codes(table, reason):
    """A comma-separated list of codes of `table` ("a,b"); None when empty."""

    def split(value):
        if value in (None, ""):
            return None
        codes = [c.strip() for c in str(value).split(",") if c.strip()]
        if not codes or any(c not in table for c in codes):
            raise ValueError(reason)
        return codes

    schema = {"type": "string", "description": "，".join(table)}
    return Annotated[list[str] | None, BeforeValidator(split), WithJsonSchema(schema)]


class PageArgs(Form):
    """`?page=&per_page=` of every list."""

    page: Page = Field(1, description=f"页码，从 1 开始（最大 {MAX_PAGE}）")
    per_page: PerPage = Field(DEFAULT_PER_PAGE, description=f"每页条数，最多 {MAX_PER_PAGE}")


class SizeArgs(Form):
    """`?size=full|thumb` of every photo."""

    reasons = {"size": "只能是 full 或 thumb"}
    size: Annotated[str, Field(pattern="^(full|thumb)$")] = Field(
        "full", description="full（默认）或 thumb", json_schema_extra={"enum": list(SIZES)}
    )


def parse(model, args):
    """`args` (a query mapping) read by `model`; 400 `validation_error` naming bad ones."""
    data = {name: value for name, value in args.items() if value != ""}
    try:
        return model.model_validate(data, strict=False)
    except ValidationError as exc:
        raise validation_error(field_errors(model, exc)) from None


def page_args(args):
    """(page, per_page) from query arguments, bounded."""
    found = parse(PageArgs, args)
    return found.page, found.per_page


def photo_size(args):
    """`full` or `thumb` from `?size=`; 400 for anything else."""
    return parse(SizeArgs, args).size
