"""Tables set side by side on one page, each under its own title.

Some offices save paper by printing two small tables beside each other on a landscape
page (the 三公 table beside the procurement table, two empty fund tables). Read line by
line across the page, their titles, header lines and rows would join into lines of
both. Where the page's horizontal rulings fall into frames that stand apart across the
page, the text between them is cut at the gutter, from the first line above the frames
to the last below that no text crosses, and each side's lines are read in turn, left
before right. Two halves of one table under one title across the page (a basic-spending
table with 人员经费 on the left and 公用经费 on the right) are left whole: only sides that
each carry a title of their own are cut. A sheet printed two pages a side is cut down the
middle the same way, where nothing crosses the middle from top to foot and the halves'
lines are their own. Pure geometry, no PDF library.
"""

from __future__ import annotations

import re

from .pdf_frags import SLACK, Frag, Rules

# points: a ruling shorter than this is a cell's tick or an underline, not a frame's
MIN_RULE = 30.0
# points: frames closer than this across the page are one table's
MIN_GUTTER = 6.0
# a sheet of two pages: the band down the middle (share of the width) nothing crosses, at
# least this wide; each half with this many lines, fewer than this share of the left's
# level with one of the right's
MIDDLE = (0.35, 0.65)
MIN_BAND = 0.02
MIN_LINES = 6
LEVEL_SHARE = 0.5
FOLIO_OFF = 0.15  # share of a half's width its page number may stand off its middle
_FOLIO = re.compile(r"^[-—–−\s]*(\d{1,3}|第\s*\d{1,3}\s*页.*)[-—–−\s]*$")
# a table's title or its label on one side: '…经费支出表', '…预算表(按经济分类)', '表七', '公开08表'
_TITLE = re.compile(r"表([(（][^)）]*[)）])?$|^附?表[\d一二三四五六七八九十]|^公开\d+表")


def sides(frags: list[Frag], rules: Rules) -> list[list[Frag]]:
    """The page's text cut into the parts to read one after another: the whole page, or
    what stands above the side-by-side frames, each side's, and what stands below; or the
    two pages of a sheet printed two pages a side, each its own."""
    imposed = _two_pages(frags, rules)
    if imposed is not None:
        return [part for page in imposed for part in sides(page, rules)]
    frames = _frames(rules)
    for left, right in zip(frames, frames[1:], strict=False):
        if right[0] - left[1] < MIN_GUTTER or not _level(left, right):
            continue
        gutter = (left[1] + right[0]) / 2
        cut = _cut(frags, gutter, min(left[2], right[2]), max(left[3], right[3]))
        if cut is not None:
            above, first, second, below = cut
            return [
                above,
                *sides(first, _within(rules, 0.0, gutter)),
                *sides(second, _within(rules, gutter, float("inf"))),
                below,
            ]
    return [frags]


Frame = tuple[float, float, float, float]  # x0, x1, top, bottom


def _frames(rules: Rules) -> list[Frame]:
    """The horizontal rulings grouped by the stretch across the page they cover, left to
    right: each group (two rulings or more) one table's frame."""
    frames: list[list[float]] = []
    counts: list[int] = []
    for y, x0, x1 in sorted(
        (r for r in rules.horizontal if r[2] - r[1] >= MIN_RULE), key=lambda r: r[1]
    ):
        if frames and x0 <= frames[-1][1] + SLACK:
            frame = frames[-1]
            frame[1], frame[2], frame[3] = max(frame[1], x1), min(frame[2], y), max(frame[3], y)
            counts[-1] += 1
        else:
            frames.append([x0, x1, y, y])
            counts.append(1)
    return [(f[0], f[1], f[2], f[3]) for f, n in zip(frames, counts, strict=True) if n >= 2]


def _level(a: Frame, b: Frame) -> bool:
    """Frames beside each other: each starts before the other ends, down the page."""
    return a[2] < b[3] and b[2] < a[3]


def _within(rules: Rules, start: float, end: float) -> Rules:
    """The rulings between two places across the page: one side's own frames."""
    return Rules(
        vertical=tuple(r for r in rules.vertical if start < r[0] < end),
        horizontal=tuple(r for r in rules.horizontal if start < r[1] and r[2] < end),
    )


def _cut(
    frags: list[Frag], gutter: float, top: float, bottom: float
) -> tuple[list[Frag], list[Frag], list[Frag], list[Frag]] | None:
    """Above, left, right and below, where no text crosses the gutter between the frames
    and each side carries its own title above its frame; else None."""
    lines: dict[int, list[Frag]] = {}
    for f in frags:
        lines.setdefault(f.line, []).append(f)
    order = sorted(lines.values(), key=lambda line: min(f.mid for f in line))
    crosses = [any(f.x0 < gutter < f.x1 for f in line) for line in order]
    inside = [
        i
        for i, line in enumerate(order)
        if top - SLACK <= min(f.mid for f in line) <= bottom + SLACK
    ]
    if not inside or any(crosses[i] for i in inside):
        return None
    first, last = inside[0], inside[-1]
    while first > 0 and not crosses[first - 1]:
        first -= 1
    while last < len(order) - 1 and not crosses[last + 1]:
        last += 1
    heads = [f for line in order[first : inside[0]] for f in line if f.bottom <= top + SLACK]
    if not all(
        any(_TITLE.search(f.text.replace(" ", "")) for f in side) for side in _halves(heads, gutter)
    ):
        return None
    band = [f for line in order[first : last + 1] for f in line]
    left, right = _halves(band, gutter)
    above = [f for line in order[:first] for f in line]
    below = [f for line in order[last + 1 :] for f in line]
    return above, left, right, below


def _halves(frags: list[Frag], gutter: float) -> tuple[list[Frag], list[Frag]]:
    return [f for f in frags if f.x1 <= gutter], [f for f in frags if f.x0 >= gutter]


def _two_pages(frags: list[Frag], rules: Rules) -> tuple[list[Frag], list[Frag]] | None:
    """A sheet printed two pages a side ('每版打印2页'): nothing crosses a band down its
    middle, from top to foot, and the two halves' lines keep lines of their own, not the
    rows of one table (whose cells stand level across the band)."""
    if not frags:
        return None
    left_edge, right_edge = min(f.x0 for f in frags), max(f.x1 for f in frags)
    width = right_edge - left_edge
    low, high = left_edge + MIDDLE[0] * width, left_edge + MIDDLE[1] * width
    spans = sorted(
        [(f.x0, f.x1) for f in frags]
        + [(x0, x1) for _, x0, x1 in rules.horizontal]
        + [(x, x) for x, _, _ in rules.vertical]
    )
    gutter, reach = None, left_edge
    for x0, x1 in spans:  # the widest free stretch inside the middle
        start, end = max(reach, low), min(x0, high)
        if end - start >= MIN_BAND * width and (
            gutter is None or end - start > gutter[1] - gutter[0]
        ):
            gutter = (start, end)
        reach = max(reach, x1)
    if gutter is None:
        return None
    cut = sum(gutter) / 2
    left = [f for f in frags if f.x1 <= cut]
    right = [f for f in frags if f.x0 >= cut]
    mids = {round(f.mid) for f in left}
    lines = {round(f.mid) for f in right}
    if min(len(mids), len(lines)) < MIN_LINES:
        return None
    if not (_numbered(left) and _numbered(right)):
        return None
    level = sum(any(abs(m - n) <= 1 for n in lines) for m in mids) / len(mids)
    return (left, right) if level < LEVEL_SHARE else None


def _numbered(half: list[Frag]) -> bool:
    """Whether a half ends in a page number of its own, centred under its text: each page
    of the sheet keeps its foot."""
    foot = max(half, key=lambda f: f.bottom)
    start, end = min(f.x0 for f in half), max(f.x1 for f in half)
    centre = (foot.x0 + foot.x1) / 2
    return bool(_FOLIO.match(foot.text)) and abs(centre - (start + end) / 2) <= FOLIO_OFF * (
        end - start
    )
