"""Turn each recognised table into facts and line items.

A fact is one figure as one table prints it (the basic-spending total in 表1,
the same in 表7 …). The audit compares facts that should agree; the parse
picks one of them for each total, by the table preferences in parse.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from . import classification, three_public
from .cells import (
    SUM_SLACK,
    WHOLE_TOTALS,
    amount,
    column_numbers,
    is_total,
    printed_amount,
    to_wan,
    whole_of,
)
from .classification import normalize_name
from .columns import ECONOMIC_PARTS, PROJECT_KINDS, Column, column_at, read_columns
from .extract.base import Box, Line
from .facts import (
    Fact,
    TableFacts,
    add_fact,
    box_of,
    first_box,
    source,
)
from .headers import header_end, header_slots, split_header
from .messages import finding
from .model import LineItem
from .pairs import read_pairs
from .row_cells import padded_codes
from .rows import ECONOMIC_COLUMNS, Row, other_spending, read_coded, title_year
from .sources import Sources, income_roles, row_sources
from .summary_reader import read_summary
from .tables import Table, one_part

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


def _columns(row: Row, basic_split: bool = True) -> dict[str, Decimal | None]:
    """A row's columns; in a row with a total, an empty part is printed for zero. The
    economic classes (工资福利 | 商品和服务 | 对个人和家庭) split basic spending where the
    table is basic spending's or prints the project spending beside them (`basic_split`);
    else they split all of it, the projects' too, and are no basic spending's parts."""
    cols = dict(row.columns)
    if not basic_split:
        for k in ECONOMIC_PARTS:
            cols.pop(k, None)
    if any(
        k in cols for k in ("wages", "transfers", "goods")
    ):  # 工资福利 | 商品和服务 | 对个人和家庭
        wages, transfers, goods = (cols.pop(k, None) for k in ("wages", "transfers", "goods"))
        people = [v for v in (wages, transfers) if v is not None]
        cols.setdefault("personnel", sum(people, Decimal(0)) if people else None)
        cols.setdefault("public", goods)
    kinds = [v for k in PROJECT_KINDS if (v := cols.pop(k, None)) is not None]
    if kinds and cols.get("project") is None:  # 其他运转类 | 特定目标类 with no 小计
        cols["project"] = sum(kinds, Decimal(0))
    if cols.get("basic") is None and ("personnel" in cols or "public" in cols):
        parts = [v for v in (cols.get("personnel"), cols.get("public")) if v is not None]
        cols["basic"] = sum(parts, Decimal(0)) if parts or cols.get("total") is not None else None
    if cols.get("total") is not None:
        for key in ("basic", "project", "personnel", "public"):
            if key in cols and cols[key] is None:
                cols[key] = Decimal(0)
    return cols


# the economic classes a table of the general budget's spending may set across its page
CLASS_COLUMNS = {"wages": "301", "goods": "302", "transfers": "303", "capital": "310"}


def _classes_across(table: Table, row: Row, page: int, out: TableFacts) -> None:
    """The general budget's spending by economic class, from the 合计 row of its table that
    sets the classes across all the spending (functional rows × 工资福利支出 | 商品和服务支出
    | 对个人和家庭的补助 | 资本性支出): rows of the table of all its spending."""
    if table.kind != "general_expenditure":
        return
    for role, code in CLASS_COLUMNS.items():
        value = row.columns.get(role)
        if value is not None:
            item = LineItem(
                code=code,
                name=classification.economic_name(code) or "",
                total=value,
                scope="all",
                source=source(table, "合计", page, box_of(row, value)),
            )
            out.economic.append((table, item))


def read_functional(table: Table, unit: str, out: TableFacts) -> None:
    header, body = split_header(table)
    columns = read_columns(header, body, title_year(table.title)) if table.kind == "income" else []
    roles = income_roles(columns) if columns else None
    rows = read_coded(table, header, body, unit)
    basic_split = table.kind == "basic_functional" or any(
        k in row.columns for row in rows for k in ("project", "basic")
    )
    for row in rows:
        cols = _columns(row, basic_split)
        page = row.line.page if row.line else table.page
        if row.total_row and not basic_split:
            _classes_across(table, row, page, out)
        if row.total_row:
            keys = ("total",) if table.kind == "income" else tuple(cols)
            for key in keys:
                name = TOTAL_ROW_KEYS[table.kind] if key == "total" else key
                if name in FIGURE_KEYS:
                    value = cols.get(key)
                    add_fact(out, table, name, value, "合计", page, box_of(row, value))
            for role, value in _sources(row, columns, roles, cols.get("total")):
                add_fact(out, table, f"source:{role}", value, "合计", page, box_of(row, value))
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
            source=source(table, row.code, page, first_box(row)),
            sources=_sources(row, columns, roles, cols.get("total")),
            subtotal=cols.get("subtotal"),
            others=other_spending(cols),
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
                        source(table, row.code, row.line.page if row.line else table.page),
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
    parted = one_part(table.title)
    for row in _recoded(table, read_coded(table, header, body, unit, ECONOMIC_COLUMNS), out):
        page = row.line.page if row.line else table.page
        value = _economic_total(row)
        if row.total_row and parted:
            continue
        if row.total_row:
            key = "basic" if scope == "basic" else "expenditure"
            add_fact(out, table, key, value, "合计", page, box_of(row, value))
            if scope == "basic" and _parted_total(row):  # 合计 | 人员经费 | 公用经费 columns
                for key in ("personnel", "public"):
                    part = row.columns.get(key)
                    add_fact(out, table, key, part, "合计", page, box_of(row, part))
        elif row.code is None:
            for word, key in (("人员经费", "personnel"), ("公用经费", "public")):
                if word in row.name and "合计" in row.name:
                    add_fact(out, table, key, value, row.name, page)
        elif row.code[0] in "35" and value is not None:
            # a code on two rows of one table (30101 | 50101 and 30101 | 50501 where its
            # units map it to two government classes): its parts, summed
            seen = next(
                (
                    i
                    for i, (t, item) in enumerate(out.economic)
                    if t is table and item.code == row.code and item.scope == scope
                ),
                None,
            )
            if seen is not None:
                item = out.economic[seen][1]
                out.economic[seen] = (table, replace(item, total=(item.total or 0) + value))
                continue
            out.economic.append(
                (
                    table,
                    LineItem(
                        code=row.code,
                        name=row.name or classification.economic_name(row.code) or "",
                        total=value,
                        scope=scope,
                        known=classification.is_known_economic(row.code),
                        source=source(table, row.code, page),
                    ),
                )
            )


def _parted_total(row: Row) -> bool:
    """Whether a total row gives its parts apart: a 合计 column beside them, or more than
    one amount. One amount alone under a part's title is the whole table's, where the
    two parts are printed side by side, each group under its own title, and the 合计
    ends the right-hand group."""
    return row.columns.get("total") is not None or sum(v is not None for v in row.slots) > 1


def _economic_total(row: Row) -> Decimal | None:
    """A row's total: its 合计 column where the header names one (a 上年预算数 column
    may stand before it), else its first amount."""
    total = row.columns.get("total")
    return total if total is not None else next((v for v in row.slots if v is not None), None)


def read_three_public(table: Table, unit: str, out: TableFacts) -> None:
    for part in three_public.read(table.lines, unit):
        box = _cell_box(part.line, part.value, unit)
        add_fact(
            out, table, f"three_public:{part.part}", part.value, part.label, part.line.page, box
        )


def _cell_box(line: Line, value: Decimal, unit: str) -> Box | None:
    """The box of the line's one cell printing `value`, as _box_of for a row."""
    found = [
        box
        for cell, box in zip(line.cells, line.boxes, strict=False)
        if box is not None and (v := amount(cell)) is not None and to_wan(v, unit) == value
    ]
    return found[0] if len(found) == 1 else None


NOT_BOUGHT = re.compile(r"计划|中小企业|小微")


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
        # a final account's 采购计划金额 | 实际采购金额 | 授予中小企业合同金额, each with its
        # 合计: what was bought, not the plan nor the small firms' share of it
        bought = [c for c in totals if not NOT_BOUGHT.search(c.label)]
        totals = bought if bought and key == "procurement" else totals
        if totals and not totals[-1].label.endswith(WHOLE_TOTALS):
            # a group's title over its sources (预算金额 over 合计 | 一般公共预算拨款 | …)
            # makes each a total: the last headed 合计 or 总计 is the table's
            totals = [c for c in totals if c.label.endswith(WHOLE_TOTALS)][-1:] or totals
        for cell, box in zip(line.cells, line.boxes, strict=False):
            value = amount(cell)
            if (
                totals
                and box is not None
                and value is not None
                and column_at(columns, (box[0] + box[2]) / 2) is totals[-1]
            ):
                add_fact(out, table, key, to_wan(value, unit), "合计", line.page, box)
                return
        values = [v for c in line.cells if (v := amount(c)) is not None]
        money = _without_quantities(line.cells, header_slots(table.lines[:i]))
        whole = whole_of(money)
        if whole is None and len(money) < len(values):  # a 数量 left out, one amount left
            whole = money[0] if len(money) == 1 else None
        if whole is not None:  # text: the amount the others add up to
            add_fact(out, table, key, to_wan(whole, unit), "合计", line.page)
            return
        break
    for pair in read_pairs(table.lines, unit):
        if is_total(pair.label) and pair.value is not None:
            add_fact(out, table, key, pair.value, "合计", pair.line.page, pair.box)
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
                source(table, None, table.page),
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
                source(table, None, table.page),
                table=table.label,
                note=table.note,
                count=len(amounts),
            )
        )


# a spending table by source of funds (部门预算基本支出预算表, 项目支出及其他支出预算表):
# 总计 | 财政拨款 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算 | 财政专户拨款 | 其他资金
BY_SOURCE = ("total", "appropriations", "general", "fund", "capital", "special", "other")
SOURCE_WORDS = ("财政拨款", "一般公共预算", "政府性基金", "其他资金")


def read_bysource(table: Table, unit: str, out: TableFacts) -> None:
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
            where = source(table, "合计", line.page)
            out.facts.append(Fact(key, value, "fiscal", table.label, where, table.kind))
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
        read_bysource(table, unit, out)
    elif table.kind == "three_public":
        read_three_public(table, unit, out)
    elif table.kind == "procurement":
        read_total_only(table, unit, out, "procurement")
    elif table.kind in ("project", "economic_project"):
        read_total_only(table, unit, out, "project")
        read_bysource(table, unit, out)
