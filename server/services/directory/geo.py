"""Geohash cells and great-circle distance: nearby search without `$near`.

The encoder is the standard interleaving of longitude and latitude bits in base32; it is
20 lines, so we write it rather than pin a library for it. In memory a cell is the integer
(column, row) of the same grid, so the cells covering a circle's bounding box are two
ranges, not strings to spell; exact great-circle distance then decides.
"""

import math

BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"
EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG)
METRES_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_M / 180
INDEXED_PRECISIONS = (4, 5, 6)  # cells of ~39x20 km, ~4.9x4.9 km, ~1.2x0.6 km
MAX_COVER_CELLS = 120


def _spread(value):
    """Put a zero bit between each of the 32 low bits of `value` (Morton interleaving)."""
    value &= 0xFFFFFFFF
    value = (value | (value << 16)) & 0x0000FFFF0000FFFF
    value = (value | (value << 8)) & 0x00FF00FF00FF00FF
    value = (value | (value << 4)) & 0x0F0F0F0F0F0F0F0F
    value = (value | (value << 2)) & 0x3333333333333333
    return (value | (value << 1)) & 0x5555555555555555


def _quantize(value, low, span, bits):
    return min(int((value - low) / span * (1 << bits)), (1 << bits) - 1)


def geohash(lat, lng, precision=9):
    """The geohash of a point, `precision` (1-12) characters long."""
    total = 5 * precision
    bits = (total + 1) // 2  # longitude gets the extra bit when `total` is odd
    code = (_spread(_quantize(lng, -180.0, 360.0, bits)) << 1) | _spread(
        _quantize(lat, -90.0, 180.0, bits)
    )
    code >>= 2 * bits - total  # drop the surplus finest latitude bit
    return "".join(BASE32[(code >> shift) & 31] for shift in range(total - 5, -1, -5))


def haversine_m(lat1, lng1, lat2, lng2):
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def unit_vector(lat, lng):
    """The point on the unit sphere, (x, y, z): the straight-line (chord) distance between
    two such points grows with their great-circle distance, and needs no trigonometry."""
    phi, lam = math.radians(lat), math.radians(lng)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def chord2_for(distance_m):
    """The squared chord (unit sphere) of a great-circle distance in metres."""
    return (2 * math.sin(min(math.pi, distance_m / EARTH_RADIUS_M) / 2)) ** 2


def distance_from_chord2(chord2):
    """Great-circle metres from a squared chord: the same value as haversine_m."""
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(chord2) / 2))


def bounding_box(lat, lng, radius_m):
    """(south, west, north, east) degrees enclosing the circle."""
    dlat = radius_m / METRES_PER_DEGREE_LAT
    cos_lat = max(math.cos(math.radians(lat)), 1e-6)
    dlng = min(180.0, dlat / cos_lat)
    return max(-90.0, lat - dlat), lng - dlng, min(90.0, lat + dlat), lng + dlng


def _bits(precision):
    """(longitude bits, latitude bits) of a geohash `precision` characters long."""
    total = 5 * precision
    return (total + 1) // 2, total // 2


def cell_of(lat, lng, precision):
    """The geohash cell of a point as an integer, column << 32 | row (the same cell as
    geohash(lat, lng, precision), without spelling it in base32)."""
    lng_bits, lat_bits = _bits(precision)
    return _quantize(lng, -180.0, 360.0, lng_bits) << 32 | _quantize(lat, -90.0, 180.0, lat_bits)


def covering_cells(lat, lng, radius_m):
    """(precision, cells): the finest indexed precision whose cells covering the circle's
    bounding box number at most MAX_COVER_CELLS (the coarsest one otherwise)."""
    south, west, north, east = bounding_box(lat, lng, radius_m)
    for precision in reversed(INDEXED_PRECISIONS):
        lng_bits, lat_bits = _bits(precision)
        x0, x1 = (_quantize(v, -180.0, 360.0, lng_bits) for v in (west, east))
        y0, y1 = (_quantize(v, -90.0, 180.0, lat_bits) for v in (south, north))
        if (x1 - x0 + 1) * (y1 - y0 + 1) <= MAX_COVER_CELLS:
            break
    return precision, [x << 32 | y for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
