"""Audit rules on the classes (类) the tables print, one table's rows against another's.

Listed in RULES and run with the rules of audit.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from . import classification
from .audit_text import fmt
from .messages import finding
from .model import Finding, LineItem, Source

if TYPE_CHECKING:
    from .audit import Context
    from .tables import Table


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
    for label, (table, items) in _classes(c, "fiscal_expenditure").items():
        whole = _whole(c, label)
        added = sum((i.total or Decimal(0) for i in items.values()), Decimal(0))
        if whole is None or whole != added:
            continue
        for code, (income, amount) in sorted(booked.items()):
            spending, total = spent[code]
            if code in items or not total:
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


RULES: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("class_left_out", classes_left_out),
)
