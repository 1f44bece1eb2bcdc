"""Cells from stored figures, and the denominators that come from elsewhere: a headcount
of another year, a region's population, its price index."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from comparisons.figures import (
    Cell,
    Dated,
    dated_cell,
    divide,
    gap,
    nearest,
    nearest_cell,
    note,
    price_factor,
)
from comparisons.queries import DisclosureRow, Lender, RegionValue, Value

Figures = Mapping[tuple[str, str], Value]
KIND_SHORT = {"budget": "预算", "final_accounts": "决算"}
NOT_STATED = note("not_stated_in_document")


def figure(figures: Figures, group: str, key: str) -> Cell:
    found = figures.get((group, key))
    if found is None or found.value is None:
        return gap(NOT_STATED)
    return Cell(found.value, source=found.source)


def own_staff(figures: Figures) -> Cell:
    """Staff actually employed (实有人数); the establishment (编制) when that is all there is."""
    actual = figure(figures, "headcount", "actual")
    if actual.value is not None:
        return actual
    authorized = figure(figures, "headcount", "authorized")
    if authorized.value is not None:
        return Cell(authorized.value, note=note("establishment"), source=authorized.source)
    return gap("no_headcount")


def staff(row: DisclosureRow, figures: Figures, lenders: Iterable[Lender]) -> Cell:
    """The disclosure's headcount, else the same agency's from its nearest year (said beside
    it), else a gap. `lenders`: the agency's disclosures that state one."""
    own = own_staff(figures)
    if own.value is not None:
        return own
    candidates = []
    for other in lenders:
        found = own_staff(other.figures)
        if other.disclosure_id != row.id and found.value is not None:
            candidates.append(Dated(other.year, found.value, other.kind, found.source))
    return nearest_cell(row.year, candidates, "no_headcount_any_year")


class Placed(Protocol):
    """A disclosure's region and year: a DisclosureRow, or a row of a peer ranking."""

    @property
    def province(self) -> str: ...
    @property
    def city(self) -> str: ...
    @property
    def county(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def region(self) -> str: ...


# A region's residents share the spending of its government as a whole, not one agency's:
# only these are divided by the population (by agency type, or a name that says it).
WHOLE_GOVERNMENT = ("人民政府", "一级政府", "本级政府")
PART_OF_REGION = note("part_of_region")


def whole_government(row: DisclosureRow) -> bool:
    return row.agency_kind in WHOLE_GOVERNMENT or row.agency.endswith(WHOLE_GOVERNMENT[0])


def per_resident(row: DisclosureRow, amount: Decimal | None, people: Cell) -> Cell:
    """Spending per resident where the population is the agency's scope, else why not."""
    return divide(amount, people) if whole_government(row) else gap(PART_OF_REGION)


def same_region(values: Iterable[RegionValue], row: Placed) -> list[RegionValue]:
    region = (row.province, row.city, row.county)
    return [v for v in values if (v.province, v.city, v.county) == region]


def residents(populations: Iterable[RegionValue], row: Placed) -> tuple[Cell, RegionValue | None]:
    """The region's population in the disclosure's year, else its nearest year (said), and
    the table row it came from. Never a larger region's: a district is not its city."""
    by_year = {v.year: v for v in same_region(populations, row)}
    found = nearest(row.year, [Dated(year, v.value) for year, v in by_year.items()])
    if found is None:
        return gap("no_population", region=row.region), None
    return dated_cell(found, row.year), by_year[found.year]


@dataclass(frozen=True)
class PriceLevel:
    """One region's price indices, by year, and what the page calls them."""

    label: str
    indices: dict[int, Decimal]
    sources: tuple[RegionValue, ...]


def price_levels(indices: Iterable[RegionValue], row: DisclosureRow) -> list[PriceLevel]:
    """The region's own indices first, then its city's, its province's, the nation's."""
    wanted = [
        (row.province, row.city, row.county),
        (row.province, row.city, ""),
        (row.province, "", ""),
        ("", "", ""),
    ]
    levels = []
    for region in dict.fromkeys(wanted):
        rows = [v for v in indices if (v.province, v.city, v.county) == region]
        if rows:
            name = "".join(dict.fromkeys(p for p in region if p))  # "": the nation
            levels.append(PriceLevel(name, {v.year: v.value for v in rows}, tuple(rows)))
    return levels


def deflator(levels: list[PriceLevel], from_year: int, to_year: int) -> PriceLevel | None:
    """The most local price level that covers every year between the two."""
    for level in levels:
        if price_factor(from_year, to_year, level.indices) is not None:
            return level
    return None
