"""The pieces the PDF table reader works with: glyphs and their boxes, runs of text in
one cell, the page's rulings, and the measures both the ruled and the unruled readings
share. Pure geometry, no PDF library."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .base import Box  # x0, top, x1, bottom

Seg = tuple[float, float, float]  # position across, start, end along the segment

# Fractions of the font size (glyph height). Same line: centres this close;
# real lines are at least ~0.5 apart even in a cell's wrapped text.
LINE_TOL = 0.3
SLACK = 1.5  # points: rulings are drawn a little off the text's edges
# Titles of the code columns of a classification table.
CODE_TITLES = frozenset(("类", "款", "项"))


class Glyph(NamedTuple):
    """One character and its box. A tuple, not a dataclass: pages hold thousands, and
    a tuple is made in a third of the time."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass(slots=True)
class Frag:
    """A run of text in one cell (after step 3, the whole cell)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    line: int  # index of the (last) visual line it comes from
    box: Box | None = None  # the ruled cell around it, where there is one

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def bbox(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True)
class Rules:
    vertical: tuple[Seg, ...] = ()  # (x, top, bottom)
    horizontal: tuple[Seg, ...] = ()  # (y, x0, x1)


def merge_segments(segs: Iterable[Seg]) -> tuple[Seg, ...]:
    """Join collinear pieces: tables are often drawn as one short segment per cell side,
    and a ruling's sides (a hairline drawn as a thin box) a fraction of a point apart."""
    lines: list[list[Seg]] = []
    for seg in sorted(segs):
        if lines and seg[0] - lines[-1][0][0] <= 1.0:
            lines[-1].append(seg)
        else:
            lines.append([seg])
    out: list[Seg] = []
    for line in lines:
        pos = line[0][0]
        start, end = None, 0.0
        for _, s, e in sorted(line, key=lambda seg: seg[1]):
            if start is not None and s > end + 2.0:
                out.append((pos, start, end))
                start = None
            start, end = (s, e) if start is None else (start, max(end, e))
        if start is not None:
            out.append((pos, start, end))
    return tuple(out)


def is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef"
