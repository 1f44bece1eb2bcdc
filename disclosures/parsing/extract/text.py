"""Plain text: one Line per text line, cells split at TABs or runs of spaces.

Text exported from PDFs keeps table cells apart with TABs (and keeps empty
cells as empty fields, which is how a blank column is told from a missing
one). Text without TABs is split at spaces. Text laid out in columns (as
`pdftotext -layout` writes it) also gives each cell its column span as a box,
so that an amount under a blank column still finds its header, as in a PDF.
A form feed starts a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..cells import is_amount, is_code
from ..errors import ParseError
from .base import Box, Extracted, Line, Page, normalise

_SPACE_RUN = re.compile(r"\s+")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
_COLUMN_GAP = re.compile(r"\S {2,}\S")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、\S")
_CHUNK = re.compile(r"\S+(?: \S+)*")  # text between gaps of two or more spaces
ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")
CHAR_POINTS = 5.0  # a column of text, in the same points the PDF boxes use


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
    return tuple(_letter_spaced(c for c in _SPACE_RUN.split(normalise(raw)) if c))


def _letter_spaced(words: Iterable[str]) -> list[str]:
    """A label printed letter-spaced ('收 入 总 计'), copied a character at a time, is
    one word: single characters side by side join (the 类 款 项 column titles stay
    apart, each a column)."""
    out: list[str] = []
    alone = False  # the last word is made of single characters
    for word in words:
        single = len(word) == 1 and _IDEOGRAPH.match(word) is not None and word not in "类款项"
        if single and alone:
            out[-1] += word
        else:
            out.append(word)
        alone = single
    return out


def laid_out_cells(raw: str) -> tuple[tuple[str, ...], tuple[Box | None, ...]]:
    """Cells between gaps of two or more spaces, each with its column span (in
    characters: layout writers align by character, wide or not)."""
    cells: list[str] = []
    boxes: list[Box | None] = []
    for chunk in _CHUNK.finditer(raw.replace("\u3000", "  ")):
        column = len(raw[: chunk.start()])
        for part in _parts(chunk.group(0)):
            cells.append(normalise(part))
            boxes.append((column * CHAR_POINTS, 0.0, (column + len(part)) * CHAR_POINTS, 0.0))
            column += len(part) + 1
    return tuple(cells), tuple(boxes)


def _parts(chunk: str) -> list[str]:
    """Amounts and codes one space from their neighbours are cells of their own
    ('9,066.79 一、一般公共服务支出'), and so is an item numbered 三、 ('三、国防支出
    三、单位预留机动经费'); words one space apart stay together ('合 计')."""
    parts: list[str] = []
    for word in chunk.split(" "):
        number = is_amount(word) or is_code(word) or _ORDINAL.match(word) is not None
        if parts and not number and not (is_amount(parts[-1]) or is_code(parts[-1])):
            parts[-1] += " " + word
        else:
            parts.append(word)
    return parts


def is_laid_out(lines: list[str]) -> bool:
    """Column-aligned text: most lines with several cells keep them apart by wide gaps."""
    multi = [line for line in lines if len(line.split()) > 1 and "\t" not in line]
    gapped = [line for line in multi if _COLUMN_GAP.search(line.strip())]
    return bool(multi) and len(gapped) >= 0.3 * len(multi)


def _line(number: int, raw: str, laid_out: bool) -> Line | None:
    if laid_out and "\t" not in raw:
        cells, boxes = laid_out_cells(raw)
        return Line(page=number, cells=cells, boxes=boxes) if cells else None
    cells = split_cells(raw)
    return Line(page=number, cells=cells) if any(cells) else None


def extract_text(data: bytes, source: str = "") -> Extracted:
    text = decode(data)
    if "\x00" in text:
        raise ParseError("unsupported", "this is a binary file, not text")
    laid_out = is_laid_out(text.splitlines())
    pages = []
    for number, chunk in enumerate(text.split("\f"), start=1):
        lines = [line for raw in chunk.splitlines() if (line := _line(number, raw, laid_out))]
        pages.append(Page(number=number, lines=tuple(lines)))
    meta = {"layout": "columns"} if laid_out else {}
    return Extracted(source=source, format="text", pages=tuple(pages), meta=meta)
