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


def test_last_years_spending_printed_in_the_summary_comes_before_the_appropriations_change() -> (
    None
):
    # the appropriations' change gives their own last year (80.00), not all spending's
    got = to_contract(parse_bytes(PRINTED_LAST_YEAR.encode(), "final.txt"))
    assert got["prior_year"]["expenditure"] == 96.0


FISCAL_TOTAL_LAST = """江南市水利局2024年度部门决算
财政拨款收入支出决算总表
单位：万元
项目\t金额\t项目\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款\t合计
一、一般公共预算财政拨款\t300.00\t一、农林水支出\t280.00\t50.00\t\t330.00
二、政府性基金预算财政拨款\t50.00\t二、住房保障支出\t20.00\t\t\t20.00
本年收入合计\t350.00\t本年支出合计\t300.00\t50.00\t\t350.00
收入总计\t350.00\t支出总计\t300.00\t50.00\t\t350.00
"""


def test_a_side_that_puts_its_total_after_its_funds_gives_the_total() -> None:
    got = to_contract(parse_bytes(FISCAL_TOTAL_LAST.encode(), "final.txt"))
    (summary,) = got["table_checks"]
    assert summary["verified"] and summary["failed"] == []
    assert got["totals"]["expenditure"] == 350.0


ECONOMIC_SUMMARY = """江南市农业农村局2026年部门预算
部门收支预算总表
单位：万元
项目\t预算数\t项目\t预算数
一、一般公共预算拨款收入\t900.00\t一、工资福利支出\t600.00
二、单位资金收入\t100.00\t二、商品和服务支出\t300.00
\t\t三、其他支出\t100.00
本年收入合计\t1000.00\t本年支出合计\t1000.00
\t\t其中：基本支出\t700.00
\t\t项目支出\t300.00
部门支出预算总表
单位：万元
科目编码\t科目名称\t合计\t一般公共预算拨款\t单位资金
合计\t\t1000.00\t900.00\t100.00
213\t农林水支出\t1000.00\t900.00\t100.00
21301\t农业农村\t1000.00\t900.00\t100.00
2130101\t行政运行\t700.00\t700.00\t
2130199\t其他农业农村支出\t300.00\t200.00\t100.00
一般公共预算支出功能分类预算表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
合计\t\t900.00\t700.00\t200.00
213\t农林水支出\t900.00\t700.00\t200.00
21301\t农业农村\t900.00\t700.00\t200.00
2130101\t行政运行\t700.00\t700.00\t
2130199\t其他农业农村支出\t200.00\t\t200.00
"""


def test_a_summary_of_economic_classes_gives_no_functional_class() -> None:
    # 其他支出 names the economic class 399 here, not the functional class 229; the
    # projects of all funds are the summary's, the general budget's table has its own
    got = to_contract(parse_bytes(ECONOMIC_SUMMARY.encode(), "budget.txt"))
    assert not [f for f in got["findings"] if f["rule"] == "cross_table"]
    assert (got["totals"]["basic"], got["totals"]["project"]) == (700.0, 300.0)
