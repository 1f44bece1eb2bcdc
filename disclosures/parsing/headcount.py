"""Staff counts from a small table: a header naming the counts (编制数, 实有人数, 在职人数)
over rows of units, or rows naming the counts (编制数 | 实有人数) under columns of kinds
of post (行政编制 | 事业编制 | 合计).

A department's table of its units gives its own figure in the 合计 row; with no 合计
row, only a table of one row is read. The counts stand at the end of their rows, so they
are placed from the right: a 序号 or a unit's name before them moves nothing. Retired
staff (离退休) and staff outside the establishment (编外, 聘用) are no count of either.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .cells import is_total
from .extract.base import Line
from .narrative import Sentence, Stated

_ROLES = (
    ("authorized", re.compile(r"^(核定)?编制(人数|数|总数)?(（人）|\(人\))?$")),
    (
        "actual",
        re.compile(r"^(在职|实有|在编|在职在编|实有在职)(人数|人员|人员数)?(（人）|\(人\))?$"),
    ),
)
_COUNT = re.compile(r"^\d{1,6}$")
_SUB_TOTAL = re.compile(r"^(合计|小计|总计)$")
_SERVING = re.compile(r"^(在职|在编|在职在编|在职人员)(人数)?$")
_RETIRED = re.compile(r"离休|退休|离退休")
_LABEL_COLUMN = re.compile(r"编码|代码|名称|序号|单位|项目")
_SUB_LINES = 3  # lines between group titles and their sub-heads
_ROWS = 30  # a table of units is short


def read(lines: list[Line]) -> list[Stated]:
    """The counts of the first staff table in `lines`."""
    for i, line in enumerate(lines):
        heads = [_bare(c) for c in line.cells if c.strip()]
        roles = [_role(h) for h in heads]
        if any(roles):
            found = _grouped(line, lines[i + 1 : i + 1 + _ROWS]) or _by_columns(
                heads, roles, lines[i + 1 : i + 1 + _ROWS], line
            )
        elif "合计" in heads and len(heads) >= 3:
            found = _by_rows(heads, lines[i + 1 : i + 4])
        else:
            continue
        if found:
            return found
    return []


def _by_columns(
    heads: list[str], roles: list[str | None], below: list[Line], head: Line
) -> list[Stated]:
    rows = []
    for line in below:
        label, counts = _split(line)
        if not counts:
            break
        rows.append((label, counts, line))
    chosen = [r for r in rows if is_total(r[0])] or (rows if len(rows) == 1 else [])
    if not chosen:
        return []
    label, counts, line = chosen[0]
    placed = dict(zip(reversed(roles), reversed(counts), strict=False))
    text = " ".join(head.cells) + " / " + " ".join(line.cells)
    return [
        Stated(role, Decimal(value), "人", Sentence(text, line.page))
        for role, value in placed.items()
        if role is not None
    ]


def _grouped(head: Line, below: list[Line]) -> list[Stated]:
    """Counts under group titles (编制数 over 行政编制 | 事业编制 | 工勤 | 合计, 实有人数 over
    在职 | 离休 | 退休 | 合计), read from the 合计 row: the establishment is its group's 合计,
    the staff its group's 在职 (the group's 合计 counts the retired too). A line of
    labels alone (单位编码 | 单位名称, set between the header's two tiers) is passed over."""
    groups = [(c, box) for c, box in _cells(head) if _role(_bare(c))]
    for k, line in enumerate(below[:_SUB_LINES]):
        label, counts = _split(line)
        if counts:
            return []  # counts before any line of sub-heads: a header of one tier
        subs = [(_bare(c), box) for c, box in _cells(line)]
        if len(subs) > len(groups) and any(_SUB_TOTAL.match(c) for c, _ in subs):
            return _under_groups(groups, subs, head, below[k + 1 :])
    return []


def _under_groups(
    groups: list[tuple[str, tuple[float, float] | None]],
    subs: list[tuple[str, tuple[float, float] | None]],
    head: Line,
    below: list[Line],
) -> list[Stated]:
    placed = _assigned(groups, subs)
    if placed is None:
        return []
    columns: dict[str, int] = {}
    for role in ("authorized", "actual"):
        mine = [(i, c) for i, (c, r) in enumerate(placed) if r == role]
        total = next((i for i, c in mine if _SUB_TOTAL.match(c)), None)
        serving = next((i for i, c in mine if _SERVING.match(c)), None)
        retired = any(_RETIRED.search(c) for _, c in mine)
        chosen = (
            total
            if role == "authorized"
            else (serving if serving is not None else None if retired else total)
        )
        if chosen is not None:
            columns[role] = len(placed) - chosen  # from the right
    for line in below:
        label, counts = _split(line)
        if is_total(label) and len(counts) >= len(placed):
            text = " ".join(head.cells) + " / " + " ".join(line.cells)
            return [
                Stated(role, Decimal(counts[len(counts) - at]), "人", Sentence(text, line.page))
                for role, at in columns.items()
            ]
    return []


def _assigned(
    groups: list[tuple[str, tuple[float, float] | None]],
    subs: list[tuple[str, tuple[float, float] | None]],
) -> list[tuple[str, str | None]] | None:
    """Each sub-head with the role of the group over it: by place where the page gives
    it, else in order, each group closed by its 合计 or 小计."""
    roles = [_role(_bare(g)) for g, _ in groups]
    spans = [box for _, box in groups if box is not None]
    if len(spans) == len(groups) and all(box is not None for _, box in subs):
        out = []
        for c, box in subs:
            mid = (box[0] + box[1]) / 2 if box is not None else 0.0
            over = [r for gb, r in zip(spans, roles, strict=True) if gb[0] - 1 <= mid <= gb[1] + 1]
            if over:
                out.append((c, over[0]))
        return out or None
    out, at = [], 0
    for c, _ in subs:
        if _LABEL_COLUMN.search(c):
            continue
        if at >= len(roles):
            return None
        out.append((c, roles[at]))
        at += bool(_SUB_TOTAL.match(c))
    return out


def _cells(line: Line) -> list[tuple[str, tuple[float, float] | None]]:
    """A line's cells with the stretch across the page each spans: its ruled frame where
    the page rules it, else its text's box."""
    out = []
    for k, cell in enumerate(line.cells):
        if not cell.strip():
            continue
        frame = line.frames[k] if k < len(line.frames) else None
        box = frame or (line.boxes[k] if k < len(line.boxes) else None)
        out.append((cell, None if box is None else (box[0], box[2])))
    return out


def _by_rows(heads: list[str], below: list[Line]) -> list[Stated]:
    """Rows 编制数 | 实有人数 under columns ending in 合计: each row's 合计."""
    column = len(heads) - 1 - heads.index("合计")  # from the right
    found = []
    for line in below:
        label, counts = _split(line)
        role = _role(label)
        if role is not None and len(counts) > column:
            text = " ".join(line.cells)
            value = counts[len(counts) - 1 - column]
            found.append(Stated(role, Decimal(value), "人", Sentence(text, line.page)))
    return found


def _split(line: Line) -> tuple[str, list[str]]:
    """A row's label and the whole numbers it ends with."""
    cells = [c.strip() for c in line.cells if c.strip()]
    counts: list[str] = []
    while cells and _COUNT.match(cells[-1]):
        counts.insert(0, cells.pop())
    return (_bare(cells[-1]) if cells else ""), counts


def _role(head: str) -> str | None:
    return next((role for role, pattern in _ROLES if pattern.match(head)), None)


def _bare(cell: str) -> str:
    return cell.replace(" ", "")
