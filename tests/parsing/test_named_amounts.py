"""Amounts the text gives under a row's own name, on small documents: projects named in a
sentence against the project table, economic items named in the part on basic spending
(机关运行经费) against the basic-spending table."""

from __future__ import annotations

from decimal import Decimal

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.narrative import named_amounts

HEAD = "2026 年度\n示例市社会保险中心\n部门预算\n目录\n第二部分 部门预算表\n"
SPENDING = (
    "支出预算总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "合计\t\t150.00\t50.00\t100.00\n"
    "208\t社会保障和就业支出\t150.00\t50.00\t100.00\n"
    "20801\t人力资源和社会保障管理事务\t150.00\t50.00\t100.00\n"
)
# 项目名称 | 项目单位 | 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算
PROJECTS = (
    "项目支出表\n单位：万元\n项目名称\t项目单位\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算\n"
    "2026 示例专项经费\t示例市社会保险中心\t30.00\t30.00\t0.00\t0.00\n"
    "示例中心临聘人员经费\t示例市社会保险中心\t70.00\t70.00\t0.00\t0.00\n"
)
BASIC = (
    "一般公共预算基本支出表\n单位：万元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
    "合计\t\t50.00\t30.00\t20.00\n"
    "301\t工资福利支出\t30.00\t30.00\t0.00\n"
    "30101\t基本工资\t30.00\t30.00\t0.00\n"
    "302\t商品和服务支出\t20.00\t0.00\t20.00\n"
    "30201\t办公费\t8.00\t0.00\t8.00\n"
    "30299\t其他商品和服务支出\t12.00\t0.00\t12.00\n"
)
TEXT = "第三部分 情况说明\n{narrative}\n"


def findings(narrative: str, message_id: str) -> list[dict]:
    doc = HEAD + SPENDING + PROJECTS + BASIC + TEXT.format(narrative=narrative)
    result = to_contract(parse_bytes(doc.encode(), "example.txt"))
    return [f for f in result["findings"] if f.get("message_id") == message_id]


def projects(sentence: str) -> list[dict]:
    return findings(f"八、项目支出情况说明\n{sentence}", "stated_project")


def test_a_sentence_names_each_thing_with_its_amount() -> None:
    text = "项目支出预算100万元，2026示例专项经费30万元，其中主要支出为办公费8.5万元。"
    assert named_amounts(text) == [
        ("项目支出预算", Decimal(100)),
        ("2026示例专项经费", Decimal(30)),
        ("办公费", Decimal("8.5")),
    ]


def test_it_reports_a_project_a_sentence_gives_another_amount_than_its_row() -> None:
    (finding,) = projects(
        "项目支出预算100万元，2026示例专项经费30万元，示例中心临聘人员经费69万元。"
    )
    assert finding["where"] == "示例中心临聘人员经费" and finding["severity"] == "warning"
    assert "69.00" in finding["message"] and "70.00" in finding["message"]


def test_projects_a_sentence_gives_as_their_rows_or_without_rows_are_not_reported() -> None:
    assert projects("2026示例专项经费30万元，示例中心临聘人员经费70万元，其他经费5万元。") == []


def test_a_sentence_none_of_whose_projects_is_its_row_is_not_reported() -> None:
    """All of them off: the sentence speaks of other money (last year's, all funds)."""
    assert projects("2026示例专项经费25万元，示例中心临聘人员经费69万元。") == []


def items(heading: str, sentence: str) -> list[dict]:
    return findings(f"{heading}\n{sentence}", "stated_item")


RUNNING = "机关运行经费预算20万元，其中主要支出为办公费8万元，其他商品和服务支出{other}万元。"


def test_it_reports_an_item_of_the_running_costs_the_table_prints_otherwise() -> None:
    (finding,) = items("九、机关运行经费安排使用情况说明", RUNNING.format(other="11.99"))
    assert finding["where"] == "30299" and finding["rule"] == "narrative_mismatch"
    assert "11.99" in finding["message"] and "12.00" in finding["message"]


def test_items_as_the_table_prints_them_or_outside_basic_spending_are_not_reported() -> None:
    assert items("九、机关运行经费安排使用情况说明", RUNNING.format(other="12")) == []
    assert items("七、三公经费情况说明", RUNNING.format(other="11.99")) == []


def test_items_none_of_which_the_table_prints_are_not_reported() -> None:
    sentence = "机关运行经费30万元，其中办公费10万元，其他商品和服务支出20万元。"
    assert items("九、机关运行经费安排使用情况说明", sentence) == []
