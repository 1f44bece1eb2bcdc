"""Rows of a table page where no ruling says which cell a piece of text is in: tables
typeset with spaces, exported without borders, or drawn in a way not taken for rulings.
Only the text's own positions tell: a label set a character at a time is one word, a
line of bare amounts set high in a tall row is that row's, and a row whose cells sit at
the top, middle and bottom of its height is one row."""

from __future__ import annotations

import re
from itertools import pairwise

from ..cells import NOTE, is_code, is_money
from .pdf_frags import CODE_TITLES, LINE_TOL, SLACK, Frag, Rules, is_cjk

# Sizes: the widest gap between the characters of a letter-spaced label, and how much
# one gap in it may exceed another.
SPACED_GAP = 3.0
EVEN = 1.5
MIN_SPREAD = 0.5  # sizes between the characters of a piece of a letter-spaced word
# Font sizes: a line of bare amounts set high in a tall row, where no ruling says whose
# they are, lies at most this far above its row's label (centre to centre).
LIFT = 1.6
# Font sizes: the most space between the lines of one row set at different heights.
JOIN_GAP = 1.0
_TITLE = re.compile(r"^\D{4,}表([(（][^)）]*[)）])?$")


def letter_spaced(frags: list[Frag], rules: Rules) -> list[Frag]:
    """Outside ruled cells, a label set a character at a time, evenly apart ("收  入  总
    计"), is one word: single Chinese characters in a row whose gaps are alike and under
    SPACED_GAP sizes. The 类/款/项 titles of separate columns stay apart."""
    out: list[Frag] = []
    run: list[Frag] = []

    def flush() -> None:
        if len(run) > 1 and _evenly(run):
            first = run[0]
            first.text = "".join(f.text for f in run)
            first.x1 = run[-1].x1
            out.append(first)
        else:
            out.extend(run)
        run.clear()

    for f in frags:
        single = (len(f.text) == 1 or _spread(f)) and f.text not in CODE_TITLES
        single = single and all(map(is_cjk, f.text))
        if single and run and _spaced(run[-1], f, rules):
            run.append(f)
            continue
        flush()
        if single:
            run.append(f)
        else:
            out.append(f)
    flush()
    return out


def _spaced(a: Frag, b: Frag, rules: Rules) -> bool:
    """b may go on a's letter-spaced word: near enough, and no ruling between them."""
    if b.x0 - a.x1 > SPACED_GAP * b.size:
        return False
    return not any(
        a.x1 - SLACK <= x <= b.x0 + SLACK and top <= b.mid <= bottom
        for x, top, bottom in rules.vertical
    )


def _evenly(run: list[Frag]) -> bool:
    gaps = [b.x0 - a.x1 for a, b in pairwise(run)]
    gaps += [g for f in run if (g := _inner_gap(f)) is not None]
    return min(gaps) > 0 and max(gaps) <= EVEN * min(gaps) + SLACK


def _spread(f: Frag) -> bool:
    """A piece of a letter-spaced word: two or three characters set apart as widely as the
    word's other characters, where the gap between two of them fell just short of a
    column break ('收  入' of '收  入  总  计' in a monospace font)."""
    gap = _inner_gap(f)
    return 2 <= len(f.text) <= 3 and gap is not None and gap > MIN_SPREAD * f.size


def _inner_gap(f: Frag) -> float | None:
    """The space between a piece's characters, each as wide as the type is high."""
    n = len(f.text)
    return None if n < 2 else (f.x1 - f.x0 - n * f.size) / (n - 1)


def money(frag: Frag) -> bool:
    """An amount with decimals or separators: neither a code nor a page number."""
    return is_money(frag.text)


def join_lifted(rows: list[list[Frag]]) -> list[list[Frag]]:
    """A line of bare amounts set high in a tall row joins the row below it, where no
    ruling holds the two together: the amounts of 基本支出 and 项目支出 at the top of their
    cells, the code, name and 合计 centred. It joins only a labelled row (a code or name
    first) just below it, nearer than the row above, and only into columns that row
    leaves empty."""
    out: list[list[Frag]] = []
    for i, row in enumerate(rows):
        below = rows[i + 1] if i + 1 < len(rows) else None
        above = out[-1] if out else None
        if below is not None and _lifted(row, below, above):
            below[:0] = row
            below.sort(key=lambda c: c.x0)
            continue
        out.append(row)
    return out


def _lifted(row: list[Frag], below: list[Frag], above: list[Frag] | None) -> bool:
    if not all(money(c) for c in row) or money(below[0]) or any(c.box for c in row + below):
        return False
    size = max(c.size for c in row)
    mid, under = _centre(row), _centre(below)
    if not 0 < under - mid <= LIFT * size:
        return False
    # the row above, unless it is the 类/款/项 titles split off this same line
    if above is not None and LINE_TOL * size < mid - _centre(above) <= under - mid:
        return False
    return not any(min(a.x1, b.x1) - max(a.x0, b.x0) > SLACK for a in row for b in below)


def _coded(row: list[Frag]) -> bool:
    """The row starts with a classification code, bracketed or not ('[201]')."""
    return is_code(row[0].text.strip("[]【】"))


def join_split_rows(rows: list[list[Frag]]) -> list[list[Frag]]:
    """Where no rulings hold a row together and its cells are set at different heights
    (the code at the top, the name and amounts lower, a wrapped name's end below), the
    row's lines are joined: after a line that starts with a code, the lines that do not,
    each near enough and standing in columns the row leaves empty (or ending a name
    wrapped under the row's own), up to the next code."""
    out: list[list[Frag]] = []
    for i, row in enumerate(rows):
        head = out[-1] if out else None
        before = out[-2] if len(out) > 1 else None
        after = rows[i + 1] if i + 1 < len(rows) else None
        if (
            head is not None
            and _continues_row(head, row)
            and not _centred_name(before, head, row)
            and not _name_above(head, row, after)
        ):
            for frag in row:
                above = _wrapped_in(head, frag)
                if above is None:
                    head.append(frag)
                else:
                    above.text += frag.text
                    above.bottom = max(above.bottom, frag.bottom)
            head.sort(key=lambda c: c.x0)
            continue
        out.append(row)
    return out


def _continues_row(head: list[Frag], row: list[Frag]) -> bool:
    if any(c.box for c in head + row) or not _coded(head) or _coded(row):
        return False
    size = max(c.size for c in head)
    if min(c.top for c in row) - max(c.bottom for c in head) > JOIN_GAP * size:
        return False
    if any(c.text.replace(" ", "").endswith(("合计", "总计", "小计")) for c in row):
        return False  # a total row ('人员经费合计 2,152.26 | 公用经费合计 184.65')
    text = "".join(c.text for c in row).replace(" ", "")
    if _TITLE.search(text) or NOTE.match(text):
        return False  # the next table's title or the note under the table, set close below
    return all(_wrapped_in(head, c) is not None or not _overlapping(head, c) for c in row)


def _centred_name(before: list[Frag] | None, head: list[Frag], row: list[Frag]) -> bool:
    """A name wrapped around the code's line, half above it and half below: the line
    above is that name's first half alone, over the text of the line below. The text
    reader joins such a name; the row's lines stay as they are."""
    if before is None or len(before) != 1 or _coded(before):
        return False
    size = max(c.size for c in head)
    if min(c.top for c in head) - before[0].bottom > JOIN_GAP * size:
        return False
    return any(min(c.x1, before[0].x1) - max(c.x0, before[0].x0) > SLACK for c in row)


def _name_above(head: list[Frag], row: list[Frag], after: list[Frag] | None) -> bool:
    """The line is the first half of the next row's name, centred around that row's code
    line: text alone, over an empty slot of a row that starts with a code, and nearer to
    that row than to the one above."""
    if after is None or not _coded(after) or any(money(c) for c in row):
        return False
    if any(_overlapping(after, c) for c in row):
        return False
    below = _centre(after) - _centre(row)
    return below < _centre(row) - _centre(head)


def _overlapping(row: list[Frag], frag: Frag) -> bool:
    return any(min(c.x1, frag.x1) - max(c.x0, frag.x0) > SLACK for c in row)


def _wrapped_in(row: list[Frag], frag: Frag) -> Frag | None:
    """The name in the row whose wrapped end this piece of text is: Chinese under Chinese,
    starting within the name's span."""
    if not is_cjk(frag.text[0]):
        return None
    return next(
        (c for c in row if is_cjk(c.text[-1]) and c.x0 - SLACK <= frag.x0 <= c.x1),
        None,
    )


def _centre(row: list[Frag]) -> float:
    return sum(c.mid for c in row) / len(row)
