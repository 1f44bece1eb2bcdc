"""The consistency audit: every rule a small function, all listed in RULES.

Each rule reads the parsed disclosure (and what the tables and sentences said
before any choice was made) and returns findings. Where the document is wrong
the finding says what is printed; nothing is corrected silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from . import (
    audit_carry,
    audit_classes,
    audit_items,
    audit_projects,
    audit_reader,
    audit_text,
    audit_words,
    classification,
    three_public_text,
)
from .audit_ocr import ocr_checked
from .audit_text import NAMES
from .cells import CENT, same_figure
from .facts import scope_of
from .messages import finding, fmt, qualified
from .model import Disclosure, Finding, LineItem

if TYPE_CHECKING:
    from .facts import Fact
    from .parse import Reading


class Context:
    def __init__(self, d: Disclosure, reading: Reading) -> None:
        self.d, self.reading = d, reading
        # one unit of the last digit the tables print: a cent of 万元, or a yuan
        units = [t.unit for t in reading.tables if t.unit]
        in_yuan = units and units.count("元") * 2 > len(units)
        self.step = _kept_to(d) if in_yuan else CENT

    def severity(self, difference: Decimal, terms: int = 2) -> str:
        """Within a unit of the last printed digit per term (a cent of 万元, a yuan) is
        rounding, info whether or not the document warns of it (尾数误差): it never
        outranks a real contradiction."""
        return _rounding(difference, terms, self.step)

    def text_severity(self, difference: Decimal, terms: int = 2) -> str:
        """The same for figures the sentences state: they print 万元 to the cent, even
        where the tables are in 元."""
        return _rounding(difference, terms, max(self.step, CENT))


def _kept_to(d: Disclosure) -> Decimal:
    """The step of tables printed in 元, in 万元: a yuan, or ten or a hundred where every
    amount ends in 0 or 00 (figures kept in 万元 to the cent and printed in 元 round
    to a hundred yuan, so their sums may miss by that much)."""
    items = [*d.functional, *d.economic]
    values = [v for i in items for v in (i.total, i.basic, i.project) if v]
    for step in (CENT, Decimal("0.001")):
        if len(values) >= 10 and all(v % step == 0 for v in values):
            return step
    return Decimal("0.0001")


def _rounding(difference: Decimal, terms: int, step: Decimal) -> str:
    small = abs(difference) <= step * max(terms - 1, 1) + Decimal("0.00001")
    return "info" if small else "warning"


def _parts(item: LineItem) -> dict[str, Decimal] | None:
    """What a row's total is the sum of: 基本 + 项目, or an income row's sources of funds."""
    if item.sources:
        return dict(item.sources)
    if item.basic is not None and item.project is not None:
        parts = {"basic": item.basic, "project": item.project}
        return parts | ({"others": item.others} if item.others else {})
    return None


def _slip(item: LineItem) -> Decimal:
    """How far the row's parts are from its total (nought where it has none)."""
    parts = _parts(item)
    if item.total is None or parts is None:
        return Decimal(0)
    return sum(parts.values(), Decimal(0)) - item.total


def income_tables(c: Context) -> dict[str, list[LineItem]]:
    """The rows of each income table whose every row's sources were read."""
    tables: dict[str, list[LineItem]] = defaultdict(list)
    for table, item in c.reading.facts.functional:
        if table.kind == "income":
            tables[table.label].append(item)
    return {label: items for label, items in tables.items() if all(i.sources for i in items)}


def _income_total_rows(c: Context) -> Iterator[LineItem]:
    """The 合计 row of each income table whose sources were read, as a row."""
    rows: dict[str, dict[str, Fact]] = defaultdict(dict)
    for f in c.reading.facts.facts:
        if f.kind == "income" and f.source.row == "合计":
            rows[f.table].setdefault(f.key, f)
    for facts in rows.values():
        sources = tuple(
            (k.removeprefix("source:"), f.value)
            for k, f in facts.items()
            if k.startswith("source:")
        )
        if "revenue" in facts and sources:
            whole = facts["revenue"]
            yield LineItem("合计", "合计", whole.value, source=whole.source, sources=sources)


def row_sums(c: Context) -> Iterator[Finding]:
    incomes = [i for items in income_tables(c).values() for i in items]
    for item in (*c.d.functional, *incomes, *_income_total_rows(c)):
        parts, diff = _parts(item), -_slip(item)
        if not diff or parts is None or item.total is None:
            continue
        added = fmt(item.total - diff)
        if item.sources:
            printed = sum(1 for v in parts.values() if v)
            yield finding(
                c.severity(diff, max(printed, 2)),
                "row_sum",
                item.code,
                "source_sum",
                item.source,
                code=item.code,
                table=item.source.table or "",
                added=added,
                total=fmt(item.total),
            )
            continue
        yield finding(
            c.severity(diff),
            "row_sum",
            item.code,
            "row_sum",
            item.source,
            code=item.code,
            basic=fmt(parts["basic"]),
            project=fmt(parts["project"]),
            added=added,
            total=fmt(item.total),
        )


def subtotal_sums(c: Context) -> Iterator[Finding]:
    """A group's 小计 (当年预算: 小计 | 基本 | 项目) that is neither its parts' sum nor the
    row's 合计: printed 0.00 beside a project of 458.00. Held only in tables whose reading
    proves itself otherwise, where such a 小计 is the document's slip, not the reader's."""
    verified = {k.label for k in c.d.checks if k.checked and k.verified}
    for table, item in c.reading.facts.functional:
        slip = _subtotal_slip(item)
        if table.label not in verified or slip is None or item.subtotal is None:
            continue
        yield finding(
            c.severity(slip, 3),
            "row_sum",
            item.code,
            "subtotal_sum",
            item.source,
            code=item.code,
            table=table.label,
            subtotal=fmt(item.subtotal),
            added=fmt(item.subtotal - slip),
            total=fmt(item.total or Decimal(0)),
        )


def _subtotal_slip(item: LineItem) -> Decimal | None:
    """How far the row's 小计 is from 基本 + 项目, where it is neither that nor its 合计."""
    whole, basic, project, total = item.subtotal, item.basic, item.project, item.total
    if whole is None or basic is None or project is None or total is None:
        return None
    return None if whole in (basic + project, total) else whole - basic - project


def _children_of(items: Iterable[LineItem], code: str) -> list[LineItem]:
    return [i for i in items if i.code.startswith(code) and len(i.code) == len(code) + 2]


def _sum_groups(c: Context) -> Iterator[tuple[list[LineItem], tuple[str, ...]]]:
    """Rows that add up down the page, and the columns that do: a spending table's
    total; an income table's total and each of its sources of funds."""
    yield list(c.d.functional), ("total",)
    for scope in ("all", "basic"):
        yield [i for i in c.d.economic if i.scope == scope], ("total",)
    for items in income_tables(c).values():
        yield items, ("total", *(role for role, _ in items[0].sources))


def children_sums(c: Context) -> Iterator[Finding]:
    for items, columns in _sum_groups(c):
        for parent in items:
            kids = _children_of(items, parent.code)
            for column in columns if kids else ():
                whole = parent.amount(column)
                values = [k.amount(column) for k in kids]
                added = sum((v or Decimal(0) for v in values), Decimal(0))
                if whole is None or whole == added:
                    continue
                # an income class agreeing with its items' sources, not with their totals:
                # the items' totals are misprinted, and reported at the items
                slips = sum(map(_slip, kids), Decimal(0))
                if column == "total" and parent.sources and whole - added == slips:
                    continue
                yield finding(
                    c.severity(whole - added, len(kids) + 1),
                    "children_sum",
                    parent.code,
                    "children_sum" if column == "total" else "children_sum_column",
                    parent.source,
                    code=parent.code,
                    added=fmt(added),
                    total=fmt(whole),
                    **({} if column == "total" else {"column": column}),
                )


def balance(c: Context) -> Iterator[Finding]:
    facts = {f.key: f for f in reversed(c.reading.facts.facts) if f.scope == "all"}
    income, spending = facts.get("revenue_grand"), facts.get("expenditure_grand")
    if income and spending and income.value != spending.value:
        diff = income.value - spending.value
        yield finding(
            c.severity(diff),
            "balance",
            "totals",
            "balance",
            income.source,
            revenue=fmt(income.value),
            expenditure=fmt(spending.value),
        )


def basic_parts(c: Context) -> Iterator[Finding]:
    """人员经费 + 公用经费 against 基本支出: of all funds, or of the appropriations alone
    (a department with other income splits only the latter)."""
    t = c.d.totals
    if all(k in t for k in ("basic", "personnel", "public")):
        added = t["personnel"].value + t["public"].value
        diff = t["basic"].value - added
        bases = {f.value for f in c.reading.facts.facts if f.key == "basic"}
        bases |= {s.value for s in c.reading.stated if s.key == "basic"}  # 财政拨款基本支出
        # a base stated in 万元 of parts read from tables in 元 ('6,494.90' of 6,494.9011)
        if diff and not any(same_figure(b, added) for b in bases):
            yield finding(
                c.severity(diff),
                "basic_parts",
                "basic",
                "basic_parts",
                added=fmt(added),
                basic=fmt(t["basic"].value),
            )


def three_public_parts(c: Context) -> Iterator[Finding]:
    p = {k: f.value for k, f in c.d.three_public_parts.items()}
    for whole, parts in three_public_text.SUMS:
        if whole in p and all(k in p for k in parts):
            added = sum((p[k] for k in parts), Decimal(0))
            if abs(p[whole] - added) > Decimal("0.0001"):
                yield finding(
                    c.severity(p[whole] - added, 3),
                    "three_public_sum",
                    whole,
                    "three_public_sum",
                    part=whole,
                    total=fmt(p[whole]),
                    added=fmt(added),
                )


def _comparable_scopes(c: Context) -> dict[str, str]:
    """Scopes whose spending totals agree are compared with each other."""
    chosen = c.d.totals.get("expenditure")
    merged = {"all": "all"}
    for fact in c.reading.facts.facts:
        if (
            fact.key in ("expenditure", "expenditure_year")
            and chosen
            and fact.value == chosen.value
        ):
            merged[fact.scope] = "all"
    return merged


def cross_table(c: Context) -> Iterator[Finding]:
    merge = _comparable_scopes(c)
    uncertain = {k.label for k in c.d.checks if k.checked and not k.verified}
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in c.reading.facts.facts:
        if fact.key in NAMES and fact.key != "revenue":
            groups[(fact.key, merge.get(fact.scope, fact.scope))].append(fact)
    for (key, _), facts in groups.items():
        values = {f.value for f in facts}
        if len(values) < 2:
            continue
        # the figure most tables print, those whose reading proves itself counted first: a
        # table misread is not the one that sets the others right
        common = max(
            values,
            key=lambda v: (
                sum(f.value == v and f.table not in uncertain for f in facts),
                sum(f.value == v for f in facts),
            ),
        )
        odd = [f for f in facts if f.value != common]
        same = sorted({f.table for f in facts if f.value == common})
        for f in odd:
            yield finding(
                c.severity(f.value - common),
                "cross_table",
                key,
                "cross_table",
                f.source,
                name=NAMES[key],
                figure=key,
                value=fmt(f.value),
                table=f.table,
                common=fmt(common),
                tables=", ".join(same),
            )
    yield from _class_rows_against_tables(c)


def _class_rows_against_tables(c: Context) -> Iterator[Finding]:
    """Class totals in the summary tables against the class rows of a functional table
    of the same money (all funds, or the appropriations alone)."""
    merge = _comparable_scopes(c)
    uncertain = {k.label for k in c.d.checks if k.checked and not k.verified}
    rows: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for table, item in c.reading.facts.functional:
        scope = merge.get(scope_of(table), scope_of(table))
        if table.label in uncertain:  # a table misread, or read in part, proves nothing
            continue
        if len(item.code) == 3 and item.total is not None and table.kind != "income":
            rows[scope].setdefault(item.code, item.total)  # income by class is not spending
    for fact in c.reading.facts.facts:
        printed_rows = rows.get(merge.get(fact.scope, fact.scope))
        if not fact.key.startswith("class:") or not printed_rows:
            continue  # a summary of all funds against general-budget rows: other money
        code = fact.key.removeprefix("class:")
        printed = printed_rows.get(code, Decimal(0))
        if fact.value != printed:
            name = classification.functional_name(code) or code
            yield finding(
                c.severity(fact.value - printed),
                "cross_table",
                fact.table,
                "class_against_tables",
                fact.source,
                table=fact.table,
                value=fmt(fact.value),
                code=code,
                name=name,
                printed=fmt(printed),
            )


def unknown_codes(c: Context) -> Iterator[Finding]:
    for item in (*c.d.functional, *c.d.economic):
        if not item.known:
            yield finding(
                "info",
                "unknown_code",
                item.code,
                "unknown_code",
                item.source,
                code=item.code,
                name=item.name,
            )


RULES: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("row_sum", row_sums),
    ("subtotal_sum", subtotal_sums),
    ("children_sum", children_sums),
    ("balance", balance),
    ("basic_parts", basic_parts),
    ("three_public_sum", three_public_parts),
    ("cross_table", cross_table),
    *audit_classes.RULES,
    *audit_text.RULES,
    *audit_reader.RULES,
    *audit_words.RULES,
    *audit_carry.RULES,
    *audit_projects.RULES,
    *audit_items.RULES,
    ("unknown_code", unknown_codes),
)


def run(d: Disclosure, reading: Reading) -> Disclosure:
    context = Context(d, reading)
    findings = [*reading.facts.findings, *(f for _, rule in RULES for f in rule(context))]
    findings = ocr_checked(findings, reading.extracted.meta)
    return replace(d, findings=tuple(about_the_reading(findings, d)))


def about_the_reading(findings: list[Finding], d: Disclosure) -> list[Finding]:
    """A finding read from a table whose reading failed its identities says more about
    the reading than the document: it stays, as a note that the table needs review."""
    uncertain = {c.label for c in d.checks if c.checked and not c.verified}
    return [
        replace(f, severity="info", **qualified(f, "uncertain"))
        if f.severity != "info" and f.source is not None and f.source.table in uncertain
        else f
        for f in findings
    ]
