"""The “三公” table printed across, copied out as text: one line of amounts under a
header whose words no longer stand over their columns, and blank cells gone.

The table's own sums place the amounts: the 三公 total is 出国 + 公务用车 + 接待, the
car's figure is 购置 + 运行, and a 合计 beside 会议费 and 培训费 is their sum with the
三公. Each way of laying the amounts, in order, into the usual columns (出国 first,
then the car and 接待 either way round, blanks anywhere) is tried; a part is kept
where every way under which the sums hold gives it the same figure.
"""

from __future__ import annotations

import re
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


def place(
    values: list[Decimal], wider: bool, words: str = "", car_first: bool | None = None
) -> dict[str, Decimal]:
    """Part -> amount for one line of amounts: the parts every reading under which the
    sums hold agrees on (a car's 购置 and 运行 of one figure with the other blank cannot
    be told apart). `wider`: the table adds 会议费 and 培训费 under a 合计 of its own.
    `words`, the header's: where they do not split the car, no 购置 and 运行 columns.
    `car_first`: whether a header line names 公务用车 before 公务接待 (None: not known)."""
    readings = []
    split = not words or "购置费" in words or re.search(r"(?<!及)运行", words) is not None
    sums = (*SUMS, _WIDER) if split else (SUMS[0], _WIDER)
    for layout in _layouts(len(values), wider, split, car_first):
        parts = dict(zip(layout, values, strict=True))
        if _adds_up(parts, sums):
            printed = _PARTS if split else [p for p in _PARTS if p not in _GROUPS[1][1:]]
            readings.append({k: parts.get(k, Decimal(0)) for k in printed})
    if not readings:
        return {}
    return {k: v for k, v in readings[0].items() if all(r[k] == v for r in readings)}


def this_side(values: list[str], words: str) -> list[list[str]]:
    """This year's spending where the header prints two sides of the same columns
    (预算数 | 决算数, 2025年 | 2026年, 上年 | 本年), each as many amounts: the side of 决算,
    of the later year, of 本年. With a 机关运行经费 column beside the 三公, the amounts
    without it: the last, else the first (the ways to try, in order)."""
    if "机关运行经费" in words and len(values) > 3:
        return [values[:-1], values[1:]]
    # 年初预算数 | 全年预算数 | 决算数, each over the same parts: the side of 决算
    sides = re.findall(_SIDES, words)
    if len(sides) > 2 and len(set(sides)) == len(sides) and "决算" in sides:
        width, rest = divmod(len(values), len(sides))
        if width >= 3 and not rest:
            at = sides.index("决算") * width
            return [values[at : at + width]]
    half = len(values) // 2
    later = _later_first(words)
    if half < 3 or len(values) != 2 * half or later is None:
        return [values]
    return [values[:half] if later else values[half:]]


def current_titles(titles: list[str]) -> set[str]:
    """Of a header line's titles, those over this year's spending where the line prints
    two sides: those of 决算 beside 预算, of the later of two years, of 本年 beside 上年
    (or the titles not of 上年). Empty where the line prints no two sides."""
    years = {t: y for t in titles if (y := re.search(_YEAR, t))}
    if len({y.group(1) for y in years.values()}) == 2:
        latest = max(y.group(1) for y in years.values())
        return {t for t, y in years.items() if y.group(1) == latest}
    spent = {t for t in titles if "决算" in t}
    if spent and any(re.search(_BUDGET, t) for t in titles if t not in spent):
        return spent
    prior = {t for t in titles if re.search(_PRIOR, t)}
    if prior and any(re.search(_SIDE, t) for t in titles if t not in prior):
        return {t for t in titles if t not in prior and re.search(_SIDE, t)}
    return set()


_YEAR = r"(20\d\d)年度?(?=预算|决算|执行)"
_SIDES = r"年初预算|全年预算|调整后?预算|(?<![初年整后])预算(?=数)|决算"
_SIDE = r"本年|预算|决算"
_BUDGET = r"(?<!决)预算"
_PRIOR = r"上年(?!结转|结余)"  # 上年结转 is money of this year's spending, carried over


def _later_first(words: str) -> bool | None:
    """Whether this year's side comes first in the header's words; None where the header
    does not print two sides."""
    years = re.findall(_YEAR, words)
    if len(set(years)) == 2:
        return years.index(max(years)) < years.index(min(years))
    for earlier, later in ((_PRIOR, r"本年"), (_BUDGET, r"决算")):
        first, second = re.search(earlier, words), re.search(later, words)
        if first and second:
            return second.start() < first.start()
    return None


_PARTS = ("total", "abroad", "vehicles", "vehicle_purchase", "vehicle_operation", "reception")


def _layouts(
    count: int, wider: bool, split: bool, car_first: bool | None
) -> Iterator[tuple[str, ...]]:
    # 因公出国 comes first in every layout seen; 公务用车 and 公务接待 either way round
    for order in permutations(_GROUPS[1:]):
        if car_first is not None and car_first != (order[0] == _GROUPS[1]):
            continue
        columns = ["total", *_GROUPS[0], *[part for group in order for part in group]]
        if not split:
            columns = [c for c in columns if c not in _GROUPS[1][1:]]
        if wider:
            columns = ["all", *columns, "meeting", "training"]
        blanks = len(columns) - count
        if blanks < 0:
            continue
        for gone in combinations(range(len(columns)), blanks):
            yield tuple(c for i, c in enumerate(columns) if i not in gone)


def holds(parts: dict[str, Decimal]) -> bool:
    """The 三公 sums hold among the parts read: a part not read is left out of them, and
    a sum none of whose pieces was read (a car not split) is not one to hold."""
    read = tuple((whole, pieces) for whole, pieces in SUMS if any(p in parts for p in pieces))
    return _adds_up(parts, sums=read)


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
