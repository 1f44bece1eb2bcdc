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
    ],
)
def test_the_agency_is_the_title_pages_body(cover: str, agency: str) -> None:
    lines = [Line(page=1, cells=(text,)) for text in cover.split("\n")]
    lines.append(Line(page=1, cells=("目录",)))
    assert metadata.agency(lines) == agency
