"""Posters draw Chinese with a real CJK font on a machine with only requirements installed."""

from pathlib import Path

from PIL import ImageFont

from models.choices import INSTITUTION_STATUSES
from server.services.archive import posters
from server.services.archive.fonts import cjk_font_path, load_font, missing_glyphs

POSTER_TEXT = (
    posters.TITLE
    + posters.SCAN_LINE
    + "".join(INSTITUTION_STATUSES.values())
    + "".join(meaning for _, meaning in posters.STATUS_STYLE.values())
    + "办学许可证号：统一社会信用代码阳光体育培训中心…"
)


def test_a_cjk_font_is_found_without_any_setting():
    assert cjk_font_path() is not None


def test_the_font_draws_every_character_a_poster_uses():
    font = load_font(40, cjk_font_path())
    assert missing_glyphs(font, POSTER_TEXT) == []


def test_the_check_notices_a_font_without_chinese():
    # Pillow's built-in font has no Chinese: the check must see the boxes.
    assert "白" in missing_glyphs(ImageFont.load_default(40), "白名单")


def test_a_configured_font_that_does_not_exist_falls_back_to_the_packaged_one():
    assert cjk_font_path("/nonexistent/font.otf") == cjk_font_path()


def test_a_configured_font_is_preferred(tmp_path):
    copy = tmp_path / "mine.otf"
    copy.write_bytes(Path(cjk_font_path()).read_bytes())
    assert cjk_font_path(str(copy)) == str(copy)
