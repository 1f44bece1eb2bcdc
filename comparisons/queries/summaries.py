"""Summaries: one row a current disclosure (disclosures.DisclosureSummary), for the agency
list to sort, count and page in the database, and for peers to be ranked."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from comparisons.figures import Note
from comparisons.queries.common import MEMO, Cursor, Selection, _money, _rows
from comparisons.queries.rows import DisclosureRow, _disclosure_row

SUMMARY_AMOUNTS = ("expenditure", "personnel", "public", "basic", "project")
# the agency list's columns -> what the database sorts them by
ORDER = {
    "agency": ("a.name",),
    "region": ("a.province", "a.city", "a.county"),
    "agency_kind": ("a.kind",),
    "year": ("s.year",),
    "kind": ("s.kind",),
    "scope": ("s.scope",),
    "expenditure": ("s.expenditure",),
    "staff": ("s.staff",),
    "per_staff": ("s.per_staff",),
    "errors": ("s.errors", "s.warnings"),
}
ORDER_LAST = ("a.name", "s.year", "s.kind", "s.scope", "s.disclosure_id")


@dataclass(frozen=True)
class SummaryRow:
    """A disclosure's totals, headcount and spending per head as its agency's other years
    make them (comparisons.reports.per_capita), kept in disclosures.DisclosureSummary."""

    disclosure: DisclosureRow
    amounts: dict[str, Decimal | None]  # SUMMARY_AMOUNTS
    staff: Decimal | None
    staff_note: Note  # the year it was borrowed from, or why there is none
    staff_source: tuple[int, str] | None  # (disclosure id, address) it was read at
    per_staff: Decimal | None
    per_staff_note: Note


def summaries(
    cursor: Cursor,
    selection: Selection,
    order: Sequence[str] = (),
    start: int = 0,
    stop: int | None = None,
) -> list[SummaryRow]:
    """The selection's rows sorted by the list's columns (`-per_staff`: largest first,
    gaps last, as the page sorts them), `start` to `stop` of them: the database sorts and
    slices on the summaries alone, and reads the disclosures of that page only."""
    where, params = _summary_where(selection)
    page = ""
    if stop is not None:
        page = "LIMIT %s OFFSET %s"
        params += [max(stop - start, 0), start]
    sql = f"""
    SELECT d.id, a.id, a.name, a.province, a.city, a.county, a.kind, d.year, d.kind,
           d.scope, d.version, d.published_at, d.tables, s.errors, s.warnings,
           s.expenditure, s.personnel, s.public, s.basic, s.project, s.staff, s.staff_note,
           s.staff_source_id, s.staff_address, s.per_staff, s.per_staff_note
    FROM (SELECT s.* FROM disclosures_disclosuresummary s
          JOIN disclosures_agency a ON a.id = s.agency_id
          WHERE {where} ORDER BY {_order(order)} {page}) s
    JOIN disclosures_agency a ON a.id = s.agency_id
    JOIN disclosures_disclosure d ON d.id = s.disclosure_id
    ORDER BY {_order(order)}"""
    return [_summary_row(row) for row in _rows(cursor, sql, params)]


def summary_count(cursor: Cursor, selection: Selection) -> int:
    """How many rows the list has (kept in MEMO: unfiltered, it counts them all)."""
    where, params = _summary_where(selection)
    sql = f"""SELECT COUNT(*) FROM disclosures_disclosuresummary s
    JOIN disclosures_agency a ON a.id = s.agency_id WHERE {where}"""
    if selection.agency_where()[1] == [] and not selection.level:  # no agency to filter by
        sql = f"SELECT COUNT(*) FROM disclosures_disclosuresummary s WHERE {where}"
    return int(MEMO.rows(cursor, sql, params)[0][0])


class Ranked(NamedTuple):
    """What ranking a disclosure among its peers needs, read for hundreds of them at once."""

    disclosure_id: int
    agency_id: int
    scope: str
    province: str
    city: str
    county: str
    year: int
    expenditure: Decimal | None
    public: Decimal | None
    staff: Decimal | None

    @property
    def region(self) -> str:
        return "".join(dict.fromkeys(p for p in (self.province, self.city, self.county) if p))


def ranking(cursor: Cursor, selection: Selection) -> list[Ranked]:
    """The selection's summaries, as little of them as a ranking needs."""
    where, params = _summary_where(selection)
    sql = f"""SELECT s.disclosure_id, s.agency_id, s.scope, a.province, a.city, a.county,
      s.year, s.expenditure, s.public, s.staff
    FROM disclosures_disclosuresummary s JOIN disclosures_agency a ON a.id = s.agency_id
    WHERE {where}"""
    return [
        Ranked(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            _money(row[7]),
            _money(row[8]),
            _money(row[9]),
        )  # fmt: skip
        for row in _rows(cursor, sql, params)
    ]


def _summary_where(selection: Selection) -> tuple[str, list[Any]]:
    own, own_params = selection.disclosure_where("s")
    agency, agency_params = selection.agency_where()
    return f"{own} AND {agency}", own_params + agency_params


def _order(order: Sequence[str]) -> str:
    terms = []
    for key in order:
        descending = key.startswith("-")
        for column in ORDER.get(key.lstrip("-"), ()):
            # as the page sorts in Python: gaps before any value, after it when reversed
            terms.append(f"{column} DESC NULLS LAST" if descending else f"{column} NULLS FIRST")
    return ", ".join([*terms, *ORDER_LAST])


def _note(stored: Any) -> Note:
    # Django has the driver hand JSON back as text
    return Note.from_json(json.loads(stored) if isinstance(stored, str) else stored)


def _summary_row(row: Sequence[Any]) -> SummaryRow:
    disclosure = _disclosure_row(row[:15])
    amounts = dict(zip(SUMMARY_AMOUNTS, map(_money, row[15:20]), strict=True))
    source = (row[22], row[23]) if row[22] is not None else None
    return SummaryRow(
        disclosure,
        amounts,
        _money(row[20]),
        _note(row[21]),
        source,
        _money(row[24]),
        _note(row[25]),
    )
