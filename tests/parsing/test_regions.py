from __future__ import annotations

import csv
from pathlib import Path

import pytest

from disclosures.parsing import regions
from disclosures.parsing.regions import Region, region_from_name

REGIONS_CSV = Path(regions.__file__).parent / "data" / "regions.csv"


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("福州市社会保险技术服务保障中心", Region("福建省", "福州市", None)),
        ("泉港区社会保险中心", Region("福建省", "泉州市", "泉港区")),
        ("海口市社会保障卡一卡通中心", Region("海南省", "海口市", None)),
        ("咸阳市社会保障卡管理服务中心", Region("陕西省", "咸阳市", None)),
        ("上海市普陀区人民政府办公室", Region("上海市", "上海市", "普陀区")),
        ("江苏省人大常委会办公厅", Region("江苏省", None, None)),
        ("湖南省长沙市岳麓区财政局", Region("湖南省", "长沙市", "岳麓区")),
        (" 泉州市　泉港区 财政局", Region("福建省", "泉州市", "泉港区")),
    ],
)
def test_it_fills_the_parents_of_the_names_it_finds(name: str, region: Region) -> None:
    assert region_from_name(name) == region


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("北京市海淀区教育委员会", Region("北京市", "北京市", "海淀区")),
        ("天津市滨海新区财政局", Region("天津市", "天津市", "滨海新区")),
        ("重庆市忠县财政局", Region("重庆市", "重庆市", "忠县")),
        ("忠县财政局", Region("重庆市", "重庆市", "忠县")),
        ("中国共产党北京市委员会办公厅", Region("北京市", "北京市", None)),
    ],
)
def test_a_municipality_is_its_own_city(name: str, region: Region) -> None:
    assert region_from_name(name) == region


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("仙桃市人力资源和社会保障局", Region("湖北省", None, "仙桃市")),
        ("琼海市卫生健康委员会", Region("海南省", None, "琼海市")),
        ("石河子市财政局", Region("新疆维吾尔自治区", None, "石河子市")),
    ],
)
def test_a_county_under_its_province_has_no_city(name: str, region: Region) -> None:
    assert region_from_name(name) == region


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("普陀区财政局", Region(None, None, None)),  # 上海 and 舟山
        ("舟山市普陀区财政局", Region("浙江省", "舟山市", "普陀区")),
        ("鼓楼区教育局", Region(None, None, None)),  # 南京, 徐州, 福州, 开封
        ("南京市鼓楼区教育局", Region("江苏省", "南京市", "鼓楼区")),
        ("江苏省鼓楼区教育局", Region("江苏省", None, None)),  # still 南京 or 徐州
        ("朝阳区卫生健康委员会", Region(None, None, None)),
        ("北京市朝阳区卫生健康委员会", Region("北京市", "北京市", "朝阳区")),
    ],
)
def test_a_shared_county_name_needs_a_province_or_city(name: str, region: Region) -> None:
    assert region_from_name(name) == region


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("长沙县财政局", Region("湖南省", "长沙市", "长沙县")),  # not 沙县 (福建)
        ("济南市市中区财政局", Region("山东省", "济南市", "市中区")),
        ("城区管理局", Region(None, None, None)),
        ("开发区东区管委会", Region(None, None, None)),
        ("阳泉市城区财政局", Region("山西省", "阳泉市", "城区")),
        ("中华人民共和国财政部", Region(None, None, None)),
        ("国家税务总局", Region(None, None, None)),
    ],
)
def test_it_reads_no_place_into_plain_words(name: str, region: Region) -> None:
    assert region_from_name(name) == region


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("福州大学", Region("福建省", "福州市", None)),
        ("福州鼓楼区教育局", Region("福建省", "福州市", "鼓楼区")),
        ("广西财政厅", Region("广西壮族自治区", None, None)),
        ("内蒙古财政厅", Region("内蒙古自治区", None, None)),
        ("北京海淀区教育委员会", Region("北京市", "北京市", "海淀区")),
        ("长沙理工大学", Region("湖南省", "长沙市", None)),  # 长沙县 lies in 长沙市
        ("上海城市管理行政执法局", Region("上海市", "上海市", None)),  # not 海城市 (辽宁)
    ],
)
def test_it_accepts_a_short_form_at_the_start(name: str, region: Region) -> None:
    assert region_from_name(name) == region


@pytest.mark.parametrize(
    "name",
    [
        "吉林大学",  # 吉林省 or 吉林市
        "中山大学",  # 中山市 or 大连's 中山区
        "中山路街道办事处",  # a street, not the city
        "河南县财政局",  # a county in 青海, neither 河南省 nor 南县 (湖南)
        "驻福州办事处",  # a short form counts only at the start
    ],
)
def test_it_declines_an_unsafe_short_form(name: str) -> None:
    assert region_from_name(name) == Region(None, None, None)


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("长乐市财政局", Region("福建省", "福州市", "长乐市")),  # 长乐区 since 2017
        ("杭州市江干区城市管理局", Region("浙江省", "杭州市", "江干区")),
    ],
)
def test_it_still_knows_divisions_abolished_since(name: str, region: Region) -> None:
    assert region_from_name(name) == region


def test_the_gazetteer_is_tidy() -> None:
    with REGIONS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    codes = [row["code"] for row in rows]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
    by_code = {row["code"]: row for row in rows}
    parent_level = {"city": "province", "county": ("province", "city")}
    for row in rows:
        assert len(row["code"]) == 6 and row["code"].isdigit()
        if row["level"] == "province":
            assert row["parent"] == ""
        else:
            assert by_code[row["parent"]]["level"] in parent_level[row["level"]], row
    assert sum(row["level"] == "province" for row in rows) == 34


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "学校是教育部与陕西省共建的大学，校区分布在西安市两地，陕西省一流学科12个，"
            "陕西省重点实验室30个，与西安市政府合作。",
            Region("陕西省", None, None),
        ),
        # named too seldom, or no more often than another place: no place
        ("学校与陕西省共建，陕西省重点实验室30个。", Region()),
        ("与湖南省、湖北省、湖南省、湖北省、湖南省、湖北省合作。", Region()),
    ],
)
def test_a_body_without_a_place_in_its_name_is_placed_where_its_text_says_most(
    text: str, region: Region
) -> None:
    assert regions.region_most_named(text) == region
