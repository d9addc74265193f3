"""Unit tests of the photo service with real image bytes made by Pillow (no fixture files)."""

import hashlib
import io
import struct
import zlib

import pytest
from PIL import ExifTags, Image

from server.errors import AppError
from server.services.photos.processing import process_photo


def encode(im, fmt, **params):
    """`im` saved as `fmt`, as bytes."""
    out = io.BytesIO()
    im.save(out, fmt, **params)
    return out.getvalue()


def noisy(size):
    """An RGB image whose body does not compress away, so truncating it loses pixels."""
    return Image.frombytes("RGB", size, bytes(range(256)) * (size[0] * size[1] * 3 // 256 + 1))


def png_chunk(kind, body):
    """One PNG chunk: length, type, body, CRC."""
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width, height):
    """A valid 1-bit single-colour PNG of width x height, built without holding its pixels.

    Deflate output after a full flush repeats for repeated input, and the Adler-32 of n
    zero bytes is ((n % 65521) << 16) | 1, so the stream is assembled from one block.
    """
    row = bytes(1 + (width + 7) // 8)  # filter byte 0 + packed bits, all zero
    most = max(1, 1_000_000 // len(row))
    rows_per_block = next(n for n in range(most, 0, -1) if height % n == 0)
    compressor = zlib.compressobj(9)
    first = compressor.compress(row * rows_per_block) + compressor.flush(zlib.Z_FULL_FLUSH)
    header, block = first[:2], first[2:]
    raw_length = len(row) * height
    adler = ((raw_length % 65521) << 16) | 1
    stream = header + block * (height // rows_per_block) + b"\x03\x00" + adler.to_bytes(4, "big")
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", stream)
        + png_chunk(b"IEND", b"")
    )


def jpeg_claiming(width, height):
    """A small real JPEG whose frame header (SOF0) is patched to claim width x height."""
    data = bytearray(encode(Image.new("RGB", (64, 48), "red"), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def assert_metadata_free(jpeg):
    """No EXIF, GPS, XMP, ICC or comment survives in an output JPEG."""
    with Image.open(io.BytesIO(jpeg)) as im:
        assert im.format == "JPEG"
        assert not im.getexif()
        assert not im.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        for key in ("exif", "xmp", "icc_profile", "comment"):
            assert key not in im.info
    assert b"Exif" not in jpeg


def open_output(jpeg):
    """An output JPEG, loaded."""
    im = Image.open(io.BytesIO(jpeg))
    im.load()
    return im


def test_jpeg_orientation_applied_and_all_metadata_stripped():
    """Orientation 6 turns a stored 300x200 into an upright 200x300; GPS and friends go."""
    source = Image.new("RGB", (300, 200), "blue")
    source.paste((255, 0, 0), (0, 0, 150, 200))  # left half red: after a 90° turn, the top
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (28.0, 12.0, 34.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (112.0, 56.0, 7.8),
    }
    data = encode(source, "JPEG", exif=exif, comment=b"home", xmp=b"<x:xmpmeta/>")
    with Image.open(io.BytesIO(data)) as check:  # the input really carries what we strip
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert {"exif", "xmp", "comment"} <= check.info.keys()

    photo = process_photo(data)

    assert (photo.width, photo.height) == (200, 300)
    assert photo.source_format == "JPEG"
    full = open_output(photo.full)
    assert full.size == (200, 300)
    red, _, blue = full.getpixel((100, 10))
    assert red > 200
    assert blue < 60
    red, _, blue = full.getpixel((100, 290))
    assert blue > 200
    assert red < 60
    assert_metadata_free(photo.full)
    assert_metadata_free(photo.thumb)


def test_png_alpha_is_flattened_on_white():
    """Transparent PNG areas become white in an RGB JPEG."""
    source = Image.new("RGBA", (120, 80), (0, 0, 0, 0))
    source.paste((255, 0, 0, 255), (40, 20, 80, 60))
    photo = process_photo(encode(source, "PNG"))

    full = open_output(photo.full)
    assert photo.source_format == "PNG"
    assert full.mode == "RGB"
    assert full.size == (120, 80)
    assert min(full.getpixel((2, 2))) > 245
    red, green, _ = full.getpixel((60, 40))
    assert red > 200
    assert green < 60
    assert_metadata_free(photo.full)


def test_palette_png_with_transparency():
    """A palette PNG with a transparent index is flattened like RGBA."""
    source = Image.new("P", (50, 50), 0)
    source.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    source.paste(1, (10, 10, 40, 40))
    photo = process_photo(encode(source, "PNG", transparency=0))

    full = open_output(photo.full)
    assert min(full.getpixel((2, 2))) > 245
    assert full.getpixel((25, 25))[0] > 200


def test_mpo_from_a_phone_is_a_jpeg():
    """A JPEG with a multi-picture index (Pillow says "MPO") is processed as its first frame."""
    frames = [Image.new("RGB", (300, 200), "red"), Image.new("RGB", (300, 200), "blue")]
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 8
    out = io.BytesIO()
    frames[0].save(out, "MPO", save_all=True, append_images=frames[1:], exif=exif)
    photo = process_photo(out.getvalue())

    assert photo.source_format == "JPEG"
    full = open_output(photo.full)
    assert full.size == (200, 300)
    assert full.getpixel((100, 150))[0] > 200
    assert_metadata_free(photo.full)


@pytest.mark.parametrize(
    ("mode", "fmt"),
    [("L", "JPEG"), ("CMYK", "JPEG"), ("L", "PNG"), ("LA", "PNG"), ("I;16", "PNG"), ("1", "PNG")],
)
def test_other_pixel_modes_become_rgb(mode, fmt):
    """Grey, CMYK, 16-bit and bilevel sources all come out as RGB JPEG."""
    photo = process_photo(encode(Image.new(mode, (2500, 100)), fmt))

    full = open_output(photo.full)
    assert full.mode == "RGB"
    assert full.size == (2048, 82)


@pytest.mark.parametrize("lossless", [False, True])
def test_webp_accepted(lossless):
    """WebP, lossy or lossless, comes out as JPEG."""
    photo = process_photo(encode(noisy((160, 90)), "WEBP", lossless=lossless))

    assert photo.source_format == "WEBP"
    assert open_output(photo.full).size == (160, 90)
    assert_metadata_free(photo.full)


@pytest.mark.parametrize(
    ("size", "full_size", "thumb_size"),
    [
        ((4000, 3000), (2048, 1536), (400, 300)),
        ((3000, 4000), (1536, 2048), (300, 400)),
        ((8000, 1000), (2048, 256), (400, 50)),
        ((640, 480), (640, 480), (400, 300)),
        ((300, 200), (300, 200), (300, 200)),
    ],
)
def test_long_side_is_capped(size, full_size, thumb_size):
    """The full image is capped at 2048 px and the thumbnail at 400 px, aspect kept."""
    photo = process_photo(encode(Image.new("RGB", size, "green"), "JPEG"))

    assert (photo.width, photo.height) == full_size
    assert open_output(photo.full).size == full_size
    assert open_output(photo.thumb).size == thumb_size


def test_sha256_is_of_the_original_bytes():
    """De-duplication hashes what the parent uploaded, not what we re-encoded."""
    data = encode(noisy((64, 64)), "PNG")
    assert process_photo(data).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "max_pixels"),
    [
        # 48 MP of one colour in ~10 KB: below Pillow's own guard, so only ours stops it.
        (png_bomb(8000, 6000), 40_000_000),
        # 64000 x 64000 (4 G pixels): decoding needs 4 GB, converting to RGB 16 GB more.
        (png_bomb(64000, 64000), 40_000_000),
        (jpeg_claiming(65000, 65000), 40_000_000),
        (jpeg_claiming(7000, 7000), 40_000_000),
        (jpeg_claiming(200, 100), 10_000),
    ],
    ids=["png-48mp", "png-4gp", "jpeg-4gp", "jpeg-49mp", "jpeg-custom-limit"],
)
@pytest.mark.parametrize("pillow_guard", [True, False], ids=["pillow-guard", "no-pillow-guard"])
def test_too_many_pixels_refused_before_decoding(monkeypatch, data, max_pixels, pillow_guard):
    """The header's pixel count is refused before decoding, with or without Pillow's guard.

    If anything decoded these, the test would need gigabytes (or hit the lying JPEG's
    missing body and report corrupt_image), so passing proves the refusal came first.
    """
    if not pillow_guard:
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    with pytest.raises(AppError) as raised:
        process_photo(data, max_pixels=max_pixels)
    assert raised.value.code == "image_too_large"


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect width="9"/></svg>'


def _truncated(fmt):
    data = encode(noisy((400, 300)), fmt)
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "not_an_image"),
        ("投诉内容：这是一段文本，不是图片。\n".encode(), "not_an_image"),
        (SVG, "not_an_image"),
        (encode(Image.new("RGB", (20, 20), "red"), "GIF"), "not_an_image"),
        (encode(Image.new("RGB", (20, 20), "red"), "BMP"), "not_an_image"),
        (encode(Image.new("RGB", (20, 20), "red"), "TIFF"), "not_an_image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "not_an_image"),
        (_truncated("JPEG"), "corrupt_image"),
        (_truncated("PNG"), "corrupt_image"),
        (_truncated("WEBP"), "corrupt_image"),
        (b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, "corrupt_image"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 50, "corrupt_image"),
        (b"RIFF\x00\x10\x00\x00WEBPVP8 " + b"garbage" * 50, "corrupt_image"),
    ],
    ids=[
        "empty",
        "text",
        "svg",
        "gif",
        "bmp",
        "tiff",
        "pdf",
        "truncated-jpeg",
        "truncated-png",
        "truncated-webp",
        "jpeg-magic-garbage",
        "png-magic-garbage",
        "webp-magic-garbage",
    ],
)
def test_refused_inputs(data, code):
    """Non-images, unsupported formats and broken bodies are refused with their code."""
    with pytest.raises(AppError) as raised:
        process_photo(data)
    assert raised.value.code == code


def test_byte_limit_is_checked_first():
    """An over-long upload is refused by length alone, even if it is not an image."""
    for data in (encode(noisy((64, 64)), "JPEG"), b"x" * 2000):
        with pytest.raises(AppError) as raised:
            process_photo(data, max_bytes=1000)
        assert raised.value.code == "file_too_large"
        assert raised.value.status == 413
