"""Audit rules that hold the sentences against the figures: stated totals, changes
against last year, shares (audit_shares.py), units, and the items the text lists one by
one.

Listed in RULES and run with the table rules of audit.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from . import carry, narrative, narrative_rows
from .audit_shares import KINDRED, named_shares, shares
from .cells import change_gap, finest, same_figure
from .messages import finding, fmt
from .model import Finding
from .readers import FUNCTIONAL_KINDS as FUNCTIONAL

if TYPE_CHECKING:
    from .audit import Context

NAMES = {
    "revenue": "收入",
    "expenditure": "支出",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "public": "公用经费",
    "three_public": "三公经费",
    "procurement": "政府采购",
}
# 'Y年当年预算执行数为A万元,Z年预算安排B万元,比Y年预算执行数增加P%' (Shanghai item notes)
EXECUTION = re.compile(
    r"执行数"
    + narrative.LINK
    + narrative.MONEY
    + r".{0,20}?预算安排"
    + narrative.MONEY
    + r"(?:.{0,20}?(增加|减少|增长|下降)"
    + narrative.NUM
    + r"%)?"
)


def _printed_anywhere(c: Context, key: str, value: Decimal) -> bool:
    keys = KINDRED.get(key, (key,))
    facts = [*c.reading.facts.facts, *c.reading.others.facts]  # a unit's own tables too
    return any(f.key in keys and same_figure(value, f.value) for f in facts)


def stated_totals(c: Context) -> Iterator[Finding]:
    for stated in c.reading.stated:
        chosen = c.d.totals.get(stated.key)
        if chosen is None or chosen.source.sentence is not None or stated.value == 0:
            continue
        if _printed_anywhere(c, stated.key, stated.value):
            continue
        if stated.fund:
            continue  # '一般公共预算财政拨款基本支出…': the appropriations', not all funds'
        if (
            not same_figure(stated.value, chosen.value)
            and abs(stated.value - chosen.value) < chosen.value
        ):
            yield finding(
                "warning",
                "narrative_mismatch",
                stated.key,
                "narrative_total",
                name=NAMES.get(stated.key, stated.key),
                figure=stated.key,
                stated=fmt(stated.value),
                chosen=fmt(chosen.value),
            )


def stated_changes(c: Context) -> Iterator[Finding]:
    about = [ch for ch in c.d.changes if ch.subject == "expenditure"]
    deltas = sorted({ch.delta for ch in about})
    if len(deltas) > 1 and finest(deltas) is None:
        said = " and ".join(fmt(abs(d)) for d in deltas)
        yield finding(
            c.text_severity(deltas[-1] - deltas[0]),
            "narrative_mismatch",
            "prior_year",
            "change_stated_twice",
            about[0].source,
            said=said,
        )
    for ch in c.d.changes:
        if ch.prior < 0:
            yield finding(
                "warning",
                "narrative_mismatch",
                ch.subject,
                "negative_prior",
                ch.source,
                subject=ch.subject,
                current=fmt(ch.current),
                delta=fmt(ch.delta),
                prior=fmt(ch.prior),
            )
        elif ch.percent is not None and ch.prior != 0:
            computed = (ch.delta / ch.prior * 100).copy_abs()
            severity = change_gap(ch.percent, ch.delta, ch.current)
            if severity is not None:
                yield finding(
                    severity,
                    "change_mismatch",
                    ch.subject,
                    "change_percent",
                    ch.source,
                    subject=ch.subject,
                    delta=fmt(ch.delta),
                    prior=fmt(ch.prior),
                    computed=f"{computed:.2f}",
                    stated=str(ch.percent),
                )


def stated_grand_totals(c: Context) -> Iterator[Finding]:
    """'财政拨款收入支出总计0.3万元' against the 总计 of the table it restates."""
    titles = {t.label: t.title for t in c.reading.tables}
    for sentence in c.reading.sentences:
        for kind, words, pattern in narrative.GRAND_RULES:
            for match in re.finditer(pattern, sentence.text):
                stated = narrative.money(match.group(1), match.group(2))
                for fact in c.reading.facts.facts:
                    if fact.key == "expenditure_grand" and fact.kind == kind:
                        if not same_figure(stated, fact.value):
                            yield finding(
                                "warning",
                                "narrative_mismatch",
                                words,
                                "grand_total",
                                fact.source,
                                words=words,
                                stated=fmt(stated),
                                title=titles.get(fact.table, fact.table),
                                value=fmt(fact.value),
                            )
                        break


def procurement_parts(c: Context) -> Iterator[Finding]:
    """The 政府采购 total against its 货物/工程/服务 parts, stated in the same place."""
    sents = c.reading.sentences
    for stated in c.reading.stated:
        if stated.key != "procurement" or not stated.value:
            continue
        at = sents.index(stated.sentence) if stated.sentence in sents else -1
        text = "".join(s.text for s in sents[at : at + 4]) if at >= 0 else stated.sentence.text
        parts: dict[str, Decimal] = {}
        for m in narrative.PROCUREMENT_PART.finditer(text):  # each part where first stated
            parts.setdefault(m.group(1), narrative.money(m.group(2), m.group(3)))
        if len(parts) == 3 and sum(parts.values(), Decimal(0)) != stated.value:
            added = sum(parts.values(), Decimal(0))
            yield finding(
                c.text_severity(stated.value - added, 3),
                "children_sum",
                "procurement",
                "procurement_parts",
                stated=fmt(stated.value),
                added=fmt(added),
            )
        return


BUDGET_OUTTURN = re.compile(
    r"年初预算"
    + narrative.LINK
    + narrative.MONEY
    + r"[，,]?支出决算"
    + narrative.LINK
    + narrative.MONEY
)
SECTION = re.compile(r"^[一二三四五六七八九十]+、")
ITEM_NUMBER = re.compile(r"^\d{1,2}[、.．]\D")  # '4、一般公共服务支出（类）…'


def budget_outturn_items(c: Context) -> Iterator[Finding]:
    """Final accounts: the items' 年初预算 and 决算 against the total stated above them."""
    sents = c.reading.sentences
    for at, sentence in enumerate(sents):
        total = BUDGET_OUTTURN.search(sentence.text)
        if total is None or "支出年初预算" not in sentence.text:
            continue
        items, numbered = [], 0
        for later in sents[at + 1 :]:
            if SECTION.match(later.text):
                break
            items += [m for m in [BUDGET_OUTTURN.match(later.text)] if m]
            numbered += ITEM_NUMBER.match(later.text) is not None
        if len(items) < numbered:  # an item's figures not read as a sentence: no sum to hold
            return
        for n, words in ((1, "年初预算"), (3, "支出决算")):
            stated = narrative.money(total.group(n), total.group(n + 1))
            added = sum((narrative.money(m.group(n), m.group(n + 1)) for m in items), Decimal(0))
            if len(items) > 1 and added != stated:
                yield finding(
                    c.text_severity(stated - added, len(items) + 1),
                    "children_sum",
                    words,
                    "outturn_items",
                    words=words,
                    added=fmt(added),
                    stated=fmt(stated),
                )
        return


def stated_lines(c: Context) -> Iterator[Finding]:
    """A summary-table line the text restates under its own name ('使用非财政拨款结余
    18,953.73万元' against 18,953.78 in the 收支总表). Only a near miss is reported: the
    same words may name the appropriations' line, printed in another table with another
    figure, so a figure far from every printed one is left alone."""
    printed: dict[str, set[Decimal]] = {}
    for fact in c.reading.facts.facts:
        if fact.key.startswith("line:") and carry.role(fact.key[5:]) not in carry.CARRIED:
            printed.setdefault(fact.key[5:], set()).add(fact.value)
    for label, values in printed.items():
        pattern = re.compile(
            r"(?<![拨款基金预算])"
            + label
            + r"(?:预算|决算)?数?"
            + narrative.LINK
            + r"\s*"
            + narrative.MONEY
        )
        for sentence in c.reading.sentences:
            for match in pattern.finditer(sentence.text):
                stated = narrative.money(match.group(1), match.group(2))
                if any(same_figure(stated, v) for v in values):
                    continue
                near = min(values, key=lambda v: abs(v - stated))
                if near and abs(near - stated) <= near / 100:
                    yield finding(
                        "warning",
                        "narrative_mismatch",
                        label,
                        "stated_line",
                        label=label,
                        stated=fmt(stated),
                        printed=fmt(near),
                    )


def units(c: Context) -> Iterator[Finding]:
    """A figure the text gives in 元 where the tables give the same number in 万元."""
    table = {i.code: i.total for i in c.d.functional}
    for sentence in c.reading.sentences:
        for match in narrative.ITEM_RE.finditer(sentence.text):
            code = match.group(1) or match.group(4)
            number, unit = match.group(5), match.group(6)
            if unit == "元" and table.get(code) == Decimal(number.replace(",", "")):
                yield finding("warning", "unit_mismatch", code, "unit", code=code, number=number)


def stated_items(c: Context) -> Iterator[Finding]:
    """Items the text lists one by one, against the table rows and the sentence after."""
    rows = {i.code: i.total for i in c.d.functional if i.source.sentence is None}
    unread = any(id(t) in c.reading.unread for t in c.reading.tables if t.kind in FUNCTIONAL)
    # with no table of the appropriations by class read, the rows are all funds': the
    # text may state an item's appropriations alone, a part of its row (一般公共预算当年拨款
    # 具体使用情况), which no table here tells
    appropriations = any(
        t.kind in ("general_expenditure", "fiscal_expenditure")
        for t, _ in c.reading.facts.functional
    )
    sents = c.reading.sentences
    for index, item in narrative_rows.statements(sents):
        printed = rows.get(item.code)
        if item.total is None:
            continue
        in_yuan = printed is not None and item.total * 10000 == printed  # reported by units()
        # the text may speak of the appropriations alone: any table's row for the code will do
        elsewhere = any(
            i.code == item.code and i.total is not None and same_figure(item.total, i.total)
            for _, i in c.reading.facts.functional
        ) or any(
            f.key == f"class:{item.code}" and same_figure(item.total, f.value)
            for f in c.reading.facts.facts
        )
        if printed is not None and not same_figure(item.total, printed) and not in_yuan:
            if elsewhere or unread:  # the row may be in a table left unread
                continue
            if not appropriations and item.total < printed:
                continue
            yield finding(
                "warning",
                "narrative_mismatch",
                item.code,
                "stated_item",
                item.source,
                code=item.code,
                name=item.name,
                stated=fmt(item.total),
                printed=fmt(printed),
            )
        yield from _execution_note(item.code, item.total, sents[index + 1 : index + 3])


def _execution_note(
    code: str, heading: Decimal, following: list[narrative.Sentence]
) -> Iterator[Finding]:
    """The sentence under an item heading: last year's outturn, this year's plan, the
    change in per cent; and the sentence after it, the reason."""
    for n, sentence in enumerate(following[:1]):
        match = EXECUTION.search(sentence.text)
        if match is None:
            continue
        reason = following[n + 1].text if n + 1 < len(following) else ""
        yield from _reason_against_change(code, match.group(5), reason)
        prior = narrative.money(match.group(1), match.group(2))
        planned = narrative.money(match.group(3), match.group(4))
        if not same_figure(planned, heading):
            yield finding(
                "warning",
                "narrative_mismatch",
                code,
                "heading_against_sentence",
                code=code,
                heading=fmt(heading),
                planned=fmt(planned),
            )
        if match.group(6) and prior:
            computed = ((planned - prior) / prior * 100).copy_abs()
            if abs(computed - Decimal(match.group(6))) > Decimal("0.011"):
                yield finding(
                    "warning",
                    "narrative_mismatch",
                    code,
                    "item_percent",
                    code=code,
                    prior=fmt(prior),
                    planned=fmt(planned),
                    computed=f"{computed:.2f}",
                    stated=match.group(6),
                )


UP, DOWN = ("增加", "增长", "提高"), ("减少", "下降", "压减", "降低")


def _reason_against_change(code: str, direction: str | None, reason: str) -> Iterator[Finding]:
    """A fall explained by an increase (or the reverse): '减少2.98%。主要原因是:…经费增加'."""
    if not direction or not reason.startswith(("主要原因", "原因")):
        return
    fell = direction in DOWN
    says_up = any(w in reason for w in UP) and not any(w in reason for w in DOWN)
    says_down = any(w in reason for w in DOWN) and not any(w in reason for w in UP)
    if (fell and says_up) or (not fell and says_down):
        yield finding(
            "warning",
            "narrative_mismatch",
            code,
            "reason_against_fall" if fell else "reason_against_rise",
            code=code,
            direction=direction,
            reason=reason[:60],
        )


RULES: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("narrative_mismatch", stated_totals),
    ("stated_changes", stated_changes),
    ("share_mismatch", shares),
    ("named_shares", named_shares),
    ("stated_lines", stated_lines),
    ("unit_mismatch", units),
    ("stated_items", stated_items),
    ("grand_totals", stated_grand_totals),
    ("procurement_parts", procurement_parts),
    ("budget_outturn_items", budget_outturn_items),
)
