"""Bearer tokens: expiry, tampering, audiences, disabled accounts."""

from datetime import timedelta

import jwt
import pytest

from models.parent import Parent
from models.staff import Staff

SUBSCRIBE = "/api/mp/v1/subscriptions"
ME = "/api/staff/v1/me"


def forged(app, **claims):
    """A token signed with the app's key, with the given claims (to test expiry)."""
    return jwt.encode(claims, app.config["SECRET_KEY"], algorithm="HS256")


def test_parent_token_opens_parent_endpoints(parent):
    parent.post(SUBSCRIBE, json={"template_ids": ["demo-status-template"]}, status=204)
    assert Parent.objects.get().accepted("demo-status-template") == 1


def test_missing_token_is_401(client):
    assert client.post(SUBSCRIBE, json={"template_ids": []}, status=401)["code"] == "unauthorized"
    assert client.get(ME, status=401)["code"] == "unauthorized"


def test_expired_parent_token_is_401(app, client, parent, now):
    parent_id = str(Parent.objects.get().id)
    past = now - timedelta(hours=1)
    token = forged(app, sub=parent_id, aud="mp", iat=past - timedelta(hours=1), exp=past)
    body = client.post(SUBSCRIBE, json={"template_ids": []}, token=token, status=401)
    assert body["code"] == "invalid_token"


def test_tampered_token_is_401(client, parent):
    header, payload, signature = parent.token.split(".")
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    for token in (f"{header}.{payload}.{flipped}", parent.token + "x", "not-a-token"):
        assert client.post(SUBSCRIBE, json={}, token=token, status=401)["code"] == "invalid_token"


def test_token_signed_with_another_key_is_401(client, parent):
    claims = jwt.decode(parent.token, options={"verify_signature": False})
    token = jwt.encode(claims, "some-other-key-of-enough-length-0123456789", algorithm="HS256")
    client.post(SUBSCRIBE, json={}, token=token, status=401)


def test_parent_token_never_opens_staff_api_and_the_reverse(client, parent, admin):
    assert client.get(ME, token=parent.token, status=401)["code"] == "invalid_token"
    body = client.post(SUBSCRIBE, json={"template_ids": []}, token=admin.token, status=401)
    assert body["code"] == "invalid_token"


def test_disabled_staff_is_refused_on_the_next_request(admin):
    admin.get(ME)
    Staff.objects(username="admin").update_one(set__active=False)
    assert admin.get(ME, status=401)["code"] == "invalid_token"


def test_staff_token_of_an_older_password_version_is_refused(admin):
    Staff.objects(username="admin").update_one(inc__token_version=1)
    admin.get(ME, status=401)


@pytest.mark.parametrize("scheme", ["Basic", "Token", ""])
def test_other_authorization_schemes_are_refused(client, admin, scheme):
    client.get(ME, token=None, headers={"Authorization": f"{scheme} {admin.token}"}, status=401)
