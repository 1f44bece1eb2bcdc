"""Excel workbooks (.xlsx): one page per visible sheet, one line per visible row.

Budget systems export one table per sheet: a title row, a unit row, a one- or
two-level header with merged cells, then the body. Rows come out the way the
text exports of the same tables look, so the table reader needs nothing new:

- a merged range's value stays in its top-left cell, the covered cells are
  blank (some writers repeat the value there; a journalist sees it once);
- blank cells inside a row are kept as "" so each amount keeps its column;
  trailing blanks are dropped, and so are columns left of the table;
- numbers are written as Excel displays them: its format's decimals and
  thousands separator ("#,##0.00" -> 1,234.50); formulas give their cached
  result (the value Excel last showed), numbers stored as text stay as typed;
- hidden rows, columns and sheets are skipped, since neither the screen nor
  the printout shows them (budget exports hide helper rows of column keys);
  what was skipped is listed in `meta` so a reader can go and look;
- a sheet without a title row gets its name as the title ('2.15单位收支总表').

The sheet-to-lines part (`SheetGrid`, `sheet_page`) is shared with .xls files.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..errors import ParseError
from .base import Extracted, Line, Page, normalise
from .zipcheck import checked_zip

MAX_SHEETS = 255
MAX_CELLS = 300_000  # non-empty cells in the whole workbook: ~10 s of XML parsing
MAX_COLUMNS = 300  # budget tables have < 40 columns; cells further right are left out
MAX_SHARED_STRINGS = 64 * 2**20  # bytes of xl/sharedStrings.xml, which is read whole
HIDDEN = ("1", "true")
TITLE_ROWS = 3  # a sheet's title is among its first non-empty rows

_DECIMALS = re.compile(r"\.([0#?]+)")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # literal text and colours in a format
_TITLE_END = re.compile(r"表(\([^)]*\))*$")
_SHEET_NUMBER = re.compile(r"^\s*\d+([.\-_]\d+)*[.\-_、\s]*(?=\D)")
_SHEET_LABEL = re.compile(r"^(表\d+|附表\d+|公开(表)?\d+表?)[\s.\-_、]*(?=\D)")


class CellBudget:
    """Cells left to read in the whole file: absurd sheets and tables end early and cleanly."""

    def __init__(self, limit: int, what: str = "workbook") -> None:
        self.limit, self.left, self.what = limit, limit, what

    def take(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise ParseError("too_large", f"the {self.what} has over {self.limit:,} cells")


@dataclass
class SheetGrid:
    """One sheet's visible content, as read by the xlsx or the xls reader."""

    name: str
    cells: dict[int, dict[int, str]] = field(default_factory=dict)  # row -> column -> text
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # c0, r0, c1, r1
    hidden_columns: set[int] = field(default_factory=set)
    hidden_rows: list[int] = field(default_factory=list)  # 1-based, those that held text

    def put(self, row: int, column: int, text: str) -> None:
        if text and column <= MAX_COLUMNS:
            self.cells.setdefault(row, {})[column] = text


def join_lines(text: str) -> str:
    """A cell's lines as one: '事业单位经营\\n支出' -> '事业单位经营支出', 'a\\nb' -> 'a b'."""
    parts = [p.strip() for p in re.split(r"\r\n|\r|\n|\v", text)]
    out = ""
    for part in filter(None, parts):
        wide = out and (ord(out[-1]) > 0x2E80 or ord(part[0]) > 0x2E80)
        out += part if not out or wide else " " + part
    return out


def format_number(value: float | int, number_format: str = "General") -> str:
    """The number as Excel shows it under its format, less any literal text or colour."""
    section = _QUOTED.sub("", (number_format or "General").split(";")[0])
    if "%" in section:
        return format_number(value * 100, section.replace("%", "")) + "%"
    match = _DECIMALS.search(section)
    if match is None and "0" not in section:  # General, '@' and the like
        if float(value).is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{Decimal(repr(round(float(value), 10))):f}"
    places = match.group(1).count("0") if match else 0
    grouped = "#,#" in section or "0,0" in section
    return f"{value:,.{places}f}" if grouped else f"{value:.{places}f}"


def cell_text(value: Any, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return format_number(value, number_format)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return normalise(join_lines(str(value)))


def _is_title(cells: Iterable[str]) -> bool:
    filled = [c for c in cells if c]
    text = "".join(filled).replace(" ", "")
    return 0 < len(filled) <= 3 and len(text) <= 70 and bool(_TITLE_END.search(text))


def _name_lines(name: str, page: int) -> list[Line]:
    """The sheet name as a label and title: '表1 收支总表' -> '表1' / '收支总表'."""
    name = normalise(name)
    label = _SHEET_LABEL.match(name)
    title = name[label.end() :] if label else _SHEET_NUMBER.sub("", name)
    if not _is_title([title]):
        return []
    lines = [Line(page=page, cells=(label.group(1),))] if label else []
    return [*lines, Line(page=page, cells=(title,))]


def _blank_covered(grid: SheetGrid) -> None:
    """A merged range's text stays in its first cell, the others blank; where its first
    column is hidden, in its first shown one, where the screen draws it."""
    for c0, r0, c1, r1 in grid.merged:
        for row in range(r0, r1 + 1):
            cells = grid.cells.get(row, {})
            for column in range(c0 if row > r0 else c0 + 1, c1 + 1):
                cells.pop(column, None)
        shown = next((c for c in range(c0, c1 + 1) if c not in grid.hidden_columns), None)
        first = grid.cells.get(r0, {})
        if c0 in grid.hidden_columns and shown is not None and c0 in first:
            first[shown] = first.pop(c0)


def sheet_page(grid: SheetGrid, number: int) -> Page:
    """The sheet's rows as lines of cells, blanks kept in place."""
    _blank_covered(grid)
    rows = {
        r: {c: t for c, t in cells.items() if c not in grid.hidden_columns}
        for r, cells in sorted(grid.cells.items())
    }
    rows = {r: cells for r, cells in rows.items() if cells}
    first = min((min(cells) for cells in rows.values()), default=1)
    visible = [c for c in range(first, MAX_COLUMNS + 1) if c not in grid.hidden_columns]
    lines: list[Line] = []
    for cells in rows.values():
        texts = [cells.get(c, "") for c in visible[: visible.index(max(cells)) + 1]]
        lines.append(Line(page=number, cells=tuple(texts)))
    if not any(_is_title(line.cells) for line in lines[:TITLE_ROWS]):
        lines = _name_lines(grid.name, number) + lines
    return Page(number=number, lines=tuple(lines))


def extracted(source: str, format: str, grids: list[SheetGrid], hidden: list[str]) -> Extracted:
    pages = tuple(sheet_page(grid, i) for i, grid in enumerate(grids, start=1))
    meta = {"sheets": "\n".join(g.name for g in grids), "page_count": str(len(pages))}
    if hidden:
        meta["hidden_sheets"] = "\n".join(hidden)
    rows = [f"{g.name}: {', '.join(map(str, g.hidden_rows))}" for g in grids if g.hidden_rows]
    if rows:
        meta["hidden_rows"] = "\n".join(rows)
    return Extracted(source=source, format=format, pages=pages, meta=meta)


def _read_sheet(ws: Any, budget: CellBudget) -> SheetGrid:
    """openpyxl's read-only sheets hide row and column visibility and merged ranges,
    so the sheet is streamed through openpyxl's own parser, which reports them."""
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import WorkSheetParser

    grid = SheetGrid(ws.title)
    wb = ws.parent
    with ws._get_source() as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        for index, cells in parser.parse():
            if not grid.cells and not grid.hidden_rows:  # <cols> come before the rows
                grid.hidden_columns = _hidden_columns(parser.column_dimensions)
            budget.take(len(cells))
            row_hidden = parser.row_dimensions.get(str(index), {}).get("hidden") in HIDDEN
            for cell in cells:
                value, style = cell["value"], cell["style_id"]
                number_format = (
                    ReadOnlyCell(ws, index, cell["column"], value, "n", style).number_format
                    if isinstance(value, int | float) and style
                    else "General"
                )
                text = cell_text(value, number_format)
                if row_hidden:
                    if text and grid.hidden_rows[-1:] != [index]:
                        grid.hidden_rows.append(index)
                    continue
                grid.put(index, cell["column"], text)
        merged = parser.merged_cells.mergeCell if parser.merged_cells else []
    grid.merged = [range_boundaries(m.ref) for m in merged if m.ref]
    return grid


def _hidden_columns(dimensions: dict[str, dict[str, str]]) -> set[int]:
    hidden: set[int] = set()
    for attrs in dimensions.values():
        if attrs.get("hidden") in HIDDEN:
            low, high = int(attrs.get("min", 0)), int(attrs.get("max", 0))
            hidden.update(range(max(low, 1), min(high, MAX_COLUMNS) + 1))
    return hidden


def _check_parts(data: bytes) -> None:
    with checked_zip(data) as archive:
        for info in archive.infolist():
            if info.filename.endswith("sharedStrings.xml") and info.file_size > MAX_SHARED_STRINGS:
                raise ParseError("too_large", "the workbook's text table is over 64 MB")


def extract_xlsx(data: bytes, source: str = "") -> Extracted:
    import openpyxl  # loads only for workbooks

    _check_parts(data)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except MemoryError as exc:
        raise ParseError("too_large", "the workbook does not fit in memory") from exc
    except Exception as exc:  # openpyxl fails in many ways on broken packages
        raise ParseError("corrupt", f"the workbook cannot be read: {exc}") from exc
    try:
        sheets = wb.worksheets
        if len(sheets) > MAX_SHEETS:
            raise ParseError("too_large", f"the workbook has {len(sheets)} sheets")
        hidden = [ws.title for ws in sheets if ws.sheet_state != "visible"]
        budget = CellBudget(MAX_CELLS)
        grids = [_read_sheet(ws, budget) for ws in sheets if ws.sheet_state == "visible"]
    except ParseError:
        raise
    except MemoryError as exc:
        raise ParseError("too_large", "the workbook does not fit in memory") from exc
    except Exception as exc:  # a broken sheet part: bad XML, a truncated deflate stream
        raise ParseError("corrupt", f"a sheet cannot be read: {exc}") from exc
    finally:
        wb.close()
    return extracted(source, "xlsx", grids, hidden)
