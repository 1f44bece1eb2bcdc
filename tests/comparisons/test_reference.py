"""The population and CPI tables: the shipped files, the CSV loader, the admin."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comparisons.models import Population, PriceIndex
from comparisons.reference import read_csv, shipped

HEADER = "province,city,county,year,residents,source,note\n"


@pytest.mark.parametrize("table", ["population", "cpi"])
def test_the_shipped_tables_read_and_name_a_source_for_every_value(table):
    rows = shipped(table)

    assert rows
    assert all(row.source and row.value > 0 for row in rows)


def test_a_census_count_keeps_its_digits_and_a_yearbook_figure_its_one_decimal():
    rows = read_csv(
        HEADER + "福建省,福州市,,2020,829.1268,普查公报,\n福建省,泉州市,泉港区,2021,35.9,年鉴,\n",
        "population",
    )

    assert [row.value for row in rows] == [Decimal("829.1268"), Decimal("35.9")]
    assert rows[1].county == "泉港区" and rows[0].county == ""


@pytest.mark.parametrize(
    "body, message",
    [
        ("福建省,福州市,,2020,,普查公报,\n", "must be numbers"),
        ("福建省,福州市,,2020,-3,普查公报,\n", "positive"),
        ("福建省,福州市,,2020,800,,\n", "needs its source"),
        ("福建省,福州市,,2020,800,a,\n福建省,福州市,,2020,801,b,\n", "given twice"),
    ],
)
def test_a_malformed_row_is_refused_with_its_line(body, message):
    with pytest.raises(ValueError, match=message):
        read_csv(HEADER + body, "population")


def test_a_file_without_the_value_column_is_refused():
    with pytest.raises(ValueError, match="lacks index"):
        read_csv(HEADER, "cpi")


@pytest.mark.django_db
def test_a_new_database_holds_the_shipped_values():
    assert Population.objects.count() == len(shipped("population"))
    assert PriceIndex.objects.count() == len(shipped("cpi"))
    haikou = Population.objects.get(city="海口市", year=2020)
    assert haikou.residents == Decimal("287.3358") and "普查" in haikou.source


@pytest.mark.django_db
def test_the_command_adds_and_updates_rows_and_deletes_none(tmp_path):
    before = Population.objects.count()
    path = tmp_path / "pop.csv"
    path.write_text(
        HEADER + "海南省,海口市,,2020,290,另一来源,\n海南省,三亚市,,2020,103.1396,普查公报,\n",
        encoding="utf-8",
    )

    call_command("load_reference", population=path)
    call_command("load_reference", population=path)

    assert Population.objects.count() == before + 1
    assert Population.objects.get(city="海口市", year=2020).source == "另一来源"


@pytest.mark.django_db
def test_the_command_refuses_a_malformed_file_and_changes_nothing(tmp_path):
    path = tmp_path / "cpi.csv"
    path.write_text("province,city,county,year,index,source,note\n,,,2025,abc,x,\n", "utf-8")

    with pytest.raises(CommandError, match="line 2"):
        call_command("load_reference", cpi=path)
    assert not PriceIndex.objects.filter(year=2025).exists()


@pytest.mark.django_db
def test_admins_edit_the_tables_in_the_admin(admin_client):
    for name in ("population", "priceindex"):
        response = admin_client.get(f"/admin/comparisons/{name}/")
        assert response.status_code == 200
    assert "泉港区" in admin_client.get("/admin/comparisons/population/").content.decode()


def test_a_reference_row_is_one_type_from_its_csv_or_the_database():
    from comparisons import queries
    from comparisons.reference import ReferenceRow

    assert queries.RegionValue is ReferenceRow
