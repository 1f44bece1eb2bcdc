"""The figures the comparisons compute, as pure functions on Decimals.

Every result is a `Cell`: a value, or a gap with the reason there is none (never a
division by zero, never a zero standing in for "not stated"), and a note said beside
the value when it rests on something a reader should know (the headcount of another
year, a figure the document states rather than one read from its own tables).
Money stays Decimal; results are rounded half up to two places, as documents print.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Source:
    """Where an input was read, for the link to it: the disclosure's page, focused on it."""

    disclosure_id: int
    address: str  # as disclosures.values writes it: figure:totals:expenditure
    document: str = ""
    page: int | None = None
    where: str = ""  # the table and row, or the sentence
    corrected: bool = False  # a reviewer changed it (the history is on the disclosure's page)
    flagged: bool = False  # the audit found something wrong with it


@dataclass(frozen=True)
class Cell:
    value: Decimal | None
    note: str = ""  # said beside the value
    gap: str = ""  # why there is no value
    stated: bool = False  # the document states it (last year's figure, its own percentage)
    source: Source | None = None


def gap(reason: str) -> Cell:
    return Cell(None, gap=reason)


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Dated:
    """A value of some year standing in for another: a headcount, a population. `label`
    says what it is when it comes from another document (决算人数)."""

    year: int
    value: Decimal
    label: str = ""
    source: Source | None = None


def nearest(year: int, candidates: Iterable[Dated]) -> Dated | None:
    """The candidate closest in time; of two as close, the earlier (known at the time)."""
    return min(candidates, key=lambda c: (abs(c.year - year), c.year), default=None)


def dated_cell(found: Dated, year: int) -> Cell:
    """`found` standing for `year`: said beside the value unless it is that year's own."""
    if found.year == year and not found.label:
        return Cell(found.value, source=found.source)
    note = f"取{found.year}年{found.label}"
    if found.year != year:
        note += " · 最近年份 nearest year"
    return Cell(found.value, note=note, source=found.source)


def nearest_cell(year: int, candidates: Iterable[Dated], missing: str) -> Cell:
    """A value for `year` from the nearest year that has one, else a gap saying why."""
    found = nearest(year, candidates)
    return gap(missing) if found is None else dated_cell(found, year)


def divide(amount: Decimal | None, by: Cell, *, what: str = "金额 amount") -> Cell:
    """amount ÷ a denominator cell; its note travels with the result."""
    if amount is None:
        return gap(f"未给出{what} not stated")
    if by.value is None:
        return gap(by.gap)
    if by.value == 0:
        return gap("除数为零 divisor is zero")
    return Cell(rounded(amount / by.value), note=by.note)


def share(part: Decimal | None, whole: Decimal | None) -> Cell:
    """part as a percentage of whole."""
    if part is None:
        return gap("未给出 not stated")
    if whole is None:
        return gap("无总额 no total to divide by")
    if whole == 0:
        return gap("总额为零 total is zero")
    return Cell(rounded(part / whole * HUNDRED))


def change(prior: Decimal | None, current: Decimal | None) -> tuple[Cell, Cell]:
    """The absolute and the percentage change from prior to current."""
    if prior is None or current is None:
        missing = gap("缺少一年的数字 one year's figure is missing")
        return missing, missing
    absolute = Cell(current - prior)
    if prior == 0:
        return absolute, gap("上年为零 prior year is zero")
    return absolute, Cell(rounded((current - prior) / prior * HUNDRED))


def execution_rate(final: Decimal | None, budget: Decimal | None) -> Cell:
    """Final accounts as a percentage of the budget of the same year."""
    if budget is None or final is None:
        return gap("预算与决算未同时公开 needs both the budget and the final accounts")
    return share(final, budget)


def price_factor(from_year: int, to_year: int, cpi: Mapping[int, Decimal]) -> Decimal | None:
    """How much prices rose from one year to a later one (1.02 = 2%), by chaining each
    year's index (preceding year = 100); None if a year in between has none."""
    factor = Decimal(1)
    for year in range(from_year + 1, to_year + 1):
        if year not in cpi:
            return None
        factor *= cpi[year] / HUNDRED
    return factor


def real_change(
    prior: Decimal | None,
    prior_year: int,
    current: Decimal | None,
    year: int,
    cpi: Mapping[int, Decimal],
) -> Cell:
    """The percentage change with current deflated to the prior year's prices."""
    factor = price_factor(prior_year, year, cpi)
    if factor is None:
        missing = [y for y in range(prior_year + 1, year + 1) if y not in cpi]
        return gap(f"无{missing[0]}年CPI no CPI for {missing[0]}")
    if current is None:
        return gap("未给出 not stated")
    return change(prior, current / factor)[1]


def rank(values: Mapping[int, Decimal | None], key: int) -> tuple[int, int] | None:
    """Where `key` stands among the values, largest first (1 = the largest); ties share a
    rank. Gaps are not ranked. None if `key` has no value."""
    own = values.get(key)
    if own is None:
        return None
    present = [v for v in values.values() if v is not None]
    return 1 + sum(1 for v in present if v > own), len(present)


def median(values: Iterable[Decimal | None]) -> Decimal | None:
    present = sorted(v for v in values if v is not None)
    return rounded(statistics.median(present)) if present else None
