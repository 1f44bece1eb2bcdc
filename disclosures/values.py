"""Addresses of single values in a disclosure, as reviewers correct them.

    figure:totals:expenditure          figure:headcount:actual
    item:functional:all:2080501:total  item:economic:basic:30101:total
    change:1:一般公共预算财政拨款支出:percent  (the first change stated of that subject)

A correction is stored against an address rather than a row, so that it outlives a
rebuild of the rows (a second file arrives, a parse runs again) and is applied again
after it. Pure: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from disclosures.parsing.model import TOTAL_KEYS

# the figures a disclosure can state, by group; a reviewer may add one the parse missed
FIGURE_KEYS: dict[str, tuple[str, ...]] = {
    "totals": TOTAL_KEYS,
    "headcount": ("authorized", "actual"),
    "prior_year": ("expenditure", "revenue"),
    "three_public": (
        "total",
        "abroad",
        "reception",
        "vehicles",
        "vehicle_purchase",
        "vehicle_operation",
    ),
}
# what a figure counts, by group, where it is not money in 万元
FIGURE_UNITS = {"headcount": "people"}
# a change against the prior year as the document states it: this year's amount, the
# change (万元) and the change in percent
CHANGE_AMOUNTS = ("current", "delta", "percent")
ITEM_AMOUNTS = ("total", "basic", "project", "personnel", "public")
ITEM_SCOPES = {"functional": ("all",), "economic": ("all", "basic")}
CODE = re.compile(r"[0-9]{3,7}")


@dataclass(frozen=True)
class Address:
    kind: str  # "figure", "item" or "change"
    group: str  # the figure's group, the item's classification, or which change of its subject
    key: str  # the figure's key, the item's code, or the change's subject
    scope: str = ""  # items only: "all" or "basic"
    amount: str = ""  # which of ITEM_AMOUNTS or CHANGE_AMOUNTS

    def __str__(self) -> str:
        if self.kind == "figure":
            return f"figure:{self.group}:{self.key}"
        if self.kind == "change":
            return f"change:{self.group}:{self.key}:{self.amount}"
        return f"item:{self.group}:{self.scope}:{self.key}:{self.amount}"

    @classmethod
    def parse(cls, text: str) -> Address:
        """The address written as text; ValueError for anything that names no value."""
        parts = text.split(":")
        if parts[0] == "figure" and len(parts) == 3:
            address = cls("figure", parts[1], parts[2])
        elif parts[0] == "item" and len(parts) == 5:
            address = cls("item", parts[1], parts[3], scope=parts[2], amount=parts[4])
        elif parts[0] == "change" and len(parts) >= 4:  # a subject may hold a colon
            address = cls("change", parts[1], ":".join(parts[2:-1]), amount=parts[-1])
        else:
            raise ValueError(f"not a value address: {text!r}")
        if not address.is_valid():
            raise ValueError(f"no such value: {text!r}")
        return address

    def is_valid(self) -> bool:
        if self.kind == "figure":
            return self.key in FIGURE_KEYS.get(self.group, ())
        if self.kind == "change":
            ordinal = self.group.isascii() and self.group.isdigit() and 0 < int(self.group) < 1000
            return ordinal and bool(self.key.strip()) and self.amount in CHANGE_AMOUNTS
        return (
            self.scope in ITEM_SCOPES.get(self.group, ())
            and CODE.fullmatch(self.key) is not None
            and self.amount in ITEM_AMOUNTS
        )


def unit_of(address: str) -> str:
    """What the value at this address counts: "people", "percent", or "wan" (money in 万元)."""
    parts = address.split(":")
    if parts[0] == "figure" and len(parts) == 3:
        return FIGURE_UNITS.get(parts[1], "wan")
    if parts[0] == "change" and parts[-1] == "percent":
        return "percent"
    return "wan"


def level_of(code: str) -> int:
    """类 (3 digits) is level 1, 款 (5) level 2, 项 (7) level 3."""
    return {3: 1, 5: 2, 7: 3}.get(len(code), 3 if len(code) > 5 else 2)
