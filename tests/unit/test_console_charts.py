"""The statistics page's SVG charts: well-formed, escaped, proportional, calm on no data."""

import xml.etree.ElementTree as ET

from server.console.charts import bar_chart, rate_bar, stacked_bar

SVG = "{http://www.w3.org/2000/svg}"


def bars(svg):
    """The data bars' widths (rects holding a <title>)."""
    root = ET.fromstring(str(svg))
    return [
        float(r.get("width")) for r in root.iter(SVG + "rect") if r.find(SVG + "title") is not None
    ]


def test_bar_lengths_are_proportional_and_labels_escaped():
    svg = bar_chart([("违规收费", 10), ("<script>", 5), ("其他", 0)], title="按类别")
    widths = bars(svg)
    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0
    assert "<script>" not in str(svg)
    assert "&lt;script&gt;" in str(svg)
    assert "违规收费" in str(svg)


def test_no_data_is_a_note_not_an_error():
    assert "暂无数据" in bar_chart([])
    assert "暂无数据" in bar_chart(None)
    assert "暂无数据" in stacked_bar([("满意", 0)])


def test_rate_bar_clamps_and_shows_unknown():
    assert "50.0%" in rate_bar(0.5)
    assert "100.0%" in rate_bar(1.7)
    assert "—" in rate_bar(None)


def test_stacked_shares_add_up():
    svg = stacked_bar([("满意", 3), ("基本满意", 1)], width=400)
    widths = bars(svg)
    assert widths == [300.0, 100.0]
    assert "75.0%" in str(svg)


def test_non_numbers_count_as_zero():
    assert bars(bar_chart([("a", None), ("b", "x"), ("c", 4)]))[:2] == [0, 0]
