"""Factories: institutions and staff through the real services; factory_boy for documents
tests set up directly (complaints, parents, photos).

`complaint_in(status, ...)` makes a complaint whose fields agree with its status (an
accepted one has `accepted_at`, one in need_info has an open pause, ...), so tests can
start anywhere in the life cycle without walking there through the API. "Now" is
`utcnow()` outside an app context: the instant conftest's `clock` set for the test.
"""

import io
from datetime import timedelta

import factory
from factory.mongoengine import MongoEngineFactory
from PIL import Image

from models.complaint import Complaint, Pause
from models.institution import Institution
from models.parent import Parent
from models.photo import Photo
from server.clock import SHANGHAI, utcnow
from server.db import grid_fs
from server.services.admin import create_staff, default_queue
from server.services.archive import create_institution
from server.services.complaints.store.deadline_fields import fill
from server.services.deadlines import DeadlineRules, initial_deadlines
from server.services.holidays import load_calendar
from server.services.permissions import SYSTEM, system_actor


def make_institution(name, *, by="factory", **fields):
    """An archive institution made by the archive service itself (checked, dated, journaled)."""
    data = {"name": name, "kind": "subject", "status": "whitelist", **fields}
    if data["kind"] == "non_subject":
        data.setdefault("category", "arts")
    return create_institution(data, actor=system_actor(by))


def make_staff_member(username, roles, queues=(), *, password, name=None):
    """A staff account made by the accounts service (hashed password, queues by key)."""
    return create_staff(
        actor=SYSTEM,
        username=username,
        name=name or username,
        password=password,
        roles=list(roles),
        queues=list(queues),
        seeded=True,
    )


def jpeg_bytes(size=(64, 48), color=(200, 40, 40)):
    """A real JPEG made by Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


class ParentFactory(MongoEngineFactory):
    """A parent known by a made-up openid."""

    class Meta:
        model = Parent

    openid = factory.Sequence(lambda n: f"o-factory-parent-{n:06d}")


class PhotoFactory(MongoEngineFactory):
    """A photo whose two sizes are real JPEGs in GridFS."""

    class Meta:
        model = Photo

    owner = factory.SubFactory(ParentFactory)
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    full_file = factory.LazyFunction(lambda: grid_fs().put(jpeg_bytes((64, 48))))
    thumb_file = factory.LazyFunction(lambda: grid_fs().put(jpeg_bytes((32, 24))))
    width = 64
    height = 48
    bytes = factory.LazyAttribute(lambda photo: grid_fs().get(photo.full_file).length)
    moderation = "pass"


def _deadline(which):
    def compute(complaint):
        due = initial_deadlines(
            complaint.created_at, rules=DeadlineRules(), calendar=load_calendar()
        )
        return due[which]

    return factory.LazyAttribute(compute)


class ComplaintFactory(MongoEngineFactory):
    """A submitted complaint in the triage queue, filed now, with deadlines from the rules."""

    class Meta:
        model = Complaint

    no = factory.Sequence(lambda n: f"TS20261128{n:04d}")
    parent = factory.SubFactory(ParentFactory)
    institution_name = "阳光学科培训中心"
    institution_address = "城关镇人民路 1 号"
    category = "fees"
    description = "机构要求一次性预交一年学费，远超三个月，拒绝按示范文本签合同。"
    contact_phone = "13812345678"
    queue = factory.LazyFunction(default_queue)
    status = "submitted"
    created_at = factory.LazyFunction(utcnow)
    accept_due_at = _deadline(0)
    resolve_due_at = _deadline(1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Insert as the complaint store does: with its stored deadline fields computed."""
        complaint = model_class(*args, **kwargs)
        keep_deadlines(complaint)
        return complaint


def keep_deadlines(complaint):
    """Save a complaint set up by hand with its stored deadline fields (due_at, ...) current."""
    fill(complaint, calendar=load_calendar(), now=utcnow())
    complaint.save()


def complaint_in(status, *, assignee=None, **fields):
    """A complaint in `status` with the fields that status implies."""
    now = fields.get("created_at") or utcnow()
    implied = {
        "submitted": {},
        "accepted": {"accepted_at": now},
        "in_progress": {"accepted_at": now, "assignee": assignee},
        "need_info": {
            "accepted_at": now,
            "assignee": assignee,
            "paused_from": "in_progress",
            "pauses": [Pause(start=now + timedelta(minutes=5))],
        },
        "resolved": {"accepted_at": now, "assignee": assignee, "resolved_at": now},
        "closed": {"accepted_at": now, "resolved_at": now, "closed_at": now},
        "rejected": {},
        "merged": {"merged_into": "TS202611270001"},
        "reopened": {"accepted_at": now, "assignee": assignee, "reopened_at": now},
    }[status]
    if status in ("resolved", "closed"):
        implied.update(outcome="substantiated")
    return ComplaintFactory(status=status, **{**implied, **fields})


def rectification_opening(institution_name, *, now):
    """A valid POST /rectifications body for a fresh whitelisted institution, due ten
    Shanghai days after `now`."""
    institution = Institution(name=institution_name, status="whitelist").save()
    return {
        "institution_id": str(institution.id),
        "problems": ["周末开展学科类培训"],
        "requirements": "立即停止违规培训",
        "due_date": (now.astimezone(SHANGHAI) + timedelta(days=10)).date().isoformat(),
        "summary": "违规开展学科类培训，责令限期整改",
    }
