"""Category mix: what share of its spending each agency puts in each class, side by side.

Functional classes (类 208, 款 20801, 项 2080101) drill down one level at a time; economic
classes (301, 30101) likewise. Each share is of the disclosure's total spending (of its
basic spending where the economic table covers only that), so shares compare across
agencies at any depth.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from comparisons import queries
from comparisons.figures import Cell, Note, gap, note, share
from comparisons.queries import Cap, Cursor, DisclosureRow, ItemRow, Selection
from comparisons.reports.common import Figures, figure

NEXT_LENGTH = {0: 3, 3: 5, 5: 7}
# disclosures side by side at once; a larger selection shows its first agencies, and says so
COLUMNS = 12
CLASSIFICATIONS = ("functional", "economic")
# the structure of spending, each part a share of a total (comparisons.labels names them)
STRUCTURE = (
    ("basic", "expenditure"),
    ("project", "expenditure"),
    ("other", "expenditure"),
    ("personnel", "basic"),
    ("public", "basic"),
)
# "other": what a total holds besides basic and project spending (单位预留机动经费, spending
# a document lists outside the two), so that the three parts add up to the whole
OUTSIDE = ("basic", "project")


@dataclass(frozen=True)
class MixCell:
    amount: Cell  # 万元
    share: Cell  # %


@dataclass(frozen=True)
class MixRow:
    code: str
    name: str
    deeper: bool  # some column has rows below it
    cells: tuple[MixCell, ...]


@dataclass(frozen=True)
class MixColumn:
    disclosure: DisclosureRow
    whole: Cell  # what the shares are of
    note: Note = Note()


@dataclass(frozen=True)
class Mix:
    classification: str
    parent: str
    trail: list[tuple[str, str]]  # (code, name) from the top down to the parent
    columns: list[MixColumn]
    rows: list[MixRow]
    structure: list[tuple[str, tuple[MixCell, ...]]]
    cap: Cap | None = None  # the selection was too large: only its first agencies are here


def mix(
    cursor: Cursor, selection: Selection, classification: str, parent: str, limit: int = 0
) -> Mix:
    """What a page shows: at most `limit` (COLUMNS) columns, the selection's first agencies
    by name."""
    selection, cap = queries.capped(cursor, selection, limit or COLUMNS)
    rows, marks = queries.disclosures(cursor, selection), queries.marked(cursor, selection)
    figures, items = (
        queries.figures(cursor, selection, marks),
        queries.items(cursor, selection, marks),
    )
    found = mix_of(rows, figures, items, classification, parent)
    return replace(found, cap=cap)


def mix_of(
    rows: list[DisclosureRow],
    figures: Mapping[int, Figures],
    items: list[ItemRow],
    classification: str,
    parent: str,
) -> Mix:
    """The mix of rows already read: a column a disclosure, a row a class below `parent`."""
    by_disclosure: dict[int, list[ItemRow]] = {}
    for item in items:
        if item.classification == classification:
            by_disclosure.setdefault(item.disclosure_id, []).append(item)
    columns, column_items = [], []
    for row in rows:
        chosen, note = _scope(by_disclosure.get(row.id, []), classification)
        whole_key = "basic" if note else "expenditure"
        columns.append(MixColumn(row, figure(figures.get(row.id, {}), "totals", whole_key), note))
        column_items.append(chosen)
    names = {i.code: i.name for items in column_items for i in items if i.name}
    codes = sorted({p for items in column_items for p in _children(items, parent)})
    table = [_row(code, names.get(code, ""), columns, column_items) for code in codes]
    if not parent:
        table += _remainder(columns, table)
    structure = [
        (
            part,
            tuple(_structure_cell(figures.get(c.disclosure.id, {}), part, whole) for c in columns),
        )
        for part, whole in STRUCTURE
    ]
    # the rest is shown where some document has any, or where it cannot be worked out
    structure = [
        (part, cells)
        for part, cells in structure
        if part != "other" or any(c.amount.value != 0 for c in cells)
    ]
    trail = [(parent[:n], names.get(parent[:n], "")) for n in (3, 5, 7) if n <= len(parent)]
    return Mix(classification, parent, trail, columns, table, structure)


def _scope(items: list[ItemRow], classification: str) -> tuple[list[ItemRow], Note]:
    """Economic rows of all spending when the document gives them, else of basic spending."""
    if classification != "economic" or any(i.scope == "all" for i in items):
        return [i for i in items if i.scope == "all"], Note()
    return items, note("basic_only")


def _children(items: Iterable[ItemRow], parent: str) -> set[str]:
    length = NEXT_LENGTH.get(len(parent))
    if length is None:
        return set()
    return {i.code[:length] for i in items if i.code.startswith(parent) and len(i.code) >= length}


def _amount(items: list[ItemRow], code: str) -> Cell:
    """The row itself, else the sum of its shallowest sub-rows (said), else a gap."""
    exact = next((i for i in items if i.code == code), None)
    if exact is not None:
        total = exact.amounts["total"]
        return Cell(total, source=exact.source) if total is not None else gap("not_stated")
    below = [i for i in items if i.code.startswith(code) and len(i.code) > len(code)]
    if not below:
        return gap("no_such_item")
    shallowest = min(len(i.code) for i in below)
    parts = [i.amounts["total"] for i in below if len(i.code) == shallowest]
    present = [p for p in parts if p is not None]
    if len(present) < len(parts):
        return gap("sub_items_incomplete")
    return Cell(sum(present, Decimal(0)), note=note("summed_from_sub_items"))


def _row(code: str, name: str, columns: list[MixColumn], items: list[list[ItemRow]]) -> MixRow:
    cells = []
    for column, own in zip(columns, items, strict=True):
        amount = _amount(own, code)
        part = share(amount.value, column.whole.value) if amount.value is not None else amount
        cells.append(MixCell(amount, part))
    deeper = any(_children(own, code) for own in items)
    return MixRow(code, name, deeper, tuple(cells))


def _remainder(columns: list[MixColumn], table: list[MixRow]) -> list[MixRow]:
    """What the classes leave of the total: spending outside the table, or its rounding."""
    cells, any_left = [], False
    for n, column in enumerate(columns):
        parts = [row.cells[n].amount.value for row in table]
        present = [p for p in parts if p is not None]
        whole = column.whole.value
        if whole is None or not present:
            cells.append(MixCell(gap("no_total"), gap("no_total")))
            continue
        left = whole - sum(present, Decimal(0))
        any_left = any_left or left != 0
        cells.append(MixCell(Cell(left), share(left, whole)))
    return (
        [MixRow("", "", False, tuple(cells))]  # no code: the pages call it the difference
        if any_left
        else []
    )


def _structure_cell(figures: Figures, part: str, whole: str) -> MixCell:
    amount = _other(figures) if part == "other" else figure(figures, "totals", part)
    return MixCell(amount, share(amount.value, figure(figures, "totals", whole).value))


def _other(figures: Figures) -> Cell:
    """The total less basic and project spending; a gap where one of them is not stated."""
    total = figure(figures, "totals", "expenditure")
    parts = [figure(figures, "totals", key) for key in OUTSIDE]
    values = [c.value for c in (total, *parts)]
    if None in values:
        return next(c for c in (total, *parts) if c.value is None)
    whole, *within = (v for v in values if v is not None)
    return Cell(whole - sum(within, Decimal(0)), note=note("total_less_basic_and_project"))
