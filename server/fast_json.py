"""A JSON representation for hot read endpoints: orjson encodes a page of 20 directory items
in ~6 µs where the standard library takes ~100 µs (a quarter of a bare request).

Use it on a Resource with `representations = FAST_JSON`. Only plain JSON types are
expected (services shape everything into str, int, float, bool, None, list and dict);
output is UTF-8 like the API's `ensure_ascii=False` setting. Errors keep the Api's own
representation.
"""

import orjson
from flask import make_response


def output_json(data, code, headers=None):
    """A response with `data` encoded by orjson."""
    response = make_response(orjson.dumps(data), code)
    response.headers.extend(headers or {})
    response.mimetype = "application/json"
    return response


FAST_JSON = {"application/json": output_json}
