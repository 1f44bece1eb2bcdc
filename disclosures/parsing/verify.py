"""Whether each table's reading proves itself, and what a person should look at again.

A reading is checked by identities that hold in any correctly read table whatever the
document's own slips: a row's parts add up to its total (合计 = 基本 + 项目, 基本 = 人员 +
公用, an income row's 合计 = its sources of funds), a table's 合计 is the figure another
table prints for the same thing, a summary's income and spending totals balance, the 三公
parts make their total. Sums down the page (a class and its items) are not among them:
those are what documents get wrong, and the audit reports them. A table whose reading
fails its identities is marked uncertain: the findings read from it become notes about
the reading, and the disclosure says it needs review, without blaming the document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from .cells import CENT, is_amount
from .facts import Fact, TableFacts
from .model import LineItem
from .tables import Table

# A table whose cells stand one a line (text copied out of a PDF in its reading order)
# has lost its columns: which label an amount belongs to can no longer be told. Such a
# table has at least this many lines, at most this share of them holding two cells or
# more, and amounts standing alone on at least this many.
SCATTERED_LINES = 6
SCATTERED_ROWS = 0.2
SCATTERED_AMOUNTS = 3
# what the table check says of it, in place of an identity that failed
SCATTERED = "单元格各占一行，列已丢失 (cells one a line: the columns are lost)"
# a reading whose identities fail more often than one in five (a slip or two in the
# document aside) is not the table's
TOLERATED = 5
SCRAMBLED_PARENTS = 3
RUNS_ON = "表格延续到无文字的第{page}页 (runs on to page {page}, which has no text)"
UNREAD_CLASSES = "未读出的类行 {codes} (class rows not read: {codes})"


@dataclass(frozen=True)
class TableCheck:
    label: str
    title: str
    kind: str
    page: int
    checked: int
    failed: tuple[str, ...]
    ocr: bool = False  # read by OCR: a misread digit fails a sum, so one failure is the most
    partial: bool = False  # read in part (class rows lost, or its rest on a page unread)

    @property
    def unread(self) -> bool:
        """Not read at all: the table's cells stand one a line (`scattered`)."""
        return self.failed == (SCATTERED,)

    @property
    def verified(self) -> bool:
        failed = len(self.failed)
        tolerated = 1 if self.ocr else max(1, self.checked // TOLERATED)
        return not self.partial and failed < self.checked and failed <= tolerated


def _adds_up(whole: Decimal, parts: list[Decimal]) -> bool:
    return abs(whole - sum(parts, Decimal(0))) <= CENT * max(len(parts) - 1, 1) + Decimal("0.0001")


def row_identities(item: LineItem) -> Iterator[tuple[str, bool]]:
    if item.total is not None and item.basic is not None and item.project is not None:
        parts = [item.basic, item.project, *([item.others] if item.others else [])]
        yield f"{item.code}: 合计 = 基本 + 项目", _adds_up(item.total, parts)
    if item.total is not None and item.sources:
        yield f"{item.code}: 合计 = 各项收入", _adds_up(item.total, [v for _, v in item.sources])
    if item.basic is not None and item.personnel is not None and item.public is not None:
        yield (
            f"{item.code}: 基本 = 人员 + 公用",
            _adds_up(item.basic, [item.personnel, item.public]),
        )


def tree_identities(items: list[LineItem]) -> Iterator[tuple[str, bool]]:
    """Each parent the table prints with its children: 类 = the sum of its 款, 款 = the sum
    of its 项 (302 = 30201 + …). Rows scrambled out of their order fail these, though
    every row's own columns still add up. A parent with a child whose own columns do
    not add up is left out: that one slip in a cell is counted once, by the child's row."""
    by_code = {i.code: i for i in items if i.total is not None}
    slipped = {i.code for i in items for _, held in row_identities(i) if not held}
    for code, parent in by_code.items():
        width = 5 if len(code) == 3 else 7 if len(code) == 5 and code.startswith("2") else 0
        children = {
            k: c.total for k, c in by_code.items() if len(k) == width and k.startswith(code)
        }
        if children and parent.total is not None and not slipped & set(children):
            yield (
                f"{code} = 其下各项之和",
                _adds_up(parent.total, [v for v in children.values() if v]),
            )


def _scrambled(tree: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """The parents that add up prove the reading; those that do not speak against it only
    where many fail (three or more, two in five), as rows set against the wrong codes
    make them. A parent or two off is the document's own slip, for the audit to report."""
    failed = [t for t in tree if not t[1]]
    if len(failed) >= SCRAMBLED_PARENTS and len(failed) * 5 >= len(tree) * 2:
        return tree
    return [t for t in tree if t[1]]


def unread_classes(items: Iterable[LineItem]) -> set[str]:
    """Classes (类) whose 款 or 项 rows were read but not their own row, in a table that
    prints its classes' rows: the reading lost them (a name it could not code, say)."""
    items = list(items)
    classes = {i.code for i in items if len(i.code) == 3}
    if not classes:
        return set()
    return {i.code[:3] for i in items if len(i.code) > 3} - classes


def _classes_identity(items: list[LineItem], facts: list[Fact]) -> Iterator[tuple[str, bool]]:
    """The table's 合计 = the sum of its 类; a class row the reading lost fails it."""
    unread = unread_classes(items)
    if unread:
        yield UNREAD_CLASSES.format(codes=", ".join(sorted(unread))), False
        return
    classes = [i.total for i in items if len(i.code) == 3 and i.total is not None]
    total = next((f.value for f in facts if f.key in ("expenditure", "revenue")), None)
    if classes and total is not None:
        yield "合计 = 各类之和", _adds_up(total, classes)


def _fact_identities(facts: list[Fact], others: list[Fact]) -> Iterator[tuple[str, bool]]:
    by_key = {f.key: f.value for f in facts}
    if all(k in by_key for k in ("basic", "personnel", "public")):
        yield (
            "合计: 基本 = 人员 + 公用",
            _adds_up(by_key["basic"], [by_key["personnel"], by_key["public"]]),
        )
    total, basic, project = (by_key.get(k) for k in ("expenditure", "basic", "project"))
    if total is not None and basic is not None and project is not None:
        # 经营支出, 上缴上级 … may stand beside them, so the 合计 may be more; never less
        short = basic + project - total
        if short > CENT or abs(short) <= CENT:
            yield "合计: 合计 = 基本 + 项目", abs(short) <= CENT
    sources = [v for k, v in by_key.items() if k.startswith("source:")]
    if sources and "revenue" in by_key:
        yield "合计: 合计 = 各项收入", _adds_up(by_key["revenue"], sources)
    if "revenue_grand" in by_key and "expenditure_grand" in by_key:
        yield "收入总计 = 支出总计", by_key["revenue_grand"] == by_key["expenditure_grand"]
    parts = [by_key.get(f"three_public:{p}") for p in ("abroad", "vehicles", "reception")]
    whole = by_key.get("three_public:total")
    if whole is not None and all(p is not None for p in parts):
        yield "三公 = 出国 + 用车 + 接待", _adds_up(whole, [p for p in parts if p is not None])
    for fact in facts:  # the 合计 another table prints too: agreement proves the columns
        if fact.source.row == "合计" and any(
            o.key == fact.key and o.value == fact.value for o in others
        ):
            yield f"{fact.key} as in another table", True


def scattered(table: Table) -> bool:
    """The table's cells stand one a line: its columns are lost, and reading it would
    pair amounts with the wrong labels."""
    lines = [[c for c in line.cells if c.strip()] for line in table.lines]
    lines = [cells for cells in lines if cells]
    if len(lines) < SCATTERED_LINES:
        return False
    rows = sum(len(cells) >= 2 for cells in lines)
    alone = sum(len(cells) == 1 and is_amount(cells[0]) for cells in lines)
    return rows <= SCATTERED_ROWS * len(lines) and alone >= SCATTERED_AMOUNTS


def check_tables(
    tables: list[Table],
    facts: TableFacts,
    unread: frozenset[int] = frozenset(),
    ocr_pages: frozenset[int] = frozenset(),
    blank_pages: frozenset[int] = frozenset(),
) -> list[TableCheck]:
    """Each table's identities as read; a table left unread (`unread`, by id) because its
    columns are lost fails the one check that says so."""
    items: dict[int, list[LineItem]] = defaultdict(list)
    for table, item in [*facts.functional, *facts.economic]:
        items[id(table)].append(item)
    by_table: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts.facts:
        by_table[fact.table].append(fact)
    checks = []
    for table in tables:
        if id(table) in unread:
            checks.append(
                TableCheck(table.label, table.title, table.kind, table.page, 1, (SCATTERED,))
            )
            continue
        own = by_table.get(table.label, [])
        others = [f for f in facts.facts if f.table != table.label]
        results = [r for item in items[id(table)] for r in row_identities(item)]
        results += _scrambled(list(tree_identities(items[id(table)])))
        results += list(_classes_identity(items[id(table)], own))
        results += list(_fact_identities(own, others))
        failed = tuple(what for what, held in results if not held)
        last = max((line.page for line in table.lines), default=table.page)
        runs_on = bool(failed) and last + 1 in blank_pages  # its rest on a page unread
        if runs_on:
            results.append((RUNS_ON.format(page=last + 1), False))
            failed += (results[-1][0],)
        partial = runs_on or bool(unread_classes(items[id(table)]))
        checks.append(
            TableCheck(
                table.label,
                table.title,
                table.kind,
                table.page,
                len(results),
                failed,
                ocr=table.page in ocr_pages,
                partial=partial,
            )
        )
    return checks


def review_reasons(checks: list[TableCheck], has_rows: bool, has_total: bool) -> list[str]:
    """Why a person should look at the reading again (empty when it proves itself)."""
    reasons = [
        f"{c.label} {c.title}: {len(c.failed)} of {c.checked} identities fail as read "
        f"({'; '.join(c.failed[:3])})"
        for c in checks
        if c.checked and not c.verified
    ]
    if not has_total:
        reasons.append("no spending total was read")
    if not has_rows:
        reasons.append("no functional classification rows were read")
    return reasons
