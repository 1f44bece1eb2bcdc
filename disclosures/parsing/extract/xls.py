"""Office 97-2003 containers (OLE): .xls workbooks, and what else such a file may be.

The OLE container is also the wrapper of a password-protected .xlsx or .docx
(an 'EncryptedPackage' stream) and of old .doc files, so its streams decide:
an encrypted package is `encrypted`, a workbook is read, anything else is
`unsupported`. Workbooks are read with xlrd, which knows the hidden rows,
columns and sheets, the merged ranges and the number formats of .xls files;
the sheets become lines exactly as .xlsx sheets do (see xlsx.py).
"""

from __future__ import annotations

import io
from typing import Any

from ..errors import ParseError
from .base import Extracted
from .xlsx import MAX_CELLS, MAX_SHEETS, CellBudget, SheetGrid, cell_text, extracted

# xlrd holds a whole workbook in memory, ~100 bytes a cell; budget .xls files are < 5 MB
MAX_XLS_BYTES = 32 * 2**20


def ole_streams(data: bytes) -> set[str]:
    """The names of the container's top-level streams."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {path[0] for path in ole.listdir(streams=True, storages=True) if path}
    except MemoryError as exc:
        raise ParseError("too_large", "the file does not fit in memory") from exc
    except Exception as exc:  # olefile raises OSError and others on broken containers
        raise ParseError("corrupt", f"the Office 97-2003 file cannot be read: {exc}") from exc


def extract_ole(data: bytes, source: str = "") -> Extracted:
    streams = ole_streams(data)
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise ParseError("encrypted", "the Office file is protected by a password")
    if streams & {"Workbook", "Book"}:
        return extract_xls(data, source)
    if "WordDocument" in streams:
        raise ParseError("unsupported", "Word 97-2003 (.doc) files are not read: save as .docx")
    raise ParseError("unsupported", "an Office 97-2003 file that is not an Excel workbook")


def _open(data: bytes) -> Any:
    import xlrd

    if len(data) > MAX_XLS_BYTES:
        raise ParseError("too_large", f"the .xls file is over {MAX_XLS_BYTES // 2**20} MB")
    try:
        # xlrd writes its warnings to a log file, stdout unless told otherwise
        return xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except MemoryError as exc:
        raise ParseError("too_large", "the workbook does not fit in memory") from exc
    except Exception as exc:
        if "encrypted" in str(exc).lower():
            raise ParseError("encrypted", "the workbook is protected by a password") from exc
        raise ParseError("corrupt", f"the workbook cannot be read: {exc}") from exc


def _number_format(book: Any, xf_index: int) -> str:
    try:
        return str(book.format_map[book.xf_list[xf_index].format_key].format_str)
    except (IndexError, KeyError):
        return "General"


def _value(book: Any, sheet: Any, row: int, column: int) -> str:
    import xlrd

    kind = sheet.cell_type(row, column)
    value = sheet.cell_value(row, column)
    if kind == xlrd.XL_CELL_NUMBER:
        return cell_text(value, _number_format(book, sheet.cell_xf_index(row, column)))
    if kind == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate.xldate_as_datetime(value, book.datemode))
        except (ValueError, OverflowError):
            return cell_text(value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(value))
    if kind == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(value, "#ERR"))
    return cell_text(value) if kind == xlrd.XL_CELL_TEXT else ""


def _read_sheet(book: Any, sheet: Any, budget: CellBudget) -> SheetGrid:
    grid = SheetGrid(sheet.name)
    grid.hidden_columns = {c + 1 for c, info in sheet.colinfo_map.items() if info.hidden}
    for row in range(sheet.nrows):
        info = sheet.rowinfo_map.get(row)
        budget.take(sheet.row_len(row))
        texts = {c + 1: _value(book, sheet, row, c) for c in range(sheet.row_len(row))}
        texts = {c: t for c, t in texts.items() if t}
        if info is not None and info.hidden:
            if texts:
                grid.hidden_rows.append(row + 1)
            continue
        for column, text in texts.items():
            grid.put(row + 1, column, text)
    # xlrd's ranges are 0-based and end-exclusive: (row0, row1, col0, col1)
    grid.merged = [(c0 + 1, r0 + 1, c1, r1) for r0, r1, c0, c1 in sheet.merged_cells]
    return grid


def extract_xls(data: bytes, source: str = "") -> Extracted:
    book = _open(data)
    try:
        if book.nsheets > MAX_SHEETS:
            raise ParseError("too_large", f"the workbook has {book.nsheets} sheets")
        grids: list[SheetGrid] = []
        hidden: list[str] = []
        budget = CellBudget(MAX_CELLS)
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.visibility:
                hidden.append(sheet.name)
            else:
                grids.append(_read_sheet(book, sheet, budget))
            book.unload_sheet(index)
    except ParseError:
        raise
    except MemoryError as exc:
        raise ParseError("too_large", "the workbook does not fit in memory") from exc
    except Exception as exc:  # xlrd fails in many ways on broken records
        raise ParseError("corrupt", f"a sheet cannot be read: {exc}") from exc
    finally:
        book.release_resources()
    return extracted(source, "xls", grids, hidden)
