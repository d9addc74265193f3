"""Helpers for complaint tests: institutions in the archive and a valid submission."""

import io

from models.institution import Institution

COMPLAINTS = "/api/mp/v1/complaints"
DESCRIPTION = "周六上午机构以托管名义给小学生上数学课，还要求预交一年学费。"


def make_institution(name="星光培训中心", **fields):
    """An institution stored through mongoengine (the directory API is built elsewhere)."""
    values = {
        "kind": "subject",
        "nature": "non_profit",
        "mode": "offline",
        "district": "城关镇",
        "address": "城关镇人民路 1 号",
        "status": "whitelist",
    }
    values.update(fields)
    return Institution(name=name, **values).save()


def body_for(institution=None, **overrides):
    """A valid submission about `institution` (or a free-text one), with overrides."""
    body = {"category": "fees", "description": DESCRIPTION}
    if institution is not None:
        body["institution_id"] = str(institution.id)
    else:
        body.update(institution_name="无名补习班", institution_address="城关镇幸福小区 3 栋 201")
    body.update(overrides)
    return body


def submit(client, body, *, status=201, key=None):
    """POST /complaints, optionally with an Idempotency-Key; the answer."""
    headers = {"Idempotency-Key": key} if key else None
    return client.post(COMPLAINTS, json=body, status=status, headers=headers)


def photo_ids(detail):
    """The ids of the photos in a parent's complaint detail, in order."""
    return [photo["id"] for photo in detail["photos"]]


def upload_photo(client, data, *, status=201):
    """POST one image to /uploads as the mini-program does; the answer (its `id` on 201)."""
    return client.post(
        "/api/mp/v1/uploads",
        data={"file": (io.BytesIO(data), "p.jpg")},
        content_type="multipart/form-data",
        status=status,
    )
