"""Small hand-made texts in the shapes pdftotext -layout gives real tables: columns kept
apart by spaces, each cell's text on the line of its own middle, labels spread over
their cell's width."""

from __future__ import annotations

from decimal import Decimal

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.extract.text import extract_text, laid_out_cells
from disclosures.parsing.headers import header_slots
from disclosures.parsing.pairs import read_pairs


def parsed(text: str) -> dict:
    return to_contract(parse_bytes(text.encode("utf-8"), "laid-out.txt"))


# the header's sub-head 小计 (under 项目支出) sits lower than the header's other words
SUB_HEAD_BELOW = """\
                          表4：财政拨款支出决算表
单位：                                                                           单位：万元
              项目                                     本年支出
                                                                    项目支出

 科目编码              科目名称    合计             基本支出                            其中：基本建设资金支
                                                            小计
                                                                               出

类 款       项        合计        2,400.00          2,000.00        400.00              100.00
205           教育支出            2,400.00          2,000.00        400.00              100.00
20502         普通教育            2,400.00          2,000.00        400.00              100.00
2050202        小学教育           2,000.00          1,800.00        200.00
2050205        高等教育             400.00            200.00        200.00              100.00
"""


def test_a_sub_head_alone_below_the_header_is_a_column_title_not_the_total_row() -> None:
    got = parsed(SUB_HEAD_BELOW)
    assert (got["totals"]["basic"], got["totals"]["project"]) == (2000, 400)
    assert {r["code"]: r["basic"] for r in got["functional"]}["205"] == 2000


# a summary's 收入总计 spread over its cell's width, one character at a time
SPREAD_LABELS = """\
                     收支预算总表
                                                           单位：万元
收        入                            支        出

项目                   预算数              项目                    预算数

一、财政拨款               230.00       一、教育支出                 380.00

二、事业收入               120.00       二、科学技术支出                 20.00

本年收入合计               350.00       本年支出合计                 400.00

上年结转                  100.00       结转下年                    50.00

收    入       总   计   450.00       支    出       总   计     450.00


    我校 2023 年收支总预算 450.00 万元，其中本年收入 350.00 万元。
"""


def test_a_label_spread_over_its_cell_is_one_label_before_its_amount() -> None:
    cells, _ = laid_out_cells(
        "收    入       总   计   450.00       支    出       总   计     450.00"
    )
    assert cells == ("收入总计", "450.00", "支出总计", "450.00")
    assert parsed(SPREAD_LABELS)["findings"] == []  # the text's 收支总预算 is the 总计


def test_single_characters_with_no_amount_after_them_stay_apart() -> None:
    cells, _ = laid_out_cells("收        入                            支        出")
    assert cells == ("收", "入", "支", "出")


# three groups side by side (income | spending by class | spending by use); the use
# 三、单位预留机动经费 wraps over three lines, its amount alone on the middle one
WRAPPED_BESIDE = """\
            收入                                    支出
 项目名称        金额           功能科目名称       金额        项目名称           金额
 一、财政拨款   13,649.07    一、一般公共服务支出  10,528.33   一、基本支出       7,666.68
 二、其他收入                二、外交支出                      二、项目支出       5,853.96
                                                           三、单位预留机
                            三、国防支出                                    128.43
                                                           动经费
 收入合计       13,649.07    支出合计             13,649.07
"""


def test_an_amount_beyond_an_empty_column_is_not_the_label_of_another_group() -> None:
    lines = list(extract_text(WRAPPED_BESIDE.encode("utf-8")).lines())
    values = {p.label: p.value for p in read_pairs(lines, "万元")}
    assert values["国防支出"] is None
    assert values["一般公共服务支出"] == Decimal("10528.33")
    assert values["基本支出"] == Decimal("7666.68")


# an expenditure table whose amounts were set high in tall cells: a row's basic and
# project amounts print a line above its code, and the header's words wrap in narrow
# cells ('本年支出合' over '计', '项目支' over '出') with other titles between
LIFTED_ROWS = """\
                                支出决算表
                                                                             单位：万元
                项目
                                本年支出合                 项目支
   支出功能分类                                  基本支出
                       科目名称       计                    出
    科目编码
 类    款   项
                                           1,503.52   603.14
201             一般公共服务支出        2,106.66
                                           1,503.52   603.14
201   06        财政事务            2,106.66
                                           1,503.52
201   06   01   行政运行            1,511.89               8.37
201   06   02   一般行政管理事务          10.00               10.00
                                                      135.25
201   06   07   信息化建设            135.25
                                                      449.52
201   06   08   财政委托业务支出         449.52
208             社会保障和就业支出        326.72    326.72
208   05        行政事业单位养老支出       326.72    326.72
208   05   01   行政单位离退休           84.65     84.65
"""


def test_amounts_drawn_a_line_above_their_code_are_the_row_below() -> None:
    rows = {
        r["code"]: (r["total"], r["basic"], r["project"]) for r in parsed(LIFTED_ROWS)["functional"]
    }
    assert rows["201"] == (2106.66, 1503.52, 603.14)
    assert rows["2010601"] == (1511.89, 1503.52, 8.37)
    assert rows["2010607"] == (135.25, 0, 135.25)
    assert rows["2080501"] == (84.65, 84.65, 0)


def test_a_row_of_amounts_under_a_label_only_total_stays_its_own() -> None:
    lines = list(
        extract_text(
            "合计\n"
            "     2,106.66      1,503.52    603.14\n"
            "201  一般公共服务支出   2,106.66      1,503.52    603.14\n".encode()
        ).lines()
    )
    assert [len(line.cells) for line in lines] == [1, 3, 5]


# this year's and last year's breakdowns side by side, their words wrapped in narrow
# cells, each line of the header holding words of both
TWO_GROUPS_HEADER = """\
                                  当年预算                       上年结转结余
  科目编码            合计
                                             事业单位      基本支    项目支    事业单位经
                      小计    基本支出   项目支出          小计
                                             经营支出      出        出     营支出
201  一般公共服务支出   10.00   10.00   6.00   4.00   0.00   0.00   0.00   0.00   0.00
"""


def test_a_laid_out_header_names_its_columns_in_the_order_they_stand() -> None:
    lines = list(extract_text(TWO_GROUPS_HEADER.encode()).lines())
    assert header_slots(lines[:-1]) == [
        *("total", "total", "basic", "project", "business"),
        *("total", "basic", "project", "business"),
    ]


# an economic table whose rows print code, name and amount on lines of their own: the
# 款 part of the right group's code ('01') lands on the left group's name line
CODE_PARTS_BESIDE_NAMES = """\
                    一般公共预算财政拨款基本支出决算表
                                                                 单位：万元
    经济分类科目编码         科目名称      决算数        经济分类科目编码     科目名称        决算数

301                         2,082.85   302                           171.07
            工资福利支出                                 商品和服务支出

301    01                              302
            基本工资                              01   办公费

301    02                              302
            津贴补贴                              02   印刷费
"""


def test_a_code_part_with_a_leading_zero_is_never_an_amount() -> None:
    got = parsed(CODE_PARTS_BESIDE_NAMES)
    assert [(r["code"], r["total"]) for r in got["economic"]] == [("301", 2082.85), ("302", 171.07)]
    assert got["findings"] == []


# a final account's items, one of whose lines the layout writer printed out of order:
# its 年初预算 … 支出决算 sentence no longer reads, so the items as read cannot be summed
ITEMS_OUT_OF_ORDER = """\
五、一般公共预算财政拨款支出决算情况说明
本部门2024年度收入总计2940.05万元，支出总计2940.05万元。
一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元。
1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：
人员经费。年初预算为1560.05万元，支出决算为1511.89万元。
2、一般公共服务支出（类）财政事务（款）财政委托业务支出（项）。主要用于：
449.52万元。决算数小于预算数的主要原因：个别项目未能实施或未来得及
委托中介机构开展工作。年初预算为450.52万元，支出决算为
支付完毕，于明年重新申请。
3、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：
缴纳住房公积金。年初预算为983.35万元，支出决算为978.64万元。
六、一般公共预算财政拨款基本支出决算情况说明
"""


def test_items_whose_figures_do_not_all_read_are_not_summed() -> None:
    got = parsed(ITEMS_OUT_OF_ORDER)
    assert [f for f in got["findings"] if f["rule"] == "children_sum"] == []


# two groups of economic classes side by side, each row a band of its own between blank
# lines: the amounts high, the codes in the middle, the names low (the right group's
# 款 part on the names' line); the totals' amounts a line above their labels
TALL_ROWS = """\
                    一般公共预算财政拨款基本支出决算表
                                                                 单位：万元
    经济分类科目编码         科目名称      决算数        经济分类科目编码     科目名称        决算数

301                         2,082.85   302                           171.07
            工资福利支出                                 商品和服务支出

                            262.33                                   21.21
301    01                              302
            基本工资                              01   办公费

                          1,820.52                                  149.86
301    02                              302
            津贴补贴                              02   印刷费

                         2,082.85                                 171.07
           人员经费合计                              公用经费合计
"""


def test_a_tall_row_set_apart_by_blank_lines_is_one_row() -> None:
    got = parsed(TALL_ROWS)
    economic = {r["code"]: r["total"] for r in got["economic"]}
    assert economic == {
        "301": 2082.85,
        "30101": 262.33,
        "30102": 1820.52,
        "302": 171.07,
        "30201": 21.21,
        "30202": 149.86,
    }
    assert [f for f in got["findings"] if f["severity"] != "info"] == []
