"""Helpers for directory tests: valid credit codes and institutions created through the API."""

import math

from models.institution import credit_code_check_char

STAFF = "/api/staff/v1/institutions"
PUBLIC = "/api/mp/v1/institutions"
SEAT = (29.085, 119.647)


def credit_code(n):
    """A valid unified social credit code, different for each `n`."""
    first17 = f"91330723MA{n:07d}"
    return first17 + credit_code_check_char(first17)


def create(admin, name, **fields):
    """Create an institution through the staff API; returns its staff detail."""
    body = {"name": name, "kind": "subject", "status": "whitelist", **fields}
    if body["kind"] == "non_subject":
        body.setdefault("category", "arts")
    return admin.post(STAFF, json=body, status=201)


def point(north_m=0.0, east_m=0.0, origin=SEAT):
    """{"lat", "lng"} about `north_m` and `east_m` metres from `origin`."""
    lat = origin[0] + north_m / 111_195
    lng = origin[1] + east_m / (111_195 * math.cos(math.radians(origin[0])))
    return {"lat": round(lat, 7), "lng": round(lng, 7)}


def haversine_m(a, b):
    """Great-circle metres between two {"lat", "lng"} (the test's own formula)."""
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lng"] - a["lng"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


def names(body):
    """The names in a list answer, in order."""
    return [item["name"] for item in body["items"]]
