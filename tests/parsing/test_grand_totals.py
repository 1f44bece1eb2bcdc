"""收入支出总计 stated in the text against the 总计 of the table it restates."""

from __future__ import annotations

from disclosures.parsing import parse_bytes, to_contract

DOCUMENT = """江南市审计局2026年部门预算
收支预算总表
单位：万元
项目\t预算数\t项目\t预算数
一、一般公共预算拨款收入\t100.00\t一、一般公共服务支出\t100.00
本年收入合计\t100.00\t本年支出合计\t100.00
收入总计\t100.00\t支出总计\t100.00

一、收支预算总体情况说明
2026年本部门收入支出总计{amount}万元，全部为一般公共预算拨款，与上年相比没有变化。
"""


def test_a_grand_total_the_table_does_not_give_is_reported_by_its_name() -> None:
    parsed = parse_bytes(DOCUMENT.format(amount="120.00").encode(), "budget.txt")
    found = [f for f in parsed.findings if f.rule == "narrative_mismatch"]
    assert [f.where for f in found] == ["收入支出总计"]
    assert found[0].message.startswith("the text says 收入支出总计 120.00")


def test_a_grand_total_the_table_gives_is_not_reported() -> None:
    parsed = parse_bytes(DOCUMENT.format(amount="100.00").encode(), "budget.txt")
    assert not [f for f in parsed.findings if f.where == "收入支出总计"]


STACKED = """江南市档案馆2024年度单位决算
收入支出决算总表
公开01表
单位：万元
项目\t行次\t决算数
一、一般公共预算财政拨款收入\t1\t100.00
本年收入合计\t7\t100.00
年初结转和结余\t8\t10.00
总计\t9\t110.00
一、一般公共服务支出\t10\t105.00
本年支出合计\t40\t105.00
年末结转和结余\t41\t5.00
总计\t42\t110.00
"""


def test_a_stacked_summarys_second_bare_total_is_the_spendings() -> None:
    # the income over the spending in one column of labels, each closed by a bare 总计:
    # the second is the spending's, so 收入总计 = 支出总计 is checked and holds
    got = to_contract(parse_bytes(STACKED.encode(), "final.txt"))
    (summary,) = [t for t in got["table_checks"] if "收入支出决算总表" in t["title"]]
    assert summary["verified"] and summary["identities"] >= 1
    assert (got["totals"]["revenue"], got["totals"]["expenditure"]) == (100.0, 105.0)


PRINTED_LAST_YEAR = """江南市林业站2024年度单位决算
收入支出决算总表
单位：万元
项目\t本年决算数\t上年决算数\t项目\t本年决算数\t上年决算数
一、一般公共预算财政拨款收入\t90.00\t80.00\t一、农林水支出\t100.00\t96.00
二、事业收入\t10.00\t16.00\t
本年收入合计\t100.00\t96.00\t本年支出合计\t100.00\t96.00

一、财政拨款支出决算情况说明
2024年度财政拨款支出决算90.00万元，比上年增加10.00万元，增长12.50%。
"""


def test_last_years_spending_printed_in_the_summary_comes_before_the_appropriations_change() -> None:
    # the appropriations' change gives their own last year (80.00), not all spending's
    got = to_contract(parse_bytes(PRINTED_LAST_YEAR.encode(), "final.txt"))
    assert got["prior_year"]["expenditure"] == 96.0
