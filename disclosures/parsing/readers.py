"""Turn each recognised table into facts and line items.

A fact is one figure as one table prints it (the basic-spending total in 表1,
the same in 表7 …). The audit compares facts that should agree; the parse
picks one of them for each total, by the table preferences in parse.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from . import carry, classification, three_public
from .cells import (
    SUM_SLACK,
    amount,
    column_numbers,
    is_amount,
    is_total,
    printed_amount,
    to_wan,
)
from .classification import normalize_name
from .columns import Column, column_at, read_columns
from .extract.base import Box, Line
from .headers import header_end, header_slots, split_header
from .messages import finding
from .model import Finding, LineItem, Source
from .pairs import Pair, amount_columns, numbers_rows, read_pairs
from .row_cells import padded_codes
from .rows import ECONOMIC_COLUMNS, Row, read_coded, title_year
from .sources import Sources, income_roles, row_sources
from .tables import Table

# which money a table covers: all funds, all fiscal appropriations, or the general budget
SCOPE = {
    "summary": "all",
    "expenditure": "all",
    "income": "all",
    "fiscal_summary": "fiscal",
    "fiscal_expenditure": "fiscal",
    "general_expenditure": "general",
    "basic_functional": "general",
    "economic_all": "general",
    "economic_basic": "general",
    "economic_project": "general",
    "three_public": "general",
    "project": "all",
    "procurement": "all",
    "gov_fund": "fund",
    "state_capital": "capital",
    "other": "other",
}


def scope_of(table: Table) -> str:
    """The money the table covers: its kind's, but an appropriations' table of the general
    budget alone (一般公共预算财政拨款支出决算表) covers the general budget, not every
    appropriation (a 政府性基金 one is printed apart)."""
    scope = SCOPE[table.kind]
    if scope == "fiscal" and "一般公共预算" in table.title.replace(" ", ""):
        return "general"
    return scope


FUNCTIONAL_KINDS = (
    "expenditure",
    "general_expenditure",
    "fiscal_expenditure",
    "income",
    "basic_functional",
)
TOTAL_ROW_KEYS = {
    "fiscal_expenditure": "expenditure",
    "expenditure": "expenditure",
    "general_expenditure": "expenditure",
    "income": "revenue",
    "basic_functional": "basic",
}
FIGURE_KEYS = ("expenditure", "revenue", "basic", "project", "personnel", "public")
ECONOMIC_KINDS = {"economic_all": "all", "economic_basic": "basic"}
# summary-table labels -> figure
PAIR_LABELS: tuple[tuple[str, str, int | None], ...] = (
    # (label, figure, side: 0 income side, 1 spending side, None either)
    ("本年收入合计", "revenue_year", None),
    ("当年收入小计", "revenue_year", None),
    ("本年收入小计", "revenue_year", None),
    ("收入总计", "revenue_grand", None),
    ("收入合计", "revenue_grand", None),
    ("本年支出合计", "expenditure_year", None),
    ("当年支出小计", "expenditure_year", None),
    ("本年支出小计", "expenditure_year", None),
    ("支出总计", "expenditure_grand", None),
    ("支出合计", "expenditure_grand", None),
    ("总计", "revenue_grand", 0),
    ("总计", "expenditure_grand", 1),
    ("合计", "revenue_grand", 0),  # a final account's 收支决算总表 (高等学校)
    ("合计", "expenditure_grand", 1),
    ("人员经费和公用经费支出", "basic", None),
    ("基本支出", "basic", None),
    ("专项业务经费支出", "project", None),
    ("项目支出", "project", None),
    ("人员经费", "personnel", None),
    ("日常公用经费", "public", None),
    ("公用经费", "public", None),
)
# summary-table lines the text restates word for word (checked by audit_text.stated_lines),
# besides the carry-over lines, told by their words (carry.py)
STATED_LINES = (
    "事业收入",
    "事业单位经营收入",
    "上级补助收入",
    "附属单位上缴收入",
)


@dataclass(frozen=True)
class Fact:
    key: str
    value: Decimal
    scope: str
    table: str  # the table's label as printed (not unique: two files may both have 表1)
    source: Source
    kind: str = ""  # the kind of table it was read from


@dataclass
class TableFacts:
    facts: list[Fact] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # about how a table is printed
    functional: list[tuple[Table, LineItem]] = field(default_factory=list)
    economic: list[tuple[Table, LineItem]] = field(default_factory=list)


def _source(table: Table, row: str | None, line_page: int, box: Box | None = None) -> Source:
    return Source(page=line_page, table=table.label, row=row, box=box)


def _first_box(row: Row) -> Box | None:
    """The box of the row's first amount: the cell a reviewer is shown."""
    return next((b for v, b in zip(row.slots, row.boxes, strict=False) if v is not None), None)


def _box_of(row: Row, value: Decimal | None) -> Box | None:
    """The box of the row's one amount equal to `value`; none where the amount is not
    printed (a sum worked out) or printed twice, so no cell is outlined by guess."""
    found = [b for v, b in zip(row.slots, row.boxes, strict=False) if v is not None and v == value]
    return found[0] if len(found) == 1 else None


def _fact(
    out: TableFacts,
    table: Table,
    key: str,
    value: Decimal | None,
    row: str,
    page: int,
    box: Box | None = None,
) -> None:
    if value is not None:
        source = _source(table, row, page, box)
        out.facts.append(Fact(key, value, scope_of(table), table.label, source, table.kind))


def _spending_split(table: Table, unit: str, out: TableFacts) -> None:
    """A summary whose spending side splits its total into 人员经费 | 公用经费 columns
    (the 财务收支预算总表 of Shanghai units): the split of the 支出总计 row, all funds."""
    first = header_end(table.lines)
    columns = read_columns(table.lines[:first], table.lines[first:])
    if not columns:
        _spending_split_text(table, first, unit, out)
        return
    if not any(c.role in ("personnel", "public") for c in columns):
        return
    for line in table.lines[first:]:
        if not any(c.replace(" ", "") in ("支出总计", "本年支出合计") for c in line.cells):
            continue
        for cell, box in zip(line.cells, line.boxes, strict=False):
            column = column_at(columns, (box[0] + box[2]) / 2) if box else None
            value = amount(cell)
            if column is not None and column.role in ("personnel", "public") and value is not None:
                _fact(out, table, column.role, to_wan(value, unit), "支出总计", line.page, box)
        return


# the amounts of a 支出总计 row in text, in the order such tables print them
_SPLITS = {
    4: ("total", "personnel", "public", "project"),
    5: ("total", "basic", "personnel", "public", "project"),
}


def _spending_split_text(table: Table, first: int, unit: str, out: TableFacts) -> None:
    """The same in text, where no amount stands under its header: the row's amounts in
    the usual order, kept only where they add up (合计 = 人员 + 公用 + 项目)."""
    words = "".join("".join(line.cells) for line in table.lines[:first])
    if "人员经费" not in words or "公用经费" not in words:
        return
    for line in table.lines[first:]:
        cells = [c.replace(" ", "") for c in line.cells]
        at = next((i for i, c in enumerate(cells) if c in ("支出总计", "本年支出合计")), None)
        if at is None:
            continue
        after = cells[at + 1 :]
        if after and re.fullmatch(r"\d{1,3}", after[0]) and numbers_rows(table.lines):
            after = after[1:]  # the line's 行次
        values = [v for c in after if (v := amount(c)) is not None]
        split = dict(zip(_SPLITS.get(len(values), ()), values, strict=False))
        if split and _adds_up(split):
            for key in ("personnel", "public"):
                _fact(out, table, key, to_wan(split[key], unit), "支出总计", line.page)
        return


def _adds_up(split: dict[str, Decimal]) -> bool:
    basic = split.get("basic", split["personnel"] + split["public"])
    return (
        abs(split["total"] - basic - split["project"]) <= SUM_SLACK
        and abs(basic - split["personnel"] - split["public"]) <= SUM_SLACK
    )


# an income-side total and the spending-side total printed beside it, in the same row
COUNTERPARTS = {"revenue_year": "expenditure_year", "revenue_grand": "expenditure_grand"}


def _displaced_totals(table: Table, unit: str, pairs: list[Pair], out: TableFacts) -> None:
    """Text taken in the order a PDF drew it may set a spending total's label apart from
    its row ('当年收入小计 9,146.79 9,146.79', '当年支出小计' on a line of its own). Where
    the table prints that label with no amount, and its income counterpart's line has
    one amount more than its label, the amount is the spending total's."""
    keys = {label: key for label, key, side in PAIR_LABELS if side is None}
    bare = {keys[p.label] for p in pairs if p.value is None and p.label in keys}
    read = {f.key for f in out.facts if f.table == table.label}
    for line in table.lines:
        cells = [c for c in line.cells if c]
        if len(cells) != 3 or not all(map(is_amount, cells[1:])):
            continue
        wanted = COUNTERPARTS.get(keys.get(cells[0].replace(" ", ""), ""))
        value = amount(cells[2])
        if wanted in bare - read and value is not None:
            _fact(out, table, wanted, to_wan(value, unit), cells[0], line.page)
            read.add(wanted)


def read_summary(table: Table, unit: str, out: TableFacts) -> None:
    _spending_split(table, unit, out)
    this_year, prior, run = amount_columns(table.lines)
    if prior is not None:  # last year's spending, in the column the header says is
        for pair in read_pairs(table.lines, unit, prior, run):
            if pair.label in ("本年支出合计", "支出合计", "支出总计") and pair.value is not None:
                _fact(out, table, "prior:expenditure", pair.value, pair.label, pair.line.page)
                break
    pairs = read_pairs(table.lines, unit, this_year, run)
    for pair in pairs:
        # '收入预算合计' is the 收入合计 of a budget, '支出决算总计' the 支出总计 of an outturn
        named = re.sub(r"(预算|决算)(?=合计|总计|小计)", "", pair.label)
        for label, key, side in PAIR_LABELS:
            if named == label and (side is None or (side == 0) == (pair.position == 0)):
                _fact(out, table, key, pair.value, pair.label, pair.line.page, pair.box)
                break
        else:
            line = carry.label(pair.label)
            if (line in STATED_LINES or carry.role(line)) and pair.value is not None:
                _fact(out, table, f"line:{line}", pair.value, pair.label, pair.line.page, pair.box)
                continue
            code = classification.functional_code_for_name(pair.label, level=1)
            if code and pair.value is not None:
                _fact(out, table, f"class:{code}", pair.value, pair.label, pair.line.page)
    _displaced_totals(table, unit, pairs, out)


def _columns(row: Row) -> dict[str, Decimal | None]:
    """A row's columns; in a row with a total, an empty part is printed for zero."""
    cols = dict(row.columns)
    if any(
        k in cols for k in ("wages", "transfers", "goods")
    ):  # 工资福利 | 商品和服务 | 对个人和家庭
        wages, transfers, goods = (cols.pop(k, None) for k in ("wages", "transfers", "goods"))
        people = [v for v in (wages, transfers) if v is not None]
        cols.setdefault("personnel", sum(people, Decimal(0)) if people else None)
        cols.setdefault("public", goods)
    if cols.get("basic") is None and ("personnel" in cols or "public" in cols):
        parts = [v for v in (cols.get("personnel"), cols.get("public")) if v is not None]
        cols["basic"] = sum(parts, Decimal(0)) if parts or cols.get("total") is not None else None
    if cols.get("total") is not None:
        for key in ("basic", "project", "personnel", "public"):
            if key in cols and cols[key] is None:
                cols[key] = Decimal(0)
    return cols


def read_functional(table: Table, unit: str, out: TableFacts) -> None:
    header, body = split_header(table)
    columns = read_columns(header, body, title_year(table.title)) if table.kind == "income" else []
    roles = income_roles(columns) if columns else None
    for row in read_coded(table, header, body, unit):
        cols = _columns(row)
        page = row.line.page if row.line else table.page
        if row.total_row:
            keys = ("total",) if table.kind == "income" else tuple(cols)
            for key in keys:
                name = TOTAL_ROW_KEYS[table.kind] if key == "total" else key
                if name in FIGURE_KEYS:
                    value = cols.get(key)
                    _fact(out, table, name, value, "合计", page, _box_of(row, value))
            for role, value in _sources(row, columns, roles, cols.get("total")):
                _fact(out, table, f"source:{role}", value, "合计", page, _box_of(row, value))
            continue
        if row.code is None or not row.code.startswith("2") or cols.get("total") is None:
            continue
        item = LineItem(
            code=row.code,
            name=row.name or classification.functional_name(row.code) or "",
            total=cols.get("total"),
            basic=cols.get("basic"),
            project=cols.get("project"),
            personnel=cols.get("personnel"),
            public=cols.get("public"),
            known=classification.is_known_functional(row.code),
            source=_source(table, row.code, page, _first_box(row)),
            sources=_sources(row, columns, roles, cols.get("total")),
            subtotal=cols.get("subtotal"),
        )
        out.functional.append((table, item))


def _sources(
    row: Row, columns: list[Column], roles: list[str] | None, total: Decimal | None
) -> Sources:
    if roles is None or total is None:
        return ()
    return row_sources(row.slots, row.centres, columns, roles, total)


def _recoded(table: Table, rows: list[Row], out: TableFacts) -> list[Row]:
    """A code printed twice (30208 取暖费, 30208 物业管理费): the row whose name is not its
    code's official one takes the code of the same class that bears its name, and the
    slip is reported."""
    counts = Counter(r.code for r in rows if r.code)
    for row in rows:
        if not row.code or counts[row.code] < 2 or len(row.code) != 5:
            continue
        official = classification.economic_name(row.code)
        if official and normalize_name(official) != normalize_name(row.name):
            named = classification.economic_code_for_name(row.name, row.code[:3])
            if named and named not in counts:
                out.findings.append(
                    finding(
                        "warning",
                        "code_format",
                        row.code,
                        "code_twice",
                        _source(table, row.code, row.line.page if row.line else table.page),
                        table=table.label,
                        code=row.code,
                        name=row.name,
                        official=official,
                        named=named,
                    )
                )
                row.code = named
    return rows


def read_economic(table: Table, unit: str, out: TableFacts) -> None:
    header, body = split_header(table)
    scope = ECONOMIC_KINDS[table.kind]
    for row in _recoded(table, read_coded(table, header, body, unit, ECONOMIC_COLUMNS), out):
        page = row.line.page if row.line else table.page
        value = next((v for v in row.slots if v is not None), None)
        if row.total_row:
            key = "basic" if scope == "basic" else "expenditure"
            _fact(out, table, key, value, "合计", page, _box_of(row, value))
            if scope == "basic":  # 合计 | 人员经费 | 公用经费 columns
                for key in ("personnel", "public"):
                    part = row.columns.get(key)
                    _fact(out, table, key, part, "合计", page, _box_of(row, part))
        elif row.code is None:
            for word, key in (("人员经费", "personnel"), ("公用经费", "public")):
                if word in row.name and "合计" in row.name:
                    _fact(out, table, key, value, row.name, page)
        elif row.code[0] in "35" and row.slots and row.slots[0] is not None:
            out.economic.append(
                (
                    table,
                    LineItem(
                        code=row.code,
                        name=row.name or classification.economic_name(row.code) or "",
                        total=row.slots[0],
                        scope=scope,
                        known=classification.is_known_economic(row.code),
                        source=_source(table, row.code, page),
                    ),
                )
            )


def read_three_public(table: Table, unit: str, out: TableFacts) -> None:
    for part in three_public.read(table.lines, unit):
        box = _cell_box(part.line, part.value, unit)
        _fact(out, table, f"three_public:{part.part}", part.value, part.label, part.line.page, box)


def _cell_box(line: Line, value: Decimal, unit: str) -> Box | None:
    """The box of the line's one cell printing `value`, as _box_of for a row."""
    found = [
        box
        for cell, box in zip(line.cells, line.boxes, strict=False)
        if box is not None and (v := amount(cell)) is not None and to_wan(v, unit) == value
    ]
    return found[0] if len(found) == 1 else None


def read_total_only(table: Table, unit: str, out: TableFacts, key: str) -> None:
    """The 合计 row's figure: under the column its header calls the total (a 政府采购
    table splits it by source of funds first and puts 总计 last), else its first amount.
    A 总计 above the first amount is that column's title, on a line of its own."""
    first = header_end(table.lines)
    for i, line in enumerate(table.lines):
        if not any(is_total(c) for c in line.cells[:3]) or i < first:
            continue
        columns = read_columns(table.lines[:i], table.lines[i:])
        totals = [c for c in columns if c.role == "total"]
        for cell, box in zip(line.cells, line.boxes, strict=False):
            value = amount(cell)
            if (
                totals
                and box is not None
                and value is not None
                and column_at(columns, (box[0] + box[2]) / 2) is totals[-1]
            ):
                _fact(out, table, key, to_wan(value, unit), "合计", line.page, box)
                return
        values = [v for c in line.cells if (v := amount(c)) is not None]
        money = _without_quantities(line.cells, header_slots(table.lines[:i]))
        whole = whole_of(money)
        if whole is None and len(money) < len(values):  # a 数量 left out, one amount left
            whole = money[0] if len(money) == 1 else None
        if whole is not None:  # text: the amount the others add up to
            _fact(out, table, key, to_wan(whole, unit), "合计", line.page)
            return
        break
    for pair in read_pairs(table.lines, unit):
        if is_total(pair.label) and pair.value is not None:
            _fact(out, table, key, pair.value, "合计", pair.line.page, pair.box)
            return


def _without_quantities(cells: tuple[str, ...], slots: list[str]) -> list[Decimal]:
    """A row's amounts less those under a 数量 / 单价 column: by place where the row has
    an amount for each column the header names, else the whole numbers beside amounts
    with decimals (a count is never money)."""
    values = [(c, v) for c in cells if (v := amount(c)) is not None]
    if "quantity" not in slots:
        return [v for _, v in values]
    if len(values) == len(slots):
        return [v for (_, v), slot in zip(values, slots, strict=True) if slot != "quantity"]
    money = [v for c, v in values if "." in c]
    return money if money else [v for _, v in values]


def whole_of(values: list[Decimal]) -> Decimal | None:
    """The one amount of three or more that is the sum of all the others (a total
    printed after its parts, 2,959.46 | 410.00 | 3,369.46), else None."""
    if len(values) < 3 or not any(values):
        return None
    whole = sum(values, Decimal(0)) / 2
    found = [v for v in values if abs(v - whole) <= SUM_SLACK * len(values)]
    return found[0] if len(set(found)) == 1 else None


# how a finding names the kind of table it is about
KIND_KEYS = {
    "three_public": "three_public",
    "gov_fund": "gov_fund",
    "state_capital": "state_capital",
    "procurement": "procurement",
}


def check_printing(table: Table, out: TableFacts) -> None:
    """Codes printed without a leading zero; a table its note calls empty that has amounts."""
    padded = sorted({code for line in table.lines for code in padded_codes(line)})
    if padded:
        out.findings.append(
            finding(
                "warning",
                "code_format",
                ", ".join(padded),
                "codes_unpadded",
                _source(table, None, table.page),
                table=table.label,
                codes=", ".join(padded),
            )
        )
    amounts = [
        a
        for line in table.lines
        if not column_numbers(line.cells)
        for c in line.cells
        if (a := amount(c)) is not None and a != 0
    ]
    if "空表" in table.note and amounts:
        where = KIND_KEYS.get(table.kind, table.label)
        out.findings.append(
            finding(
                "warning",
                "cross_table",
                where,
                "empty_but_printed",
                _source(table, None, table.page),
                table=table.label,
                note=table.note,
                count=len(amounts),
            )
        )


# a spending table by source of funds (部门预算基本支出预算表, 项目支出及其他支出预算表):
# 总计 | 财政拨款 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算 | 财政专户拨款 | 其他资金
BY_SOURCE = ("total", "appropriations", "general", "fund", "capital", "special", "other")
SOURCE_WORDS = ("财政拨款", "一般公共预算", "政府性基金", "其他资金")


def read_by_source(table: Table, unit: str, out: TableFacts) -> None:
    """The 财政拨款 of such a table's 合计 row, read in the order these tables print
    their columns and kept only where the row adds up both ways (总计 = 财政拨款 + 财政专户
    + 其他资金, 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营)."""
    first = header_end(table.lines)
    words = "".join("".join(line.cells) for line in table.lines[:first]).replace(" ", "")
    if not all(w in words for w in SOURCE_WORDS):
        return
    for line in table.lines[first:]:
        if not any(is_total(c) for c in line.cells[:2]):
            continue
        values = [v for c in line.cells if (v := printed_amount(c)) is not None]
        row = dict(zip(BY_SOURCE, values, strict=False))
        if len(values) == len(BY_SOURCE) and _by_source_adds_up(row):
            key, value = "appropriations", to_wan(row["appropriations"], unit)
            source = _source(table, "合计", line.page)
            out.facts.append(Fact(key, value, "fiscal", table.label, source, table.kind))
        return


def _by_source_adds_up(row: dict[str, Decimal]) -> bool:
    funds = row["appropriations"] + row["special"] + row["other"]
    appropriations = row["general"] + row["fund"] + row["capital"]
    return (
        abs(row["total"] - funds) <= SUM_SLACK
        and abs(row["appropriations"] - appropriations) <= SUM_SLACK
    )


def read_table(table: Table, unit: str, out: TableFacts) -> None:
    check_printing(table, out)
    if table.kind in ("summary", "fiscal_summary"):
        read_summary(table, unit, out)
    elif table.kind in FUNCTIONAL_KINDS:
        read_functional(table, unit, out)
    elif table.kind in ECONOMIC_KINDS:
        read_economic(table, unit, out)
        read_by_source(table, unit, out)
    elif table.kind == "three_public":
        read_three_public(table, unit, out)
    elif table.kind == "procurement":
        read_total_only(table, unit, out, "procurement")
    elif table.kind in ("project", "economic_project"):
        read_total_only(table, unit, out, "project")
        read_by_source(table, unit, out)
