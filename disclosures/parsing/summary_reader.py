"""The summary tables (收支总表, 财政拨款收支总表): the totals each side prints, the
lines the text restates, the classes on the spending side, last year's spending where a
column gives it, and the split of spending into 人员经费 | 公用经费 where it is printed."""

from __future__ import annotations

import re
from decimal import Decimal

from . import carry, classification
from .cells import SUM_SLACK, amount, is_amount, to_wan
from .columns import column_at, read_columns
from .facts import TableFacts, add_fact
from .headers import header_end
from .pairs import Pair, amount_columns, numbers_rows, read_pairs
from .tables import Table

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
                add_fact(out, table, column.role, to_wan(value, unit), "支出总计", line.page, box)
        return


# the amounts of a 支出总计 row in text, in the order such tables print them
_SPLITS = {
    4: ("total", "personnel", "public", "project"),
    5: ("total", "basic", "personnel", "public", "project"),
}


def _spending_split_text(table: Table, first: int, unit: str, out: TableFacts) -> None:
    """The same in text, where no amount stands under its header: the row's amounts in
    the usual order, kept only where they add up (合计 = 人员 + 公用 + 项目)."""
    words = "".join("".join(line.cells) for line in table.lines[:first]).replace(" ", "")
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
                add_fact(out, table, key, to_wan(split[key], unit), "支出总计", line.page)
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
            add_fact(out, table, wanted, to_wan(value, unit), cells[0], line.page)
            read.add(wanted)


def _by_economic_class(pairs: list[Pair]) -> bool:
    """Whether the spending is listed by economic class (工资福利支出, 商品和服务支出 …):
    then a label that names a functional class too (其他支出, 229 and 399) is the
    economic one, and the table gives no functional classes."""
    for pair in pairs:
        code = classification.economic_code_for_name(pair.label)
        if (
            code
            and len(code) == 3
            and not classification.functional_code_for_name(pair.label, level=1)
        ):
            return True
    return False


def read_summary(table: Table, unit: str, out: TableFacts) -> None:
    _spending_split(table, unit, out)
    this_year, prior, run = amount_columns(table.lines)
    if prior is not None:  # last year's spending, in the column the header says is
        for pair in read_pairs(table.lines, unit, prior, run):
            if pair.label in ("本年支出合计", "支出合计", "支出总计") and pair.value is not None:
                add_fact(out, table, "prior:expenditure", pair.value, pair.label, pair.line.page)
                break
    pairs = read_pairs(table.lines, unit, this_year, run)
    # stacked, the income over the spending in one column of labels: a bare 总计 after
    # the spending's lines is the spending's
    stacked = all(pair.position == 0 for pair in pairs if pair.value is not None)
    spending = False
    economic = _by_economic_class(pairs)
    for pair in pairs:
        # '收入预算合计' is the 收入合计 of a budget, '支出决算总计' the 支出总计 of an outturn
        named = re.sub(r"(预算|决算)(?=合计|总计|小计)", "", pair.label)
        position = 1 if stacked and spending else pair.position
        for label, key, side in PAIR_LABELS:
            if named == label and (side is None or (side == 0) == (position == 0)):
                add_fact(out, table, key, pair.value, pair.label, pair.line.page, pair.box)
                spending = spending or key.startswith("expenditure")
                break
        else:
            line = carry.label(pair.label)
            if (line in STATED_LINES or carry.role(line)) and pair.value is not None:
                add_fact(
                    out, table, f"line:{line}", pair.value, pair.label, pair.line.page, pair.box
                )
                continue
            code = classification.functional_code_for_name(pair.label, level=1)
            if code and pair.value is not None and not economic:
                add_fact(out, table, f"class:{code}", pair.value, pair.label, pair.line.page)
    _displaced_totals(table, unit, pairs, out)
