"""Page images for the review and source panels: a PDF page drawn once, in a child process
with memory and time limits and at a bounded size (disclosures/pages.py), kept on disk
beside the uploads, then read from there; the outline of a value's box is drawn onto the
kept page, which is small whatever the page's size in points.

A page of a published file can be asked for by anyone, as often as they like: without
the child, a 14400-point page took a web worker 25 s and 3.6 GB.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from pathlib import Path

from django.conf import settings
from PIL import Image

from disclosures import pages
from disclosures.models import Document
from disclosures.parsing.sandbox import run_in_child

TARGET = "disclosures.pages:render_request"
MAX_SECONDS = 20
MAX_MEMORY_MB = 700


class PageImageError(Exception):
    """The page could not be drawn within the limits (a 503, not a bug)."""


# Outlined copies kept for one file: a source panel asks for the same few boxes again and
# again (about 0.1 s of the web process's CPU each to draw); any box beyond these is drawn
# and not kept, so that made-up boxes cannot fill the disk.
MAX_KEPT_OUTLINES = 300


def page_png(document: Document, page: int, box: pages.Box | None) -> bytes:
    """The page as PNG, its box outlined; raises pages.NoSuchPage or PageImageError."""
    path = _kept(document, page)
    if not path.is_file():
        _draw(document, page, path)
    if box is None:
        return path.read_bytes()
    outlined = path.with_name(f"{page}-{'-'.join(f'{v:g}' for v in box)}.png")
    if outlined.is_file():
        return outlined.read_bytes()
    scale = json.loads(path.with_suffix(".json").read_text())["scale"]
    with Image.open(path) as image:
        data = pages.png(pages.outlined(image.convert("RGB"), box, scale))
    if sum(1 for _ in path.parent.glob("*-*.png")) < MAX_KEPT_OUTLINES:
        _write(outlined, data)
    return data


def _kept(document: Document, page: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "pages" / document.sha256 / f"{page}.png"


def _draw(document: Document, page: int, path: Path) -> None:
    with document.file.open("rb") as stream:
        data = stream.read()
    outcome = run_in_child(
        TARGET, data, str(page), max_seconds=MAX_SECONDS, max_memory_mb=MAX_MEMORY_MB
    )
    if outcome.error is not None:
        raise PageImageError(outcome.error.message)
    if outcome.value is None:
        raise pages.NoSuchPage(f"no page {page}")
    encoded, scale = outcome.value
    png = base64.b64decode(encoded)
    path.parent.mkdir(parents=True, exist_ok=True)
    # the scale first, then the picture, each written aside and renamed: a reader that
    # finds the picture finds its scale
    _write(path.with_suffix(".json"), json.dumps({"scale": scale}).encode())
    _write(path, png)


def _write(path: Path, data: bytes) -> None:
    part = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    part.write_bytes(data)
    part.replace(path)
