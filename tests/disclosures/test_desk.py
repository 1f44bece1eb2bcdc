"""The reviewer's desk: the queue of drafts, most flagged first, where reviewers land;
and corrections of published data made as a newspaper makes them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from disclosures import desk, services
from disclosures.models import Disclosure, Document, Finding

pytestmark = pytest.mark.django_db
EXPENDITURE = "figure:totals:expenditure"
STAFF = "figure:headcount:actual"


@pytest.fixture
def drafts(journalist, samples, upload_and_parse):
    return [o.document.disclosures.get() for o in upload_and_parse(journalist, *samples[:3])]


def test_the_queue_puts_a_doubted_reading_first_then_the_most_errors(drafts):
    quiet, erring, doubted = drafts
    Finding.objects.filter(disclosure__in=drafts).delete()
    for severity in ("error", "error", "warning"):
        Finding.objects.create(disclosure=erring, severity=severity, rule="r", message="m")
    Finding.objects.create(disclosure=quiet, severity="warning", rule="r", message="m")
    document = doubted.documents.get()
    document.records = {**document.records, "needs_review": ["表3: 2 of 9 identities fail"]}
    document.save(update_fields=["records"])

    queue = desk.desk_queue()

    assert [w.disclosure for w in queue] == [doubted, erring, quiet]
    assert queue[0].doubts == ["表3: 2 of 9 identities fail"]
    assert (queue[1].errors, queue[1].warnings, queue[1].infos) == (2, 1, 0)


def test_a_published_disclosure_leaves_the_queue(drafts, reviewer):
    services.disclosure_publish(disclosure=drafts[0], user=reviewer)

    assert drafts[0] not in [w.disclosure for w in desk.desk_queue()]


def test_a_reviewer_lands_on_the_desk_after_logging_in(client, reviewer, drafts):
    response = client.post(
        reverse("login"), {"username": "reviewer", "password": "pw-r-1234"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("desk")
    page = response.content.decode()
    assert all(reverse("disclosure", args=[d.pk]) in page for d in drafts)


def test_visitors_and_journalists_see_no_desk_or_admin_link(client, journalist):
    for who in (None, journalist):
        if who is not None:
            client.force_login(who)
        page = client.get(reverse("disclosure_list")).content.decode()
        assert reverse("desk") not in page
        assert reverse("admin:index") not in page


@pytest.fixture
def published(parsed, reviewer):
    _, draft = parsed
    services.disclosure_publish(disclosure=draft, user=reviewer)
    draft.refresh_from_db()
    return draft


def correct(disclosure, user, address=EXPENDITURE, value="123.45", reason="表1合计为123.45"):
    return services.value_correct(
        disclosure=disclosure, address=address, value=Decimal(value), reason=reason, user=user
    )


def test_correcting_a_published_version_makes_a_draft_and_leaves_the_public_one(
    published, reviewer
):
    before = published.figures.get(key="expenditure", group="totals").value

    correction = correct(published, reviewer)

    draft = correction.disclosure
    assert draft.pk != published.pk and not draft.is_published
    assert draft.version == published.version + 1
    assert draft.figures.get(group="totals", key="expenditure").value == Decimal("123.45")
    assert correction.old_value == before
    assert published.figures.get(group="totals", key="expenditure").value == before
    assert not published.corrections.exists()
    # its rows are the published one's, from the same file
    assert list(draft.documents.all()) == list(published.documents.all())
    assert draft.items.count() == published.items.count()


def test_publishing_the_correction_notes_it_and_keeps_the_previous_version(
    client, published, reviewer
):
    before = published.figures.get(key="expenditure", group="totals").value
    draft = correct(published, reviewer).disclosure
    services.disclosure_publish(disclosure=draft, user=reviewer)

    current = client.get(reverse("disclosure", args=[draft.pk])).content.decode()
    previous = client.get(reverse("disclosure", args=[published.pk]))

    assert "更正" in current and "表1合计为123.45" in current
    assert f"{before:,.2f} 万元 改为 123.45 万元" in current
    assert reverse("disclosure", args=[published.pk]) in current
    assert previous.status_code == 200
    assert f"{before:,.2f}" in previous.content.decode()
    assert reverse("disclosure", args=[draft.pk]) in previous.content.decode()  # the current one


def test_the_note_is_in_the_readers_language(published, reviewer):
    draft = correct(published, reviewer).disclosure
    services.disclosure_publish(disclosure=draft, user=reviewer)
    [note] = desk.corrections_noted(Disclosure.objects.get(pk=draft.pk))

    with translation.override("en"):
        english = str(desk.value_name(note.correction.address))
    with translation.override("zh-hans"):
        chinese = str(desk.value_name(note.correction.address))

    assert (chinese, english) == ("支出总计", "Total spending")


def test_a_correction_made_before_the_first_publishing_is_no_public_note(parsed, reviewer):
    _, draft = parsed
    correct(draft, reviewer)
    services.disclosure_publish(disclosure=draft, user=reviewer)

    assert desk.corrections_noted(Disclosure.objects.get(pk=draft.pk)) == []


def test_a_headcount_is_corrected_and_shown_in_people(client, published, reviewer):
    client.force_login(reviewer)
    address = STAFF
    response = client.post(
        reverse("disclosure_correct", args=[published.pk]),
        {"address": address, "value": "300", "reason": "人员表"},
    )
    draft = Disclosure.objects.get(published_at__isnull=True)
    page = client.get(response.url).content.decode()

    assert draft.figures.get(group="headcount", key="actual").value == 300
    assert "300 人" in page and "300.00 万元" not in page
    assert "改为（人" in page


def test_a_headcount_with_a_fraction_is_refused(client, published, reviewer):
    client.force_login(reviewer)

    client.post(
        reverse("disclosure_correct", args=[published.pk]),
        {"address": STAFF, "value": "30.5", "reason": "人员表"},
    )

    assert not Disclosure.objects.filter(published_at__isnull=True).exists()


def test_a_new_file_and_a_correction_share_one_draft(published, reviewer, sample, upload_and_parse):
    draft = correct(published, reviewer).disclosure
    [outcome] = upload_and_parse(reviewer, ("reissued.txt", sample[1] + b"\n"))

    assert outcome.document.disclosures.get() == draft
    assert Document.objects.count() == 2
    assert draft.figures.get(group="totals", key="expenditure").value == Decimal("123.45")


@pytest.mark.parametrize(
    ("sentence", "value", "marked"),
    [
        ("支出预算1662.44万元，其中…", "1662.44", "1662.44"),
        ("收入合计11,662.40万元。", "11662.4", "11,662.40"),
        ("比上年增加21662.44万元，当年支出1662.44万元", "1662.44", "1662.44"),
        ("实有人数8人。", "8", "8"),
        ("政府采购预算16624400元。", "1662.44", "16624400"),
    ],
)
def test_a_figure_is_outlined_where_its_sentence_states_it(sentence, value, marked):
    before, found, after = desk.sentence_marked(sentence, Decimal(value))

    assert found == marked and before + found + after == sentence
    assert not before[-1:].isdigit()


def test_a_figure_its_sentence_does_not_state_is_not_outlined():
    assert desk.sentence_marked("支出预算1662.45万元", Decimal("1662.44")) is None


@pytest.mark.parametrize(
    ("value", "address", "zh", "en"),
    [
        ("300.000000", STAFF, "300 人", "300 people"),
        ("17996.680000", EXPENDITURE, "17,996.68 万元", "17,996.68 (10,000 yuan)"),
        ("9101.677535", EXPENDITURE, "9,101.677535 万元", "9,101.677535 (10,000 yuan)"),
        (None, STAFF, "未给出", "not stated"),
    ],
)
def test_a_value_is_shown_in_its_own_unit(value, address, zh, en):
    value = None if value is None else Decimal(value)
    with translation.override("zh-hans"):
        assert desk.value_shown(value, address) == zh
    with translation.override("en"):
        assert desk.value_shown(value, address) == en


def test_a_stated_percentage_is_corrected_and_shown_in_percent(client, published, reviewer):
    change = published.changes.exclude(percent=None).last()
    same = list(published.changes.filter(subject=change.subject).order_by("id"))
    address = f"change:{same.index(change) + 1}:{change.subject}:percent"
    client.force_login(reviewer)

    response = client.post(
        reverse("disclosure_correct", args=[published.pk]),
        {"address": address, "value": "12.5", "reason": "正文第2页"},
    )
    draft = Disclosure.objects.get(published_at__isnull=True)
    page = client.get(response.url).content.decode()

    corrected = list(draft.changes.filter(subject=change.subject).order_by("id"))
    assert corrected[same.index(change)].percent == Decimal("12.5")
    assert [c.percent for c in corrected if c != corrected[same.index(change)]] == [
        c.percent for c in same if c != change
    ]
    assert published.changes.get(pk=change.pk).percent == change.percent
    assert "12.5%" in page and "12.50 万元" not in page
    assert "改为（%" in page
    services.disclosure_publish(disclosure=draft, user=reviewer)
    [note] = desk.corrections_noted(Disclosure.objects.get(pk=draft.pk))
    assert note.new == "12.5%" and note.name.startswith(change.subject)


def test_a_long_queue_shows_the_most_flagged_ones(drafts):
    quiet, _, doubted = drafts
    document = doubted.documents.get()
    document.records = {**document.records, "needs_review": ["no spending total was read"]}
    document.save(update_fields=["records"])

    assert [w.disclosure for w in desk.desk_queue(limit=1)] == [doubted]
