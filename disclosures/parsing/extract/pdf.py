"""PDF files: pages of lines of cells, table rows split where a reader sees cells.

Two libraries, each where it pays: pdfium (fast, C) reads every page's text and
decides which pages hold tables; pdfplumber (slow, pure Python, but it gives
each glyph's box and the table rulings) reads only those pages, and
`pdf_layout` turns its geometry into rows. Other pages keep pdfium's lines.
Pages without a text layer (scans) come back empty with has_text_layer=False.

    python -m disclosures.parsing.extract.pdf FILE [--pages 3,5]

prints the lines, cells TAB-separated, for eyeballing against the PDF.
"""

from __future__ import annotations

import argparse
import io
import logging
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import ParseError
from .base import Box, Extracted, Line, Page, normalise, report_progress
from .pdf_layout import Frag, Glyph, Rules, layout_rows, merge_segments

log = logging.getLogger(__name__)

# An amount standing on its own between spaces, as pdfium prints table cells;
# amounts inside sentences ("9,101.68万元") are glued to their unit and don't count.
_NUMBER = re.compile(r"(?<!\S)[-−]?\d[\d,]*(?:\.\d+)?(?!\S)")
TABLE_WORDS = tuple(
    "合计 小计 总计 科目编码 科目名称 项目 预算数 决算数 单位:元 单位:万元 表".split()
)
MIN_NUMBERS = 4
MIN_WORDS = 2
MAX_STOPS = 0.012  # full stops and semicolons per character; table pages have ~none
MIN_RULE_HEIGHT = 5.0
ASCENT = 0.86  # of the font size above the baseline, typical of CJK fonts
MIN_RULE = 3.0  # points; the short ends of a rectangle drawn as a hairline are not rulings
_LEADER_RUN = re.compile(r"\s*\.{4,}\s*")  # after NFKC a row of "…" is a row of dots
# The printed page number, "15" or "- 15 -", alone in the bottom margin (this
# fraction of the page's height) and centred (this fraction of its width either side).
_FOLIO = re.compile(r"[-—–]?\s*\d{1,3}\s*[-—–]?")
FOOT = 0.12
FOLIO_SPAN = 0.1
_PASSWORD_ERRORS = (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)


@dataclass(frozen=True)
class _Triage:
    number: int
    width: float
    height: float
    text: str  # pdfium's text, kept for pages that are not read for tables
    has_text_layer: bool
    is_table: bool


def extract_pdf(data: bytes, source: str = "") -> Extracted:
    triage, meta = _triage(data)
    table_pages = [t.number for t in triage if t.is_table]
    # pages read from pdfium's text are done; table pages and scans take the time
    waiting = len(table_pages) + sum(not t.has_text_layer for t in triage)
    report_progress(len(triage) - waiting, len(triage))
    tables = _read_tables(data, table_pages, len(triage) - waiting, len(triage))
    pages = tuple(_page(t, tables.get(t.number)) for t in triage)
    meta["table_pages"] = ",".join(map(str, table_pages))
    meta["pages_without_text"] = ",".join(str(t.number) for t in triage if not t.has_text_layer)
    return Extracted(source=source, format="pdf", pages=pages, meta=meta)


def looks_like_table(text: str, ruled: bool) -> bool:
    """Free-standing numbers or table words, on a ruled page or one not written in sentences."""
    text = normalise(text)
    numbers = len(_NUMBER.findall(text))
    bare = text.replace(" ", "")  # headers are often letter-spaced: "合  计"
    words = sum(word in bare for word in TABLE_WORDS)
    if ruled:
        return numbers >= 2 or words >= 1
    # narrative quotes amounts and names tables too, but in sentences, full of 。and ;
    stops = sum(bare.count(ch) for ch in "。;") / max(len(bare), 1)
    return stops < MAX_STOPS and (numbers >= MIN_NUMBERS or words >= MIN_WORDS)


def _is_ruled(page: pdfium.PdfPage) -> bool:
    """Two or more drawn shapes taller than a rule's width: cell borders or grids.

    Underlines and page-wide horizontal rules, common in narrative, don't count.
    """
    tall = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        _left, bottom, _right, top = obj.get_bounds()
        tall += top - bottom > MIN_RULE_HEIGHT
        if tall >= 2:
            return True
    return False


MAX_PAGES = 2000


def _open(data: bytes) -> pdfium.PdfDocument:
    if not data or data.isspace():  # isspace, unlike strip, copies nothing
        raise ParseError("empty", "the PDF file is empty")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in _PASSWORD_ERRORS:
            raise ParseError("encrypted", "the PDF needs a password to open") from exc
        raise ParseError("corrupt", f"the PDF cannot be read: {exc}") from exc
    if len(doc) == 0:
        doc.close()
        raise ParseError("corrupt", "the PDF has no pages")
    if len(doc) > MAX_PAGES:  # refused before any page is read: a disclosure is tens of pages
        pages = len(doc)
        doc.close()
        raise ParseError("too_large", f"the PDF has {pages} pages; at most {MAX_PAGES} are read")
    return doc


def _triage(data: bytes) -> tuple[list[_Triage], dict[str, str]]:
    doc = _open(data)
    try:
        info = doc.get_metadata_dict(skip_empty=True)
        meta = {k.lower(): str(v) for k, v in info.items() if k in ("Creator", "Producer")}
        meta["page_count"] = str(len(doc))
        return [_triage_page(doc, i) for i in range(len(doc))], meta
    finally:
        doc.close()


def _triage_page(doc: pdfium.PdfDocument, index: int) -> _Triage:
    width = height = 0.0
    text = ""
    ruled = False
    try:
        page = doc[index]
        try:
            width, height = page.get_size()
            text = _page_text(page)
            ruled = _is_ruled(page) if text.strip() else False
        finally:
            page.close()
    except pdfium.PdfiumError as exc:  # one broken page should not lose the others
        log.warning("page %d unreadable: %s", index + 1, exc)
    has_text = any(not ch.isspace() for ch in text)
    is_table = has_text and looks_like_table(text, ruled)
    return _Triage(index + 1, width, height, text, has_text, is_table)


def _page_text(page: pdfium.PdfPage) -> str:
    """The text on the visible page (the CropBox within the MediaBox), less its number.

    Read by rectangle, pdfium leaves out the glyphs wholly outside it: copies of
    tables that some producers park below the page, out of sight.
    """
    textpage = page.get_textpage()
    try:
        view = _View(page.get_bbox(), page.get_rotation())
        return str(textpage.get_text_bounded(*_without_folio(textpage, view)))
    finally:
        textpage.close()


def _without_folio(textpage: pdfium.PdfTextPage, view: _View) -> Box:
    """The page box, cut just above the printed page number where its lowest line is one."""
    width, height = view.size
    line = _lowest_line(textpage, view)
    if line is None or line[3] > FOOT * height:
        return view.box
    if abs(line[0] + line[2] - width) / 2 > FOLIO_SPAN * width:
        return view.box
    foot = textpage.get_text_bounded(*view.on_page((0, 0, width, line[3])))
    if not _FOLIO.fullmatch(normalise(foot)):
        return view.box
    return view.on_page((0, line[3] + 0.5, width, height))


def _lowest_line(textpage: pdfium.PdfTextPage, view: _View) -> Box | None:
    """The box of the lowest line of text on the page as shown, from pdfium's text runs."""
    runs = [view.shown(textpage.get_rect(i)) for i in range(textpage.count_rects())]
    if not runs:
        return None
    lowest = min(runs, key=lambda r: r[1])
    line = [r for r in runs if r[1] < lowest[3]]  # the runs level with it
    return (min(r[0] for r in line), lowest[1], max(r[2] for r in line), max(r[3] for r in line))


@dataclass(frozen=True)
class _View:
    """A page as a viewer shows it: turned clockwise by its /Rotate, origin bottom left."""

    box: Box  # left, bottom, right, top in the page's own coordinates
    rotation: int

    @property
    def size(self) -> tuple[float, float]:
        width, height = self.box[2] - self.box[0], self.box[3] - self.box[1]
        return (height, width) if self.rotation % 180 else (width, height)

    def shown(self, rect: Box) -> Box:
        left, bottom, right, top = self.box
        x0, y0, x1, y1 = rect
        moved = (x0 - left, y0 - bottom, x1 - left, y1 - bottom)
        return _turn(moved, right - left, top - bottom, self.rotation)

    def on_page(self, rect: Box) -> Box:
        x0, y0, x1, y1 = _turn(rect, *self.size, -self.rotation)
        return (x0 + self.box[0], y0 + self.box[1], x1 + self.box[0], y1 + self.box[1])


def _turn(rect: Box, width: float, height: float, rotation: int) -> Box:
    """A rectangle (y up) on a width x height page, placed as on that page turned
    clockwise by rotation degrees; -rotation on the turned size turns it back."""
    x0, y0, x1, y1 = rect
    rotation %= 360
    if rotation == 90:
        return (y0, width - x1, y1, width - x0)
    if rotation == 180:
        return (width - x1, height - y1, width - x0, height - y0)
    if rotation == 270:
        return (height - y1, x0, height - y0, x1)
    return rect


def _read_tables(
    data: bytes, numbers: list[int], done: int = 0, total: int = 0
) -> dict[int, tuple[Line, ...]]:
    """Rows from glyph geometry for the given pages; pages that fail are left out."""
    out: dict[int, tuple[Line, ...]] = {}
    if not numbers:
        return out
    try:
        with pdfplumber.open(io.BytesIO(data), pages=numbers) as pdf:
            for page in pdf.pages:
                try:
                    out[page.page_number] = _table_lines(page)
                except Exception as exc:  # pdfminer fails in many ways on odd content streams
                    log.warning(
                        "page %d: no geometry (%s), using plain text", page.page_number, exc
                    )
                finally:
                    page.close()  # drops the page's parsed objects
                    done += 1
                    report_progress(done, total)
    except Exception as exc:  # whatever pdfminer cannot open, pdfium's text still stands
        log.warning("no geometry for this PDF (%s), using plain text", exc)
    return out


def _table_lines(page: Any) -> tuple[Line, ...]:
    box = _visible_box(page)
    glyphs = [g for g in map(_glyph, page.chars) if g.text.strip() and _shown(g, box)]
    # pdfium found text here; where pdfminer finds none, or cannot map a font's
    # glyphs to characters ("(cid:12)"), pdfium's plain text is the better read
    if not glyphs:
        raise ValueError("pdfminer found no glyphs")
    if sum(g.text.startswith("(cid:") for g in glyphs) * 10 > len(glyphs):
        raise ValueError("pdfminer cannot map this page's fonts to text")
    rows = layout_rows(glyphs, _rules(page.edges))
    lines = [line for line in (_row_line(page.page_number, row) for row in rows) if line]
    if lines and _is_folio(lines[-1], box):
        lines.pop()
    return tuple(lines)


def _visible_box(page: Any) -> Box:
    """What a viewer shows: the CropBox, within the MediaBox (pdfplumber's coordinates).

    Some producers park copies of later tables below the page, out of sight.
    """
    media, crop = page.mediabox, page.cropbox
    return (
        max(media[0], crop[0]),
        max(media[1], crop[1]),
        min(media[2], crop[2]),
        min(media[3], crop[3]),
    )


def _shown(g: Glyph, box: Box) -> bool:
    # by the middle: a glyph cut by the page's edge shows as a sliver at most
    return box[0] <= (g.x0 + g.x1) / 2 <= box[2] and box[1] <= g.mid <= box[3]


def _is_folio(line: Line, box: Box) -> bool:
    """The printed page number: a lone number, centred in the bottom margin."""
    if len(line.cells) != 1 or not line.boxes or line.boxes[0] is None:
        return False
    x0, top, x1, _bottom = line.boxes[0]
    left, page_top, right, page_bottom = box
    centred = abs((x0 + x1) - (left + right)) / 2 <= FOLIO_SPAN * (right - left)
    in_foot = top >= page_bottom - FOOT * (page_bottom - page_top)
    return centred and in_foot and bool(_FOLIO.fullmatch(line.cells[0]))


def _glyph(char: dict[str, Any]) -> Glyph:
    """A glyph's box from its baseline and size.

    pdfminer hangs each box on its font's descent, so a Latin digit and a CJK
    character on one baseline get boxes several points apart; boxes rebuilt
    from the baseline line up. Rotated or skewed glyphs keep pdfminer's box.
    """
    m = char["matrix"]
    if not char["upright"] or m[1] or m[2]:
        return Glyph(char["text"], char["x0"], char["x1"], char["top"], char["bottom"])
    size = char["size"]
    baseline = char["bottom"] + (char["y0"] - m[5])  # pdfminer's y0 is baseline + descent
    top = baseline - ASCENT * size
    return Glyph(char["text"], char["x0"], char["x1"], top, top + size)


def _rules(edges: Iterable[dict[str, Any]]) -> Rules:
    vertical: list[tuple[float, float, float]] = []
    horizontal: list[tuple[float, float, float]] = []
    for e in edges:
        if e["orientation"] == "v" and e["bottom"] - e["top"] >= MIN_RULE:
            vertical.append((e["x0"], e["top"], e["bottom"]))
        elif e["orientation"] == "h" and e["x1"] - e["x0"] >= MIN_RULE:
            horizontal.append((e["top"], e["x0"], e["x1"]))
    return Rules(merge_segments(vertical), merge_segments(horizontal))


def _row_line(number: int, row: list[Frag]) -> Line | None:
    cells: list[str] = []
    boxes: list[Box | None] = []
    for frag in row:
        text = normalise(frag.text)
        if text:
            cells.append(text)
            x0, top, x1, bottom = frag.bbox
            boxes.append((round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)))
    if not cells:
        return None
    xs = tuple(b[0] for b in boxes if b is not None)
    return Line(page=number, cells=tuple(cells), boxes=tuple(boxes), xs=xs)


def _text_lines(number: int, text: str) -> tuple[Line, ...]:
    lines = []
    for raw in text.splitlines():
        cells = tuple(c for c in _LEADER_RUN.split(normalise(raw)) if c)
        if cells:
            lines.append(Line(page=number, cells=cells))
    return tuple(lines)


def _page(t: _Triage, table_lines: tuple[Line, ...] | None) -> Page:
    if not t.has_text_layer:
        lines: tuple[Line, ...] = ()
    elif table_lines is not None:
        lines = table_lines
    else:
        lines = _text_lines(t.number, t.text)
    return Page(t.number, lines, t.width, t.height, has_text_layer=t.has_text_layer)


def _main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description="Print a PDF's lines, cells TAB-separated.")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--pages", default="", help="comma-separated page numbers to show")
    args = parser.parse_args(argv)
    wanted = {int(p) for p in args.pages.split(",") if p.strip()}
    for path in args.files:
        with open(path, "rb") as fh:
            data = fh.read()
        start = time.perf_counter()
        result = extract_pdf(data, path)
        took = time.perf_counter() - start
        for page in result.pages:
            if wanted and page.number not in wanted:
                continue
            flag = "" if page.has_text_layer else " (no text layer)"
            print(f"=== {path} page {page.number}{flag}")
            for line in page.lines:
                print(f"{line.page}\t" + "\t".join(line.cells))
        print(f"# {path}: {len(result.pages)} pages in {took:.2f}s, {result.meta}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
