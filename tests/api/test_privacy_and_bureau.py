"""/meta's bureau contact and privacy notice, and GET /privacy: the newest notice in force."""

import pytest

from models.privacy import PrivacyNotice
from server.clock import SHANGHAI
from server.config import ConfigError, load
from tests.unit.test_config import PRODUCTION

META = "/api/mp/v1/meta"
PRIVACY = "/api/mp/v1/privacy"


def test_meta_gives_the_demo_bureau_and_where_the_map_opens(client):
    bureau = client.get(META)["bureau"]
    assert bureau == {
        "name": "临江县教育局",
        "phone": "0579-82345678",
        "hours": "工作日 8:30-12:00，14:00-17:30",
        "center": {"lat": 29.085, "lng": 119.647},
    }


def test_the_default_notice_declares_what_is_collected_why_who_and_how_long(client):
    ref = client.get(META)["privacy"]
    notice = client.get(PRIVACY)
    assert ref["version"] == notice["version"]
    assert ref["title"] == notice["title"] == "双减监督小程序隐私保护指引"
    assert ref["url"].endswith("/api/mp/v1/privacy")
    declarations = ("位置信息", "照片和摄像头", "手机号码", "谁能看到", "保存多久", "临江县教育局")
    for declared in declarations:
        assert declared in notice["body"], declared
    assert "0579-82345678" in notice["body"]


def _store(version, effective_date, title="隐私保护指引"):
    PrivacyNotice(version=version, title=title, body="正文", effective_date=effective_date).save()


def test_the_newest_notice_in_force_is_served_not_one_still_to_come(client, now):
    today = now.astimezone(SHANGHAI).date().isoformat()
    _store("v2", "2026-01-01")
    _store("v3", today, title="第三版")
    _store("v4", "2099-01-01", title="尚未生效")
    notice = client.get(PRIVACY)
    assert (notice["version"], notice["title"], notice["effective_date"]) == ("v3", "第三版", today)
    assert client.get(META)["privacy"]["version"] == "v3"


def test_production_without_bureau_settings_says_null_and_a_bad_centre_is_refused():
    production = dict(PRODUCTION)  # every setting production requires
    config = load(production)
    assert (config["BUREAU_NAME"], config["BUREAU_CENTER"]) == (None, None)
    assert load(dict(production, BUREAU_CENTER="30.1, 120.2"))["BUREAU_CENTER"] == (30.1, 120.2)
    with pytest.raises(ConfigError, match="BUREAU_CENTER"):
        load(dict(production, BUREAU_CENTER="north"))
