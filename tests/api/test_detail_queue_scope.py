"""A handler's complaint detail names no complaint of another queue (similar, merged).

The staff API's detail and the console's page are built by the same service, which lists
beside a complaint only the complaints of queues the reader sees; dispatchers see all.
"""

from tests.support.factories import complaint_in


def scene(demo_queues):
    """A training complaint, others like it in training and sports, and two merged into it."""
    training, sports = demo_queues["training"], demo_queues["sports"]
    mine = complaint_in("accepted", queue=training)
    return {
        "mine": mine.no,
        "own_similar": complaint_in("submitted", queue=training).no,
        "other_similar": complaint_in("submitted", queue=sports).no,
        "own_merged": complaint_in("merged", merged_into=mine.no, queue=training).no,
        "other_merged": complaint_in("merged", merged_into=mine.no, queue=sports).no,
    }


def test_the_api_detail_lists_only_complaints_of_queues_the_reader_sees(login_staff, demo_queues):
    nos = scene(demo_queues)
    handler = login_staff("h_training", ("handler",), ("training",))
    body = handler.get(f"/api/staff/v1/complaints/{nos['mine']}")
    assert sorted(s["no"] for s in body["similar"]) == sorted(
        [nos["own_similar"], nos["own_merged"]]
    )
    assert body["merged"] == [nos["own_merged"]]
    assert nos["other_similar"] not in str(body)
    assert nos["other_merged"] not in str(body)
    dispatcher = login_staff("disp", ("dispatcher",))
    body = dispatcher.get(f"/api/staff/v1/complaints/{nos['mine']}")
    assert len(body["similar"]) == 4
    assert sorted(body["merged"]) == sorted([nos["own_merged"], nos["other_merged"]])


def test_an_action_answers_the_detail_with_the_same_scope(login_staff, demo_queues):
    nos = scene(demo_queues)
    handler = login_staff("h_training", ("handler",), ("training",))
    version = handler.get(f"/api/staff/v1/complaints/{nos['mine']}")["version"]
    body = handler.post(
        f"/api/staff/v1/complaints/{nos['mine']}/actions",
        json={"action": "note", "version": version, "text": "电话核实中"},
    )
    assert nos["other_similar"] not in str(body)
    assert nos["other_merged"] not in str(body)
    assert nos["own_similar"] in str(body)


def test_the_console_page_names_no_complaint_of_another_queue(console_login, demo_queues):
    nos = scene(demo_queues)
    page = console_login("h_training", ["handler"], ["training"]).page(
        f"/console/complaints/{nos['mine']}"
    )
    assert nos["own_similar"] in page
    assert nos["own_merged"] in page
    assert nos["other_similar"] not in page
    assert nos["other_merged"] not in page
    page = console_login("disp", ["dispatcher"]).page(f"/console/complaints/{nos['mine']}")
    assert nos["other_similar"] in page
    assert nos["other_merged"] in page
