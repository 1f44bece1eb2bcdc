"""Layouts and phrasings of provinces whose disclosures the real documents here do not
come from, each written as such offices set it, every figure agreeing with every other:
the parse reads them whole and finds nothing against them.

- The national final-account template titles its summaries without 总表 (公开01表
  收入支出决算表, 公开04表 财政拨款收入支出决算表) and numbers their lines (行次): the
  line numbers are never amounts.
- Tables numbered by part (表1-1 部门收入总表, 表1-2 部门支出总表) are tables of their own.
- A basic-spending table that names each class in both classifications (30101 基本工资 |
  50101 工资奖金津补贴): the row's name is the first one's.
- A table of all the general budget's spending split by economic class (工资福利支出 |
  商品和服务支出 | 对个人和家庭的补助 | 资本性支出), the projects' spending among them:
  those classes are not basic spending's parts.
- A 三公 table printing last year's budget over this year's (2024年预算 | 2025年预算 |
  增减 down the side).
- Copied text whose header sets this year's title on a line of its own above last
  year's column and the change ('2025年预算数' over 合计 | 基本支出 | 项目支出).
- Sentences: a change that names its figure without its amount ('与2023年相比，财政拨款
  收支总预算增加…', '2025年收支预算总额比上年减少…'), though not one of the grand totals
  (收入、支出总计, the balances in them); against last year's outturn (较上年执行数); a
  change about the figure its percentage fits, where the budget is stated before the
  outturn or the total two sentences back; a 其中 in brackets; 政府购买服务 stated after
  the procurement's parts.
- A 三公 table down the page (预算数 | 决算数 | 决算数比预算数增减): the outturn is the
  figure. A fund's own income, spending and balances stated in a sentence about it
  (政府性基金预算财政拨款…本年收入…，支出…，年末结转和结余…) are not the department's.
- A final account's items and 三公 stated budget first (年初预算为…，支出决算为…); a
  workbook's 年初预算数 merged over 合计 | 基本支出 | 项目支出 beside the 决算数.
- The national final template's line under each title ('部门：…局 | 公开01表 | 金额单位：
  万元'); 上缴上级 | 经营 | 对附属单位补助 spending beside 基本 and 项目; a summary's
  年初预算数 | 全年预算数 | 决算数 with a blank budget cell (gone from the PDF's line).
- pdftotext's layout of a header packed tight ('合计 基本支' over '出'); a table's number
  before its title's year ('表1', '2025年部门收支总表'); 人员经费 | 公用经费 printed only in
  the appropriations' table.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from printing import printed_page

from disclosures.parsing import parse_bytes, to_contract

FINAL_HEAD = "2023年度\n示例县农业农村局\n部门决算\n"
SIDES = "收入\t\t\t支出\n项目\t行次\t金额\t项目\t行次\t金额\n"
FINAL = FINAL_HEAD + (
    "收入支出决算表\n公开01表\n单位：万元\n" + SIDES + "一、一般公共预算财政拨款收入\t1\t100.00"
    "\t一、农林水支出\t32\t90.00\n二、其他收入\t6\t0.00\t\n本年收入合计\t27\t100.00\t本年支出合计"
    "\t58\t90.00\n年初结转和结余\t29\t0.00\t年末结转和结余\t60\t10.00\n总计\t31\t100.00\t总计\t62"
    "\t100.00\n"
    "财政拨款收入支出决算表\n公开04表\n单位：万元\n" + SIDES + "一、一般公共预算财政拨款\t1\t100.00"
    "\t一、农林水支出\t32\t90.00\n本年收入合计\t27\t100.00\t本年支出合计\t58\t90.00\n"
    "年初财政拨款结转和结余\t29\t0.00\t年末财政拨款结转和结余\t60\t10.00\n总计\t31\t100.00\t总计"
    "\t62\t100.00\n"
    "一般公共预算财政拨款基本支出决算表\n单位：万元\n"
    "科目编码\t科目名称\t政府经济分类科目编码\t政府经济分类科目名称\t合计\t人员经费\t公用经费\n"
    "合计\t\t\t\t60.00\t50.00\t10.00\n"
    "301\t工资福利支出\t501\t机关工资福利支出\t50.00\t50.00\t\n"
    "30101\t基本工资\t50101\t工资奖金津补贴\t50.00\t50.00\t\n"
    "302\t商品和服务支出\t502\t机关商品和服务支出\t10.00\t\t10.00\n"
    "30201\t办公费\t50201\t办公经费\t10.00\t\t10.00\n"
)


def _parse(text: str) -> dict:
    return to_contract(parse_bytes(text.encode(), "disclosure.txt"))


def _warnings(result: dict) -> list[str]:
    return [f"{f['rule']}@{f['where']}" for f in result["findings"] if f["severity"] != "info"]


def test_the_final_templates_summaries_are_read_as_summaries_not_their_line_numbers() -> None:
    result = _parse(FINAL)
    assert result["totals"]["revenue"] == 100.0
    assert result["totals"]["expenditure"] == 90.0
    assert _warnings(result) == []


def test_a_class_printed_in_both_classifications_keeps_its_own_name() -> None:
    names = {r["code"]: r["name"] for r in _parse(FINAL)["economic"]}
    assert names == {
        "301": "工资福利支出",
        "30101": "基本工资",
        "302": "商品和服务支出",
        "30201": "办公费",
    }


def _changes(text: str) -> dict[str, tuple[float, float]]:
    result = _parse(text)
    return {c["subject"]: (c["current"], c["change"]) for c in result["changes"]}


BUDGET_HEAD = "2025年\n示例区农村经营管理服务中心\n单位预算\n"


def test_a_change_naming_the_whole_budget_is_the_totals() -> None:
    # the sentence before is about the project spending, cut at its semicolon
    result = _parse(
        BUDGET_HEAD + "2025年支出预算总计506.56万元，其中：基本支出418.06万元，占82.53%；"
        "项目支出88.50万元，占17.47%。\n2025年收支预算总额比上年减少28.99万元，主要原因是人员调出。\n"
    )
    assert result["prior_year"]["expenditure"] == pytest.approx(535.55)
    assert _warnings(result) == []


def test_a_change_naming_its_figure_takes_the_amount_stated_for_it_earlier() -> None:
    text = BUDGET_HEAD + (
        "本部门2025年收支总预算3855.60万元。\n2025年财政拨款收支总预算3795.60万元。收入全部为"
        "一般公共预算当年拨款收入；支出包括：一般公共服务支出3161.17万元、住房保障支出634.43万元。\n"
        "与2024年相比，财政拨款收支总预算增加232.80万元，增长6.53%。\n"
    )
    result = _parse(text)
    assert (3795.6, 232.8) in {(c["current"], c["change"]) for c in result["changes"]}
    assert _warnings(result) == []


def test_a_part_in_brackets_is_not_what_the_change_after_them_is_about() -> None:
    found = _changes(
        BUDGET_HEAD + "2025年“三公”经费预算数为3.60万元，其中：因公出国(境)费0万元，与上年持平；"
        "公务用车购置及运行费3.00万元（其中公务用车购置费0万元，公务用车运行费3.00万元），"
        "比上年减少0.20万元；公务接待费0.60万元，与上年持平。\n"
    )
    assert found["公务用车购置及运行费"] == (3.0, -0.2)
    assert found["因公出国(境)费"] == (0.0, 0.0)


def test_the_services_bought_for_the_public_are_not_a_part_of_procurement() -> None:
    result = _parse(
        BUDGET_HEAD + "2025年政府采购预算总额399.00万元，其中：货物171.00万元，工程0万元，"
        "服务228.00万元。\n2025年政府购买服务预算320.00万元。\n"
    )
    assert result["totals"]["procurement"] == 399.0
    assert _warnings(result) == []


STYLE = (
    "table{border-collapse:collapse;margin-bottom:24px} td{border:1px solid #000;"
    "padding:1px 4px;text-align:center} td.n{text-align:right} td.l{text-align:left}"
)
CODED = "<tr><td>科目编码</td><td>科目名称</td>{}</tr>"


def _table(title: str, head: str, rows: list[tuple[str, ...]]) -> str:
    body = "".join(
        "<tr>"
        + "".join(
            f"<td class={'n' if k > 1 else 'l'}>{html.escape(c)}</td>" for k, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<h3>{title}</h3><p>单位：万元</p><table>{head}{body}</table>"


def _cells(*words: str) -> str:
    return "".join(f"<td>{w}</td>" for w in words)


CLASSES = [("", "合计"), ("208", "社会保障和就业支出"), ("211", "节能环保支出")]


def budget_document() -> str:
    summary = _table(
        "表1 部门收支总表",
        "<tr><td colspan=2>收入</td><td colspan=2>支出</td></tr>"
        + "<tr>"
        + _cells("项目", "预算数", "项目", "预算数")
        + "</tr>",
        [
            ("一、一般公共预算拨款收入", "90.00", "一、社会保障和就业支出", "20.00"),
            ("二、事业收入", "10.00", "二、节能环保支出", "80.00"),
            ("收入总计", "100.00", "支出总计", "100.00"),
        ],
    )
    income = _table(
        "表1-1 部门收入总表",
        CODED.format(_cells("合计", "一般公共预算拨款收入", "事业收入")),
        [
            (*c, *a)
            for c, a in zip(
                CLASSES,
                [("100.00", "90.00", "10.00"), ("20.00", "20.00", ""), ("80.00", "70.00", "10.00")],
                strict=True,
            )
        ],
    )
    spent = _table(
        "表1-2 部门支出总表",
        CODED.format(_cells("合计", "基本支出", "项目支出")),
        [
            (*c, *a)
            for c, a in zip(
                CLASSES,
                [("100.00", "60.00", "40.00"), ("20.00", "20.00", ""), ("80.00", "40.00", "40.00")],
                strict=True,
            )
        ],
    )
    # the general budget's spending by economic class, the projects' 30.00 among them
    general = _table(
        "表2 一般公共预算支出表",
        CODED.format(
            _cells("合计", "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出")
        ),
        [
            (*c, *a)
            for c, a in zip(
                CLASSES,
                [
                    ("90.00", "45.00", "30.00", "5.00", "10.00"),
                    ("20.00", "15.00", "", "5.00", ""),
                    ("70.00", "30.00", "30.00", "", "10.00"),
                ],
                strict=True,
            )
        ],
    )
    basic = _table(
        "表3 一般公共预算基本支出表",
        CODED.format(_cells("合计", "人员经费", "公用经费")),
        [
            ("", "合计", "60.00", "50.00", "10.00"),
            ("301", "工资福利支出", "45.00", "45.00", ""),
            ("302", "商品和服务支出", "10.00", "", "10.00"),
            ("303", "对个人和家庭的补助", "5.00", "5.00", ""),
        ],
    )
    three_public = (
        "<h3>表4 一般公共预算“三公”经费支出表</h3><p>单位：万元</p><table>"
        "<tr><td rowspan=2>项目</td><td rowspan=2>合计</td><td rowspan=2>因公出国（境）费</td>"
        "<td colspan=3>公务用车购置及运行费</td><td rowspan=2>公务接待费</td></tr>"
        "<tr>" + _cells("小计", "公务用车购置费", "公务用车运行费") + "</tr>"
        "<tr>"
        + "".join(
            f"<td class=n>{c}</td>"
            for c in ("2024年预算", "8.00", "0.00", "6.00", "0.00", "6.00", "2.00")
        )
        + "</tr>"
        "<tr>"
        + "".join(
            f"<td class=n>{c}</td>"
            for c in ("2025年预算", "7.50", "0.00", "5.50", "0.00", "5.50", "2.00")
        )
        + "</tr>"
        "<tr>"
        + "".join(
            f"<td class=n>{c}</td>"
            for c in ("增减", "-0.50", "0.00", "-0.50", "0.00", "-0.50", "0.00")
        )
        + "</tr>"
        "</table>"
    )
    return (
        f"<html><head><meta charset=utf-8><style>{STYLE}</style></head><body>"
        "<h1>示例市生态环境局2025年部门预算</h1>"
        + "".join(
            f"<div style='page-break-after:always'>{t}</div>"
            for t in (summary, income, spent, general, basic, three_public)
        )
        + "</body></html>"
    )


@pytest.fixture(scope="module")
def budget(tmp_path_factory: pytest.TempPathFactory) -> dict:
    pdf = printed_page(budget_document(), Path(tmp_path_factory.mktemp("provinces")))
    return to_contract(parse_bytes(pdf, "budget.pdf"))


def test_a_budget_in_these_layouts_reads_whole_and_draws_no_warning(budget: dict) -> None:
    totals = budget["totals"]
    assert (totals["expenditure"], totals["basic"], totals["project"]) == (100.0, 60.0, 40.0)
    # basic spending's parts from its own table, not the classes of all the spending
    assert (totals["personnel"], totals["public"]) == (50.0, 10.0)
    functional = {r["code"]: (r["total"], r["basic"], r["project"]) for r in budget["functional"]}
    assert functional == {"208": (20.0, 20.0, 0.0), "211": (80.0, 40.0, 40.0)}
    assert _warnings(budget) == []


def test_this_years_three_public_row_is_read_under_last_years(budget: dict) -> None:
    assert budget["totals"]["three_public"] == 7.5
    parts = budget["three_public_parts"]
    assert (parts["vehicles"], parts["reception"]) == (5.5, 2.0)


def test_a_year_titled_over_the_breakdown_on_a_line_of_its_own_titles_no_column() -> None:
    # copied text: '2025年预算数' stands over 合计 | 基本支出 | 项目支出, between
    # 2024年预算数 before them and 比上年增减 after, on a line above both
    result = _parse(
        BUDGET_HEAD
        + "支出总表\n单位：元\n2025年预算数\n科目编码\t科目名称\t2024年预算数\t比上年增减\n"
        "合计\t基本支出\t项目支出\n"
        "合计\t1,050,000.00\t1,000,000.00\t600,000.00\t400,000.00\t-50,000.00\n"
        "208\t社会保障和就业支出\t650,000.00\t600,000.00\t600,000.00\t0.00\t-50,000.00\n"
        "2080505\t机关事业单位基本养老保险缴费支出\t650,000.00\t600,000.00\t600,000.00\t0.00\t-50,000.00\n"
        "213\t农林水支出\t400,000.00\t400,000.00\t0.00\t400,000.00\t0.00\n"
        "2130102\t一般行政管理事务\t400,000.00\t400,000.00\t0.00\t400,000.00\t0.00\n"
    )
    functional = {r["code"]: (r["total"], r["basic"], r["project"]) for r in result["functional"]}
    assert functional == {
        "208": (60.0, 60.0, 0.0),
        "2080505": (60.0, 60.0, 0.0),
        "213": (40.0, 0.0, 40.0),
        "2130102": (40.0, 0.0, 40.0),
    }
    assert (result["totals"]["basic"], result["totals"]["project"]) == (60.0, 40.0)


def test_a_change_in_both_grand_totals_is_not_one_in_the_years_spending() -> None:
    # 收入、支出总计 count the balances carried over; 本年支出合计 states its own change
    result = _parse(
        FINAL_HEAD + "2023年度收入、支出总计均为2457.64万元。与2022年度相比，收入、支出总计各增加"
        "226.56万元，增长10.2%。\n2023年度本年支出合计2425.99万元，比上年增加218.53万元，增长9.9%。\n"
    )
    assert result["prior_year"]["expenditure"] == pytest.approx(2207.46)
    assert _warnings(result) == []


# pdftotext -layout's text of a header whose narrow cells wrap their titles, the line
# above packed so tight that one space parts the titles and 基本支's 出 stands past it
PACKED = """表1-2 部门支出总表
部门：示例市市场监督管理局                                               单位：万元
科目编码        科目名称          合计 基本支         项目支 事业单位经营支 上缴上级支 对附属单位补助
类 款项                               出      出     出      出     支出
                合 计      300.00 200.00 100.00
201       一般公共服务支出       300.00 200.00 100.00
201 38 市场监督管理事务          300.00 200.00 100.00
201 38 01 行政运行           200.00 200.00
201 38 02 一般行政管理事务        100.00         100.00
"""


def test_titles_wrapped_in_a_tightly_packed_header_are_joined_up() -> None:
    result = _parse(BUDGET_HEAD + PACKED)
    functional = {r["code"]: (r["total"], r["basic"], r["project"]) for r in result["functional"]}
    assert functional == {
        "201": (300.0, 200.0, 100.0),
        "20138": (300.0, 200.0, 100.0),
        "2013801": (200.0, 200.0, 0.0),
        "2013802": (100.0, 0.0, 100.0),
    }


@pytest.mark.parametrize(
    "text",
    [
        # the budget first, the outturn after it: the change is the outturn's, as its
        # percentage says (0.77 on 9.08 is 8.48%)
        "2023年度“三公”经费财政拨款支出全年预算为9.60万元，支出决算为8.31万元，完成全年预算的"
        "86.56%。比上年决算减少0.77万元，下降8.48%。",
        "2023年度“三公”经费财政拨款支出全年预算为9.60万元，支出决算为8.31万元，比上年决算减少"
        "0.77万元，下降8.48%。",
        # the total two sentences back, a part of it in between
        "“三公”经费财政拨款支出预算为9.60万元，支出决算为8.31万元。公务接待费支出决算为0.80万元。"
        "“三公”经费支出决算较上年减少0.77万元，下降8.48%。",
    ],
    ids=["sentence before", "same sentence", "two sentences back"],
)
def test_a_change_is_about_the_figure_its_percentage_fits(text: str) -> None:
    result = _parse(FINAL_HEAD + "2023年度本年支出合计100.00万元。\n" + text + "\n")
    assert (8.31, -0.77) in {(c["current"], c["change"]) for c in result["changes"]}
    assert _warnings(result) == []


def test_a_change_against_last_years_outturn_names_what_changed() -> None:
    result = _parse(
        BUDGET_HEAD
        + "2025年基本支出333.00万元，项目支出67.00万元。基本支出较上年执行数增加6.20万元，"
        "增长1.9%；项目支出较上年执行数增加12.20万元，增长22.3%。\n"
    )
    found = {(c["current"], c["change"]) for c in result["changes"]}
    assert {(333.0, 6.2), (67.0, 12.2)} <= found
    assert _warnings(result) == []


def test_a_tables_number_before_its_titles_year_is_its_label_alone() -> None:
    result = _parse(
        BUDGET_HEAD + "表1\t2025年部门收支总表\n单位：万元\n项目\t预算数\t项目\t预算数\n"
        "一、一般公共预算拨款收入\t100.00\t一、社会保障和就业支出\t100.00\n"
        "收入总计\t100.00\t支出总计\t100.00\n"
    )
    assert [(c["table"], c["title"]) for c in result["table_checks"]] == [
        ("表1", "2025年部门收支总表")
    ]


def test_the_appropriations_table_splits_basic_spending_where_nothing_else_does() -> None:
    result = _parse(
        BUDGET_HEAD + "一般公共预算财政拨款支出表\n单位：万元\n"
        "科目编码\t科目名称\t合计\t人员经费\t公用经费\t项目支出\n"
        "合计\t\t100.00\t50.00\t10.00\t40.00\n"
        "208\t社会保障和就业支出\t100.00\t50.00\t10.00\t40.00\n"
    )
    totals = result["totals"]
    assert (totals["basic"], totals["personnel"], totals["public"]) == (60.0, 50.0, 10.0)


def test_a_sentence_opening_with_the_whole_and_its_parts_states_the_total() -> None:
    result = _parse(
        BUDGET_HEAD + "2025年收入预算共计490.90万元，其中：一般公共预算拨款收入490.90万元；"
        "支出预算490.90万元，其中基本支出385.90万元，项目支出105.00万元。\n"
    )
    assert (result["totals"]["revenue"], result["totals"]["expenditure"]) == (490.9, 490.9)


def test_a_final_accounts_items_and_three_public_are_what_was_spent() -> None:
    result = _parse(
        FINAL_HEAD
        + "2023年度本年支出合计240.22万元。一般公共服务支出（类）统计信息事务（款）行政运行"
        "（项）：年初预算为180.00万元，支出决算为186.42万元。\n“三公”经费财政拨款支出全年预算数"
        "5.00万元，支出决算数3.82万元。\n"
    )
    items = {r["code"]: r["total"] for r in result["functional"]}
    assert items.get("2010501") == 186.42
    assert result["totals"]["three_public"] == 3.82


def _budget_beside_outturn() -> bytes:
    """A workbook's 一般公共预算财政拨款支出决算表: 年初预算数 and 决算数 each merged over 合计
    | 基本支出 | 项目支出, 全年预算数 one column between."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["示例县疾病预防控制中心2024年度单位决算"])
    sheet.append(["一般公共预算财政拨款支出决算表"])
    sheet.append(["单位：万元"])
    sheet.append(["科目编码", "科目名称", "年初预算数", None, None, "全年预算数", "决算数"])
    sheet.append([None, None, "合计", "基本支出", "项目支出", None, "合计", "基本支出", "项目支出"])
    for start, end in (("C4", "E4"), ("G4", "I4"), ("F4", "F5"), ("A4", "A5"), ("B4", "B5")):
        sheet.merge_cells(f"{start}:{end}")
    rows = [
        (None, "合计", 700, 500, 200, 760, 750, 520, 230),
        ("210", "卫生健康支出", 700, 500, 200, 760, 750, 520, 230),
        ("21004", "公共卫生", 700, 500, 200, 760, 750, 520, 230),
        ("2100401", "疾病预防控制机构", 500, 500, None, 520, 520, 520, None),
        ("2100408", "基本公共卫生服务", 200, None, 200, 240, 230, None, 230),
    ]
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row][2:]:
            cell.number_format = "#,##0.00"  # as offices format amounts
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_budget_columns_under_a_merged_title_are_not_the_outturn() -> None:
    result = to_contract(parse_bytes(_budget_beside_outturn(), "final.xlsx"))
    functional = {r["code"]: (r["total"], r["basic"], r["project"]) for r in result["functional"]}
    assert functional == {
        "210": (750.0, 520.0, 230.0),
        "21004": (750.0, 520.0, 230.0),
        "2100401": (520.0, 520.0, 0.0),
        "2100408": (230.0, 0.0, 230.0),
    }


TRANSPOSED = (
    "“三公”经费支出决算表\n单位：万元\n项目\t预算数\t决算数\t决算数比预算数增减\n"
    "合计\t33.50\t30.65\t-2.85\n因公出国（境）费\t0.00\t0.00\t0.00\n"
    "公务用车购置及运行费\t30.00\t28.51\t-1.49\n其中：公务用车购置费\t18.00\t17.65\t-0.35\n"
    "公务用车运行费\t12.00\t10.86\t-1.14\n公务接待费\t3.50\t2.14\t-1.36\n"
)


def test_a_three_public_table_down_the_page_gives_the_outturn_not_the_budget() -> None:
    result = _parse(FINAL_HEAD + "2023年度本年支出合计100.00万元。\n" + TRANSPOSED)
    assert result["totals"]["three_public"] == 30.65
    assert result["three_public_parts"]["reception"] == 2.14


def test_a_funds_own_income_spending_and_balance_are_not_the_departments() -> None:
    summary = (
        "收入支出决算表\n单位：万元\n项目\t金额\t项目\t金额\n一、一般公共预算财政拨款收入\t900.00\t"
        "一、教育支出\t990.00\n二、政府性基金预算财政拨款收入\t100.00\t\n本年收入合计\t1,000.00\t"
        "本年支出合计\t990.00\n年初结转和结余\t0.00\t年末结转和结余\t10.00\n总计\t1,000.00\t总计"
        "\t1,000.00\n"
    )
    text = (
        "2023年度本年收入合计1,000.00万元，本年支出合计990.00万元。\n"
        "一般公共预算财政拨款本年收入900.00万元。\n"
        "2023年度政府性基金预算财政拨款年初结转和结余0.00万元，本年收入100.00万元，支出85.00万元，"
        "年末结转和结余15.00万元。\n"
    )
    result = _parse(FINAL_HEAD + summary + text)
    assert (result["totals"]["revenue"], result["totals"]["expenditure"]) == (1000.0, 990.0)
    assert _warnings(result) == []


def test_the_line_under_a_title_naming_the_department_and_the_label_is_no_title() -> None:
    result = _parse(
        FINAL_HEAD + "支出决算表\n部门：示例县农业农村局\t公开03表\t金额单位：万元\n"
        "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n合计\t\t100.00\t60.00\t40.00\n"
        "213\t农林水支出\t100.00\t60.00\t40.00\n2130101\t行政运行\t60.00\t60.00\t\n"
        "2130104\t事业运行\t40.00\t\t40.00\n"
    )
    assert [(c["table"], c["title"], c["verified"]) for c in result["table_checks"]] == [
        ("公开03表", "支出决算表", True)
    ]
    assert (result["totals"]["basic"], result["totals"]["project"]) == (60.0, 40.0)


def test_spending_beside_basic_and_project_counts_in_the_total(tmp_path: Path) -> None:
    # 经营支出 printed: 合计 = 基本 + 项目 + 经营, and the columns stay in place
    words = [
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ]
    rows = [
        ("", "合计", "230.00", "140.00", "60.00", "", "30.00", ""),
        ("201", "一般公共服务支出", "100.00", "80.00", "20.00", "", "", ""),
        ("20138", "市场监督管理事务", "100.00", "80.00", "20.00", "", "", ""),
        ("2013801", "行政运行", "80.00", "80.00", "", "", "", ""),
        ("2013802", "一般行政管理事务", "20.00", "", "20.00", "", "", ""),
        ("206", "科学技术支出", "130.00", "60.00", "40.00", "", "30.00", ""),
        ("20601", "科学技术管理事务", "60.00", "60.00", "", "", "", ""),
        ("2060101", "行政运行", "60.00", "60.00", "", "", "", ""),
        ("20603", "应用研究", "70.00", "", "40.00", "", "30.00", ""),
        ("2060301", "机构运行", "70.00", "", "40.00", "", "30.00", ""),
    ]
    page = (
        f"<html><head><meta charset=utf-8><style>{STYLE}</style></head><body>"
        "<h1>示例局2023年度部门决算</h1>"
        + _table("支出决算表", CODED.format(_cells(*words)), rows)
        + "</body></html>"
    )
    result = to_contract(parse_bytes(printed_page(page, tmp_path), "final.pdf"))
    functional = {r["code"]: (r["total"], r["basic"], r["project"]) for r in result["functional"]}
    assert functional == {
        "201": (100.0, 80.0, 20.0),
        "20138": (100.0, 80.0, 20.0),
        "2013801": (80.0, 80.0, 0.0),
        "2013802": (20.0, 0.0, 20.0),
        "206": (130.0, 60.0, 40.0),
        "20601": (60.0, 60.0, 0.0),
        "2060101": (60.0, 60.0, 0.0),
        "20603": (70.0, 0.0, 40.0),
        "2060301": (70.0, 0.0, 40.0),
    }
    assert _warnings(result) == []


def test_a_summarys_blank_budget_cell_leaves_the_outturn_in_its_column(tmp_path: Path) -> None:
    head = (
        "<tr><td colspan=5>收入</td><td colspan=5>支出</td></tr><tr>"
        + _cells(*(["项目", "行次", "年初预算数", "全年预算数", "决算数"] * 2))
        + "</tr>"
    )
    rows = [
        (
            "一、财政拨款收入",
            "1",
            "900.00",
            "950.00",
            "940.00",
            "一、教育支出",
            "31",
            "1000.00",
            "1050.00",
            "990.00",
        ),
        ("二、事业收入", "2", "100.00", "100.00", "100.00", "", "", "", "", ""),
        (
            "本年收入合计",
            "3",
            "1000.00",
            "1050.00",
            "1040.00",
            "本年支出合计",
            "32",
            "1000.00",
            "1050.00",
            "990.00",
        ),
        ("年初结转和结余", "4", "", "20.00", "30.00", "年末结转和结余", "33", "", "20.00", "80.00"),
        (
            "总计",
            "5",
            "1000.00",
            "1070.00",
            "1070.00",
            "总计",
            "34",
            "1000.00",
            "1070.00",
            "1070.00",
        ),
    ]
    body = "".join(
        "<tr>"
        + "".join(f"<td class={'l' if k % 5 == 0 else 'n'}>{c}</td>" for k, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    page = (
        f"<html><head><meta charset=utf-8><style>{STYLE}</style></head><body>"
        "<h1>示例局2023年度部门决算</h1><h3>收入支出决算总表</h3><p>单位：万元</p>"
        f"<table>{head}{body}</table></body></html>"
    )
    result = to_contract(parse_bytes(printed_page(page, tmp_path), "final.pdf"))
    assert (result["totals"]["revenue"], result["totals"]["expenditure"]) == (1040.0, 990.0)
    assert _warnings(result) == []


def test_a_summarys_budget_cell_gone_from_copied_text_leaves_the_outturn_read() -> None:
    # pdfium's text of a summary: the blank 年初预算数 cell leaves no trace
    result = _parse(
        FINAL_HEAD + "收入支出决算总表\n单位：万元\n项目\t行次\t年初预算数\t全年预算数\t决算数\t"
        "项目\t行次\t年初预算数\t全年预算数\t决算数\n"
        "一、财政拨款收入\t1\t900.00\t950.00\t940.00\t一、教育支出\t31\t1000.00\t1050.00\t990.00\n"
        "二、事业收入\t2\t100.00\t100.00\t100.00\n"
        "本年收入合计\t3\t1000.00\t1050.00\t1040.00\t本年支出合计\t32\t1000.00\t1050.00\t990.00\n"
        "年初结转和结余\t4\t20.00\t30.00\t年末结转和结余\t33\t20.00\t80.00\n"
        "总计\t5\t1000.00\t1070.00\t1070.00\t总计\t34\t1000.00\t1070.00\t1070.00\n"
    )
    assert (result["totals"]["revenue"], result["totals"]["expenditure"]) == (1040.0, 990.0)
    assert _warnings(result) == []


def test_the_appropriations_basic_spending_stated_in_wan_is_not_all_funds() -> None:
    # tables in 元: the general budget's basic spending 600.0035万元, all funds' 700.0035;
    # the text states the former rounded
    result = _parse(
        BUDGET_HEAD + "支出总表\n单位：元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "合计\t\t8,000,035.00\t7,000,035.00\t1,000,000.00\n"
        "208\t社会保障和就业支出\t8,000,035.00\t7,000,035.00\t1,000,000.00\n"
        "一般公共预算财政拨款基本支出表\n单位：元\n科目编码\t科目名称\t合计\t人员经费\t公用经费\n"
        "合计\t\t6,000,035.00\t5,000,035.00\t1,000,000.00\n"
        "301\t工资福利支出\t5,000,035.00\t5,000,035.00\t\n"
        "302\t商品和服务支出\t1,000,000.00\t\t1,000,000.00\n"
        "2025年一般公共预算财政拨款基本支出600.00万元，其中：人员经费500.00万元；"
        "公用经费100.00万元。\n"
    )
    assert result["totals"]["basic"] == pytest.approx(700.0035)
    assert _warnings(result) == []


def test_the_classes_set_across_the_general_budgets_spending_are_its_economic_rows(
    budget: dict,
) -> None:
    rows = {r["code"]: r["total"] for r in budget["economic"] if r["scope"] == "all"}
    assert rows == {"301": 45.0, "302": 30.0, "303": 5.0, "310": 10.0}


FUND_SUMMARY = (
    "收入支出决算表\n单位：万元\n项目\t金额\t项目\t金额\n一、一般公共预算财政拨款收入\t900.00\t"
    "一、教育支出\t990.00\n二、事业收入\t100.00\t\n本年收入合计\t1,000.00\t"
    "本年支出合计\t990.00\n年初结转和结余\t0.00\t年末结转和结余\t10.00\n总计\t1,000.00\t总计"
    "\t1,000.00\n"
)


def test_last_years_figure_is_the_grand_totals_before_the_appropriations_alone() -> None:
    # no change stated for the year's spending: the grand totals' is the document's, not
    # the general budget's appropriations' (a part of the spending)
    result = _parse(
        FINAL_HEAD + FUND_SUMMARY + "2023年度收入、支出总计均为1,000.00万元。与2022年度相比，"
        "收、支总计各增加100.00万元，增长11.11%。\n与2022年度相比，一般公共预算财政拨款支出"
        "增加50.00万元，增长6.00%。\n"
    )
    assert result["prior_year"]["expenditure"] == pytest.approx(900.0)


def test_the_parts_a_funds_sentence_breaks_down_after_it_are_that_funds() -> None:
    # '…一般公共预算拨款支出400.00万元。其中：基本支出…，项目支出…': not all funds' project
    table = (
        "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "合计\t\t500.00\t200.00\t300.00\n201\t一般公共服务支出\t500.00\t200.00\t300.00\n"
        "20101\t人大事务\t500.00\t200.00\t300.00\n2010101\t行政运行\t200.00\t200.00\t\n"
        "2010108\t代表工作\t300.00\t\t300.00\n"
    )
    text = (
        "2025年收入预算500.00万元，支出预算500.00万元。\n2025年一般公共预算拨款支出400.00万元。"
        "其中：基本支出200.00万元，项目支出200.00万元。\n"
    )
    result = _parse(BUDGET_HEAD + table + text)
    assert (result["totals"]["basic"], result["totals"]["project"]) == (200.0, 300.0)
    assert _warnings(result) == []


def test_a_label_in_chinese_numerals_on_the_line_above_is_the_tables() -> None:
    result = _parse(
        BUDGET_HEAD + "表一\n部门收支总表\n单位：万元\n项目\t预算数\t项目\t预算数\n"
        "一、一般公共预算拨款收入\t100.00\t一、社会保障和就业支出\t100.00\n"
        "收入总计\t100.00\t支出总计\t100.00\n"
    )
    assert [(c["table"], c["title"]) for c in result["table_checks"]] == [("表一", "部门收支总表")]


def test_a_changes_subject_keeps_its_year_whole() -> None:
    result = _parse(
        BUDGET_HEAD
        + "2025年一般公共预算“三公”经费支出预算12.00万元，比上年减少1.00万元，下降7.69%。\n"
    )
    subjects = [c["subject"] for c in result["changes"]]
    assert subjects and all(not s.startswith("025") for s in subjects)
    assert any(s.startswith("2025年") for s in subjects)
