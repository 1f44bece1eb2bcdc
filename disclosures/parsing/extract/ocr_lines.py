"""Table rows from OCR boxes: pure geometry, no OCR library.

The OCR engine returns one box per run of text it sees, as four corner points.
A scanned table comes back as boxes scattered over the page, a little turned;
here they are straightened (`deskew`), grouped into visual lines by vertical
overlap, and ordered by x, each box a cell, so that the table readers see the
same lines of cells as from a PDF's text layer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from statistics import median

from ..cells import is_amount
from .base import Box, Line
from .ocr_cells import mend_amount

Point = tuple[float, float]

# Boxes are on one line when their vertical overlap is at least this share of
# the lower box; rows of a table are further apart than that even when cramped.
LINE_OVERLAP = 0.5
# Only boxes this many times wider than high tell the page's skew reliably.
SKEW_MIN_ASPECT = 4.0
MAX_SKEW = math.radians(8)  # beyond this, boxes are not text lines of a table page
MIN_SKEW = math.radians(0.05)
# An amount glued to a label in one box ('80.00五、教育支出'), either way round:
# the OCR's detector joins cells that are set close together.
_GLUED = (
    # an amount set right against the next cell's label set left ('469.84 本年支出合计')
    re.compile(r"^(?P<a>[-−]?\d[\d,]*\.\d+)\s*(?P<b>[^\d\s,.].*)$"),
    re.compile(r"^(?P<a>.*[^\d\s,.(（:：-])\s*(?P<b>[-−]?\d[\d,]*\.\d+)$"),
)
_AMOUNT = re.compile(r"^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
NARROW = 0.55  # width of a digit or a Latin letter, in CJK character widths


@dataclass(frozen=True)
class Word:
    """One OCR box: its text, its corners in PDF points, and the engine's confidence."""

    text: str
    quad: tuple[Point, ...]  # four corners, clockwise from the top left
    score: float = 1.0

    @property
    def box(self) -> Box:
        xs = [x for x, _ in self.quad]
        ys = [y for _, y in self.quad]
        return (min(xs), min(ys), max(xs), max(ys))


def skew(words: list[Word]) -> float:
    """The page's rotation in radians, from the top edges of the long boxes."""
    angles = []
    for w in words:
        (x0, y0), (x1, y1) = w.quad[0], w.quad[1]
        length = math.hypot(x1 - x0, y1 - y0)
        height = math.hypot(w.quad[3][0] - x0, w.quad[3][1] - y0)
        if x1 > x0 and length >= SKEW_MIN_ASPECT * max(height, 1.0):
            angle = math.atan2(y1 - y0, x1 - x0)
            if abs(angle) <= MAX_SKEW:
                angles.append(angle)
    return median(angles) if len(angles) >= 3 else 0.0


def deskew(words: list[Word]) -> list[Word]:
    """Boxes turned back by the page's skew, about the top-left corner.

    A turn of one degree moves the right end of a 800-point table row 14 points
    down, a whole line; the boxes are turned back, not the image, so the OCR
    runs once (its recogniser reads slightly turned text well).
    """
    angle = skew(words)
    if abs(angle) < MIN_SKEW:
        return words
    cos, sin = math.cos(-angle), math.sin(-angle)
    return [
        Word(w.text, tuple((x * cos - y * sin, x * sin + y * cos) for x, y in w.quad), w.score)
        for w in words
    ]


def split_glued(word: Word) -> list[Word]:
    """'80.00五、教育支出' -> '80.00' | '五、教育支出', the box cut where the text is."""
    for pattern in _GLUED:
        match = pattern.match(word.text)
        if match and _AMOUNT.match(match.group("a") if pattern is _GLUED[0] else match.group("b")):
            left, right = match.group("a").strip(), match.group("b").strip()
            x0, top, x1, bottom = word.box
            cut = x0 + (x1 - x0) * _width(left) / (_width(left) + _width(right))
            return [
                _boxed(left, (x0, top, cut, bottom), word),
                _boxed(right, (cut, top, x1, bottom), word),
            ]
    return [word]


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{2}")


def split_amounts(word: Word) -> list[Word]:
    """Amounts of cells side by side read as one box: '371,514,655.0018,120,593.00' ->
    '371,514,655.00' | '18,120,593.00'. Only amounts grouped by thousands with two
    decimals are cut, where each piece's place is beyond doubt."""
    parts = _GROUPED.findall(word.text)
    if len(parts) < 2 or "".join(parts) != word.text or is_amount(mend_amount(word.text)):
        return [word]  # one amount, or one with a comma read as a dot ('2.729.18')
    x0, top, x1, bottom = word.box
    char = (x1 - x0) / sum(len(p) for p in parts)
    out, left = [], x0
    for k, part in enumerate(parts):
        right = left + char * len(part)
        # a character's gap between the pieces, as between the cells they were printed in
        inner = (left + char / 2 if k else left, right - char / 2 if k < len(parts) - 1 else right)
        out.append(_boxed(part, (inner[0], top, inner[1], bottom), word))
        left = right
    return out


def _width(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E7F else NARROW for ch in text) or 1.0


def _boxed(text: str, box: Box, word: Word) -> Word:
    x0, top, x1, bottom = box
    return Word(text, ((x0, top), (x1, top), (x1, bottom), (x0, bottom)), word.score)


def words_to_lines(words: list[Word], page: int) -> tuple[Line, ...]:
    """Boxes grouped into lines by vertical overlap, each line left to right."""
    groups: list[list[Word]] = []
    for word in sorted(words, key=_middle):
        group = _line_for(groups, word)
        if group is None:
            groups.append([word])
        else:
            group.append(word)
    lines = []
    for group in sorted(groups, key=lambda g: median(_middle(w) for w in g)):
        group.sort(key=lambda w: w.box[0])
        boxes = tuple(_rounded(w.box) for w in group)
        lines.append(
            Line(
                page=page,
                cells=tuple(w.text for w in group),
                boxes=boxes,
                xs=tuple(b[0] for b in boxes),
            )
        )
    return tuple(lines)


def _line_for(groups: list[list[Word]], word: Word) -> list[Word] | None:
    """The line among the last few that this box overlaps enough, if any."""
    _, top, _, bottom = word.box
    best, best_overlap = None, 0.0
    for group in groups[-4:]:
        g_top = median(w.box[1] for w in group)
        g_bottom = median(w.box[3] for w in group)
        overlap = min(bottom, g_bottom) - max(top, g_top)
        share = overlap / max(min(bottom - top, g_bottom - g_top), 1.0)
        if share >= LINE_OVERLAP and share > best_overlap:
            best, best_overlap = group, share
    return best


def _middle(word: Word) -> float:
    return (word.box[1] + word.box[3]) / 2


def _rounded(box: Box) -> Box:
    return (round(box[0], 1), round(box[1], 1), round(box[2], 1), round(box[3], 1))
