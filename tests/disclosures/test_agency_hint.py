"""An agency hint that leaves out the place the file comes from names the agency already
known there, instead of making a second agency of the same name."""

from __future__ import annotations

import pytest

from disclosures import services
from disclosures.models import Agency

pytestmark = pytest.mark.django_db
FUZHOU = "福州市社会保险技术服务保障中心"
FUJIAN = {"province": "福建省", "city": "福州市", "county": None}


@pytest.fixture
def fuzhou(db):
    return services.agency_match(name=FUZHOU, region=FUJIAN)


def test_a_name_without_its_place_is_the_agency_known_there(fuzhou):
    assert services.agency_match(name="社会保险技术服务保障中心", region=FUJIAN) == fuzhou
    assert Agency.objects.count() == 1


def test_elsewhere_the_same_words_are_another_agency(fuzhou):
    xiamen = {"province": "福建省", "city": "厦门市", "county": None}

    other = services.agency_match(name="社会保险技术服务保障中心", region=xiamen)

    assert other != fuzhou and Agency.objects.count() == 2


def test_a_name_that_names_another_place_is_never_folded_into_this_one(fuzhou):
    other = services.agency_match(name="厦门市社会保险技术服务保障中心", region=FUJIAN)

    assert other != fuzhou


def test_through_a_parse_a_hint_without_a_place_joins_the_known_agency(
    upload_and_parse, journalist, samples
):
    [(name, data)] = [s for s in samples if s[0] == "fuzhou-sicenter-2026-budget.txt"]
    upload_and_parse(journalist, (name, data))

    [outcome] = upload_and_parse(
        journalist, ("b.txt", data + b"\n"), agency="社会保险技术服务保障中心", year=2024
    )

    assert outcome.document.status == "parsed"
    assert list(Agency.objects.values_list("name", flat=True)) == [FUZHOU]
