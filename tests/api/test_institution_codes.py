"""Institutions' mini-program codes and posters: PNGs from WeChat, cached in GridFS."""

import io

import pytest
from PIL import Image

from models.institution import Institution
from server.db import grid_fs

WXA = "wxa/getwxacodeunlimit"


@pytest.fixture
def institution():
    """A whitelisted institution in the archive."""
    return Institution(
        name="阳光体育培训中心", status="whitelist", licence_no="教民1234567890123号"
    ).save()


def code_url(institution, query=""):
    return f"/api/staff/v1/institutions/{institution.id}/code{query}"


def wxa_calls(fake_wechat):
    return [c for c in fake_wechat.calls if c["path"] == WXA]


def decode(response):
    """The PNG in a response, decoded by Pillow."""
    assert response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.data))
    image.load()
    assert image.format == "PNG"
    return image


def test_the_code_is_a_png_asked_for_with_the_institution_id_and_page(
    admin, fake_wechat, institution
):
    image = decode(admin.get(code_url(institution)))
    assert image.size == (430, 430)
    (call,) = wxa_calls(fake_wechat)
    assert call["json"]["scene"] == str(institution.id)
    assert call["json"]["page"] == "pages/institution/detail"
    assert call["json"]["width"] == 430


def test_the_second_fetch_comes_from_the_gridfs_cache(admin, fake_wechat, institution):
    first = admin.get(code_url(institution)).data
    second = admin.get(code_url(institution)).data
    assert first == second
    assert len(wxa_calls(fake_wechat)) == 1
    assert grid_fs().find_one({"filename": {"$regex": f"^wxacode/{institution.id}/"}})


def test_a_missing_cache_entry_is_fetched_again(admin, fake_wechat, institution):
    admin.get(code_url(institution))
    fs = grid_fs()
    for stored in fs.find({"metadata.institution": str(institution.id)}):
        fs.delete(stored._id)
    decode(admin.get(code_url(institution)))
    assert len(wxa_calls(fake_wechat)) == 2


def test_each_width_of_the_fixed_set_is_its_own_code(admin, fake_wechat, institution):
    assert decode(admin.get(code_url(institution, "?width=1280"))).size == (1280, 1280)
    admin.get(code_url(institution))
    admin.get(code_url(institution, "?width=280"))
    assert [c["json"]["width"] for c in wxa_calls(fake_wechat)] == [1280, 430, 280]


@pytest.mark.parametrize(
    "query",
    ["?width=100", "?width=600", "?width=431", "?width=2000", "?width=abc", "?poster=maybe"],
)
def test_bad_arguments_are_400(admin, institution, query):
    assert admin.get(code_url(institution, query), status=400)["code"] == "validation_error"


def test_the_poster_is_a_larger_png_with_the_code(admin, fake_wechat, institution):
    code = decode(admin.get(code_url(institution)))
    poster = decode(admin.get(code_url(institution, "?poster=1")))
    assert poster.width > code.width
    assert poster.height > poster.width
    # The institution page's code is on it: dark pixels in the middle band.
    middle = poster.convert("L").crop((220, 800, 1020, 1400))
    assert middle.getextrema()[0] < 50
    # A second poster needs no new code from WeChat, and is not drawn again: it is cached.
    calls = len(wxa_calls(fake_wechat))
    again = admin.get(code_url(institution, "?poster=1")).data
    assert len(wxa_calls(fake_wechat)) == calls
    posters = {"filename": {"$regex": f"^wxposter/{institution.id}/"}}
    assert [f.read() for f in grid_fs().find(posters)] == [again]


def test_a_poster_is_drawn_anew_when_the_institution_changes(admin, institution):
    first = admin.get(code_url(institution, "?poster=1")).data
    admin.post(
        f"/api/staff/v1/institutions/{institution.id}/status",
        json={"status": "blacklist", "reason": "无证办学"},
    )
    second = admin.get(code_url(institution, "?poster=1")).data
    assert second != first
    posters = {"filename": {"$regex": f"^wxposter/{institution.id}/"}}
    assert len(list(grid_fs().find(posters))) == 1  # the old poster is gone


def test_the_poster_shows_the_current_list_status(admin, institution):
    white = decode(admin.get(code_url(institution, "?poster=1")))
    institution.update(set__status="blacklist")
    black = decode(admin.get(code_url(institution, "?poster=1")))
    # The status badge (left of its text, under the one-line name) is green, then black.
    assert white.getpixel((500, 445)) == (26, 127, 55)
    assert black.getpixel((500, 445)) == (20, 20, 20)


@pytest.mark.parametrize("role", ["viewer", "handler", "dispatcher"])
def test_any_staff_role_may_fetch(login_staff, institution, role):
    decode(login_staff("someone", [role]).get(code_url(institution)))


def test_parents_and_anonymous_callers_are_refused(parent, client, institution):
    parent.get(code_url(institution), status=401)
    client.get(code_url(institution), status=401)


@pytest.mark.parametrize("institution_id", ["0" * 24, "not-an-id"])
def test_unknown_institutions_are_404(admin, fake_wechat, institution_id):
    admin.get(f"/api/staff/v1/institutions/{institution_id}/code", status=404)
    assert wxa_calls(fake_wechat) == []


@pytest.mark.parametrize(
    "failure", [{"errcode": -1}, {"errcode": 45009}, {"status": 502}, {"errcode": 40169}]
)
def test_a_wechat_failure_is_503_and_nothing_is_cached(admin, fake_wechat, institution, failure):
    admin.get("/api/staff/v1/me")
    fake_wechat.fail_next(1, path=WXA, **failure)
    body = admin.get(code_url(institution), status=503)
    assert body["code"] == "wechat_unavailable"
    decode(admin.get(code_url(institution)))
    assert len(wxa_calls(fake_wechat)) == 2


def test_a_wechat_failure_on_a_poster_is_503(admin, fake_wechat, institution):
    fake_wechat.fail_next(1, path=WXA)
    admin.get(code_url(institution, "?poster=1"), status=503)
