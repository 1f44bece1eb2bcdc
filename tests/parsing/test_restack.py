"""A coded table copied out of a PDF in reading order, its cells one a line, is put back
into rows where each row opens with its code; it counts only where its identities hold."""

from __future__ import annotations

from decimal import Decimal

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.extract.base import Line
from disclosures.parsing.model import LineItem
from disclosures.parsing.restack import holds, restacked
from disclosures.parsing.tables import Table
from disclosures.parsing.verify import SCATTERED

HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
# 2080505's name wrapped over two lines; 2010301 has no project amount (a blank cell)
BODY = [
    "合计", "300.00", "250.00", "50.00",
    "201", "一般公共服务支出", "150.00", "100.00", "50.00",
    "20103", "政府办公厅（室）及相关机构事", "务", "150.00", "100.00", "50.00",
    "- 10 -",
    "2010301", "行政运行", "100.00", "100.00",
    "2010350", "事业运行", "50.00", "", "50.00",
    "208", "社会保障和就业支出", "150.00", "150.00", "0.00",
    "20805", "行政事业单位养老支出", "150.00", "150.00", "0.00",
    "2080505", "机关事业单位基本养老保险缴费", "支出", "150.00", "150.00", "0.00",
]  # fmt: skip


def table(cells: list[str], kind: str = "expenditure") -> Table:
    title = Line(page=1, cells=("支出总表",))
    return Table(kind, "支出总表", "表3", "万元", title, [Line(1, (c,)) for c in cells])


def test_rows_are_put_back_from_cells_one_a_line() -> None:
    rebuilt = restacked(table(HEADER + BODY))

    assert rebuilt is not None
    rows = [line.cells for line in rebuilt.lines]
    assert rows[0] == tuple(HEADER)
    assert ("合计", "300.00", "250.00", "50.00") in rows
    assert ("201", "一般公共服务支出", "150.00", "100.00", "50.00") in rows
    assert ("20103", "政府办公厅（室）及相关机构事务", "150.00", "100.00", "50.00") in rows
    assert ("2010301", "行政运行", "100.00", "100.00") in rows  # the page foot left out
    assert ("2080505", "机关事业单位基本养老保险缴费支出", "150.00", "150.00", "0.00") in rows


def test_a_code_printed_in_class_and_item_columns_stays_one_opener() -> None:
    cells = ["类", "款", "项", "科目名称", "合计", "208", "05", "05", "养老支出", "150.00"]
    rebuilt = restacked(table(cells))

    assert rebuilt is not None and rebuilt.lines[1].cells == (
        "208",
        "05",
        "05",
        "养老支出",
        "150.00",
    )


def test_a_summary_table_or_a_row_that_swallowed_the_next_is_not_put_back() -> None:
    assert restacked(table(HEADER + BODY, kind="summary")) is None
    # the text left 208's code out: 2010350 carries the class row's amounts too
    merged = [c for c in BODY if c != "208" and c != "社会保障和就业支出"]
    assert restacked(table(HEADER + merged)) is None


def item(code: str, total: str, basic: str | None = None, project: str | None = None) -> LineItem:
    money = [None if v is None else Decimal(v) for v in (basic, project)]
    return LineItem(code, "", Decimal(total), money[0], money[1])


def test_a_put_back_table_counts_only_where_its_identities_hold() -> None:
    right = [item("208", "150", "150", "0"), item("20805", "150", "150", "0")]
    assert holds(right)
    assert not holds([item("208", "150", "100", "0"), item("20805", "150", "150", "0")])
    assert not holds([item("208", "150")])  # nothing to go by


def document(body: list[str]) -> bytes:
    prose = ["2025年某县民政局部门预算", "2025年收入预算300.00万元，支出预算300.00万元。"]
    title = ["公开03表", "支出总表", "单位：万元"]
    return "\n".join(prose + title + HEADER + body).encode()


def test_a_document_copied_in_reading_order_gives_its_coded_rows() -> None:
    got = to_contract(parse_bytes(document(BODY), "copied.txt"))

    rows = {r["code"]: r for r in got["functional"]}
    assert rows["2010301"]["total"] == 100.0 and rows["2010350"]["project"] == 50.0
    assert rows["2080505"]["basic"] == 150.0
    assert got["totals"]["basic"] == 250.0
    (check,) = [c for c in got["table_checks"] if c["table"] == "公开03表"]
    assert SCATTERED not in check["failed"]
    assert [f for f in got["findings"] if f["severity"] != "info"] == []


def test_a_put_back_table_whose_sums_fail_stays_unread() -> None:
    wrong = ["9.99" if c == "150.00" and i > 30 else c for i, c in enumerate(BODY)]
    got = to_contract(parse_bytes(document(wrong), "copied.txt"))

    assert got["functional"] == []
    (check,) = [c for c in got["table_checks"] if c["table"] == "公开03表"]
    assert SCATTERED in check["failed"]
    assert [f for f in got["findings"] if f["severity"] != "info"] == []


def test_a_table_left_unread_is_no_witness_against_the_text() -> None:
    # the 财政拨款 table is copied a cell a line and its sums do not bear its reading
    # out; the text states its row, the table of all funds another figure: the text
    # may well be right, nothing says it is not
    fiscal = ["公开05表", "财政拨款支出表", "单位：万元", *HEADER, "合计", "290.00", "240.00",
              "50.00", "2080505", "机关事业单位基本养老保险缴费支出", "140.00", "130.00",
              "0.00", "一般公共服务支出", "150.00", "100.00", "50.00", "2010301", "行政运行",
              "100.00", "100.00"]  # fmt: skip
    three = ["公开09表", "“三公”经费支出表", "单位：万元", "合计", "因公出国（境）费",
             "公务接待费", "8.00", "0.00", "8.00", "2025年预算", "8.00\t3.00"]  # fmt: skip
    tabbed = ["公开03表\t支出总表", "单位：万元", "\t".join(HEADER),
              "合计\t300.00\t250.00\t50.00", "208\t社会保障和就业支出\t150.00\t150.00\t0.00",
              "2080505\t机关事业单位基本养老保险缴费支出\t150.00\t150.00\t0.00",
              "201\t一般公共服务支出\t150.00\t100.00\t50.00"]  # fmt: skip
    prose = ["2025年某县民政局部门预算", "2025年收入预算300.00万元，支出预算300.00万元。",
             "机关事业单位基本养老保险缴费支出（2080505）140.00万元。",
             "2025年“三公”经费预算8.00万元，其中公务接待费5.00万元。"]  # fmt: skip
    text = "\n".join(prose + tabbed + fiscal + three)
    got = to_contract(parse_bytes(text.encode(), "copied.txt"))

    unread = {c["table"] for c in got["table_checks"] if SCATTERED in c["failed"]}
    assert {"公开05表", "公开09表"} <= unread
    assert [f for f in got["findings"] if f["severity"] != "info"] == []


# codes printed 类 | 款 | 项, each part a line; most rows leave one of the columns blank
SPLIT = [
    "类", "款", "项", "科目名称", "合计", "基本支出", "项目支出",
    "208", "社会保障和就业支出", "639.71", "610.31", "29.40",
    "208", "05", "行政事业单位养老支出", "610.31", "610.31",
    "208", "05", "01", "行政单位离退休", "610.31", "610.31",
    "208", "08", "抚恤", "29.40", "29.40",
    "208", "08", "01", "死亡抚恤", "29.40", "29.40",
    "210", "卫生健康支出", "143.90", "143.90",
    "210", "11", "行政事业单位医疗", "143.90", "143.90",
    "210", "11", "01", "行政单位医疗", "143.90", "143.90",
    "合计", "783.61", "754.21", "29.40",
]  # fmt: skip


def test_rows_whose_blank_cells_left_no_trace_are_put_back_beside_whole_ones() -> None:
    rebuilt = restacked(table(SPLIT))
    assert rebuilt is not None
    got = to_contract(
        parse_bytes(
            "\n".join(["2025年某县民政局部门预算", "支出总表", "单位：万元", *SPLIT]).encode(),
            "copied.txt",
        )
    )
    rows = {r["code"]: (r["total"], r["basic"], r["project"]) for r in got["functional"]}
    assert rows["20808"] == (29.40, 0.0, 29.40) and rows["20805"] == (610.31, 610.31, 0.0)
    assert got["totals"]["expenditure"] == 783.61
