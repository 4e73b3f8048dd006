"""A contact's photo: `photo: {file: name.jpg, credit: "Foto: …"}`, a real image inside the photos folder
beside the contacts file (data/photos/), with the photographer's credit. A photo with a problem is a
warning and is not shown; the person is still published."""

from __future__ import annotations

import difflib
import hashlib
from functools import lru_cache
from pathlib import Path

import yaml

from contacts_app.model.contact import Photo
from contacts_app.model.keys import PHOTO_KEYS
from contacts_app.validation.shapes import Scope

#: The folder of the photos, beside the contacts file.
PHOTOS_FOLDER = "photos"
#: A photo file larger than this is refused unread (a camera's original is a few megabytes).
MAX_PHOTO_BYTES = 25 * 1024 * 1024
#: Pixels above which an image is refused as a likely decompression bomb.
MAX_PIXELS = 60_000_000


def photos_folder(contacts_path: str) -> Path:
    """The photos folder of a contacts file: `photos/` beside it."""
    return Path(contacts_path).resolve().parent / PHOTOS_FOLDER


def read_photo(scope: Scope, node: yaml.Node) -> Photo | None:
    """The photo, or None (with a warning at the value to fix) when it cannot be shown."""
    if not isinstance(node, yaml.MappingNode):
        scope.report(node, "photo-invalid:shape")
        return None
    fields = scope.items(node, PHOTO_KEYS, "photo")
    file_node = fields.get("file", (None, None))[1]
    name = scope.text(file_node, "file") if file_node is not None else None
    if name is None:
        scope.report(file_node or node, "photo-invalid:shape")
        return None
    credit_node = fields.get("credit", (None, None))[1]
    credit = scope.text(credit_node, "credit") if credit_node is not None else None
    folder = photos_folder(scope.path)
    where = f"{Path(scope.path).parent.name or '.'}/{PHOTOS_FOLDER}/"
    target = (folder / name).resolve()
    if Path(name).is_absolute() or not target.is_relative_to(folder):
        scope.report(file_node, "photo-invalid:outside", file=name, folder=where)
        return None
    if not target.is_file():
        scope.report(file_node, "photo-missing", file=name, folder=where, hint=_nearest(folder, name))
        return None
    stat = target.stat()
    problem = _image_problem(str(target), stat.st_mtime_ns, stat.st_size)
    if problem:
        scope.report(file_node, "photo-invalid:image", file=name, detail=problem)
        return None
    if not credit:
        scope.report(credit_node or node, "photo-no-credit", file=name)
        return None
    return Photo(name, credit, _digest(str(target), stat.st_mtime_ns, stat.st_size), str(target))


def _nearest(folder: Path, name: str) -> str:
    """`; did you mean x.jpg?` for a file of the folder with a close name, else nothing."""
    try:
        names = [p.name for p in folder.iterdir() if p.is_file()]
    except OSError:
        return ""
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


@lru_cache(maxsize=65536)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    """The SHA-256 of a photo's bytes, remembered per version of the file like _image_problem (a reload of
    the contacts file reads no photo that did not change)."""
    with open(path, "rb") as photo:
        return hashlib.file_digest(photo, "sha256").hexdigest()


@lru_cache(maxsize=65536)
def _image_problem(path: str, mtime_ns: int, size: int) -> str | None:
    """Why the file is not an image to show, or None when Pillow reads it as one (remembered per version of
    the file, so a reload of the contacts file does not decode every photo again)."""
    from PIL import Image, UnidentifiedImageError

    if size > MAX_PHOTO_BYTES:
        return f"larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB"
    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                return f"{image.width}×{image.height} pixels is more than any page needs"
            image.draft("RGB", (64, 64))  # a JPEG decodes at an eighth of its size: quick, and reads every byte
            image.load()
    except UnidentifiedImageError:
        return "not a known image format"
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        return f"damaged: {exc}"
    return None
