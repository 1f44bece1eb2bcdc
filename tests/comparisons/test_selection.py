"""One definition a filter (comparisons.queries.filters): the agency list, its CSV and the
JSON API keep the same agencies for each, the pages through its SQL, the API through its
ORM lookups."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from comparisons.queries.filters import FILTERS
from comparisons.summaries import summaries_refresh
from disclosures.models import Agency, AgencyAlias, Disclosure

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(samples):
    """The samples, with a department-wide disclosure and a name published under another."""
    first = Disclosure.objects.filter(is_current=True).order_by("agency__name").first()
    Disclosure.objects.filter(pk=first.pk).update(scope="department")
    summaries_refresh(agency_ids=[first.agency_id])
    last = Agency.objects.order_by("-name").first()
    AgencyAlias.objects.create(agency=last, name="旧称社保卡服务所")
    return {"department": first, "aliased": last}


def choices(varied) -> dict[str, str]:
    """A value of each filter that keeps some agencies and not others."""
    d = Disclosure.objects.filter(is_current=True).exclude(pk=varied["department"].pk).first()
    agency = d.agency
    return {
        "region": agency.province,
        "agency_kind": agency.kind,
        "year": str(d.year),
        "kind": "final_accounts",
        "scope": "department",
        "q": "旧称社保卡",  # the alias only
        "agency": str(agency.pk),
    }


def on_the_page(client, query) -> set[str]:
    table = client.get(reverse("agency_list"), query).context["table"]
    return {row.record["agency"] for row in table.page.object_list}


def in_the_csv(client, query) -> set[str]:
    response = client.get(reverse("agency_list"), {**query, "format": "csv", "lang": "en"})
    return {
        row["agency"] for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    }


def in_the_api(client, query) -> set[str]:
    response = client.get("/api/disclosures/", {**query, "page_size": 500})
    assert response.status_code == 200, response.content
    return {d["agency"]["name"] for d in json.loads(response.content)["results"]}


def in_the_series(client, query) -> set[str]:
    response = client.get("/api/comparisons/per-capita/", {**query, "page_size": 200})
    assert response.status_code == 200, response.content
    return {r["disclosure"]["agency"]["name"] for r in json.loads(response.content)["results"]}


@pytest.mark.parametrize("name", [f.name for f in FILTERS])
def test_a_filter_keeps_the_same_agencies_on_the_page_its_csv_and_the_api(client, varied, name):
    everyone = in_the_api(client, {})
    value = choices(varied)[name]
    query = {name: value}

    kept = in_the_api(client, query)

    assert kept and kept < everyone, (name, value, kept)
    if name != "agency":  # the agency list picks agencies by name, not by id
        assert on_the_page(client, query) == kept
        assert in_the_csv(client, query) == kept
    assert in_the_series(client, query) == kept
