"""A stand-in 小程序码 for the fake WeChat server, drawn with Pillow: JPEG, as WeChat answers.

Real mini-program codes are round badges of rays around a logo. This one keeps that look
so demo posters resemble the real thing, and its rays come from the scene's hash, so the
same scene always gives the same picture and different scenes give visibly different ones.
"""

import hashlib
import io
import math

from PIL import Image, ImageDraw

RAYS = 36
DOTS_PER_RAY = 4


def wxa_code_image(scene, width=430, *, line_color=(0, 0, 0), hyaline=False):
    """JPEG bytes of a code stable for the scene; PNG when transparent (`is_hyaline`)."""
    digest = hashlib.sha256(scene.encode("utf-8")).digest()
    mode, paper = ("RGBA", (255, 255, 255, 0)) if hyaline else ("RGB", (255, 255, 255))
    ink = tuple(line_color) + ((255,) if hyaline else ())
    image = Image.new(mode, (width, width), paper)
    draw = ImageDraw.Draw(image)
    centre, unit = width / 2, width / 2 / 10
    for ray in range(RAYS):
        angle = 2 * math.pi * ray / RAYS
        dots = 1 + digest[ray % len(digest)] % DOTS_PER_RAY
        for step in range(dots):
            radius = (4.2 + step * 1.3) * unit
            x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
            _disc(draw, x, y, unit * 0.45, ink)
    for corner in (-3 * math.pi / 4, -math.pi / 4, 3 * math.pi / 4):
        x, y = centre + 6.6 * unit * math.cos(corner), centre + 6.6 * unit * math.sin(corner)
        _disc(draw, x, y, unit * 1.5, ink)
        _disc(draw, x, y, unit * 0.9, paper)
        _disc(draw, x, y, unit * 0.5, ink)
    _disc(draw, centre, centre, unit * 3.2, ink)
    _disc(draw, centre, centre, unit * 2.8, paper)
    out = io.BytesIO()
    image.save(out, format="PNG" if hyaline else "JPEG", quality=90)
    return out.getvalue()


def _disc(draw, x, y, radius, fill):
    """Draw a filled circle centred on (x, y)."""
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)
