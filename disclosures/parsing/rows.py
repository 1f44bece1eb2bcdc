"""Read the rows of a table: codes, names and amounts, whatever the layout.

Layouts seen in real files and handled here:
- codes in one column, or split over 类 | 款 | 项 columns ('201 03 01');
- names wrapped over several lines, with the amounts on the last;
- rows whose name is missing (the code alone), and amount rows that lost
  their label and sit one row below it (realigned, see `_realign`);
- two or more column groups side by side (人员经费 | 公用经费);
- a department and a government economic code in one row;
- blank cells: kept as None, never read as zero.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from .cells import amount, has_decimals, is_amount, is_code, is_total, strip_ordinal, to_wan
from .extract.base import Line
from .tables import Table

# header words -> column; the longest words are matched first so that
# 事业单位经营支出 is not read as 经营支出 and 项目支出 not as 项目.
COLUMN_WORDS: tuple[tuple[str, str], ...] = (
    ("本年支出合计", "total"),
    ("本年收入合计", "total"),
    ("专项业务经费支出", "project"),
    ("事业单位经营支出", "business"),
    ("对附属单位补助支出", "subsidiary"),
    ("人员经费支出", "personnel"),
    ("公用经费支出", "public"),
    ("上缴上级支出", "upper"),
    ("专项业务经费", "project"),
    ("人员经费", "personnel"),
    ("公用经费", "public"),
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("经营支出", "business"),
    ("本年支出", "total"),
    ("预算数", "total"),
    ("决算数", "total"),
    ("合计", "total"),
    ("小计", "total"),
    ("金额", "total"),
)


@dataclass
class Row:
    code: str | None
    name: str
    slots: list[Decimal | None] = field(default_factory=list)
    other_codes: list[str] = field(default_factory=list)
    line: Line | None = None
    total_row: bool = False
    columns: dict[str, Decimal | None] = field(default_factory=dict)

    @property
    def has_amounts(self) -> bool:
        return bool(self.slots)


def header_columns(lines: list[Line]) -> list[str]:
    """Column names in the order the header words appear."""
    text = "".join("".join(c for c in line.cells) for line in lines).replace(" ", "")
    found: list[tuple[int, str]] = []
    taken = [False] * len(text)
    for word, column in COLUMN_WORDS:
        for match in re.finditer(re.escape(word), text):
            span = range(match.start(), match.end())
            if not any(taken[i] for i in span):
                found.append((match.start(), column))
                for i in span:
                    taken[i] = True
    ordered: list[str] = []
    for _, column in sorted(found):
        if column not in ordered:
            ordered.append(column)
    return ordered


def _merge_split_codes(cells: list[str]) -> list[str]:
    """'201', '03', '01' (类 | 款 | 项 columns) -> '2010301'."""
    out: list[str] = []
    for cell in cells:
        bare = cell.replace(" ", "")
        if out and re.fullmatch(r"\d{2}", bare) and re.fullmatch(r"[2]\d{2}(\d{2})?", out[-1]):
            out[-1] += bare
        elif re.fullmatch(r"[2]\d{2}( \d{2}){1,2}", cell):
            out.append(bare)
        else:
            out.append(cell)
    return out


def _first_amount(cells: list[str]) -> int | None:
    for i, cell in enumerate(cells):
        if is_amount(cell) and (has_decimals(cell) or not is_code(cell)):
            if i > 0 or not is_code(cell):
                return i
    return None


def label_width(lines: list[Line]) -> int:
    """How many cells the label columns take: the usual index of the first amount."""
    seen = Counter()
    for line in lines:
        cells = _merge_split_codes(list(line.cells))
        first = _first_amount(cells)
        if first is not None and first > 0:
            seen[first] += 1
    return seen.most_common(1)[0][0] if seen else 2


def _is_slot(cell: str) -> bool:
    return cell == "" or (is_amount(cell) and (has_decimals(cell) or not is_code(cell)))


def split_groups(cells: list[str], width: int) -> list[tuple[list[str], list[str]]]:
    """Cut a row into (label cells, amount cells) groups, side by side."""
    groups: list[tuple[list[str], list[str]]] = []
    label: list[str] = []
    slots: list[str] = []
    first = _first_amount(cells)
    start = width if first is None else min(width, first)
    for i, cell in enumerate(cells):
        in_slots = i >= start and (bool(slots) or _is_slot(cell))
        if in_slots and _is_slot(cell) and not (slots and is_code(cell) and not has_decimals(cell)):
            slots.append(cell)
            continue
        if slots:  # a label after amounts starts the next group
            groups.append((label, slots))
            label, slots = [], []
        if cell:
            label.append(cell)
    if label or slots:
        groups.append((label, slots))
    return groups


def _row_from(label: list[str], slots: list[str], line: Line, unit: str) -> Row:
    codes = [c for c in label if is_code(c)]
    names = [c for c in label if not is_code(c)]
    values = [None if (v := amount(s)) is None else to_wan(v, unit) for s in slots]
    name = "".join(strip_ordinal(n) if i == 0 else n for i, n in enumerate(names))
    total = any(is_total(n) for n in names) and not codes
    return Row(codes[0] if codes else None, name, values, codes[1:], line, total)


def read_coded(table: Table, header: list[Line], body: list[Line], unit: str) -> list[Row]:
    """Rows of a table keyed by classification code, names wrapped or not."""
    width = label_width(body)
    rows: list[Row] = []
    pending: Row | None = None
    for line in body:
        cells = _merge_split_codes(list(line.cells))
        for label, slots in split_groups(cells, width):
            row = _row_from(label, slots, line, unit)
            if pending is not None and row.code is None and not row.total_row:
                pending.name += row.name  # a wrapped name, maybe with the amounts
                if row.slots:
                    pending.slots, pending.line = row.slots, line
                    pending = None
                continue
            rows.append(row)
            pending = row if not row.slots and row.code is not None else None
    columns = header_columns(header)
    rows = _realign(rows)
    for row in rows:
        padded = row.slots + [None] * max(0, len(columns) - len(row.slots))
        row.columns = dict(zip(columns or ["total"], padded, strict=False))
    return rows


def _realign(rows: list[Row]) -> list[Row]:
    """Amounts that slid one row down (a label-only 合计 above, a bare amount row below)."""
    for i, row in enumerate(rows):
        if row.code is None and not row.total_row and not row.name and row.slots:
            j = i - 1
            while j >= 0 and rows[j].slots and not rows[j].total_row:
                j -= 1
            if j >= 0 and rows[j].total_row and not rows[j].slots:
                for k in range(j, i):
                    rows[k].slots = rows[k + 1].slots
                return _realign(rows[:i] + rows[i + 1 :])
    return rows


@dataclass
class Pair:
    label: str
    value: Decimal | None
    line: Line
    position: int  # 0 for the first label on its line (the income side)


def read_pairs(lines: list[Line], unit: str) -> list[Pair]:
    """Summary tables: label, amount, label, amount … across each line."""
    pairs: list[Pair] = []
    for line in lines:
        label: str | None = None
        position = 0
        for cell in line.cells:
            if not cell:
                continue
            if is_amount(cell) and not is_code(cell):
                if label is not None:
                    pairs.append(Pair(label, to_wan(amount(cell) or Decimal(0), unit), line, position))
                    label, position = None, position + 1
                continue
            if label is not None:
                pairs.append(Pair(label, None, line, position))
                position += 1
            label = strip_ordinal(cell).replace(" ", "")
        if label is not None:
            pairs.append(Pair(label, None, line, position))
    return pairs


def split_header(table: Table) -> tuple[list[Line], list[Line]]:
    """The header lines (column titles) and the body lines of a coded table."""
    for i, line in enumerate(table.lines):
        cells = _merge_split_codes(list(line.cells))
        if any(is_code(c) for c in cells[:4]) or _total_row_start(cells):
            return table.lines[:i], table.lines[i:]
    return table.lines, []


def _total_row_start(cells: list[str]) -> bool:
    """A 合计 row, told from a header that names a 合计 column: it has amounts,
    or nothing else but the 类/款/项 column titles."""
    if not any(is_total(c) for c in cells[:4]):
        return False
    others = [c for c in cells if c and not is_total(c)]
    return any(is_amount(c) for c in others) or all(len(c) <= 1 for c in others)
