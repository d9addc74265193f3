"""The enrolment QR code, drawn here with `qrcode` and Pillow (no outside service sees the
secret): a PNG of the `otpauth://` URI."""

import io

import qrcode
from qrcode.image.pil import PilImage


def png(uri, *, box_size=6):
    """PNG bytes of a QR code holding `uri` (error correction M, a 4-module quiet zone)."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4
    )
    code.add_data(uri)
    code.make(fit=True)
    image = code.make_image(image_factory=PilImage)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
