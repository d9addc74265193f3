"""The hostile-input corpus for query arguments: hypothesis fills every GET's documented
query parameters (read from both Swagger specs) with hostile text; never a 5xx, and every
refusal in our error shape."""

from hypothesis import given
from hypothesis import strategies as st

from tests.support.hostile_support import CONTROLS, MP, SETTINGS, STAFF, assert_error_shape

QUERY_TEXT = st.text(max_size=12) | st.sampled_from(
    [
        "9" * 5000,
        "99999999999999999999999",
        "-1",
        "0",
        "1e3",
        "nan",
        "true,false",
        "a,b,,",
        CONTROLS,
    ]
)


def query_operations(client):
    """(base, path, {query parameter names}) of every GET that declares query parameters."""
    found = []
    for base in (MP, STAFF):
        spec = client.get(f"{base}/swagger.json")
        for path, item in spec["paths"].items():
            params = item.get("get", {}).get("parameters", [])
            names = {p["name"] for p in params if p.get("in") == "query"}
            if names and "{" not in path:
                found.append((base, path, names))
    return found


def test_hostile_query_arguments_never_break_the_service(app, client, parent, admin):
    operations = query_operations(client)
    assert len(operations) >= 6  # institutions (both), complaints, stats, ledger, notices...

    @SETTINGS
    @given(data=st.data())
    def fuzz(data):
        for base, path, names in operations:
            args = data.draw(st.dictionaries(st.sampled_from(sorted(names)), QUERY_TEXT))
            token = parent.token if base == MP else admin.token
            response = app.test_client().get(
                base + path, query_string=args, headers={"Authorization": f"Bearer {token}"}
            )
            assert response.status_code < 500, (path, args, response.data[:300])
            if response.status_code >= 400:
                assert_error_shape(response)

    fuzz()
