"""Disclosures and the rows read from them (figures, line items, changes, findings, files),
each value with where it was read; and the population and CPI tables."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from comparisons.figures import Source
from comparisons.queries.common import (
    BASE,
    MEMO,
    SOURCE_COLUMNS,
    Cursor,
    Selection,
    _json,
    _money,
    _number,
    _rows,
    _when,
)
from comparisons.reference import ReferenceRow

# --- disclosures -------------------------------------------------------------------------


@dataclass(frozen=True)
class DisclosureRow:
    id: int
    agency_id: int
    agency: str
    province: str
    city: str
    county: str
    agency_kind: str
    year: int
    kind: str
    scope: str
    version: int
    published_at: datetime | None
    tables: tuple[str, ...]
    errors: int
    warnings: int

    @property
    def region(self) -> str:
        return "".join(dict.fromkeys(p for p in (self.province, self.city, self.county) if p))

    @property
    def level(self) -> str:
        """The tier of government: county, city or province (a municipality is a province)."""
        if self.county:
            return "county"
        return "city" if self.city and self.city != self.province else "province"


def disclosures(cursor: Cursor, selection: Selection) -> list[DisclosureRow]:
    where, params = selection.where()
    return _disclosure_rows(cursor, where, "a.name, d.year, d.kind, d.scope", params)


def latest(cursor: Cursor, limit: int) -> list[DisclosureRow]:
    """The disclosures published most recently."""
    order = f"d.published_at DESC, d.id DESC LIMIT {int(limit)}"
    return _disclosure_rows(cursor, "d.is_current = %s", order, [True])


def last_published(cursor: Cursor) -> datetime | None:
    """When the data last changed: the latest publication of a disclosure now current, as
    the memo read it on this request (every page reads the facets first), else read now."""
    if not MEMO.version:
        MEMO.rows(cursor, "SELECT 1", [])
    return _when(MEMO.version[0])


def count(cursor: Cursor, selection: Selection) -> int:
    """How many disclosures the selection has (kept in MEMO: it may read them all)."""
    where, params = selection.where()
    return int(MEMO.rows(cursor, f"SELECT COUNT(*) {BASE} WHERE {where}", params)[0][0])


def _disclosure_rows(
    cursor: Cursor, where: str, order: str, params: list[Any]
) -> list[DisclosureRow]:
    sql = f"""
    SELECT d.id, a.id, a.name, a.province, a.city, a.county, a.kind, d.year, d.kind,
           d.scope, d.version, d.published_at, d.tables,
           (SELECT COUNT(*) FROM disclosures_finding f
             WHERE f.disclosure_id = d.id AND f.severity = 'error'),
           (SELECT COUNT(*) FROM disclosures_finding f
             WHERE f.disclosure_id = d.id AND f.severity = 'warning')
    {BASE} WHERE {where} ORDER BY {order}"""
    return [_disclosure_row(row) for row in _rows(cursor, sql, params)]


def _disclosure_row(row: Sequence[Any]) -> DisclosureRow:
    return DisclosureRow(
        id=row[0],
        agency_id=row[1],
        agency=row[2],
        province=row[3],
        city=row[4],
        county=row[5],
        agency_kind=row[6],
        year=row[7],
        kind=row[8],
        scope=row[9],
        version=row[10],
        published_at=_when(row[11]),
        tables=tuple(_json(row[12]) or ()),
        errors=row[13],
        warnings=row[14],
    )


# --- values with their sources -------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    value: Decimal | None
    source: Source


def figures(
    cursor: Cursor,
    selection: Selection,
    marks: Marks | None = None,
    only: Sequence[tuple[str, str]] = (),
) -> dict[int, dict[tuple[str, str], Value]]:
    """disclosure id -> (group, key) -> the figure and where it was read: every figure, or
    `only` these (group, key); `marks`: the selection's, when the caller has them already."""
    where, params = selection.where()
    if only:
        where += " AND (" + " OR ".join(['(x."group" = %s AND x."key" = %s)'] * len(only)) + ")"
        params += [part for pair in only for part in pair]
    sql = f"""
    SELECT x.disclosure_id, x."group", x."key", x.value, {SOURCE_COLUMNS}
    FROM disclosures_figure x JOIN disclosures_disclosure d ON d.id = x.disclosure_id
    JOIN disclosures_agency a ON a.id = d.agency_id
    LEFT JOIN disclosures_document doc ON doc.id = x.document_id
    WHERE {where}"""
    marks = marked(cursor, selection) if marks is None else marks
    found: dict[int, dict[tuple[str, str], Value]] = {}
    for row in _rows(cursor, sql, params):
        address = f"figure:{row[1]}:{row[2]}"
        # an audit finding names a total by its key, any other figure by its group
        named = row[2] if row[1] == "totals" else row[1]
        source = marks.source(row[0], address, row[4:], named)
        found.setdefault(row[0], {})[(row[1], row[2])] = Value(_money(row[3]), source)
    return found


@dataclass(frozen=True)
class Lender:
    """A disclosure's stated headcount, for its agency's other years to borrow."""

    disclosure_id: int
    year: int
    kind: str
    figures: dict[tuple[str, str], Value]


def lenders(cursor: Cursor, selection: Selection, marks: Marks) -> dict[int, list[Lender]]:
    """agency id -> its disclosures that state a headcount, with it and where it was read."""
    where, params = selection.where()
    sql = f"""
    SELECT x.disclosure_id, d.agency_id, d.year, d.kind, x."key", x.value, {SOURCE_COLUMNS}
    FROM disclosures_figure x JOIN disclosures_disclosure d ON d.id = x.disclosure_id
    JOIN disclosures_agency a ON a.id = d.agency_id
    LEFT JOIN disclosures_document doc ON doc.id = x.document_id
    WHERE {where} AND x."group" = %s ORDER BY x.disclosure_id"""
    found: dict[int, dict[int, Lender]] = {}
    for row in _rows(cursor, sql, [*params, "headcount"]):
        address = f"figure:headcount:{row[4]}"
        own = found.setdefault(row[1], {})
        lender = own.setdefault(row[0], Lender(row[0], row[2], row[3], {}))
        value = Value(_money(row[5]), marks.source(row[0], address, row[6:], "headcount"))
        lender.figures[("headcount", row[4])] = value
    return {agency: list(own.values()) for agency, own in found.items()}


@dataclass(frozen=True)
class Marks:
    """Values a reviewer corrected (by address) and values the audit flagged (by what its
    finding names: a code, a total's key, a figure group), per disclosure."""

    corrected: set[tuple[int, str]]
    flagged: set[tuple[int, str]]

    def source(self, disclosure_id: int, address: str, row: Sequence[Any], *names: str) -> Source:
        name, page, table, label, sentence = row
        return Source(
            disclosure_id,
            address,
            document=name or "",
            page=page,
            where=sentence or " · ".join(p for p in (table, label) if p),
            corrected=(disclosure_id, address) in self.corrected,
            flagged=any((disclosure_id, n) in self.flagged for n in names),
        )


def marked(cursor: Cursor, selection: Selection) -> Marks:
    where, params = selection.where()
    sql = f"""
    SELECT c.disclosure_id, 'corrected', c.address FROM disclosures_correction c
    JOIN disclosures_disclosure d ON d.id = c.disclosure_id
    JOIN disclosures_agency a ON a.id = d.agency_id WHERE {where}
    UNION ALL
    SELECT f.disclosure_id, 'flagged', f."where" FROM disclosures_finding f
    JOIN disclosures_disclosure d ON d.id = f.disclosure_id
    JOIN disclosures_agency a ON a.id = d.agency_id WHERE {where} AND f.severity <> 'info'"""
    marks = Marks(set(), set())
    for disclosure_id, kind, name in _rows(cursor, sql, params + params):
        getattr(marks, kind).add((disclosure_id, name))
    return marks


@dataclass(frozen=True)
class ItemRow:
    disclosure_id: int
    classification: str  # functional, economic
    scope: str  # all, basic
    code: str
    name: str
    level: int
    amounts: dict[str, Decimal | None]  # total, basic, project, personnel, public
    source: Source


AMOUNTS = ("total", "basic", "project", "personnel", "public")


def items(cursor: Cursor, selection: Selection, marks: Marks | None = None) -> list[ItemRow]:
    """Every functional and economic row of the selected disclosures, by code."""
    where, params = selection.where()
    sql = f"""
    SELECT x.disclosure_id, x.classification, x.scope, x.code, x.name, x.level,
           x.total, x.basic, x.project, x.personnel, x.public, {SOURCE_COLUMNS}
    FROM disclosures_lineitem x JOIN disclosures_disclosure d ON d.id = x.disclosure_id
    JOIN disclosures_agency a ON a.id = d.agency_id
    LEFT JOIN disclosures_document doc ON doc.id = x.document_id
    WHERE {where} ORDER BY x.classification, x.scope, x.code"""
    marks = marked(cursor, selection) if marks is None else marks
    found = []
    for row in _rows(cursor, sql, params):
        address = f"item:{row[1]}:{row[2]}:{row[3]}:total"
        amounts = dict(zip(AMOUNTS, map(_money, row[6:11]), strict=True))
        source = marks.source(row[0], address, row[11:], row[3])
        code, name, level = row[3], row[4], row[5]
        found.append(ItemRow(row[0], row[1], row[2], code, name, level, amounts, source))
    return found


@dataclass(frozen=True)
class ChangeRow:
    disclosure_id: int
    subject: str
    current: Decimal
    delta: Decimal
    percent: Decimal | None
    reason: str
    sentence: str


def changes(cursor: Cursor, selection: Selection) -> list[ChangeRow]:
    """Changes against last year as the documents word them, with their reasons."""
    where, params = selection.where()
    sql = f"""
    SELECT x.disclosure_id, x.subject, x.current, x.delta, x.percent, x.reason, x.sentence
    FROM disclosures_statedchange x JOIN disclosures_disclosure d ON d.id = x.disclosure_id
    JOIN disclosures_agency a ON a.id = d.agency_id WHERE {where} ORDER BY x.id"""
    return [
        ChangeRow(
            row[0],
            row[1],
            _number(row[2]),
            _number(row[3]),
            _money(row[4]),
            row[5] or "",
            row[6] or "",
        )
        for row in _rows(cursor, sql, params)
    ]


@dataclass(frozen=True)
class FindingRow:
    disclosure_id: int
    id: int
    severity: str
    rule: str
    where: str
    message_id: str
    params: dict[str, Any]
    message: str


def findings(cursor: Cursor, selection: Selection) -> list[FindingRow]:
    where, params = selection.where()
    sql = f"""
    SELECT x.disclosure_id, x.id, x.severity, x.rule, x."where", x.message_id, x.params,
           x.message
    FROM disclosures_finding x JOIN disclosures_disclosure d ON d.id = x.disclosure_id
    JOIN disclosures_agency a ON a.id = d.agency_id WHERE {where} ORDER BY x.id"""
    # Django has the driver hand JSON back as text
    return [
        FindingRow(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            json.loads(row[6]) if isinstance(row[6], str) else row[6],
            row[7],
        )
        for row in _rows(cursor, sql, params)
    ]


@dataclass(frozen=True)
class DocumentRow:
    disclosure_id: int
    id: int
    name: str
    format: str
    pages: int | None


def documents(cursor: Cursor, selection: Selection) -> list[DocumentRow]:
    """The files each disclosure was read from, in the order they count."""
    where, params = selection.where()
    sql = f"""
    SELECT x.disclosure_id, doc.id, doc.name, doc.format, doc.pages
    FROM disclosures_disclosuredocument x JOIN disclosures_document doc ON doc.id = x.document_id
    JOIN disclosures_disclosure d ON d.id = x.disclosure_id
    JOIN disclosures_agency a ON a.id = d.agency_id WHERE {where} ORDER BY x.position"""
    return [DocumentRow(*row) for row in _rows(cursor, sql, params)]


# --- reference tables ----------------------------------------------------------


# a population or CPI row: as the database gives it, as its CSV gives it (one type for both)
RegionValue = ReferenceRow


def populations(
    cursor: Cursor, regions: Iterable[tuple[str, str, str]] | None = None
) -> list[RegionValue]:
    """The population table: of these regions (province, city, county), or all of it."""
    return _reference(cursor, "comparisons_population", "x.residents", regions)


def price_indices(cursor: Cursor) -> list[RegionValue]:
    """The whole CPI table: a few rows a province and year, small by nature."""
    return _reference(cursor, "comparisons_priceindex", 'x."index"')


def _reference(
    cursor: Cursor, table: str, column: str, regions: Iterable[tuple[str, str, str]] | None = None
) -> list[RegionValue]:
    where, params = "", []
    if regions is not None:
        wanted = sorted(set(regions))
        if not wanted:
            return []
        one = "(x.province = %s AND x.city = %s AND x.county = %s)"
        where = "WHERE " + " OR ".join([one] * len(wanted))
        params = [part for region in wanted for part in region]
    sql = f"""SELECT x.province, x.city, x.county, x.year, {column}, x.source, x.note
    FROM {table} x {where} ORDER BY x.province, x.city, x.county, x.year"""
    return [
        RegionValue(row[0], row[1], row[2], row[3], _number(row[4]), row[5], row[6])
        for row in _rows(cursor, sql, params)
    ]
