"""The summaries the agency list and the peer rankings read follow every change the
services make: a publish, a correction (and the years that borrow the value corrected),
a merge; rebuilding them all gives the same rows."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from comparisons.models import DisclosureSummary
from comparisons.summaries import summaries_rebuild
from disclosures import services
from disclosures.models import Agency, Disclosure, Document

pytestmark = pytest.mark.django_db
HAIKOU, FUZHOU = "海口市社会保障卡一卡通中心", "福州市社会保险技术服务保障中心"


def listed(client, agency: str, year: int) -> dict:
    """The agency list's row of that agency and year, as the page shows it."""
    table = client.get(reverse("agency_list"), {"q": agency, "year": year}).context["table"]
    [row] = table.page.object_list
    return row.record


def correct(reviewer, agency: str, year: int, address: str, value) -> None:
    """Correct the published value and publish the version that corrects it."""
    disclosure = Disclosure.objects.get(agency__name=agency, year=year, is_current=True)
    correction = services.value_correct(
        disclosure=disclosure, address=address, value=value, reason="checked", user=reviewer
    )
    services.disclosure_publish(disclosure=correction.disclosure, user=reviewer)


def test_a_corrected_headcount_changes_the_lists_spending_per_head(client, samples, reviewer):
    assert listed(client, HAIKOU, 2026)["per_staff"] == Decimal("44.48")  # 355.85 / 8

    correct(reviewer, HAIKOU, 2026, "figure:headcount:actual", Decimal(9))

    assert listed(client, HAIKOU, 2026)["per_staff"] == Decimal("39.54")  # 355.85 / 9


def test_a_correction_reaches_the_years_that_borrow_the_value(client, samples, reviewer):
    before = listed(client, FUZHOU, 2026)  # no headcount: it borrows the 2023 final accounts'
    assert (before["staff"], before["per_staff"]) == (Decimal(19), Decimal("36.31"))

    correct(reviewer, FUZHOU, 2023, "figure:headcount:actual", Decimal(20))

    after = listed(client, FUZHOU, 2026)
    assert (after["staff"], after["per_staff"]) == (Decimal(20), Decimal("34.49"))  # 689.80 / 20
    assert dict(after["staff_note"].params)["year"] == 2023


def test_a_corrected_total_changes_the_peer_ranking(client, samples, reviewer):
    haikou = Agency.objects.get(name=HAIKOU)
    correct(reviewer, HAIKOU, 2026, "figure:totals:expenditure", Decimal("800"))

    report = client.get(reverse("compare_peers"), {"agency": haikou.pk}).context["report"]

    assert report.subject.amounts[0].value == Decimal("800")
    assert report.subject.per_staff[0].value == Decimal("100.00")  # 800 / 8
    assert report.rows[0].disclosure.agency == HAIKOU


def test_a_new_publish_is_listed_at_once(client, samples, more_agencies):
    before = client.get(reverse("agency_list")).context["count"]

    more_agencies(1)

    assert client.get(reverse("agency_list")).context["count"] == before + 1
    assert listed(client, "测试社会保障卡中心0", 2010)["agency"] == "测试社会保障卡中心0"


def test_a_merge_moves_the_rows_to_the_agency_kept(client, samples, more_agencies):
    more_agencies(1)
    keep, absorb = Agency.objects.get(name=HAIKOU), Agency.objects.get(name="测试社会保障卡中心0")

    services.agency_merge(keep=keep, absorb=absorb)

    rows = DisclosureSummary.objects.filter(agency=keep)
    assert sorted(rows.values_list("year", flat=True)) == [2010, 2026]
    assert listed(client, HAIKOU, 2010)["agency"] == HAIKOU


def test_drafts_have_no_summary(samples, reviewer, sample_files):
    services.document_upload(
        files=[("draft.txt", sample_files["haikou-cardcenter-2026-budget.txt"] + b"\n\n")],
        user=reviewer,
        hints=services.Hints(agency="草稿单位"),
    )
    for document in Document.objects.filter(name="draft.txt"):
        services.document_parse(document_id=document.pk)
    assert Disclosure.objects.filter(agency__name="草稿单位", published_at__isnull=True).exists()

    assert not DisclosureSummary.objects.filter(disclosure__published_at__isnull=True).exists()
    assert DisclosureSummary.objects.count() == Disclosure.objects.filter(is_current=True).count()


def test_rebuilding_every_summary_gives_the_rows_the_services_kept(samples, reviewer):
    correct(reviewer, FUZHOU, 2023, "figure:headcount:actual", Decimal(20))
    kept = list(DisclosureSummary.objects.order_by("pk").values())

    summaries_rebuild()

    assert list(DisclosureSummary.objects.order_by("pk").values()) == kept
