"""Tables that print their classes by name alone, with no code column: '一般公共服务支出',
'  审计事务', '    行政运行', or '工资福利支出', '  基本工资'. Each row is given the code
its official name has under the class or 款 above it, so that the rows read as any coded
table's (parents and children, short rows settled by their sums)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Protocol

from . import classification
from .cells import SUM_SLACK, fits_within

MIN_NAMED = 5  # rows all named as classes where they stand: a table of classes

# (name, level, parent, the sibling before, a name a character off too) -> the code of
# that name at that level under that parent
Lookup = Callable[[str, int, str | None, str, bool], str | None]


def _functional(
    name: str, level: int, parent: str | None, before: str = "", near: bool = False
) -> str | None:
    return classification.functional_code_for_name(name, level, parent, near=near)


def _economic(family: str) -> Lookup:
    """Department (3xx) or government (5xx) economic classes and their items."""

    def lookup(
        name: str, level: int, parent: str | None, before: str = "", near: bool = False
    ) -> str | None:
        if level == 1:
            return classification.economic_code_for_name(name, family)
        if level != 2 or parent is None:
            return None
        # a name two codes bear: the one after the sibling before, as tables list in order
        found = classification.economic_codes_for_name(name, parent, near=near)
        later = [code for code in found if code > before]
        return next(iter(later or found), None)

    return lookup


class _Row(Protocol):
    code: str | None
    name: str
    total_row: bool
    slots: list[Decimal | None]


def coded_by_name(rows: Sequence[_Row]) -> None:
    """Each row with amounts the code its official name has under the class or 款 above it
    (in place), the first being a 类. A row whose name is no class (a unit's row, a
    running head caught in the table) is passed over. The codes are kept only where the
    rows bear them out: every parent the sum of its children, two such sums at least; or
    every row from the first class on an official name where it stands, MIN_NAMED at
    least, and the classes the sum of the 合计 (an item's amount the document got wrong is
    then its finding, not a reason to lose the table). Else nothing is coded, for names of
    anything else (projects, units) are no classes and a table coded wrong would add up
    wrong."""
    named = [row for row in rows if not row.total_row and row.name and _first(row) is not None]
    starts = [
        (i, lookup)
        for lookup in (_functional, _economic("3"), _economic("5"))
        for i, row in enumerate(named)
        if lookup(row.name, 1, None, "", False)
    ]
    if not starts:
        return
    start, lookup = min(starts, key=lambda found: found[0])
    coded: list[tuple[_Row, str]] = []
    above: dict[int, str] = {}
    for row in named[start:]:
        found = _code(row, above, coded, lookup)
        if found is not None:
            level, code = found
            coded.append((row, code))
            above = {k: v for k, v in above.items() if k < level} | {level: code}
    total = next((_first(row) for row in rows if row.total_row), None)
    whole = len(coded) == len(named) - start >= MIN_NAMED and _classes_hold(coded, total)
    if whole or _sums_hold(coded, total):
        for row, code in coded:
            row.code = code


def _sums_hold(coded: list[tuple[_Row, str]], total: Decimal | None) -> bool:
    """Every parent the sum of its children, the classes that of the 合计 row."""
    if total is not None and not _classes_hold(coded, total):
        return False
    held = parents_add_up({code: _first(row) for row, code in coded})
    return len(held) >= 2 and all(held)


def _classes_hold(coded: list[tuple[_Row, str]], total: Decimal | None) -> bool:
    """The classes add up to the 合计 row."""
    classes = [v for row, c in coded if len(c) == 3 and (v := _first(row)) is not None]
    return total is not None and abs(total - sum(classes, Decimal(0))) <= SUM_SLACK * len(classes)


def parents_add_up(amounts: Mapping[str, Decimal | None]) -> list[bool]:
    """For each code with its children among `amounts` (code -> amount): whether its
    amount is theirs added up, a cent of rounding allowed each."""
    held = []
    for parent, whole in amounts.items():
        kids = [v for c, v in amounts.items() if len(c) == len(parent) + 2 and c.startswith(parent)]
        if kids and whole is not None:
            added = sum((k for k in kids if k is not None), Decimal(0))
            held.append(abs(whole - added) <= SUM_SLACK * len(kids))
    return held


def _code(
    row: _Row, above: dict[int, str], coded: list[tuple[_Row, str]], lookup: Lookup
) -> tuple[int, str] | None:
    """The row's level and code: a 款 or 项 under the rows above where its name is one
    there and its amount fits in what its parent has left, else a 类 of that name; where
    none is, a 款 or 项 there whose name is a character off (a misprint)."""
    found = _named(row, above, coded, lookup, near=False)
    return found if found is not None else _named(row, above, coded, lookup, near=True)


def _named(
    row: _Row, above: dict[int, str], coded: list[tuple[_Row, str]], lookup: Lookup, near: bool
) -> tuple[int, str] | None:
    within = []
    for level in (2, 3):
        parent = above.get(level - 1)
        before = max((c for _, c in coded if parent and c[:-2] == parent), default="")
        code = lookup(row.name, level, parent, before, near) if parent else None
        if code is not None and code != above.get(level):  # a 项 named as its 款
            within.append((level, code))
    fitting = [(lv, c) for lv, c in within if _fits(row, c, coded)]
    top = lookup(row.name, 1, None, "", False)
    if fitting or (within and top is None):
        return (fitting or within)[0]
    if not within and coded and _repeats(row, coded[-1][0]):
        # '其他支出' printed again under the 款 '其他支出' where the list has no such 项:
        # the same class a level down, as the coded tables print it with the 款's code
        return min(max(above) + 1, 3), coded[-1][1]
    return (1, top) if top is not None else None


def _repeats(row: _Row, before: _Row) -> bool:
    """Whether the row repeats the one before it: the same name and the same amounts."""
    same = classification.normalize_name(row.name) == classification.normalize_name(before.name)
    return same and row.slots == before.slots


def _fits(row: _Row, code: str, coded: list[tuple[_Row, str]]) -> bool:
    """Whether the row's first amount fits in its parent's first amount less its
    siblings' read so far."""
    parent = code[:-2]
    amounts = {c: _first(r) for r, c in coded}
    whole, own = amounts.get(parent), _first(row)
    if whole is None or own is None:
        return True
    return fits_within(own, whole, [v for c, v in amounts.items() if c[:-2] == parent])


def _first(row: _Row) -> Decimal | None:
    return next((v for v in row.slots if v is not None), None)
