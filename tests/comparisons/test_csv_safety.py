"""Every CSV export writes what a document says as text a spreadsheet shows, never as a
formula it runs (OWASP's CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from comparisons.views import spreadsheet_safe

FORMULA = '=HYPERLINK("http://127.0.0.1/x","点击")'


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+1+2", "'+1+2"),
        ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("-6.56", "-6.56"),
        ("海口市 = 中心", "海口市 = 中心"),
        (None, ""),
        (12, 12),
    ],
)
def test_a_cell_that_would_start_a_formula_gets_a_quote_in_front(cell, written):
    assert spreadsheet_safe(cell) == written


def rows_of(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page", ["agency_list", "compare_per_capita", "compare_mix", "compare_trend"]
)
def test_an_agency_named_as_a_formula_is_text_in_the_csv(client, publish, sample_files, page):
    name, data = next(iter(sorted(sample_files.items())))
    publish((name, data), agency=FORMULA)

    rows = rows_of(client.get(reverse(page), {"format": "csv", "lang": "en"}))

    assert rows and {r["agency"] for r in rows} == {"'" + FORMULA}
