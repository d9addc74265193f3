"""Demo evidence photos drawn with Pillow: a fee receipt, a classroom, a leaflet, a corridor.

Each is a small JPEG made of shapes (no font needed), different per seed, so the demo
complaints show real thumbnails and full-size photos through the normal photo pipeline.
"""

import io
import random

from PIL import Image, ImageDraw

KINDS = ("receipt", "classroom", "leaflet", "corridor")
SIZE = (960, 720)


def _receipt(draw, rng):
    draw.rectangle((220, 60, 740, 660), fill=(250, 248, 240), outline=(120, 120, 120), width=3)
    for row in range(10):
        y = 120 + row * 48
        draw.line((260, y, 260 + rng.randint(220, 440), y), fill=(60, 60, 60), width=6)
    draw.ellipse((560, 520, 700, 640), outline=(200, 30, 30), width=8)


def _classroom(draw, rng):
    draw.rectangle((80, 60, 880, 320), fill=(40, 90, 60))  # blackboard
    for desk in range(8):
        x, y = 100 + (desk % 4) * 200, 400 + (desk // 4) * 150
        draw.rectangle((x, y, x + 150, y + 70), fill=(170, 120, 70))
        draw.ellipse((x + 50, y - 60, x + 100, y - 10), fill=(rng.randint(40, 220), 80, 120))


def _leaflet(draw, rng):
    draw.rectangle((180, 40, 780, 680), fill=(255, 220, 60))
    draw.rectangle((220, 90, 740, 230), fill=(220, 40, 40))
    for row in range(6):
        y = 290 + row * 60
        draw.rectangle((240, y, 240 + rng.randint(200, 480), y + 24), fill=(60, 40, 20))


def _corridor(draw, rng):
    draw.polygon([(0, 720), (380, 300), (580, 300), (960, 720)], fill=(150, 150, 140))
    for _ in range(7):
        x = rng.randint(250, 620)
        y = rng.randint(420, 620)
        draw.rectangle((x, y, x + 110, y + 90), fill=(160, 110, 60), outline=(90, 60, 30), width=3)
    draw.rectangle((420, 200, 540, 300), fill=(30, 160, 60))  # the exit sign


DRAW = {"receipt": _receipt, "classroom": _classroom, "leaflet": _leaflet, "corridor": _corridor}


def demo_photo(kind, seed=0):
    """JPEG bytes of one demo photo of `kind` (see KINDS)."""
    rng = random.Random(f"{kind}:{seed}")
    image = Image.new("RGB", SIZE, (rng.randint(200, 235), rng.randint(200, 235), 225))
    DRAW[kind](ImageDraw.Draw(image), rng)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()
