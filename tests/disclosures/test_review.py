"""Corrections, publishing, versions, and agencies matched and merged."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosures import selectors, services
from disclosures.models import Agency, AgencyAlias, Disclosure, Document

pytestmark = pytest.mark.django_db
EXPENDITURE = "figure:totals:expenditure"


def correct(disclosure, user, address=EXPENDITURE, value="123.45", reason="表1合计为123.45"):
    value = None if value is None else Decimal(value)
    return services.value_correct(
        disclosure=disclosure, address=address, value=value, reason=reason, user=user
    )


def test_a_correction_changes_the_stored_value_and_keeps_its_history(parsed, reviewer):
    _, disclosure = parsed
    old = disclosure.figures.get(group="totals", key="expenditure").value

    correction = correct(disclosure, reviewer)

    assert disclosure.figures.get(group="totals", key="expenditure").value == Decimal("123.45")
    assert (correction.old_value, correction.new_value) == (old, Decimal("123.45"))
    assert (correction.corrected_by, correction.reason) == (reviewer, "表1合计为123.45")
    assert correction.corrected_at is not None


def test_a_correction_outlives_the_file_being_parsed_again(parsed, reviewer):
    document, disclosure = parsed
    correct(disclosure, reviewer, value="1")
    correct(disclosure, reviewer, value="2", reason="第二次更正")

    Document.objects.filter(pk=document.pk).update(status="queued")
    services.document_parse(document_id=document.pk)

    assert disclosure.figures.get(group="totals", key="expenditure").value == Decimal("2")
    assert disclosure.corrections.count() == 2


def test_a_figure_the_document_lacks_can_be_added_and_removed(parsed, reviewer):
    _, disclosure = parsed
    disclosure.figures.filter(group="headcount").delete()

    correct(disclosure, reviewer, address="figure:headcount:actual", value="8", reason="正文第3页")
    assert disclosure.figures.get(group="headcount", key="actual").value == 8

    correct(disclosure, reviewer, address="figure:headcount:actual", value=None, reason="看错了")
    assert not disclosure.figures.filter(group="headcount", key="actual").exists()


def test_a_line_item_amount_is_corrected_in_place(parsed, reviewer):
    _, disclosure = parsed
    item = disclosure.items.filter(classification="functional").first()
    address = f"item:functional:all:{item.code}:total"

    correct(disclosure, reviewer, address=address, value="42")

    item.refresh_from_db()
    assert item.total == 42


@pytest.mark.parametrize(
    ("address", "reason", "code"),
    [
        ("figure:totals:salary", "x", "no_such_value"),
        ("item:functional:all:9999999:total", "x", "no_such_value"),
        (EXPENDITURE, "  ", "no_reason"),
    ],
)
def test_a_correction_without_a_value_to_correct_or_a_reason_is_refused(
    parsed, reviewer, address, reason, code
):
    _, disclosure = parsed

    with pytest.raises(services.ServiceError) as refused:
        correct(disclosure, reviewer, address=address, reason=reason)

    assert refused.value.code == code
    assert not disclosure.corrections.exists()


def test_publishing_makes_the_draft_current_and_only_published_ones_are_public(parsed, reviewer):
    _, disclosure = parsed
    assert list(selectors.disclosures_published()) == []

    services.disclosure_publish(disclosure=disclosure, user=reviewer)

    disclosure.refresh_from_db()
    assert disclosure.is_current and disclosure.published_by == reviewer
    assert list(selectors.disclosures_published()) == [disclosure]


def test_a_new_file_after_publishing_makes_a_new_version_and_keeps_the_old(
    parsed, reviewer, sample, upload_and_parse
):
    document, first = parsed
    correct(first, reviewer)
    services.disclosure_publish(disclosure=first, user=reviewer)

    # the agency republished the same disclosure: a different file with the same content
    [outcome] = upload_and_parse(reviewer, ("reissued.txt", sample[1] + b"\n"))

    second = outcome.document.disclosures.get()
    assert second.version == 2 and not second.is_published
    assert set(second.documents.all()) == {document, outcome.document}
    # the correction made to the first version is carried over
    assert second.figures.get(group="totals", key="expenditure").value == Decimal("123.45")
    assert list(selectors.disclosures_published()) == [first]

    services.disclosure_publish(disclosure=second, user=reviewer)

    first.refresh_from_db()
    assert list(selectors.disclosures_published()) == [second]
    assert first.is_published and not first.is_current
    assert Disclosure.objects.count() == 2


def test_an_agency_is_found_by_an_alias(journalist, sample, upload_and_parse):
    from disclosures.parsing import parse_bytes

    name = parse_bytes(sample[1]).agency
    known = Agency.objects.create(name="改名前的单位")
    AgencyAlias.objects.create(agency=known, name=name)

    [outcome] = upload_and_parse(journalist, sample)

    assert outcome.document.disclosures.get().agency == known
    assert Agency.objects.count() == 1


def test_agency_names_match_whatever_the_width_of_their_brackets_and_blanks():
    assert services.agency_name("泉港区 社会保险中心（本级）") == "泉港区社会保险中心(本级)"
    assert services.agency_kind("海口市社会保障卡一卡通中心") == "社保卡中心"


def test_merging_two_agencies_moves_their_disclosures_and_keeps_one_current(
    reviewer, samples, upload_and_parse
):
    for outcome in upload_and_parse(reviewer, *samples):
        services.disclosure_publish(disclosure=outcome.document.disclosures.get(), user=reviewer)
    keep, absorb = Agency.objects.order_by("pk")[:2]
    a = keep.disclosures.first()
    # the absorbed agency published the kept one's disclosure too, under its other name
    b = absorb.disclosures.first()
    Disclosure.objects.filter(pk=b.pk).update(year=a.year, kind=a.kind, scope=a.scope)
    moved = absorb.disclosures.count()
    kept = keep.disclosures.count()

    services.agency_merge(keep=keep, absorb=absorb)

    same = Disclosure.objects.filter(agency=keep, year=a.year, kind=a.kind, scope=a.scope)
    assert [(d.version, d.is_current) for d in same.order_by("version")] == [(1, True), (2, False)]
    assert keep.disclosures.count() == kept + moved
    assert AgencyAlias.objects.get(name=absorb.name).agency == keep
    assert not Agency.objects.filter(pk=absorb.pk).exists()


def test_two_drafts_of_one_disclosure_merge_into_one(reviewer, samples, upload_and_parse):
    outcomes = upload_and_parse(reviewer, *samples)
    keep, absorb = Agency.objects.order_by("pk")[:2]
    a, b = keep.disclosures.first(), absorb.disclosures.first()
    Disclosure.objects.filter(pk=b.pk).update(year=a.year, kind=a.kind, scope=a.scope)

    services.agency_merge(keep=keep, absorb=absorb)

    draft = Disclosure.objects.get(agency=keep, year=a.year, kind=a.kind, scope=a.scope)
    assert draft.documents.count() == 2
    assert len(outcomes) == Document.objects.count()
