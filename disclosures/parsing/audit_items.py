"""Audit rules on economic items the text names with their amounts in its part on basic
spending or on 机关运行经费 ('其中主要支出为办公费34.82万元，…，其他商品和服务支出12.58万元'):
each against the row of the basic-spending economic table that bears its name.

Listed in RULES and run with the rules of audit.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from . import classification, narrative
from .audit_projects import disagreeing
from .audit_text import SECTION
from .cells import same_figure
from .messages import finding, fmt
from .model import Finding, LineItem, Source

if TYPE_CHECKING:
    from .audit import Context

# the heading of a part of the text about basic spending, whose items are the basic table's
BASIC_PART = re.compile(r"基本支出|机关运行经费|公用经费")
HEADING = 24  # characters of a sentence that opens a part: its heading


def _basic_rows(c: Context) -> dict[str, LineItem]:
    """The basic-spending economic rows by their printed and their official names."""
    rows: dict[str, LineItem] = {}
    for _, item in c.reading.facts.economic:
        if item.scope == "basic" and item.total is not None:
            for name in (item.name, classification.economic_name(item.code) or ""):
                rows.setdefault(classification.normalize_name(name), item)
    rows.pop("", None)
    return rows


def stated_basic_items(c: Context) -> Iterator[Finding]:
    """A sentence of the basic-spending part listing items by name: where some of its
    amounts are their rows', one that is not contradicts the table (a sentence none of
    whose amounts is its row's speaks of other money, all funds maybe, and is left alone)."""
    rows = _basic_rows(c)
    in_part = False
    for sentence in c.reading.sentences if rows else ():
        if SECTION.match(sentence.text):
            in_part = bool(BASIC_PART.search(sentence.text[:HEADING]))
        named = narrative.named_amounts(sentence.text) if in_part else []
        compared = [
            (rows[key], stated)
            for name, stated in named
            if (key := classification.normalize_name(name)) in rows
        ]
        for item, stated in disagreeing(compared, lambda entry: _agrees(*entry)):
            yield finding(
                "warning",
                "narrative_mismatch",
                item.code,
                "stated_item",
                Source(page=sentence.page, sentence=sentence.text),
                code=item.code,
                name=item.name,
                stated=fmt(stated),
                printed=fmt(item.total or Decimal(0)),
            )


def _agrees(item: LineItem, stated: Decimal) -> bool:
    return item.total is not None and same_figure(stated, item.total)


RULES: tuple[tuple[str, Callable[[Context], Iterable[Finding]]], ...] = (
    ("stated_basic_items", stated_basic_items),
)
