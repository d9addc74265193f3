"""A printable poster (A4 at 150 dpi) for an institution's door: its name, its list
status in words parents understand, and the mini-program code that opens its page.
"""

import io

from PIL import Image, ImageDraw

from models.choices import INSTITUTION_STATUSES, label
from server.services.archive.fonts import load_font

WIDTH, HEIGHT = 1240, 1754
MARGIN = 100
CODE_WIDTH = 800
BANNER = (31, 78, 156)
INK = (34, 34, 34)
GREY = (102, 102, 102)
WHITE = (255, 255, 255)
TITLE = "校外培训机构信息公示"
SCAN_LINE = "微信扫一扫 · 查看办学资质与收费信息 · 发现违规可在线举报"

# status -> (badge colour, what the status means to a parent)
STATUS_STYLE = {
    "whitelist": ((26, 127, 55), "已经教育部门审核登记，列入白名单"),
    "blacklist": ((20, 20, 20), "已列入黑名单，请勿报名、缴费"),
    "suspended": ((212, 107, 8), "已被责令暂停办学，请勿报名、缴费"),
    "revoked": ((176, 30, 30), "办学许可已被吊销，请勿报名、缴费"),
    "pending": ((107, 114, 128), "正在审核，尚未列入白名单"),
}


def _wrap(draw, text, font, width, max_lines):
    """Split `text` into at most `max_lines` lines of `width` pixels (Chinese has no spaces)."""
    lines, line = [], ""
    for ch in text:
        if draw.textlength(line + ch, font=font) > width and line:
            lines.append(line)
            line = ch
        else:
            line += ch
    lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def _centred(draw, y, text, font, fill):
    """Draw one line centred horizontally at `y`; return the y below it."""
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((WIDTH - (right - left)) / 2 - left, y - top), text, font=font, fill=fill)
    return y + (bottom - top)


def _name_lines(draw, name, font_path):
    """The institution's name in the largest size (80 down to 48 px) that fits 2 lines."""
    for size in (80, 72, 64, 56, 48):
        font = load_font(size, font_path)
        lines = _wrap(draw, name, font, WIDTH - 2 * MARGIN, 3)
        if len(lines) <= 2:
            break
    return font, lines


def draw_poster(institution, code_png, *, font_path=None):
    """PNG bytes of the poster for `institution` around its code."""
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 200), fill=BANNER)
    _centred(draw, 62, TITLE, load_font(72, font_path), WHITE)

    y = 270
    font, lines = _name_lines(draw, institution.name, font_path)
    for line in lines:
        y = _centred(draw, y, line, font, INK) + 24

    colour, meaning = STATUS_STYLE.get(institution.status, ((107, 114, 128), ""))
    badge = label(INSTITUTION_STATUSES, institution.status)
    badge_font = load_font(64, font_path)
    left, top, right, bottom = draw.textbbox((0, 0), badge, font=badge_font)
    box_w, box_h = right - left + 96, bottom - top + 48
    x0, y0 = (WIDTH - box_w) / 2, y + 16
    draw.rounded_rectangle((x0, y0, x0 + box_w, y0 + box_h), radius=24, fill=colour)
    draw.text((x0 + 48 - left, y0 + 24 - top), badge, font=badge_font, fill=WHITE)
    y = _centred(draw, y0 + box_h + 32, meaning, load_font(40, font_path), colour)

    with Image.open(io.BytesIO(code_png)) as code:
        scale = CODE_WIDTH / max(code.size)
        size = (round(code.width * scale), round(code.height * scale))
        code = code.convert("RGB").resize(size)
        image.paste(code, ((WIDTH - size[0]) // 2, y + 48 + (CODE_WIDTH - size[1]) // 2))
    y += 48 + CODE_WIDTH + 40
    _centred(draw, y, SCAN_LINE, load_font(34, font_path), INK)

    small = load_font(28, font_path)
    footer = [
        f"{caption}：{value}"
        for caption, value in (
            ("办学许可证号", institution.licence_no),
            ("统一社会信用代码", institution.credit_code),
        )
        if value
    ]
    if footer:
        _centred(draw, HEIGHT - 90, "    ".join(footer), small, GREY)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
