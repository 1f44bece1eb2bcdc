"""A department's disclosure that prints its units' own tables after its own: the
department's figures are its own tables', and a unit's tables are not held to them."""

from __future__ import annotations

from disclosures.parsing import parse_bytes, to_contract

DOCUMENT = """某县农业农村局2025年部门预算
第一部分 概况
本部门纳入预算编制范围的单位包括：某县农业农村局本级、{listed}。
部门支出总表
单位名称：某县农业农村局
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t150.00\t100.00\t50.00
201\t一般公共服务支出\t150.00\t100.00\t50.00
第三部分 本级及所属单位预算
支出总表
单位名称：{unit}
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t40.00\t30.00\t10.00
201\t一般公共服务支出\t40.00\t30.00\t10.00
"""


def _warnings(got: dict) -> list[str]:
    return [f"{f['rule']}@{f['where']}" for f in got["findings"] if f["severity"] == "warning"]


def test_a_units_own_tables_are_not_the_departments_nor_held_to_them() -> None:
    text = DOCUMENT.format(listed="某县农业技术推广站", unit="某县农业技术推广站")
    got = to_contract(parse_bytes(text.encode(), "budget.txt"))
    assert (got["totals"]["expenditure"], got["totals"]["basic"]) == (150.0, 100.0)
    assert _warnings(got) == []


def test_a_body_the_document_does_not_list_is_still_a_heading_slip() -> None:
    text = DOCUMENT.format(listed="某县动物疫病预防控制中心", unit="某县农业技术推广站")
    got = to_contract(parse_bytes(text.encode(), "budget.txt"))
    assert any(w.startswith("heading_mismatch@单位名称") for w in _warnings(got))
