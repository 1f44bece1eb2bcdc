"""The JSON API: its OpenAPI description, every endpoint against it, the filters the pages
offer, pagination, exact amounts, and that nothing unpublished leaks."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import URLPattern, get_resolver
from django.utils import timezone
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from disclosures import services
from disclosures.models import Agency, AgencyAlias, Disclosure, Finding, LineItem

pytestmark = pytest.mark.django_db


def body(response):
    assert response["Content-Type"] == "application/json", response.content[:200]
    return json.loads(response.content, parse_float=Decimal)


def conforms(spec, schema_name, instance):
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]}
    checker = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in checker.iter_errors(instance)]
    assert not errors, errors


def disclosure(agency, year, kind="budget", published=True, **fields):
    when = timezone.now() - timedelta(days=1) if published else None
    return Disclosure.objects.create(
        agency=agency,
        year=year,
        kind=kind,
        scope=fields.pop("scope", "unit"),
        published_at=when,
        is_current=published,
        **fields,
    )


def item(d, code, total, classification="functional", scope="all", **amounts):
    return LineItem.objects.create(
        disclosure=d,
        classification=classification,
        scope=scope,
        code=code,
        name=f"科目{code}",
        level={3: 1, 5: 2, 7: 3}[len(code)],
        total=Decimal(total),
        **amounts,
    )


@pytest.fixture
def world():
    """Two published agencies, a draft-only one, a replaced version and a draft on top."""
    fuzhou = Agency.objects.create(
        name="福州市社会保险中心", kind="社保中心", province="福建省", city="福州市"
    )
    AgencyAlias.objects.create(agency=fuzhou, name="福州社保")
    haikou = Agency.objects.create(
        name="海口市社保卡中心", kind="社保卡中心", province="海南省", city="海口市"
    )
    secret = Agency.objects.create(name="未公开单位", kind="社保中心", province="福建省")
    old = disclosure(fuzhou, 2025, version=1)
    old.is_current = False
    old.save()
    fz25 = disclosure(fuzhou, 2025, version=2)
    fz23 = disclosure(fuzhou, 2023, kind="final_accounts")
    hk26 = disclosure(haikou, 2026, tables=["收支总表"])
    draft = disclosure(fuzhou, 2026, published=False)
    hidden = disclosure(secret, 2026, published=False)
    for d in (old, fz25, fz23, hk26, draft, hidden):
        item(d, "208", "612.10", basic=Decimal("383.6"), project=Decimal("228.5"))
        item(d, "20805", "300.000000")
        item(d, "210", "10.5")
        item(d, "30101", "82.55", classification="economic", scope="basic")
        Finding.objects.create(
            disclosure=d, severity="warning", rule="children_sum", where="208", message="不等"
        )
    hk26.figures.create(group="totals", key="expenditure", value=Decimal("355.85"), page=3)
    return {"fuzhou": fuzhou, "haikou": haikou, "secret": secret, "old": old, "fz25": fz25,
            "fz23": fz23, "hk26": hk26, "draft": draft, "hidden": hidden}  # fmt: skip


@pytest.fixture
def spec(client):
    return body(client.get("/api/openapi.json"))


def api_paths() -> set[str]:
    resolver = get_resolver()
    found = set()
    for pattern in resolver.url_patterns:
        if str(pattern.pattern).startswith("api/"):
            for sub in pattern.url_patterns:
                assert isinstance(sub, URLPattern)
                path = str(pattern.pattern) + str(sub.pattern).replace("<int:pk>", "{id}")
                found.add("/" + path)
    return found


def test_the_description_served_is_valid_openapi_3_1(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.1")


def test_every_api_route_is_described_and_every_described_path_is_routed(spec):
    assert set(spec["paths"]) | {"/api/openapi.json"} == api_paths()


def examples(world) -> dict[str, str]:
    """A request for every described path, with data to return."""
    return {
        "/api/agencies/": "/api/agencies/?region=福建省&year=2025",
        "/api/agencies/{id}/": f"/api/agencies/{world['fuzhou'].pk}/",
        "/api/disclosures/": "/api/disclosures/?kind=budget&page_size=2",
        "/api/disclosures/{id}/": f"/api/disclosures/{world['hk26'].pk}/",
        "/api/line-items/": "/api/line-items/?classification=economic",
        "/api/findings/": "/api/findings/?severity=warning",
        "/api/comparisons/per-capita/": "/api/comparisons/per-capita/?region=福建省",
        "/api/comparisons/mix/": "/api/comparisons/mix/?year=2025&year=2026&code=208",
        "/api/comparisons/trend/": f"/api/comparisons/trend/?agency={world['fuzhou'].pk}&real=1",
        "/api/comparisons/peers/": f"/api/comparisons/peers/?agency={world['haikou'].pk}",
    }


def test_every_endpoint_answers_as_its_description_says(client, spec, world):
    requests = examples(world)
    assert set(requests) == set(spec["paths"])  # a new endpoint needs an example here
    for path, url in requests.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.content)
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        data = body(response)
        conforms(spec, schema["schema"]["$ref"].rsplit("/", 1)[1], data)
        assert data.get("results", [data]), f"{url} returned nothing to check"


@pytest.mark.parametrize(
    "url",
    [
        "/api/agencies/?yaer=2025",
        "/api/disclosures/?year=abc",
        "/api/disclosures/?year=1700",
        "/api/disclosures/?kind=forecast",
        "/api/line-items/?code=20x",
        "/api/findings/?page=0",
        "/api/agencies/?page_size=501",
        "/api/agencies/1/?page=2",
    ],
)
def test_a_malformed_or_unknown_parameter_is_refused_as_described(client, spec, url):
    response = client.get(url)

    assert response.status_code == 400
    conforms(spec, "Error", body(response))


def test_drafts_and_agencies_with_nothing_published_do_not_exist_in_the_api(client, world):
    agencies = body(client.get("/api/agencies/?page_size=500"))["results"]
    disclosures = body(client.get("/api/disclosures/?page_size=500"))["results"]
    items = body(client.get("/api/line-items/?page_size=500"))["results"]
    findings = body(client.get("/api/findings/?page_size=500"))["results"]

    assert {a["name"] for a in agencies} == {world["fuzhou"].name, world["haikou"].name}
    shown = {world[k].pk for k in ("fz25", "fz23", "hk26")}
    assert {d["id"] for d in disclosures} == shown
    assert {i["disclosure"]["id"] for i in items} == shown
    assert {f["disclosure"]["id"] for f in findings} == shown
    for key in ("draft", "hidden"):
        assert client.get(f"/api/disclosures/{world[key].pk}/").status_code == 404
        assert client.get(f"/api/line-items/?disclosure={world[key].pk}").json()["results"] == []
    assert client.get(f"/api/agencies/{world['secret'].pk}/").status_code == 404


def test_a_replaced_version_is_reachable_by_id_and_says_it_is_not_current(client, world):
    data = body(client.get(f"/api/disclosures/{world['old'].pk}/"))
    rows = body(client.get(f"/api/line-items/?disclosure={world['old'].pk}"))["results"]

    assert data["is_current"] is False
    assert [v["version"] for v in data["versions"]] == [1, 2]
    assert {r["disclosure"]["id"] for r in rows} == {world["old"].pk}
    assert len(rows) == 4


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=福州市", {"fz25", "fz23"}),
        ("region=海南省", {"hk26"}),
        ("agency_kind=社保卡中心", {"hk26"}),
        ("year=2025", {"fz25"}),
        ("kind=final_accounts", {"fz23"}),
        ("q=社保卡", {"hk26"}),
        ("q=福州社保", {"fz25", "fz23"}),  # an alias
        ("region=福建省&kind=budget", {"fz25"}),
        ("scope=department", set()),
    ],
)
def test_disclosures_are_filtered_as_on_the_pages(client, world, query, expected):
    found = body(client.get(f"/api/disclosures/?{query}"))["results"]

    assert {d["id"] for d in found} == {world[key].pk for key in expected}


def test_agencies_are_filtered_by_their_disclosures_too(client, world):
    by_year = body(client.get("/api/agencies/?year=2026"))["results"]
    by_kind = body(client.get("/api/agencies/?kind=final_accounts&region=福建省"))["results"]

    assert [a["id"] for a in by_year] == [world["haikou"].pk]
    assert [a["id"] for a in by_kind] == [world["fuzhou"].pk]
    assert by_kind[0]["aliases"] == ["福州社保"] and by_kind[0]["region"] == "福建省福州市"


def test_line_items_are_filtered_by_code_with_everything_under_it(client, world):
    url = f"/api/line-items/?code=208&agency={world['haikou'].pk}&classification=functional"
    rows = body(client.get(url))["results"]
    level_2 = body(client.get("/api/line-items/?level=2"))["results"]

    assert [r["code"] for r in rows] == ["208", "20805"]
    assert {r["code"] for r in level_2} == {"20805", "30101"} and len(level_2) == 6


def test_pages_follow_one_another_until_next_is_null(client, world):
    url, seen, pages = "/api/line-items/?page_size=5", [], 0
    while url:
        data = body(client.get(url))
        seen += [row["id"] for row in data["results"]]
        url, pages = data["next"], pages + 1

    everything = body(client.get("/api/line-items/?page_size=500"))["results"]
    assert seen == [row["id"] for row in everything]
    assert pages == 3 and len(seen) == 12
    assert data["previous"].endswith("page=2") and "page_size=5" in data["previous"]


def test_amounts_keep_every_digit_and_drop_padding(client, world):
    wide = Decimal("12345678901234.123457")  # beyond a binary float's precision
    item(world["hk26"], "221", str(wide))
    response = client.get(f"/api/line-items/?disclosure={world['hk26'].pk}&code=2")
    text = response.content.decode()

    assert "12345678901234.123457" in text
    assert '"total":612.1,' in text and '"total":300,' in text
    rows = {r["code"]: r for r in body(response)["results"]}
    assert rows["221"]["total"] == wide and rows["208"]["basic"] == Decimal("383.6")
    assert rows["221"]["basic"] is None  # not given is null, never 0


def test_a_disclosure_comes_with_its_figures_and_their_sources(client, world):
    data = body(client.get(f"/api/disclosures/{world['hk26'].pk}/"))

    assert data["figures"] == [
        {
            "group": "totals",
            "key": "expenditure",
            "value": Decimal("355.85"),
            "source": {"document": None, "page": 3, "table": "", "row": "", "column": "",
                       "box": None, "sentence": ""},
        }
    ]  # fmt: skip
    assert data["counts"] == {"line_items": 4, "findings": 1}
    assert data["tables"] == ["收支总表"]
    assert data["line_items_url"].endswith(f"/api/line-items/?disclosure={world['hk26'].pk}")


def test_the_api_is_readable_from_other_sites_and_only_read(client, world):
    response = client.get("/api/agencies/")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.post("/api/agencies/").status_code == 405
    assert client.head("/api/agencies/").status_code == 200


def test_a_parsed_and_published_sample_reads_back_through_the_api(client, reviewer, parsed):
    document, draft = parsed
    services.disclosure_publish(disclosure=draft, user=reviewer)

    [found] = body(client.get(f"/api/disclosures/?agency={draft.agency_id}"))["results"]
    detail = body(client.get(found["url"]))
    rows = body(client.get(found["line_items_url"] + "&page_size=500"))["results"]

    stored = {(f.group, f.key): f.value for f in draft.figures.all()}
    assert {(f["group"], f["key"]): f["value"] for f in detail["figures"]} == stored
    assert len(rows) == draft.items.count() > 0
    assert {r["code"]: r["total"] for r in rows} == dict(draft.items.values_list("code", "total"))
    assert detail["documents"][0]["sha256"] == document.sha256
    assert {r["source"]["document"] for r in rows} == {document.pk}
