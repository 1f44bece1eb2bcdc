"""What every endpoint shares: blank parameters read as absent, a one-line 400 that names
the parameter and what it must be, HEAD answered but not described, and the operation
ids clients generated code from."""

from __future__ import annotations

import json

import pytest

from api.main import one_line

pytestmark = pytest.mark.django_db


def error_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 400, response.content
    return json.loads(response.content)["error"]


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/api/disclosures/?year=1700", "year must be at least 1990"),
        ("/api/disclosures/?year=2200", "year must be at most 2100"),
        ("/api/disclosures/?kind=forecast", "kind must be one of budget, final_accounts"),
        ("/api/agencies/?q=" + "x" * 101, "q is longer than 100 characters"),
        ("/api/line-items/?code=20x", "code must match ^[0-9]{1,7}$"),
        ("/api/comparisons/mix/?year=2025&year=soon", "year must be a whole number"),
        ("/api/agencies/?yaer=2025", "unknown parameter yaer; known: region, agency_kind, q,"),
        ("/api/agencies/1/?page=2", "this endpoint takes no query parameters"),
    ],
)
def test_a_bad_parameter_is_named_with_what_it_must_be_in_one_line(client, url, said):
    error = error_of(client, url)

    assert error.startswith(said) and "\n" not in error


def test_an_error_nobody_worded_still_names_the_parameter():
    error = {
        "type": "bool_parsing",
        "loc": ("query", "real"),
        "msg": "Input should be a valid boolean",
    }

    assert one_line(error) == "real: Input should be a valid boolean"


def test_a_blank_parameter_is_no_parameter(client):
    blank = client.get("/api/disclosures/?year=&region=&kind=&agency=")
    series = client.get("/api/comparisons/per-capita/?year=&agency=&region=")

    assert blank.status_code == 200 and json.loads(blank.content)["results"] == []
    assert series.status_code == 200, series.content


def test_answers_are_json_readable_from_any_site_head_too(client):
    for response in (client.get("/api/findings/"), client.head("/api/findings/")):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response["Access-Control-Allow-Origin"] == "*"


def test_the_description_keeps_its_operation_ids_and_describes_get_only(client):
    spec = json.loads(client.get("/api/openapi.json").content)

    operations = [ops for ops in spec["paths"].values()]
    assert all(set(ops) == {"get"} for ops in operations)
    assert [ops["get"]["operationId"] for ops in operations] == [
        "agencies", "agency", "disclosures", "disclosure", "line_items", "findings",
        "compare_per_capita", "compare_mix", "compare_trend", "compare_peers",
    ]  # fmt: skip
    by_id = spec["paths"]["/api/agencies/{id}/"]["get"]["parameters"]
    assert [(p["name"], p["in"]) for p in by_id] == [("id", "path")]


def test_the_docs_page_is_linked_from_every_page(client):
    page = client.get("/").content.decode()

    assert 'href="/api/docs"' in page
