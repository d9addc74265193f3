"""The staff API's answers and their Swagger models come from the same shapes: each model in
swagger.json declares exactly its shape's keys, required-ness and nullability, and each
answer carries exactly the keys its shape declares (so a field added to a shape shows in
both, and one the service stops writing fails here)."""

from datetime import timedelta

import pytest

from server.clock import SHANGHAI, iso
from server.services import admin as accounts
from server.services import (
    archive,
    audit,
    caps,
    complaints,
    hotline,
    photos,
    privacy,
    queue_news,
    warnings,
)
from tests.api.test_hotline_exchange import HEADERS, orders
from tests.conftest import TEST_PASSWORD
from tests.support.complaint_support import body_for, make_institution, submit
from tests.support.factories import jpeg_bytes
from tests.support.sheets import csv_bytes, upload

STAFF = "/api/staff/v1"
SHAPES = [
    (accounts.StaffRef, "StaffRef"),
    (accounts.StaffSignedIn, "StaffSignedIn"),
    (accounts.MfaEnrolment, "MfaEnrolment"),
    (accounts.MfaRecoveryCodes, "MfaRecoveryCodes"),
    (complaints.QueueCount, "QueueCount"),
    (complaints.StaffComplaintItem, "StaffComplaintItem"),
    (complaints.StaffComplaintDetail, "StaffComplaintDetail"),
    (complaints.Contact, "Contact"),
    (complaints.StaffComplaintFiled, "StaffComplaintFiled"),
    (complaints.ClusterMerged, "ClusterMerged"),
    (archive.StaffInstitutionItem, "StaffInstitutionItem"),
    (archive.ImportFailed, "ImportFailed"),
    (audit.SecurityAuditEntry, "SecurityAuditEntry"),
    (audit.SecurityAuditVerdict, "SecurityAuditVerdict"),
    (caps.IntakeCaps, "IntakeCaps"),
    (privacy.PrivacyNoticeVersion, "PrivacyNoticeVersion"),
    (hotline.HotlineImportResult, "HotlineImportResult"),
    (hotline.HotlineImportFailed, "HotlineImportFailed"),
    (hotline.HotlineColumnsView, "HotlineColumns"),
    (queue_news.QueueChannelsView, "QueueChannels"),
    (photos.StaffUpload, "StaffUpload"),
    (warnings.WarningView, "Warning"),
    (warnings.WarningInstitution, "WarningInstitution"),
    (warnings.WarningStep, "WarningStep"),
    (warnings.WarningRules, "WarningRules"),
    (warnings.WarningRule, "WarningRule"),
]


def declared(shape, *, but=()):
    """The keys `shape` declares (aliases as answered), less those in `but`."""
    keys = [field.alias or name for name, field in shape.model_fields.items()]
    return sorted(key for key in keys if key not in but)


def in_order(shape):
    """The keys `shape` declares (aliases as answered), in the declared order."""
    return [field.alias or name for name, field in shape.model_fields.items()]


def nested(shape, key):
    """The shape of `shape`'s field `key` (a shape, maybe in a list or with None)."""
    annotation = shape.model_fields[key].annotation
    while not isinstance(annotation, type):
        annotation = next(a for a in annotation.__args__ if a is not type(None))
    return annotation


@pytest.mark.parametrize(("shape", "name"), SHAPES, ids=[name for _, name in SHAPES])
def test_each_staff_model_is_its_shape(client, shape, name):
    definition = client.get(f"{STAFF}/swagger.json")["definitions"][name]
    assert list(definition["properties"]) == in_order(shape)
    required = [f.alias or n for n, f in shape.model_fields.items() if f.is_required()]
    assert definition["required"] == required
    for key, field in shape.model_fields.items():
        nullable = type(None) in getattr(field.annotation, "__args__", ())
        assert definition["properties"][field.alias or key].get("x-nullable", False) is nullable


def test_each_staff_answer_carries_its_shape_keys(admin, login_staff, now):
    school = make_institution("启航教育")
    body = {"channel": "phone", "received_at": iso(now - timedelta(hours=2))}
    body |= {"institution_id": str(school.pk), "category": "fees", "caller_phone": "13812345678"}
    body |= {"description": "家长来电：机构要求一次交清两年学费，拒绝退费。"}
    filed = admin.post(f"{STAFF}/complaints", json=body, status=201)
    assert sorted(filed) == declared(complaints.StaffComplaintFiled)
    (item,) = admin.get(f"{STAFF}/complaints")["items"]
    assert sorted(item) == declared(complaints.StaffComplaintItem)
    place = complaints.StaffComplaintItem.model_fields["institution"].annotation
    assert sorted(item["institution"]) == declared(place, but=("address", "district"))
    assert sorted(item["cluster"]) == declared(
        nested(complaints.StaffComplaintItem, "cluster"), but=("numbers",)
    )
    detail = admin.get(f"{STAFF}/complaints/{filed['no']}")
    assert sorted(detail) == declared(complaints.StaffComplaintDetail)
    assert sorted(detail["institution"]) == declared(place)
    (step,) = detail["audit"][:1]
    assert sorted(step) == declared(nested(complaints.StaffComplaintDetail, "audit"))
    (queue, *_) = admin.get(f"{STAFF}/queues")
    assert sorted(queue) == declared(complaints.QueueCount)
    merged = admin.post(f"{STAFF}/complaints/{filed['no']}/cluster/merge")
    assert sorted(merged) == declared(complaints.ClusterMerged)
    (listed,) = admin.get(f"{STAFF}/institutions", query_string={"q": "启航"})["items"]
    assert sorted(listed) == declared(archive.StaffInstitutionItem, but=("distance_m",))
    assert sorted(admin.get(f"{STAFF}/intake/caps")) == declared(caps.IntakeCaps)
    auditor = login_staff("auditor", ["auditor"])
    (entry, *_) = auditor.get(f"{STAFF}/audit")["items"]
    assert sorted(entry) == declared(audit.SecurityAuditEntry)
    assert sorted(auditor.get(f"{STAFF}/audit/verify")) == declared(audit.SecurityAuditVerdict)


def test_a_sign_in_answers_in_its_shape(client, make_staff):
    make_staff("clerk", ("dispatcher",))
    login = {"username": "clerk", "password": TEST_PASSWORD}
    signed_in = client.post(f"{STAFF}/auth/login", json=login)
    assert sorted(signed_in) == declared(accounts.StaffSignedIn)
    assert sorted(signed_in["staff"]) == declared(accounts.StaffMember)


def test_a_dispatcher_sees_the_contact_in_its_shape(login_staff, now):
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    body = {"channel": "phone", "received_at": iso(now - timedelta(hours=1)), "category": "fees"}
    body |= {"institution_name": "无名培训班", "institution_address": "城关镇人民路 9 号"}
    body |= {"caller_phone": "13812345678"}
    body |= {"caller_name": "张晓梅", "description": "家长来电：机构要求一次交清两年学费。"}
    filed = dispatcher.post(f"{STAFF}/complaints", json=body, status=201)
    shown = dispatcher.post(f"{STAFF}/complaints/{filed['no']}/contact")
    assert sorted(shown) == declared(complaints.Contact)


def test_settings_uploads_notices_and_warnings_answer_in_their_shapes(
    admin, login_parent, demo_queues, now
):
    today = now.astimezone(SHANGHAI).date().isoformat()
    draft = {"version": "v2", "title": "隐私保护指引", "body": "我们收集……"}
    notice = admin.post(
        f"{STAFF}/privacy-notices", json={**draft, "effective_date": today}, status=201
    )
    imported = upload(admin, f"{STAFF}/hotline/import", csv_bytes(HEADERS, orders(now)), "a.csv")
    channels = admin.get(f"{STAFF}/queues/{demo_queues['training'].id}/channels")
    photo = upload(admin, f"{STAFF}/uploads", jpeg_bytes(), "scan.jpg", status=201)
    blacklisted = make_institution("无证托管班", status="blacklist")
    submit(login_parent("p1"), body_for(blacklisted))
    (warning,) = admin.get(f"{STAFF}/warnings")["items"]
    seen = admin.post(f"{STAFF}/warnings/{warning['id']}/acknowledge", json={"note": "已核查"})
    rules = admin.get(f"{STAFF}/warnings/rules")
    served = [
        (privacy.PrivacyNoticeVersion, notice),
        (hotline.HotlineColumnsView, admin.get(f"{STAFF}/hotline/columns")),
        (hotline.HotlineImportResult, imported),
        (queue_news.QueueChannelsView, channels),
        (accounts.QueueRef, channels["queue"]),
        (photos.StaffUpload, photo),
        (warnings.WarningView, warning),
        (warnings.WarningView, seen),
        (warnings.WarningInstitution, seen["institution"]),
        (warnings.WarningStep, seen["history"][-1]),
        (warnings.WarningRules, rules),
        (warnings.WarningRule, rules["items"][0]),
    ]
    for shape, answer in served:
        assert list(answer) == in_order(shape), shape.__name__
    assert in_order(hotline.HotlineColumnsView) == list(hotline.DEFAULTS)
