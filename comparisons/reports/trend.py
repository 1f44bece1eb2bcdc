"""Year over year: each agency's spending from all its disclosures, with the prior-year
figures its documents state (marked as stated) where no disclosure of that year is
published; the change, nominal and real; the agency's own reasons; execution rates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from comparisons import queries
from comparisons.figures import Cell, Note, change, execution_rate, gap, note, real_change
from comparisons.queries import Cap, ChangeRow, Cursor, DisclosureRow, Selection
from comparisons.reports.common import (
    Figures,
    PriceLevel,
    deflator,
    figure,
    price_levels,
)

TOTAL = "expenditure"  # the subject the parser gives a stated change of total spending
NOTHING = Cell(None)  # a stated year is not compared with anything
# disclosures a page shows at once; a larger selection shows its first agencies, and says so
ROWS = 40


@dataclass(frozen=True)
class Point:
    year: int
    amount: Cell  # stated=True: last year's figure as a later document states it
    disclosure_id: int | None = None
    change: Cell = NOTHING
    percent: Cell = NOTHING
    stated_percent: Cell = NOTHING
    real_percent: Cell = NOTHING
    reasons: tuple[str, ...] = ()
    execution: Cell = NOTHING
    note: Note = Note()


@dataclass(frozen=True)
class Series:
    agency_id: int
    agency: str
    region: str
    kind: str
    points: list[Point]


class Trend(list[Series]):
    """The series, and whether the selection was too large to show them all."""

    cap: Cap | None = None
    view: str = ""  # how the chart draws them (comparisons.trend_chart.VIEWS)


def trend(cursor: Cursor, selection: Selection, real: bool, limit: int = 0) -> Trend:
    """Every selected agency's series, of each kind asked for; the years asked for are
    shown, each compared with the year before it (read or stated). At most `limit` (ROWS)
    disclosures' worth: the selection's first agencies by name."""
    selection, cap = queries.capped(cursor, selection, limit or ROWS)
    found = Trend(series(cursor, selection, real))
    found.cap = cap
    return found


def series(cursor: Cursor, selection: Selection, real: bool) -> list[Series]:
    everything = selection.every_year()
    rows = queries.disclosures(cursor, everything)
    figures = queries.figures(cursor, everything, only=(("totals", TOTAL), ("prior_year", TOTAL)))
    stated = _stated_changes(queries.changes(cursor, everything))
    indices = queries.price_indices(cursor) if real else []
    by_series: dict[tuple[int, str], dict[int, DisclosureRow]] = {}
    for row in rows:
        years = by_series.setdefault((row.agency_id, row.kind), {})
        if row.year not in years or row.scope == "department":
            years[row.year] = row  # one a year: the department's when there are both
    totals = {
        (agency, kind, year): figure(figures.get(row.id, {}), "totals", TOTAL).value
        for (agency, kind), years in by_series.items()
        for year, row in years.items()
    }
    series = []
    for (agency, kind), years in by_series.items():
        if selection.kind and kind != selection.kind:
            continue
        first = next(iter(years.values()))
        levels = price_levels(indices, first) if real else None
        points = _points(years, figures, stated, totals, levels)
        shown = [p for p in points if not selection.years or p.year in selection.years]
        if shown:
            series.append(Series(agency, first.agency, first.region, kind, shown))
    return sorted(series, key=lambda s: (s.agency, s.kind))


def _stated_changes(rows: list[ChangeRow]) -> dict[int, list[ChangeRow]]:
    found: dict[int, list[ChangeRow]] = {}
    for row in rows:
        if row.subject == TOTAL:
            found.setdefault(row.disclosure_id, []).append(row)
    return found


def _points(
    years: dict[int, DisclosureRow],
    figures: Mapping[int, Figures],
    stated: dict[int, list[ChangeRow]],
    totals: dict[tuple[int, str, int], Decimal | None],
    levels: list[PriceLevel] | None,
) -> list[Point]:
    own = {y: figure(figures.get(r.id, {}), "totals", TOTAL) for y, r in years.items()}
    amounts = dict(own)
    for year, row in years.items():
        prior = figure(figures.get(row.id, {}), "prior_year", TOTAL)
        if year - 1 not in amounts and prior.value is not None:
            said = note("stated_in", year=year, kind=row.kind)
            amounts[year - 1] = Cell(prior.value, note=said, stated=True, source=prior.source)
    points, previous = [], None
    for year in sorted(amounts):
        read = years.get(year)
        point = Point(year, amounts[year], disclosure_id=read.id if read else None)
        if read is not None:
            point = _with_changes(point, read, previous, stated.get(read.id, []), levels)
            point = _with_execution(point, read, totals)
        points.append(point)
        previous = point
    return points


def _with_changes(
    point: Point,
    row: DisclosureRow,
    previous: Point | None,
    stated: list[ChangeRow],
    levels: list[PriceLevel] | None,
) -> Point:
    reasons = tuple(dict.fromkeys(c.reason for c in stated if c.reason))
    stated_percent = gap("no_percentage_stated")
    # documents word a fall as 下降 6.37%: the sign is the change's
    worded = next(((c.delta, c.percent) for c in stated if c.percent is not None), None)
    if worded is not None and worded[1] is not None:
        delta, said = worded
        stated_percent = Cell(-said if delta < 0 else said, stated=True)
    if previous is None:
        first = gap("no_earlier_year")
        return Point(point.year, point.amount, row.id, first, first, stated_percent, first, reasons)
    absolute, percent = change(previous.amount.value, point.amount.value)
    against = Note() if previous.year == point.year - 1 else note("against", year=previous.year)
    real = NOTHING
    if levels is not None:
        real = _real(previous, point, levels)
    return Point(
        point.year,
        point.amount,
        row.id,
        absolute,
        percent,
        stated_percent,
        real,
        reasons,
        note=against,
    )


def _real(previous: Point, point: Point, levels: list[PriceLevel]) -> Cell:
    level = deflator(levels, previous.year, point.year)
    if level is None:  # no table covers the years: the broadest one names the missing year
        broadest = levels[-1].indices if levels else {}
        return real_change(None, previous.year, None, point.year, broadest)
    cell = real_change(
        previous.amount.value, previous.year, point.amount.value, point.year, level.indices
    )
    if cell.value is None:
        return cell
    return replace(cell, note=note("deflated", region=level.label))


def _with_execution(
    point: Point, row: DisclosureRow, totals: dict[tuple[int, str, int], Decimal | None]
) -> Point:
    budget = totals.get((row.agency_id, "budget", row.year))
    final = totals.get((row.agency_id, "final_accounts", row.year))
    rate = execution_rate(final, budget)
    if budget is None or final is None:
        other = "final_accounts" if row.kind == "budget" else "budget"
        rate = gap("no_other_kind", year=row.year, kind=other)
    return replace(point, execution=rate)
