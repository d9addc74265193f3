"""Console template filters: Shanghai times, dashes for missing values, audit details."""

from datetime import UTC, datetime

from server.console.filters import actor_text, dash, datetime_text, detail_text, label_text


def test_times_show_in_shanghai_and_missing_ones_as_a_dash():
    assert datetime_text(datetime(2026, 11, 28, 16, 30, tzinfo=UTC)) == "2026-11-29 00:30"
    assert datetime_text("2026-11-29T00:30:00+08:00") == "2026-11-29 00:30"
    assert datetime_text(None) == "—"
    assert datetime_text("not a time") == "not a time"


def test_dash_keeps_zero_and_false_like_numbers():
    assert dash(0) == 0
    assert dash(None) == "—"
    assert dash("") == "—"
    assert dash([]) == "—"
    assert dash("x") == "x"


def test_labels():
    assert label_text("submitted", "status") == "待受理"
    assert label_text(None, "status") == "—"
    assert label_text("brand_new", "status") == "brand_new"


def test_audit_detail_reads_as_a_line():
    text = detail_text({"reason": "重复", "assignee_id": "x", "to": "2026-12-01T09:00:00+08:00"})
    assert text == "理由：重复；至：2026-12-01 09:00"
    assert detail_text({"queue": "triage", "urgent": True, "needs_manual_review": False}) == (
        "队列：triage；紧急：是"
    )
    assert detail_text({}) == "—"
    assert detail_text(None) == "—"


def test_audit_codes_and_actors_read_in_chinese():
    assert (
        detail_text({"outcome": "substantiated", "message": "已整改"}) == "结果：属实；内容：已整改"
    )
    assert actor_text("parent") == "家长"
    assert actor_text("disp") == "disp"
    assert actor_text(None) == "—"
