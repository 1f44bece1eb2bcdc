"""The “三公” table, printed either down the page (one part a row) or across it
(one part a column under a two-level header, as in 公开09表 of Jiangsu budgets)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import partial
from itertools import zip_longest

from .cells import TOTAL_LABELS, amount, column_numbers, is_amount, strip_ordinal, to_wan
from .columns import owner
from .extract.base import Box, Line
from .pairs import amount_columns, read_pairs
from .three_public_text import SUMS, current_titles, holds, place, this_side

# (words that must all appear in the label, part); first match wins
PARTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("三公", "小计"), "total"),
    (("公务用车", "小计"), "vehicles"),
    (("三公", "合计"), "total"),
    (("合计",), "total"),
    (("因公出国",), "abroad"),
    (("公务接待",), "reception"),
    (("购置及运行",), "vehicles"),
    (("用车购置",), "vehicle_purchase"),
    (("运行",), "vehicle_operation"),
)
EXTRA_COLUMNS = ("会议费", "培训费")  # then 合计 covers more than the 三公


@dataclass(frozen=True)
class Part:
    part: str
    value: Decimal
    line: Line
    label: str


def part_of(label: str, wider: bool) -> str | None:
    """`wider`: the table adds 会议费/培训费 columns, so its 合计 is not the 三公 total.
    机关运行经费 beside the 三公 is none of its parts."""
    if "机关运行" in label:
        return None
    for words, part in PARTS:
        if all(w in label for w in words):
            return None if (wider and words == ("合计",)) else part
    return None


def _this_year_side(lines: list[Line]) -> Callable[[float], bool] | None:
    """A header may print the same columns twice, each side under its own title: the
    budget beside what was spent (预算数 | 决算数), last year's beside this year's
    (2025年预算数 | 2026年预算数, 上年 | 本年). A test of x for this year's spending, or
    None where there is one side."""
    for line in lines[:8]:
        # a title set left in its ruled cell owns the cell's width, not its words'
        sides = [f or b for f, b in zip_longest(_frames(line), line.boxes)]
        cells = sorted(
            (b[0], b[2], c.replace(" ", ""))
            for c, b in zip(line.cells, sides, strict=False)
            if b is not None and c.strip()
        )
        kept = current_titles([t for _, _, t in cells])
        if kept:
            return partial(_within, cells, kept)
    return None


def _within(cells: list[tuple[float, float, str]], kept: set[str], x: float) -> bool:
    return owner(cells, x) in kept


def read(lines: list[Line], unit: str) -> list[Part]:
    lines = [line for line in lines if not _numbers_only(line)]
    side = _this_year_side(lines)
    if side is not None:
        lines = [_keep(line, side) for line in lines]
    grid = (
        [] if _down_the_page(lines) else _read_across(lines, unit) or _read_across_text(lines, unit)
    )
    if grid:
        return grid
    parts = []
    this_year, _, run = amount_columns(lines)
    for pair in read_pairs([_drop_line_numbers(line) for line in lines], unit, this_year, run):
        label = strip_ordinal(pair.label)
        part = part_of(label, wider=False)
        if part and pair.value is not None:
            parts.append(Part(part, pair.value, pair.line, label))
    return parts + _printed_blank(lines, parts)


def _printed_blank(lines: list[Line], parts: list[Part]) -> list[Part]:
    """Parts whose rows are printed with no amount ('1.因公出国(境)费' left blank), as
    none of it: only where every sum such a part is in holds with it as 0, its whole and
    its other pieces read."""
    got = {p.part: p.value for p in parts}
    blank: dict[str, Line] = {}
    for line in lines:
        part = part_of(strip_ordinal(line.cells[0]), wider=False) if line.cells else None
        if part is None or part == "total" or part in got:
            continue
        if not any(is_amount(c) for c in line.cells):
            blank.setdefault(part, line)
    trial = got | dict.fromkeys(blank, Decimal(0))
    sums = [(whole, pieces) for whole, pieces in SUMS if any(p in blank for p in pieces)]
    if not sums or any(w not in got or any(p not in trial for p in ps) for w, ps in sums):
        return []
    if not holds({k: v for k, v in trial.items() if any(k == w or k in ps for w, ps in sums)}):
        return []
    return [Part(p, Decimal(0), line, strip_ordinal(line.cells[0])) for p, line in blank.items()]


def _numbers_only(line: Line) -> bool:
    """A line that only numbers the columns ('1 2 … 12' under 预算数 | 决算数, or after 栏次):
    neither amounts nor titles."""
    words = [c.replace(" ", "") for c in line.cells if c.strip()]
    return column_numbers(words) and all(w.isdigit() or w in ("栏次", "行次") for w in words)


def _down_the_page(lines: list[Line]) -> bool:
    """Whether the parts are printed a row each: two parts' names at least open rows with
    amounts ('2.公务接待费  4.8  2.4')."""
    named = {
        part_of(strip_ordinal(line.cells[0]), wider=False)
        for line in lines
        if len(line.cells) > 1 and any(is_amount(c) for c in line.cells[1:])
    }
    return len(named - {None, "total"}) >= 2


def _keep(line: Line, this_year: Callable[[float], bool]) -> Line:
    """The line without the amounts of the other side."""
    if not line.boxes or not any(is_amount(c) for c in line.cells):
        return line
    kept = [
        (c, b)
        for c, b in zip(line.cells, line.boxes, strict=False)
        if not (is_amount(c) and b is not None and not this_year((b[0] + b[2]) / 2))
    ]
    return replace(line, cells=tuple(c for c, _ in kept), boxes=tuple(b for _, b in kept), xs=())


def _drop_line_numbers(line: Line) -> Line:
    """Final-account tables print a 行次 (line number) column before the amounts."""
    cells = list(line.cells)
    if len(cells) >= 3 and cells[1].isdigit() and "." in cells[2]:
        cells.pop(1)
    return replace(line, cells=tuple(cells), boxes=(), xs=())


def _centre(box: Box) -> float:
    return (box[0] + box[2]) / 2


def _amounts_row(lines: list[Line], laid_out: bool) -> tuple[Line, list[Line]] | None:
    """The row of amounts under a header that names the 三公 parts, and the lines above
    it. A row may open with its label (a unit's name, 合计): the 合计 row is the table's
    own; where rows are sides (预算数, 决算数), this year's; else a row only where it is
    the one. `laid_out`: rows with boxes."""
    rows = []
    for i, line in enumerate(lines):
        cells = [c for c in line.cells if c]
        boxed = len(line.boxes) == len(line.cells) if laid_out else not any(line.boxes)
        if not cells or not boxed or column_numbers(line.cells):
            continue
        label = "" if is_amount(cells[0]) else cells[0]
        values = cells[1:] if label else cells
        above = lines[:i]
        if len(values) >= 3 and all(is_amount(c) for c in values) and _names_parts(above):
            rows.append((label, line, above))
    labels = [r[0].replace(" ", "") for r in rows]
    # rows of sides (预算数 | 决算数, 2025年 | 2026年) down the page: this year's row
    current = current_titles(labels)
    chosen = [r for r, label in zip(rows, labels, strict=True) if label in TOTAL_LABELS]
    chosen = chosen or [r for r, label in zip(rows, labels, strict=True) if label in current]
    if not (chosen or len(rows) == 1):
        return None
    _, line, above = (chosen or rows)[0]
    return _amounts_only(line), above


def _names_parts(header: list[Line]) -> bool:
    return any("因公出国" in c for h in header for c in h.cells)


def _read_across(lines: list[Line], unit: str) -> list[Part]:
    """One row of amounts under a header: each amount takes the nearest header cell."""
    found = _amounts_row(lines, laid_out=True)
    if found is None:
        return []
    line, above = found
    # the header's lines, not another row of amounts above this one (2024年预算 over 2025年预算)
    header = [
        h
        for h in above
        if len(h.boxes) == len(h.cells)
        and not _is_caption(h)
        and sum(is_amount(c) for c in h.cells if c) < 2
    ]
    if not _names_parts(header):
        return []
    parts = _assign(line, header, unit)
    read: dict[str, Decimal] = {}
    for p in parts:
        read.setdefault(p.part, p.value)
    if parts and holds(read) and len(read) == len(parts):
        return parts
    # two amounts under one part's title ('小计' under no group title and the 三公's
    # 合计 both read as the total), or header words wrapped down narrow columns that
    # stand nearer another column's amount: the table's sums place the amounts instead
    return _by_sums(line, list(line.cells), header, unit) or parts


def _amounts_only(line: Line) -> Line:
    """The line less its label."""
    kept = [(c, b) for c, b in zip_longest(line.cells, line.boxes) if c and is_amount(c)]
    boxes = tuple(b for _, b in kept) if line.boxes else ()
    return replace(line, cells=tuple(c for c, _ in kept), boxes=boxes, xs=())


def _by_sums(line: Line, cells: list[str], header: list[Line], unit: str) -> list[Part]:
    """A line of amounts placed by the table's own sums (three_public_text.place)."""
    values = [to_wan(v, unit) for c in cells if (v := amount(c)) is not None]
    words = "".join(c for h in header for c in h.cells).replace(" ", "")
    both = ["".join(h.cells) for h in header if "公务用车" in "".join(h.cells)]
    both = [w for w in both if "公务接待" in w]
    car_first = both[0].find("公务用车") < both[0].find("公务接待") if both else None
    placed = place(values, any(w in words for w in EXTRA_COLUMNS), words, car_first)
    return [Part(p, v, line, p) for p, v in placed.items()]


def _read_across_text(lines: list[Line], unit: str) -> list[Part]:
    """The same, from text without boxes: the table's sums place the amounts."""
    found = _amounts_row(lines, laid_out=False)
    if found is None:
        return []
    line, header = found
    words = "".join(c for h in header for c in h.cells).replace(" ", "")
    tried = (_by_sums(line, side, header, unit) for side in this_side(list(line.cells), words))
    return next((parts for parts in tried if parts), [])


def _is_caption(line: Line) -> bool:
    return any(":" in c or "：" in c for c in line.cells)


def _assign(values: Line, header: list[Line], unit: str) -> list[Part]:
    cells = [
        (c, b, n)
        for n, h in enumerate(header)
        for c, b in zip(h.cells, h.boxes, strict=True)
        if b is not None and c
    ]
    # a group title's ruled cell spans its columns, wherever its words stand in it
    spans = [
        (c, f or b, n)
        for n, h in enumerate(header)
        for c, b, f in zip(h.cells, h.boxes, _frames(h), strict=True)
        if b is not None and c
    ]
    parts = []
    reach = 0.0  # where the amount before ends
    for text, box in zip(values.cells, values.boxes, strict=True):
        value = amount(text)
        if value is None or box is None:
            continue
        leaf = _head_over(box, cells, reach)
        reach = box[2]
        label = leaf[0]
        if label == "小计":
            label = _parent(leaf, spans) + label
        elif label.startswith(("购置", "运行")) and "公务用车" in _parent(leaf, spans):
            label = "公务用车" + label  # 购置费 | 运行费 under 公务用车购置及运行费
        part = part_of(label, wider=any(w in c[0] for c in cells for w in EXTRA_COLUMNS))
        if part:
            parts.append(Part(part, to_wan(value, unit), values, label))
    return parts


def _frames(line: Line) -> tuple[Box | None, ...]:
    """The ruled cell of each of the line's cells, where the page rules them all."""
    return line.frames if len(line.frames) == len(line.cells) else (None,) * len(line.cells)


def _head_over(box: Box, cells: list[tuple[str, Box, int]], reach: float) -> tuple[str, Box, int]:
    """The header cell an amount stands under: the nearest (of two as near, the lower,
    a sub-head under its group's title), unless the amount overlaps the words of another
    cell of that line or a lower one (text set left or right in wide cells). Where it
    overlaps none such, a title set left in its wide cell is its own: the lowest one
    starting between the amount before (`reach`) and its end."""
    near = min(cells, key=lambda cell: (abs(_centre(cell[1]) - _centre(box)), -cell[2]))
    over = [c for c in cells if c[2] >= near[2] and _overlap(c[1], box) > 0]
    if over:
        return max(over, key=lambda c: (c[2], _overlap(c[1], box)))
    left = [c for c in cells if reach <= c[1][0] < box[2]]
    return max(left, key=lambda c: (c[2], c[1][0])) if left else near


def _overlap(a: Box, b: Box) -> float:
    return min(a[2], b[2]) - max(a[0], b[0])


def _parent(leaf: tuple[str, Box, int], cells: list[tuple[str, Box, int]]) -> str:
    """The nearest header cell above a 小计 that spans it; the 三公 by default."""
    above = [c for c in cells if c[2] < leaf[2] and c[1][0] <= _centre(leaf[1]) <= c[1][2]]
    return max(above, key=lambda c: c[2])[0] if above else "三公"
