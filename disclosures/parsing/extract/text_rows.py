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

from ..cells import is_code, is_money
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


def _lifted(line: Line, below: Line, overlap: float) -> bool:
    """A bare amount line over a labelled line (a code or a name first) with amounts, or
    over labels that each take one of its amounts."""
    if not line.cells or not all(is_money(c) for c in line.cells) or is_money(below.cells[0]):
        return False
    if not any(is_money(c) for c in below.cells) and not _pairs(_joined(line, below)):
        return False
    return not any(
        _overlap(a, b) > overlap for a in _spans(line.boxes) for b in _spans(below.boxes)
    )


def _pairs(line: Line) -> bool:
    """Labels side by side, each with one amount after it ('人员经费合计 2,152.26 公用经费
    合计 184.65'): a label-only line's amounts set high."""
    kinds = [is_money(c) for c in line.cells]
    return len(kinds) >= 2 and kinds == [False, True] * (len(kinds) // 2)


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


def join_bands(lines: list[Line | None], char: float) -> list[Line | None]:
    """Rows set apart by blank lines whose code, name and amounts print on lines of their
    own (a tall row: the amount high, the code in the middle, the name low) joined into
    one line: a band of two or three lines, one of them starting with a code, whose
    cells stand in columns of their own."""
    out: list[Line | None] = []
    band: list[Line] = []
    for line in [*lines, None]:
        if line is not None:
            band.append(line)
            continue
        out.extend(_band(band, OVERLAP * char))
        out.append(None)
        band = []
    return out[:-1]


def _band(band: list[Line], overlap: float) -> list[Line]:
    coded = [line for line in band if is_code(line.cells[0])]
    if not 2 <= len(band) <= 3 or len(coded) != 1:
        return band
    spans = [_spans(line.boxes) for line in band]
    for i, mine in enumerate(spans):
        for theirs in spans[i + 1 :]:
            if any(_overlap(a, b) > overlap for a in mine for b in theirs):
                return band
    joined = band[0]
    for line in band[1:]:
        joined = _joined(joined, line)
    return [joined]
