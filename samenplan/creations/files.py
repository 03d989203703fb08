"""Making an upload safe to keep and to show.

An image is opened by Pillow and drawn again into a new file: what comes out
holds pixels only (no EXIF, no GPS location, no comments, no colour-profile
tricks), at most ``LONGEST_SIDE`` pixels wide or high. What Pillow cannot read
as a bitmap (SVG, HTML, PDF, a renamed script) is refused. A voice note cannot
be re-encoded without a codec library; it is accepted only when its first bytes
are those of the formats browsers record (WebM, Ogg, MP4) and it is small, and
it is served with ``nosniff`` and a sandbox so a browser never runs it.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from samenplan.lib.errors import ActionError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_VOICE_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 40_000_000
LONGEST_SIDE = 2000
READABLE = {"PNG", "JPEG", "WEBP", "GIF", "BMP"}


@dataclass
class Clean:
    content: bytes
    content_type: str
    width: int | None = None
    height: int | None = None


def voice_type(head: bytes) -> str | None:
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "audio/webm"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head[4:8] == b"ftyp":
        return "audio/mp4"
    return None


def clean_upload(raw: bytes) -> Clean:
    """The upload as we keep it, or ``ActionError`` with what to do instead."""
    if not raw:
        raise ActionError(_("Het bestand is leeg. Kies een ander bestand."))
    kind = voice_type(raw[:16])
    if kind is not None:
        if len(raw) > MAX_VOICE_BYTES:
            raise ActionError(
                _("Dit geluid is te groot. Neem een kort bericht op, hoogstens 1 minuut.")
            )
        return Clean(content=raw, content_type=kind)
    if len(raw) > MAX_IMAGE_BYTES:
        raise ActionError(_("Dit bestand is te groot. Hoogstens 5 MB."))
    return _clean_image(raw)


def _clean_image(raw: bytes) -> Clean:
    refuse = ActionError(
        _("Dit is geen foto of tekening die we kunnen lezen. Kies een .jpg- of .png-bestand.")
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as opened:
                if opened.format not in READABLE:
                    raise refuse
                if opened.width * opened.height > MAX_PIXELS:
                    raise refuse
                opened.load()
                image = ImageOps.exif_transpose(opened)
    except ActionError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise refuse from None
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    keeps_alpha = image.mode in ("RGBA", "LA") or (
        image.mode == "P" and "transparency" in image.info
    )
    out = io.BytesIO()
    if keeps_alpha:
        # A drawing with see-through parts: PNG, pixels only.
        fresh = Image.new("RGBA", image.size)
        fresh.paste(image.convert("RGBA"))
        fresh.save(out, format="PNG", optimize=True)
        content_type = "image/png"
    else:
        fresh = Image.new("RGB", image.size)
        fresh.paste(image.convert("RGB"))
        fresh.save(out, format="JPEG", quality=85, optimize=True)
        content_type = "image/jpeg"
    return Clean(out.getvalue(), content_type, fresh.width, fresh.height)
