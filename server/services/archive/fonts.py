"""A font that has Chinese glyphs, for images we draw (posters), found without a system font.

Order: the `POSTER_FONT` setting, then Noto Sans SC from the pinned `pylopdf-fonts-zh-cn`
package (SIL OFL 1.1; so a machine where only requirements.txt was installed still draws
Chinese), then common system CJK fonts. With none of them, Pillow's built-in font keeps
posters working, but its Chinese comes out as boxes: that is logged loudly.
"""

import logging
import os

from PIL import ImageFont

log = logging.getLogger(__name__)

SYSTEM_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
# A private-use code point no font draws: what a missing glyph (a box) looks like.
NOT_A_GLYPH = "\ue000"


def _packaged_font():
    """Noto Sans SC shipped by the pinned font package, or None if it is not installed."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    path = str(pylopdf_fonts_zh_cn.sans_path())
    return path if os.path.isfile(path) else None


def cjk_font_path(configured=None):
    """The path of the first usable CJK font, or None when there is none."""
    candidates = [configured, _packaged_font(), *SYSTEM_CJK_FONTS]
    for path in candidates:
        if path and os.path.isfile(path):
            return path
    return None


def load_font(size, path=None):
    """A font of `size` pixels from `path`; Pillow's own font (no Chinese) if that fails."""
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            log.error("cannot load font %s; posters fall back to Pillow's font", path)
    else:
        log.error("no CJK font found: posters will show boxes instead of Chinese")
    return ImageFont.load_default(size)


def missing_glyphs(font, text):
    """The characters of `text` that `font` would draw as the missing-glyph box."""
    box = bytes(font.getmask(NOT_A_GLYPH))
    return [ch for ch in dict.fromkeys(text) if not ch.isspace() and bytes(font.getmask(ch)) == box]
