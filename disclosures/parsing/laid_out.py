"""What the character columns of text laid out by another tool (pdftotext -layout) tell.

Such text keeps a table's columns apart by spaces but not its cells: a label wrapped
over three lines in its cell leaves its amount alone on the middle line, beside the
label of another column group ('三、国防支出 … 128.43', where 128.43 is the 单位预留
机动经费 of the group to the right). The columns the amounts stand in tell the two
apart: an amount is a label's only where no amount column of the table lies empty
between them with another group's labels beyond it. A PDF table without rulings leaves
the same puzzle, and the same columns solve it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .cells import is_amount, is_code
from .extract.base import Box, Line
from .extract.text import CHAR_POINTS

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
    """Each page's column groups, where the lines have boxes (else none)."""
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


# the most characters of a header fragment that may end the word above it
WRAP_TAIL = 3


NEAR_CHARS = 6  # how far a wrapped fragment may stand from the word it ends


def header_cells(lines: list[Line], covered: Callable[[str], int]) -> list[str] | None:
    """A header's cells left to right, each word wrapped in its narrow cell joined up
    ('本年支出合' over '计', '项目支' over '出'): a short fragment ends the word of the
    nearest cell above whose span holds it, however many lines up (other cells, centred
    in taller cells, print between), where the two make more of the column words than
    apart (`covered`: how many characters column words cover). Cells are ordered by
    where they start: their lines interleave the columns' words. None where the text
    is not laid out."""
    if not in_columns(lines):
        return None
    cells: list[tuple[float, float, str]] = []  # every cell, top to bottom
    for line in lines:
        for cell, box in _words(line):
            text = cell.replace(" ", "")
            if not text or box is None:
                continue
            at = next((i for i in reversed(range(len(cells))) if _within(box, cells[i])), None)
            if len(text) <= WRAP_TAIL and not is_amount(text):
                # where the writer packed the line above tight ('合计 基本支' over '出'),
                # the fragment may stand past the end of its word: the nearest that it
                # ends into a column word, a few characters off
                for i in [at] if at is not None else _nearest(box, cells):
                    x0, x1, head = cells[i]
                    if covered(head + text) > covered(head) + covered(text):
                        cells[i] = (x0, x1, head + text)
                        break
                else:
                    cells.append((box[0], box[2], text))
                continue
            cells.append((box[0], box[2], text))
    return [text for _, _, text in sorted(cells, key=lambda c: c[0])]


def _words(line: Line) -> list[tuple[str, Box | None]]:
    """A line's cells, those of words one space apart ('合计 基本支' where the writer packed
    the titles tight) cut into their words, each with its own span; letter-spaced
    characters ('合 计') stay one word."""
    out: list[tuple[str, Box | None]] = []
    for cell, box in zip(line.cells, line.boxes, strict=False):
        words = cell.split(" ")
        if box is None or len(words) < 2 or min(len(w) for w in words) < 2:
            out.append((cell, box))
            continue
        at = box[0]
        for word in words:
            out.append((word, (at, box[1], at + len(word) * CHAR_POINTS, box[3])))
            at += (len(word) + 1) * CHAR_POINTS
    return out


def _nearest(box: Box, cells: list[tuple[float, float, str]]) -> list[int]:
    """The cells above within a few characters of the box, nearest first."""
    centre = (box[0] + box[2]) / 2
    gaps = [(abs((x0 + x1) / 2 - centre), i) for i, (x0, x1, _) in enumerate(cells)]
    return [i for gap, i in sorted(gaps) if gap <= NEAR_CHARS * CHAR_POINTS][:1]


def in_columns(lines: list[Line]) -> bool:
    """The lines are laid out in character columns (every cell a flat box)."""
    boxes = [b for line in lines for b in line.boxes]
    return bool(boxes) and all(_flat(b) for b in boxes)


def _within(box: Box, outer: tuple[float, float, str]) -> bool:
    """The box lies under the outer cell (a character of slack either side)."""
    return box[0] >= outer[0] - CHAR_POINTS and box[2] <= outer[1] + CHAR_POINTS
