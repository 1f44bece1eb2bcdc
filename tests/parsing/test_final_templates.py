"""Final accounts in the templates offices print them in, written as web pages with the
header cells merged across lines and columns as the templates merge them, and printed to
PDF by Chromium; every figure in them agrees with every other.

- The 2015-2016 template, whose appropriations tables print the year's balances beside its
  spending (年初结转和结余 | 本年收入 | 本年支出: 小计 | 基本支出 | 项目支出 | 年末结转和结余),
  as every year's 政府性基金 table still does: the balances and the income are never read
  as spending.
- Today's national template: a 行次 beside each label of the summaries, a 栏次 line under
  each header, the basic spending's classes side by side (人员经费 | 公用经费), the 三公
  table's 预算数 and 决算数 over the same parts, a class paid from the 政府性基金.

Neither draws a warning."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from pdf_variants import word_document, workbook
from printing import printed_page

from disclosures.parsing import parse_bytes, to_contract

STYLE = (
    "table{border-collapse:collapse;margin-bottom:24px} td{border:1px solid #000;"
    "padding:1px 4px;text-align:center} td.n{text-align:right} td.l{text-align:left}"
)
UNIT = "<p>单位：万元</p>"
# 科目编码 | 科目名称 | 年初结转和结余 | 本年收入 | 小计 | 基本支出 | 项目支出 | 年末结转和结余
CARRY_HEAD = (
    "<tr><td colspan=2>项目</td><td rowspan=3>年初结转和结余</td><td rowspan=3>本年收入</td>"
    "<td colspan=3>本年支出</td><td rowspan=3>年末结转和结余</td></tr>"
    "<tr><td colspan=2>支出功能分类</td><td rowspan=2>小计</td><td rowspan=2>基本支出</td>"
    "<td rowspan=2>项目支出</td></tr>"
    "<tr><td>科目编码</td><td>科目名称</td></tr>"
)
SPENT_HEAD = (
    "<tr><td colspan=2>项目</td><td rowspan=2>本年支出合计</td><td rowspan=2>基本支出</td>"
    "<td rowspan=2>项目支出</td></tr><tr><td>科目编码</td><td>科目名称</td></tr>"
)


def _rows_of(text: str) -> list[tuple[str, ...]]:
    """A table's rows written a line each, its cells between bars (a blank code: the 合计)."""
    return [tuple(c.strip() for c in line.split("|")) for line in text.strip().splitlines()]


# the titles of the 收入决算表's and the 支出决算表's amount columns
INCOME_WORDS = (
    "本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入".split()
)
SPENT_WORDS = "本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出".split()
SPENT = _rows_of(
    """
 | 合计 | 640.00 | 460.00 | 180.00
201 | 一般公共服务支出 | 500.00 | 400.00 | 100.00
20103 | 政府办公厅（室）及相关机构事务 | 500.00 | 400.00 | 100.00
2010301 | 行政运行 | 400.00 | 400.00 |
2010302 | 一般行政管理事务 | 100.00 |  | 100.00
208 | 社会保障和就业支出 | 60.00 | 60.00 |
20805 | 行政事业单位养老支出 | 60.00 | 60.00 |
2080505 | 机关事业单位基本养老保险缴费支出 | 60.00 | 60.00 |
212 | 城乡社区支出 | 80.00 |  | 80.00
21208 | 国有土地使用权出让收入安排的支出 | 80.00 |  | 80.00
2120899 | 其他国有土地使用权出让收入安排的支出 | 80.00 |  | 80.00
"""
)
GENERAL = _rows_of(
    """
 | 合计 | 10.00 | 555.00 | 560.00 | 460.00 | 100.00 | 5.00
201 | 一般公共服务支出 | 10.00 | 495.00 | 500.00 | 400.00 | 100.00 | 5.00
20103 | 政府办公厅（室）及相关机构事务 | 10.00 | 495.00 | 500.00 | 400.00 | 100.00 | 5.00
2010301 | 行政运行 |  | 400.00 | 400.00 | 400.00 |  |
2010302 | 一般行政管理事务 | 10.00 | 95.00 | 100.00 |  | 100.00 | 5.00
208 | 社会保障和就业支出 |  | 60.00 | 60.00 | 60.00 |  |
20805 | 行政事业单位养老支出 |  | 60.00 | 60.00 | 60.00 |  |
2080505 | 机关事业单位基本养老保险缴费支出 |  | 60.00 | 60.00 | 60.00 |  |
"""
)
FUND = _rows_of(
    """
 | 合计 | 20.00 | 70.00 | 80.00 |  | 80.00 | 10.00
212 | 城乡社区支出 | 20.00 | 70.00 | 80.00 |  | 80.00 | 10.00
21208 | 国有土地使用权出让收入安排的支出 | 20.00 | 70.00 | 80.00 |  | 80.00 | 10.00
2120899 | 其他国有土地使用权出让收入安排的支出 | 20.00 | 70.00 | 80.00 |  | 80.00 | 10.00
"""
)
ECONOMIC = _rows_of(
    """
 | 合计 | 460.00 | 380.00 | 80.00
301 | 工资福利支出 | 380.00 | 380.00 |
30101 | 基本工资 | 200.00 | 200.00 |
30102 | 津贴补贴 | 120.00 | 120.00 |
30108 | 机关事业单位基本养老保险缴费 | 60.00 | 60.00 |
302 | 商品和服务支出 | 80.00 |  | 80.00
30201 | 办公费 | 50.00 |  | 50.00
30211 | 差旅费 | 30.00 |  | 30.00
"""
)


def _rows(rows: list[tuple[str, ...]]) -> str:
    out = []
    for code, name, *amounts in rows:
        cells = f"<td class=l>{code}</td><td class=l>{html.escape(name)}</td>" + "".join(
            f"<td class=n>{a}</td>" for a in amounts
        )
        out.append(f"<tr>{cells}</tr>")
    return "".join(out)


def _table(title: str, head: str, rows: list[tuple[str, ...]]) -> str:
    return f"<h3>{title}</h3>{UNIT}<table>{head}{_rows(rows)}</table>"


def _summary() -> str:
    lines = [
        ("一、一般公共预算财政拨款收入", "555.00", "一、一般公共服务支出", "500.00"),
        ("二、政府性基金预算财政拨款收入", "70.00", "二、社会保障和就业支出", "60.00"),
        ("", "", "三、城乡社区支出", "80.00"),
        ("本年收入合计", "625.00", "本年支出合计", "640.00"),
        ("年初结转和结余", "30.00", "年末结转和结余", "15.00"),
        ("总计", "655.00", "总计", "655.00"),
    ]
    body = "".join(
        f"<tr><td class=l>{a}</td><td class=n>{b}</td><td class=l>{c}</td><td class=n>{d}</td></tr>"
        for a, b, c, d in lines
    )
    head = "<tr><td colspan=2>收入</td><td colspan=2>支出</td></tr>"
    head += "<tr><td>项目</td><td>金额</td><td>项目</td><td>金额</td></tr>"
    return f"<h3>财政拨款收入支出决算总表</h3>{UNIT}<table>{head}{body}</table>"


def document() -> str:
    economic_head = (
        "<tr><td colspan=2>项目</td><td rowspan=2>合计</td><td rowspan=2>人员经费</td>"
        "<td rowspan=2>公用经费</td></tr><tr><td>科目编码</td><td>科目名称</td></tr>"
    )
    return (
        f"<html><head><meta charset=utf-8><style>{STYLE}</style></head><body>"
        "<h1>示例市示例局2024年度部门决算</h1>"
        + _table("支出决算表", SPENT_HEAD, SPENT)
        + _summary()
        + _table("一般公共预算财政拨款支出决算表", CARRY_HEAD, GENERAL)
        + _table("一般公共预算财政拨款基本支出决算表", economic_head, ECONOMIC)
        + _table("政府性基金预算财政拨款收入支出决算表", CARRY_HEAD, FUND)
        + "</body></html>"
    )


def _printed(html_text: str, folder: Path) -> bytes:
    return printed_page(html_text, folder)


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    pdf = _printed(document(), tmp_path_factory.mktemp("carry"))
    return to_contract(parse_bytes(pdf, "final.pdf"))


def test_the_spending_is_read_and_the_balances_beside_it_are_not(parsed: dict) -> None:
    totals = parsed["totals"]
    assert parsed["kind"] == "final_accounts"
    assert (totals["expenditure"], totals["basic"], totals["project"]) == (640.0, 460.0, 180.0)
    assert (totals["personnel"], totals["public"]) == (380.0, 80.0)
    rows = {r["code"]: (r["total"], r["basic"], r["project"]) for r in parsed["functional"]}
    assert rows == {
        code: (float(total), float(basic or 0), float(project or 0))
        for code, _, total, basic, project in SPENT
        if code
    }


def test_a_document_whose_figures_agree_draws_no_warning(parsed: dict) -> None:
    assert [f for f in parsed["findings"] if f["severity"] != "info"] == []


# The final account as today's national template prints it: a 行次 beside each label of
# the summaries, a 栏次 line (1, 2, 3 …) under each header, the basic spending's classes
# side by side (人员经费 | 公用经费), the 三公 table's 预算数 and 决算数 over the same parts.
def _numbered(head: str, rows: list[tuple[str, ...]], numbers: int) -> str:
    line = "<tr><td colspan=2>栏次</td>" + "".join(f"<td>{k}</td>" for k in range(1, numbers + 1))
    return f"<table>{head}{line}</tr>{_rows(rows)}</table>"


def _summary_numbered(title: str, income: list, spending: list, columns: list[str]) -> str:
    wide = len(columns)
    head = (
        f"<tr><td colspan=3>收入</td><td colspan={2 + wide}>支出</td></tr>"
        "<tr><td>项目</td><td>行次</td><td>金额</td><td>项目</td><td>行次</td>"
        + "".join(f"<td>{c}</td>" for c in columns)
        + "</tr><tr><td>栏次</td><td></td><td>1</td><td>栏次</td><td></td>"
        + "".join(f"<td>{k}</td>" for k in range(2, 2 + wide))
        + "</tr>"
    )
    body = ""
    for k in range(max(len(income), len(spending))):
        a, b = income[k] if k < len(income) else ("", "")
        c, *d = spending[k] if k < len(spending) else ("", *[""] * wide)
        left = f"<td class=l>{a}</td><td>{k + 1 if a else ''}</td><td class=n>{b}</td>"
        right = f"<td class=l>{c}</td><td>{k + 31 if c else ''}</td>" + "".join(
            f"<td class=n>{x}</td>" for x in d
        )
        body += f"<tr>{left}{right}</tr>"
    return f"<h3>{title}</h3>{UNIT}<table>{head}{body}</table>"


INCOME = _rows_of(
    """
 | 合计 | 640.00 | 625.00 |  |  |  |  | 15.00
201 | 一般公共服务支出 | 510.00 | 495.00 |  |  |  |  | 15.00
20103 | 政府办公厅（室）及相关机构事务 | 510.00 | 495.00 |  |  |  |  | 15.00
2010301 | 行政运行 | 410.00 | 400.00 |  |  |  |  | 10.00
2010302 | 一般行政管理事务 | 100.00 | 95.00 |  |  |  |  | 5.00
208 | 社会保障和就业支出 | 60.00 | 60.00 |  |  |  |  |
20805 | 行政事业单位养老支出 | 60.00 | 60.00 |  |  |  |  |
2080505 | 机关事业单位基本养老保险缴费支出 | 60.00 | 60.00 |  |  |  |  |
212 | 城乡社区支出 | 70.00 | 70.00 |  |  |  |  |
21208 | 国有土地使用权出让收入安排的支出 | 70.00 | 70.00 |  |  |  |  |
2120899 | 其他国有土地使用权出让收入安排的支出 | 70.00 | 70.00 |  |  |  |  |
"""
)
SPENT_ALL = [(*row, "", "", "") for row in SPENT]  # … | 上缴上级 | 经营 | 对附属单位补助
GENERAL_NOW = [(code, name, *amounts[2:5]) for code, name, *amounts in GENERAL]
THREE_PUBLIC = ("12.00", "", "8.00", "", "8.00", "4.00", "10.50", "", "7.50", "", "7.50", "3.00")


def _two_heads(first: str | None, words: list[str]) -> str:
    """项目 over 科目编码 | 科目名称, the columns' titles beside it, under a group title
    where `first` names one (本年支出 over 小计 | 基本支出 | 项目支出)."""
    if first is None:
        return (
            "<tr><td colspan=2>项目</td>"
            + "".join(f"<td rowspan=2>{w}</td>" for w in words)
            + "</tr><tr><td>科目编码</td><td>科目名称</td></tr>"
        )
    return (
        f"<tr><td colspan=2>项目</td><td colspan={len(words)}>{first}</td></tr>"
        "<tr><td>科目编码</td><td>科目名称</td>" + "".join(f"<td>{w}</td>" for w in words) + "</tr>"
    )


def _basic_side_by_side() -> str:
    people = [r for r in ECONOMIC[1:] if r[0].startswith("301")]
    office = [r for r in ECONOMIC[1:] if r[0].startswith("302")]
    head = (
        "<tr><td colspan=3>人员经费</td><td colspan=3>公用经费</td></tr>"
        + "<tr>"
        + "<td>科目编码</td><td>科目名称</td><td>决算数</td>" * 2
        + "</tr>"
    )
    body = ""
    for k in range(max(len(people), len(office))):
        cells = ""
        for side, column in ((people, 3), (office, 4)):
            code, name, *amounts = side[k] if k < len(side) else ("", "", "", "", "")
            cells += f"<td class=l>{code}</td><td class=l>{name}</td>"
            cells += f"<td class=n>{amounts[column - 2] if code else ''}</td>"
        body += f"<tr>{cells}</tr>"
    body += (
        "<tr><td colspan=2>人员经费合计</td><td class=n>380.00</td>"
        "<td colspan=2>公用经费合计</td><td class=n>80.00</td></tr>"
    )
    return f"<h3>一般公共预算财政拨款基本支出决算表</h3>{UNIT}<table>{head}{body}</table>"


def _three_public() -> str:
    parts = (
        "<td rowspan=2>合计</td><td rowspan=2>因公出国（境）费</td>"
        "<td colspan=3>公务用车购置及运行费</td><td rowspan=2>公务接待费</td>"
    )
    head = (
        "<tr><td colspan=6>预算数</td><td colspan=6>决算数</td></tr>"
        f"<tr>{parts}{parts}</tr>"
        + "<tr>"
        + "<td>小计</td><td>公务用车购置费</td><td>公务用车运行费</td>" * 2
        + "</tr>"
        + "<tr>"
        + "".join(f"<td>{k}</td>" for k in range(1, 13))
        + "</tr>"
    )
    body = "<tr>" + "".join(f"<td class=n>{a}</td>" for a in THREE_PUBLIC) + "</tr>"
    return f"<h3>一般公共预算财政拨款“三公”经费支出决算表</h3>{UNIT}<table>{head}{body}</table>"


def template_document() -> str:
    summary = _summary_numbered(
        "收入支出决算总表",
        [
            ("一、一般公共预算财政拨款收入", "555.00"),
            ("二、政府性基金预算财政拨款收入", "70.00"),
            ("三、其他收入", "15.00"),
            ("本年收入合计", "640.00"),
            ("年初结转和结余", "30.00"),
            ("总计", "670.00"),
        ],
        [
            ("一、一般公共服务支出", "500.00"),
            ("二、社会保障和就业支出", "60.00"),
            ("三、城乡社区支出", "80.00"),
            ("本年支出合计", "640.00"),
            ("年末结转和结余", "30.00"),
            ("总计", "670.00"),
        ],
        ["金额"],
    )
    fiscal = _summary_numbered(
        "财政拨款收入支出决算总表",
        [
            ("一、一般公共预算财政拨款", "555.00"),
            ("二、政府性基金预算财政拨款", "70.00"),
            ("本年收入合计", "625.00"),
            ("年初财政拨款结转和结余", "30.00"),
            ("总计", "655.00"),
        ],
        [
            ("一、一般公共服务支出", "500.00", "500.00", "", ""),
            ("二、社会保障和就业支出", "60.00", "60.00", "", ""),
            ("三、城乡社区支出", "80.00", "", "80.00", ""),
            ("本年支出合计", "640.00", "560.00", "80.00", ""),
            ("年末财政拨款结转和结余", "15.00", "5.00", "10.00", ""),
            ("总计", "655.00", "565.00", "90.00", ""),
        ],
        ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
    )
    return (
        f"<html><head><meta charset=utf-8><style>{STYLE}</style></head><body>"
        "<h1>示例市示例局2024年度部门决算</h1>"
        + summary
        + f"<h3>收入决算表</h3>{UNIT}"
        + _numbered(_two_heads(None, INCOME_WORDS), INCOME, 7)
        + f"<h3>支出决算表</h3>{UNIT}"
        + _numbered(_two_heads(None, SPENT_WORDS), SPENT_ALL, 6)
        + fiscal
        + f"<h3>一般公共预算财政拨款支出决算表</h3>{UNIT}"
        + _numbered(_two_heads("本年支出", ["小计", "基本支出", "项目支出"]), GENERAL_NOW, 3)
        + _basic_side_by_side()
        + _three_public()
        + _table("政府性基金预算财政拨款收入支出决算表", CARRY_HEAD, FUND)
        + "</body></html>"
    )


@pytest.fixture(scope="module")
def template_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _printed(template_document(), tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="module")
def template(template_pdf: bytes) -> dict:
    return to_contract(parse_bytes(template_pdf, "final.pdf"))


def test_a_final_account_in_the_national_template_reads_whole(template: dict) -> None:
    """行次 and 栏次 are no amounts; the 三公 table's 决算数 side is the year's, read under
    its 栏次 line; the basic spending's classes are read off both sides of their table."""
    _reads_whole(template)


def _reads_whole(template: dict) -> None:
    assert template["totals"] == {
        "revenue": 640.0,
        "expenditure": 640.0,
        "basic": 460.0,
        "project": 180.0,
        "personnel": 380.0,
        "public": 80.0,
        "three_public": 10.5,
        "procurement": None,
    }
    rows = {r["code"]: (r["total"], r["basic"], r["project"]) for r in template["functional"]}
    assert rows == {
        code: (float(total), float(basic or 0), float(project or 0))
        for code, _, total, basic, project in SPENT
        if code
    }
    economic = {r["code"]: r["total"] for r in template["economic"]}
    assert economic == {code: float(total) for code, _, total, *_ in ECONOMIC if code}


def test_a_class_paid_from_a_fund_is_not_missing_from_the_general_budgets_table(
    template: dict,
) -> None:
    """城乡社区支出 is paid from the 政府性基金 (its table prints the row): the table of the
    general budget alone rightly has no row for it, though the income table books it as
    财政拨款."""
    assert [f for f in template["findings"] if f["severity"] != "info"] == []


def _workbook() -> bytes:
    """The 支出决算表 and the appropriations table with its balances as a budget system
    exports them: a sheet each, the header's cells merged, amounts stored as numbers."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    spent = book.active
    spent.title = "表3"
    spent.append(["示例市示例局2024年度部门决算"])
    spent.append(["支出决算表"])
    spent.append(["单位：万元"])
    spent.append(["项目", None, *SPENT_WORDS])
    spent.append(["科目编码", "科目名称"])
    spent.append(["栏次", None, 1, 2, 3, 4, 5, 6])
    for cells in ("A4:B4", "A6:B6", *(f"{c}4:{c}5" for c in "CDEFGH")):
        spent.merge_cells(cells)
    general = book.create_sheet("表5")
    general.append(["一般公共预算财政拨款支出决算表"])
    general.append(["单位：万元"])
    general.append(
        ["项目", None, "年初结转和结余", "本年收入", "本年支出", None, None, "年末结转和结余"]
    )
    general.append(["科目编码", "科目名称", None, None, "小计", "基本支出", "项目支出"])
    for cells in ("A3:B3", "E3:G3", *(f"{c}3:{c}4" for c in "CDH")):
        general.merge_cells(cells)
    for sheet, rows in ((spent, SPENT_ALL), (general, GENERAL)):
        for code, name, *amounts in rows:
            sheet.append(
                [code or name, name if code else None, *[float(a) if a else None for a in amounts]]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_with_the_balances_beside_the_spending_reads_the_same() -> None:
    got = to_contract(parse_bytes(_workbook(), "final.xlsx"))

    rows = {r["code"]: (r["total"], r["basic"], r["project"]) for r in got["functional"]}
    assert rows == {
        code: (float(total), float(basic or 0), float(project or 0))
        for code, _, total, basic, project in SPENT
        if code
    }
    assert [c["verified"] for c in got["table_checks"]] == [True, True]
    assert [f for f in got["findings"] if f["severity"] != "info"] == []


@pytest.mark.parametrize(
    ("made", "name"),
    [(workbook, "final.xlsx"), (word_document, "final.docx")],
    ids=["xlsx", "docx"],
)
def test_the_template_converted_from_its_pdf_reads_the_same(
    template_pdf: bytes, made, name: str
) -> None:
    """A workbook or Word document converted from the PDF, as converters make them: the
    page's rulings give more columns than the table has, so that blank columns stand
    between the amounts; each amount is read under the title of the column it stands in."""
    got = to_contract(parse_bytes(made(template_pdf), name))

    _reads_whole(got)
    assert [f for f in got["findings"] if f["severity"] != "info"] == []
