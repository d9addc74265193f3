"""A report lands once: idempotent retries, distinct numbers under concurrency, daily limit,
WeChat's text check (risky refused; down or unsure: accepted and flagged)."""

import io
import threading

import pytest

from models.complaint import Complaint
from tests.conftest import ApiClient
from tests.support import image_bytes
from tests.support.complaint_support import body_for, submit


def test_retry_with_the_same_key_returns_the_first_complaint(parent):
    first = submit(parent, body_for(None), key="retry-1")
    again = submit(parent, body_for(None), key="retry-1")
    assert again == first
    assert Complaint.objects.count() == 1
    other = submit(parent, body_for(None), key="retry-2")
    assert other["no"] != first["no"]


def test_the_same_key_from_another_parent_is_another_complaint(parent, login_parent):
    mine = submit(parent, body_for(None), key="same-key")
    theirs = submit(login_parent("parent-code-b"), body_for(None), key="same-key")
    assert mine["no"] != theirs["no"]


def test_a_malformed_key_is_named(parent):
    body = submit(parent, body_for(None), key="has space", status=400)
    assert "Idempotency-Key" in body["errors"]


def run_in_threads(count, work):
    """Run work(i) in `count` threads started together; their results in order."""
    results, errors = [None] * count, []
    barrier = threading.Barrier(count)

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


def test_twenty_concurrent_submissions_get_twenty_numbers(login_parent, fake_wechat):
    parents = [login_parent(f"crowd-{i}") for i in range(20)]  # each its own test client
    numbers = run_in_threads(20, lambda i: submit(parents[i], body_for(None))["no"])
    assert len(set(numbers)) == 20
    assert Complaint.objects.count() == 20
    # Twenty text checks at once on a cold start share one access token instead of each
    # fetching one (every fetch invalidates the previous token at WeChat).
    assert fake_wechat.token_fetches == 1


def test_concurrent_retries_with_one_key_store_one_complaint(app, login_parent):
    token = login_parent("impatient").token
    clients = [ApiClient(app.test_client(), token) for _ in range(8)]
    numbers = run_in_threads(8, lambda i: submit(clients[i], body_for(None), key="tap")["no"])
    assert len(set(numbers)) == 1
    assert Complaint.objects.count() == 1


def test_eleventh_complaint_of_the_day_is_rate_limited(parent, login_parent):
    for _ in range(10):
        submit(parent, body_for(None))
    body = submit(parent, body_for(None), status=429)
    assert body["code"] == "rate_limited"
    assert Complaint.objects.count() == 10
    submit(login_parent("parent-code-b"), body_for(None))


def test_an_idempotent_retry_does_not_count_against_the_limit(parent):
    for _ in range(10):
        submit(parent, body_for(None), key="only-once")
    submit(parent, body_for(None))


def test_risky_text_is_refused(parent, fake_wechat):
    fake_wechat.set_text_verdict("违禁词", "risky")
    body = submit(parent, body_for(None, description="这里有违禁词，这里有违禁词。"), status=422)
    assert body["code"] == "content_rejected"
    assert Complaint.objects.count() == 0
    [check] = [c for c in fake_wechat.calls if c["path"] == "wxa/msg_sec_check"]
    assert check["json"]["version"] == 2
    assert "违禁词" in check["json"]["content"]


def test_risky_institution_name_is_refused_too(parent, fake_wechat):
    fake_wechat.set_text_verdict("违禁词", "risky")
    submit(parent, body_for(None, institution_name="违禁词补习班"), status=422)


def test_text_wechat_is_unsure_about_is_accepted_for_review(parent, fake_wechat):
    fake_wechat.set_text_verdict("存疑", "review")
    body = submit(parent, body_for(None, description="这段描述有些存疑的内容需要人工看看。"))
    assert Complaint.objects.get(no=body["no"]).needs_manual_review


@pytest.mark.parametrize(
    "failure",
    [{"errcode": -1}, {"errcode": 45009}, {"status": 502}],
    ids=["system-busy", "quota", "http-502"],
)
def test_wechat_check_down_accepts_and_flags(parent, fake_wechat, failure):
    fake_wechat.fail_next(1, path="msg_sec_check", **failure)
    body = submit(parent, body_for(None))
    assert body["status"] == "submitted"
    assert Complaint.objects.get(no=body["no"]).needs_manual_review


def test_wechat_refusing_our_token_again_and_again_accepts_and_flags(parent, fake_wechat):
    fake_wechat.fail_next(20, errcode=40001, path="msg_sec_check")
    body = submit(parent, body_for(None))
    assert Complaint.objects.get(no=body["no"]).needs_manual_review


def test_wechat_check_timeout_accepts_and_flags(parent, fake_wechat, app):
    fake_wechat.set_delay(app.config["WECHAT_TIMEOUT"] + 0.5, path="msg_sec_check")
    body = submit(parent, body_for(None))
    assert Complaint.objects.get(no=body["no"]).needs_manual_review


def test_an_unchecked_photo_flags_the_complaint(parent, fake_wechat):
    fake_wechat.fail_next(1, path="media_check_async")
    photo = parent.post(
        "/api/mp/v1/uploads",
        data={"file": (io.BytesIO(image_bytes.jpeg()), "p.jpg")},
        content_type="multipart/form-data",
        status=201,
    )
    body = submit(parent, body_for(None, photo_ids=[photo["id"]]))
    assert Complaint.objects.get(no=body["no"]).needs_manual_review


def test_a_checked_report_is_not_flagged(parent):
    body = submit(parent, body_for(None))
    assert not Complaint.objects.get(no=body["no"]).needs_manual_review
