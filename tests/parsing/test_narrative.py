"""Figures stated in sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosures.parsing import narrative, parse_bytes, to_contract
from disclosures.parsing.extract.base import Line


def sents(*texts: str) -> list[narrative.Sentence]:
    return narrative.sentences([Line(page=3, cells=(t,)) for t in texts])


def test_a_change_refers_to_the_first_figure_of_its_clause() -> None:
    (change,) = narrative.changes(
        sents(
            "本单位当年预算支出 170 万元，其中一般公共预算拨款支出 170 万元、政府性基金拨款支出 0 万元，"
            "较上年减少 3.41 万元，主要原因是人员经费和公用经费支出预算调减。"
        )
    )
    assert (change.base, change.delta) == (Decimal(170), Decimal("-3.41"))
    assert change.reason == "人员经费和公用经费支出预算调减"


def test_a_change_in_its_own_sentence_refers_to_the_sentence_before() -> None:
    (change,) = narrative.changes(
        sents(
            "2026年度一般公共预算财政拨款支出355.85万元，占本年支出合计的100%。",
            "与2025年度相比，财政拨款支出减少45.83万元，下降11.41%，主要原因：项目经费缩减。",
        )
    )
    assert (change.base, change.delta, change.percent) == (
        Decimal("355.85"),
        Decimal("-45.83"),
        Decimal("11.41"),
    )


@pytest.mark.parametrize(
    ("stated", "changed"),
    [
        (
            "2022年度收、支总计各是4125.49,4143.91万元。",
            "收、支总计各减少1267.86,2570.97万元，各下降23.51%、38.28%。",
        ),
        (
            "2022年度收、支总计分别为4125.49万元、4143.91万元。",
            "收、支总计各减少1267.86万元、2570.97万元。",
        ),
    ],
)
def test_two_figures_and_their_changes_side_by_side(stated: str, changed: str) -> None:
    income, spending = narrative.changes(sents(stated, "与2021年相比，" + changed))

    assert (income.base, income.delta) == (Decimal("4125.49"), Decimal("-1267.86"))
    assert (spending.base, spending.delta) == (Decimal("4143.91"), Decimal("-2570.97"))
    if "%" in changed:
        assert (income.percent, spending.percent) == (Decimal("23.51"), Decimal("38.28"))


def test_last_years_spending_from_a_change_stated_beside_the_incomes() -> None:
    text = (
        "某县文化馆2022年度单位决算\n一、收入支出决算总体情况说明\n"
        "2022年度收、支总计各是4125.49,4143.91万元。与2021年相比，收、支总计各减少"
        "1267.86,2570.97万元，各下降23.51%、38.28%。\n"
        "2022年本年支出合计4143.91万元，其中：基本支出1140.27万元，占27.52%；"
        "项目支出3003.64万元，占72.48%。\n"
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "final.txt"))

    assert got["prior_year"]["expenditure"] == 6714.88
    assert not [f for f in got["findings"] if f["severity"] != "info"]


def test_amounts_listed_with_a_comma_are_two_amounts() -> None:
    import re

    found = [m.group(1) for m in re.finditer(narrative.MONEY, "收、支总计各是4125.49,4143.91万元")]

    assert found == ["4143.91"]


def test_wrapped_lines_join_into_one_sentence() -> None:
    (change,) = narrative.changes(
        sents("2025 年，部门收入预算为 18251.58 万", "元，比上年增加 890.24 万元。")
    )
    assert change.base == Decimal("18251.58") and change.delta == Decimal("890.24")


def test_template_text_with_every_option_is_not_a_change() -> None:
    assert (
        narrative.changes(sents("政府性基金预算当年拨款0万元，比上年预算数增加/减少/持平0万元。"))
        == []
    )


def test_unchanged_is_a_change_of_zero() -> None:
    (change,) = narrative.changes(sents("2026年预算安排0.00万元，与上年持平。"))
    assert change.delta == 0


def test_it_reads_headcount() -> None:
    found = {
        s.key: s.value
        for s in narrative.headcount(
            sents("本单位人员编制 10 人，其中事业编制 10 人；实有人员 9 人。")
        )
    }
    assert found == {"authorized": 10, "actual": 9}


def test_it_reads_totals_but_not_parts_named_like_them() -> None:
    found = [
        (s.key, s.value)
        for s in narrative.stated_figures(
            sents(
                "相应安排支出预算689.80万元，其中：基本支出461.30万元、项目支出228.50万元。",
                "机关事业单位基本养老保险缴费支出26.01万元。",
            )
        )
    ]
    assert ("expenditure", Decimal("689.80")) in found
    assert ("expenditure", Decimal("26.01")) not in found
    assert ("basic", Decimal("461.30")) in found


def test_no_procurement_budget_is_zero() -> None:
    found = narrative.stated_figures(sents("本单位当年无政府采购预算，并已公开空表。"))
    assert [(s.key, s.value) for s in found] == [("procurement", 0)]


def test_the_years_income_comes_before_a_total_with_carry_overs_or_one_fund() -> None:
    from disclosures.parsing import parse_bytes, to_contract

    text = (
        "2026 年度\n示例大学\n部门预算\n"
        "我校2026年收支总预算490.00万元，其中一般公共预算本年收入200.00万元，"
        "本年收入预算390.00万元，上年结转100.00万元。\n"
    )
    result = to_contract(parse_bytes(text.encode(), "example.txt"))
    assert result["totals"]["revenue"] == 390.0


def test_a_three_public_table_left_out_of_the_text_contradicts_no_sentence() -> None:
    from disclosures.parsing import parse_bytes, to_contract

    text = (
        "2026 年度\n示例市社会保险中心\n单位预算\n"
        "一般公共预算“三公”经费支出表\n公务用车购置及运行维护费\n示例市社会保险中心 2026 年度单位预算公开\n"
        "2026年“三公”经费预算4.00万元，会议费5.00万元，培训费2.16万元。\n"
    )
    result = to_contract(parse_bytes(text.encode(), "example.txt"))
    assert [f for f in result["findings"] if f["severity"] != "info"] == []


def test_more_ways_of_stating_the_totals() -> None:
    found = {
        (s.key, s.value)
        for s in narrative.stated_figures(
            sents(
                "2024年收支预算总额为1234.56万元。",
                "2024年“三公”经费财政拨款预算12.50万元，比上年减少2.00万元。",
                "2025年“三公经费”预算数为7.61万元，2024年预算数为9.23万元。",
            )
        )
    }
    assert {("revenue", Decimal("1234.56")), ("three_public", Decimal("12.50"))} <= found
    assert ("three_public", Decimal("7.61")) in found  # the quote closed after 经费


@pytest.mark.parametrize(
    "sentence",
    [
        "2026年度部门预算总收入为1,234.56万元，总支出为1,234.56万元。",
        "2026年收入、支出预算均为1234.56万元，比上年增加34.56万元。",
        "2026年部门预算收支均为1234.56万元。",
    ],
)
def test_the_whole_income_and_spending_stated_as_one(sentence: str) -> None:
    found = [(s.key, s.value) for s in narrative.stated_figures(sents(sentence))]

    assert sorted(found) == [("expenditure", Decimal("1234.56")), ("revenue", Decimal("1234.56"))]


def test_one_funds_income_and_spending_stated_as_one_are_not_the_whole() -> None:
    found = narrative.stated_figures(
        sents(
            "政府性基金预算收支均为0万元，政府性基金预算总支出为0万元。",
            "财政拨款总收入为500万元。",
        )
    )

    assert found == []


def test_an_establishment_stated_by_kind_is_their_sum() -> None:
    found = narrative.headcount(sents("核定行政编制15名、事业编制5名，在职在编人员18人。"))
    assert [(s.key, s.value) for s in found][:1] == [("authorized", Decimal(20))]
    assert ("actual", Decimal(18)) in [(s.key, s.value) for s in found]


@pytest.mark.parametrize(
    ("sentence", "key", "value"),
    [
        ("2026年收入预算共计1,234.56万元。", "revenue", "1234.56"),
        ("2026年部门收入预算合计1,234.56万元。", "revenue", "1234.56"),
        ("2026年支出预算总额1,234.56万元。", "expenditure", "1234.56"),
        ("2026年部门预算支出总额为1,234.56万元。", "expenditure", "1234.56"),
        ("基本支出共计800.00万元。", "basic", "800.00"),
        ("项目支出预算合计434.56万元。", "project", "434.56"),
        ("人员经费合计600.00万元。", "personnel", "600.00"),
        ("公用经费共计200万元。", "public", "200"),
        ("“三公”经费预算共计12.5万元。", "three_public", "12.5"),
        ("三公经费财政拨款预算总额为12.5万元。", "three_public", "12.5"),
        ("公务用车购置及运行维护费预算合计5万元。", "three_public:vehicles", "5"),
        ("2026年“三公”经费预算安排12.5万元。", "three_public", "12.5"),
        ("公务接待费预算安排2.00万元。", "three_public:reception", "2.00"),
        ("2026年收入预算1,234.56万元，支出预算1,200.00万元。", "expenditure", "1200.00"),
        ("2025年度收入决算1,111.11万元，支出决算1,100.00万元。", "expenditure", "1100.00"),
        ("2026年部门收支预算总额1,234.56万元。", "expenditure", "1234.56"),
        ("2024年度部门决算收入530.00万元，支出520.00万元。", "expenditure", "520.00"),
    ],
)
def test_a_figure_joined_to_its_name_by_other_words_than_为(
    sentence: str, key: str, value: str
) -> None:
    found = {(s.key, s.value) for s in narrative.stated_figures(sents(sentence))}

    assert (key, Decimal(value)) in found


@pytest.mark.parametrize(
    "sentence",
    [
        "编制25人，在职在编20人。",
        "本部门共有编制25名，实有在编人员20名。",
        "单位人员编制25人，实际在岗20人。",
        "部门人员编制总数为25人，在职人员20人。",
        "核定编制25名。年末实有人员23名，其中在职20名，退休3名。",
        "核定编制25名，实有在编20名。",
        "单位基本情况：编制人数25人，现有人数20人。",
        "二级预算单位包括3个，编制人数合计25人，在职人数20人。",
        "本部门人员编制25人，实际在编人数20人。",
        "核定编制25人，在职职工人数20人，退休人员8人。",
        "编制数为25人，年末在职人员数为20人。",
        "本单位编制共计25人，截至年底在职人员共计20人。",
    ],
)
def test_staff_at_work_in_other_words(sentence: str) -> None:
    found = narrative.headcount(sents(sentence))

    # the first of each is the one taken: staff at work before a 实有 that counts the retired
    assert next(s.value for s in found if s.key == "authorized") == Decimal(25)
    assert next(s.value for s in found if s.key == "actual") == Decimal(20)


@pytest.mark.parametrize(
    ("sentence", "delta", "percent"),
    [
        ("2026年支出预算1,000.00万元，同比增加100.00万元。", "100.00", None),
        ("2026年支出预算1,000.00万元，较2025年增长100.00万元，增幅11.11%。", "100.00", "11.11"),
        ("2026年支出预算1,000.00万元，上年预算数为900.00万元。", "100.00", None),
        ("2026年支出预算1,000.00万元，2025年预算为900.00万元。", "100.00", None),
        ("2026年支出预算1,000.00万元，较2025年900.00万元增长11.11%。", "100.00", None),
        ("2026年支出预算1,000.00万元，比上年增长11.11%，增加100.00万元。", "100.00", "11.11"),
        ("2026年支出预算1,000.00万元，比上年下降9.09%，减少100.00万元。", "-100.00", "9.09"),
        ("2026年支出预算1,000.00万元，与上年相比减少100.00万元，降低9.09%。", "-100.00", "9.09"),
    ],
)
def test_last_years_figure_in_other_words(sentence: str, delta: str, percent: str | None) -> None:
    (change,) = narrative.changes(sents(sentence))

    assert change.base == Decimal("1000.00") and change.delta == Decimal(delta)
    assert change.percent == (Decimal(percent) if percent else None)


def test_the_staff_of_one_unit_paid_from_the_budget_is_no_headcount() -> None:
    found = narrative.headcount(
        sents("本部门预算只包含办公厅本级在职7名人员、博物馆在职10名人员工资等经费。")
    )
    assert [s for s in found if s.key == "actual"] == []


def test_an_items_final_figure_after_its_budget_is_no_spending_total() -> None:
    for sentence in (
        "1、行政运行(项)。年初预算为1560.05万元,支出决算为1511.89万元。",
        "2025年一般公共预算拨款收入500.00万元，支出500.00万元。",  # one source of funds
        "2025年事业收入100.00万元，支出100.00万元。",
    ):
        found = narrative.stated_figures(sents(sentence))
        assert [s for s in found if s.key == "expenditure"] == [], sentence


def test_a_figure_of_another_year_or_a_carry_over_is_not_last_years() -> None:
    for sentence in (
        "2026年支出预算1,000.00万元，2026年基本支出预算为800.00万元。",
        "2026年收入预算1,000.00万元，上年结转100.00万元。",
    ):
        assert narrative.changes(sents(sentence)) == []


def test_the_halves_of_official_cars_stated_apart_make_up_the_three_public_parts() -> None:
    found = {
        (s.key, s.value)
        for s in narrative.stated_figures(
            sents(
                "“三公”经费预算12万元，其中：出国(境)费用0万元，公务用车购置费3万元，公务用车运行维护费5万元，公务接待费4万元。"
            )
        )
    }

    assert {
        ("three_public:abroad", Decimal(0)),
        ("three_public:vehicle_purchase", Decimal(3)),
        ("three_public:vehicle_operation", Decimal(5)),
        ("three_public:reception", Decimal(4)),
    } <= found
    assert not any(key == "three_public:vehicles" for key, _ in found)


def test_a_final_accounts_spent_three_public_figures_not_the_budget_before_them() -> None:
    found = {
        (s.key, s.value)
        for s in narrative.stated_figures(
            sents(
                "2024年度“三公”经费财政拨款支出预算为10.00万元，支出决算为8.00万元，完成预算的80.0%。"
                "其中：因公出国(境)费支出预算为3.00万元，支出决算为0万元；公务用车购置及运行费支出预算数为"
                "5.00万元，支出决算数为6.00万元；公务接待费支出决算为2.00万元。"
            )
        )
    }

    assert found == {
        ("three_public", Decimal("8.00")),
        ("three_public:abroad", Decimal(0)),
        ("three_public:vehicles", Decimal("6.00")),
        ("three_public:reception", Decimal("2.00")),
    }


def test_a_budgets_three_public_figure_before_other_words_is_the_figure() -> None:
    found = narrative.stated_figures(
        sents(
            "2026年“三公”经费预算为12.50万元，比上年减少0.50万元；公务接待费预算为2万元，主要用于接待。"
        )
    )

    assert {(s.key, s.value) for s in found} == {
        ("three_public", Decimal("12.50")),
        ("three_public:reception", Decimal(2)),
    }


def test_a_three_public_total_made_of_stated_parts_counts_the_car_halves_once() -> None:
    text = (
        "某市某局2026年部门预算\n2026年部门支出预算100.00万元。\n"
        "2026年因公出国(境)费0万元，公务用车购置费3万元，公务用车运行维护费5万元，公务接待费4万元。\n"
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "parts.txt"))

    assert got["totals"]["three_public"] == 12.0


def test_three_public_parts_named_without_fee_and_their_stated_total() -> None:
    text = (
        "某县某局2018年度部门决算\n"
        "2018年度本部门一般公共预算财政拨款安排的“三公”经费支出2.05万元，较上年2.08减少"
        "0.03万元，减少了1.44%；其中：因公出国(境)支出0万元；公务用车购置支出0万元；"
        "公务用车运行维护费用支出0万元；公务接待费支出2.05万元。\n"
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "final.txt"))

    assert got["three_public_parts"] == {
        "total": 2.05,
        "abroad": 0.0,
        "vehicle_purchase": 0.0,
        "vehicle_operation": 0.0,
        "reception": 2.05,
    }
    assert got["changes"][0]["percent"] == 1.44


def test_a_three_public_row_printed_blank_is_none_where_the_sums_hold() -> None:
    table = (
        "某办公室2018年度“三公”经费预算情况表\n单位:万元\n"
        "项目\t本年年初预算数\t上年年初预算数\t增减额\t增减幅度\n"
        "合计\t16.4\t18.8\t-2.4\t-13%\n"
        "1.因公出国(境)费\n"
        "2.公务接待费\t2.4\t4.8\t-2.4\t-50.00%\n"
        "3.公务用车购置及运行\t14\t14\t0\t0.00%\n"
        "其中:(1)公务用车购置费\n"
        "(2)公务用车运行费\t14\t14\t0\t0.00%\n"
    )
    got = to_contract(parse_bytes(("某县某办公室2018年部门预算\n" + table).encode(), "t.txt"))
    parts = got["three_public_parts"]

    assert parts["abroad"] == 0 and parts["vehicle_purchase"] == 0
    assert parts["total"] == 16.4 and parts["vehicles"] == 14.0
    # where the rows read do not make the total, a blank row is not known to be none
    short = table.replace("合计\t16.4", "合计\t17.4")
    got = to_contract(parse_bytes(("某县某办公室2018年部门预算\n" + short).encode(), "t.txt"))
    assert "abroad" not in got["three_public_parts"]


@pytest.mark.parametrize("years", ["上年预算数\t本年预算数", "2023年预算数\t2024年预算数"])
def test_a_three_public_table_down_the_page_with_last_years_column_first(years: str) -> None:
    table = (
        "2024年度“三公”经费预算情况表\n单位:万元\n"
        f"项目\t{years}\t增减额\t增减幅度\n"
        "合计\t18.8\t16.4\t-2.4\t-13%\n"
        "1.因公出国(境)费\t0\t0\t0\t0\n"
        "2.公务接待费\t4.8\t2.4\t-2.4\t-50.00%\n"
        "3.公务用车购置及运行费\t14\t14\t0\t0.00%\n"
        "其中:(1)公务用车购置费\t0\t0\t0\t0\n"
        "(2)公务用车运行费\t14\t14\t0\t0.00%\n"
    )
    got = to_contract(parse_bytes(("某县某办公室2024年部门预算\n" + table).encode(), "t.txt"))

    assert got["three_public_parts"] == {
        "total": 16.4,
        "abroad": 0.0,
        "reception": 2.4,
        "vehicles": 14.0,
        "vehicle_purchase": 0.0,
        "vehicle_operation": 14.0,
    }


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("2026年度政府采购预算共50万元。", "50"),
        ("2026年部门政府采购预算总计50.00万元。", "50.00"),
        ("2026年未安排政府采购预算。", "0"),
        ("2025年度本部门政府采购实际支出50.00万元。", "50.00"),
        ("本年度政府采购总计50.00万元。", "50.00"),
        ("政府采购计划金额为50.00万元。", "50.00"),
    ],
)
def test_procurement_in_other_words(sentence: str, value: str) -> None:
    found = {(s.key, s.value) for s in narrative.stated_figures(sents(sentence))}

    assert ("procurement", Decimal(value)) in found


def test_a_figure_in_yi_yuan_is_as_precise_as_printed() -> None:
    # '38.16亿元' is 381,636.85万元 rounded to a million yuan, '1.6亿元' the change
    # 15,954.70万元 rounded: neither contradicts the precise figures, and last year's
    # spending is worked from the precise change
    text = (
        "2025 年度\n示例市水务局\n部门预算\n"
        "2025年收支预算总额381,636.85万元，比上年增加15,954.70万元，增长4.4%。\n"
        "收入预算总额38.16亿元，比上年增加1.6亿元，增长4.4%。\n"
        "2025年支出预算381,636.85万元。\n"
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "budget.txt"))

    assert got["prior_year"]["expenditure"] == 365682.15
    assert [f for f in got["findings"] if f["severity"] != "info"] == []
    (change,) = narrative.changes(sents("2025年收入预算总额38.16亿元，比上年增加1.6亿元。"))
    assert (change.base, change.delta) == (Decimal("381600"), Decimal("16000"))
    assert (change.base.as_tuple().exponent, change.delta.as_tuple().exponent) == (2, 3)


def test_a_sentence_about_the_units_own_money_is_not_the_whole() -> None:
    (basic,) = [
        s
        for s in narrative.stated_figures(
            sents("另外，本单位以单位资金安排基本支出30.00万元，全部为公用经费。")
        )
        if s.key == "basic"
    ]
    assert basic.fund


def test_items_a_budgets_text_states_under_their_class_and_kuan() -> None:
    # an article with no table of classes: the summary's 类 by name, the text's 款 and
    # 项 ('…（款）行政运行（项）2025年预算数为…'), a 款 with a bracketed part of its name
    text = (
        "2025 年度\n某镇人民政府\n部门预算\n"
        "部门收支预算总表\n单位：万元\n"
        "收入\t预算数\t支出\t预算数\n"
        "一般公共预算拨款收入\t521.72\t一般公共服务支出\t521.72\n"
        "本年收入合计\t521.72\t本年支出合计\t521.72\n"
        "一般公共服务支出（类）人大事务（款）行政运行（项）2025年预算数为35.20万元，"
        "比上年增加2.10万元，增长6.3%，主要用于人大日常运转。\n"
        "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）"
        "2025年预算安排486.52万元，较上年增加18.22万元，增长3.9%。\n"
    )
    got = to_contract(parse_bytes(text.encode("utf-8"), "article.txt"))
    rows = {r["code"]: r["total"] for r in got["functional"]}
    assert rows == {"201": 521.72, "2010101": 35.2, "2010301": 486.52}


def test_items_last_year_had_and_this_year_has_not_are_no_rows() -> None:
    from disclosures.parsing import narrative_rows

    said = sents(
        "上年安排的小城镇基础设施建设（2120303）60.00万元已于2025年实施完毕，2026年不再安排。",
        "森林资源培育（2130205）35.00万元，用于造林。",
    )
    assert list(narrative_rows.stated_rows(said)) == ["2130205"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("2025年本部门收支预算总额为13757.94万元。", False),
        ("2025年基本支出预算为11560.14万元，项目支出预算为2197.80万元。", False),
        ("上年“三公”经费预算数为13.80万元。", False),
        ("2026年本部门收支预算总额为13980.59万元，比2025年增加222.65万元。", True),
        ("本部门2026年预算经2025年12月20日县人大审议，收支预算总额为13980.59万元。", True),
        (
            "2026年收入预算13980.59万元，较2025年预算增加222.65万元，其中：基本支出11986.84万元。",
            True,
        ),
    ],
)
def test_a_figure_a_sentence_gives_for_an_earlier_year_is_not_this_years(
    text: str, kept: bool
) -> None:
    from disclosures.parsing.narrative import Sentence, stated_figures

    found = stated_figures([Sentence(text, 1)], 2026)
    assert bool(found) is kept


def test_a_sentences_pieces_with_a_year_and_its_figure_stay_one_sentence() -> None:
    from disclosures.parsing.extract.base import Line
    from disclosures.parsing.narrative import sentences

    lines = [
        Line(1, ("江苏省某厅", "2019", "年度收入、支出预算总计", "13,377.11")),
        Line(1, ("万元,与上年相比增加3,226.63万元,增长31.79%。",)),
        Line(1, ("教育支出", "10205.24", "10391.89", "186.65", "1.83%")),  # a row of a text table
        Line(1, ("2026年教育支出10391.89万元。",)),
    ]
    assert [s.text for s in sentences(lines)] == [
        "江苏省某厅2019年度收入、支出预算总计13,377.11万元,与上年相比增加3,226.63万元,增长31.79%。",
        "教育支出10205.2410391.89186.651.83%",
        "2026年教育支出10391.89万元。",
    ]
