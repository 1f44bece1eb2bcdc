"""What the forms offer (years, types, regions a tier at a time, agencies a few at a time)
and how much of a selection a page shows (its first agencies by name)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from comparisons.queries.common import MEMO, Cursor, Selection, _placeholders, _rows

PUBLISHED = """EXISTS (SELECT 1 FROM disclosures_disclosure d
  WHERE d.agency_id = a.id AND d.is_current = %s)"""
AGENCY_CHOICES = 50  # agencies a form lists at once; a region, a type or a name finds the rest
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
    ) -> tuple[list[tuple[int, str]], int]:
        """The first `limit` (AGENCY_CHOICES) agencies by name of the selection's region,
        type and name, with those it names by id; and `limit` if there are more, else 0."""
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
        more = limit if len(rows) > limit else 0
        return sorted(found.items(), key=lambda a: (a[1], a[0])), more


def facets(cursor: Cursor) -> Facets:
    return Facets(cursor)


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
