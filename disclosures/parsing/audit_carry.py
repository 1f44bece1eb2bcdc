"""Audit rules on the carry-overs (结转结余): a summary's totals hold by its carry-over
lines, and the carry-overs the text states are those the summaries print.

Listed in RULES and run with the rules of audit.py. Only tables whose reading proves
itself (verify.py) are held to the identity: a line misread is not the document's slip.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from . import carry, narrative
from .cells import same_figure
from .messages import finding, fmt
from .model import Finding, Source

if TYPE_CHECKING:
    from .audit import Context
    from .facts import Fact

# each side of a summary: its year's total, its grand total, the words that name them
SIDE_KEYS = {
    "revenue": ("revenue_year", "revenue_grand"),
    "expenditure": ("expenditure_year", "expenditure_grand"),
}


def _summaries(c: Context) -> dict[tuple[str, str], list[Fact]]:
    """The facts of each summary table whose reading is verified."""
    verified = {(t.label, t.kind) for t in c.d.checks if t.verified}
    tables: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in c.reading.facts.facts:
        if fact.kind in ("summary", "fiscal_summary") and (fact.table, fact.kind) in verified:
            tables[(fact.table, fact.kind)].append(fact)
    return tables


def _lines(facts: list[Fact], side: str) -> list[Fact]:
    return [
        f
        for f in facts
        if f.key.startswith("line:") and carry.SIDES.get(carry.role(f.key[5:]) or "") == side
    ]


def carry_identity(c: Context) -> Iterator[Finding]:
    """本年收入合计 + carry-overs brought in = 收入总计, and the spending side alike."""
    for (table, _), facts in _summaries(c).items():
        first: dict[str, Fact] = {}
        for f in facts:
            first.setdefault(f.key, f)
        for side, (year_key, grand_key) in SIDE_KEYS.items():
            year, grand, lines = first.get(year_key), first.get(grand_key), _lines(facts, side)
            if year is None or grand is None or not lines:
                continue
            added = year.value + sum((f.value for f in lines), Decimal(0))
            if added != grand.value:
                terms = " + ".join(f"{f.source.row} {fmt(f.value)}" for f in lines)
                yield finding(
                    c.severity(grand.value - added, len(lines) + 2),
                    "carry_over",
                    table,
                    "carry_identity",
                    grand.source,
                    table=table,
                    year_label=year.source.row,
                    year=fmt(year.value),
                    lines=terms,
                    added=fmt(added),
                    grand_label=grand.source.row,
                    grand=fmt(grand.value),
                )


# a carry-over the text states: its words, then the figure ('年末结转和结余55.34万元',
# '上年结转结余为0万元'); '上年结转结余的一般公共预算收入' is a part of it, not it
STATED = re.compile(
    # not one fund's, nor the last of sources named together ('单位资金及上年结转…')
    r"(?<![拨款基金预算及和与、])("
    + "|".join(p for r, p in carry.CARRY_WORDS if r in carry.CARRIED)
    + r")(?:预算|决算)?数?为?\s*"
    + narrative.MONEY
)


def stated_carry(c: Context) -> Iterator[Finding]:
    """The text's carry-over against the summaries' line of the same role: of the
    appropriations where its words say 财政拨款, else of any summary."""
    printed: dict[str, list[Fact]] = defaultdict(list)
    for facts in _summaries(c).values():
        for f in facts:
            if f.key.startswith("line:") and (r := carry.role(f.key[5:])) in carry.CARRIED:
                printed[r].append(f)
    for sentence in c.reading.sentences:
        if narrative.about_fund(sentence.text, narrative.FUNDS):
            continue  # a fund's own balances, printed in its own table
        for m in STATED.finditer(sentence.text):
            words, role = m.group(1), carry.role(m.group(1))
            lines = [
                f
                for f in printed.get(role or "", [])
                if "财政拨款" not in words or f.kind == "fiscal_summary"
            ]
            stated = narrative.money(m.group(2), m.group(3))
            if not lines or any(same_figure(stated, f.value) for f in lines):
                continue
            yield finding(
                "warning",
                "carry_over",
                words,
                "stated_carry",
                Source(page=sentence.page, sentence=sentence.text),
                words=words,
                stated=fmt(stated),
                printed=", ".join(sorted({fmt(f.value) for f in lines})),
                tables=", ".join(sorted({f.table for f in lines})),
            )


def carry_as_appropriations(c: Context) -> Iterator[Finding]:
    """The tables that split spending by source of funds count as 财政拨款 more than the
    appropriations' summary spends, by exactly the carry-over the summary of all funds
    brings in apart from them: the carry-over is booked as appropriations."""
    facts = c.reading.facts.facts
    counted = [f for f in facts if f.key == "appropriations"]
    fiscal = next(
        (f for f in facts if f.key == "expenditure_grand" and f.kind == "fiscal_summary"), None
    )
    summaries = _summaries(c)
    brought = [
        f
        for (_, kind), table in summaries.items()
        if kind == "summary"
        for f in _lines(table, "revenue")
        if carry.role(f.key[5:]) == "brought_in" and f.value
    ]
    verified = {table for table, _ in summaries}
    if not counted or fiscal is None or fiscal.table not in verified or len(brought) != 1:
        return
    total = sum((f.value for f in counted), Decimal(0))
    excess, terms = total - fiscal.value - brought[0].value, len(counted) + 2
    # the carry-over, beyond rounding, is all that the appropriations differ by
    if c.severity(excess, terms) == "info" and c.severity(brought[0].value, terms) == "warning":
        tables = ", ".join(f.table for f in counted if f.value)
        yield finding(
            "warning",
            "cross_table",
            tables,
            "carry_as_appropriations",
            next(f for f in counted if f.value).source,
            tables=tables,
            counted=fmt(total),
            fiscal=fiscal.table,
            spent=fmt(fiscal.value),
            line=brought[0].source.row,
            summary=brought[0].table,
            carried=fmt(brought[0].value),
        )


RULES: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("carry_identity", carry_identity),
    ("stated_carry", stated_carry),
    ("carry_as_appropriations", carry_as_appropriations),
)
