"""Read the rows of a table: codes, names and amounts, whatever the layout.

Layouts seen in real files and handled here:
- codes in one column, or split over 类 | 款 | 项 columns ('201 03 01');
- names wrapped over several lines, with the amounts on the last;
- rows whose name is missing (the code alone), and amount rows that lost
  their label and sit one row below it (realigned, see `_realign`);
- two or more column groups side by side (人员经费 | 公用经费);
- a department and a government economic code in one row;
- blank cells: kept as None, never read as zero.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from . import classification
from .blanks import column_orders, settle_short_rows
from .cells import (
    SUM_SLACK,
    amount,
    fits_within,
    is_amount,
    is_code,
    is_total,
    strip_ordinal,
    to_wan,
)
from .classification import normalize_name
from .columns import (
    MONEY,
    Column,
    column_at,
    columns_by_page,
)
from .extract.base import Box, Line
from .headers import (
    CLOSING_ROLES,
    NOT_MONEY_ROLES,
    OPENING_ROLES,
    header_columns,
    header_positions,
    header_slots,
    money_columns,
    money_start,
    titled_places,
    year_group_first,
)
from .named_codes import coded_by_name
from .row_cells import Group, label_width, one_amount_each, row_cells, split_groups
from .tables import Table


@dataclass
class Row:
    code: str | None
    name: str
    slots: list[Decimal | None] = field(default_factory=list)
    centres: list[float | None] = field(default_factory=list)
    boxes: list[Box | None] = field(default_factory=list)
    other_codes: list[str] = field(default_factory=list)
    line: Line | None = None
    total_row: bool = False
    columns: dict[str, Decimal | None] = field(default_factory=dict)
    places: list[int] = field(default_factory=list)  # each amount's cell in its line

    @property
    def has_amounts(self) -> bool:
        return bool(self.slots)


def _row_from(cells: list[str], origin: list[int], group: Group, line: Line, unit: str) -> Row:
    label = [cells[i] for i in group[0]]
    codes = [c for c in label if is_code(c)]
    # a name before the row's code is its unit's (单位名称 | 科目编码 | 科目名称), not its own
    first = next((k for k, c in enumerate(label) if is_code(c)), 0)
    names: list[str] = []
    for c in label[first:]:
        if is_code(c) and names:  # a second classification's code and name (30101 基本工资
            break  # 50101 工资奖金津补贴): the row's name is the first one's
        if not is_code(c):
            names.append(c)
    values = [None if (v := amount(cells[i])) is None else to_wan(v, unit) for i in group[1]]
    name = "".join(strip_ordinal(n) if i == 0 else n for i, n in enumerate(names))
    total = any(is_total(n) for n in names) and not codes
    if total:  # '类 款 项 合计': the column titles sit in the same line as the label
        name = next(strip_ordinal(n).replace(" ", "") for n in names if is_total(n))
    boxes = [line.boxes[origin[i]] if origin[i] < len(line.boxes) else None for i in group[1]]
    centres = [None if b is None else (b[0] + b[2]) / 2 for b in boxes]
    code = codes[0] if codes else None
    places = [origin[i] for i in group[1]]
    return Row(code, name, values, centres, boxes, codes[1:], line, total, places=places)


# In a table of economic classes every column is basic spending (or all of it): a
# '基本支出' there is the caption over 合计 | 人员经费 | 公用经费, not a column.
ECONOMIC_COLUMNS = ("total", "personnel", "public", "project")


def read_coded(
    table: Table, header: list[Line], body: list[Line], unit: str, allowed: tuple[str, ...] = ()
) -> list[Row]:
    """Rows of a table keyed by classification code, names wrapped or not."""
    start = money_start(header)
    cells_wide = max((len(line.cells) for line in header), default=None)
    one_each = one_amount_each(header)
    money = money_columns(header) if one_each and start is not None else frozenset()
    width = label_width(body, start, cells_wide, money)
    rows: list[Row] = []
    pending: Row | None = None
    last_code: str | None = None
    slots_named = header_slots(header)
    lead = _leading_not_money(slots_named)
    last = _total_last(slots_named)
    for line in body:
        cells, origin = row_cells(line, start, cells_wide, money)
        if len(cells) > 1 and re.fullmatch(r"\d{2}", cells[0]) and not is_amount(cells[1]):
            fits = _fits(rows, cells, unit, lead, last)
            cells[0] = part_code(last_code, cells[0], cells[1], fits) or cells[0]
        last_code = next((c for c in cells[:3] if is_code(c)), last_code)
        for group in split_groups(cells, width, one_each):
            row = _row_from(cells, origin, group, line, unit)
            # '人员经费合计 2152.26' under a blank last item is a total of its own
            summing = re.search(r"(合计|小计|总计)$", row.name.replace(" ", "")) is not None
            if pending is not None and row.code is None and not row.total_row and not summing:
                pending.name += row.name  # a wrapped name, maybe with the amounts
                if row.slots:
                    pending.slots, pending.centres, pending.line = row.slots, row.centres, line
                    pending.boxes, pending.places = row.boxes, row.places
                    pending = None
                continue
            rows.append(row)
            pending = row if not row.slots and row.code is not None else None
    columns, positions = header_columns(header), header_positions(header)
    slots = header_slots(header)
    if allowed:
        columns = [c for c in columns if c in allowed]
        positions = {c: x for c, x in positions.items() if c in allowed or c in NOT_MONEY_ROLES}
    by_page = columns_by_page(header, body, title_year(table.title))
    if allowed and "basic" not in allowed:
        by_page = {page: _basic_as_total(columns) for page, columns in by_page.items()}
    by_role = by_page[None]
    if not any(c.role in MONEY for c in by_role):
        by_role = []
    rows = _realign(rows)
    if not any(row.code for row in rows):
        coded_by_name(rows)
    flat = not any(_drawn(b) for row in rows for b in row.boxes)
    # where cells keep their places, each amount under its cell's title, before the
    # slots of other money are dropped by count (a blank 年初结转 cell leaves a place)
    by_cell = _read_by_cell(rows, header, columns) if start is not None and flat else None
    if flat:
        slots = _drop_not_money(
            rows,
            [s for s in slots if s in columns or s in NOT_MONEY_ROLES],
            year_group_first(header),
        )
    by_order = [_place(row, columns, positions, slots) for row in rows]
    readings = [by_order]
    if by_role:
        placed = [
            _place_by_role(
                row, by_page.get(row.line.page if row.line else None, by_role), allowed, by_role
            )
            for row in rows
        ]
        readings.insert(
            0, [p if p is not None else o for p, o in zip(placed, by_order, strict=True)]
        )
    # a line of the header that names every column gives their order; the words of all
    # lines together may not ('项目' over '支出功能分类' reads as a 项目支出 before 合计)
    stated = next((c for ln in header if set(c := header_columns([ln])) == set(columns)), None)
    orders = column_orders(columns, stated=stated) if flat else []
    if orders:  # header lines in text do not say how their words interleave
        readings = [_in_order(rows, order, by_order, len(slots)) for order in orders]
    if by_cell is not None:
        readings.insert(0, by_cell)
    # the reading under which the rows' own identities hold best; the header's words first
    best = max(readings, key=identity_score)
    if by_cell is not None and not any(identity_score([cols]) < 0 for cols in by_cell):
        # each amount under the title of the cell it stands in, and no row's sum failing:
        # the places the document keeps say it, however many rows' blanks leave unproven
        best = by_cell
    for row, cols in zip(rows, best, strict=True):
        row.columns = cols
    if flat and best is not by_cell:
        at = readings.index(best) - (by_cell is not None)
        settle_short_rows(rows, orders[at] if orders else columns)
    return rows


def _read_by_cell(
    rows: list[Row], header: list[Line], columns: list[str]
) -> list[dict[str, Decimal | None]] | None:
    """Where cells keep their places, each row's amounts under the titles of the cells
    they stand in; None where a row's amount stands under no title."""
    titled = titled_places(header)
    if not titled:
        return None
    placed = [_place_by_cell(row, titled, columns) for row in rows]
    return [p for p in placed if p is not None] if all(p is not None for p in placed) else None


def _place_by_cell(
    row: Row, titled: dict[int, str], columns: list[str]
) -> dict[str, Decimal | None] | None:
    """A row's amounts under the titles of the cells they stand in, the columns of other
    money than this year's left out; None where an amount stands under no title (cells
    spread otherwise on this line) or two under one."""
    placed: dict[str, Decimal | None] = dict.fromkeys(columns or ["total"])
    seen: set[int] = set()
    if len(row.places) != len(row.slots):
        return None
    for value, at in zip(row.slots, row.places, strict=True):
        if value is None:
            continue
        if at not in titled or at in seen:
            return None
        seen.add(at)
        role = titled[at]
        if role in placed and placed[role] is None:
            placed[role] = value
    return placed


def _basic_as_total(columns: list[Column]) -> list[Column]:
    """A table of basic spending by class ('本年基本支出' over 合计 | 人员经费 | 公用经费):
    where no column is the total, its basic spending's is."""
    if any(c.role == "total" for c in columns):
        return columns
    return [replace(c, role="total") if c.role == "basic" else c for c in columns]


def _drop_not_money(rows: list[Row], slots: list[str], over: bool = False) -> list[str]:
    """In text, where blank cells leave no trace, the amounts of columns that are not
    this year's money (上年预算数 before 合计, 增减 after the breakdown) are dropped from
    each row by their place at either end; the header's other words then read as before."""
    if "total" not in slots:
        return slots
    slots = _without_group_title(slots) if over else slots
    grouped = _grouped(slots, max((len(row.slots) for row in rows), default=0))
    if grouped is not None:  # 年初预算数 | 决算数, each over 合计 | 基本支出 | 项目支出
        lead, trail, kept = grouped
    else:  # changes (增减, 增长率) and the balance carried on close the table, wherever the
        # header's lines put the word, and so do last year's figures named after all of this
        # year's (… | 上年预算数 | 增减); the opening balance and the year's income open it
        last = max(k for k, s in enumerate(slots) if s not in NOT_MONEY_ROLES)
        ends = CLOSING_ROLES | OPENING_ROLES  # placed by what they are, not where
        after = [k for k in range(last + 1, len(slots)) if slots[k] not in ends]
        closing = sum(s in CLOSING_ROLES for s in slots)
        lead, trail = _leading_not_money(slots), closing + len(after)
        kept = [s for k, s in enumerate(slots) if s not in CLOSING_ROLES and k not in after]
        leading = [s for s in kept if s in NOT_MONEY_ROLES][:lead]
        for s in leading:
            kept.remove(s)
        lead = len(leading)
    # a share printed right after each row's total (合计 | 占比 | 基本支出 …)
    shares = _shares_after_total(kept)
    kept = [s for k, s in enumerate(kept) if k not in shares]
    if not lead and not trail and not shares:
        return slots
    for row in rows:
        if len(row.slots) > lead + trail + len(shares):
            end = len(row.slots) - trail
            keep = [k for k in range(lead, end) if k - lead not in shares]
            row.slots = [row.slots[k] for k in keep]
            row.centres = [row.centres[k] for k in keep]
            row.places = [row.places[k] for k in keep if k < len(row.places)]
            row.boxes = [row.boxes[k] for k in keep]
    return kept


def _without_group_title(slots: list[str]) -> list[str]:
    """'2025年预算数' printed over '合计 | 基本支出 | 项目支出', on a line above the rest
    ('2024年预算数', '比上年增减'): in text its word comes first, before the other years'
    columns and the changes, then the 合计 it stands over; it titles no column itself."""
    first = slots.index("total")
    after = next((k for k in range(first + 1, len(slots)) if slots[k] == "total"), None)
    between = slots[first + 1 : after]
    if after is not None and between and all(s in ("prior", "plan", "change") for s in between):
        return slots[:first] + slots[first + 1 :]
    return slots


def _shares_after_total(slots: list[str]) -> set[int]:
    """The places of the share columns right after the 合计 that leads the money columns:
    printed on every row, as the total is, so that they stand at a known place."""
    if not slots or slots[0] != "total":
        return set()
    shares = set()
    for k in range(1, len(slots)):
        if slots[k] != "share":
            break
        shares.add(k)
    return shares


def _grouped(slots: list[str], amounts: int) -> tuple[int, int, list[str]] | None:
    """Group titles over one breakdown printed once for each ('年初预算数 决算数' over
    '合计 基本支出 项目支出' twice): how many amount columns the groups that are not this
    year's money take before and after the one that is, and that breakdown. The rows
    have an amount for each breakdown column, none for the titles (where they have one
    more, '上年预算数 合计' are columns of their own)."""
    for k in (2, 3):
        titles, rest = slots[:k], slots[k:]
        width = len(rest) // k
        blocks = [rest[i * width : (i + 1) * width] for i in range(k)]
        money = [i for i, t in enumerate(titles) if t not in NOT_MONEY_ROLES]
        if (
            width
            and len(rest) == k * width == amounts
            and all(b == blocks[0] for b in blocks)
            and all(t in NOT_MONEY_ROLES or t == "total" for t in titles)
            and len(money) == 1
        ):
            return money[0] * width, (k - money[0] - 1) * width, blocks[0]
    return None


def _total_last(slots: list[str]) -> bool:
    """Whether the header names the 合计 after the parts it sums, and nothing after it."""
    money = [s for s in slots if s not in NOT_MONEY_ROLES]
    return len(money) > 1 and money[-1] == "total" and money.count("total") == 1


def _leading_not_money(slots: list[str]) -> int:
    """How many columns before the 合计 are not this year's money. The 合计 leads the
    money columns: what the header names before it comes first (a group title such as
    基本支出 printed above may precede it in the text)."""
    if "total" not in slots:
        return 0
    first = slots.index("total")
    opening = sum(s in OPENING_ROLES for s in slots[first:])
    return opening + sum(s in NOT_MONEY_ROLES and s not in CLOSING_ROLES for s in slots[:first])


def _in_order(
    rows: list[Row], order: list[str], by_order: list[dict[str, Decimal | None]], words: int
) -> list[dict[str, Decimal | None]]:
    """Each row's amounts read into the columns in this order, as far as they go
    (blank cells left none; amounts beyond belong to columns the vocabulary does not
    know, such as 其中); rows with an amount for each of the header's `words` as before."""
    return [
        dict.fromkeys(order) | dict(zip(order, row.slots, strict=False)) | _rest(placed, order)
        if not len(row.slots) == words > len(order)
        else placed
        for row, placed in zip(rows, by_order, strict=True)
    ]


def _rest(placed: dict[str, Decimal | None], order: list[str]) -> dict[str, Decimal | None]:
    return {k: v for k, v in placed.items() if k not in order}


def _drawn(box: Box | None) -> bool:
    """A box from a page's geometry; text laid out in columns gives boxes with no
    height, whose wide characters drift away from the columns they stand under."""
    return box is not None and box[3] > box[1]


# spending a 合计 counts beside 基本 and 项目 (支出决算表: … | 上缴上级支出 | 经营支出 | 对附属单位补助支出)
OTHER_SPENDING = ("upper", "business", "subsidiary")


def other_spending(cols: dict[str, Decimal | None]) -> Decimal | None:
    """The spending a row's 合计 counts beside 基本 and 项目, where its table prints any."""
    values = [v for k in OTHER_SPENDING if (v := cols.get(k)) is not None]
    return sum(values, Decimal(0)) if values else None


def identity_score(readings: list[dict[str, Decimal | None]]) -> int:
    """Rows whose parts add up (合计 = 基本 + 项目, 基本 = 人员 + 公用) less rows whose do not."""
    score = 0
    for cols in readings:
        identities: tuple[tuple[str, tuple[str, ...]], ...] = (
            ("total", ("basic", "project")),
            ("basic", ("personnel", "public")),
        )
        personnel, public = cols.get("personnel"), cols.get("public")
        if cols.get("basic") is None and personnel is not None and public is not None:
            # 人员经费 | 公用经费 under a 基本支出 printing no 小计 of its own: their sum
            cols = {**cols, "basic": personnel + public}
            identities = identities[:1]
        for whole, parts in identities:
            values = [cols.get(k) for k in (whole, *parts)]
            if all(v is not None for v in values):
                total, *rest = [v for v in values if v is not None]
                sums = [sum(rest, Decimal(0))]
                others = other_spending(cols) if whole == "total" else None
                if others is not None:  # 上缴上级 | 经营 | 对附属单位补助 beside them
                    sums.append(sums[0] + others)
                score += 1 if any(abs(total - s) <= SUM_SLACK for s in sums) else -1
    return score


Fits = Callable[[str], bool]  # whether a row would fit under the code's parent


def part_code(context: str | None, part: str, name: str, fits: Fits | None = None) -> str | None:
    """The full code of a row that prints only its own part ('03' under 201, '01' under
    20103), as tables with 类 | 款 | 项 columns often do: the candidate whose official
    name is the printed one, else the level below the row before; but first of all one
    whose amount `fits` under its parent's total less the siblings read so far, for the
    sums tell where names cannot ('02 制造业' under 21598 is 2159802, not the 款 21502)."""
    if context is None:
        return None
    if context[0] in "35":  # economic codes have one level below the class
        return context[:3] + part
    candidates = [context[:3] + part, context[:5] + part] if len(context) >= 5 else []
    # no row repeats the code above it: '99 其他一般公共服务支出' under 20199 is 2019999
    candidates = [c for c in candidates if c != context] or [context + part]
    below = context + part if len(context) < 7 else context[:5] + part
    named = [
        code
        for code in candidates
        if (official := classification.functional_name(code))
        and normalize_name(official) == normalize_name(name)
    ]
    ranked = [*named, below, *candidates]
    return next((code for code in ranked if fits is None or fits(code)), ranked[0])


def _fits(rows: list[Row], cells: list[str], unit: str, lead: int = 0, last: bool = False) -> Fits:
    """Whether a row of these cells, under a code, stays within its parent's total: the
    first amount after the `lead` ones that are not this year's (上年预算数 before 合计),
    or where the header puts the 合计 last (基本支出 | 项目支出 | 合计), the last."""
    values = [to_wan(v, unit) for c in cells[1:] if (v := amount(c)) is not None]

    def total_of(slots: Sequence[Decimal | None]) -> Decimal | None:
        if last:
            return next((v for v in reversed(slots) if v is not None), None)
        return slots[lead] if len(slots) > lead else None

    total = total_of(values)

    def fits(code: str) -> bool:
        parent = next((r for r in reversed(rows) if r.code == code[:-2]), None)
        whole = None if parent is None else total_of(parent.slots)
        if total is None or whole is None:
            return total is None
        siblings = {r.code: total_of(r.slots) for r in rows if r.code and r.code[:-2] == code[:-2]}
        return fits_within(total, whole, list(siblings.values()))

    return fits


def title_year(title: str) -> int | None:
    match = re.search(r"(20\d\d)年", title)
    return int(match.group(1)) if match else None


def _place_by_role(
    row: Row, columns: list[Column], allowed: tuple[str, ...], table: Sequence[Column] = ()
) -> dict[str, Decimal | None] | None:
    """Amounts to the columns they sit under, by the role each column's header gives;
    what is not this year's money (行次, 上年, 增减, 结转) is left out. None where an
    amount has no box to place it by. A page that prints the header again has columns
    of its own, found by its amounts: a column of the `table` blank on that page is
    still the row's, blank."""
    if any(c is None for c in row.centres):
        return None
    roles = [
        c.role for c in (*table, *columns) if c.role in MONEY and (not allowed or c.role in allowed)
    ]
    placed: dict[str, Decimal | None] = dict.fromkeys(roles)
    filled: set[str] = set()
    subtotal = _subtotal_column(columns)
    for value, centre in zip(row.slots, row.centres, strict=True):
        column = column_at(columns, centre or 0.0)
        if column is not None and column is subtotal:
            placed["subtotal"] = value
        elif column is not None and column.role in placed and column.role not in filled:
            placed[column.role] = value
            filled.add(column.role)
    return placed


def _subtotal_column(columns: list[Column]) -> Column | None:
    """The 小计 of a group (当年预算: 小计 | 基本支出 | 项目支出) beside a 合计 that also
    counts another group (上年结转结余): a second total column whose group title stands
    over the parts, kept apart so that the audit can hold it to them."""
    totals = [c for c in columns if c.role == "total"]
    parts = [next((c for c in columns if c.role == role), None) for role in ("basic", "project")]
    if len(totals) < 2:
        return None
    group = re.sub(r"(小计|合计)$", "", totals[1].label)
    named = bool(group) and all(p is not None and p.label.startswith(group) for p in parts)
    return totals[1] if named else None


def _place(
    row: Row, columns: list[str], positions: dict[str, float], slots: list[str] | None = None
) -> dict[str, Decimal | None]:
    """Amounts to columns: by position under the header where the geometry is known,
    else in order (a blank cell holds its place in TAB-separated text). A row with an
    amount for every header word takes each column's first: the later ones are the same
    breakdown again for another group (上年结转, 上年预算)."""
    placed: dict[str, Decimal | None] = dict.fromkeys(columns or ["total"])
    done: set[str] = set()
    centres = [c for c in row.centres if c is not None]
    if positions and row.slots and len(centres) == len(row.slots) <= len(positions):
        order = sorted(positions, key=lambda name: positions[name])
        chosen = monotone_match(centres, [positions[name] for name in order])
        for value, index in zip(row.slots, chosen, strict=True):
            if order[index] in placed:  # not under 上年预算数, 占比 …
                placed[order[index]] = value
        return placed
    if slots and len(slots) > len(columns) and len(row.slots) == len(slots):
        for column, value in zip(slots, row.slots, strict=True):
            if column not in placed:
                continue  # 上年预算数, 增减: not this year's money
            placed[column] = value if column not in done else placed[column]
            done.add(column)
        return placed
    placed.update(zip(columns or ["total"], row.slots, strict=False))
    return placed


def monotone_match(xs: list[float], columns: list[float]) -> list[int]:
    """The columns for the amounts, left to right and one each, nearest in all: a row
    drawn a little left or right of its header keeps its order (small dynamic program)."""
    n, m = len(xs), len(columns)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    cost[0] = [0.0] * (m + 1)
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            take = cost[i - 1][j - 1] + abs(xs[i - 1] - columns[j - 1])
            cost[i][j] = min(cost[i][j - 1], take)
    chosen, j = [], m
    for i in range(n, 0, -1):
        while cost[i][j] == cost[i][j - 1]:
            j -= 1
        chosen.append(j - 1)
        j -= 1
    return chosen[::-1]


def _realign(rows: list[Row]) -> list[Row]:
    """Amounts that slid one row down (a label-only 合计 above, a bare amount row below)."""
    for i, row in enumerate(rows):
        if row.code is None and not row.total_row and not row.name and row.slots:
            j = i - 1
            while j >= 0 and rows[j].slots and not rows[j].total_row:
                j -= 1
            if j >= 0 and rows[j].total_row and not rows[j].slots:
                for k in range(j, i):  # each amount with the place it was printed at
                    below = rows[k + 1]
                    rows[k].slots, rows[k].centres = below.slots, below.centres
                    rows[k].boxes, rows[k].places = below.boxes, below.places
                return _realign(rows[:i] + rows[i + 1 :])
    return rows
