"""Photos residents upload: checked, re-encoded, stripped of metadata, stored.

Re-encoding the pixels into a fresh JPEG drops EXIF (GPS position, camera, owner),
XMP and any payload hidden in the file, whatever the uploaded format was.
"""

import io
import uuid
from pathlib import Path

from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from participation.errors import Invalid

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# The imaging library's own guard only warns up to twice its limit and refuses past
# it: a backstop. The configured MAX_PHOTO_PIXELS is checked first, from the header.
Image.MAX_IMAGE_PIXELS = 100_000_000


def upload_folder() -> Path:
    folder = Path(
        current_app.config["UPLOAD_PATH"] or Path(current_app.instance_path) / "uploads"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def clean_photo(data: bytes) -> bytes:
    """The photo as a metadata-free JPEG, or Invalid with a reason the user understands."""
    if len(data) > current_app.config["MAX_PHOTO_BYTES"]:
        limit = current_app.config["MAX_PHOTO_BYTES"] // (1024 * 1024)
        raise Invalid(
            {"photo": _("The photo is too large (at most %(mb)d MB).", mb=limit)}
        )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            _check_pixels(*probe.size)  # from the header: nothing is decoded yet
            probe.verify()  # the file's structure, before decoding any pixels
        if kind not in ACCEPTED_FORMATS:
            raise UnidentifiedImageError(kind)
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)  # keep the orientation, drop the tag
            image = image.convert("RGB")
            side = current_app.config["PHOTO_MAX_SIDE"]
            image.thumbnail((side, side))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)
    except Image.DecompressionBombError:
        raise Invalid({"photo": _too_many_pixels()}) from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise Invalid(
            {
                "photo": _(
                    "This file is not a photo we can read (JPEG, PNG, WebP or GIF)."
                )
            }
        ) from None
    return out.getvalue()


def _too_many_pixels() -> str:
    megapixels = current_app.config["MAX_PHOTO_PIXELS"] / 1_000_000
    return _(
        "The photo has too many pixels: at most %(megapixels)s megapixels. "
        "Send a smaller copy.",
        megapixels=format_decimal(megapixels),
    )


def _check_pixels(width: int, height: int) -> None:
    """Invalid when the image would be larger than MAX_PHOTO_PIXELS once decoded."""
    if width * height > current_app.config["MAX_PHOTO_PIXELS"]:
        raise Invalid({"photo": _too_many_pixels()})


def store_photo(clean_jpeg: bytes) -> str:
    """Write a cleaned photo under a random name; returns the name."""
    name = f"{uuid.uuid4().hex}.jpg"
    (upload_folder() / name).write_bytes(clean_jpeg)
    return name


def delete_photo(name: str) -> None:
    """Remove a stored photo (a name store_photo gave; nothing if already gone)."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return
    (upload_folder() / name).unlink(missing_ok=True)
