"""Who published the document, read from its title page however the title is worded."""

from __future__ import annotations

import pytest

from disclosures.parsing import metadata
from disclosures.parsing.extract.base import Line


@pytest.mark.parametrize(
    ("cover", "agency"),
    [
        ("关于杭州市西湖区民政局2024年部门预算的说明", "杭州市西湖区民政局"),
        ("太原市小店区农业农村局\n二〇二四年部门预算", "太原市小店区农业农村局"),
        ("2024年度\n长沙县卫生健康局部门决算", "长沙县卫生健康局"),
        # text in the order the PDF drew it: the page number first
        ("1\n西南大学\n2023 年度部门预算\n2023 年 4 月", "西南大学"),
        # a note in brackets on a line of its own under the name
        ("尤溪县林业局2026年部门预算\n（公开文本）\n尤溪县林业局\n2026年1月", "尤溪县林业局"),
    ],
)
def test_the_agency_is_the_title_pages_body(cover: str, agency: str) -> None:
    lines = [Line(page=1, cells=(text,)) for text in cover.split("\n")]
    lines.append(Line(page=1, cells=("目录",)))
    assert metadata.agency(lines) == agency


def test_the_title_page_ends_where_the_sentences_begin() -> None:
    # no contents page and no part heading: the first sentence ends the title block, so
    # a 决算数 it mentions does not make the budget a final account
    lines = [
        Line(page=1, cells=(text,))
        for text in [
            "2024年度",
            "湘潭市雨湖区人力资源和社会保障局",
            "部门预算",
            "2024年收入预算1234.56万元，支出预算1234.56万元，2023年决算数为1000万元。",
            "2023年度决算表中，支出决算数为1000万元。",
        ]
    ]
    assert metadata.agency(lines) == "湘潭市雨湖区人力资源和社会保障局"
    assert metadata.kind(lines) == "budget"
    assert metadata.year(lines) == 2024


def test_a_body_named_after_the_year_in_running_text_leaves_the_year_out() -> None:
    lines = [
        Line(page=1, cells=(text,))
        for text in [
            "根据规定，现将2024年度湘潭市雨湖区人力资源和社会保障局部门决算公开如下。",
            "2024年度湘潭市雨湖区人力资源和社会保障局的收入合计100万元，支出合计100万元。",
        ]
    ]
    assert metadata.agency(lines) == "湘潭市雨湖区人力资源和社会保障局"


def test_the_year_is_not_taken_from_a_column_title_before_any_title() -> None:
    lines = [
        Line(1, ("表七",)),
        Line(1, ("科目编码", "科目名称", "2016年预算数", "2017年预算数")),
        Line(1, ("201", "一般公共服务支出", "90.00", "100.00")),
        Line(2, ("2017年政府采购预算表",)),
    ]

    assert metadata.year(lines) == 2017


@pytest.mark.parametrize(
    "title", ["示例局二〇二六年部门预算", "示例局二○二六年度部门预算", "示例局二零二六年部门预算"]
)
def test_a_year_in_chinese_numerals_is_the_documents_year(title: str) -> None:
    lines = [Line(1, (title,)), Line(1, ("一、部门职责",))]

    assert (metadata.year(lines), metadata.agency(lines)) == (2026, "示例局")


@pytest.mark.parametrize(
    "line",
    [
        ("部门:黎平县茶叶产业发展局", "金额单位:万元"),
        ("部门:黎平县茶叶产业发展局", "公开01表", "单位:万元"),
        ("部门：黎平县茶叶产业发展局",),
    ],
)
def test_the_agency_is_the_body_the_tables_are_headed_by(line: tuple[str, ...]) -> None:
    # no title page to read it from (the cover mixed with the contents), no sentence on
    # its duties: the line under each table's title names it
    lines = [Line(page=2, cells=("收入支出决算总表",)), Line(page=2, cells=line)]
    lines += [Line(page=9, cells=("黎平县茶叶质量检测中心负责全县茶叶质量检测。",))] * 3
    assert metadata.agency(lines) == "黎平县茶叶产业发展局"
