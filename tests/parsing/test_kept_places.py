"""Tables that keep every cell's place: a workbook, a Word table, or text with a TAB a cell.

The 类 | 款 | 项 columns of a code split over three cells are blank where the row is a
类 or a 款, and a 合计 label spans all the label columns: those blank cells are part of
the label, never amounts. Side by side tables (人员经费 | 公用经费) wrap a name out of
its line, leaving a code straight before the next group's.
"""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import openpyxl

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.row_cells import merged

TITLE = ["2026年部门支出预算总表"], ["编制部门:示例局 单位:元"]
HEADER = (
    ["项目", "", "", "", "支出预算", "", ""],
    ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["类", "款", "项", "", "", "", ""],
)
ROWS = (
    ["208", "", "", "社会保障和就业支出", "16067196.24", "15777676.24", "289520"],
    ["208", "05", "", "行政事业单位养老支出", "15777676.24", "15777676.24", "0"],
    ["208", "05", "01", "行政单位离退休", "821520", "821520", "0"],
    ["208", "05", "02", "事业单位离退休", "14956156.24", "14956156.24", "0"],
    ["208", "08", "", "抚恤", "289520", "0", "289520"],
    ["208", "08", "01", "死亡抚恤", "289520", "0", "289520"],
    ["合计", "", "", "", "16067196.24", "15777676.24", "289520"],
)


def _tab_text() -> bytes:
    lines = [*TITLE, *HEADER, *ROWS]
    return "\n".join("\t".join(cells) for cells in lines).encode()


def _workbook(parts_as_numbers: bool = False) -> bytes:
    """The same table as an office system exports it: amounts are numbers, codes text (or,
    `parts_as_numbers`, the code parts numbers too: '208 | 5 | 1')."""
    book = openpyxl.Workbook()
    sheet = book.active
    for cells in (*TITLE, *HEADER):
        sheet.append(cells)
    for cells in ROWS:
        parts = [int(c) if parts_as_numbers and c.isdigit() else c for c in cells[:3]]
        sheet.append([*parts, cells[3], *(float(c) for c in cells[4:])])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _document() -> bytes:
    """The same table in a Word file, its header cells merged as printed."""
    document = docx.Document()
    for (line,) in TITLE:
        document.add_paragraph(line)
    rows = [*HEADER, *ROWS]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    for (r, first, last), text in (
        ((0, 0, 3), "项目"),
        ((0, 4, 6), "支出预算"),
        ((1, 0, 2), HEADER[1][0]),
    ):
        table.cell(r, first).merge(table.cell(r, last)).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _wan(yuan: str) -> float:
    return float(Decimal(yuan) / 10000)


def _check(got: dict) -> None:
    rows = {r["code"]: (r["total"], r["basic"], r["project"]) for r in got["functional"]}
    assert rows["208"] == (_wan("16067196.24"), _wan("15777676.24"), _wan("289520"))
    assert rows["20808"] == (_wan("289520"), 0.0, _wan("289520"))
    totals = got["totals"]
    assert (totals["expenditure"], totals["basic"], totals["project"]) == (
        _wan("16067196.24"),
        _wan("15777676.24"),
        _wan("289520"),
    )
    assert not [f for f in got["findings"] if f["severity"] != "info"]


def test_a_class_row_and_the_total_row_read_in_text_with_a_tab_a_cell() -> None:
    _check(to_contract(parse_bytes(_tab_text(), "table.txt")))


def test_a_class_row_and_the_total_row_read_in_a_workbook() -> None:
    _check(to_contract(parse_bytes(_workbook(), "table.xlsx")))


def test_a_class_row_and_the_total_row_read_in_a_word_file() -> None:
    _check(to_contract(parse_bytes(_document(), "table.docx")))


SIDE_BY_SIDE = (
    "一般公共预算财政拨款基本支出决算表\n单位：万元\n"
    "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\n"
    "301\t工资福利支出\t100.00\t302\t商品和服务支出\t55.00\n"
    "30101\t基本工资\t60.00\t30201\t办公费\t20.00\n"
    # the 303 item's name and the right group's name are wrapped out of the line
    "30113\t住房公积金\t40.00\t30212\t10.00\n"
    "303\t对个人和家庭的补助\t5.00\t30213\t维修（护）费\t4.00\n"
    "30302\t退休费\t5.00\t30214\t租赁费\t1.00\n"
    "30399\t30240\t税金及附加费用\t20.00\n"
    "人员经费合计\t105.00\t公用经费合计\t55.00\n"
)


def test_a_code_straight_before_the_next_groups_code_or_amount_is_that_groups_head() -> None:
    got = to_contract(parse_bytes(SIDE_BY_SIDE.encode(), "basic.txt"))
    economic = {r["code"]: r["total"] for r in got["economic"]}
    assert economic["30212"] == 10.00 and economic["30240"] == 20.00
    assert economic.get("30399") is None and economic["30113"] == 40.00
    assert not [f for f in got["findings"] if f["rule"] == "children_sum"]


def test_code_parts_a_workbook_keeps_as_numbers_are_joined() -> None:
    """'208 | 5 | 1': the 款 and 项 stored as numbers lose their leading zero."""
    got = to_contract(parse_bytes(_workbook(parts_as_numbers=True), "table.xlsx"))
    codes = [r["code"] for r in got["functional"]]
    assert codes == ["208", "20805", "2080501", "2080502", "20808", "2080801"]
    (slip,) = [f for f in got["findings"] if f["rule"] == "code_format"]
    assert slip["where"] == "20805, 20808"


def test_a_whole_amount_after_money_takes_no_code_part() -> None:
    """Excel's General format: '合计 | 1208.2 | 997.2 | 211 | 0 | 0' is five amounts."""
    row = ["合计", "1208.2", "997.2", "211", "0", "0"]
    assert merged(row)[0] == row
    in_yuan = ["20200", "0", "0", "20200"]  # a row of whole yuan opening with its amount
    assert merged(in_yuan)[0] == in_yuan
    joined = ["2080501", "行政单位离退休", "82.15"]
    assert merged(["208", "5", "1", "行政单位离退休", "82.15"])[0] == joined


def _sheets_read(name: str, *sheets: list[list]) -> dict:
    """A workbook of these sheets' rows, parsed."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for rows in sheets:
        sheet = book.create_sheet()
        for cells in rows:
            sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return to_contract(parse_bytes(out.getvalue(), name))


def test_a_table_run_on_to_a_sheet_laid_out_otherwise_keeps_its_amounts() -> None:
    """A workbook made from a PDF, a sheet a page: the table's rest, on the next sheet,
    has blank columns between code, name and amount that its header on the first sheet
    does not have ('2080502 | | 事业单位离退休 | | 1495.62')."""
    got = _sheets_read(
        "converted.xlsx",
        [
            ["一般公共预算支出预算表"],
            ["部门:示例局", "", "单位:万元"],
            ["功能科目代码", "功能科目名称", "金额"],
            ["", "合计", 1606.77],
            ["208", "社会保障和就业支出", 1606.77],
            ["20805", "行政事业单位养老支出", 1577.77],
            ["2080501", "行政单位离退休", 82.15],
        ],
        [
            ["2080502", None, "事业单位离退休", None, 1495.62],
            ["20808", None, "抚恤", None, 29.0],
            ["2080801", None, "死亡抚恤", None, 29.0],
        ],
    )
    rows = {r["code"]: r["total"] for r in got["functional"]}
    assert (rows.get("2080502"), rows.get("20808"), rows.get("2080801")) == (1495.62, 29, 29)
    assert not [f for f in got["findings"] if f["severity"] != "info"]


def test_groups_side_by_side_drop_the_blank_label_cells_of_every_group() -> None:
    """'301 | | 工资福利支出 | 100 | 302 | | 商品和服务支出 | 55': the blank 款 cell of the right
    group's class row is part of its label, not an amount."""
    got = _sheets_read(
        "basic.xlsx",
        [
            ["一般公共预算财政拨款基本支出决算表"],
            ["单位：万元"],
            ["科目编码", "", "科目名称", "决算数", "科目编码", "", "科目名称", "决算数"],
            ["301", "", "工资福利支出", 100.0, "302", "", "商品和服务支出", 55.0],
            ["301", "01", "基本工资", 60.0, "302", "01", "办公费", 20.0],
            ["301", "02", "津贴补贴", 40.0, "302", "11", "差旅费", 35.0],
            ["人员经费合计", "", "", 100.0, "公用经费合计", "", "", 55.0],
        ],
    )
    economic = {r["code"]: r["total"] for r in got["economic"]}
    assert (economic.get("301"), economic.get("302"), economic.get("30211")) == (100, 55, 35)
    assert not [f for f in got["findings"] if f["severity"] != "info"]
