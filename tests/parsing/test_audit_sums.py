"""Sums down and across a spending table on small documents: a grand total printed
'总计：', a 小计 column beside 合计, an economic table's classes against its 合计."""

from __future__ import annotations

from disclosures.parsing import parse_bytes, to_contract

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
