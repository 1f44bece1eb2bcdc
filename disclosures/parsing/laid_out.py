"""What the character columns of text laid out by another tool (pdftotext -layout) tell.

Such text keeps a table's columns apart by spaces but not its cells: a label wrapped
over three lines in its cell leaves its amount alone on the middle line, beside the
label of another column group ('三、国防支出 … 128.43', where 128.43 is the 单位预留
机动经费 of the group to the right). The columns the amounts stand in tell the two
apart: an amount is a label's only where no amount column of the table lies empty
between them with another group's labels beyond it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cells import is_amount, is_code
from .extract.base import Box, Line

Span = tuple[float, float]


def _flat(box: Box | None) -> bool:
    """A box laid out in character columns: a span across, no height."""
    return box is not None and box[1] == box[3]


@dataclass(frozen=True)
class Groups:
    """The amount columns of a table's page in laid-out text, and the labels that stand
    beside amounts (the labels of the body, not the header's titles). Each page is laid
    out on its own grid: its columns are its own."""

    amounts: tuple[Span, ...]
    labels: tuple[Span, ...]

    def apart(self, line: Line, label: Box | None, value: Box | None) -> bool:
        """The amount stands in another group than the label: an amount column lies
        between them, empty on this line, and body labels stand beyond it."""
        if label is None or value is None:
            return False
        taken = [(b[0], b[2]) for b in line.boxes if b is not None]
        for x0, x1 in self.amounts:
            if x0 < label[2] or x1 > value[0]:
                continue
            empty = not any(a < x1 and b > x0 for a, b in taken)
            if empty and any(a >= x1 and b <= value[0] for a, b in self.labels):
                return True
        return False


def groups(lines: list[Line]) -> dict[int, Groups]:
    """Each page's column groups, for text laid out in columns only (else none)."""
    boxes = [b for line in lines for b in line.boxes]
    if not boxes or not all(_flat(b) for b in boxes):
        return {}
    amounts: dict[int, list[Span]] = {}
    labels: dict[int, list[Span]] = {}
    for line in lines:
        cells = list(zip(line.cells, line.boxes, strict=False))
        if not any(_money(c) for c, _ in cells):
            continue
        for cell, box in cells:
            if box is not None and cell:
                spans = amounts if _money(cell) else labels
                spans.setdefault(line.page, []).append((box[0], box[2]))
    return {
        page: Groups(_merged(spans), tuple(labels.get(page, ()))) for page, spans in amounts.items()
    }


def apart(groups: dict[int, Groups], line: Line, label: Box | None, value: Box | None) -> bool:
    """The amount stands in another group than the label, by the columns of its page."""
    page = groups.get(line.page)
    return page is not None and page.apart(line, label, value)


def _money(cell: str) -> bool:
    """An amount as the summary's pairs read it: a code is a label."""
    return is_amount(cell) and not is_code(cell)


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    """Spans that overlap down the page are one column."""
    out: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if out and x0 < out[-1][1]:
            out[-1][1] = max(out[-1][1], x1)
        else:
            out.append([x0, x1])
    return tuple((a, b) for a, b in out)
