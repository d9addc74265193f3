"""Name normalisation, pinyin keys, geohash cells and distances."""

import math
import random

import pytest

from server.services.directory import geo
from server.services.directory.names import normalize_name, pinyin_keys, syllable_starts


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("啟航英語培訓學校", "启航英语培训学校"),
        ("ＡＢＣ　少儿英语（城关校区）", "abc少儿英语城关校区"),
        (" 新 东-方·学堂！ ", "新东方学堂"),
        ("第１培训中心", "第1培训中心"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_name(raw, normalized):
    assert normalize_name(raw) == normalized


@pytest.mark.parametrize(
    ("name", "spelled", "initials"),
    [
        ("新东方", "xin dong fang", "xdf"),
        ("中国银行", "zhong guo yin hang", "zgyh"),  # a phrase picks 行's reading
        ("abc少儿英语", "abc shao er ying yu", "abcseyy"),  # a Latin run stays whole
        ("第1培训中心", "di 1 pei xun zhong xin", "d1pxzx"),
    ],
)
def test_pinyin_keys(name, spelled, initials):
    assert pinyin_keys(name) == (spelled, initials)


def test_syllable_starts():
    assert syllable_starts("xin dong fang") == [0, 3, 7]


@pytest.mark.parametrize(
    ("lat", "lng", "precision", "expected"),
    [
        (57.64911, 10.40744, 11, "u4pruydqqvj"),
        (42.605, -5.603, 5, "ezs42"),
        (39.9042, 116.4074, 9, "wx4g0bm6c"),
        (-90, -180, 4, "0000"),
        (90, 180, 4, "zzzz"),
    ],
)
def test_geohash_matches_known_values(lat, lng, precision, expected):
    assert geo.geohash(lat, lng, precision) == expected


def _decode_cell(code):
    """(column, row) of a geohash, by de-interleaving its bits (the test's own decoder)."""
    bits = "".join(f"{geo.BASE32.index(ch):05b}" for ch in code)
    return int(bits[0::2], 2), int(bits[1::2], 2)


def test_integer_cells_are_the_geohash_cells():
    rng = random.Random(1)
    for _ in range(200):
        lat, lng = rng.uniform(-80, 80), rng.uniform(-179, 179)
        for precision in geo.INDEXED_PRECISIONS:
            column, row = _decode_cell(geo.geohash(lat, lng, precision))
            assert geo.cell_of(lat, lng, precision) == column << 32 | row


@pytest.mark.parametrize("radius", [50, 800, 3000, 12000, 50000])
def test_covering_cells_hold_every_point_in_the_circle(radius):
    rng = random.Random(radius)
    lat, lng = 29.085, 119.647
    precision, cells = geo.covering_cells(lat, lng, radius)
    assert len(cells) <= geo.MAX_COVER_CELLS
    for _ in range(500):
        bearing, distance = rng.uniform(0, 2 * math.pi), radius * math.sqrt(rng.random())
        p_lat = lat + distance * math.cos(bearing) / geo.METRES_PER_DEGREE_LAT
        p_lng = lng + distance * math.sin(bearing) / (
            geo.METRES_PER_DEGREE_LAT * math.cos(math.radians(lat))
        )
        if geo.haversine_m(lat, lng, p_lat, p_lng) <= radius:
            assert geo.cell_of(p_lat, p_lng, precision) in cells


def test_chord_distance_is_the_great_circle_distance():
    rng = random.Random(2)
    for _ in range(200):
        a = (rng.uniform(18, 53), rng.uniform(73, 135))
        b = (a[0] + rng.uniform(-0.5, 0.5), a[1] + rng.uniform(-0.5, 0.5))
        pairs = zip(geo.unit_vector(*a), geo.unit_vector(*b), strict=True)
        chord2 = sum((p - q) ** 2 for p, q in pairs)
        assert geo.distance_from_chord2(chord2) == pytest.approx(geo.haversine_m(*a, *b), rel=1e-6)
    assert geo.distance_from_chord2(geo.chord2_for(3000)) == pytest.approx(3000)
