"""What every read shares: the selection of disclosures a page covers, as SQL clauses
(each filter's own, from filters.py); the cursor's rows, money as Decimal; and the memo
of answers that read every agency."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar, cast

from comparisons.queries.filters import FILTERS

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
    search: str = ""  # part of the agency's name or of one of its aliases
    scope: str = ""  # department, unit
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
        return self._where("disclosure", alias, clauses, params)

    def agency_where(self) -> tuple[str, list[Any]]:
        """The clauses on the agency (a): its region, type, name and tier."""
        clauses = [LEVELS[self.level]] if self.level else []
        return self._where("agency", "a", clauses, [])

    def _where(
        self, on: str, alias: str, clauses: list[str], params: list[Any]
    ) -> tuple[str, list[Any]]:
        for chosen in FILTERS:
            value = getattr(self, chosen.attr)
            if chosen.on == on and value:
                clause, values = chosen.sql_of(value, alias)
                clauses.append(clause)
                params += values
        return " AND ".join(clauses) or "1 = 1", params

    def every_year(self) -> Selection:
        """The same agencies in all their years and kinds (nearest-year headcounts)."""
        return replace(self, years=(), kind="")


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _money(value: Any) -> Decimal | None:
    # a computed column may come back as float or int; through str it keeps its printed digits
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


def _when(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


MEMO_SECONDS = 60.0
MISSING = object()
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
        # read once: another thread of the web process may clear the memo meanwhile
        answers, key = self.answers, (sql, tuple(params))
        found = answers.get(key, MISSING)
        if found is MISSING:
            if len(answers) >= 1000:
                answers.clear()
            found = answers[key] = build(_rows(cursor, sql, params))
        return cast(T, found)

    def clear(self, version: tuple[Any, ...] = ()) -> None:
        # the answers emptied before the version moves: a thread that sees the new version
        # never finds an answer of the old one
        self.answers, self.since, self.version = {}, time.monotonic(), version


MEMO = Memo()
