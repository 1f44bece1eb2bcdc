"""What each amount column of a table holds, read from its header, never its position.

Headers come in every shape: several rows with a group title over its columns (当年预算
over 小计 | 基本支出 | 项目支出, 上年结转结余 over the same again), words wrapped or
printed one character a line, a 行次 column, a 上年预算数 column before this year's, an
增减 column after it. Each amount column of the body is given the header words stacked
above it, top to bottom, and a role from the vocabulary in data/column_roles.csv. Only
this year's money is an amount to read; a row number, a quantity, last year's figure,
a change or a carry-over keeps its role and is left alone.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .cells import UNIT_RE, column_numbers, has_decimals, is_amount, is_code
from .extract.base import Line

# roles that are this year's money, by what they break the total into
MONEY = frozenset(
    {
        "total",
        "basic",
        "project",
        "personnel",
        "public",
        "business",
        "subsidiary",
        "upper",
        # basic spending split by economic class instead of 人员 | 公用
        "wages",
        "transfers",
        "goods",
        "capital",  # 资本性支出, where a table sets the classes across all its spending
        # project spending split by kind (其他运转类 | 特定目标类) with no 小计 of its own
        "running_projects",
        "targeted_projects",
    }
)
PROJECT_KINDS = ("running_projects", "targeted_projects")
# the parts of basic spending by economic class, where a table splits it so
ECONOMIC_PARTS = frozenset({"wages", "transfers", "goods", "capital"})
# roles that tell a column apart from this year's money whatever else its header says
APART = tuple(
    "rownum quantity share change prior carryover balance closing plan code name unit".split()
)
# roles that title the rows' own columns (their code, name, unit), never an amount's
ROW_TITLES = frozenset({"code", "name", "unit"})
# roles not of this year's money that still title a column of amounts of their own
OWN_COLUMN = frozenset({"share", "change", "prior", "plan"})
_YEAR = re.compile(r"(20\d\d)年")
# a line of the title block, not a column title: '单位：万元', '预算单位：XX局' (but
# '其中：教育收费' titles a column)
_META = re.compile(r"^(?!\s*其中).*[:：]\S")


@dataclass(frozen=True)
class Column:
    x0: float
    x1: float
    label: str  # the header words over the column, top to bottom
    role: str  # a MONEY role, one of APART, or 'unknown'

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@cache
def vocabulary() -> tuple[tuple[str, str], ...]:
    """(word, role), longest words first so that 本年支出合计 wins over 合计."""
    package = __name__.rpartition(".")[0]
    text = (resources.files(package) / "data" / "column_roles.csv").read_text(encoding="utf-8")
    rows = [(r["word"], r["role"]) for r in csv.DictReader(io.StringIO(text))]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def words_in(label: str) -> list[tuple[int, str]]:
    """(position, role) of each vocabulary word in the label, none overlapping."""
    return find_words(label, vocabulary())


def find_words(label: str, words: Iterable[tuple[str, str]]) -> list[tuple[int, str]]:
    """(position, meaning) of each word found, the earlier words in `words` first, none
    overlapping: list longer words first so that 本年支出合计 wins over 合计."""
    taken = [False] * len(label)
    found = []
    for word, role in words:
        for match in re.finditer(re.escape(word), label):
            span = range(match.start(), match.end())
            if not any(taken[i] for i in span):
                found.append((match.start(), for_kind(word, role)))
                for i in span:
                    taken[i] = True
    return sorted(found)


# the year and kind of the document whose tables are being read (parse.read sets them)
_DOCUMENT_YEAR: ContextVar[int | None] = ContextVar("document_year", default=None)
_DOCUMENT_KIND: ContextVar[str | None] = ContextVar("document_kind", default=None)


def document_year() -> int | None:
    """The year of the document being read, where its title gives one."""
    return _DOCUMENT_YEAR.get()


@contextlib.contextmanager
def reading(year: int | None, kind: str | None = None) -> Iterator[None]:
    """Headers read inside this know the document's year and kind: a column titled by an
    earlier year ('2025年预算数' in a budget for 2026) is last year's, not the total, and
    one that names the other kind of figure is not this year's (`for_kind`)."""
    year_token, kind_token = _DOCUMENT_YEAR.set(year), _DOCUMENT_KIND.set(kind)
    try:
        yield
    finally:
        _DOCUMENT_KIND.reset(kind_token)
        _DOCUMENT_YEAR.reset(year_token)


def with_a_total(read: Callable[[], list[str]]) -> list[str]:
    """The roles `read` gives; where they name no total but the plan (预算数 in a final
    account), read again as in a document of either kind: a table whose only total is a
    budget's figure is a budget's, whatever the title said the document was."""
    roles = read()
    if "total" in roles or "plan" not in roles:
        return roles
    token = _DOCUMENT_KIND.set(None)
    try:
        return read()
    finally:
        _DOCUMENT_KIND.reset(token)


def for_kind(word: str, role: str) -> str:
    """A total word's role in the document being read: in a final account, a budget's
    figure (预算数, 本年预算) is the plan the spending is compared with; in a budget, a final
    account's (决算数) is last year's outturn."""
    kind = _DOCUMENT_KIND.get()
    if role == "total" and kind == "final_accounts" and "预算" in word and "决算" not in word:
        return "plan"
    if role == "total" and kind == "budget" and "决算" in word:
        return "prior"
    return role


def role_of(label: str, current_year: int | None = None, holds_amounts: bool = False) -> str:
    """A column's role: a word that sets it apart wins; else the deepest breakdown
    (人员经费 under 基本支出); a total word (合计, 小计) only where no breakdown is named,
    so that 基本支出 over 小计 is still basic spending. A column that `holds_amounts`
    (with decimals or separators: no code) is titled by no word of the rows' code or name
    ('部门预算经济分类科目编码' set centred over a span wider than the code columns)."""
    years = [int(y) for y in _YEAR.findall(label)]
    if current_year is not None and years and max(years) < current_year:
        return "prior"
    roles = [role for _, role in words_in(label)]
    if holds_amounts:  # a title of the rows' code or name spread over the amounts' titles
        roles = [r for r in roles if r not in ROW_TITLES]
    apart = [r for r in roles if r in APART]
    if apart:
        return apart[0]
    parts = [r for r in roles if r in MONEY and r != "total"]
    if parts:
        return parts[-1]
    return "total" if "total" in roles else "unknown"


def _amount_spans(body: list[Line]) -> list[tuple[float, float]]:
    """The x extents of the body's amount columns: every amount cell's box, merged
    where they overlap down the page. Amounts of one column overlap by most of the
    narrower's width; a box that only grazes the next column (OCR's boxes are padded
    and touch their neighbours') stays apart from it."""
    boxes = sorted(
        (box[0], box[2])
        for line in body
        for cell, box in zip(line.cells, line.boxes, strict=False)
        if box is not None and is_amount(cell)
    )
    spans: list[list[float]] = []
    for x0, x1 in boxes:
        if spans and _same_column(spans[-1], x0, x1):
            spans[-1][1] = max(spans[-1][1], x1)
        else:
            spans.append([x0, x1])
    return [(a, b) for a, b in spans]


def _holds_amounts(body: list[Line], x0: float, x1: float) -> bool:
    """Whether the column's cells are sums of money (decimals or separators, as codes never
    are) rather than codes."""
    return any(
        has_decimals(cell)
        for line in body
        for cell, box in zip(line.cells, line.boxes, strict=False)
        if box is not None and is_amount(cell) and x0 <= (box[0] + box[2]) / 2 <= x1
    )


def _same_column(span: list[float], x0: float, x1: float) -> bool:
    overlap = min(span[1], x1) - x0
    narrower = min(span[1] - span[0], x1 - x0)
    return overlap > 0.5 and overlap >= GRAZE * max(narrower, 1.0)


GRAZE = 0.3  # of the narrower box: less overlap than this is two columns side by side


def _header_cells(header: list[Line]) -> list[list[tuple[float, float, str]]]:
    """Each header line's cells with their extents, title-block lines left out."""
    out = []
    for line in header:
        text = "".join(line.cells)
        if UNIT_RE.search(text.replace(" ", "")) or any(_META.search(c) for c in line.cells):
            continue
        cells = [
            (box[0], box[2], cell.replace(" ", ""))
            for cell, box in zip(line.cells, line.boxes, strict=False)
            if box is not None and cell.strip() and not cell.strip().isdigit()
        ]
        if cells:
            out.append(sorted(cells))
    return out


Cell = tuple[float, float, str]  # x0, x1, text of a header cell


def _unglued(cells: list[Cell], spans: list[tuple[float, float]]) -> list[Cell]:
    """Titles of neighbouring columns printed as one cell where no ruling kept them apart
    ('基本支出项目支出', '占比(%) 基本支出' over two amount columns) split into one title per
    column: where the cell holds as many column words as it stands over amount columns, in
    their order."""
    out: list[Cell] = []
    for x0, x1, text in cells:
        under = [span for span in spans if _overlaps(x0, x1, *span)]
        found = words_in(text)
        if len(under) < 2 or len(found) != len(under) or found[0][0] != 0:
            out.append((x0, x1, text))
            continue
        if not all(role in MONEY or role in OWN_COLUMN for _, role in found):
            out.append((x0, x1, text))
            continue
        ends = [at for at, _ in found[1:]] + [len(text)]
        out += [
            (a, b, text[at:end]) for (a, b), (at, _), end in zip(under, found, ends, strict=True)
        ]
    return out


def owning_cell(cells: list[Cell], x: float) -> Cell | None:
    """The header cell of one line over x: each cell owns the x-axis up to the middle
    of the gaps beside it (a group title centred over its columns owns them all)."""
    if len(cells) == 1:  # a lone title: only the columns under its own extent
        x0, x1, _ = cells[0]
        return cells[0] if x0 - 1 <= x <= x1 + 1 else None
    for i, (x0, x1, _) in enumerate(cells):
        left = -1e9 if i == 0 else (cells[i - 1][1] + x0) / 2
        right = 1e9 if i == len(cells) - 1 else (x1 + cells[i + 1][0]) / 2
        if left <= x < right:
            return cells[i]
    return None


def owner(cells: list[Cell], x: float) -> str:
    cell = owning_cell(cells, x)
    return cell[2] if cell else ""


def _overlaps(a0: float, a1: float, b0: float, b1: float) -> bool:
    return min(a1, b1) - max(a0, b0) > 0


def _sub_heads_line(lines: list[list[Cell]], i: int, cell: Cell) -> int | None:
    """The first line below a group title with a cell right under the title's words:
    the line of its own sub-heads."""
    return next(
        (
            j
            for j in range(i + 1, len(lines))
            if any(_overlaps(a, b, cell[0], cell[1]) for a, b, _ in lines[j])
        ),
        None,
    )


def _group_cell(cells: list[Cell], x0: float, x1: float) -> Cell | None:
    """The cell of a header line that may stand over the column as a group title: the
    one owning its centre, or a lone title half over it (事业收入 over 金额 | 其中：教育收费)."""
    cell = owning_cell(cells, (x0 + x1) / 2)
    if cell is None and len(cells) == 1 and _overlaps(cells[0][0], cells[0][1], x0, x1):
        cell = cells[0]
    return cell


def _label(lines: list[list[Cell]], x0: float, x1: float) -> str:
    """The column's own title (the lowest header cell right over it) after the group
    titles above that line. A group title reaches only columns titled on its sub-heads'
    line or below: a 合计 titled higher up sits beside the group, not under it."""
    over = [i for i, cells in enumerate(lines) if any(_overlaps(a, b, x0, x1) for a, b, _ in cells)]
    last = over[-1] if over else len(lines) - 1
    own = _own_title(lines[last], x0, x1) if over else []
    groups = ""
    for i, cells in enumerate(lines[:last]):
        cell = _group_cell(cells, x0, x1)
        if cell is None:
            continue
        heads = _sub_heads_line(lines, i, cell)
        if heads is None and own and not _overlaps(cell[0], cell[1], x0, x1):
            continue  # a title nothing stands under: its own column's, beside this one
        if heads is None or heads <= last:
            groups += cell[2]
    return groups + ("".join(own) if own else owner(lines[last], (x0 + x1) / 2) if lines else "")


def _own_title(cells: list[Cell], x0: float, x1: float) -> list[str]:
    """The header cells of one line over a column's amounts. Where two of them name money
    of their own (a page photographed askew sets the header off its columns: 基本支出 and
    项目支出 both graze one column), the one over most of the amounts."""
    over = [(a, b, t) for a, b, t in cells if _overlaps(a, b, x0, x1)]
    money = [c for c in over if any(r in MONEY for _, r in words_in(c[2].replace(" ", "")))]
    if len(money) > 1:
        best = max(money, key=lambda c: min(c[1], x1) - max(c[0], x0))
        over = [c for c in over if c not in money or c is best]
    return [t for _, _, t in over]


def _titled(
    lines: list[list[Cell]], x0: float, x1: float, reach: float | None
) -> tuple[float, float]:
    """The extent a column's title is looked for in: its amounts', or, where a lower line
    of the header titles the column only to the left of its amounts (a title set left in
    a wide cell over amounts set right), back to where the body's text before it ends."""
    if reach is None or reach >= x0:
        return x0, x1
    depth = [
        i for i, cells in enumerate(lines) if any(_overlaps(a, b, x0, x1) for a, b, _ in cells)
    ]
    # titles that start right of the amounts before and before these end
    wider = [i for i, cells in enumerate(lines) if any(reach <= a < x1 for a, _, _ in cells)]
    if wider and (not depth or wider[-1] > depth[-1]):
        return max(a for a, _, _ in lines[wider[-1]] if reach <= a < x1), x1
    return x0, x1


def read_columns(header: list[Line], body: list[Line], year: int | None = None) -> list[Column]:
    """The amount columns of a table with geometry, each with its label and role;
    empty where the format gives no boxes (plain text keeps reading in order)."""
    # boxes with height only: text laid out in columns has character columns, whose
    # wide characters drift away from the amounts under them
    if not any(box is not None and box[3] > box[1] for line in body for box in line.boxes):
        return []
    body = [line for line in body if not column_numbers(line.cells)]  # 栏次 1 2 3: titles' kin
    spans = _amount_spans(body)
    lines = [_unglued(cells, spans) for cells in _header_cells(header)]
    # where the body's text left of each column ends: the amounts or names before it
    ends = [box[2] for line in body for box in line.boxes if box is not None]
    reach = [max((e for e in ends if e <= x0), default=None) for x0, _ in spans]
    labels = [
        _label(lines, *_titled(lines, x0, x1, r)) for (x0, x1), r in zip(spans, reach, strict=True)
    ]
    if year is None:  # the latest of the document's year and those the header names
        named = [int(y) for label in labels for y in _YEAR.findall(label)]
        year = max([*named, document_year() or 0]) or None
    sums = [_holds_amounts(body, x0, x1) for x0, x1 in spans]
    roles = with_a_total(
        lambda: [role_of(label, year, held) for label, held in zip(labels, sums, strict=True)]
    )
    return [
        Column(x0, x1, label, role)
        for (x0, x1), label, role in zip(spans, labels, roles, strict=True)
    ]


def columns_by_page(
    header: list[Line], body: list[Line], year: int | None = None
) -> dict[int | None, list[Column]]:
    """The columns of a table run over pages (key None), and of each later page that
    prints the header again (key: the page): a table set page by page may give each page
    columns of its own widths, so that page's amounts go under its own titles."""
    pages: dict[int, list[Line]] = {}
    for line in body:
        pages.setdefault(line.page, []).append(line)
    first = header[0].page if header else None
    shared: list[Line] = []
    own: dict[int, tuple[list[Line], list[Line]]] = {}
    for page, lines in pages.items():
        k = next((i for i, ln in enumerate(lines) if not words_only(ln)), len(lines))
        if page != first and any(_titles_columns(ln) for ln in lines[:k]):
            own[page] = (lines[:k], lines[k:])
        else:
            shared += lines
    out: dict[int | None, list[Column]] = {None: read_columns(header, shared, year)}
    heads = [" ".join(ln.cells) for ln in header]
    same = [rest for titles, rest in own.values() if [" ".join(ln.cells) for ln in titles] == heads]
    if same:  # the same header again: a column blank on the first page has amounts later
        whole = read_columns(header, shared + [ln for rest in same for ln in rest], year)
        if _more_roles(whole, out[None]):
            out[None] = whole
    for page, (titles, rest) in own.items():
        columns = read_columns(titles, rest, year)
        if any(c.role in MONEY for c in columns):
            out[page] = columns
    return out


def _more_roles(more: list[Column], fewer: list[Column]) -> bool:
    """Whether the first columns have every money role of the second, and more."""
    have = [c.role for c in more if c.role in MONEY]
    had = [c.role for c in fewer if c.role in MONEY]
    return set(had) < set(have) and len(have) == len(set(have))


def words_only(line: Line) -> bool:
    """A line of words alone: no amount, no code."""
    cells = [c for c in line.cells if c]
    return bool(cells) and not any(is_amount(c) or is_code(c) for c in cells)


def _titles_columns(line: Line) -> bool:
    """Two cells or more of the line title amount columns (合计 | 基本支出 | …)."""
    roles = [words_in(c.replace(" ", "")) for c in line.cells]
    return sum(any(r in MONEY for _, r in found) for found in roles) >= 2


def column_at(columns: list[Column], x: float) -> Column | None:
    """The column an amount centred at x sits in: the one containing it, else the nearest."""
    if not columns:
        return None
    inside = [c for c in columns if c.x0 - 1 <= x <= c.x1 + 1]
    if inside:
        return inside[0]
    return min(columns, key=lambda c: min(abs(x - c.x0), abs(x - c.x1)))
