"""Browsing: what the database holds (the home page's coverage matrix) and one agency's
page, every disclosure over time with each number's source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from comparisons import queries
from comparisons.figures import Cell
from comparisons.queries import (
    Cap,
    ChangeRow,
    Cursor,
    DisclosureRow,
    DocumentRow,
    FindingRow,
    Selection,
)
from comparisons.reports.common import figure
from comparisons.reports.mix import Mix, mix_of
from disclosures.values import FIGURE_KEYS

LATEST = 5
COVERAGE_ROWS = 60  # disclosures in the home page's matrix; the agency list pages through all


@dataclass(frozen=True)
class CoverageRow:
    agency_id: int
    agency: str
    region: str
    agency_kind: str
    years: tuple[tuple[DisclosureRow, ...], ...]  # one entry a year of Coverage.years


@dataclass(frozen=True)
class Coverage:
    agencies: int
    disclosures: int
    years: list[int]
    rows: list[CoverageRow]
    latest: list[DisclosureRow]
    cap: Cap | None = None  # more agencies than the matrix shows: the list has them all


def coverage(cursor: Cursor, limit: int = 0) -> Coverage:
    """Agency × year, each cell the published budget and final accounts: of the first
    agencies by name, `limit` disclosures' worth, with what the whole database holds."""
    shown, cap = queries.capped(cursor, Selection(), limit or COVERAGE_ROWS)
    rows = queries.disclosures(cursor, shown)
    years = sorted(queries.facets(cursor).years)
    by_agency: dict[int, list[DisclosureRow]] = {}
    for row in rows:
        by_agency.setdefault(row.agency_id, []).append(row)
    matrix = [
        CoverageRow(
            own[0].agency_id,
            own[0].agency,
            own[0].region,
            own[0].agency_kind,
            tuple(tuple(r for r in own if r.year == year) for year in years),
        )
        for own in by_agency.values()
    ]
    agencies = cap.total if cap else len(by_agency)
    total = queries.count(cursor, Selection()) if cap else len(rows)
    latest = queries.latest(cursor, LATEST)
    return Coverage(agencies, total, years, matrix, latest, cap)


@dataclass(frozen=True)
class FigureLine:
    key: str  # the page names it in the reader's language
    group: str
    cells: tuple[Cell, ...]  # one a disclosure, in AgencyPage.disclosures order


@dataclass(frozen=True)
class AgencyPage:
    agency: DisclosureRow  # the latest disclosure, for the agency's name, region and type
    disclosures: list[DisclosureRow]
    figures: list[FigureLine]
    functional: Mix
    economic: Mix
    findings: dict[int, list[FindingRow]]
    documents: dict[int, list[DocumentRow]]
    changes: dict[int, list[ChangeRow]]


def agency_page(
    cursor: Cursor, agency_id: int, functional: str, economic: str
) -> AgencyPage | None:
    """None if the agency has nothing published."""
    selection = Selection(agency_ids=(agency_id,))
    rows = queries.disclosures(cursor, selection)
    if not rows:
        return None
    marks = queries.marked(cursor, selection)
    figures, items = (
        queries.figures(cursor, selection, marks),
        queries.items(cursor, selection, marks),
    )
    lines = [
        FigureLine(
            key,
            group,
            tuple(figure(figures.get(r.id, {}), group, key) for r in rows),
        )
        for group, keys in FIGURE_KEYS.items()
        for key in keys
    ]
    return AgencyPage(
        agency=rows[-1],
        disclosures=rows,
        figures=[line for line in lines if any(c.value is not None for c in line.cells)],
        functional=mix_of(rows, figures, items, "functional", functional),
        economic=mix_of(rows, figures, items, "economic", economic),
        findings=_by_disclosure(queries.findings(cursor, selection)),
        documents=_by_disclosure(queries.documents(cursor, selection)),
        changes=_by_disclosure(queries.changes(cursor, selection)),
    )


Row = TypeVar("Row", FindingRow, DocumentRow, ChangeRow)


def _by_disclosure(rows: list[Row]) -> dict[int, list[Row]]:
    found: dict[int, list[Row]] = {}
    for row in rows:
        found.setdefault(row.disclosure_id, []).append(row)
    return found
