"""Every read of the comparisons, as plain SQL on a DB-API cursor the caller passes in
(the views pass `django.db.connection.cursor()`); plain rows come back, money as Decimal.

No Django here (an import-linter contract checks it), so the SQL is written for both
engines the project runs on: PostgreSQL, and SQLite for `make run`. Only the current
version of a published disclosure is ever read. Each function is one query, whatever
the number of agencies or years it covers: a page's query count does not grow with
the data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from comparisons.figures import Source

Cursor = Any  # a DB-API cursor; Django's passes %s parameters to either engine
BASE = """
FROM disclosures_disclosure d JOIN disclosures_agency a ON a.id = d.agency_id
"""
SOURCE_COLUMNS = "doc.name, x.page, x.table_label, x.row_label, x.sentence"


@dataclass(frozen=True)
class Selection:
    """Which published disclosures a page covers; empty means any."""

    agency_ids: tuple[int, ...] = ()
    years: tuple[int, ...] = ()
    kind: str = ""  # budget, final_accounts
    region: str = ""  # a province, city or county
    agency_kind: str = ""  # the agency's type: 社保中心, 财政部门 …
    search: str = ""  # part of the agency's name

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = ["d.is_current = %s"]
        params: list[Any] = [True]
        if self.agency_ids:
            clauses.append(f"d.agency_id IN ({_placeholders(self.agency_ids)})")
            params += self.agency_ids
        if self.years:
            clauses.append(f"d.year IN ({_placeholders(self.years)})")
            params += self.years
        for clause, value in (("d.kind = %s", self.kind), ("a.kind = %s", self.agency_kind)):
            if value:
                clauses.append(clause)
                params.append(value)
        if self.region:
            clauses.append("(a.province = %s OR a.city = %s OR a.county = %s)")
            params += [self.region] * 3
        if self.search:
            clauses.append("LOWER(a.name) LIKE LOWER(%s) ESCAPE '!'")
            escaped = "".join("!" + c if c in "!%_" else c for c in self.search)
            params.append(f"%{escaped}%")
        return " AND ".join(clauses), params

    def covers(self, row: DisclosureRow) -> bool:
        """Whether a row read for every_year() is one of this selection's own."""
        return (not self.years or row.year in self.years) and (
            not self.kind or row.kind == self.kind
        )

    def every_year(self) -> Selection:
        """The same agencies in all their years and kinds (nearest-year headcounts)."""
        return replace(self, years=(), kind="")


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _money(value: Any) -> Decimal | None:
    # SQLite hands numbers back as float or int; through str they keep the printed digits
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def _number(value: Any) -> Decimal:
    """A column that cannot be null."""
    found = _money(value)
    if found is None:
        raise ValueError("a NOT NULL column gave NULL")
    return found


def _rows(cursor: Cursor, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    cursor.execute(sql, list(params))
    return list(cursor.fetchall())


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
    sql = f"""
    SELECT d.id, a.id, a.name, a.province, a.city, a.county, a.kind, d.year, d.kind,
           d.scope, d.version, d.published_at, d.tables,
           (SELECT COUNT(*) FROM disclosures_finding f
             WHERE f.disclosure_id = d.id AND f.severity = 'error'),
           (SELECT COUNT(*) FROM disclosures_finding f
             WHERE f.disclosure_id = d.id AND f.severity = 'warning')
    {BASE} WHERE {where}
    ORDER BY a.name, d.year, d.kind, d.scope"""
    return [
        DisclosureRow(
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
        for row in _rows(cursor, sql, params)
    ]


def _when(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


# --- values with their sources -------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    value: Decimal | None
    source: Source


def figures(cursor: Cursor, selection: Selection) -> dict[int, dict[tuple[str, str], Value]]:
    """disclosure id -> (group, key) -> the figure and where it was read."""
    where, params = selection.where()
    sql = f"""
    SELECT x.disclosure_id, x."group", x."key", x.value, {SOURCE_COLUMNS}
    FROM disclosures_figure x JOIN disclosures_disclosure d ON d.id = x.disclosure_id
    JOIN disclosures_agency a ON a.id = d.agency_id
    LEFT JOIN disclosures_document doc ON doc.id = x.document_id
    WHERE {where}"""
    marks = _marks(cursor, selection)
    found: dict[int, dict[tuple[str, str], Value]] = {}
    for row in _rows(cursor, sql, params):
        address = f"figure:{row[1]}:{row[2]}"
        # an audit finding names a total by its key, any other figure by its group
        named = row[2] if row[1] == "totals" else row[1]
        source = marks.source(row[0], address, row[4:], named)
        found.setdefault(row[0], {})[(row[1], row[2])] = Value(_money(row[3]), source)
    return found


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


def _marks(cursor: Cursor, selection: Selection) -> Marks:
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


def items(cursor: Cursor, selection: Selection) -> list[ItemRow]:
    """Every functional and economic row of the selected disclosures, by code."""
    where, params = selection.where()
    sql = f"""
    SELECT x.disclosure_id, x.classification, x.scope, x.code, x.name, x.level,
           x.total, x.basic, x.project, x.personnel, x.public, {SOURCE_COLUMNS}
    FROM disclosures_lineitem x JOIN disclosures_disclosure d ON d.id = x.disclosure_id
    JOIN disclosures_agency a ON a.id = d.agency_id
    LEFT JOIN disclosures_document doc ON doc.id = x.document_id
    WHERE {where} ORDER BY x.classification, x.scope, x.code"""
    marks = _marks(cursor, selection)
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
    message: str


def findings(cursor: Cursor, selection: Selection) -> list[FindingRow]:
    where, params = selection.where()
    sql = f"""
    SELECT x.disclosure_id, x.id, x.severity, x.rule, x."where", x.message
    FROM disclosures_finding x JOIN disclosures_disclosure d ON d.id = x.disclosure_id
    JOIN disclosures_agency a ON a.id = d.agency_id WHERE {where} ORDER BY x.id"""
    return [FindingRow(*row) for row in _rows(cursor, sql, params)]


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


# --- reference tables and choices ----------------------------------------------------------


@dataclass(frozen=True)
class RegionValue:
    province: str
    city: str
    county: str
    year: int
    value: Decimal
    source: str
    note: str


def populations(cursor: Cursor) -> list[RegionValue]:
    """The whole population table: one row a region and year, small by nature."""
    return _reference(cursor, "comparisons_population", "x.residents")


def price_indices(cursor: Cursor) -> list[RegionValue]:
    return _reference(cursor, "comparisons_priceindex", 'x."index"')


def _reference(cursor: Cursor, table: str, column: str) -> list[RegionValue]:
    sql = f"""SELECT x.province, x.city, x.county, x.year, {column}, x.source, x.note
    FROM {table} x ORDER BY x.province, x.city, x.county, x.year"""
    return [
        RegionValue(row[0], row[1], row[2], row[3], _number(row[4]), row[5], row[6])
        for row in _rows(cursor, sql)
    ]


@dataclass(frozen=True)
class Facets:
    """What the filters offer: only values some published disclosure has."""

    agencies: list[tuple[int, str]]
    years: list[int]
    regions: list[str]
    agency_kinds: list[str]


def facets(cursor: Cursor) -> Facets:
    sql = f"""SELECT DISTINCT a.id, a.name, a.province, a.city, a.county, a.kind, d.year
    {BASE} WHERE d.is_current = %s"""
    rows = _rows(cursor, sql, [True])
    return Facets(
        agencies=sorted({(r[0], r[1]) for r in rows}, key=lambda a: a[1]),
        years=sorted({r[6] for r in rows}, reverse=True),
        regions=sorted({place for r in rows for place in r[2:5] if place}),
        agency_kinds=sorted({r[5] for r in rows if r[5]}),
    )
