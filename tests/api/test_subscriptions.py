"""POST /subscriptions stores template ids as values, never as field paths: no id a client
sends ("", "$x", "a..b", NUL ...) can be a write error (500) or reach another field."""

import threading

import pytest

from models.parent import Parent

SUBSCRIBE = "/api/mp/v1/subscriptions"
PATH_LIKE = ["$x", "a..b", "a.b", "a\x00b", "$", ".", "$[]", "subscriptions", "_id", "openid"]


def post(parent, template_ids):
    """POST the ids with the parent's token; the raw response."""
    return parent.client.post(
        SUBSCRIBE,
        json={"template_ids": template_ids},
        headers={"Authorization": f"Bearer {parent.token}"},
    )


def _only_parent():
    """The one parent's raw stored document."""
    (doc,) = Parent._get_collection().find({})
    return doc


@pytest.mark.parametrize("template_id", PATH_LIKE + [""])
def test_a_path_like_template_id_is_never_a_500(parent, template_id):
    before = _only_parent()
    response = post(parent, [template_id])
    # 204 recorded; 400 when the API refuses the id (unknown or empty): never a 500.
    assert response.status_code in (204, 400), response.get_data(as_text=True)
    after = _only_parent()
    assert after["openid"] == before["openid"]
    assert after["_id"] == before["_id"]
    assert set(after) <= set(before) | {"subscriptions", "updated_at"}
    expected = [{"template_id": template_id, "count": 1}] if response.status_code == 204 else []
    assert after["subscriptions"] == expected


def test_counts_accumulate_per_template_in_one_list(app, parent):
    template = app.config["WECHAT_TEMPLATE_STATUS"]
    for _ in range(2):
        assert post(parent, [template, template]).status_code == 204
        assert post(parent, ["a.b"]).status_code in (204, 400)
    doc = _only_parent()
    assert doc["subscriptions"][0] == {"template_id": template, "count": 2}
    assert doc["subscriptions"][1:] in ([], [{"template_id": "a.b", "count": 2}])
    assert "a" not in doc  # "a.b" is a value, not a path into the document


def test_another_parent_is_untouched(app, login_parent, fake_wechat):
    template = app.config["WECHAT_TEMPLATE_STATUS"]
    first, _second = login_parent("code-first"), login_parent("code-second")
    assert post(first, [template]).status_code == 204
    assert Parent.objects.get(openid=fake_wechat.openid_for("code-first")).accepted(template) == 1
    assert Parent.objects.get(openid=fake_wechat.openid_for("code-second")).subscriptions == []


def test_racing_first_subscriptions_make_one_entry(app, parent):
    template = app.config["WECHAT_TEMPLATE_STATUS"]
    start = threading.Barrier(4)

    def subscribe():
        start.wait()
        assert post(parent, [template]).status_code == 204

    threads = [threading.Thread(target=subscribe) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _only_parent()["subscriptions"] == [{"template_id": template, "count": 4}]


def test_the_release_migrates_old_subscriptions_and_the_parent_signs_in_again(
    app, login_parent, fake_wechat
):
    openid = fake_wechat.openid_for("code-old")
    Parent._get_collection().insert_one(
        {"openid": openid, "subscriptions": {"tmpl-old": 2, "spent": 0, "nested": {"x": 1}}}
    )
    result = app.test_cli_runner().invoke(args=["migrate-store"])
    assert result.exit_code == 0
    assert "subscriptions as a list: 1 documents changed" in result.output
    again = app.test_cli_runner().invoke(args=["migrate-store"])
    assert "subscriptions as a list: 0 documents changed" in again.output
    returning = login_parent("code-old")
    assert post(returning, [app.config["WECHAT_TEMPLATE_STATUS"]]).status_code == 204
    stored = Parent.objects.get(openid=openid)
    assert stored.accepted("tmpl-old") == 2
    assert stored.accepted("spent") == 0
