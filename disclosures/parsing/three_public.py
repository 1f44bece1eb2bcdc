"""The “三公” table, printed either down the page (one part a row) or across it
(one part a column under a two-level header, as in 公开09表 of Jiangsu budgets)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import partial

from .cells import amount, is_amount, strip_ordinal, to_wan
from .columns import owner
from .extract.base import Box, Line
from .pairs import amount_columns, read_pairs
from .three_public_text import holds, place

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
    """`wider`: the table adds 会议费/培训费 columns, so its 合计 is not the 三公 total."""
    for words, part in PARTS:
        if all(w in label for w in words):
            return None if (wider and words == ("合计",)) else part
    return None


def _outturn_side(lines: list[Line]) -> Callable[[float], bool] | None:
    """A final account prints the budget beside what was spent (预算数 | 决算数, each
    over its own columns): a test of x for the spent side, or None where there is one."""
    for line in lines[:8]:
        cells = sorted(
            (b[0], b[2], c.replace(" ", ""))
            for c, b in zip(line.cells, line.boxes, strict=False)
            if b is not None and c.strip()
        )
        titles = [t for _, _, t in cells]
        if any("决算" in t for t in titles) and any(
            "预算" in t and "决算" not in t for t in titles
        ):
            return partial(_spent, cells)
    return None


def _spent(cells: list[tuple[float, float, str]], x: float) -> bool:
    return "决算" in owner(cells, x)


def read(lines: list[Line], unit: str) -> list[Part]:
    outturn = _outturn_side(lines)
    if outturn is not None:
        lines = [_keep(line, outturn) for line in lines]
    grid = _read_across(lines, unit) or _read_across_text(lines, unit)
    if grid:
        return grid
    parts = []
    this_year, _, run = amount_columns(lines)
    for pair in read_pairs([_drop_line_numbers(line) for line in lines], unit, this_year, run):
        label = strip_ordinal(pair.label)
        part = part_of(label, wider=False)
        if part and pair.value is not None:
            parts.append(Part(part, pair.value, pair.line, label))
    return parts


def _keep(line: Line, outturn: Callable[[float], bool]) -> Line:
    """The line without the amounts of the budget side."""
    if not line.boxes or not any(is_amount(c) for c in line.cells):
        return line
    kept = [
        (c, b)
        for c, b in zip(line.cells, line.boxes, strict=False)
        if not (is_amount(c) and b is not None and not outturn((b[0] + b[2]) / 2))
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


def _read_across(lines: list[Line], unit: str) -> list[Part]:
    """One row of amounts under a header: each amount takes the nearest header cell."""
    for i, line in enumerate(lines):
        cells = [c for c in line.cells if c]
        if (
            len(cells) >= 3
            and all(is_amount(c) for c in cells)
            and len(line.boxes) == len(line.cells)
        ):
            header = [h for h in lines[:i] if len(h.boxes) == len(h.cells) and not _is_caption(h)]
            if any("因公出国" in c for h in header for c in h.cells):
                parts = _assign(line, header, unit)
                read: dict[str, Decimal] = {}
                for p in parts:
                    read.setdefault(p.part, p.value)
                if holds(read):
                    return parts
                # header words wrapped down narrow columns may stand nearer another
                # column's amount: the table's sums place the amounts instead
                words = "".join(c for h in header for c in h.cells)
                return _by_sums(line, cells, words, unit) or parts
    return []


def _by_sums(line: Line, cells: list[str], words: str, unit: str) -> list[Part]:
    """A line of amounts placed by the table's own sums (three_public_text.place)."""
    values = [to_wan(v, unit) for c in cells if (v := amount(c)) is not None]
    placed = place(values, wider=any(w in words for w in EXTRA_COLUMNS))
    return [Part(p, v, line, p) for p, v in placed.items()]


def _read_across_text(lines: list[Line], unit: str) -> list[Part]:
    """The same, from text without boxes: the table's sums place the amounts."""
    for i, line in enumerate(lines):
        cells = [c for c in line.cells if c]
        if len(cells) >= 3 and all(is_amount(c) for c in cells) and not any(line.boxes):
            words = "".join(c for h in lines[:i] for c in h.cells)
            if "因公出国" not in words:
                continue
            return _by_sums(line, cells, words, unit)
    return []


def _is_caption(line: Line) -> bool:
    return any(":" in c or "：" in c for c in line.cells)


def _assign(values: Line, header: list[Line], unit: str) -> list[Part]:
    cells = [
        (c, b, n)
        for n, h in enumerate(header)
        for c, b in zip(h.cells, h.boxes, strict=True)
        if b is not None and c
    ]
    parts = []
    for text, box in zip(values.cells, values.boxes, strict=True):
        value = amount(text)
        if value is None or box is None:
            continue
        leaf = min(cells, key=lambda cell: abs(_centre(cell[1]) - _centre(box)))
        label = _parent(leaf, cells) + leaf[0] if leaf[0] == "小计" else leaf[0]
        part = part_of(label, wider=any(w in c[0] for c in cells for w in EXTRA_COLUMNS))
        if part:
            parts.append(Part(part, to_wan(value, unit), values, label))
    return parts


def _parent(leaf: tuple[str, Box, int], cells: list[tuple[str, Box, int]]) -> str:
    """The nearest header cell above a 小计 that spans it; the 三公 by default."""
    above = [c for c in cells if c[2] < leaf[2] and c[1][0] <= _centre(leaf[1]) <= c[1][2]]
    return max(above, key=lambda c: c[2])[0] if above else "三公"
