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
from typing import Any

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
class Note:
    """Something said beside a value or in place of one, as an id and its parameters: the
    page, its CSV and the API write it in the reader's language (comparisons/notes.py).
    Parameters are years, keys (a disclosure kind) and names (a region); never words."""

    id: str = ""
    params: tuple[tuple[str, Any], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.id)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, **dict(self.params)} if self.id else {}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Note:
        data = dict(data or {})
        return cls(data.pop("id", ""), tuple(sorted(data.items())))


def note(id: str, **params: Any) -> Note:
    return Note(id, tuple(sorted(params.items())))


@dataclass(frozen=True)
class Cell:
    value: Decimal | None
    note: Note = Note()  # said beside the value
    gap: Note = Note()  # why there is no value
    stated: bool = False  # the document states it (last year's figure, its own percentage)
    source: Source | None = None


def gap(reason: Note | str, **params: Any) -> Cell:
    return Cell(None, gap=reason if isinstance(reason, Note) else note(reason, **params))


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Dated:
    """A value of some year standing in for another: a headcount, a population. `label`
    says what it is when it comes from another document: that document's kind."""

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
    said = note(
        "headcount_of" if found.label else "value_of",
        year=found.year,
        kind=found.label,
        nearest=found.year != year,
    )
    return Cell(found.value, note=said, source=found.source)


def nearest_cell(year: int, candidates: Iterable[Dated], missing: str) -> Cell:
    """A value for `year` from the nearest year that has one, else a gap saying why."""
    found = nearest(year, candidates)
    return gap(missing) if found is None else dated_cell(found, year)


def divide(amount: Decimal | None, by: Cell) -> Cell:
    """amount ÷ a denominator cell; its note travels with the result."""
    if amount is None:
        return gap("amount_not_stated")
    if by.value is None:
        return gap(by.gap)
    if by.value == 0:
        return gap("divisor_zero")
    return Cell(rounded(amount / by.value), note=by.note)


def share(part: Decimal | None, whole: Decimal | None) -> Cell:
    """part as a percentage of whole."""
    if part is None:
        return gap("not_stated")
    if whole is None:
        return gap("no_total")
    if whole == 0:
        return gap("total_zero")
    return Cell(rounded(part / whole * HUNDRED))


def change(prior: Decimal | None, current: Decimal | None) -> tuple[Cell, Cell]:
    """The absolute and the percentage change from prior to current."""
    if prior is None or current is None:
        missing = gap("year_missing")
        return missing, missing
    absolute = Cell(current - prior)
    if prior == 0:
        return absolute, gap("prior_zero")
    return absolute, Cell(rounded((current - prior) / prior * HUNDRED))


def execution_rate(final: Decimal | None, budget: Decimal | None) -> Cell:
    """Final accounts as a percentage of the budget of the same year."""
    if budget is None or final is None:
        return gap("needs_both")
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
        return gap("no_cpi", year=missing[0])
    if current is None:
        return gap("not_stated")
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
