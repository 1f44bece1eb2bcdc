"""Summary tables and others printed label | amount: 收入 and 支出 side by side, a 行次
after each label in final accounts, or this year's column beside last year's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import laid_out
from .cells import amount, is_amount, is_code, strip_ordinal, to_wan, whole_of
from .extract.base import Box, Line
from .headers import NOT_MONEY_ROLES, header_end, header_slots


@dataclass
class Pair:
    label: str
    value: Decimal | None
    line: Line
    position: int  # 0 for the first label on its line (the income side)
    box: Box | None = None  # the amount's cell, where the page gives its geometry


def numbers_rows(lines: list[Line]) -> bool:
    """The table prints a 行次 column: a line number after each label, before its amount.
    Said by its header, or seen where the header is lost: the whole numbers right after
    the first label of each line count up one by one (1, 2, 3 …)."""
    if any(c.replace(" ", "") in ("行次", "栏次") for line in lines[:8] for c in line.cells):
        return True
    numbers = []
    for line in lines:
        cells = [c.strip() for c in line.cells if c.strip()]
        numbered = (
            len(cells) >= 2 and not is_amount(cells[0]) and re.fullmatch(r"\d{1,3}", cells[1])
        )
        if numbered and (len(cells) == 2 or is_amount(cells[2]) or not cells[2][0].isdigit()):
            numbers.append(int(cells[1]))
    steps = [b - a for a, b in zip(numbers, numbers[1:], strict=False)]
    return len(numbers) >= 3 and sum(step == 1 for step in steps) >= 0.7 * len(steps)


def _whole_of(cells: Sequence[str], index: int) -> Decimal:
    """The amount a label's run of amounts gives it: the first, or the one that is the
    sum of the others where that is another (a side that puts its 合计 after its sources:
    一般公共预算 | 政府性基金 | 国有资本经营 | 合计)."""
    values: list[Decimal] = []
    for cell in cells[index:]:
        if cell and not is_amount(cell):
            break
        if (v := amount(cell)) is not None:
            values.append(v)
    whole = whole_of(values)
    return whole if whole is not None else values[0] if values else Decimal(0)


def read_pairs(lines: list[Line], unit: str, pick: int = 0, run: int = 1) -> list[Pair]:
    """Summary tables: label, amount, label, amount … across each line; where the table
    numbers its lines (行次), the whole number right after a label is that number. Where
    each label has `run` amount columns (上年预算数 | 本年预算数), the one at `pick` is read."""
    pairs: list[Pair] = []
    numbered = numbers_rows(lines)
    column_groups = laid_out.groups(lines)
    columns = run_columns(lines, run, numbered) if run > 1 else {}
    for line in lines:
        label: str | None = None
        label_box: Box | None = None
        position = 0
        numbered_label = False
        cells = _picked(line, pick, run, numbered, columns) if run > 1 else line.cells
        for index, cell in enumerate(cells):
            if not cell:
                continue
            box = line.boxes[index] if index < len(line.boxes) else None
            if numbered and label is not None and not numbered_label and _line_number(cell):
                numbered_label = True  # 行次: the label's line number
                continue
            if is_amount(cell) and (not is_code(cell) or _paired(cells, index, label)):
                if label is not None:
                    if laid_out.apart(column_groups, line, label_box, box):
                        # another group's amount, its own label wrapped around it
                        pairs.append(Pair(label, None, line, position))
                    else:
                        value = to_wan(
                            _whole_of(cells, index) if run == 1 else amount(cell) or Decimal(0),
                            unit,
                        )
                        pairs.append(Pair(label, value, line, position, box))
                    label, position = None, position + 1
                continue
            if label is not None:
                pairs.append(Pair(label, None, line, position))
                position += 1
            label, label_box = strip_ordinal(cell).replace(" ", ""), box
            numbered_label = False
        if label is not None:
            pairs.append(Pair(label, None, line, position))
    return pairs


def amount_columns(lines: list[Line]) -> tuple[int, int | None, int]:
    """For label | amount tables (summaries, a 三公 table printed down the page): which
    amount column after each label holds this year's money, which last year's (None
    where none does), and how many there are, where the header gives each label more
    than one (上年预算数 | 本年预算数, 年初预算数 | 决算数); else (0, None, 1)."""
    header = lines[: header_end(lines)]
    # the column titles' own line first, then with the lines above it: a group title over
    # each side ('本年收入 | 本年支出') is no column of its own
    for k in range(1, len(header) + 1):
        slots = header_slots(header[-k:])
        half = len(slots) // 2
        side = slots[:half] if half and slots[:half] == slots[half:] else slots
        if len(side) >= 2 and any(s in NOT_MONEY_ROLES for s in side):
            pick = next((i for i, s in enumerate(side) if s not in NOT_MONEY_ROLES), 0)
            prior = next((i for i, s in enumerate(side) if s == "prior"), None)
            return pick, prior, len(side)
    return 0, None, 1


def _runs(cells: tuple[str, ...], numbered: bool) -> list[list[int]]:
    """The places of each label's amounts (blank cells among them too, a 行次 left aside)."""
    runs = []
    for at, cell in enumerate(cells):
        if not cell or is_amount(cell):
            continue
        start = at + 1
        if numbered and start < len(cells) and _line_number(cells[start]):
            start += 1
        end = next(
            (k for k in range(start, len(cells)) if cells[k] and not _in_run(cells[k])),
            len(cells),
        )
        runs.append(list(range(start, end)))
    return runs


def _centre(line: Line, k: int) -> float | None:
    box = line.boxes[k] if k < len(line.boxes) else None
    return None if box is None else (box[0] + box[2]) / 2


def run_columns(lines: list[Line], run: int, numbered: bool) -> dict[int, list[float]]:
    """Where each side's amount columns stand on the page (side 0 the first label of a
    line), from the lines that print a figure in every one of them."""
    seen: dict[int, list[list[float]]] = {}
    for line in lines:
        for side, slots in enumerate(_runs(line.cells, numbered)):
            filled = [k for k in slots if line.cells[k]]
            xs = [_centre(line, k) for k in filled]
            if len(filled) == run and all(x is not None for x in xs):
                seen.setdefault(side, []).append([x for x in xs if x is not None])
    return {
        side: [sorted(r[i] for r in rows)[len(rows) // 2] for i in range(run)]
        for side, rows in seen.items()
    }


def _picked(
    line: Line, pick: int, run: int, numbered: bool, columns: dict[int, list[float]]
) -> tuple[str, ...]:
    """The line with each label's amounts other than the one at `pick` blanked, where the
    cells after the label (blank ones too) are `run` in number, or its amounts are; where
    fewer are printed (a blank budget cell gone from a PDF's line), each stands in the
    column nearest it on the page (`columns`), or where no place tells, the blanks are
    taken to be the columns before the figure; one amount alone is left as it is."""
    cells = line.cells
    out = list(cells)
    for slots in _runs(cells, numbered):
        filled = [k for k in slots if cells[k]]
        chosen = slots if len(slots) == run else filled if len(filled) == run else None
        if chosen is not None:
            for k in chosen:
                out[k] = cells[k] if k == chosen[pick] else ""
            continue
        placed = [_column_at(_centre(line, k), columns) for k in filled]
        if filled and all(at is not None for at in placed):
            for k, at in zip(filled, placed, strict=True):
                out[k] = cells[k] if at == pick else ""
        elif pick and 1 < len(filled) < run:
            # no place to tell by (text): the cells left blank are the budgets' before
            # the year's figure ('年初结转和结余 | | 670.36 | 980.36'), not the figure
            keep = filled[max(0, pick - (run - len(filled)))]
            for k in filled:
                out[k] = cells[k] if k == keep else ""
    return tuple(out)


def _column_at(x: float | None, columns: dict[int, list[float]]) -> int | None:
    """Which of its side's amount columns an amount at `x` stands in: the nearest of all
    sides' columns, where it is nearer than half the gap to the one beside it; else None."""
    if x is None:
        return None
    near = [(abs(c - x), i, xs) for xs in columns.values() for i, c in enumerate(xs)]
    if not near:
        return None
    gap, at, xs = min(near, key=lambda n: n[0])
    apart = min((abs(a - b) for a, b in zip(xs, xs[1:], strict=False)), default=0.0)
    return at if apart and gap < apart / 2 else None


def _in_run(cell: str) -> bool:
    """An amount, or a change in percent ('-13%', '0.00%') printed among them."""
    return is_amount(cell) or re.fullmatch(r"[-−+]?\d+(?:\.\d+)?%", cell.strip()) is not None


def _paired(cells: tuple[str, ...], index: int, label: str | None) -> bool:
    """A whole amount shaped like a code ('2080505' 元) right after a label is the label's
    amount, unless a name follows it: then it is the code of the next label."""
    after = next((c for c in cells[index + 1 :] if c), "")
    return label is not None and not re.search(r"[\u4e00-\u9fff]", after)


def _line_number(cell: str) -> bool:
    """A 行次 is a small whole number; a long one is an amount shown without decimals."""
    return re.fullmatch(r"\d{1,3}", cell) is not None
