"""Word documents (.docx): paragraphs and tables in the order of the document.

A paragraph is a line (split at TABs into cells, as in text exports; a soft
line break starts a new line); each table row is a line of cells, one per grid
column, a merged cell's text in its first column and blanks in the columns it
covers, as in the text exports of the same tables. Content controls (where
Word keeps a table of contents) are read through. Word does not store pages,
so pages are counted at hard page breaks and section breaks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import ParseError
from .base import Extracted, Line, Page, normalise
from .xlsx import CellBudget, join_lines
from .zipcheck import checked_zip

if TYPE_CHECKING:
    from .ocr import OcrPage

MAX_DOCUMENT_XML = 64 * 2**20  # word/document.xml is parsed whole (lxml: ~5x in memory)
MAX_CELLS = 100_000  # table cells and paragraph lines; python-docx reads ~10,000 a second
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _check_parts(data: bytes) -> None:
    with checked_zip(data) as archive:
        for info in archive.infolist():
            if info.filename.startswith("word/") and info.file_size > MAX_DOCUMENT_XML:
                raise ParseError("too_large", f"{info.filename} is over 64 MB of XML")


def _blocks(element: Any, parent: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body, inside content controls too."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == W + "p":
            yield Paragraph(child, parent)
        elif child.tag == W + "tbl":
            yield Table(child, parent)
        elif child.tag == W + "sdt":
            for content in child.iterchildren(W + "sdtContent"):
                yield from _blocks(content, parent)


def _paragraph_lines(text: str, page: int) -> list[Line]:
    """A paragraph's lines, cut at its TABs: a table typed with tab stops. In such a
    paragraph a run of spaces stands for a TAB too, where the typist pushed an amount
    into its column with the space bar."""
    lines = []
    for raw in text.splitlines():
        parts = raw.split("\t")
        if len(parts) > 1:
            parts = [piece for part in parts for piece in _TYPED_GAP.split(part)]
        cells = tuple(c for c in (normalise(part) for part in parts) if c)
        if cells:
            lines.append(Line(page=page, cells=cells))
    return lines


_TYPED_GAP = re.compile(r"[ \u3000]{2,}")


def _table_lines(table: Any, page: int, budget: CellBudget) -> list[Line]:
    """One line per row; a cell that continues a merge (across or down) is blank."""
    lines: list[Line] = []
    above: dict[int, Any] = {}  # grid column -> the cell element shown there in the row above
    for row in table.rows:
        budget.take(1 + len(row._tr.tc_lst))
        if any(tc.find(W + "tbl") is not None for tc in row._tr.tc_lst):
            lines += _laid_out(row, page, budget)  # a layout table's row around a table
            continue
        texts = [""] * row.grid_cols_before
        here: dict[int, Any] = {}
        for cell in row.cells:
            tc, column = cell._tc, len(texts)
            covered = here.get(column - 1) is tc or above.get(column) is tc
            texts.append("" if covered else normalise(join_lines(cell.text)))
            here[column] = tc
        above = here
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            lines.append(Line(page=page, cells=tuple(texts)))
    return lines


def _laid_out(row: Any, page: int, budget: CellBudget) -> list[Line]:
    """A row of a table used for layout that holds a table in a cell (the title above it
    in the row before, or the text beside it): each cell's paragraphs and tables in
    order, the tables read as tables."""
    from docx.table import Table

    lines: list[Line] = []
    seen: list[Any] = []
    for cell in row.cells:
        if any(tc is cell._tc for tc in seen):  # a cell merged across: listed each column
            continue
        seen.append(cell._tc)
        for block in _blocks(cell._tc, cell):
            if isinstance(block, Table):
                lines += _table_lines(block, page, budget)
            else:
                budget.take(1)
                lines += _paragraph_lines(block.text, page)
    return lines


def _breaks_after(paragraph: Any) -> int:
    p = paragraph._p
    pages = len(p.findall(f".//{W}br[@{W}type='page']"))
    return pages + (p.find(f"{W}pPr/{W}sectPr") is not None)


def _read(document: Any) -> tuple[list[Line], int, dict[int, list[OcrPage]]]:
    from docx.table import Table

    lines: list[Line] = []
    pictures: dict[int, list[OcrPage]] = {}
    page, budget = 1, CellBudget(MAX_CELLS, "document")
    for block in _blocks(document.element.body, document._body):
        if isinstance(block, Table):
            lines += _table_lines(block, page, budget)
            continue
        if block._p.find(f"{W}pPr/{W}pageBreakBefore") is not None and lines:
            page += 1
        budget.take(1)
        lines += _paragraph_lines(block.text, page)
        for blob in _pictures(block, document):
            from .ocr import read_picture  # the OCR models load only for pictures

            read = pictures.setdefault(page, [])
            read.append(read_picture(blob, page))
            lines += read[-1].lines
        page += _breaks_after(block)
    return lines, page, pictures


def _pictures(paragraph: Any, document: Any) -> Iterator[bytes]:
    """The pictures set in a paragraph (a table pasted as a screenshot), as stored."""
    for blip in paragraph._p.iter(A + "blip"):
        part = document.part.related_parts.get(blip.get(R + "embed", ""))
        if part is not None:
            yield part.blob


def _pictures_meta(pictures: dict[int, list[OcrPage]]) -> dict[str, str]:
    """The pages whose pictures held text, read by OCR, as a scan's pages are noted."""
    if not pictures:
        return {}
    from .ocr import OcrPage, ocr_meta

    read = {
        page: OcrPage(
            tuple(line for p in found for line in p.lines),
            tuple(note for p in found for note in p.notes),
            skipped=all(p.skipped for p in found),
        )
        for page, found in pictures.items()
    }
    meta = ocr_meta(read)
    return meta if meta["ocr_pages"] else {}


def extract_docx(data: bytes, source: str = "") -> Extracted:
    import docx  # loads only for Word files

    _check_parts(data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines, last, pictures = _read(document)
    except ParseError:
        raise
    except MemoryError as exc:
        raise ParseError("too_large", "the document does not fit in memory") from exc
    except Exception as exc:  # python-docx and lxml fail in many ways on broken packages
        raise ParseError("corrupt", f"the Word document cannot be read: {exc}") from exc
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    pages = tuple(Page(number=n, lines=tuple(found)) for n, found in by_page.items())
    meta = {"page_count": str(last), "pages": "counted at hard page and section breaks"}
    meta |= _pictures_meta(pictures)
    return Extracted(source, "docx", pages or (Page(number=1, lines=()),), meta=meta)
