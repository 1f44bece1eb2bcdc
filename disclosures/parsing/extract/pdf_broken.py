"""A table row broken over a page: word processors let a row's taller cells run on to
the next page ('213010' and '科技转' at the foot of one page, '6' and '化与推广服务' at the
top of the next). The piece at the top is joined back onto the row it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import zip_longest

from ..cells import is_amount, is_money
from .base import Box, Line, Page
from .pdf_layout import wrapped

# Points a continued piece may stand outside its cell's sides.
SLACK = 2.0
# A cell's text that ends within this many of its heights of the cell's right side ran
# on to another line.
WRAP_MARGIN = 2.0
# Words that open a line of their own at a page's top: a table's caption, not a row's rest.
CAPTIONS = ("续表", "续", "表", "附表", "单位", "注", "说明", "编制", "部门", "金额")
# a table's label at the page's top ('公开05表', '公开表3'), not a row's rest
_LABEL = re.compile(r"公开\s*表?\s*\d+\s*表?")


def join_broken_rows(pages: Sequence[Page]) -> tuple[Page, ...]:
    out = list(pages)
    for i in range(1, len(out)):
        before, page = out[i - 1], out[i]
        if not before.lines or not page.lines:
            continue
        joined = _joined(before.lines[-1], page.lines[0])
        if joined is not None:
            out[i - 1] = replace(before, lines=(*before.lines[:-1], joined))
            out[i] = replace(page, lines=page.lines[1:])
    return tuple(out)


def _joined(row: Line, rest: Line) -> Line | None:
    """The row with the piece of it that ran on to the next page, or None where the next
    page's first line is not such a piece: a line without amounts whose every cell stands
    within a cell of the row that holds no amount and whose text runs to the cell's
    right side, one piece a cell (digits only where they end a code)."""
    if not _boxed(row) or not _boxed(rest) or not any(is_money(c) for c in row.cells):
        return None
    if any(_caption(c) for c in rest.cells):
        return None
    cells = list(row.cells)
    taken: set[int] = set()
    for text, box in zip(rest.cells, rest.boxes, strict=True):
        at = _holder(box, row)
        if at is None or at in taken or is_money(cells[at]) or not _full(row, at):
            return None
        if is_amount(text) and not (cells[at] + text).isdigit():  # a code's last digits only
            return None
        taken.add(at)
        cells[at] = wrapped(cells[at], text)
    return replace(row, cells=tuple(cells))


def _caption(cell: str) -> bool:
    return (
        not cell
        or is_money(cell)
        or cell.startswith(CAPTIONS)
        or _LABEL.fullmatch(cell) is not None
        or ":" in cell
        or "：" in cell
    )


def _full(row: Line, at: int) -> bool:
    """Whether the cell's text runs to its ruled right side, as a line does that wraps."""
    frame = row.frames[at] if at < len(row.frames) else None
    box = row.boxes[at]
    if frame is None or box is None:
        return False
    return frame[2] - box[2] <= WRAP_MARGIN * (box[3] - box[1])


def _boxed(line: Line) -> bool:
    return bool(line.cells) and len(line.boxes) == len(line.cells) and None not in line.boxes


def _holder(box: Box | None, row: Line) -> int | None:
    """The cell of the row whose ruled sides stand around the box."""
    if box is None:
        return None
    sides = [f or b for f, b in zip_longest(row.frames, row.boxes)]
    return next(
        (
            i
            for i, b in enumerate(sides)
            if b is not None and b[0] - SLACK <= box[0] and box[2] <= b[2] + SLACK
        ),
        None,
    )
