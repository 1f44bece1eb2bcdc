"""The rules that keep the data whole hold in the database itself, whoever writes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from disclosures.models import (
    Agency,
    Correction,
    Disclosure,
    Document,
    Figure,
    LineItem,
)

pytestmark = pytest.mark.django_db
SHA = "a" * 64


def refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


@pytest.fixture
def agency():
    return Agency.objects.create(name="某市社会保险中心")


@pytest.fixture
def document():
    return Document.objects.create(file="x.txt", name="x.txt", sha256=SHA, size=1, format="text")


def disclosure(agency, **fields):
    return Disclosure.objects.create(
        agency=agency, year=fields.pop("year", 2026), kind="budget", scope="unit", **fields
    )


def test_the_same_file_is_stored_once(document):
    assert refused(
        lambda: Document.objects.create(file="y", name="y", sha256=SHA, size=1, format="text")
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "lost"},
        {"format": "exe"},
        {"sha256": "not-a-hash"},
        {"status": "failed", "error_code": ""},
        {"status": "parsed", "records": None},
        {"pages": 0},
    ],
)
def test_a_document_in_an_impossible_state_is_refused(document, fields):
    assert refused(lambda: Document.objects.filter(pk=document.pk).update(**fields))


def test_one_draft_and_one_current_version_at_most(agency):
    now = timezone.now()
    disclosure(agency, version=1, published_at=now, is_current=True)
    disclosure(agency, version=2)

    assert refused(lambda: disclosure(agency, version=3))
    assert refused(lambda: disclosure(agency, version=3, published_at=now, is_current=True))
    assert refused(lambda: disclosure(agency, version=2, published_at=now))
    disclosure(agency, version=3, published_at=now)  # an earlier version, kept


@pytest.mark.parametrize(
    "fields",
    [
        {"is_current": True},  # current but never published
        {"year": 1900},
        {"version": 0},
    ],
)
def test_an_impossible_disclosure_is_refused(agency, fields):
    assert refused(lambda: disclosure(agency, **fields))


def test_an_unknown_kind_or_scope_is_refused(agency):
    assert refused(
        lambda: Disclosure.objects.create(agency=agency, year=2026, kind="forecast", scope="unit")
    )
    assert refused(
        lambda: Disclosure.objects.create(agency=agency, year=2026, kind="budget", scope="city")
    )


def test_an_agency_is_not_its_own_parent(agency):
    assert refused(lambda: Agency.objects.filter(pk=agency.pk).update(parent=agency))


def test_rows_are_unique_within_a_disclosure_and_well_formed(agency):
    d = disclosure(agency)
    LineItem.objects.create(disclosure=d, classification="functional", code="208", level=1)
    Figure.objects.create(disclosure=d, group="totals", key="expenditure", value=Decimal(1))

    assert refused(
        lambda: LineItem.objects.create(
            disclosure=d, classification="functional", code="208", level=1
        )
    )
    assert refused(
        lambda: LineItem.objects.create(
            disclosure=d, classification="functional", code="20X", level=1
        )
    )
    assert refused(
        lambda: LineItem.objects.create(disclosure=d, classification="other", code="209", level=1)
    )
    assert refused(
        lambda: Figure.objects.create(disclosure=d, group="totals", key="expenditure", value=2)
    )
    assert refused(
        lambda: Figure.objects.create(disclosure=d, group="totals", key="x", value=1, page=0)
    )


def test_a_correction_needs_a_reason(agency, django_user_model):
    d = disclosure(agency)
    user = django_user_model.objects.create(username="r")

    assert refused(
        lambda: Correction.objects.create(
            disclosure=d, address="figure:totals:expenditure", reason="", corrected_by=user
        )
    )


def test_money_keeps_every_digit_it_was_given(agency):
    d = disclosure(agency)
    figure = Figure.objects.create(
        disclosure=d, group="totals", key="expenditure", value=Decimal("9101.677535")
    )
    figure.refresh_from_db()

    assert figure.value == Decimal("9101.677535")


def test_a_municipality_is_not_named_twice_in_a_region():
    assert Agency(province="上海市", city="上海市", county="普陀区").region == "上海市普陀区"
    assert Agency(province="福建省", city="泉州市", county="泉港区").region == "福建省泉州市泉港区"
