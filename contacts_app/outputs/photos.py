"""A contact's photo in the sizes the site and the cards need, made once per version of the photo (the
digest of its bytes names it) with Pillow: JPEG for pages, and a small JPEG for the vCard that keeps under
VCARD_PHOTO_BYTES, so Android's and CardDAV servers' limits on a card hold."""

from __future__ import annotations

import io
from functools import lru_cache

from contacts_app.model.contact import Photo

#: The widths (pixels) a page shows a photo at: one for ordinary screens, twice that for dense ones.
PAGE_WIDTHS = (160, 320)
#: The largest photo a vCard carries, in bytes before base64 (Android's contacts and some servers refuse more).
VCARD_PHOTO_BYTES = 40 * 1024
_VCARD_SIDE = 256
_QUALITIES = (85, 75, 65, 55, 45, 35)


def photo_name(photo: Photo, width: int) -> str:
    """The file name of a resized copy: the photo's digest and the width, so a new photo gets a new name."""
    return f"{photo.digest[:20]}-{width}.jpg"


def parse_name(name: str) -> tuple[str, int] | None:
    """(digest prefix, width) of a resized copy's file name, or None when it is not one."""
    stem, dot, ext = name.partition(".")
    digest, _, width = stem.partition("-")
    if ext != "jpg" or len(digest) != 20 or not width.isdigit() or int(width) not in PAGE_WIDTHS:
        return None
    return digest, int(width)


def page_height(photo: Photo, width: int) -> int:
    """The height of the copy `width` pixels wide (for the page's width and height attributes)."""
    source_width, source_height = _source_size(photo.path, photo.digest)
    return max(1, round(source_height * min(width, source_width) / source_width))


@lru_cache(maxsize=512)
def resized(path: str, digest: str, width: int) -> bytes:
    """The photo `width` pixels wide (never enlarged) as a progressive JPEG, for a page."""
    with _opened(path) as image:
        image.thumbnail((width, width * 4))
        return _jpeg(image, 82)


@lru_cache(maxsize=4096)
def vcard_photo(path: str, digest: str) -> bytes:
    """The photo for a vCard: a centred square of _VCARD_SIDE pixels, as JPEG of at most VCARD_PHOTO_BYTES."""
    from PIL import ImageOps

    with _opened(path) as image:
        square = ImageOps.fit(image, (_VCARD_SIDE, _VCARD_SIDE))
        for side in (_VCARD_SIDE, _VCARD_SIDE * 3 // 4, _VCARD_SIDE // 2):
            small = square if side == _VCARD_SIDE else square.resize((side, side))
            for quality in _QUALITIES:
                data = _jpeg(small, quality, progressive=False)
                if len(data) <= VCARD_PHOTO_BYTES:
                    return data
    return data


@lru_cache(maxsize=4096)
def _source_size(path: str, digest: str) -> tuple[int, int]:
    """The photo's size in pixels, upright."""
    with _opened(path) as image:
        return image.size


def _opened(path: str):
    """The image, turned upright as its EXIF says and in RGB (a context manager)."""
    from PIL import Image, ImageOps

    image = Image.open(path)
    upright = ImageOps.exif_transpose(image).convert("RGB")
    image.close()
    return upright


def _jpeg(image, quality: int, *, progressive: bool = True) -> bytes:
    """The image as JPEG bytes, without EXIF (no camera data, no location, leaves the site)."""
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True, progressive=progressive)
    return out.getvalue()
