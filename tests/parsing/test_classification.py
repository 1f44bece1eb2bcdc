from __future__ import annotations

import csv
from pathlib import Path

import pytest

from disclosures.parsing import classification as c

DATA = Path(c.__file__).parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("208", "社会保障和就业支出"),
        ("20801", "人力资源和社会保障管理事务"),
        ("2080108", "信息化建设"),
        ("2080109", "社会保险经办机构"),
        ("2080150", "事业运行"),
        ("20805", "行政事业单位养老支出"),
        ("2080501", "行政单位离退休"),
        ("2080502", "事业单位离退休"),
        ("2080505", "机关事业单位基本养老保险缴费支出"),
        ("2080506", "机关事业单位职业年金缴费支出"),
        ("2080599", "其他行政事业单位养老支出"),
        ("20826", "财政对基本养老保险基金的补助"),
        ("2082601", "财政对企业职工基本养老保险基金的补助"),
        ("2082602", "财政对城乡居民基本养老保险基金的补助"),
        ("2089999", "其他社会保障和就业支出"),
        ("210", "卫生健康支出"),
        ("21011", "行政事业单位医疗"),
        ("2101102", "事业单位医疗"),
        ("221", "住房保障支出"),
        ("22102", "住房改革支出"),
        ("2210201", "住房公积金"),
        ("2210202", "提租补贴"),
        ("2210203", "购房补贴"),
        ("208 05 05", "机关事业单位基本养老保险缴费支出"),
        # as official disclosures print them
        ("2060404", "科技成果转化与扩散"),
        ("2140112", "公路运输管理"),
        ("21598", "超长期特别国债安排的支出"),
        ("2159802", "制造业"),
        ("2296004", "用于教育事业的彩票公益金支出"),
    ],
)
def test_it_names_a_functional_code(code: str, name: str) -> None:
    assert c.functional_name(code) == name
    assert c.is_known_functional(code)


@pytest.mark.parametrize(
    "code",
    [*(str(n) for n in range(201, 218)), *(str(n) for n in range(219, 225)), "227"]
    + [str(n) for n in range(229, 235)],
)
def test_it_lists_every_class(code: str) -> None:
    assert c.functional_level(code) == 1
    assert c.functional_name(code)


@pytest.mark.parametrize("code", ["2089998", "20899999", "999", "abc", ""])
def test_it_does_not_know_codes_outside_the_list(code: str) -> None:
    assert c.functional_name(code) is None
    assert not c.is_known_functional(code)


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [("208", 1, None), ("20805", 2, "208"), ("2080505", 3, "20805"), (" 2210201 ", 3, "22102")],
)
def test_it_gives_a_codes_level_and_parent(code: str, level: int, parent: str | None) -> None:
    assert c.functional_level(code) == level
    assert c.functional_parent(code) == parent


@pytest.mark.parametrize("code", ["2080", "20", "208050501", "2O8"])
def test_it_rejects_a_code_of_no_level(code: str) -> None:
    with pytest.raises(ValueError):
        c.functional_level(code)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("社会保障和就业支出", "208"),
        ("八、社会保障和就业支出", "208"),
        ("8、卫生健康支出", "210"),
        ("8.卫生健康支出", "210"),
        ("（一）住房保障支出", "221"),
        ("(十二)住房保障支出", "221"),
        ("社会保障和就业支出（类）", "208"),
        ("社会保障和就业支出(208类)", "208"),
        ("  一般公共服务 支出 ", "201"),
        ("“教育支出”", "205"),
        ("预备费", "227"),
    ],
)
def test_it_maps_a_class_name_to_its_code(name: str, code: str) -> None:
    assert c.functional_code_for_name(name) == code


@pytest.mark.parametrize(
    ("name", "level", "code"),
    [
        ("医疗卫生与计划生育支出", 1, "210"),
        ("文化体育与传媒支出", 1, "207"),
        ("行政事业单位离退休", 2, "20805"),
        ("行政事业单位离退休（款）", 2, "20805"),
        ("扶贫", 2, "21305"),
    ],
)
def test_it_maps_a_former_name_to_its_code(name: str, level: int, code: str) -> None:
    assert c.functional_code_for_name(name, level=level) == code


@pytest.mark.parametrize(
    ("name", "level", "parent", "code"),
    [
        ("行政事业单位养老支出", 2, None, "20805"),
        ("机关事业单位基本养老保险缴费支出", 3, None, "2080505"),
        ("行政运行", 3, None, None),  # dozens of 款 have one
        ("行政运行", 3, "20801", "2080101"),
        ("其他支出", 2, None, None),  # 21999 and 22999
        ("其他支出", 2, "229", "22999"),
        ("住房公积金", 3, "22102", "2210201"),
    ],
)
def test_it_needs_the_parent_only_for_a_shared_name(
    name: str, level: int, parent: str | None, code: str | None
) -> None:
    assert c.functional_code_for_name(name, level=level, parent=parent) == code


@pytest.mark.parametrize("name", ["", "合计", "基本支出", "社会保障和就业"])
def test_it_maps_a_name_outside_the_list_to_nothing(name: str) -> None:
    assert c.functional_code_for_name(name) is None


@pytest.mark.parametrize(
    ("code", "year", "name"),
    [
        ("210", 2018, "医疗卫生与计划生育支出"),
        ("210", 2019, "卫生健康支出"),
        ("210", None, "卫生健康支出"),
        ("20805", 2019, "行政事业单位离退休"),
        ("20805", 2024, "行政事业单位养老支出"),
        ("21305", 2020, "扶贫"),
        ("208", 2010, "社会保障和就业支出"),
        ("30101", 2020, "基本工资"),
        ("99999", 2020, None),
    ],
)
def test_it_gives_the_name_a_code_had_in_a_year(code: str, year: int | None, name: str) -> None:
    assert c.current_name(code, year) == name


def test_it_knows_a_class_only_in_the_years_it_was_in_force() -> None:
    assert c.is_known_functional("234")
    assert not c.is_known_functional("234", year=2019)
    assert c.is_known_functional("234", year=2020)


@pytest.mark.parametrize(
    ("code", "name", "kind"),
    [
        ("301", "工资福利支出", "department"),
        ("30101", "基本工资", "department"),
        ("30201", "办公费", "department"),
        ("30239", "其他交通费用", "department"),
        ("30240", "税金及附加费用", "department"),
        ("30299", "其他商品和服务支出", "department"),
        ("30399", "其他对个人和家庭的补助", "department"),
        ("31302", "对社会保险基金补助", "department"),
        ("39999", "其他支出", "department"),
        ("50501", "工资福利支出", "government"),
        ("50502", "商品和服务支出", "government"),
        ("599", "其他支出", "government"),
    ],
)
def test_it_names_an_economic_code_and_its_kind(code: str, name: str, kind: str) -> None:
    assert c.economic_name(code) == name
    assert c.economic_kind(code) == kind
    assert c.is_known_economic(code)


@pytest.mark.parametrize("code", ["30298", "308", "2080505", ""])
def test_it_does_not_know_economic_codes_outside_the_list(code: str) -> None:
    assert c.economic_name(code) is None
    assert c.economic_kind(code) is None
    assert not c.is_known_economic(code)


@pytest.mark.parametrize("name", ["functional.csv", "economic.csv", "renames.csv"])
def test_the_data_files_are_sorted_and_unique(name: str) -> None:
    codes = [row["code"] for row in _rows(name)]
    if name == "renames.csv":
        codes = sorted(set(codes))
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))


def test_every_functional_row_has_its_parent_and_level() -> None:
    rows = _rows("functional.csv")
    codes = {row["code"] for row in rows}
    for row in rows:
        assert int(row["level"]) == c.functional_level(row["code"])
        parent = c.functional_parent(row["code"])
        assert parent is None or parent in codes, row


def test_every_rename_ends_in_the_current_name() -> None:
    latest: dict[str, dict[str, str]] = {}
    for row in _rows("renames.csv"):
        if row["code"] not in latest or int(row["year"]) > int(latest[row["code"]]["year"]):
            latest[row["code"]] = row
    for code, row in latest.items():
        assert (c.functional_name(code) or c.economic_name(code)) == row["new_name"]
