"""Turn an untrusted uploaded photo into a safe JPEG and its thumbnail.

A parent's phone photo can carry the family's GPS position, can lie about its format and
can be a decompression bomb. So: check the byte size, sniff the real format, check the
pixel count from the header before decoding (a limit per format: what a decode will hold),
decode once (at reduced JPEG scale where possible) while holding one of a few decode
slots, apply the EXIF orientation, flatten to RGB and re-encode without any metadata.
Memory per process is then bounded by slots x budget, whatever the headers claim.
No Flask, no database; storage and de-duplication belong to the caller.
"""

import hashlib
import io
import struct
import threading
import zlib
from dataclasses import dataclass

from PIL import ExifTags, Image

from server.errors import AppError
from server.metrics.instruments import PHOTO_DECODE_SLOTS_IN_USE

MAX_BYTES = 10 * 1024 * 1024  # 10 MB
MAX_PIXELS = 40_000_000  # the most any header may claim, checked BEFORE decoding
# What one decode may hold: 4096 x 4096 (16.8 MP) is 64 MB, as Pillow keeps RGB in 4 bytes
# too, and about twice that while an RGBA image is resized. PNG and WebP decode at full
# size, so their headers are held to it. A JPEG draft-decodes at 1/2, 1/4 or 1/8 scale
# toward the 2048 px target, so up to 40 MP it never decodes more than this either.
DECODED_PIXELS = 4096 * 4096
HEADER_PIXELS = {"JPEG": MAX_PIXELS, "PNG": DECODED_PIXELS, "WEBP": DECODED_PIXELS}
# Decodes at once per process (each up to ~170 MB with the resize): set from config at start.
DEFAULT_DECODE_SLOTS = 2
DEFAULT_SLOT_WAIT = 30.0  # seconds behind other decodes before 503 `busy`, try again
FULL_LONG_SIDE = 2048
THUMB_LONG_SIDE = 400
JPEG_QUALITY = 85

# Magic bytes decide the format; a filename or content type is whatever the client says.
_MAGIC = {
    "JPEG": lambda data: data[:3] == b"\xff\xd8\xff",
    "PNG": lambda data: data[:8] == b"\x89PNG\r\n\x1a\n",
    "WEBP": lambda data: data[:4] == b"RIFF" and data[8:12] == b"WEBP",
}

# EXIF Orientation value -> the transpose that makes the pixels upright.
_ORIENTATION_FIX = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

# What Pillow raises on truncated or inconsistent bodies (UnidentifiedImageError is an
# OSError: magic bytes matched but the header did not parse).
_CORRUPT = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error)
_decode_slots = threading.BoundedSemaphore(DEFAULT_DECODE_SLOTS)
_slot_wait = DEFAULT_SLOT_WAIT


@dataclass(frozen=True)
class ProcessedPhoto:
    """The re-encoded photo, its thumbnail and what the caller needs to store them."""

    full: bytes  # JPEG, metadata-free, EXIF orientation applied, long side <= 2048
    thumb: bytes  # JPEG, long side <= 400
    width: int  # of `full`
    height: int
    sha256: str  # hex sha256 of the ORIGINAL uploaded bytes (per-parent de-dup)
    source_format: str  # "JPEG" | "PNG" | "WEBP"


def sniff_format(data: bytes) -> str:
    """Return "JPEG", "PNG" or "WEBP" from the magic bytes, else raise `not_an_image`."""
    for name, matches in _MAGIC.items():
        if matches(data):
            return name
    raise AppError("not_an_image")


def process_photo(data: bytes, *, max_bytes=MAX_BYTES, max_pixels=MAX_PIXELS) -> ProcessedPhoto:
    """Check, decode once, orient, strip and re-encode an upload; raises AppError."""
    if len(data) > max_bytes:
        raise AppError("file_too_large")
    source_format = sniff_format(data)  # empty input has no magic bytes: not_an_image
    im = _open_checked(data, source_format, min(max_pixels, HEADER_PIXELS[source_format]))
    # Only a few decodes at once per process: each may hold DECODED_PIXELS of pixels.
    slots = _decode_slots  # the one acquired is the one released, even if reconfigured
    if not slots.acquire(timeout=_slot_wait):
        raise AppError("busy")
    PHOTO_DECODE_SLOTS_IN_USE.inc()
    try:
        return _process(im, data, source_format)
    finally:
        PHOTO_DECODE_SLOTS_IN_USE.dec()
        slots.release()


def _open_checked(data, source_format, max_pixels):
    """The image with only its header parsed, refused if the header claims too many pixels."""
    try:
        # No `with`: closing would discard the pixels when no resize was needed, and
        # Pillow holds no OS file for a BytesIO.
        im = Image.open(io.BytesIO(data), formats=[source_format])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard fires inside Image.open (and its warning is an exception
        # under `-W error`); either way the header announced too many pixels.
        raise AppError("image_too_large") from None
    except _CORRUPT:
        raise AppError("corrupt_image") from None
    # Image.open only parsed the header, so this costs nothing even for a bomb.
    if im.width * im.height > max_pixels:
        raise AppError("image_too_large")
    return im


def _process(im, data, source_format):
    """Decode within the pixel budget, then downscale, orient, flatten and encode."""
    target = _fit(im.size, FULL_LONG_SIDE)
    try:
        # Pillow's JPEG opener names a JPEG with a multi-picture index (phones add depth
        # maps and previews) "MPO"; its first frame is an ordinary JPEG and drafts the same.
        if im.format in ("JPEG", "MPO") and target != im.size:
            # Ask for the target's aspect ratio, not a square: libjpeg then decodes at the
            # strongest 1/2, 1/4 or 1/8 reduction that still covers the target.
            im.draft("RGB", target)
        if im.width * im.height > DECODED_PIXELS:  # what load() would hold in memory
            raise AppError("image_too_large")
        im.load()  # the one decode; a truncated or lying body fails here
    except _CORRUPT:
        raise AppError("corrupt_image") from None

    orientation = _orientation(im)
    full = _downscale(im, target)
    if full is not im:
        im.close()  # free the decoded pixels before the next allocations
    del im
    # Rotating after the downscale moves a quarter as many pixels.
    if orientation in _ORIENTATION_FIX:
        full = full.transpose(_ORIENTATION_FIX[orientation])
    full = _to_rgb(full)
    # From the already-downscaled image; reducing_gap lets a cheap box reduce do most of it.
    thumb = full.resize(
        _fit(full.size, THUMB_LONG_SIDE), Image.Resampling.BICUBIC, reducing_gap=1.5
    )
    return ProcessedPhoto(
        full=_encode_jpeg(full),
        thumb=_encode_jpeg(thumb),
        width=full.width,
        height=full.height,
        sha256=hashlib.sha256(data).hexdigest(),
        source_format=source_format,
    )


def set_decode_slots(count, wait=DEFAULT_SLOT_WAIT):
    """How many photos this process may decode at once, and how many seconds a photo may
    wait for a slot (config PHOTO_DECODE_SLOTS, PHOTO_SLOT_WAIT_SECONDS)."""
    global _decode_slots, _slot_wait
    _decode_slots, _slot_wait = threading.BoundedSemaphore(count), wait


def _orientation(im: Image.Image) -> int:
    """EXIF Orientation, or 1 when absent or unreadable (a bad EXIF block is no reason to
    refuse the pixels; we drop the EXIF anyway)."""
    try:
        return int(im.getexif().get(ExifTags.Base.Orientation, 1))
    except Exception:  # noqa: BLE001 - any parse failure means "no orientation"
        return 1


def _fit(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    """`size` scaled so its long side is at most `long_side`, keeping the aspect ratio."""
    width, height = size
    scale = long_side / max(width, height)
    if scale >= 1:
        return size
    return max(1, round(width * scale)), max(1, round(height * scale))


def _downscale(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Loaded `im` resampled to `size` (a no-op when it already has that size)."""
    # P and 1 only resample with NEAREST; widen them first, keeping any transparency.
    if im.mode in ("P", "1"):
        im = im.convert("RGBA" if im.has_transparency_data else "RGB")
    if im.size == size:
        return im
    # Pillow's bilinear widens with the factor, so it does not alias; after a JPEG draft
    # the factor left is below 2, where it is a touch softer than bicubic but about twice
    # as fast, and the budget is 1.5x Pillow's own draft-decode + encode.
    return im.resize(size, Image.Resampling.BILINEAR)


def _to_rgb(im: Image.Image) -> Image.Image:
    """`im` as RGB, transparent areas flattened onto white (JPEG has no alpha)."""
    if im.mode in ("RGBA", "LA", "La", "RGBa", "PA"):
        im = im.convert("RGBA")
        background = Image.new("RGB", im.size, (255, 255, 255))
        background.paste(im, mask=im.getchannel("A"))
        return background
    return im if im.mode == "RGB" else im.convert("RGB")


def _encode_jpeg(im: Image.Image) -> bytes:
    """Baseline JPEG without metadata."""
    # Pillow's JPEG writer copies a "comment" from im.info; nothing else from the source
    # may travel either, so start from an empty info.
    im.info = {}
    out = io.BytesIO()
    im.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()
