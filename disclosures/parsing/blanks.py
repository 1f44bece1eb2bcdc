"""Rows whose blank cells left no trace: which column the amount belongs to.

Copied out of a PDF as text, a row of 合计 | 基本支出 | 项目支出 whose basic cell is blank
reads '2120399 其他 688091.31 688091.31': two amounts for three columns, and nothing
says whether the second is basic or project. Read in order it would be basic. The
table itself knows: a parent's parts are the sums of its children's, and the 合计 row
prints every part. So each short row (its whole amount in one part, printed twice) is
given the part under which every complete row above it adds up; where no choice, or
more than one, makes the sums hold, the rows are left as read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import permutations
from typing import Protocol

from .cells import SUM_SLACK

_TRIES = 20_000  # assignments examined per parent before giving up


class _Row(Protocol):
    code: str | None
    slots: list[Decimal | None]
    total_row: bool
    columns: dict[str, Decimal | None]


def settle_short_rows(rows: Sequence[_Row], columns: list[str]) -> None:
    """Give each short row the part its parent's sums call for (in place). The 合计
    row tells how many columns carry amounts: trailing columns it leaves blank
    (经营支出, 上缴上级支出…) are blank all the way down."""
    root = next((r for r in rows if r.total_row and r.slots), None)
    width = min(len(root.slots), len(columns)) if root is not None else len(columns)
    if width < 3 or columns[0] != "total":
        return
    # 人员经费 and 公用经费 split 基本支出 again: the whole goes to 基本 or 项目
    nested = ("personnel", "public") if "basic" in columns[:width] else ()
    parts = [c for c in columns[1:width] if c not in nested]
    tree = _children(rows, root)
    choice: dict[int, str] = {}
    for parent, kids in tree.values():
        want = _reading(parent, parts) if parent is not None else None
        open_kids = [k for k in kids if _is_short(k) and k.slots[0]]
        known = [r for k in kids if (r := _reading(k, parts)) is not None]
        blank = [k for k in kids if not any(k.slots)]
        if want is None or not open_kids or len(open_kids) + len(known) + len(blank) < len(kids):
            continue
        found = _solve(want, known, [k.slots[0] or Decimal(0) for k in open_kids], parts)
        if found is not None:
            choice.update({id(k): part for k, part in zip(open_kids, found, strict=True)})
    parents = {id(k): p for p, kids in tree.values() for k in kids}
    for row in rows:  # a short row under a short parent shares its parent's part
        part = _inherited(row, parents, choice)
        if part is not None and _is_short(row):
            total = row.slots[0]
            row.columns = {"total": total} | dict.fromkeys(columns[1:]) | {part: total}


def _reading(row: _Row, parts: list[str]) -> dict[str, Decimal] | None:
    """The row's parts as read, where they add up to its total (a blank part is 0)."""
    if _is_short(row):
        return None
    total = row.columns.get("total")
    values = {p: row.columns.get(p) or Decimal(0) for p in parts}
    if total is None or abs(total - sum(values.values(), Decimal(0))) > SUM_SLACK * len(parts):
        return None
    return values


# the order tables print their breakdown in; where the rows' sums cannot tell two
# orders apart (合计 = 基本 + 项目 holds either way round), the nearer to this one wins
USUAL_ORDER = (
    "total",
    "basic",
    "personnel",
    "public",
    "project",
    "business",
    "upper",
    "subsidiary",
)


def column_orders(
    columns: list[str], most: int = 7, stated: list[str] | None = None
) -> list[list[str]]:
    """The orders a text header's columns may stand in, the usual one first, then by
    fewest swaps from the header's words: a group title (项目支出) printed on a line
    above 合计 comes first in the text, yet its column follows 合计. Where one line of
    the header names every column, the order it `stated` comes first: 合计 | 项目支出 |
    基本支出 is printed so. The total stays first, as every table prints it."""
    if len(columns) < 3 or len(columns) > most or "total" not in columns:
        return [columns]
    rest = [c for c in columns if c != "total"]
    usual = [c for c in USUAL_ORDER if c in columns] + [c for c in rest if c not in USUAL_ORDER]
    orders = [["total", *p] for p in permutations(rest)]
    first, then = (stated, usual) if stated else (usual, columns)
    return sorted(orders, key=lambda order: (_swaps(order, first), _swaps(order, then)))


def _swaps(order: list[str], header: list[str]) -> int:
    rank = {c: i for i, c in enumerate(header)}
    ranks = [rank[c] for c in order]
    return sum(a > b for i, a in enumerate(ranks) for b in ranks[i + 1 :])


def _is_short(row: _Row) -> bool:
    """A row whose amounts are all one figure: its whole total in one part (twice, or
    three times where a 其中 column repeats it); complete rows never look so."""
    values = row.slots
    first = values[0] if values else None
    return (
        len(values) >= 2
        and first is not None
        and all(v is not None and abs(v - first) <= SUM_SLACK for v in values)
    )


def _children(rows: Sequence[_Row], root: _Row | None) -> dict[int, tuple[_Row | None, list[_Row]]]:
    """Each coded row under the nearest row above whose code begins its own; top-level
    rows under the 合计 row (None where the table has none). Keyed by the parent's id."""
    tree: dict[int, tuple[_Row | None, list[_Row]]] = {id(root): (root, [])}
    stack: list[_Row] = []
    for row in rows:
        code = row.code
        if not code:
            continue
        while stack and not _below(code, stack[-1].code):
            stack.pop()
        parent = stack[-1] if stack else root
        tree.setdefault(id(parent), (parent, []))[1].append(row)
        stack.append(row)
    return tree


def _below(code: str, above: str | None) -> bool:
    return above is not None and code != above and code.startswith(above)


def _inherited(row: _Row, parents: dict[int, _Row | None], choice: dict[int, str]) -> str | None:
    node: _Row | None = row
    while node is not None:
        if id(node) in choice:
            return choice[id(node)]
        node = parents.get(id(node))
    return None


def _solve(
    want: dict[str, Decimal],
    known: list[dict[str, Decimal]],
    values: list[Decimal],
    parts: list[str],
) -> tuple[str, ...] | None:
    """The one assignment of parts to the short children (their `values`) under which
    the parent's parts are the sums of its children's; None where none or several fit
    (or the search ran too long to tell)."""
    left = dict(want)
    for kid in known:
        for part in parts:
            left[part] -= kid[part]
    budget = [_TRIES]
    found: list[tuple[str, ...]] = []
    for assignment in _assignments(values, parts, left, budget):
        found.append(assignment)
        if len(found) > 1:
            return None
    return found[0] if found and budget[0] >= 0 else None


def _assignments(
    values: list[Decimal], parts: list[str], want: dict[str, Decimal], budget: list[int]
) -> Iterator[tuple[str, ...]]:
    tolerance = SUM_SLACK * max(len(values), 1)

    def walk(i: int, left: dict[str, Decimal]) -> Iterator[tuple[str, ...]]:
        budget[0] -= 1
        if budget[0] < 0:
            return
        if i == len(values):
            if all(abs(v) <= tolerance for v in left.values()):
                yield ()
            return
        for part in parts:
            if left[part] - values[i] >= -tolerance:
                for rest in walk(i + 1, left | {part: left[part] - values[i]}):
                    yield (part, *rest)

    yield from walk(0, want)
