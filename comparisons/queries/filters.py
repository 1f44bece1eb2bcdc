"""Every filter a reader can choose, defined once: its query parameter, the Selection
attribute that holds it, its SQL, the ORM lookups that give the same rows, and what it
means, for the API's description. The comparison pages and their CSV read through the
SQL (common.Selection); the JSON API through the lookups (api.selectors); the API's
parameters take their descriptions from here. So a page, its CSV and the API cannot
disagree about which agencies a filter keeps.

An agency's filter is written on `a` (disclosures_agency), a disclosure's on the alias
the query gives the disclosure or its summary row (`{t}`: d or s). Each `%s` takes the
filter's value; a filter of several values (`many`) takes them all, in one IN (…).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Filter:
    name: str  # the query parameter and form field
    attr: str  # common.Selection's attribute
    on: str  # "agency" or "disclosure": the row the condition is on
    sql: str
    lookups: tuple[str, ...]  # on the agency or the disclosure; any of them may match
    description: str
    many: bool = False

    def sql_of(self, value: Any, alias: str) -> tuple[str, list[Any]]:
        """The condition and its parameters, for one value or (many) a tuple of them."""
        if self.many:
            values = list(value)
            return self.sql.format(t=alias, values=", ".join(["%s"] * len(values))), values
        given = like(value) if self.name == "q" else value
        return self.sql.format(t=alias), [given] * self.sql.count("%s")


def like(text: str) -> str:
    """A LIKE pattern for text anywhere in the value, its wildcards taken literally."""
    return "%" + "".join("!" + c if c in "!%_" else c for c in text) + "%"


FILTERS: tuple[Filter, ...] = (
    Filter(
        "agency",
        "agency_ids",
        "disclosure",
        "{t}.agency_id IN ({values})",
        ("agency_id__in",),
        "Agencies, by id; repeat for several.",
        many=True,
    ),
    Filter(
        "year",
        "years",
        "disclosure",
        "{t}.year IN ({values})",
        ("year__in",),
        "The budget year; on the comparisons, repeat for several.",
        many=True,
    ),
    Filter(
        "kind",
        "kind",
        "disclosure",
        "{t}.kind = %s",
        ("kind",),
        "budget (预算) or final_accounts (决算).",
    ),
    Filter(
        "scope",
        "scope",
        "disclosure",
        "{t}.scope = %s",
        ("scope",),
        "department (部门, all its units) or unit (单位).",
    ),
    Filter(
        "region",
        "region",
        "agency",
        "(a.province = %s OR a.city = %s OR a.county = %s)",
        ("province", "city", "county"),
        "A province, city or county, as 福建省 or 福州市: agencies there.",
    ),
    Filter(
        "agency_kind",
        "agency_kind",
        "agency",
        "a.kind = %s",
        ("kind",),
        "The kind of body, as 社保中心 or 社保卡中心.",
    ),
    Filter(
        "q",
        "search",
        "agency",
        "(LOWER(a.name) LIKE LOWER(%s) ESCAPE '!' OR EXISTS (SELECT 1 FROM "
        "disclosures_agencyalias al WHERE al.agency_id = a.id "
        "AND LOWER(al.name) LIKE LOWER(%s) ESCAPE '!'))",
        ("name__icontains", "aliases__name__icontains"),
        "Part of the agency's name, or of a name it was also published under.",
    ),
)
BY_NAME = {f.name: f for f in FILTERS}
