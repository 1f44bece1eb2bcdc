"""Rows and cells from glyph positions and table rulings on one PDF page.

Pure geometry, no PDF library: `pdf.py` feeds in glyph boxes and ruling
segments (top-left origin, PDF points) and gets back rows of cells. Steps:

1. glyphs -> visual lines, by vertical centre;
2. each line -> fragments, cut at ruled vertical lines and at wide gaps;
3. fragments stacked inside one ruled cell (a wrapped name) -> one cell;
4. cells -> rows, by vertical centre, or aligned between the same rulings;
5. where no ruling holds a row together, its lines set at different heights -> one
   row (`pdf_unruled`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import pairwise

from ..cells import is_money
from .base import Box  # x0, top, x1, bottom
from .pdf_frags import CODE_TITLES, LINE_TOL, SLACK, Frag, Glyph, Rules, Seg, is_cjk
from .pdf_sides import sides
from .pdf_unruled import join_lifted, join_split_rows, letter_spaced, money

# A gap this wide is a column break; word spaces are ~0.25-0.5, and table
# columns without rulings are set at least a full character apart.
GAP_SPLIT = 1.0
# Points: a gap of exactly GAP_SPLIT (two spaces at one size apart) is no break;
# without this margin, rounding in the PDF library would decide it either way.
TIE = 0.01
# A gap this wide inside a cell is a space (only kept beside non-CJK text).
GAP_SPACE = 0.2
# Lines of a wrapped cell are set at most this far apart (top to top); rows of
# a table without horizontal rulings are further apart than that.
WRAP_PITCH = 1.6
# Some producers set wrapped lines far apart (1.8 to 3 sizes); then the line
# above must have run to within this many characters of the cell's right side.
LOOSE_WRAP_PITCH = 3.5
WRAP_MARGIN = 2.0
MAX_INDENT = 4.0  # a wrapped cell's first line may be indented this many characters
# A "cell" holding more lines than this is a table frame, not a cell, unless it
# is narrower than this much of the ruled width (performance-target tables
# hold paragraphs in cells).
MAX_CELL_LINES = 6
MAX_PARAGRAPH_WIDTH = 0.6
LEADERS = frozenset("….·•‥⋯．")
# What may follow a number after a space: its unit or what it counts.
UNITS = frozenset("万元亿千百个人名辆台次项家年月日号平米套批件份户间所天笔条位张期")
MIN_LEADERS = 4
# Tables typed as text (a web page's preformatted block, a text export printed) draw their
# rulings with characters: one down the table cuts the line there; a row of them across
# the table is no text.
TYPED_RULES = frozenset("│┃|¦║")
TYPED_ACROSS = frozenset("-=+─━═┼┬┴├┤┌┐└┘╋╬")
MIN_TYPED_RULE = 3
# Characters of a word spread over its cell stand this many sizes apart, centre to
# centre, or more; set solid, one size.
SPREAD_PITCH = 1.6
# An amount wrapped in a narrow cell ('1049.' over '57', '13.0' over '0', '1049' over
# '.57'): its lines join without a space. One decimal point in all, so two amounts
# stacked in a column without row rulings ('12.50' over '13.00') stay apart.
_WRAPPED_AMOUNT = re.compile(r"[-−]?\d[\d,]*\.\d*\|\d+%?|[-−]?\d[\d,]*\|\.\d+%?")
# A classification code wrapped the same way ('208050' over '5'): five or seven digits
# in all, the line below the shorter.
_WRAPPED_CODE = re.compile(r"[235]\d{4}(?:\d{2})?")


def visual_lines(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by vertical centre, each line left to right, overprints dropped."""
    lines: list[list[Glyph]] = []
    anchor: Glyph | None = None
    for g in sorted(glyphs, key=lambda g: (g.mid, g.x0)):
        if anchor and abs(g.mid - anchor.mid) <= LINE_TOL * max(g.size, anchor.size):
            lines[-1].append(g)
        else:
            lines.append([g])
            anchor = g
    return [_drop_overprint(sorted(line, key=lambda g: g.x0)) for line in lines]


def _drop_overprint(line: list[Glyph]) -> list[Glyph]:
    # Fake bold draws each glyph twice, a fraction of a point apart.
    kept: list[Glyph] = []
    for g in line:
        prev = kept[-1] if kept else None
        if prev and g.text == prev.text and g.x0 - prev.x0 < 0.3 * (prev.x1 - prev.x0):
            continue
        kept.append(g)
    return kept


def _leader_flags(line: list[Glyph]) -> list[bool]:
    """Which glyphs belong to a dot leader (a table of contents' row of dots)."""
    flags = [False] * len(line)
    start = 0
    for i in range(len(line) + 1):
        if i < len(line) and line[i].text in LEADERS:
            continue
        if i - start >= MIN_LEADERS:
            flags[start:i] = [True] * (i - start)
        start = i + 1
    return flags


def split_line(line: list[Glyph], rules: Rules, index: int) -> list[Frag]:
    """Cut a visual line at ruled vertical lines, wide gaps and dot leaders."""
    top = min(g.top for g in line)
    bottom = max(g.bottom for g in line)
    mid = (top + bottom) / 2
    cuts = [x for x, t, b in rules.vertical if t - SLACK <= mid <= b + SLACK]
    leaders = _leader_flags(line)
    frags: list[Frag] = []
    run: list[Glyph] = []
    for g, leader in zip(line, leaders, strict=True):
        prev = run[-1] if run else None
        if g.text in TYPED_RULES:  # a ruling typed as a character: a cut, not text
            if run:
                frags.append(_frag(run, index))
            run = []
            continue
        if prev and (leader or _breaks(prev, g, cuts, run)):
            frags.append(_frag(run, index))
            run = []
        if not leader:
            run.append(g)
    if run:
        frags.append(_frag(run, index))
    return [f for f in frags if not _typed_rule(f.text)]


def _typed_rule(text: str) -> bool:
    """A row of dashes or box-drawing characters typed across a table ('-----+-----')."""
    bare = text.replace(" ", "")
    return len(bare) >= MIN_TYPED_RULE and set(bare) <= TYPED_ACROSS


def _breaks(a: Glyph, b: Glyph, cuts: list[float], run: list[Glyph] | None = None) -> bool:
    gap = b.x0 - a.x1
    if gap > GAP_SPLIT * max(a.size, b.size) + TIE:
        return True
    # an amount set right in its cell, the next cell's text set left: nearer than two
    # columns' texts usually are, but an amount is not followed by a word or another
    # number after a space unless that word is its unit ('9,066.79 一、一般公共服务支出',
    # '3,362,962 195,938,707'; not '12.5 万元')
    if gap > GAP_SPACE * max(a.size, b.size) and run and a.text.isdigit():
        follows = (is_cjk(b.text) and b.text not in UNITS) or b.text.isdigit() or b.text in "-−"
        if follows and _money_run(run):
            return True
    # a ruling between the two glyphs; one through a glyph's middle is text
    # overflowing its cell, which a reader still sees as one piece
    low = max(a.x1 - SLACK, (a.x0 + a.x1) / 2)
    high = min(b.x0 + SLACK, (b.x0 + b.x1) / 2)
    return any(low <= x <= high for x in cuts)


def _money_run(run: list[Glyph]) -> bool:
    """The run so far ends in an amount with decimals or separators ('9,066.79')."""
    tail = re.search(r"[-\d,.]+$", "".join(g.text for g in run[-24:]))
    return tail is not None and is_money(tail.group())


def _frag(run: list[Glyph], index: int) -> Frag:
    parts = [run[0].text]
    for a, b in pairwise(run):
        gap = b.x0 - a.x1
        if gap > GAP_SPACE * max(a.size, b.size) and not (is_cjk(a.text[-1]) and is_cjk(b.text[0])):
            parts.append(" ")
        parts.append(b.text)
    return Frag(
        text="".join(parts),
        x0=run[0].x0,
        x1=max(g.x1 for g in run),
        top=min(g.top for g in run),
        bottom=max(g.bottom for g in run),
        size=max(g.size for g in run),
        line=index,
    )


def cell_box(frag: Frag, rules: Rules) -> Box | None:
    """The ruled cell around a fragment: nearest rulings on all four sides, or None."""
    return RuleIndex(rules).cell_box(frag)


class RuleIndex:
    """Rulings sorted by position, so that the nearest one crossing a point is found
    by looking outwards from it rather than through every ruling on the page."""

    def __init__(self, rules: Rules) -> None:
        self.vertical = sorted(rules.vertical)
        self.horizontal = sorted(rules.horizontal)
        self.xs = [x for x, _, _ in self.vertical]
        self.ys = [y for y, _, _ in self.horizontal]

    def cell_box(self, frag: Frag) -> Box | None:
        mid_x, mid_y = (frag.x0 + frag.x1) / 2, frag.mid
        v, h = self.vertical, self.horizontal
        # the nearest vertical ruling crossing the middle height, each side
        at = bisect_right(self.xs, frag.x0 + SLACK)
        left = next((v[i][0] for i in range(at - 1, -1, -1) if _spans(v[i], mid_y)), None)
        at = bisect_left(self.xs, frag.x1 - SLACK)
        right = next((v[i][0] for i in range(at, len(v)) if _spans(v[i], mid_y)), None)
        # by the middle: wrapped text in spreadsheets runs past the cell's bottom, clipped
        at = bisect_left(self.ys, mid_y)
        top = next((h[i][0] for i in range(at - 1, -1, -1) if _spans(h[i], mid_x)), None)
        at = bisect_right(self.ys, mid_y)
        bottom = next((h[i][0] for i in range(at, len(h)) if _spans(h[i], mid_x)), None)
        if left is None or right is None or top is None or bottom is None:
            return None
        return (left, top, right, bottom)


def _spans(seg: Seg, at: float) -> bool:
    return seg[1] - SLACK <= at <= seg[2] + SLACK


def _box_key(box: Box) -> tuple[int, ...]:
    return tuple(round(v) for v in box)


def merge_wrapped(frags: list[Frag], rules: Rules) -> list[Frag]:
    """Join the lines of text wrapped inside one ruled cell into one fragment.

    Only fragments in the same ruled cell, on successive lines set like the
    lines of one paragraph, and side by side left to right are joined; a frame
    around a whole table without inner rulings is no cell and joins nothing.
    """
    by_box: dict[tuple[int, ...], list[Frag]] = {}
    out: list[Frag] = []
    for f in frags:
        if f.box is None:
            out.append(f)
        else:
            by_box.setdefault(_box_key(f.box), []).append(f)
    span = _ruled_width(rules)
    bands = _column_bands(by_box.values())
    for members in by_box.values():
        members = _join_spaced(members)
        if _band(members[0].box) in bands or not _is_cell(members, span):
            for f in members:  # columns without rulings: laid out as unruled text
                f.box = None
            out.extend(members)
            continue
        out.extend(_stack(members))
    return out


def _column_bands(boxes: Iterable[list[Frag]]) -> set[tuple[int, int]]:
    """The heights of boxes that hold amounts a line each: a table ruled down its columns
    and not between its rows. Every box of such a height is a column, not a cell."""
    return {
        _band(members[0].box)
        for members in boxes
        if len({f.line for f in members if is_money(f.text)}) >= 2
    }


def _band(box: Box | None) -> tuple[int, int]:
    return (round(box[1]), round(box[3])) if box is not None else (0, 0)


def _ruled_width(rules: Rules) -> float:
    xs = [x for x, _, _ in rules.vertical]
    return max(xs) - min(xs) if xs else 0.0


def _is_cell(members: list[Frag], span: float) -> bool:
    """One piece of text per line, and a few lines or a narrow box (a paragraph).

    Two pieces side by side are columns missing the ruling between them; a
    border around a whole page or table holds many lines: neither is one cell.
    """
    lines = [f.line for f in members]
    if len(set(lines)) < len(lines):
        return False
    box = members[0].box
    narrow = box is not None and box[2] - box[0] < MAX_PARAGRAPH_WIDTH * span
    return len(lines) <= MAX_CELL_LINES or narrow


def _join_spaced(members: list[Frag]) -> list[Frag]:
    """Letter-spaced headers ("合    计") are one word: join a line's pieces in one cell
    when each is one or two Chinese characters."""
    by_line: dict[int, list[Frag]] = {}
    for f in sorted(members, key=lambda f: (f.top, f.x0)):
        by_line.setdefault(f.line, []).append(f)
    out: list[Frag] = []
    for pieces in by_line.values():
        if len(pieces) > 1 and all(all(map(is_cjk, p.text)) for p in pieces) and _spread(pieces):
            first = pieces[0]
            first.text = "".join(p.text for p in pieces)
            first.x1 = max(p.x1 for p in pieces)
            pieces = [first]
        out.extend(pieces)
    return out


def _spread(pieces: list[Frag]) -> bool:
    """Pieces of one word set a character at a time: one or two characters each, or
    longer pieces whose own characters stand as far apart ('支 | 出总计' where one gap
    fell short of a column break)."""
    return all(
        len(p.text) <= 2 or (p.x1 - p.x0) / len(p.text) >= SPREAD_PITCH * p.size for p in pieces
    )


def _stack(members: list[Frag]) -> list[Frag]:
    cells: list[Frag] = []
    for f in members:
        above = next((c for c in reversed(cells) if _continues(c, f)), None)
        if above is None:
            cells.append(f)
            continue
        above.text = wrapped(above.text, f.text)
        above.x0, above.x1 = min(above.x0, f.x0), max(above.x1, f.x1)
        above.bottom, above.line = max(above.bottom, f.bottom), f.line
    return cells


def wrapped(head: str, tail: str) -> str:
    """A cell's text with the line it wrapped on to: no space where Chinese meets the
    break or an amount or code was cut by it ('1049.' over '57', '208050' over '5')."""
    if not head:
        return tail
    cjk = is_cjk(head[-1]) or is_cjk(tail[0])
    cut = _WRAPPED_AMOUNT.fullmatch(f"{head}|{tail}") or (
        _WRAPPED_CODE.fullmatch(head + tail) and tail.isdigit() and len(tail) < len(head)
    )
    return head + ("" if cjk or cut else " ") + tail


def _continues(above: Frag, below: Frag) -> bool:
    # side by side, allowing for a first line indented past the next line's end
    indent = MAX_INDENT * below.size
    if below.line <= above.line or below.x0 >= above.x1 or below.x1 + indent <= above.x0:
        return False
    pitch = (below.top - (above.bottom - above.size)) / below.size  # top of above's last line
    if 0 < pitch <= WRAP_PITCH:
        return True
    # loosely set lines still wrap where the text above ran into the cell's right side
    full = above.box is not None and above.box[2] - above.x1 <= WRAP_MARGIN * above.size
    return full and 0 < pitch <= LOOSE_WRAP_PITCH


def group_rows(cells: list[Frag]) -> list[list[Frag]]:
    """Cells into rows: centres level with each other; then the parts of one ruled
    row set at different heights (amounts at the top of a tall cell, the name
    centred) join, except the 类/款/项 titles of the code columns."""
    level: list[list[Frag]] = []
    for c in sorted(cells, key=lambda c: (c.mid, c.x0)):
        if level and _level(level[-1][0], c):
            level[-1].append(c)
        else:
            level.append([c])
    rows: list[list[Frag]] = []
    for row in level:
        if rows and _one_ruled_row(rows[-1], row):
            rows[-1].extend(row)
        else:
            rows.append(row)
    parts = [sorted(part, key=lambda c: c.x0) for row in rows for part in _split_titles(row)]
    return join_split_rows(join_lifted(parts))


def _one_ruled_row(upper: list[Frag], lower: list[Frag]) -> bool:
    if any(min(a.x1, b.x1) - max(a.x0, b.x0) > SLACK for a in upper for b in lower):
        return False  # stacked: two rows of text
    return any(_same_band(a, b) for a in upper for b in lower)


def _level(a: Frag, b: Frag) -> bool:
    return abs(a.mid - b.mid) <= LINE_TOL * max(a.size, b.size)


def _same_band(a: Frag, b: Frag) -> bool:
    """Between the same two horizontal rulings, however each is aligned in its cell."""
    if a.box is None or b.box is None:
        return False
    return abs(a.box[1] - b.box[1]) <= SLACK and abs(a.box[3] - b.box[3]) <= SLACK


def _split_titles(row: list[Frag]) -> list[list[Frag]]:
    """The 类/款/项 titles as a row of their own when set apart from the row's label.

    Final accounts put them at the top of the ruled row whose centred label is
    合计; read as one line, "类 款 项 合计" would be a header, not the total row.
    Titles level with some other words ("类 款 项 合计" all centred) stay.
    """
    titles = [c for c in row if c.text.replace(" ", "") in CODE_TITLES]
    words = [c for c in row if c not in titles and any(map(is_cjk, c.text))]
    rest = [c for c in row if c not in titles]
    if titles and rest and all(map(money, rest)):  # the 合计's amounts set high beside them
        return [titles, rest]
    if not titles or not words or any(_level(t, w) for t in titles for w in words):
        return [row]
    return [titles, rest]


def layout_rows(glyphs: Iterable[Glyph], rules: Rules) -> list[list[Frag]]:
    """The whole pipeline: glyphs and rulings in, rows of cells (left to right) out."""
    frags: list[Frag] = []
    for index, line in enumerate(visual_lines(glyphs)):
        frags.extend(letter_spaced(split_line(line, rules, index), rules))
    if rules.vertical and rules.horizontal:
        ruled = RuleIndex(rules)
        for f in frags:
            f.box = ruled.cell_box(f)
        frags = merge_wrapped(frags, rules)
    return [row for part in sides(frags, rules) for row in group_rows(part)]
