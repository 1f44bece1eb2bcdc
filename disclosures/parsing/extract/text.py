"""Plain text: one Line per text line, cells split at TABs.

Text exported from PDFs keeps table cells apart with TABs (and keeps empty
cells as empty fields, which is how a blank column is told from a missing
one). Text without TABs is split at runs of spaces. A form feed starts a page.
"""

from __future__ import annotations

import re

from ..errors import ParseError
from .base import Extracted, Line, Page, normalise

_SPACE_RUN = re.compile(r"\s+")
ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ParseError("corrupt", "the text is in no encoding we read (UTF-8, GB18030, UTF-16)")


def split_cells(raw: str) -> tuple[str, ...]:
    if "\t" in raw:
        cells = [normalise(c) for c in raw.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        return tuple(cells)
    return tuple(c for c in _SPACE_RUN.split(normalise(raw)) if c)


def extract_text(data: bytes, source: str = "") -> Extracted:
    text = decode(data)
    if "\x00" in text:
        raise ParseError("unsupported", "this is a binary file, not text")
    pages = []
    for number, chunk in enumerate(text.split("\f"), start=1):
        lines = []
        for raw in chunk.splitlines():
            cells = split_cells(raw)
            if any(cells):
                lines.append(Line(page=number, cells=cells))
        pages.append(Page(number=number, lines=tuple(lines)))
    return Extracted(source=source, format="text", pages=tuple(pages))
