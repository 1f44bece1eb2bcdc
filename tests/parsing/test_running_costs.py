"""机关运行经费 the text says equals the basic budget's 商品和服务支出."""

from __future__ import annotations

from disclosures.parsing import parse_bytes

DOCUMENT = """某某局2026年部门预算
一般公共预算基本支出表
单位：万元
科目编码\t科目名称\t合计
合计\t300.00
301\t工资福利支出\t200.00
30101\t基本工资\t200.00
302\t商品和服务支出\t100.00
30201\t办公费\t100.00

十、一般公共预算机关运行经费支出预算表情况说明
本表反映部门年度一般公共预算机关运行经费支出预算安排情况。财政拨款支出安排数与《部门一般公共预算基本支出预算表》的“商品和服务支出”支出数一致。
2026年本部门一般公共预算机关运行经费预算支出{amount}万元，比2025年增加5.00万元。
"""


def _findings(amount: str) -> list[str]:
    parsed = parse_bytes(DOCUMENT.format(amount=amount).encode(), "budget.txt")
    return [f.where for f in parsed.findings if f.rule == "narrative_mismatch"]


def test_a_running_cost_other_than_the_figure_it_is_said_to_equal_is_reported() -> None:
    assert "机关运行经费" in _findings("120.00")


def test_a_running_cost_equal_to_that_figure_is_not() -> None:
    assert "机关运行经费" not in _findings("100.00")
