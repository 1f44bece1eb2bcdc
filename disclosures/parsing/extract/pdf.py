"""PDF files: pages of lines of cells, table rows split where a reader sees cells.

pdfium (C) reads every page: its text decides which pages hold tables, and on
those pages each glyph's box and the table rulings (`pdf_geometry`) go to
`pdf_layout`, which turns them into rows. Other pages keep pdfium's lines.
Pages without a text layer (scans) come back empty with has_text_layer=False.
A table page whose characters pdfium cannot map to Unicode is read again by
pdfminer (`pdf_plumber`, a hundred times slower), and listed in the meta as
`geometry_fallback_pages`; where that fails too, pdfium's plain text stands.
A page whose text is glyph numbers, not writing, goes to pdfminer too, and to OCR
where pdfminer gives no writing either, or gives digits the page does not show
(checked against OCR on the page with the most figures).

    python -m disclosures.parsing.extract.pdf FILE [--pages 3,5]

prints the lines, cells TAB-separated, for eyeballing against the PDF.
"""

from __future__ import annotations

import argparse
import ctypes
import logging
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import ParseError
from .base import Box, Extracted, Line, Page, normalise, report_progress
from .pdf_broken import join_broken_rows
from .pdf_frags import Frag, Glyph, Rules
from .pdf_geometry import PageGlyphs, page_glyphs, page_rules, text_turn, view_matrix
from .pdf_kind import MIN_FIGURES, figures, garbled, glued, is_ruled, looks_like_table, same_figures
from .pdf_layout import layout_rows, split_line, visual_lines
from .pictures import coloured
from .text import split_cells

log = logging.getLogger(__name__)

# A table page is read by pdfminer instead where more than this share of the
# characters pdfium finds have no Unicode mapping (a font without ToUnicode).
MAX_UNMAPPED = 0.1
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
_ENDS_IN_AMOUNT = re.compile(r"\s[-−]?\d[\d,]*(?:\.\d+)?\s*$")
_SENTENCE = re.compile(r"[。；，：]")  # as printed, before NFKC makes them ASCII
_LEADER_RUN = re.compile(r"\s*\.{4,}\s*")  # after NFKC a row of "…" is a row of dots
# The printed page number, "15" or "- 15 -", alone in the bottom margin (this
# fraction of the page's height) and centred (this fraction of its width either side).
_FOLIO = re.compile(r"[-—–]?\s*\d{1,3}\s*[-—–]?")
FOOT = 0.12
FOLIO_SPAN = 0.1
# Two glyphs overlapping this share of the smaller's height are on one line; one drawn
# this many of its sizes left of the glyph before it is out of reading order.
LEVEL = 0.5
BACKSTEP = 0.5
# Pictures covering this share of a page of text may hold a table: OCR reads the page,
# where its text runs to no more lines than a page of titles round a table does.
PICTURED = 0.05
PICTURED_LINES = 24
_NAMES_TABLE = re.compile(r"表\s*[0-9一二三四五六七八九十]*\s*$")
# A page's first or last line this many times its usual line spacing from the next is a
# running head or foot.
RUNNING_GAP = 2.0
_PASSWORD_ERRORS = (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)


@dataclass(frozen=True)
class _PageRead:
    number: int
    width: float
    height: float
    text: str  # pdfium's text, kept for pages that are not read for tables
    has_text_layer: bool
    is_table: bool
    rows: tuple[Line, ...] | None = None  # a table page's rows, read from its geometry
    unmapped: bool = False  # pdfium cannot map its characters: pdfminer tries
    garbled: bool = False  # its text is glyph numbers, not writing: OCR reads it
    pictured: bool = False  # a page of text round a large picture (a table pasted as one)


def extract_pdf(data: bytes, source: str = "") -> Extracted:
    reads, meta = _read_pages(data)
    fallback = [r.number for r in reads if r.unmapped]
    slow = _plumber_lines(data, fallback)
    decoded = [r.number for r in reads if r.garbled and _written(slow.get(r.number))]
    if decoded and not _digits_hold(data, {n: slow[n] for n in decoded}):
        slow = {n: lines for n, lines in slow.items() if n not in decoded}
    # a page whose text is glyph numbers to pdfminer too has no text to read: OCR reads it
    reads = [
        replace(r, has_text_layer=False, is_table=False)
        if r.garbled and not _written(slow.get(r.number))
        else replace(r, garbled=False)
        for r in reads
    ]
    pages = join_broken_rows(
        [_page(r, r.rows if r.rows is not None else slow.get(r.number)) for r in reads]
    )
    meta["table_pages"] = ",".join(str(r.number) for r in reads if r.is_table)
    meta["pages_without_text"] = ",".join(str(r.number) for r in reads if not r.has_text_layer)
    if any(r.pictured for r in reads):
        meta["pictured_pages"] = ",".join(str(r.number) for r in reads if r.pictured)
    if fallback:
        meta["geometry_fallback_pages"] = ",".join(map(str, fallback))
    if any(r.garbled for r in reads):
        meta["garbled_text_pages"] = ",".join(str(r.number) for r in reads if r.garbled)
    return Extracted(source=source, format="pdf", pages=pages, meta=meta)


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


def _read_pages(data: bytes) -> tuple[list[_PageRead], dict[str, str]]:
    doc = _open(data)
    try:
        info = doc.get_metadata_dict(skip_empty=True)
        meta = {k.lower(): str(v) for k, v in info.items() if k in ("Creator", "Producer")}
        meta["page_count"] = str(len(doc))
        reads: list[_PageRead] = []
        for index in range(len(doc)):
            reads.append(_read_page(doc, index, bool(reads) and reads[-1].is_table))
            report_progress(index + 1, len(doc))
        return reads, meta
    finally:
        doc.close()


def _read_page(doc: pdfium.PdfDocument, index: int, after_table: bool = False) -> _PageRead:
    number = index + 1
    try:
        page = doc[index]
    except pdfium.PdfiumError as exc:  # one broken page should not lose the others
        log.warning("page %d unreadable: %s", number, exc)
        return _PageRead(number, 0.0, 0.0, "", False, False)
    textpage = page.get_textpage()
    try:
        if page.get_rotation() == 0 and (turn := text_turn(textpage)):
            page.set_rotation(turn)  # text set sideways: read it as a reader turns the paper
        width, height = page.get_size()
        view = _View(page.get_bbox(), page.get_rotation())
        shown = _without_folio(textpage, view)
        text = str(textpage.get_text_bounded(*shown))
        read = _Glyphs(page, textpage)
        if view.rotation % 180:  # pdfium breaks lines as the text runs on the page unturned
            text = _shown_text(read.glyphs, view.shown(shown), view.size) or text
        has_text = any(not ch.isspace() for ch in text)
        if has_text and not view.rotation % 180 and _misordered(read.glyphs):
            # glyphs drawn out of their order on a line (quotes in a font of their own,
            # set after the line: '三公 经 “ ” 费'): read the lines as they are shown
            text = _shown_text(read.glyphs, view.shown(shown), view.size) or text
        if has_text and garbled(text):  # glyph numbers, not writing: pdfminer tries, then OCR
            return _PageRead(number, width, height, "", True, True, unmapped=True, garbled=True)
        ruled = has_text and is_ruled(page)
        if (
            has_text
            and not looks_like_table(text, ruled, after_table)
            and (ruled or glued(text, after_table))
        ):
            # no spaces between cells in pdfium's text ('20406司法150,0000150,000'): the
            # glyphs' places tell the cells apart
            shown_text = _shown_text(read.glyphs, view.shown(shown), view.size)
            text = shown_text if looks_like_table(shown_text, ruled, after_table) else text
        if not has_text or not looks_like_table(text, ruled, after_table):
            pictured = _titles_a_picture(text) and _pictured(page, width * height)
            return _PageRead(number, width, height, text, has_text, False, pictured=pictured)
        rows, unmapped = _table_lines(page, read.page, number, view.size)
        # a short table page: a title over a picture, a table left empty
        pictured = _titles_a_picture(text) and _pictured(page, width * height)
        return _PageRead(number, width, height, text, True, True, rows, unmapped, pictured=pictured)
    except pdfium.PdfiumError as exc:
        log.warning("page %d unreadable: %s", number, exc)
        return _PageRead(number, 0.0, 0.0, "", False, False)
    finally:
        textpage.close()
        page.close()


class _Glyphs:
    """A page's glyphs, read from pdfium once, when first asked for, for every reading
    of the page that needs them."""

    def __init__(self, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> None:
        self._page, self._textpage = page, textpage
        self._read: PageGlyphs | None = None

    @property
    def page(self) -> PageGlyphs:
        if self._read is None:
            self._read = page_glyphs(self._textpage, view_matrix(self._page))
        return self._read

    @property
    def glyphs(self) -> list[Glyph]:
        return self.page.glyphs


def _table_lines(
    page: pdfium.PdfPage, read: PageGlyphs, number: int, size: tuple[float, float]
) -> tuple[tuple[Line, ...] | None, bool]:
    """A table page's rows from its glyphs and rulings, and whether its characters are
    mostly unmapped (then None: pdfminer tries, else pdfium's plain text stands)."""
    box = (0.0, 0.0, *size)
    glyphs = [g for g in read.glyphs if _shown(g, box)]
    if read.unmapped > MAX_UNMAPPED * (len(glyphs) + read.unmapped):
        return None, True
    if not glyphs:
        return None, False
    rows = layout_rows(glyphs, page_rules(page, view_matrix(page)))
    return _rows_to_lines(number, rows, box), False


def _shown_text(glyphs: Sequence[Glyph], shown: Box, size: tuple[float, float]) -> str:
    """The text of a page line by line as it is shown (a page stored on its side, or one
    whose cells pdfium runs together): its glyphs within `shown` (left, bottom,
    right, top as shown) grouped into lines upright. Empty where the text is not upright
    as shown (then pdfium's own reading stands)."""
    height = size[1]
    left, bottom, right, top = shown
    lines = visual_lines(
        g
        for g in glyphs
        # a glyph standing partly off the page's side is read, as pdfium's own text does
        if g.x1 > left and g.x0 < right and height - top <= g.mid <= height - bottom
    )
    if not lines or sorted(map(len, lines))[len(lines) // 2] < 2:
        return ""  # a glyph a line: the text runs sideways as shown, as it was stored
    return "\n".join(
        " ".join(f.text for f in split_line(line, Rules(), i)) for i, line in enumerate(lines)
    )


def _misordered(glyphs: Sequence[Glyph]) -> bool:
    """Whether some glyph is drawn left of the glyph before it on the same line, or the
    page's lines are drawn out of their order down the page (a spreadsheet's bold cells
    first, then the rest), where pdfium's text runs in the order of drawing."""
    for a, b in pairwise(glyphs):
        size = min(a.size, b.size)
        level = min(a.bottom, b.bottom) - max(a.top, b.top) > LEVEL * size
        if level and b.x1 < a.x0 - BACKSTEP * size:
            return True
    return _lines_misordered(glyphs)


def _lines_misordered(glyphs: Sequence[Glyph]) -> bool:
    """Whether, a running head or foot aside (drawn before or after the body), a line is
    drawn after one more than a line below it."""
    lines = visual_lines(glyphs)
    first, last = _body(lines)
    at = {id(g): i for i, line in enumerate(lines) for g in line}
    order = [at[id(g)] for g in glyphs if first <= at.get(id(g), -1) <= last]
    return any(b < a - 1 for a, b in pairwise(order))


def _body(lines: list[list[Glyph]]) -> tuple[int, int]:
    """The first and last of a page's lines that are its body's: a first or last line
    set apart by more than twice the lines' usual spacing is a running head or foot."""
    mids = [sum(g.mid for g in line) / len(line) for line in lines]
    gaps = sorted(b - a for a, b in pairwise(mids))
    if len(gaps) < 3:
        return 0, len(lines) - 1
    usual = gaps[len(gaps) // 2]
    first = 1 if mids[1] - mids[0] > RUNNING_GAP * usual else 0
    last = len(lines) - 2 if mids[-1] - mids[-2] > RUNNING_GAP * usual else len(lines) - 1
    return first, last


def _titles_a_picture(text: str) -> bool:
    """A short page that names a table (a title over a picture, '表7'), not a cover."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return 0 < len(lines) <= PICTURED_LINES and any(_NAMES_TABLE.search(ln) for ln in lines)


def _pictured(page: pdfium.PdfPage, area: float) -> bool:
    """Whether pictures cover PICTURED of the page: a table pasted as a picture among the
    text (its title, the next table's), which the text layer does not hold. The page's
    objects are walked by pdfium's own calls: a wrapper for each costs more than the
    rest of the page's reading."""
    covered = 0.0
    sides = [ctypes.c_float() for _ in range(4)]
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        if pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in sides)):
            left, bottom, right, top = (v.value for v in sides)
            covered += max(right - left, 0.0) * max(top - bottom, 0.0)
    if covered < PICTURED * area:
        return False
    # a picture of a table is black on white; a chart's shares are in colour
    plain = 0.0
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = image.get_bounds()
        if not _coloured(image):
            plain += max(right - left, 0.0) * max(top - bottom, 0.0)
    return plain >= PICTURED * area


def _coloured(image: pdfium.PdfImage) -> bool:
    """Whether a picture on the page is in strong colour (a chart, a photo)."""
    try:
        return coloured(image.get_bitmap(render=False).to_pil())
    except (pdfium.PdfiumError, ValueError, OSError):
        return True  # not to be read: nothing to OCR


def _rows_to_lines(number: int, rows: list[list[Frag]], box: Box) -> tuple[Line, ...]:
    lines = [line for line in (_row_line(number, row) for row in rows) if line]
    if lines and _is_folio(lines[-1], box):
        lines.pop()
    return tuple(lines)


def _written(lines: tuple[Line, ...] | None) -> bool:
    """Lines of writing, not of glyph numbers."""
    return bool(lines) and not garbled(_lines_text(lines or ()))


def _digits_hold(data: bytes, decoded: dict[int, tuple[Line, ...]]) -> bool:
    """Whether pdfminer's reading of the pages whose text pdfium gave as glyph numbers
    prints the digits the pages show. A font's own encoding may decode its Chinese
    rightly and its digits wrongly ('三23' for 301), which passes for writing: the page with
    the most figures is read by OCR too, and the figures of both readings compared."""
    text = {n: _lines_text(lines) for n, lines in decoded.items()}
    counts = {n: sum(figures(t).values()) for n, t in text.items()}
    page = max(counts, key=counts.__getitem__)
    if counts[page] < MIN_FIGURES:
        return True  # too few figures to misread
    from .ocr import ocr_page  # the OCR models load only where a page is in doubt

    return same_figures(text[page], _lines_text(ocr_page(data, page).lines)) is not False


def _lines_text(lines: tuple[Line, ...]) -> str:
    return "\n".join(" ".join(line.cells) for line in lines)


def _plumber_lines(data: bytes, numbers: list[int]) -> dict[int, tuple[Line, ...]]:
    if not numbers:
        return {}
    from .pdf_plumber import plumber_rows  # pdfminer loads only for the pages that need it

    read = plumber_rows(data, numbers)
    return {number: _rows_to_lines(number, rows, box) for number, (rows, box) in read.items()}


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


def _row_line(number: int, row: list[Frag]) -> Line | None:
    cells: list[str] = []
    boxes: list[Box | None] = []
    frames: list[Box | None] = []
    for frag in row:
        text = normalise(frag.text)
        if text:
            cells.append(text)
            x0, top, x1, bottom = frag.bbox
            boxes.append((round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)))
            frames.append(frag.box)
    if not cells:
        return None
    xs = tuple(b[0] for b in boxes if b is not None)
    framed = tuple(frames) if any(frames) else ()
    return Line(page=number, cells=tuple(cells), boxes=tuple(boxes), xs=xs, frames=framed)


def _text_lines(number: int, text: str) -> tuple[Line, ...]:
    """A page not taken for a table, line by line as pdfium reads it, cells apart where a
    dot leader parts them. A small table on a page of sentences ('单位名称 单位性质 在职
    人数' over '某中心 全额拨款事业单位 19') has its cells apart at spaces, as copied text
    has: two or more lines in a row, none a sentence, one at least ending in an amount."""
    raws = [raw for raw in text.splitlines() if raw.strip()]
    rows = [tuple(c for c in _LEADER_RUN.split(normalise(raw)) if c) for raw in raws]
    apart = _table_runs(raws)
    lines = []
    for k, cells in enumerate(rows):
        if k in apart:
            cells = tuple(cell for part in cells for cell in split_cells(part))
        if cells:
            lines.append(Line(page=number, cells=cells))
    return tuple(lines)


def _table_runs(raws: list[str]) -> set[int]:
    """The indexes of the lines that make small tables (see _text_lines)."""
    tabular = [
        len(raw.split()) >= 2 and _IDEOGRAPH.search(raw) is not None and not _SENTENCE.search(raw)
        for raw in raws
    ]
    apart: set[int] = set()
    start = 0
    for k in range(len(raws) + 1):
        if k < len(raws) and tabular[k]:
            continue
        run = range(start, k)
        if len(run) >= 2 and any(_ENDS_IN_AMOUNT.search(raws[i]) for i in run):
            apart.update(run)
        start = k + 1
    return apart


def _page(t: _PageRead, table_lines: tuple[Line, ...] | None) -> Page:
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
