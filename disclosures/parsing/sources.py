"""The sources of funds an income table adds into each row's total.

收入预算表 / 收入决算表 and their kin print, for every class of spending, the 收入合计 and
what it is made of: 财政拨款, 上级补助, 事业收入, 经营收入, 附属单位上缴, 其他收入, 上年结转,
使用非财政拨款结余 … (their words are in data/column_roles.csv). A row's sources are read
only where the header names a source for every amount column and the total once: a column
the vocabulary does not know, a source named twice (财政拨款 over 一般公共预算 | 政府性基金)
or a second total (本年收入小计 beside 合计) leaves the sum unchecked rather than guessed.
A 其中 column is part of the column before it and is never added.
"""

from __future__ import annotations

from decimal import Decimal

from .columns import APART, Column, column_at, role_of, words_in

SOURCES = frozenset(
    {
        "appropriation",
        "upper_grant",
        "service_income",
        "business_income",
        "subsidiary_income",
        "other_income",
        "carryover",
        "surplus_used",
        "fund_used",
    }
)
Sources = tuple[tuple[str, Decimal], ...]


def source_of(label: str, year: int | None = None) -> str:
    """A column's source of funds, 'total', 'of_which', a role that sets it apart (行次,
    上年, 增减) or 'unknown'."""
    roles = [role for _, role in words_in(label)]
    if "of_which" in roles:
        return "of_which"
    apart = role_of(label, year)
    if apart in APART and apart != "carryover":
        return apart
    found = [r for r in roles if r in SOURCES]
    if found:
        return found[-1]  # the deepest: 其他资金收入 over 事业收入
    return "total" if "total" in roles else "unknown"


def income_roles(columns: list[Column], year: int | None = None) -> list[str] | None:
    """Each column's source, where the header makes the sum checkable; else None. The
    total leads the money (a code split over 类 | 款 | 项 columns may stand before it)."""
    roles = [source_of(c.label, year) for c in columns]
    if roles.count("total") != 1:
        return None
    first = roles.index("total")
    money = roles[first + 1 :]
    found = [r for r in money if r in SOURCES]
    if not found or "unknown" in money or len(set(found)) != len(found):
        return None
    return ["label"] * first + roles[first:]


def row_sources(
    slots: list[Decimal | None],
    centres: list[float | None],
    columns: list[Column],
    roles: list[str],
    total: Decimal,
) -> Sources:
    """A row's amounts by source, a blank cell for nought, placed under the columns they
    stand in; none where two amounts share a column or the total column holds another
    amount than the row's total (the reading disagrees with itself)."""
    if len(slots) != len(centres):  # amounts moved from the line below: no places
        return ()
    placed: dict[int, Decimal] = {}
    for value, centre in zip(slots, centres, strict=True):
        if value is None:
            continue
        column = column_at(columns, centre) if centre is not None else None
        at = -1 if column is None else columns.index(column)
        if at < 0 or at in placed or roles[at] == "label":
            return ()
        placed[at] = value
    if placed.get(roles.index("total")) != total:
        return ()
    return tuple(
        (role, placed.get(i, Decimal(0))) for i, role in enumerate(roles) if role in SOURCES
    )
