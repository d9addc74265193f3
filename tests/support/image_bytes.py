"""Real image bytes made with Pillow for upload tests: EXIF, GPS, bombs, broken files."""

import io
import struct
import zlib

from PIL import Image

ORIENTATION = 0x0112
GPS_IFD = 0x8825


def jpeg(size=(64, 48), color=(200, 30, 30), *, orientation=None, gps=False, quality=90):
    """A JPEG; optionally with an EXIF orientation and a GPS position (a family's home)."""
    image = Image.new("RGB", size, color)
    # A distinct top-left corner, so a test can see which way the stored photo was turned.
    image.paste((0, 0, 255), (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, exif=exif.tobytes())
    return out.getvalue()


def png(size=(40, 30), color=(10, 160, 60, 255), mode="RGBA"):
    """A PNG."""
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, "PNG")
    return out.getvalue()


def webp(size=(40, 30), color=(10, 60, 160)):
    """A WebP."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "WEBP")
    return out.getvalue()


def distinct_jpegs(count):
    """`count` small JPEGs with different bytes (different colours)."""
    return [jpeg((32, 32), (i * 20 % 256, 100, 50)) for i in range(count)]


def png_claiming(width, height):
    """A Pillow-made 1x1 PNG whose header claims width x height: a decompression bomb's
    header. Its pixel data covers one pixel, so only a check made BEFORE decoding can
    answer `image_too_large`; a full decode would fail as a corrupt file instead."""
    data = bytearray(png((1, 1), 0, mode="L"))
    ihdr = 8 + 4  # signature, then the chunk length; the type "IHDR" starts here
    assert data[ihdr : ihdr + 4] == b"IHDR"
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


def truncated_jpeg():
    """A real JPEG cut off halfway through its picture data."""
    whole = jpeg((256, 256), (90, 90, 90), quality=95)
    return whole[: len(whole) // 2]


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<rect width="10" height="10"/></svg>'
)
TEXT = "这不是图片，只是改了扩展名的文本文件。\n".encode()
