"""Spending per staff member and per resident, and where an agency sits among its peers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, TypeVar

from comparisons import queries
from comparisons.figures import Cell, Note, Source, divide, gap, median, note, rank
from comparisons.queries import (
    Cap,
    Cursor,
    DisclosureRow,
    Ranked,
    RegionValue,
    Selection,
    SummaryRow,
)
from comparisons.reports.common import (
    NOT_STATED,
    PART_OF_REGION,
    figure,
    per_resident,
    staff,
    whole_government,
)
from comparisons.reports.common import residents as residents_of

# disclosures a page shows at once; a larger selection shows its first agencies, and says so
ROWS = 40
# the totals divided by the headcount (comparisons.labels names them)
PER_STAFF = ("expenditure", "personnel", "public", "basic", "project")


@dataclass(frozen=True)
class PerCapitaRow:
    disclosure: DisclosureRow
    amounts: tuple[Cell, ...]  # the totals, in PER_STAFF order (万元)
    staff: Cell
    per_staff: tuple[Cell, ...]  # 万元 per staff member, in PER_STAFF order
    residents: Cell  # 万人
    per_resident: Cell  # 元 of spending per resident


@dataclass(frozen=True)
class PerCapita:
    rows: list[PerCapitaRow]
    populations: list[RegionValue] = field(default_factory=list)  # the ones divided by
    cap: Cap | None = None  # the selection was too large: only its first agencies are here


def per_capita(cursor: Cursor, selection: Selection, limit: int = 0) -> PerCapita:
    """What a page shows: at most `limit` (ROWS) rows, the selection's first agencies by name."""
    selection, cap = queries.capped(cursor, selection, limit or ROWS)
    return replace(per_capita_rows(cursor, selection), cap=cap)


def per_capita_rows(cursor: Cursor, selection: Selection, residents: bool = True) -> PerCapita:
    """One row a published disclosure. A disclosure without a headcount borrows its
    agency's from the nearest year, so the headcounts of every year are read (and only
    they)."""
    everything = selection.every_year()
    rows = queries.disclosures(cursor, selection)
    marks = queries.marked(cursor, everything)
    figures = queries.figures(cursor, selection, marks)
    lenders = queries.lenders(cursor, everything, marks)
    regions = {(r.province, r.city, r.county) for r in rows}
    populations = queries.populations(cursor, regions) if residents else []
    found, used = [], {}
    for row in rows:
        own = figures.get(row.id, {})
        amounts = tuple(figure(own, "totals", key) for key in PER_STAFF)
        people = staff(row, own, lenders.get(row.agency_id, []))
        people_cell, population = residents_of(populations, row)
        if population is not None and whole_government(row):
            used[(population.province, population.city, population.county, population.year)] = (
                population
            )
        found.append(
            PerCapitaRow(
                disclosure=row,
                amounts=amounts,
                staff=people,
                per_staff=tuple(divide(a.value, people) for a in amounts),
                residents=people_cell,
                per_resident=per_resident(row, amounts[0].value, people_cell),
            )
        )
    return PerCapita(found, list(used.values()))


# --- peers ----------------------------------------------------------------------------------

NEAREST = 15  # peers shown on each side of the agency's own place

Measure = Callable[[PerCapitaRow], Cell]
MEASURES: dict[str, Measure] = {
    "per_staff": lambda r: r.per_staff[0],
    "public_per_staff": lambda r: r.per_staff[2],
    "per_resident": lambda r: r.per_resident,
    "expenditure": lambda r: r.amounts[0],
}


@dataclass(frozen=True)
class Peers:
    subject: PerCapitaRow | None
    rows: list[PerCapitaRow]  # the subject and its nearest peers, the largest measure first
    measure: str
    rank: tuple[int, int] | None = None  # (place, out of)
    median: Decimal | None = None
    gap: Note = Note()  # why there is nobody to compare with
    choices: list[DisclosureRow] = field(default_factory=list)  # the agency's disclosures
    # more peers than a page shows: the first and last place of the rows, of how many
    window: tuple[int, int, int] | None = None

    def value(self, row: PerCapitaRow) -> Cell:
        return MEASURES[self.measure](row)

    @property
    def lines(self) -> list[tuple[PerCapitaRow, Cell]]:
        return [(row, self.value(row)) for row in self.rows]


def peers(
    cursor: Cursor, agency_id: int, year: int | None, kind: str, measure: str
) -> Peers | None:
    """Agencies of the same type at the same tier of government, in the same year and
    kind of document; None if the agency has nothing published. They are ranked from the
    summaries (disclosures.DisclosureSummary), whatever their number; the page's rows, the
    places around the agency's own, are read in full."""
    own = queries.disclosures(cursor, Selection(agency_ids=(agency_id,)))
    if not own:
        return None
    subject = _pick(own, year, kind)
    if measure == "per_resident" and not whole_government(subject):
        return Peers(None, [], measure, gap=PART_OF_REGION, choices=own)
    if not subject.agency_kind:
        return Peers(None, [], measure, gap=note("kind_unknown"), choices=own)
    group = Selection(
        years=(subject.year,),
        kind=subject.kind,
        agency_kind=subject.agency_kind,
        level=subject.level,
    )
    ranked = _one_per_agency(queries.ranking(cursor, group), lambda r: (r.agency_id, r.scope))
    if not any(r.agency_id == agency_id for r in ranked):
        # rows written around the services have no summary yet: read the disclosures
        return _ranked_rows(_one_per_agency(per_capita_rows(cursor, group).rows), measure, own)
    regions = {(r.province, r.city, r.county) for r in ranked}
    populations = queries.populations(cursor, regions) if measure == "per_resident" else []
    values = {r.agency_id: RANKED[measure](r, populations) for r in ranked}
    ranked.sort(key=lambda r: _largest_first(values[r.agency_id]))
    first, shown = _around([r.agency_id for r in ranked], agency_id)
    wanted = {r.disclosure_id for r in ranked[first : first + len(shown)]}
    found = queries.summaries(cursor, replace(group, agency_ids=tuple(shown)))
    rows = [from_summary(r, populations) for r in found if r.disclosure.id in wanted]
    rows.sort(key=lambda r: shown.index(r.disclosure.agency_id))
    return _peers(rows, values, agency_id, measure, own, first, len(ranked))


def _ranked_rows(rows: list[PerCapitaRow], measure: str, own: list[DisclosureRow]) -> Peers:
    """Peers from rows read in full, all of them ranked by the page's own measure."""
    values = {r.disclosure.agency_id: MEASURES[measure](r).value for r in rows}
    rows.sort(key=lambda r: _largest_first(values[r.disclosure.agency_id]))
    agency_id = own[0].agency_id
    first, shown = _around([r.disclosure.agency_id for r in rows], agency_id)
    return _peers(
        rows[first : first + len(shown)], values, agency_id, measure, own, first, len(rows)
    )


def _around(order: list[int], agency_id: int) -> tuple[int, list[int]]:
    """The places the page shows: NEAREST on each side of the agency's own."""
    at = order.index(agency_id)
    first = max(0, min(at - NEAREST, len(order) - 2 * NEAREST - 1))
    return first, order[first : first + 2 * NEAREST + 1]


def _peers(
    rows: list[PerCapitaRow],
    values: dict[int, Decimal | None],
    agency_id: int,
    measure: str,
    own: list[DisclosureRow],
    first: int,
    total: int,
) -> Peers:
    mine = next(r for r in rows if r.disclosure.agency_id == agency_id)
    alone = note("no_peers") if total < 2 else Note()
    window = (first + 1, first + len(rows), total) if len(rows) < total else None
    place, middle = rank(values, agency_id), median(values.values())
    return Peers(mine, rows, measure, place, middle, alone, own, window)


# MEASURES as a ranking reads them from the summaries, without the cells' sources
Ranker = Callable[[Ranked, list[RegionValue]], Decimal | None]
RANKED: dict[str, Ranker] = {
    "per_staff": lambda r, _: divide(r.expenditure, _staff(r)).value,
    "public_per_staff": lambda r, _: divide(r.public, _staff(r)).value,
    "per_resident": lambda r, p: divide(r.expenditure, residents_of(p, r)[0]).value,
    "expenditure": lambda r, _: r.expenditure,
}


def _staff(row: Ranked) -> Cell:
    return gap("no_headcount") if row.staff is None else Cell(row.staff)


def from_summary(row: SummaryRow, populations: list[RegionValue]) -> PerCapitaRow:
    """A disclosure's row as the summaries keep it; each figure links to where it was read."""
    d = row.disclosure
    amounts = tuple(
        gap(NOT_STATED)
        if row.amounts[key] is None
        else Cell(row.amounts[key], source=Source(d.id, f"figure:totals:{key}"))
        for key in PER_STAFF
    )
    people = gap(row.staff_note)
    if row.staff is not None:
        source = Source(*row.staff_source) if row.staff_source else None
        people = Cell(row.staff, note=row.staff_note, source=source)
    people_cell, _population = residents_of(populations, d)
    return PerCapitaRow(
        disclosure=d,
        amounts=amounts,
        staff=people,
        per_staff=tuple(divide(a.value, people) for a in amounts),
        residents=people_cell,
        per_resident=per_resident(d, amounts[0].value, people_cell),
    )


def _largest_first(value: Decimal | None) -> tuple[bool, Decimal]:
    return value is None, -(value or Decimal(0))


def _pick(own: list[DisclosureRow], year: int | None, kind: str) -> DisclosureRow:
    """The disclosure asked for, else the latest of the kind asked for, else the latest."""
    of_kind = [r for r in own if not kind or r.kind == kind]
    matching = [r for r in of_kind if year is None or r.year == year]
    return max(matching or of_kind or own, key=lambda r: (r.year, r.scope == "department"))


Row = TypeVar("Row")


def _one_per_agency(
    rows: Iterable[Row], key: Callable[[Row], tuple[int, str]] | None = None
) -> list[Row]:
    """An agency with both a department and a unit disclosure counts once, as the
    department (the wider of the two). `key`: a row's agency and scope."""
    of = key or _agency_scope
    chosen: dict[int, Row] = {}
    for row in rows:
        agency, scope = of(row)
        held = chosen.get(agency)
        if held is None or (scope == "department" and of(held)[1] != "department"):
            chosen[agency] = row
    return list(chosen.values())


def _agency_scope(row: Any) -> tuple[int, str]:
    return row.disclosure.agency_id, row.disclosure.scope
