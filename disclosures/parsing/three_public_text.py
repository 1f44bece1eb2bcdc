"""The “三公” table printed across, copied out as text: one line of amounts under a
header whose words no longer stand over their columns, and blank cells gone.

The table's own sums place the amounts: the 三公 total is 出国 + 公务用车 + 接待, the
car's figure is 购置 + 运行, and a 合计 beside 会议费 and 培训费 is their sum with the
三公. Each way of laying the amounts, in order, into the usual columns (出国 first,
then the car and 接待 either way round, blanks anywhere) is tried; a part is kept
where every way under which the sums hold gives it the same figure.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations, permutations

from .cells import SUM_SLACK

_GROUPS = (("abroad",), ("vehicles", "vehicle_purchase", "vehicle_operation"), ("reception",))
# each part, and the parts it is the sum of (the audit checks the first two)
SUMS = (
    ("total", ("abroad", "vehicles", "reception")),
    ("vehicles", ("vehicle_purchase", "vehicle_operation")),
)
_WIDER = ("all", ("total", "meeting", "training"))


def place(values: list[Decimal], wider: bool) -> dict[str, Decimal]:
    """Part -> amount for one line of amounts: the parts every reading under which the
    sums hold agrees on (a car's 购置 and 运行 of one figure with the other blank cannot
    be told apart). `wider`: the table adds 会议费 and 培训费 under a 合计 of its own."""
    readings = []
    for layout in _layouts(len(values), wider):
        parts = dict(zip(layout, values, strict=True))
        if _adds_up(parts):
            readings.append({k: parts.get(k, Decimal(0)) for k in _PARTS})
    if not readings:
        return {}
    return {k: v for k, v in readings[0].items() if all(r[k] == v for r in readings)}


_PARTS = ("total", "abroad", "vehicles", "vehicle_purchase", "vehicle_operation", "reception")


def _layouts(count: int, wider: bool) -> Iterator[tuple[str, ...]]:
    # 因公出国 comes first in every layout seen; 公务用车 and 公务接待 either way round
    for order in permutations(_GROUPS[1:]):
        columns = ["total", *_GROUPS[0], *[part for group in order for part in group]]
        if wider:
            columns = ["all", *columns, "meeting", "training"]
        blanks = len(columns) - count
        if blanks < 0:
            continue
        for gone in combinations(range(len(columns)), blanks):
            yield tuple(c for i, c in enumerate(columns) if i not in gone)


def holds(parts: dict[str, Decimal]) -> bool:
    """The 三公 sums hold among the parts read (a part not read is left out of them)."""
    return _adds_up(parts, sums=SUMS)


def _adds_up(
    parts: dict[str, Decimal], sums: tuple[tuple[str, tuple[str, ...]], ...] = (*SUMS, _WIDER)
) -> bool:
    for whole, pieces in sums:
        if whole not in parts and all(p not in parts for p in pieces):
            continue
        if whole == "all" and whole not in parts:  # no 合计 over 会议费 and 培训费 too
            continue
        total = parts.get(whole, Decimal(0))
        if abs(total - sum((parts.get(p, Decimal(0)) for p in pieces), Decimal(0))) > SUM_SLACK:
            return False
    return True
