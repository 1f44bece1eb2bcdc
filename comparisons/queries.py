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
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from comparisons.figures import Source

Cursor = Any  # a DB-API cursor; Django's passes %s parameters to either engine
T = TypeVar("T")
BASE = """
FROM disclosures_disclosure d JOIN disclosures_agency a ON a.id = d.agency_id
"""
SOURCE_COLUMNS = "doc.name, x.page, x.table_label, x.row_label, x.sentence"
# the tier of government in SQL, as DisclosureRow.level tells it (a municipality is a province)
LEVELS = {
    "county": "a.county <> ''",
    "city": "a.county = '' AND a.city <> '' AND a.city <> a.province",
    "province": "a.county = '' AND (a.city = '' OR a.city = a.province)",
}


@dataclass(frozen=True)
class Selection:
    """Which published disclosures a page covers; empty means any."""

    agency_ids: tuple[int, ...] = ()
    years: tuple[int, ...] = ()
    kind: str = ""  # budget, final_accounts
    region: str = ""  # a province, city or county
    agency_kind: str = ""  # the agency's type: 社保中心, 财政部门 …
    search: str = ""  # part of the agency's name
    level: str = ""  # the agency's tier: province, city, county (as DisclosureRow.level)

    def where(self) -> tuple[str, list[Any]]:
        """The clauses on the disclosure (d) and its agency (a), as one condition."""
        own, own_params = self.disclosure_where("d")
        agency, agency_params = self.agency_where()
        return f"{own} AND {agency}", own_params + agency_params

    def disclosure_where(self, alias: str) -> tuple[str, list[Any]]:
        """The clauses on a current published disclosure, or on its summary row."""
        clauses: list[str] = [f"{alias}.is_current = %s"] if alias == "d" else []
        params: list[Any] = [True] if alias == "d" else []
        if self.agency_ids:
            clauses.append(f"{alias}.agency_id IN ({_placeholders(self.agency_ids)})")
            params += self.agency_ids
        if self.years:
            clauses.append(f"{alias}.year IN ({_placeholders(self.years)})")
            params += self.years
        if self.kind:
            clauses.append(f"{alias}.kind = %s")
            params.append(self.kind)
        return " AND ".join(clauses) or "1 = 1", params

    def agency_where(self) -> tuple[str, list[Any]]:
        """The clauses on the agency (a): its region, type and name."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.agency_kind:
            clauses.append("a.kind = %s")
            params.append(self.agency_kind)
        if self.region:
            clauses.append("(a.province = %s OR a.city = %s OR a.county = %s)")
            params += [self.region] * 3
        if self.search:
            clauses.append("LOWER(a.name) LIKE LOWER(%s) ESCAPE '!'")
            escaped = "".join("!" + c if c in "!%_" else c for c in self.search)
            params.append(f"%{escaped}%")
        if self.level:
            clauses.append(LEVELS[self.level])
        return " AND ".join(clauses) or "1 = 1", params

    def every_year(self) -> Selection:
        """The same agencies in all their years and kinds (nearest-year headcounts)."""
        return replace(self, years=(), kind="")


@dataclass(frozen=True)
class Cap:
    """A selection too large to show at once: its first `shown` agencies by name, of `total`."""

    shown: int
    total: int


def capped(cursor: Cursor, selection: Selection, rows: int) -> tuple[Selection, Cap | None]:
    """The selection narrowed to its first agencies by name whose disclosures fit in `rows`
    (one agency at least), and what that leaves out; as it was when everything fits. One
    query, whatever the number of agencies."""
    own, own_params = selection.disclosure_where("d")
    agency, agency_params = selection.agency_where()
    sql = f"""
    WITH chosen AS (
      SELECT a.id, a.name FROM disclosures_agency a WHERE {agency} AND EXISTS (
        SELECT 1 FROM disclosures_disclosure d WHERE d.agency_id = a.id AND {own}))
    SELECT c.id,
      (SELECT COUNT(*) FROM disclosures_disclosure d WHERE d.agency_id = c.id AND {own}),
      (SELECT COUNT(*) FROM chosen)
    FROM chosen c ORDER BY c.name, c.id LIMIT %s"""
    found = MEMO.rows(cursor, sql, [*agency_params, *own_params, *own_params, rows])
    taken: list[int] = []
    count = 0
    for agency_id, disclosures, _total in found:
        if taken and count + disclosures > rows:
            break
        taken.append(agency_id)
        count += disclosures
    total = found[0][2] if found else 0
    if len(taken) == total:
        return selection, None
    return replace(selection, agency_ids=tuple(taken)), Cap(len(taken), total)


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
    return _disclosure_rows(cursor, where, "a.name, d.year, d.kind, d.scope", params)


def latest(cursor: Cursor, limit: int) -> list[DisclosureRow]:
    """The disclosures published most recently."""
    order = f"d.published_at DESC, d.id DESC LIMIT {int(limit)}"
    return _disclosure_rows(cursor, "d.is_current = %s", order, [True])


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


def _when(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


# --- summaries: one row a current disclosure, to sort, page and rank ----------------------

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
    staff_note: str  # the year it was borrowed from, or why there is none
    staff_source: tuple[int, str] | None  # (disclosure id, address) it was read at
    per_staff: Decimal | None
    per_staff_note: str


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


def _summary_row(row: Sequence[Any]) -> SummaryRow:
    disclosure = _disclosure_row(row[:15])
    amounts = dict(zip(SUMMARY_AMOUNTS, map(_money, row[15:20]), strict=True))
    source = (row[22], row[23]) if row[22] is not None else None
    return SummaryRow(
        disclosure, amounts, _money(row[20]), row[21], source, _money(row[24]), row[25]
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


PUBLISHED = """EXISTS (SELECT 1 FROM disclosures_disclosure d
  WHERE d.agency_id = a.id AND d.is_current = %s)"""
AGENCY_CHOICES = 50  # agencies a form lists at once; a region, a type or a name finds the rest
MEMO_SECONDS = 60.0
# what changes when something is published or an agency is merged away: one index probe each
VERSION = """SELECT
  (SELECT MAX(d.published_at) FROM disclosures_disclosure d WHERE d.is_current = %s),
  (SELECT COUNT(*) FROM disclosures_agency), (SELECT MAX(id) FROM disclosures_agency)"""


class Memo:
    """Answers that read every published agency (the regions and types the filters offer,
    how many agencies a selection has), kept in this process until something is published
    or an agency merged; MEMO_SECONDS at most, for an agency renamed in the admin."""

    def __init__(self) -> None:
        self.version: tuple[Any, ...] = ()
        self.since = 0.0
        self.answers: dict[tuple[str, tuple[Any, ...]], Any] = {}

    def rows(self, cursor: Cursor, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = self.answer(cursor, sql, params, list)
        return found

    def answer(
        self, cursor: Cursor, sql: str, params: Sequence[Any], build: Callable[[Any], T]
    ) -> T:
        """build(rows of the query), built once while the data stays as it is."""
        version = tuple(_rows(cursor, VERSION, [True])[0])
        if version != self.version or time.monotonic() - self.since > MEMO_SECONDS:
            self.clear(version)
        key = (sql, tuple(params))
        if key not in self.answers:
            if len(self.answers) >= 1000:
                self.answers.clear()
            self.answers[key] = build(_rows(cursor, sql, params))
        found: T = self.answers[key]
        return found

    def clear(self, version: tuple[Any, ...] = ()) -> None:
        self.version, self.since, self.answers = version, time.monotonic(), {}


MEMO = Memo()
# every region and type some published agency has, and every year published
OFFERED = f"""SELECT a.province, a.city, a.county, a.kind, NULL FROM disclosures_agency a
WHERE {PUBLISHED} GROUP BY a.province, a.city, a.county, a.kind
UNION ALL
SELECT NULL, NULL, NULL, NULL, year FROM (
  WITH RECURSIVE found(year) AS (
    SELECT MIN(d.year) FROM disclosures_disclosure d WHERE d.is_current = %s
    UNION ALL
    SELECT (SELECT MIN(d.year) FROM disclosures_disclosure d
            WHERE d.is_current = %s AND d.year > found.year)
    FROM found WHERE found.year IS NOT NULL)
  SELECT year FROM found WHERE year IS NOT NULL) y"""


@dataclass(frozen=True)
class Offered:
    """The years, types and places of what is published, arranged for the forms."""

    years: list[int]
    agency_kinds: list[str]
    provinces: list[str]
    below: dict[str, set[str]]  # a province -> its cities; a city -> its counties
    above: dict[str, tuple[str, str]]  # a province, city or county -> its province and city

    @classmethod
    def of(cls, rows: list[tuple[Any, ...]]) -> Offered:
        places = [(r[0], r[1], r[2]) for r in rows if r[4] is None]
        below: dict[str, set[str]] = {}
        above: dict[str, tuple[str, str]] = {}
        for province, city, county in places:
            for parent, child in ((province, city), (city, county)):
                if parent and child:
                    below.setdefault(parent, set()).add(child)
            above[province] = (province, "")
            for place in (city, county):
                if place:
                    above[place] = (province, city)
        return cls(
            years=sorted((r[4] for r in rows if r[4] is not None), reverse=True),
            agency_kinds=sorted({r[3] for r in rows if r[4] is None and r[3]}),
            provinces=sorted({p for p, _, _ in places if p}),
            below=below,
            above=above,
        )


class Facets:
    """What the filters offer: only values some published disclosure has, read once when a
    form first asks, through the cursor of the view that made it. Regions are offered a
    tier at a time and agencies a few at a time, never thousands at once."""

    def __init__(self, cursor: Cursor) -> None:
        self.cursor = cursor

    @cached_property
    def _offered(self) -> Offered:
        return MEMO.answer(self.cursor, OFFERED, [True, True, True], Offered.of)

    @property
    def years(self) -> list[int]:
        """Newest first."""
        return self._offered.years

    @property
    def agency_kinds(self) -> list[str]:
        return self._offered.agency_kinds

    def regions(self, chosen: str = "") -> list[str]:
        """The provinces; with one chosen, its cities; with a city, its counties too (and
        the siblings of a county chosen): a county is three choices away, not one of 3,000."""
        offered = self._offered
        province, city = offered.above.get(chosen, ("", ""))
        cities, counties = offered.below.get(province, set()), offered.below.get(city, set())
        found = [*offered.provinces, *sorted(cities), *sorted(counties - cities)]
        return list(dict.fromkeys(found))

    @cached_property
    def agencies(self) -> list[tuple[int, str]]:
        """The first agencies by name (a page's default when none is asked for)."""
        return self.agencies_matching(Selection())[0]

    def agencies_matching(
        self, selection: Selection, limit: int = 0
    ) -> tuple[list[tuple[int, str]], bool]:
        """The first `limit` (AGENCY_CHOICES) agencies by name of the selection's region,
        type and name, with those it names by id; and whether there are more."""
        limit = limit or AGENCY_CHOICES
        where, params = replace(selection, agency_ids=()).agency_where()
        sql = f"""SELECT a.id, a.name FROM disclosures_agency a
        WHERE {where} AND {PUBLISHED} ORDER BY a.name, a.id LIMIT %s"""
        rows = _rows(self.cursor, sql, [*params, True, limit + 1])
        found = dict(rows[:limit])
        if selection.agency_ids:
            sql = f"""SELECT a.id, a.name FROM disclosures_agency a
            WHERE a.id IN ({_placeholders(selection.agency_ids)}) AND {PUBLISHED}"""
            found.update(_rows(self.cursor, sql, [*selection.agency_ids, True]))
        return sorted(found.items(), key=lambda a: (a[1], a[0])), len(rows) > limit


def facets(cursor: Cursor) -> Facets:
    return Facets(cursor)
