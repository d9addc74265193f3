"""What MongoDB refuses and mongomock accepts, as checks that raise pymongo's own errors.

server/emulators/mongo/strict.py runs these on every filter, update and document the embedded store
receives, so product code meets the same exceptions (types and codes) as on a real server:
- anything BSON cannot hold (sets, Decimal, date, ints past 8 bytes, a NUL byte in a key
  or an update path):
  `bson.errors.InvalidDocument` / `OverflowError`, raised by `bson.encode` as the driver does;
- update paths with an empty or `$`-prefixed segment, unknown operators, two
  operators touching the same path or a path and its prefix: `WriteError` with MongoDB's code;
- documents over 16 MiB: `DocumentTooLarge` (the driver refuses to send them) or, for the
  result of an update, `WriteError` 17419;
- skip and limit that are not integers, negative skips and values past int64.
"""

import re

import bson
from pymongo.errors import DocumentTooLarge, WriteError

MAX_BSON_SIZE = 16 * 1024 * 1024
INT64_MAX = 2**63 - 1

# MongoDB's error codes for the refusals below.
FAILED_TO_PARSE = 9
CONFLICTING_UPDATE_OPERATORS = 40
DOLLAR_PREFIXED_FIELD_NAME = 52
EMPTY_FIELD_NAME = 56
RESULT_TOO_LARGE = 17419

UPDATE_OPERATORS = frozenset(
    (
        "$currentDate",
        "$inc",
        "$min",
        "$max",
        "$mul",
        "$rename",
        "$set",
        "$setOnInsert",
        "$unset",
        "$addToSet",
        "$pop",
        "$pull",
        "$push",
        "$pullAll",
        "$bit",
    )
)
# The positional segments an update path may hold after its first segment: $, $[], $[id].
POSITIONAL = re.compile(r"^\$(\[([a-z][A-Za-z0-9]*)?\])?$")


def encode(document, what="document"):
    """`bson.encode(document)` as the driver would send it; its size in bytes."""
    if not isinstance(document, dict):
        document = {what: document}
    return len(bson.encode(document))


def check_filter(spec):
    """A filter BSON can hold (what pymongo would refuse to send is refused here too)."""
    if spec:
        encode(spec, "filter")


def check_document(document):
    """A document to insert or a replacement: BSON-encodable and at most 16 MiB."""
    size = encode(document)
    if size > MAX_BSON_SIZE:
        raise DocumentTooLarge(
            f"BSON document too large ({size} bytes) - the connected server supports"
            f" BSON document sizes up to {MAX_BSON_SIZE} bytes."
        )


def check_stored_size(document):
    """The result of an update must still fit in 16 MiB."""
    if encode(document) > MAX_BSON_SIZE:
        raise WriteError(
            f"Resulting document after update is larger than {MAX_BSON_SIZE}", RESULT_TOO_LARGE
        )


def check_update(update):
    """An update document (or pipeline) MongoDB would apply; else the WriteError it gives."""
    if isinstance(update, list):
        encode(update, "pipeline")
        return
    if update and not any(key.startswith("$") for key in update):
        check_document(update)  # a replacement
        return
    encode(update, "update")
    paths = []
    for operator, fields in update.items():
        if operator not in UPDATE_OPERATORS:
            raise WriteError(f"Unknown modifier: {operator}", FAILED_TO_PARSE)
        if not isinstance(fields, dict):
            raise WriteError(
                f"Modifiers operate on fields but we found type {type(fields).__name__} instead."
                f" For example: {{$mod: {{<field>: ...}}}} not {{{operator}: {fields!r}}}",
                FAILED_TO_PARSE,
            )
        for path in fields:
            paths.append(check_path(path))
        if operator == "$rename":
            paths.extend(check_path(target) for target in fields.values())
    check_conflicts(paths)


def check_path(path):
    """The segments of one update path; WriteError 56 / 52 for an empty or `$` segment."""
    if not isinstance(path, str) or path == "":
        raise WriteError("An empty update path is not valid.", EMPTY_FIELD_NAME)
    segments = path.split(".")
    for position, segment in enumerate(segments):
        if segment == "":
            raise WriteError(
                f"The update path '{path}' contains an empty field name, which is not allowed.",
                EMPTY_FIELD_NAME,
            )
        if segment.startswith("$") and (position == 0 or not POSITIONAL.match(segment)):
            raise WriteError(
                f"The dollar ($) prefixed field '{segment}' in '{path}' is not allowed in the"
                " context of an update's replacement document. Consider using an aggregation"
                " pipeline with $replaceWith.",
                DOLLAR_PREFIXED_FIELD_NAME,
            )
    return tuple(segments)


def check_conflicts(paths):
    """Two paths of one update may not be equal or one a prefix of the other (code 40)."""
    ordered = sorted(paths)
    for shorter, longer in zip(ordered, ordered[1:], strict=False):
        if longer[: len(shorter)] == shorter:
            raise WriteError(
                f"Updating the path '{'.'.join(longer)}' would create a conflict at"
                f" '{'.'.join(shorter)}'",
                CONFLICTING_UPDATE_OPERATORS,
            )


def check_skip(skip):
    """A cursor's skip as pymongo checks it, and within int64 as BSON must encode it."""
    if not isinstance(skip, int):
        raise TypeError(f"skip must be an integer, not {type(skip)}")
    if skip < 0:
        raise ValueError("skip must be >= 0")
    _within_int64(skip)


def check_limit(limit):
    """A cursor's limit as pymongo checks it, and within int64."""
    if not isinstance(limit, int):
        raise TypeError(f"limit must be an integer, not {type(limit)}")
    _within_int64(limit)


def _within_int64(value):
    if not -INT64_MAX - 1 <= value <= INT64_MAX:
        raise OverflowError("MongoDB can only handle up to 8-byte ints")
