"""Coded tables whose cells stand one a line, put back into rows.

Text copied out of a PDF in reading order (pdftotext without -layout, a viewer's copy)
gives each cell a line of its own: '2080505', '机关事业单位基本养老保险缴费', '支出',
'123.22', '123.22', then the next code. Blank cells leave no trace and the header's
words come scrambled, but every row of a table keyed by classification code opens with
its code (or 合计), its name follows, then its amounts. So the rows can be put back:
a code or a total label opens a row, names before the first amount are its name, the
amounts after it are its amounts. Which column each amount belongs to is left to the
usual reading of rows in text, and the table's identities (合计 = 基本 + 项目, parent =
sum of children) say whether that reading holds; a table whose identities fail is
marked uncertain as any other. Summary tables, whose two sides come column by column,
cannot be put back so and stay unread.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .cells import is_amount, is_code, is_total
from .extract.base import Line
from .headers import header_columns
from .model import LineItem
from .named_codes import parents_add_up
from .tables import Table
from .verify import row_identities

# tables keyed by classification code, whose every row opens with its code
CODED_KINDS = frozenset(
    {
        "expenditure",
        "general_expenditure",
        "fiscal_expenditure",
        "basic_functional",
        "economic_all",
        "economic_basic",
        "economic_project",
        "gov_fund",
        "state_capital",
    }
)
_PAGE_FOOT = re.compile(r"^[-—–_]+\s*\d{1,3}\s*[-—–_]+$|^第\s*\d{1,3}\s*页$")  # '- 10 -'
_CODE_PART = re.compile(r"^\d{2}$")  # '05' of a code printed 类 | 款 | 项
MIN_IDENTITIES = 2


def restacked(table: Table) -> Table | None:
    """The table with its rows put back together, or None where it is not a coded table
    or no row opens with a code."""
    if table.kind not in CODED_KINDS:
        return None
    cells = [
        (cell.strip(), line.page)
        for line in table.lines
        for cell in line.cells
        if cell.strip() and not _PAGE_FOOT.match(cell.strip())
    ]
    start = next((i for i, (c, _) in enumerate(cells) if _opens(cells, i)), None)
    if start is None or not any(is_code(c) for c, _ in cells[start:]):
        return None
    header = Line(page=cells[0][1], cells=tuple(c for c, _ in cells[:start]))
    rows = [r for r in _rows(cells[start:]) if _kept(r)]
    columns = len(header_columns([header]))
    return replace(table, lines=[header, *rows]) if _even(rows, columns) else None


def _even(rows: list[Line], columns: int = 0) -> bool:
    """No row has more amounts than most rows do, nor than the header names columns: one
    that has swallowed the next row's (a row whose code the text left out) shows the rows
    cannot be told apart. Where most rows leave a cell blank (项目支出 on rows of basic
    spending), the rows that fill every column the header names are whole."""
    counts = Counter(_amounts(row) for row in rows)
    usual = counts.most_common(1)[0][0] if counts else 0
    return all(n <= max(usual, columns) for n in counts)


def _amounts(row: Line) -> int:
    """The amounts after the row's code and its parts ('208' '05' '01') and its name."""
    cells = list(row.cells[1:])
    while cells and _CODE_PART.match(cells[0]):
        cells.pop(0)
    return sum(is_amount(c) for c in cells)


def _opens(cells: list[tuple[str, int]], i: int) -> bool:
    """A code, or a total label followed by an amount."""
    cell = cells[i][0]
    if is_code(cell):
        return True
    return is_total(cell) and i + 1 < len(cells) and is_amount(cells[i + 1][0])


def _rows(cells: list[tuple[str, int]]) -> list[Line]:
    rows: list[Line] = []
    opener: list[str] = []
    name: list[str] = []
    amounts: list[str] = []
    page = cells[0][1]

    def flush(at: int) -> None:
        nonlocal opener, name, amounts, page
        if opener or name or amounts:
            rows.append(_line(page, opener, name, amounts))
        opener, name, amounts, page = [], [], [], at

    for i, (cell, at) in enumerate(cells):
        if _CODE_PART.match(cell) and opener and not name and not amounts:
            opener.append(cell)  # '208' '05' '05': a code printed in 类 | 款 | 项
        elif is_code(cell) and _code_here(cells, i, opener or name or amounts):
            flush(at)
            opener.append(cell)
        elif is_amount(cell):
            amounts.append(cell)
        else:  # a name: wrapped over lines, or the next row's after the amounts
            if amounts or (is_total(cell) and (opener or name)):
                flush(at)
            name.append(cell)
    flush(page)
    return rows


def _code_here(cells: list[tuple[str, int]], i: int, open_row: bool | list[str]) -> bool:
    """A code-shaped cell opens a row where nothing is open yet, or where a name (or the
    next part of a split code) follows it; else it is a whole amount ('差旅费', '230')."""
    after = cells[i + 1][0] if i + 1 < len(cells) else ""
    named = bool(after) and not is_amount(after) or bool(_CODE_PART.match(after))
    return not open_row or named


def _line(page: int, opener: list[str], name: list[str], amounts: list[str]) -> Line:
    return Line(page=page, cells=(*opener, "".join(name), *amounts))


def _kept(row: Line) -> bool:
    """A row with a code, or one with amounts (合计, a unit's own row); a name alone
    between rows is a page's running head or the header printed again."""
    return is_code(row.cells[0]) or any(is_amount(c) for c in row.cells[1:])


def holds(items: list[LineItem]) -> bool:
    """Whether a put-back table's rows bear out their reading: every row's own identities
    (合计 = 基本 + 项目 where it prints both), every parent the sum of its children, and
    at least two such identities to go by. One that fails means the amounts went to the
    wrong rows or columns, and the table is left unread rather than read wrong."""
    checks = [held for item in items for _, held in row_identities(item)]
    for scope in {item.scope for item in items}:
        checks += parents_add_up({i.code: i.total for i in items if i.scope == scope})
    return len(checks) >= MIN_IDENTITIES and all(checks)
