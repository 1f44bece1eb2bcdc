"""Audit rules on the classes (类) the tables print: a table's classes against its 合计,
one table's classes against another's.

Listed in RULES and run with the rules of audit.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from . import classification
from .cells import CENT, is_code
from .facts import scope_of
from .messages import finding, fmt
from .model import Finding, LineItem, Source

if TYPE_CHECKING:
    from .audit import Context
    from .tables import Table

CLASS_COLUMNS = (("total", "expenditure"), ("basic", "basic"), ("project", "project"))


def class_totals(c: Context) -> Iterator[Finding]:
    """A table's 合计 row against the sum of its class (类) rows, column by column."""
    by_table: dict[str, list[LineItem]] = defaultdict(list)
    for table, item in c.reading.facts.functional:
        if len(item.code) == 3:
            by_table[table.label].append(item)
    strays: set[tuple[str, str]] = set()
    for fact in c.reading.facts.facts:
        classes = by_table.get(fact.table, [])
        column = next((col for col, key in CLASS_COLUMNS if key == fact.key), None)
        if fact.key == "revenue":
            column = "total"
        if fact.key.startswith("source:"):  # an income table's source of funds
            column = fact.key.removeprefix("source:")
        if not classes or column is None or fact.source.row != "合计":
            continue
        values = [v for i in classes if (v := i.amount(column)) is not None]
        if len(values) < len(classes):
            continue
        added = sum(values, Decimal(0))
        stray = _stray_class(by_table, fact.table, column, added - fact.value)
        if stray is not None:
            if (fact.table, stray.code) not in strays:
                strays.add((fact.table, stray.code))
                yield finding(
                    "warning",
                    "cross_table",
                    stray.code,
                    "stray_class",
                    stray.source,
                    table=fact.table,
                    code=stray.code,
                    name=stray.name,
                )
        elif added != fact.value:
            yield finding(
                c.severity(fact.value - added, len(values) + 1),
                "children_sum",
                fact.key.removeprefix("source:"),
                "class_totals",
                fact.source,
                table=fact.table,
                added=fmt(added),
                column=column,
                total=fmt(fact.value),
            )


def _stray_class(
    by_table: dict[str, list[LineItem]], table: str, column: str, excess: Decimal
) -> LineItem | None:
    """The one class row of `table` that no other table prints and whose amount is what
    the classes add up to beyond the 合计: a row that does not belong there."""
    elsewhere = {i.code for label, items in by_table.items() if label != table for i in items}
    if not excess or not elsewhere:
        return None
    found = [
        i
        for i in by_table[table]
        if i.code not in elsewhere and abs((i.amount(column) or 0) - excess) <= CENT
    ]
    return found[0] if len(found) == 1 else None


def _classes(c: Context, kind: str) -> dict[str, tuple[Table, dict[str, LineItem]]]:
    """The class rows of each table of this kind, by the table's label."""
    found: dict[str, tuple[Table, dict[str, LineItem]]] = {}
    for table, item in c.reading.facts.functional:
        if table.kind == kind and len(item.code) == 3:
            found.setdefault(table.label, (table, {}))[1].setdefault(item.code, item)
    return found


def _whole(c: Context, label: str) -> Decimal | None:
    """The table's 合计 as printed: its spending, else its 基本 + 项目."""
    row = {
        f.key: f.value for f in c.reading.facts.facts if f.table == label and f.source.row == "合计"
    }
    if "expenditure" in row:
        return row["expenditure"]
    if "basic" in row and "project" in row:
        return row["basic"] + row["project"]
    return None


def _appropriated(c: Context) -> dict[str, tuple[str, Decimal]]:
    """Per class, the appropriations an income table whose reading proves itself books
    for it (its 财政拨款 column)."""
    verified = {check.label for check in c.d.checks if check.checked and check.verified}
    booked: dict[str, tuple[str, Decimal]] = {}
    for table, item in c.reading.facts.functional:
        amount = dict(item.sources).get("appropriation")
        if table.kind == "income" and table.label in verified and len(item.code) == 3 and amount:
            booked.setdefault(item.code, (table.label, amount))
    return booked


def classes_left_out(c: Context) -> Iterator[Finding]:
    """A class the all-funds tables spend on and book appropriations for, that the
    appropriations spending table (财政拨款支出表) has no row for, while its classes make
    its 合计: the row is missing from the document, not from the reading."""
    spent: dict[str, tuple[str, Decimal]] = defaultdict(lambda: ("", Decimal(0)))
    for label, (_, items) in _classes(c, "expenditure").items():
        for code, item in items.items():
            if item.total:
                spent.setdefault(code, (label, item.total))
    booked = _appropriated(c)
    apart = _funded_apart(c)
    for label, (table, items) in _classes(c, "fiscal_expenditure").items():
        whole = _whole(c, label)
        added = sum((i.total or Decimal(0) for i in items.values()), Decimal(0))
        if whole is None or whole != added:
            continue
        general = scope_of(table) == "general"
        for code, (income, amount) in sorted(booked.items()):
            spending, total = spent[code]
            if code in items or not total or (general and code in apart):
                continue
            yield finding(
                "warning",
                "cross_table",
                code,
                "class_left_out",
                Source(page=table.page, table=label),
                table=label,
                code=code,
                name=classification.functional_name(code) or code,
                income=income,
                appropriation=fmt(amount),
                spending=spending,
                total=fmt(total),
            )


def _funded_apart(c: Context) -> set[str]:
    """The classes the 政府性基金 and 国有资本经营 tables print rows for: their
    appropriations are those funds', which a table of the general budget alone leaves out."""
    firsts = (
        next((cell.strip() for cell in line.cells if cell.strip()), "")
        for table in c.reading.tables
        if table.kind in ("gov_fund", "state_capital")
        for line in table.lines
    )
    return {cell[:3] for cell in firsts if is_code(cell) and cell.startswith("2")}


RULES: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("class_totals", class_totals),
    ("class_left_out", classes_left_out),
)
