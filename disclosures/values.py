"""Addresses of single values in a disclosure, as reviewers correct them.

    figure:totals:expenditure          figure:headcount:actual
    item:functional:all:2080501:total  item:economic:basic:30101:total

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
ITEM_AMOUNTS = ("total", "basic", "project", "personnel", "public")
ITEM_SCOPES = {"functional": ("all",), "economic": ("all", "basic")}
CODE = re.compile(r"[0-9]{3,7}")


@dataclass(frozen=True)
class Address:
    kind: str  # "figure" or "item"
    group: str  # the figure's group, or the item's classification
    key: str  # the figure's key, or the item's code
    scope: str = ""  # items only: "all" or "basic"
    amount: str = ""  # items only: which of ITEM_AMOUNTS

    def __str__(self) -> str:
        if self.kind == "figure":
            return f"figure:{self.group}:{self.key}"
        return f"item:{self.group}:{self.scope}:{self.key}:{self.amount}"

    @classmethod
    def parse(cls, text: str) -> Address:
        """The address written as text; ValueError for anything that names no value."""
        parts = text.split(":")
        if parts[0] == "figure" and len(parts) == 3:
            address = cls("figure", parts[1], parts[2])
        elif parts[0] == "item" and len(parts) == 5:
            address = cls("item", parts[1], parts[3], scope=parts[2], amount=parts[4])
        else:
            raise ValueError(f"not a value address: {text!r}")
        if not address.is_valid():
            raise ValueError(f"no such value: {text!r}")
        return address

    def is_valid(self) -> bool:
        if self.kind == "figure":
            return self.key in FIGURE_KEYS.get(self.group, ())
        return (
            self.scope in ITEM_SCOPES.get(self.group, ())
            and CODE.fullmatch(self.key) is not None
            and self.amount in ITEM_AMOUNTS
        )


def level_of(code: str) -> int:
    """类 (3 digits) is level 1, 款 (5) level 2, 项 (7) level 3."""
    return {3: 1, 5: 2, 7: 3}.get(len(code), 3 if len(code) > 5 else 2)
