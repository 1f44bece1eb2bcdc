"""Rows of text laid out in columns whose amounts were drawn a line above their label.

A layout writer puts each piece of text on the line of its own baseline. Where a table's
cells do not share one (an amount set high in a tall cell), a row comes out as a line of
bare amounts over the line of its code and name:

                                           1,503.52   603.14
    201             一般公共服务支出        2,106.66

The bare line is the row's, not a row of its own: its amounts stand in the columns the
line below leaves empty. It joins that line where the two touch (no blank line between)
and no amount of it stands over a cell of the other; else it is left as it is (a row of
amounts under a label-only 合计 fills the same columns as the row below it).
"""

from __future__ import annotations

from ..cells import has_decimals, is_amount
from .base import Box, Line

OVERLAP = 1.5  # characters two cells may share and still stand in columns of their own


def join_lifted(lines: list[Line | None], char: float) -> list[Line]:
    """The page's lines (None for a blank line), each bare amount line joined to the
    line right below it where it fills that line's empty columns; `char` is the width
    of a character column in the boxes' units."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        below = lines[i + 1] if i + 1 < len(lines) else None
        if line is not None and below is not None and _lifted(line, below, OVERLAP * char):
            out.append(_joined(line, below))
            i += 2
            continue
        if line is not None:
            out.append(line)
        i += 1
    return out


def _money(cell: str) -> bool:
    """An amount with decimals or separators: neither a code nor a page number."""
    return is_amount(cell) and has_decimals(cell)


def _lifted(line: Line, below: Line, overlap: float) -> bool:
    """A bare amount line over a labelled line (a code or a name first) with amounts."""
    if not line.cells or not all(_money(c) for c in line.cells) or _money(below.cells[0]):
        return False
    if not any(_money(c) for c in below.cells):
        return False
    return not any(
        _overlap(a, b) > overlap for a in _spans(line.boxes) for b in _spans(below.boxes)
    )


def _spans(boxes: tuple[Box | None, ...]) -> list[tuple[float, float]]:
    return [(b[0], b[2]) for b in boxes if b is not None]


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


def _joined(line: Line, below: Line) -> Line:
    cells = sorted(
        zip(line.boxes + below.boxes, line.cells + below.cells, strict=True),
        key=lambda pair: pair[0][0] if pair[0] is not None else 0.0,
    )
    return Line(
        page=below.page,
        cells=tuple(c for _, c in cells),
        boxes=tuple(b for b, _ in cells),
    )
