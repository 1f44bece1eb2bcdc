"""Staff counts from a small table: a header naming the counts (编制数, 实有人数, 在职人数)
over rows of units, or rows naming the counts (编制数 | 实有人数) under columns of kinds
of post (行政编制 | 事业编制 | 合计).

A department's table of its units gives its own figure in the 合计 row; with no 合计
row, only a table of one row is read. The counts stand at the end of their rows, so they
are placed from the right: a 序号 or a unit's name before them moves nothing. Retired
staff (离退休) and staff outside the establishment (编外, 聘用) are no count of either.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .cells import is_total
from .extract.base import Line
from .narrative import Sentence, Stated

_ROLES = (
    ("authorized", re.compile(r"^(核定)?编制(人数|数|总数)?(（人）|\(人\))?$")),
    (
        "actual",
        re.compile(r"^(在职|实有|在编|在职在编|实有在职)(人数|人员|人员数)?(（人）|\(人\))?$"),
    ),
)
_COUNT = re.compile(r"^\d{1,6}$")
_ROWS = 30  # a table of units is short


def read(lines: list[Line]) -> list[Stated]:
    """The counts of the first staff table in `lines`."""
    for i, line in enumerate(lines):
        heads = [_bare(c) for c in line.cells if c.strip()]
        roles = [_role(h) for h in heads]
        if any(roles):
            found = _by_columns(heads, roles, lines[i + 1 : i + 1 + _ROWS], line)
        elif "合计" in heads and len(heads) >= 3:
            found = _by_rows(heads, lines[i + 1 : i + 4])
        else:
            continue
        if found:
            return found
    return []


def _by_columns(
    heads: list[str], roles: list[str | None], below: list[Line], head: Line
) -> list[Stated]:
    rows = []
    for line in below:
        label, counts = _split(line)
        if not counts:
            break
        rows.append((label, counts, line))
    chosen = [r for r in rows if is_total(r[0])] or (rows if len(rows) == 1 else [])
    if not chosen:
        return []
    label, counts, line = chosen[0]
    placed = dict(zip(reversed(roles), reversed(counts), strict=False))
    text = " ".join(head.cells) + " / " + " ".join(line.cells)
    return [
        Stated(role, Decimal(value), "人", Sentence(text, line.page))
        for role, value in placed.items()
        if role is not None
    ]


def _by_rows(heads: list[str], below: list[Line]) -> list[Stated]:
    """Rows 编制数 | 实有人数 under columns ending in 合计: each row's 合计."""
    column = len(heads) - 1 - heads.index("合计")  # from the right
    found = []
    for line in below:
        label, counts = _split(line)
        role = _role(label)
        if role is not None and len(counts) > column:
            text = " ".join(line.cells)
            value = counts[len(counts) - 1 - column]
            found.append(Stated(role, Decimal(value), "人", Sentence(text, line.page)))
    return found


def _split(line: Line) -> tuple[str, list[str]]:
    """A row's label and the whole numbers it ends with."""
    cells = [c.strip() for c in line.cells if c.strip()]
    counts: list[str] = []
    while cells and _COUNT.match(cells[-1]):
        counts.insert(0, cells.pop())
    return (_bare(cells[-1]) if cells else ""), counts


def _role(head: str) -> str | None:
    return next((role for role, pattern in _ROLES if pattern.match(head)), None)


def _bare(cell: str) -> str:
    return cell.replace(" ", "")
