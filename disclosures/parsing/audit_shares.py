"""Audit rules for the shares the text states ('占…的x%'): each held against the base the
sentence names (the 三公 total for a 三公 part that names none, an amount stated beside
it, '…总额/合计'), compared at the precision printed; a share one printed digit off a
base it could name is rounding, a note.

Listed in audit_text.RULES and run with the other rules of audit.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from . import classification, narrative
from .cells import percent_gap, share_gap
from .messages import finding, fmt
from .model import Finding

if TYPE_CHECKING:
    from .audit import Context

# the figures a stated total may be: 收入 in a sentence is the year's income or the
# 收入总计 with carry-overs, of all funds or of the appropriations
KINDRED = {
    "revenue": ("revenue", "revenue_year", "revenue_grand", "expenditure_grand"),
    "expenditure": ("expenditure", "expenditure_year", "expenditure_grand", "revenue_grand"),
    "three_public": ("three_public", "three_public:total"),
}


SHARE_SUBJECTS = (
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("因公出国", "three_public"),
    ("公务用车", "three_public"),
    ("公务接待", "three_public"),
)


def _share_base(c: Context, words: str) -> Decimal | None:
    key = "three_public" if "三公" in words else "expenditure"
    figure = c.d.totals.get(key)
    return figure.value if figure is not None and figure.value else None


def _share_bases(c: Context, words: str) -> set[Decimal]:
    """Every figure the sentence's 占…的 may name: the base is whatever the document
    calls 支出 (of the year or with carry-overs, all funds or appropriations)."""
    if "三公" in words:
        keys: tuple[str, ...] = KINDRED["three_public"]
    elif "基本" in words:
        keys = ("basic",)
    elif "项目" in words:
        keys = ("project",)
    else:
        keys = KINDRED["revenue"] + KINDRED["expenditure"]
    found = {f.value for f in c.reading.facts.facts if f.key in keys}
    found |= {s.value for s in c.reading.stated if s.key in keys}
    return found | {f.value for k, f in c.d.totals.items() if k in keys}


def _nearby_amounts(sentences: list[narrative.Sentence], i: int, end: int) -> set[Decimal]:
    """Amounts stated before a share in its sentence and in the six before it (a list is
    cut at each ；): '财政拨款支出预算230,876.38万元，其中教育支出208,613.34万元，
    占90.36%' names its own base."""
    text = " ".join(s.text for s in sentences[max(i - 6, 0) : i]) + sentences[i].text[:end]
    return {narrative.money(m.group(1), m.group(2)) for m in re.finditer(narrative.MONEY, text)}


def shares(c: Context) -> Iterator[Finding]:
    sentences = c.reading.sentences
    for i, sentence in enumerate(sentences):
        for match in narrative.SHARE_RE.finditer(sentence.text):
            subject = re.split(r"[:：]", match.group(1))[-1]
            value = narrative.money(match.group(2), match.group(3))
            where = next(
                (w for word, w in SHARE_SUBJECTS if word in subject),
                classification.functional_code_for_name(subject, level=1),
            )
            # a 三公 part's share with no base named ('公务接待费0.40万元，占13.16%') is
            # a share of the 三公 total, as the sentence's '“三公”经费…支出决算中' says
            words = match.group(4) or ("三公" if where == "three_public" else "")
            base = _share_base(c, words)
            if where is None or base is None:  # a share of something else (a contract total)
                continue
            stated = Decimal(match.group(5).replace(",", ""))
            others = _share_bases(c, words) | _nearby_amounts(sentences, i, match.start())
            gaps = {b: share_gap(stated, value, b) for b in {base} | others if b}
            if None in gaps.values():
                continue  # a share of a total the document prints: 收支总计, 财政拨款 …
            # the base the share comes nearest to: one printed digit off it is rounding
            if _share_follows(sentences, i, match.end(), value / base * 100):
                continue
            # a base the share is one printed digit off is the one it rounds: a note
            near = min(
                (b for b, gap in gaps.items() if gap == "info"),
                key=lambda b: abs(stated - value / b * 100),
                default=base,
            )
            computed = value / near * 100
            yield finding(
                gaps[near] or "warning",
                "share_mismatch",
                where,
                "share",
                subject=subject,
                value=fmt(value),
                stated=str(stated),
                base=fmt(near),
                computed=f"{computed:.2f}",
            )


def _share_follows(
    sentences: list[narrative.Sentence], i: int, end: int, computed: Decimal
) -> bool:
    """The share the amounts give printed right after the one stated, with no amount
    between ('项目支出5533万元，占68.48%；30.74%；'): text copied out of reading order has
    set each share after the wrong amount."""
    rest = sentences[i].text[end:] + "".join(s.text for s in sentences[i + 1 : i + 2])
    after = re.match(r"[\s；;，,。]*" + narrative.NUM + r"\s*%", rest)
    return (
        after is not None
        and percent_gap(Decimal(after.group(1).replace(",", "")), computed) is None
    )


# '设备335.24万元，占固定资产总额的7.90%', '授予小微企业合同金额7,295.12万元，占授予中小企业
# 合同金额的60.02%': a share whose 占…的 names the amount it is a share of
NAMED_SHARE = re.compile(
    r"([^，,。；;、\d]{2,20}?)"
    + narrative.MONEY
    + r"[，,]?\s*占([^\d，,。；;%]{2,16}?)的\s*"
    + narrative.NUM
    + r"\s*%"
)
BASE_SUFFIX = re.compile(r"(?:总额|总量|总计|合计|金额|总数|数额)$")


def _named_base(sentences: list[narrative.Sentence], i: int, end: int, words: str) -> set[Decimal]:
    """The amounts, in the share's sentence and the six before it, whose own words are the
    words the share names ('固定资产总额' names '本单位固定资产总量为4295.98万元')."""
    key = BASE_SUFFIX.sub("", words.strip())
    if len(key) < 2:
        return set()
    text = " ".join(s.text for s in sentences[max(i - 6, 0) : i]) + " " + sentences[i].text[:end]
    found, start = set(), 0
    for m in re.finditer(narrative.MONEY, text):
        label = re.split(r"[，,。；;、：:\s]|\d", text[start : m.start()].strip())[-1]
        start = m.end()
        if key in label:
            found.add(narrative.money(m.group(1), m.group(2)))
    return found


def named_shares(c: Context) -> Iterator[Finding]:
    """Shares of an amount the text names and states nearby (fixed assets by kind,
    contracts awarded to small firms): checked only where exactly one amount carries
    the named words, and not when any other nearby amount makes the share hold."""
    sentences = c.reading.sentences
    for i, sentence in enumerate(sentences):
        for match in NAMED_SHARE.finditer(sentence.text):
            subject, words = match.group(1).strip(), match.group(4)
            if any(w in words for w in ("支出", "收入", "预算", "经费", "拨款")):
                continue  # shares of spending and income: the rule above
            bases = _named_base(sentences, i, match.start(), words)
            if len(bases) != 1:
                continue
            (base,) = bases
            value = narrative.money(match.group(2), match.group(3))
            if not base or value > base:
                continue
            stated, computed = Decimal(match.group(5).replace(",", "")), value / base * 100
            near = _nearby_amounts(sentences, i, match.start())
            if any(share_gap(stated, value, b) is None for b in near if b):
                continue
            severity = share_gap(stated, value, base)
            if severity is not None:
                yield finding(
                    severity,
                    "share_mismatch",
                    subject[-12:],
                    "share",
                    subject=subject,
                    value=fmt(value),
                    base=f"{words} {fmt(base)}",
                    stated=str(stated),
                    computed=f"{computed:.2f}",
                )
