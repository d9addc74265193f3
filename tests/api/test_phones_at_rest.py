"""Parents' phones sealed at rest (AES-GCM under DATA_KEY), masked in answers, re-sealed on
rotation, and clear ones from before sealed by migrate-store."""

import base64
import json

import pytest

from models import sealed
from models.audit import AuditEntry
from models.complaint import Complaint
from server.app import create_app
from server.config import ConfigError
from server.datakeys import keys_from_config
from tests.conftest import app_config
from tests.support.complaint_support import body_for, make_institution, submit
from tests.support.factories import ComplaintFactory

LIST = "/api/staff/v1/complaints"
PHONE = "13812345678"
NEW_KEY = base64.b64encode(b"n" * 32).decode()
LOST_KEY = base64.b64encode(b"l" * 32).decode()


def stored(no):
    """The complaint as MongoDB holds it."""
    return Complaint._get_collection().find_one({"no": no})


@pytest.fixture
def test_keys():
    """Give each test back the test profile's data key, whatever it installed."""
    yield
    sealed.install_keys(*keys_from_config({"APP_ENV": "test"}))


def test_a_submitted_phone_is_stored_sealed_and_answered_masked(parent, login_staff):
    no = submit(parent, body_for(make_institution(), contact_phone="138 1234 5678"))["no"]
    raw = stored(no)
    assert PHONE not in json.dumps(raw, default=str)
    assert set(raw["contact_phone"]) == {"k", "c", "h"}
    assert raw["contact_phone"]["k"] == sealed.current_key_id()
    assert parent.get(f"/api/mp/v1/complaints/{no}")["contact_phone"] == "138****5678"
    staff = login_staff("dispatcher", ("dispatcher",))
    assert staff.get(f"{LIST}/{no}")["contact_phone"] == "138****5678"
    assert staff.post(f"{LIST}/{no}/contact") == {"contact_phone": PHONE}
    assert staff.get(f"{LIST}/{no}")["audit"][-1]["action"] == "reveal_contact"
    (entry,) = AuditEntry.objects.order_by("-seq").limit(1)
    assert (entry.action, entry.actor_username) == ("contact_revealed", "dispatcher")
    assert (entry.target, entry.details) == (f"complaint:{no}", {})


def test_equal_phones_share_a_keyed_hash_but_not_a_ciphertext():
    first, second = ComplaintFactory(), ComplaintFactory()
    one, two = stored(first.no)["contact_phone"], stored(second.no)["contact_phone"]
    assert one["h"] == two["h"] == sealed.digest(PHONE, label="complaints.contact_phone")
    assert one["c"] != two["c"]
    assert one["h"] != sealed.digest("13812345679", label="complaints.contact_phone")


def test_a_tampered_value_reads_as_no_phone_not_an_error(login_staff):
    complaint = ComplaintFactory()
    value = stored(complaint.no)["contact_phone"]
    value["c"] = base64.b64encode(b"\0" * 40).decode()
    collection = Complaint._get_collection()
    collection.update_one({"_id": complaint.pk}, {"$set": {"contact_phone": value}})
    staff = login_staff("dispatcher", ("dispatcher",))
    assert staff.get(f"{LIST}/{complaint.no}")["contact_phone"] is None


def test_migrate_store_seals_phones_stored_in_clear(app, login_staff):
    complaint = ComplaintFactory()
    collection = Complaint._get_collection()
    collection.update_one({"_id": complaint.pk}, {"$set": {"contact_phone": PHONE}})
    staff = login_staff("dispatcher", ("dispatcher",))
    assert staff.post(f"{LIST}/{complaint.no}/contact") == {"contact_phone": PHONE}
    result = app.test_cli_runner().invoke(args=["migrate-store"])
    assert "phones sealed at rest: 1 documents changed" in result.output
    assert stored(complaint.no)["contact_phone"]["k"] == sealed.current_key_id()
    assert staff.post(f"{LIST}/{complaint.no}/contact") == {"contact_phone": PHONE}
    again = app.test_cli_runner().invoke(args=["migrate-store"])
    assert "phones sealed at rest: 0 documents changed" in again.output


def test_rotate_data_key_reseals_under_the_new_key(app, login_staff, test_keys):
    complaint = ComplaintFactory()
    old_id = stored(complaint.no)["contact_phone"]["k"]
    current, _ = keys_from_config({"APP_ENV": "test"})
    new, _ = keys_from_config({"APP_ENV": "test", "DATA_KEY": NEW_KEY})
    sealed.install_keys(new, [current])  # DATA_KEY=new, DATA_KEYS_OLD=old
    result = app.test_cli_runner().invoke(args=["rotate-data-key"])
    assert result.exit_code == 0, result.output
    assert f"1 values re-sealed under key {sealed.key_id(new)}" in result.output
    assert stored(complaint.no)["contact_phone"]["k"] == sealed.key_id(new) != old_id
    sealed.install_keys(new)  # the old key dropped from this process's ring
    sealed._keys.pop(old_id)
    staff = login_staff("dispatcher", ("dispatcher",))
    assert staff.post(f"{LIST}/{complaint.no}/contact") == {"contact_phone": PHONE}


def test_rotation_names_values_under_a_key_it_was_not_given(app, test_keys):
    lost, _ = keys_from_config({"APP_ENV": "test", "DATA_KEY": LOST_KEY})
    sealed.install_keys(lost)
    complaint = ComplaintFactory()
    sealed._keys.pop(sealed.key_id(lost))
    sealed.install_keys(*keys_from_config({"APP_ENV": "test"}))
    result = app.test_cli_runner().invoke(args=["rotate-data-key"])
    assert result.exit_code != 0
    assert "1 values are under a key not given" in result.output
    assert stored(complaint.no)["contact_phone"]["k"] == sealed.key_id(lost)


@pytest.mark.parametrize("key", [None, "c2hvcnQ=", "not base64 at all!"])
def test_production_refuses_to_start_without_a_fit_data_key(fake_wechat, key):
    config = app_config(
        fake_wechat,
        APP_ENV="production",
        PUBLIC_BASE_URL="https://shuangjian.example.cn",
        WECHAT_PUSH_TOKEN="Q7pK2mX9vR4tL8wN3bY6cH1dF5gJ0sZa",
        WECHAT_TEMPLATE_STATUS="tmpl",
        MONGODB_URI="mongodb://db.example.invalid:27017/?serverSelectionTimeoutMS=1",
        DATA_KEY=key,
    )
    with pytest.raises(ConfigError, match="DATA_KEY"):
        create_app(config)
