"""Institutions' mini-program codes (小程序码) from getwxacodeunlimit, cached in GridFS.

The scene is the institution's id (24 hex characters fit WeChat's 32-character limit) and
the page is the mini-program's institution page, which reads the id from `options.scene`.
A code never changes for one (institution, version, page, width), so it is fetched from
WeChat once and then served from GridFS, shared by every app process; staff choose among three
widths only (WIDTHS), and a poster is drawn once per name, status and font, then cached
the same way. WeChat answers JPEG
(PNG only for transparent codes); we store and serve PNG. Until the page is in the released
mini-program WeChat answers 41030, and staff are told which settings fix it.
"""

import hashlib
import io
import logging
import re
from typing import Annotated

from PIL import Image
from pydantic import AfterValidator, Field

from models.institution import Institution
from server.db import grid_fs
from server.errors import AppError
from server.services.archive.fonts import cjk_font_path
from server.services.archive.posters import CODE_WIDTH, draw_poster
from server.services.common import Form
from server.services.permissions import require
from server.wechat.errors import WeChatError

log = logging.getLogger(__name__)

DEFAULT_WIDTH = 430
# Staff may ask for these widths only: each one is a separate code WeChat draws and we store.
WIDTHS = (280, 430, 1280)
MIN_WIDTH, MAX_WIDTH = min(WIDTHS), max(WIDTHS)
POSTER_CODE_WIDTH = CODE_WIDTH  # fetched at the size it is printed, never scaled up


def find_institution(institution_id, *, actor):
    """The institution with this id, for a staff member; 404 if there is none."""
    require(actor, "work")
    institution = Institution.objects(id=institution_id).first()
    if institution is None:
        raise AppError("not_found")
    return institution


def _fixed_width(width):
    """One of WIDTHS (WeChat would draw any width from 280 to 1280; we store three)."""
    if width not in WIDTHS:
        raise ValueError("width")
    return width


class CodeArgs(Form):
    """`?width=&poster=` of GET /institutions/{id}/code."""

    reasons = {
        "width": "宽度只能是 " + "、".join(map(str, WIDTHS)) + " 之一",
        "poster": "必须是 1 或 0",
    }
    width: Annotated[int, AfterValidator(_fixed_width)] = Field(
        DEFAULT_WIDTH,
        description="码的宽度（像素）：" + "、".join(map(str, WIDTHS)) + f"，默认 {DEFAULT_WIDTH}",
    )
    poster: bool = Field(
        False, description="1：可打印的 A4 张贴海报（机构名称、名单状态、小程序码）"
    )


def _cache_name(institution, version, page, width):
    """The GridFS file name of one code (a trial version's code opens the trial version)."""
    return f"wxacode/{institution.id}/{version}/{page}/{width}.png"


def page_refusal(page, *, check_path, env_version):
    """The 41030 answer for staff: the page WeChat refused and what to set to fix it."""
    where = "已发布版本" if env_version == "release" else f"{env_version} 版本"
    advice = (
        "小程序上线前，请将 WXACODE_CHECK_PATH 设为 false、WXACODE_ENV_VERSION 设为 trial；"
        if check_path
        else ""
    )
    message = (
        f"微信拒绝为页面 {page} 生成小程序码（错误码 41030）：小程序的{where}中没有该页面。"
        f"{advice}请确认 MP_INSTITUTION_PAGE 与小程序 app.json 中的页面路径一致"
        "（不以 / 开头，不带 ? 参数）。"
    )
    return AppError("wxacode_page_invalid", message)


def _as_png(image_bytes):
    """WeChat's image as PNG (it answers JPEG unless the code is transparent)."""
    if image_bytes.startswith(b"\x89PNG"):
        return image_bytes
    out = io.BytesIO()
    with Image.open(io.BytesIO(image_bytes)) as image:
        image.save(out, format="PNG")
    return out.getvalue()


def institution_code(institution, *, actor, wechat, page, width=DEFAULT_WIDTH):
    """PNG bytes of the code opening `page` for `institution`, for staff; 503 when WeChat
    fails."""
    require(actor, "work")
    fs, name = grid_fs(), _cache_name(institution, wechat.env_version, page, width)
    cached = fs.find_one({"filename": name})
    if cached is not None:
        return cached.read()
    try:
        png = _as_png(wechat.get_wxa_code_unlimited(str(institution.id), page, width))
    except WeChatError as exc:
        log.warning("getwxacodeunlimit failed: errcode %s", exc.errcode)
        if exc.errcode == 41030:
            raise page_refusal(
                page, check_path=wechat.check_path, env_version=wechat.env_version
            ) from None
        raise AppError("wechat_unavailable") from None
    except OSError:  # an image Pillow cannot read
        log.warning("getwxacodeunlimit answered an image Pillow cannot read")
        raise AppError("wechat_unavailable") from None
    metadata = {"institution": str(institution.id), "page": page, "width": width}
    metadata["env_version"] = wechat.env_version
    fs.put(png, filename=name, content_type="image/png", metadata={"kind": "wxacode", **metadata})
    return png


def _poster_name(institution, version, page, font_path):
    """The GridFS name of a poster: it changes with what the poster shows."""
    shown = f"{institution.name}|{institution.status}|{font_path}".encode()
    digest = hashlib.sha256(shown).hexdigest()[:16]
    return f"wxposter/{institution.id}/{version}/{page}/{digest}.png"


def institution_poster(institution, *, actor, wechat, page, font=None):
    """PNG bytes of the printable poster with the institution's code, name and status;
    drawn once per (name, status, font) and then served from GridFS like the codes."""
    require(actor, "work")
    font_path = cjk_font_path(font)
    fs, name = grid_fs(), _poster_name(institution, wechat.env_version, page, font_path)
    cached = fs.find_one({"filename": name})
    if cached is not None:
        return cached.read()
    code = institution_code(
        institution, actor=actor, wechat=wechat, page=page, width=POSTER_CODE_WIDTH
    )
    png = draw_poster(institution, code, font_path=font_path)
    prefix = f"^wxposter/{institution.id}/{re.escape(wechat.env_version)}/"
    for stale in fs.find({"filename": {"$regex": prefix}}):  # an older name or status
        fs.delete(stale._id)
    metadata = {"kind": "wxposter", "institution": str(institution.id), "page": page}
    fs.put(png, filename=name, content_type="image/png", metadata=metadata)
    return png


def forget_codes(institution_id):
    """Delete the cached codes of an institution (when it leaves the archive); found by the
    file name's prefix, which GridFS's filename index serves."""
    fs = grid_fs()
    for kind in ("wxacode", "wxposter"):
        for stored in fs.find({"filename": {"$regex": f"^{kind}/{institution_id}/"}}):
            fs.delete(stored._id)
