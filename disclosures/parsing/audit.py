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

from . import audit_reader, audit_text, audit_words, classification, three_public_text
from .audit_text import NAMES, fmt
from .messages import finding, qualified
from .model import Disclosure, Finding, LineItem
from .readers import SCOPE

if TYPE_CHECKING:
    from .parse import Reading
    from .readers import Fact

CENT = Decimal("0.01")


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


def row_sums(c: Context) -> Iterator[Finding]:
    for item in c.d.functional:
        if None in (item.total, item.basic, item.project):
            continue
        assert item.total is not None and item.basic is not None and item.project is not None
        diff = item.total - item.basic - item.project
        if diff:
            yield finding(
                c.severity(diff),
                "row_sum",
                item.code,
                "row_sum",
                item.source,
                code=item.code,
                basic=fmt(item.basic),
                project=fmt(item.project),
                added=fmt(item.basic + item.project),
                total=fmt(item.total),
            )


def _children_of(items: Iterable[LineItem], code: str) -> list[LineItem]:
    return [i for i in items if i.code.startswith(code) and len(i.code) == len(code) + 2]


def children_sums(c: Context) -> Iterator[Finding]:
    groups = [list(c.d.functional)] + [
        [i for i in c.d.economic if i.scope == scope] for scope in ("all", "basic")
    ]
    for items in groups:
        for parent in items:
            kids = _children_of(items, parent.code)
            if not kids or parent.total is None:
                continue
            added = sum((k.total or Decimal(0) for k in kids), Decimal(0))
            diff = parent.total - added
            if diff:
                yield finding(
                    c.severity(diff, len(kids) + 1),
                    "children_sum",
                    parent.code,
                    "children_sum",
                    parent.source,
                    code=parent.code,
                    added=fmt(added),
                    total=fmt(parent.total),
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
        if diff and added not in bases:
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
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in c.reading.facts.facts:
        if fact.key in NAMES and fact.key != "revenue":
            groups[(fact.key, merge.get(fact.scope, fact.scope))].append(fact)
    for (key, _), facts in groups.items():
        values = {f.value for f in facts}
        if len(values) < 2:
            continue
        common = max(values, key=lambda v: sum(f.value == v for f in facts))
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
    rows: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for table, item in c.reading.facts.functional:
        scope = merge.get(SCOPE[table.kind], SCOPE[table.kind])
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


def _coded_classes(c: Context) -> set[str]:
    """Class codes that the coded functional tables print as rows."""
    return {item.code for _, item in c.reading.facts.functional if len(item.code) == 3}


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
        if not classes or column is None or fact.source.row != "合计":
            continue
        values = [getattr(i, column) for i in classes]
        if None in values:
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
                fact.key,
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
        if i.code not in elsewhere and abs((getattr(i, column) or 0) - excess) <= CENT
    ]
    return found[0] if len(found) == 1 else None


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
    ("children_sum", children_sums),
    ("balance", balance),
    ("basic_parts", basic_parts),
    ("three_public_sum", three_public_parts),
    ("cross_table", cross_table),
    ("class_totals", class_totals),
    *audit_text.RULES,
    *audit_reader.RULES,
    *audit_words.RULES,
    ("unknown_code", unknown_codes),
)


def ocr_checked(findings: list[Finding], meta: dict[str, str]) -> list[Finding]:
    """On pages read by OCR a sum that is off may be a misread digit, never rounding:
    such findings stay warnings and say so; every amount OCR mended or doubted is listed."""
    pages = {int(p) for p in meta.get("ocr_pages", "").split(",") if p.strip().isdigit()}
    if not pages:
        return findings
    checked = [
        replace(
            f, severity="warning" if f.severity == "info" else f.severity, **qualified(f, "ocr")
        )
        if f.source is not None and f.source.page in pages
        else f
        for f in findings
    ]
    notes = [n.strip() for n in meta.get("ocr_notes", "").split(";") if n.strip()]
    return checked + [finding("info", "ocr_reading", "ocr", "ocr_reading", note=n) for n in notes]


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
