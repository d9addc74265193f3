"""Console: 登记投诉, the list's channel and cluster, warnings on the home and institution pages."""

import io
import re
from datetime import timedelta

from models.complaint import Complaint
from server.clock import SHANGHAI
from tests.support.complaint_support import make_institution
from tests.support.image_bytes import jpeg


def local_input(moment):
    """A datetime-local input's value (Shanghai wall time)."""
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")


def test_a_dispatcher_records_a_phone_complaint_with_a_photo(console_login, now):
    school = make_institution("启航教育")
    browser = console_login("disp", ["dispatcher"])
    page = browser.page("/console/complaints/new")
    assert "登记投诉" in page
    assert 'data-picker="/console/institutions/lookup"' in page
    form = {
        "channel": "phone",
        "received_at": local_input(now - timedelta(days=2)),
        "caller_name": "张晓梅",
        "caller_phone": "13900001111",
        "institution_id": str(school.pk),
        "category": "fees",
        "description": "家长来电反映机构拒绝退费。",
        "photos": (io.BytesIO(jpeg((320, 240), (10, 120, 200))), "scan.jpg"),
    }
    response = browser.post("/console/complaints/new", form, content_type="multipart/form-data")
    no = re.search(r"/console/complaints/(TS\d+)", response.headers["Location"]).group(1)
    page = browser.page(f"/console/complaints/{no}")
    assert "电话" in page[page.index('id="channel"') :][:300]
    assert "张**" in page
    stored = Complaint.objects.get(no=no)
    assert (stored.channel, stored.entered_by, len(stored.photos)) == ("phone", "disp", 1)
    listing = browser.page("/console/complaints")
    assert 'class="badge badge-channel">电话' in listing


def test_the_form_names_each_bad_field_and_keeps_what_was_typed(console_login, now):
    browser = console_login("disp", ["dispatcher"])
    browser.get("/console/complaints/new")
    form = {"channel": "letter", "received_at": "", "description": "来信内容保留"}
    response = browser.post("/console/complaints/new", form, status=400)
    page = response.get_data(as_text=True)
    assert "请填写收到时间" in page
    assert "来信内容保留" in page
    assert Complaint.objects.count() == 0


def test_handlers_get_no_form(console_login):
    browser = console_login("h1", ["handler"], ["training"])
    browser.get("/console/complaints/new", status=403)
    assert "登记投诉" not in browser.page("/console/complaints")


def test_warnings_show_on_home_and_institution_page_and_close_with_a_note(
    console_login, file_complaint
):
    school = make_institution("无证托管班", status="blacklist")
    no = file_complaint(school)
    browser = console_login("disp", ["dispatcher"])
    home = browser.page("/console/")
    assert 'id="home-warnings"' in home
    assert no in home[home.index('id="home-warnings"') :]
    page = browser.page(f"/console/institutions/{school.pk}")
    box = page[page.index('id="institution-warnings"') :]
    warning_id = re.search(r'data-warning="([0-9a-f]{24})"', box).group(1)
    browser.post(
        f"/console/warnings/{warning_id}/close",
        {"note": "已责令停止招生", "next": f"/console/institutions/{school.pk}"},
    )
    page = browser.page(f"/console/institutions/{school.pk}")
    assert "已关闭" in page
    assert "已责令停止招生" in page
    assert 'id="home-warnings"' not in browser.page("/console/")


def test_the_cluster_shows_and_merges_from_the_page(console_login, file_complaint):
    school = make_institution("启航教育")
    first = file_complaint(school, code="p1")
    second = file_complaint(school, code="p2")
    browser = console_login("disp", ["dispatcher"])
    listing = browser.page("/console/complaints")
    assert listing.count('class="badge badge-cluster"') == 2
    page = browser.page(f"/console/complaints/{second}")
    assert 'id="merge-cluster"' in page
    browser.post(f"/console/complaints/{second}/cluster/merge", {})
    assert Complaint.objects.get(no=first).merged_into == second


def test_the_statistics_page_counts_channels_and_warnings(console_login, file_complaint):
    file_complaint(make_institution("无证托管班", status="blacklist"))
    page = console_login("viewer", ["viewer"]).page("/console/stats")
    assert "按来源渠道" in page
    assert "风险预警：新开 1，待处置 1" in page


def test_a_handler_sees_only_their_queues_members_of_a_cluster(
    console_login, file_complaint, demo_queues
):
    school = make_institution("启航教育")
    numbers = [file_complaint(school, code=f"p{i}") for i in range(3)]
    queue = Complaint.objects.get(no=numbers[0]).queue
    other = demo_queues["sports" if queue.key != "sports" else "culture_tourism"]
    Complaint.objects(no=numbers[0]).update(set__queue=other)  # as a transfer leaves it
    browser = console_login("handler_x", ["handler"], [queue.key])
    page = browser.page(f"/console/complaints/{numbers[2]}")
    assert numbers[1] in page
    assert numbers[0] not in page
    assert "另有 1 件在您无权查看的队列" in page
    assert "将您可查看的其余未办结投诉并入本件" in page
