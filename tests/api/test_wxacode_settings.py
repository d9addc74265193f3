"""小程序码 settings: WeChat's JPEG answer served as PNG, check_path / env_version sent as
configured, and 41030 answered to staff with what to fix."""

import io

import pytest
from PIL import Image

from models.institution import Institution
from server.app import create_app
from server.emulators.wechat.fake_png import wxa_code_image
from tests.conftest import ApiClient, app_config

WXA = "wxa/getwxacodeunlimit"
PAGE = "pages/institution/detail"


@pytest.fixture
def institution():
    """A whitelisted institution in the archive."""
    return Institution(name="阳光体育培训中心", status="whitelist").save()


def code_url(institution):
    return f"/api/staff/v1/institutions/{institution.id}/code"


def test_wechats_jpeg_is_served_as_the_same_picture_in_png(admin, fake_wechat, institution):
    response = admin.get(code_url(institution))
    served = Image.open(io.BytesIO(response.data))
    assert response.mimetype == "image/png"
    assert served.format == "PNG"
    wechat_jpeg = Image.open(io.BytesIO(wxa_code_image(str(institution.id), 430)))
    assert wechat_jpeg.format == "JPEG"
    assert served.convert("RGB").tobytes() == wechat_jpeg.convert("RGB").tobytes()
    [call] = [c for c in fake_wechat.calls if c["path"] == WXA]
    assert (call["json"]["check_path"], call["json"]["env_version"]) == (True, "release")


def test_a_page_missing_from_the_release_is_explained_to_staff(admin, fake_wechat, institution):
    fake_wechat.registry.withdraw([PAGE], "release")
    body = admin.get(code_url(institution), status=502)
    assert body["code"] == "wxacode_page_invalid"
    for hint in ("41030", PAGE, "WXACODE_CHECK_PATH", "WXACODE_ENV_VERSION", "MP_INSTITUTION_PAGE"):
        assert hint in body["message"]


def test_before_launch_the_trial_settings_make_codes(admin, fake_wechat, institution, now):
    fake_wechat.registry.withdraw([PAGE], "release")
    trial = create_app(
        app_config(fake_wechat, WXACODE_CHECK_PATH=False, WXACODE_ENV_VERSION="trial")
    )
    trial.extensions["clock"].set(now)  # the same time as the app that signed the admin in
    response = ApiClient(trial.test_client(), admin.token).get(code_url(institution))
    assert Image.open(io.BytesIO(response.data)).format == "PNG"
    [call] = [c for c in fake_wechat.calls if c["path"] == WXA]
    assert (call["json"]["check_path"], call["json"]["env_version"]) == (False, "trial")
