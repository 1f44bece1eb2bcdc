"""Facts: each figure as one table prints it (the basic-spending total in 表1, the same
in 表7 …), with the money the table covers and where the figure stands. The audit
compares facts that should agree; the parse picks one for each total."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .extract.base import Box
from .model import Finding, LineItem, Source
from .rows import Row
from .tables import Table

# which money a table covers: all funds, all fiscal appropriations, or the general budget
SCOPE = {
    "summary": "all",
    "expenditure": "all",
    "income": "all",
    "fiscal_summary": "fiscal",
    "fiscal_expenditure": "fiscal",
    "general_expenditure": "general",
    "basic_functional": "general",
    "economic_all": "general",
    "economic_basic": "general",
    "economic_project": "general",
    "three_public": "general",
    "project": "all",
    "procurement": "all",
    "gov_fund": "fund",
    "state_capital": "capital",
    "other": "other",
}


def scope_of(table: Table) -> str:
    """The money the table covers: its kind's, narrowed or widened by the money its title
    names. An appropriations' table of the general budget alone (一般公共预算财政拨款支出
    决算表) or a project table of it (一般公共预算项目支出表) covers the general budget; a
    table of economic classes titled by the appropriations (财政拨款支出预算表(部门经济分类
    科目)) covers every appropriation, the 政府性基金's too."""
    scope = SCOPE[table.kind]
    words = table.title.replace(" ", "")
    if scope in ("all", "fiscal") and "一般公共预算" in words:
        return "general"
    if scope in ("all", "general") and "财政拨款" in words and "一般公共预算" not in words:
        return "fiscal"
    return scope


@dataclass(frozen=True)
class Fact:
    key: str
    value: Decimal
    scope: str
    table: str  # the table's label as printed (not unique: two files may both have 表1)
    source: Source
    kind: str = ""  # the kind of table it was read from


@dataclass
class TableFacts:
    facts: list[Fact] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # about how a table is printed
    functional: list[tuple[Table, LineItem]] = field(default_factory=list)
    economic: list[tuple[Table, LineItem]] = field(default_factory=list)


def source(table: Table, row: str | None, line_page: int, box: Box | None = None) -> Source:
    return Source(page=line_page, table=table.label, row=row, box=box)


def first_box(row: Row) -> Box | None:
    """The box of the row's first amount: the cell a reviewer is shown."""
    return next((b for v, b in zip(row.slots, row.boxes, strict=False) if v is not None), None)


def box_of(row: Row, value: Decimal | None) -> Box | None:
    """The box of the row's one amount equal to `value`; none where the amount is not
    printed (a sum worked out) or printed twice, so no cell is outlined by guess."""
    found = [b for v, b in zip(row.slots, row.boxes, strict=False) if v is not None and v == value]
    return found[0] if len(found) == 1 else None


def add_fact(
    out: TableFacts,
    table: Table,
    key: str,
    value: Decimal | None,
    row: str,
    page: int,
    box: Box | None = None,
) -> None:
    if value is not None:
        where = source(table, row, page, box)
        out.facts.append(Fact(key, value, scope_of(table), table.label, where, table.kind))
