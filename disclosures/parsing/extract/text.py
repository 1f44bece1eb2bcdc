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
from .html import extract_html, is_html
from .text_rows import join_bands, join_lifted

_SPACE_RUN = re.compile(r"\s+")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
_COLUMN_GAP = re.compile(r"\S {2,}\S")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、\S")
_CHUNK = re.compile(r"\S+(?: \S+)*")  # text between gaps of two or more spaces
# characters one or more spaces apart: a label spread over its cell's width
_SPREAD = re.compile(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff])*")
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
        ideograph = len(word) == 1 and _IDEOGRAPH.match(word) is not None
        single = ideograph and word not in "类款项"
        if single and (alone or (word == "目" and out and out[-1] == "项")):  # 项 目 支 出
            out[-1] += word
            single = True
        else:
            out.append(word)
        alone = single
    return out


def laid_out_cells(raw: str) -> tuple[tuple[str, ...], tuple[Box | None, ...]]:
    """Cells between gaps of two or more spaces, each with its column span (in
    characters: layout writers align by character, wide or not)."""
    cells: list[str] = []
    boxes: list[Box | None] = []
    for start, end, text in _spread_joined(list(_CHUNK.finditer(raw.replace("\u3000", "  ")))):
        column = start
        if end is not None:  # a spread label: one cell over the whole width
            cells.append(text)
            boxes.append((start * CHAR_POINTS, 0.0, end * CHAR_POINTS, 0.0))
            continue
        for part in _parts(text):
            cells.append(normalise(part))
            boxes.append((column * CHAR_POINTS, 0.0, (column + len(part)) * CHAR_POINTS, 0.0))
            column += len(part) + 1
    return tuple(cells), tuple(boxes)


def _spread_joined(chunks: list[re.Match[str]]) -> list[tuple[int, int | None, str]]:
    """(start, end, text) of each chunk, the end given for a joined label only. A label
    spread over its cell's width one character at a time ('收    入       总   计
    557,259.13') is one label where an amount follows it: layout writers cut it at every
    wide gap. Single characters with no amount after them (a header's 收 | 入, words
    printed one character a line) stay apart."""
    out: list[tuple[int, int | None, str]] = []
    run: list[re.Match[str]] = []
    for chunk in [*chunks, None]:
        if chunk is not None and _SPREAD.fullmatch(chunk.group(0)):
            run.append(chunk)
            continue
        joined = len(run) > 1 and chunk is not None and is_amount(chunk.group(0).split(" ")[0])
        if joined:
            text = "".join(c.group(0).replace(" ", "") for c in run)
            out.append((run[0].start(), run[-1].end(), normalise(text)))
        else:
            out.extend((c.start(), None, c.group(0)) for c in run)
        if chunk is not None:
            out.append((chunk.start(), None, chunk.group(0)))
        run = []
    return out


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
    if is_html(text):  # a web page saved from the browser: its tables are tables
        return extract_html(text, source)
    laid_out = is_laid_out(text.splitlines())
    pages = []
    for number, chunk in enumerate(text.split("\f"), start=1):
        read = [_line(number, raw, laid_out) for raw in chunk.splitlines()]
        lines = (
            join_lifted(join_bands(read, CHAR_POINTS), CHAR_POINTS)
            if laid_out
            else [x for x in read if x]
        )
        pages.append(Page(number=number, lines=tuple(lines)))
    meta = {"layout": "columns"} if laid_out else {}
    return Extracted(source=source, format="text", pages=tuple(pages), meta=meta)
