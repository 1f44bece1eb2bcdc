"""Audit rules on the words that carry a judgement: a comparison (大于, 减少, 持平 …)
against the two figures it compares, the 三公/会议费/培训费 figures of the text
against their table, 收入支出总计 against 支出合计, the completion of a budget, and the
机关运行经费 the text says equals another figure.

Listed in RULES and run with the rules of audit.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import narrative, three_public_text
from .audit_text import BUDGET_OUTTURN, EXECUTION
from .cells import amount, same_figure, to_wan
from .messages import finding, fmt
from .model import Finding, Source

if TYPE_CHECKING:
    from .audit import Context
    from .narrative import Sentence

# the direction each word gives the change; 基本持平 says only that the two are close
DIRECTION: dict[str, int] = {
    "大于": 1,
    "增加": 1,
    "增长": 1,
    "提高": 1,
    "小于": -1,
    "减少": -1,
    "下降": -1,
    "降低": -1,
    "等于": 0,
    "持平": 0,
    "相同": 0,
    "不变": 0,
}
# '减少12.5万元，增长3.2%': the amount and the percentage say opposite things
AMOUNT_THEN_PERCENT = re.compile(
    r"(增加|减少|增长|下降)\s*" + narrative.MONEY + r"[，,]?\s*(增加|减少|增长|下降)\s*"
    r"(?:了)?\s*" + narrative.NUM + r"\s*%"
)
# 决算数大于预算数 / 决算数与预算数持平 (基本持平 leaves room and is not checked)
OUTTURN_WORD = re.compile(
    r"决算数?(?:(大于|小于|等于)|与(?:年初)?预算数?(持平|相同))(?:年初)?预算数?"
)
LEVEL_WORD = re.compile(r"(?<!基本)(持平|相同|不变)")
CHANGE_AMOUNT = re.compile(r"(增加|减少|增长|下降)\s*(?:了)?\s*" + narrative.MONEY)
CHANGE_PERCENT = re.compile(r"(增加|减少|增长|下降)\s*(?:了)?\s*" + narrative.NUM + r"\s*%")


def _sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def _finding(sentence: Sentence, where: str, message_id: str, **params: Any) -> Finding:
    source = Source(page=sentence.page, sentence=sentence.text)
    return finding("warning", "comparison_word", where, message_id, source, **params)


def comparison_words(c: Context) -> Iterator[Finding]:
    sents = c.reading.sentences
    for at, sentence in enumerate(sents):
        yield from _amount_against_percent(sentence)
        yield from _execution_direction(sentence)
        yield from _level_with_a_change(sentence)
        yield from _outturn_against_budget(sentence, sents[max(at - 2, 0) : at + 1])


def _amount_against_percent(sentence: Sentence) -> Iterator[Finding]:
    for m in AMOUNT_THEN_PERCENT.finditer(sentence.text):
        first, second = DIRECTION[m.group(1)], DIRECTION[m.group(4)]
        if first != second and Decimal(m.group(2).replace(",", "")) and Decimal(m.group(5)):
            yield _finding(sentence, m.group(0), "amount_and_percent", said=m.group(0))


def _execution_direction(sentence: Sentence) -> Iterator[Finding]:
    """'执行数为A万元，…预算安排B万元，比…执行数增加P%': B against A."""
    m = EXECUTION.search(sentence.text)
    if m is None or m.group(5) is None:
        return
    prior = narrative.money(m.group(1), m.group(2))
    planned = narrative.money(m.group(3), m.group(4))
    if _sign(planned - prior) * DIRECTION[m.group(5)] < 0:
        yield _finding(
            sentence,
            m.group(5),
            "execution_direction",
            prior=fmt(prior),
            planned=fmt(planned),
            word=m.group(5),
        )


def _level_with_a_change(sentence: Sentence) -> Iterator[Finding]:
    """'与上年持平' in a clause that states a change other than nought; a reason
    ('主要原因是与上年持平') speaks of the clauses before it."""
    clauses = re.split(r"[，,；;。]", sentence.text)
    for at, clause in enumerate(clauses):
        level = LEVEL_WORD.search(clause)
        if level is None:
            continue
        said = clauses[: at + 1] if clause.startswith(("主要原因", "原因")) else [clause]
        moved = [m.group(0) for c in said for m in _changes(c) if _nonzero(m.group(2))]
        if moved:
            yield _finding(
                sentence, level.group(1), "level_with_change", word=level.group(1), moved=moved[0]
            )


def _changes(clause: str) -> Iterator[re.Match[str]]:
    yield from CHANGE_AMOUNT.finditer(clause)
    yield from CHANGE_PERCENT.finditer(clause)


def _nonzero(number: str) -> bool:
    return Decimal(number.replace(",", "")) != 0


def _outturn_against_budget(sentence: Sentence, recent: list[Sentence]) -> Iterator[Finding]:
    """'年初预算为A万元，支出决算为B万元…决算数小于预算数': B against A, the pair
    stated in this sentence or the two before it."""
    m = OUTTURN_WORD.search(sentence.text)
    pairs = [p for s in recent for p in BUDGET_OUTTURN.finditer(s.text)]
    if m is None or not pairs:
        return
    budget = narrative.money(pairs[-1].group(1), pairs[-1].group(2))
    outturn = narrative.money(pairs[-1].group(3), pairs[-1].group(4))
    word = m.group(1) or m.group(2)
    if _sign(outturn - budget) != DIRECTION[word]:
        yield _finding(
            sentence,
            m.group(0),
            "outturn_word",
            budget=fmt(budget),
            outturn=fmt(outturn),
            said=m.group(0),
        )


# -- the 三公, 会议费 and 培训费 the text states, against the table that prints them

PART_WORDS = {
    "three_public:abroad": "因公出国",
    "three_public:vehicles": "公务用车",
    "three_public:vehicle_purchase": "公务用车购置",
    "three_public:vehicle_operation": "公务用车运行",
    "three_public:reception": "公务接待",
    "three_public": "三公",
}
PROSE = re.compile(r"[，。；]")
EXTRA_RE = re.compile(
    r"(会议费|培训费)(?:预算|决算)?(?:支出)?(?:预算|决算)?(?:数)?(?:安排)?"
    + narrative.LINK
    + r"\s*"
    + narrative.MONEY
)


def _three_public_amounts(c: Context) -> tuple[set[Decimal], str]:
    """Every amount the 三公 tables print (budget and outturn sides), and their header words."""
    amounts: set[Decimal] = set()
    words = ""
    for table in c.reading.tables:
        if table.kind != "three_public":
            continue
        if id(table) in c.reading.unread:  # its figures are not known: nothing to hold to
            return set(), ""
        words += table.title + "".join("".join(line.cells) for line in table.lines)
        for line in table.lines:
            # a row of the table prints several amounts; a sentence or a running head
            # ('2026 年度单位预算公开') after a title whose table is not in the text, none
            values = [v for cell in line.cells if (v := amount(cell)) is not None]
            if len(values) < 2 or PROSE.search("".join(line.cells)):
                continue
            amounts |= {to_wan(v, table.unit or "万元") for v in values}
    return amounts, words


def _stated_parts(c: Context) -> Iterator[tuple[str, Decimal, Sentence]]:
    for stated in c.reading.stated:
        if stated.key in PART_WORDS:
            yield PART_WORDS[stated.key], stated.value, stated.sentence
    for sentence in c.reading.sentences:
        for m in EXTRA_RE.finditer(sentence.text):
            yield m.group(1), narrative.money(m.group(2), m.group(3)), sentence


def stated_three_public(c: Context) -> Iterator[Finding]:
    """A 三公 part, 会议费 or 培训费 the text states is a figure of the table."""
    amounts, words = _three_public_amounts(c)
    if not amounts:
        return
    amounts |= _table_parts(c)
    yield from _stated_nought(c)
    for word, value, sentence in _stated_parts(c):
        # a nought is printed as a dash or left blank
        if not value or word not in words or any(same_figure(value, a) for a in amounts):
            continue
        yield finding(
            "warning",
            "narrative_mismatch",
            word,
            "three_public_word",
            Source(page=sentence.page, sentence=sentence.text),
            word=word,
            value=fmt(value),
        )


def _table_parts(c: Context) -> set[Decimal]:
    """The parts read from the 三公 table, and 公务用车购置及运行费 where the table prints
    its 购置费 and 运行费 and no 小计: their sum."""
    parts = {k: f.value for k, f in c.d.three_public_parts.items() if f.source.table is not None}
    found = set(parts.values())
    if {"vehicle_purchase", "vehicle_operation"} <= set(parts):
        found.add(parts["vehicle_purchase"] + parts["vehicle_operation"])
    return found


def _stated_nought(c: Context) -> Iterator[Finding]:
    """A part the text states as nought that the table prints with money, where the
    table's parts add up (出国 + 公务用车 + 接待 = 三公; 购置 + 运行 = 公务用车)."""
    read = {
        ("three_public" if part == "total" else f"three_public:{part}"): figure
        for part, figure in c.d.three_public_parts.items()
        if figure.source.table is not None
    }
    parts = {k.partition(":")[2] or "total": f.value for k, f in read.items()}
    if not three_public_text.holds(parts) or len(parts) < 3:
        return
    for stated in c.reading.stated:
        figure = read.get(stated.key)
        if stated.key in PART_WORDS and figure is not None and not stated.value and figure.value:
            yield finding(
                "warning",
                "narrative_mismatch",
                PART_WORDS[stated.key],
                "three_public_part",
                Source(page=stated.sentence.page, sentence=stated.sentence.text),
                word=PART_WORDS[stated.key],
                value=fmt(stated.value),
                printed=fmt(figure.value),
            )


# -- how much of the budget was spent, and which total the text names

COMPLETION = re.compile(r"完成(?:年初)?预算的\s*" + narrative.NUM + r"\s*%")
# 支出合计 is the year's spending; 收入支出总计 adds the carry-overs to it
THIS_YEAR = re.compile(r"(?<!收入)(?:本年)?支出合计" + narrative.LINK + r"\s*" + narrative.MONEY)


def budget_completion(c: Context) -> Iterator[Finding]:
    """'年初预算为A…决算为B…完成预算的P%': P is B of A, and nothing is a share of 0."""
    for sentence in c.reading.sentences:
        pair, done = BUDGET_OUTTURN.search(sentence.text), COMPLETION.search(sentence.text)
        if pair is None or done is None:
            continue
        budget = narrative.money(pair.group(1), pair.group(2))
        outturn = narrative.money(pair.group(3), pair.group(4))
        said = Decimal(done.group(1).replace(",", ""))
        if budget == 0 and said:
            message_id, params = "completion_of_zero", {"said": done.group(0)}
        elif budget and abs(outturn / budget * 100 - said) > Decimal("0.51"):
            message_id = "completion"
            params = {
                "outturn": fmt(outturn),
                "budget": fmt(budget),
                "computed": f"{outturn / budget * 100:.2f}",
                "stated": str(said),
            }
        else:
            continue
        source = Source(page=sentence.page, sentence=sentence.text)
        yield finding("warning", "budget_completion", "年初预算", message_id, source, **params)


def totals_confused(c: Context) -> Iterator[Finding]:
    """The text's 支出合计 is the year's spending, not the 总计 with carry-overs."""
    facts = c.reading.facts.facts
    years = {f.value for f in facts if f.key == "expenditure_year" and f.kind == "summary"}
    grands = {
        f.value for f in facts if f.key == "expenditure_grand" and f.kind == "summary"
    } - years
    for sentence in c.reading.sentences:
        for m in THIS_YEAR.finditer(sentence.text):
            value = narrative.money(m.group(1), m.group(2))
            if (
                years
                and not any(same_figure(value, y) for y in years)
                and any(same_figure(value, g) for g in grands)
            ):
                yield finding(
                    "warning",
                    "totals_confused",
                    "支出合计",
                    "totals_confused",
                    Source(page=sentence.page, sentence=sentence.text),
                    value=fmt(value),
                    years=", ".join(fmt(y) for y in sorted(years)),
                )


# '本表反映…机关运行经费…。财政拨款支出安排数与《…基本支出预算表》的“商品和服务支出”
# 支出数一致': the text names the figure the 机关运行经费 equals (in the sentence that
# names them, or the next); its amount is stated within the next few sentences
SAID_EQUAL = re.compile(r"(商品和服务支出|公用经费)[^。]*(一致|相等|相同)")
RUNNING_AMOUNT = re.compile(r"机关运行经费[^。；;，,0-9]{0,12}" + narrative.MONEY)


def running_costs(c: Context) -> Iterator[Finding]:
    """机关运行经费 said to equal the basic budget's 商品和服务支出 (or 公用经费)."""
    sentences = c.reading.sentences
    for i, sentence in enumerate(sentences):
        claim = SAID_EQUAL.search(sentence.text)
        about = " ".join(s.text for s in sentences[max(i - 1, 0) : i + 1])
        if claim is None or "机关运行经费" not in about:
            continue
        stated = next(
            (m for s in sentences[i : i + 4] if (m := RUNNING_AMOUNT.search(s.text))), None
        )
        named = _named_figure(c, claim.group(1))
        if stated is None or named is None:
            continue
        value = narrative.money(stated.group(1), stated.group(2))
        if not same_figure(value, named):
            yield finding(
                "warning",
                "narrative_mismatch",
                "机关运行经费",
                "running_costs",
                Source(page=sentence.page, sentence=sentence.text),
                value=fmt(value),
                part=claim.group(1),
                named=fmt(named),
            )


def _named_figure(c: Context, name: str) -> Decimal | None:
    if name == "公用经费":
        public = c.d.totals.get("public")
        return public.value if public is not None else None
    return next((r.total for r in c.d.economic if r.code == "302" and r.scope == "basic"), None)


RULES: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("comparison_word", comparison_words),
    ("stated_three_public", stated_three_public),
    ("budget_completion", budget_completion),
    ("totals_confused", totals_confused),
    ("running_costs", running_costs),
)
