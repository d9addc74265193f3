"""Clusters: one institution and category within 30 days, shown, told and merged at once."""

from datetime import timedelta

from tests.support.complaint_support import body_for, make_institution, submit

STAFF = "/api/staff/v1"


def test_the_second_parent_is_told_and_staff_see_the_cluster(login_parent, login_staff):
    school = make_institution("启航教育")
    first = submit(login_parent("p1"), body_for(school))
    second = submit(login_parent("p2"), body_for(school))
    other_kind = submit(login_parent("p3"), body_for(school, category="off_hours"))
    assert first["cluster_notice"] is None
    assert second["cluster_notice"] == "已有 1 位家长反映同类问题"
    assert other_kind["cluster_notice"] is None
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    items = {i["no"]: i for i in dispatcher.get(f"{STAFF}/complaints")["items"]}
    assert items[first["no"]]["cluster"] == {"size": 2, "open": 2, "capped": False}
    assert items[other_kind["no"]]["cluster"]["size"] == 1
    detail = dispatcher.get(f"{STAFF}/complaints/{second['no']}")
    assert detail["cluster"]["numbers"] == [first["no"], second["no"]]


def test_unlisted_institutions_cluster_by_normalised_name_and_address(login_parent, login_staff):
    a = body_for(None, institution_name="彩虹托管班", institution_address="幸福路 8 号")
    b = body_for(None, institution_name="彩虹 托管班", institution_address="幸福路8号")
    c = body_for(None, institution_name="彩虹托管班", institution_address="人民路 1 号")
    submit(login_parent("p1"), a)
    assert submit(login_parent("p2"), b)["cluster_notice"] == "已有 1 位家长反映同类问题"
    assert submit(login_parent("p3"), c)["cluster_notice"] is None


def test_complaints_31_days_apart_are_not_one_cluster(login_parent, clock):
    school = make_institution("启航教育")
    submit(login_parent("p1"), body_for(school))
    clock.advance(timedelta(days=31))
    assert submit(login_parent("p2"), body_for(school))["cluster_notice"] is None


def test_a_whole_cluster_merges_into_one_complaint_in_one_step(login_parent, login_staff):
    school = make_institution("启航教育")
    numbers = [submit(login_parent(f"p{i}"), body_for(school))["no"] for i in range(3)]
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    answer = dispatcher.post(f"{STAFF}/complaints/{numbers[-1]}/cluster/merge")
    assert answer == {"into": numbers[-1], "merged": numbers[:2], "skipped": []}
    for no in numbers[:2]:
        detail = dispatcher.get(f"{STAFF}/complaints/{no}")
        assert (detail["status"], detail["merged_into"]) == ("merged", numbers[-1])
    target = dispatcher.get(f"{STAFF}/complaints/{numbers[-1]}")
    assert target["cluster"] == {
        "size": 3,
        "open": 1,
        "capped": False,
        "numbers": numbers,
    }
    viewer = login_staff("viewer", ("viewer",))
    viewer.post(f"{STAFF}/complaints/{numbers[0]}/cluster/merge", status=403)


def test_a_handler_sees_and_merges_only_the_members_of_their_queues(login_parent, login_staff):
    school = make_institution("启航教育")
    numbers = [submit(login_parent(f"p{i}"), body_for(school))["no"] for i in range(3)]
    dispatcher = login_staff("dispatcher", ("dispatcher",))
    queue = dispatcher.get(f"{STAFF}/complaints/{numbers[0]}")["queue"]["key"]
    other = "sports" if queue != "sports" else "culture_tourism"
    moved = {"action": "transfer", "version": 1, "queue": other, "reason": "转体育局办理"}
    dispatcher.post(f"{STAFF}/complaints/{numbers[0]}/actions", json=moved)
    handler = login_staff("handler_x", ("handler",), (queue,))
    detail = handler.get(f"{STAFF}/complaints/{numbers[2]}")
    assert detail["cluster"]["numbers"] == numbers[1:]  # the size stays county-wide
    assert detail["cluster"]["size"] == 3
    answer = handler.post(f"{STAFF}/complaints/{numbers[2]}/cluster/merge")
    assert answer == {"into": numbers[2], "merged": [numbers[1]], "skipped": []}
    assert dispatcher.get(f"{STAFF}/complaints/{numbers[0]}")["status"] != "merged"
