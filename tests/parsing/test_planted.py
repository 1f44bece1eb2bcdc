"""Problems planted into copies of real documents are found, each by its rule and at
its place, and the originals give none of them.

Each case changes the extracted lines of a real PDF (a table's title dropped while the
contents still list it, a heading's year or body changed, a comparison word turned
round, a figure of the text or a 合计 cell changed) and parses the copy as it would
the file. Each kind is planted in documents of at least two provinces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pytest

from disclosures.parsing.extract import extract
from disclosures.parsing.extract.base import Extracted, Line
from disclosures.parsing.model import Disclosure, Finding
from disclosures.parsing.parse import parse_extracted

DATA = Path(__file__).parent.parent / "data"
KEJIJU = "realdocs-more/jiangsu-suzhou_kejiju_2026_unit-budget.pdf"
RENDA = "realdocs/js_renda_2018_dept-budget.pdf"
SHENJIJU = "realdocs-more/shanghai_shenjiju_2026_unit-budget.pdf"
CAIZHENGJU = "realdocs/sh-putuo_caizhengju_2024_dept-final.pdf"
WANLI = "realdocs/sh-putuo_wanli-jiedao_2023_dept-budget.pdf"
ZHUHAI = "realdocs-more/guangdong-zhuhai_shangwuju_2026_dept-budget.pdf"
XINFANG = "realdocs-more/jilin-changchun_xinfangju-benji_2026_dept-budget.pdf"


@cache
def original(path: str) -> Extracted:
    return extract((DATA / path).read_bytes(), Path(path).name)


@cache
def parsed(path: str) -> Disclosure:
    return parse_extracted(original(path))


def _joined(line: Line) -> str:
    return "".join(line.cells).replace(" ", "")


Edit = Callable[[Line], Line | None]


def _edited(extracted: Extracted, find: str, edit: Edit, page: int) -> Extracted:
    """A copy with the first line from `page` on whose text holds `find` edited
    (None: the line is dropped)."""
    done = False
    pages = []
    for p in extracted.pages:
        lines = []
        for line in p.lines:
            if not done and line.page >= page and find in _joined(line):
                done, line = True, edit(line)  # type: ignore[assignment]
            if line is not None:
                lines.append(line)
        pages.append(replace(p, lines=tuple(lines)))
    assert done, f"no line holds {find}"
    return replace(extracted, pages=tuple(pages))


def swap(old: str, new: str) -> Edit:
    def edit(line: Line) -> Line:
        cells = tuple(c.replace(" ", "").replace(old, new) for c in line.cells)
        assert cells != tuple(c.replace(" ", "") for c in line.cells), f"{old} not in the line"
        return replace(line, cells=cells)

    return edit


def drop(line: Line) -> None:
    return None


@dataclass(frozen=True)
class Plant:
    document: str
    find: str  # the line to change holds these words (blanks removed)
    edit: Edit
    rule: str  # the rule that must report it
    place: str  # ... in its `where` or message
    page: int = 3  # from this page on: past the contents
    severity: str = "warning"

    def matches(self, finding: Finding) -> bool:
        return finding.rule == self.rule and self.place in f"{finding.where} {finding.message}"


PLANTS = {
    # the contents page lists a table the body no longer prints
    "contents/jiangsu": Plant(KEJIJU, "政府采购支出表", drop, "missing_table", "政府采购支出表"),
    "contents/shanghai": Plant(
        CAIZHENGJU, "财政拨款“三公”经费支出决算表", drop, "missing_table", "三公"
    ),
    "contents/guangdong": Plant(
        ZHUHAI, "政府性基金预算支出情况表", drop, "missing_table", "政府性基金预算支出情况表"
    ),
    # a heading names another year or another body
    "year/jiangsu": Plant(
        KEJIJU,
        "苏州市科学技术局2026年度单位预算公开",
        swap("2026", "2025"),
        "heading_mismatch",
        "2025",
        page=6,
    ),
    "year/shanghai": Plant(
        SHENJIJU,
        "2026年预算单位财务收支预算总表",
        swap("2026", "2025"),
        "heading_mismatch",
        "2025",
    ),
    "body/jiangsu": Plant(
        KEJIJU,
        "单位:苏州市科学技术局",
        swap("科学技术局", "审计局"),
        "heading_mismatch",
        "苏州市审计局",
        page=13,
    ),
    "body/guangdong": Plant(
        ZHUHAI,
        "单位名称:珠海市商务局",
        swap("商务局", "科技局"),
        "heading_mismatch",
        "珠海市科技局",
        page=9,
    ),
    "date/final": Plant(
        CAIZHENGJU,
        "截至2024年12月31日",
        swap("2024年12月", "2023年12月"),
        "heading_mismatch",
        "2023",
    ),
    "date/budget": Plant(
        SHENJIJU,
        "截至2025年8月31日",
        swap("2025年8月", "2027年8月"),
        "heading_mismatch",
        "2027",
    ),
    # a comparison word turned round against its figures
    "word/jiangsu": Plant(
        KEJIJU,
        "减少107.93万元",
        swap("减少107.93", "增加107.93"),
        "comparison_word",
        "增加107.93",
    ),
    "word/guangdong": Plant(
        ZHUHAI,
        "比上年增加",
        swap("增加", "减少"),
        "comparison_word",
        "减少",
        page=30,
    ),
    "word/shanghai-budget": Plant(
        WANLI,
        "比2022年预算执行数增加8.56%",
        swap("增加8.56", "减少8.56"),
        "comparison_word",
        "减少",
    ),
    "word/shanghai-final": Plant(
        CAIZHENGJU,
        "决算数小于预算数的主要原因:因年度工作计划",
        swap("小于", "大于"),
        "comparison_word",
        "大于",
    ),
    # the text states a figure of a table differently
    "text/jiangsu-meeting": Plant(
        KEJIJU,
        "预算支出5万元",
        swap("5万元", "6万元"),
        "narrative_mismatch",
        "会议费",
        page=40,
    ),
    "text/jiangsu-training": Plant(
        RENDA,
        "培训费预算支出403.75",
        swap("403.75", "413.75"),
        "narrative_mismatch",
        "培训费",
    ),
    "text/shanghai": Plant(
        SHENJIJU,
        "公务接待费8.12万元",
        swap("8.12", "9.12"),
        "narrative_mismatch",
        "公务接待",
    ),
    "text/guangdong": Plant(
        ZHUHAI,
        "公务接待费6.64万元",
        swap("6.64万元", "7.64万元"),
        "narrative_mismatch",
        "公务接待",
        page=30,
    ),
    # a 合计 cell that its rows no longer add up to
    "total/jiangsu": Plant(
        KEJIJU,
        "合计186,241.002,281.84183,959.16",
        swap("2,281.84", "2,381.84"),
        "children_sum",
        "basic",
        page=14,
    ),
    "total/shanghai": Plant(
        SHENJIJU,
        "合计195,774,300175,071,30020,703,000",
        swap("175,071,300", "175,071,400"),
        "children_sum",
        "basic",
        page=11,
    ),
    # 收入支出总计 with carry-overs given as the year's 支出合计
    "totals/confused": Plant(
        CAIZHENGJU,
        "本年支出合计2940.05万元",
        swap("2940.05", "2995.39"),
        "totals_confused",
        "2995.39",
    ),
    "completion/shanghai": Plant(
        CAIZHENGJU,
        "成年初预算的98.20%",
        swap("98.20", "89.20"),
        "budget_completion",
        "89.2",
    ),
    # slips a proof-reader marks
    "placeholder/jiangsu": Plant(
        KEJIJU,
        "和政策,起草科技创新",
        swap("科技创新", "XX局科技创新"),
        "placeholder",
        "XX",
    ),
    "placeholder/guangdong": Plant(
        ZHUHAI,
        "市商务和口岸发展战略",
        swap("市商务", "XXX万元市商务"),
        "placeholder",
        "XXX",
    ),
    "doubled/jiangsu": Plant(
        KEJIJU,
        "和政策,起草科技创新",
        swap("政策,", "政策,,"),
        "repeated_text",
        ",,",
        severity="info",
    ),
    "doubled/guangdong": Plant(
        ZHUHAI,
        "市商务和口岸发展战略",
        swap("发展战略", "发展的的战略"),
        "repeated_text",
        "的的",
        severity="info",
    ),
    # an economic row printed under another code's name
    "code/jiangsu": Plant(
        KEJIJU,
        "30215会议费",
        swap("会议费", "培训费"),
        "code_name",
        "30215",
        page=20,
    ),
}


def _found(d: Disclosure, plant: Plant) -> list[Finding]:
    return [f for f in d.findings if plant.matches(f) and f.severity == plant.severity]


@pytest.mark.parametrize("name", sorted(PLANTS))
def test_a_planted_problem_is_found_where_it_was_planted(name: str) -> None:
    plant = PLANTS[name]
    copy = _edited(original(plant.document), plant.find, plant.edit, plant.page)
    assert _found(parse_extracted(copy), plant), [
        (f.rule, f.where, f.message) for f in parse_extracted(copy).findings
    ]


@pytest.mark.parametrize("name", sorted(PLANTS))
def test_the_original_gives_no_such_finding(name: str) -> None:
    plant = PLANTS[name]
    assert _found(parsed(plant.document), plant) == []


def test_each_kind_is_planted_in_two_provinces() -> None:
    kinds: dict[str, set[str]] = {}
    for name, plant in PLANTS.items():
        province = Path(plant.document).name.split("_")[0].split("-")[0]
        kinds.setdefault(name.split("/")[0], set()).add(province.replace("sh", "shanghai"))
    grouped = {"heading": kinds.pop("year") | kinds.pop("body") | kinds.pop("date")}
    # the kinds the task names; the checks after them are each planted once or more
    named = {
        k: v
        for k, v in (kinds | grouped).items()
        if k in ("contents", "heading", "word", "text", "total")
    }
    assert len(named) == 5 and all(len(provinces) >= 2 for provinces in named.values())
