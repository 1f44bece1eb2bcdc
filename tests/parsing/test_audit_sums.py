"""Sums down and across a spending table on small documents: a grand total printed
'总计：', a 小计 column beside 合计, an economic table's classes against its 合计."""

from __future__ import annotations

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.extract.base import Extracted, Line, Page
from disclosures.parsing.model import Disclosure, Finding
from disclosures.parsing.parse import parse_extracted

HEAD = "2026 年度\n示例市社会保险中心\n部门预算\n目录\n第二部分 部门预算表\n"
SUMMARY = (
    "收支预算总表\n单位：万元\n项目\t预算数\t项目\t预算数\n"
    "一、一般公共预算拨款收入\t100.00\t八、社会保障和就业支出\t{class208}\n"
    "十、卫生健康支出\t20.00\t\t\n"
    "本年收入合计\t100.00\t本年支出合计\t100.00\n收入合计\t100.00\t支出合计\t100.00\n"
)
SPENDING = (
    "支出预算总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "{label}\t\t100.00\t60.00\t40.00\n"
    "208\t社会保障和就业支出\t{class208}\t{basic208}\t40.00\n"
    "20801\t人力资源和社会保障管理事务\t{class208}\t{basic208}\t40.00\n"
    "210\t卫生健康支出\t20.00\t20.00\t0.00\n"
    "21011\t行政事业单位医疗\t20.00\t20.00\t0.00\n"
)


def parse(label: str = "合计", class208: str = "80.00", basic208: str = "40.00") -> dict:
    tables = SUMMARY.format(class208=class208) + SPENDING.format(
        label=label, class208=class208, basic208=basic208
    )
    return to_contract(parse_bytes((HEAD + tables).encode(), "example.txt"))


def class_totals(result: dict) -> list[dict]:
    return [f for f in result["findings"] if f["message_id"] == "class_totals"]


def test_it_reads_a_grand_total_printed_with_a_colon() -> None:
    """'总计：' is the table's 合计: a cent its classes miss it by is found, as rounding."""
    findings = class_totals(parse("总计：", class208="79.99", basic208="39.99"))
    assert {(f["where"], f["severity"]) for f in findings} == {
        ("expenditure", "info"),
        ("basic", "info"),
    }


def test_classes_that_make_a_total_printed_with_a_colon_are_not_reported() -> None:
    assert class_totals(parse("总计：")) == []


# a spending table as the PDF extractor hands it over: 合计 beside two groups, 当年预算
# and 上年结转结余, each over 小计 | 基本支出 | 项目支出
GROUPS_X = ((200, 240), (260, 300), (320, 360), (380, 420), (440, 480), (500, 540), (560, 600))
HEADS = ("小计", "基本支出", "项目支出") * 2
ROWS = [
    ("合计", "", "100.00", "100.00", "60.00", "40.00", "0.00", "0.00", "0.00"),
    ("208", "社会保障和就业支出", "100.00", "100.00", "60.00", "{project}", "0.00", "0.00", "0.00"),
    (
        "20801",
        "人力资源和社会保障管理事务",
        "100.00",
        "100.00",
        "60.00",
        "{project}",
        "0.00",
        "0.00",
        "0.00",
    ),
    ("2080101", "行政运行", "60.00", "60.00", "60.00", "0.00", "0.00", "0.00", "0.00"),
    (
        "2080102",
        "一般行政管理事务",
        "40.00",
        "{subtotal}",
        "0.00",
        "{project}",
        "0.00",
        "0.00",
        "0.00",
    ),
]


def line(top: float, *cells: tuple[str, float, float]) -> Line:
    kept = [c for c in cells if c[0]]
    boxes = tuple((x0, top, x1, top + 10) for _, x0, x1 in kept)
    return Line(page=1, cells=tuple(c for c, _, _ in kept), boxes=boxes)


def grouped(subtotal: str, project: str = "40.00") -> Disclosure:
    header = [
        line(0, ("当年预算", 310, 370), ("上年结转结余", 490, 550)),
        line(5, ("科目编码", 10, 40), ("科目名称", 60, 120), ("合计", 200, 240)),
        line(12, *((w, x0, x1) for w, (x0, x1) in zip(HEADS, GROUPS_X[1:], strict=True))),
    ]
    body = [
        line(
            24 + 12 * i,
            (code, 10, 40),
            (name, 60, 120),
            *(
                (v.format(subtotal=subtotal, project=project), x0, x1)
                for v, (x0, x1) in zip(values, GROUPS_X, strict=True)
            ),
        )
        for i, (code, name, *values) in enumerate(ROWS)
    ]
    lines = [line(-30, ("支出总表", 150, 300)), line(-15, ("单位：万元", 500, 540)), *header]
    return parse_extracted(Extracted("t.pdf", "pdf", (Page(1, (*lines, *body)),)))


def subtotals(d: Disclosure) -> list[Finding]:
    return [f for f in d.findings if f.message_id == "subtotal_sum"]


def test_it_reports_a_subtotal_printed_nought_beside_parts_that_carry_money() -> None:
    (finding,) = subtotals(grouped("0.00"))
    assert finding.rule == "row_sum" and finding.where == "2080102"
    assert finding.severity == "warning" and "小计 is 0.00" in finding.message


def test_a_subtotal_that_is_its_parts_or_the_rows_total_is_not_reported() -> None:
    assert subtotals(grouped("40.00")) == []


def test_a_subtotal_in_a_table_whose_reading_fails_is_not_reported() -> None:
    """No row's 合计 is its 基本 + 项目 as read: the reading does not prove itself, and a
    小计 beside it may be misread."""
    d = grouped("0.00", project="41.00")
    assert not all(c.verified for c in d.checks if c.checked) and subtotals(d) == []


GENERAL = (
    "一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "合计\t\t100.00\t50.00\t40.00\n"
    "208\t社会保障和就业支出\t80.00\t30.00\t40.00\n"
    "20801\t人力资源和社会保障管理事务\t80.00\t30.00\t40.00\n"
    "210\t卫生健康支出\t20.00\t10.00\t0.00\n"
    "21011\t行政事业单位医疗\t20.00\t10.00\t0.00\n"
)


def test_a_table_whose_reading_fails_does_not_set_the_figure_others_are_held_to() -> None:
    """基本支出 60.00 in the spending table, whose rows add up, against 50.00 in a table
    none of whose rows does: the odd one is the misread table's, a note, not a warning."""
    tables = SUMMARY.format(class208="80.00") + SPENDING.format(
        label="合计", class208="80.00", basic208="40.00"
    )
    doc = (HEAD + tables + GENERAL).encode()
    result = to_contract(parse_bytes(doc, "example.txt"))
    (finding,) = [f for f in result["findings"] if f["rule"] == "cross_table"]
    assert finding["where"] == "basic" and finding["severity"] == "info"
    assert "50.00 in 一般公共预算支出表" in finding["message"]
