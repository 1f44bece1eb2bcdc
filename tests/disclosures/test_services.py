"""Uploads, the parse the worker runs, and the sweep; called directly, on PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError
from django.utils import timezone

from disclosures import records, services, tasks
from disclosures.models import Disclosure, Document
from disclosures.parsing import ParseError, parse_bytes, parse_many
from disclosures.parsing.sandbox import Outcome

pytestmark = pytest.mark.django_db
NOT_A_DISCLOSURE = "会议纪要\n今天讨论了工作安排。\n".encode()


@pytest.fixture
def sent(monkeypatch):
    """The ids of the parse tasks sent to the broker."""
    ids: list[int] = []
    monkeypatch.setattr(tasks.document_parse, "delay", ids.append)
    return ids


def test_an_upload_keeps_the_original_and_queues_it_once_committed(
    journalist, sample, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [outcome] = services.document_upload(files=[sample], user=journalist)

    document = outcome.document
    assert outcome.state == "new"
    assert (document.status, document.format, document.size) == ("queued", "text", len(sample[1]))
    assert document.file.read() == sample[1]
    assert document.uploaded_by == journalist
    assert sent == [document.pk]


def test_the_same_file_twice_is_recognised_and_not_parsed_again(
    journalist, reviewer, sample, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [first] = services.document_upload(files=[sample], user=journalist)
        [second] = services.document_upload(files=[("renamed.txt", sample[1])], user=reviewer)

    assert second.state == "duplicate"
    assert second.document == first.document
    assert Document.objects.count() == 1
    assert sent == [first.document.pk]


def test_a_file_the_door_refuses_leaves_nothing_behind(journalist):
    [outcome] = services.document_upload(
        files=[("x.pdf", b"MZ\x90\x00" + bytes(range(256)))], user=journalist
    )

    assert outcome.state == "refused"
    assert not Document.objects.exists()


def test_a_broker_that_is_down_does_not_lose_the_upload(
    journalist, sample, monkeypatch, django_capture_on_commit_callbacks
):
    def down(document_id):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.document_parse, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        [outcome] = services.document_upload(files=[sample], user=journalist)

    assert Document.objects.get().status == "queued"  # the sweep sends it again


def test_a_parse_stores_what_the_parser_read(real_sandbox, parsed, sample):
    document, disclosure = parsed
    expected = parse_bytes(sample[1], source=sample[0])

    assert document.status == "parsed" and document.attempts == 1
    assert document.records == records.from_disclosure(expected) | {"format": records.FORMAT}
    assert disclosure.agency.name == expected.agency
    assert (disclosure.year, disclosure.kind, disclosure.scope) == (
        expected.year,
        expected.kind,
        expected.scope,
    )
    assert disclosure.figures.get(group="totals", key="expenditure").value == (
        expected.totals["expenditure"].value
    )
    assert disclosure.items.count() == len(expected.functional) + len(expected.economic)
    assert disclosure.findings.count() == len(
        {(f.rule, f.where, f.message) for f in expected.findings}
    )
    assert not disclosure.is_published


def test_running_the_parse_twice_leaves_the_same_rows(parsed, stored_rows):
    document, disclosure = parsed
    before = stored_rows(disclosure)

    services.document_parse(document_id=document.pk)  # a duplicate message: nothing to do
    Document.objects.filter(pk=document.pk).update(status="queued")
    services.document_parse(document_id=document.pk)  # parsed again from scratch

    assert stored_rows(disclosure) == before
    assert Disclosure.objects.count() == 1
    assert Document.objects.get().status == "parsed"


def test_a_file_that_is_no_disclosure_fails_with_its_code_and_is_kept(
    journalist, upload_and_parse, real_sandbox
):
    [outcome] = upload_and_parse(journalist, ("minutes.txt", NOT_A_DISCLOSURE))

    document = outcome.document
    assert (document.status, document.error_code) == ("failed", "not_a_disclosure")
    assert document.error_message and "\n" not in document.error_message
    assert document.file.read() == NOT_A_DISCLOSURE


def test_a_truncated_pdf_fails_as_a_damaged_file_not_as_a_bug(
    journalist, upload_and_parse, real_sandbox, realdoc
):
    name, data = realdoc("js_renda_2018_dept-budget.pdf")
    [outcome] = upload_and_parse(journalist, ("cut.pdf", data[: len(data) // 3]))

    document = outcome.document
    assert (document.status, document.error_code) == ("failed", "corrupt")
    assert "PDF" in document.error_message and "\n" not in document.error_message


def test_an_unexpected_error_is_logged_and_fails_the_document(
    journalist, sample, monkeypatch, caplog
):
    def broken(data, source="", **limits):
        raise KeyError("a bug")

    monkeypatch.setattr("disclosures.services.parse.parse_in_child", broken)
    [outcome] = services.document_upload(files=[sample], user=journalist)

    services.document_parse(document_id=outcome.document.pk)

    outcome.document.refresh_from_db()
    assert (outcome.document.status, outcome.document.error_code) == ("failed", "internal")
    assert "KeyError" in caplog.text


def test_a_parse_over_its_time_fails_as_a_timeout(journalist, sample, monkeypatch):
    def slow(data, source="", **limits):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr("disclosures.services.parse.parse_in_child", slow)
    [outcome] = services.document_upload(files=[sample], user=journalist)

    services.document_parse(document_id=outcome.document.pk)

    assert Document.objects.get().error_code == "timeout"


def test_a_lost_database_connection_is_left_for_the_retry(journalist, sample, monkeypatch):
    def gone(data, source="", **limits):
        raise OperationalError("server closed the connection")

    monkeypatch.setattr("disclosures.services.parse.parse_in_child", gone)
    [outcome] = services.document_upload(files=[sample], user=journalist)

    with pytest.raises(OperationalError):
        services.document_parse(document_id=outcome.document.pk)
    assert Document.objects.get().status == "parsing"


def test_attempts_are_counted_before_they_start_and_capped(
    journalist, sample, settings, monkeypatch
):
    calls = []
    monkeypatch.setattr(
        "disclosures.services.parse.parse_in_child", lambda *a, **k: calls.append(a)
    )
    [outcome] = services.document_upload(files=[sample], user=journalist)
    # every earlier attempt died with its worker, leaving the document in `parsing`
    Document.objects.filter(pk=outcome.document.pk).update(
        status="parsing", attempts=settings.PARSE_MAX_ATTEMPTS
    )

    services.document_parse(document_id=outcome.document.pk)

    document = Document.objects.get()
    assert (document.status, document.error_code) == ("failed", "worker_lost")
    assert calls == []


def test_the_sweep_requeues_or_fails_what_dead_workers_left(
    journalist, samples, settings, sent, django_capture_on_commit_callbacks
):
    outcomes = services.document_upload(files=samples[:4], user=journalist)
    stuck, hopeless, running, lost = (o.document for o in outcomes)
    long_ago = timezone.now() - timedelta(hours=2)
    Document.objects.filter(pk=stuck.pk).update(status="parsing", attempts=1, started_at=long_ago)
    Document.objects.filter(pk=hopeless.pk).update(
        status="parsing", attempts=settings.PARSE_MAX_ATTEMPTS, started_at=long_ago
    )
    Document.objects.filter(pk=running.pk).update(
        status="parsing", attempts=1, started_at=timezone.now()
    )
    Document.objects.filter(pk=lost.pk).update(queued_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        result = services.documents_sweep()

    status = dict(Document.objects.values_list("pk", "status"))
    assert status == {
        stuck.pk: "queued",
        hopeless.pk: "failed",
        running.pk: "parsing",
        lost.pk: "queued",
    }
    assert sorted(result.requeued) == sorted(sent) == sorted([stuck.pk, lost.pk])
    assert result.failed == [hopeless.pk]
    assert Document.objects.get(pk=hopeless.pk).error_code == "worker_lost"


def test_a_file_that_does_not_say_its_agency_is_parsed_again_with_hints(
    reviewer, realdoc, upload_and_parse
):
    [outcome] = upload_and_parse(
        reviewer, realdoc("TEMPLATE_shanghai_2024_dept-final-template.pdf")
    )
    assert outcome.document.error_code == "unidentified"

    services.document_reparse(
        document=outcome.document, hints=services.Hints(agency="上海市某区某局", year=2024)
    )
    services.document_parse(document_id=outcome.document.pk)

    disclosure = Disclosure.objects.get()
    assert (disclosure.agency.name, disclosure.year, disclosure.kind) == (
        "上海市某区某局",
        2024,
        "final_accounts",
    )


def test_tables_and_narrative_published_apart_make_one_disclosure(
    journalist, realdoc, upload_and_parse
):
    tables = realdoc("js_renda_2019_dept-budget-tables.pdf")
    text = realdoc("js_renda_2019_dept-budget-text.pdf")

    first, second = upload_and_parse(journalist, tables, text)

    disclosure = Disclosure.objects.get()
    assert list(disclosure.documents.order_by("disclosuredocument__position")) == [
        first.document,
        second.document,
    ]
    from_tables = {(f["group"], f["key"]): f["value"] for f in first.document.records["figures"]}
    from_text = {(f["group"], f["key"]): f["value"] for f in second.document.records["figures"]}
    stored = {(f.group, f.key): (f.value, f.document_id) for f in disclosure.figures.all()}
    assert set(stored) == set(from_tables) | set(from_text)
    for key, value in from_tables.items():  # the first file wins a value both give
        assert stored[key] == (Decimal(value), first.document.pk)
    for key in set(from_text) - set(from_tables):
        assert stored[key] == (Decimal(from_text[key]), second.document.pk)


@pytest.fixture
def two_files(journalist, realdoc, upload_and_parse):
    """A budget published as two files, the tables and the narrative, each parsed."""
    tables = realdoc("js_renda_2019_dept-budget-tables.pdf")
    text = realdoc("js_renda_2019_dept-budget-text.pdf")
    return [o.document for o in upload_and_parse(journalist, tables, text)], (tables, text)


def test_a_draft_of_several_files_asks_for_them_to_be_read_as_one(
    journalist, realdoc, upload_and_parse, monkeypatch, django_capture_on_commit_callbacks
):
    joins: list[int] = []
    monkeypatch.setattr(tasks.disclosure_join, "delay", joins.append)
    monkeypatch.setattr(tasks.document_parse, "delay", lambda pk: None)
    with django_capture_on_commit_callbacks(execute=True):
        upload_and_parse(journalist, realdoc("js_renda_2019_dept-budget-tables.pdf"))
        assert joins == []
        upload_and_parse(journalist, realdoc("js_renda_2019_dept-budget-text.pdf"))

    assert joins == [Disclosure.objects.get().pk]


def test_files_read_as_one_give_the_joint_audit_and_name_their_sources(two_files):
    documents, files = two_files
    disclosure = Disclosure.objects.get()

    services.disclosure_join(disclosure_id=disclosure.pk)

    joined = parse_many([(data, name) for name, data in files])
    disclosure.refresh_from_db()
    assert disclosure.records["documents"] == [d.pk for d in documents]
    stored = {(f.group, f.key): f for f in disclosure.figures.all()}
    for key, figure in joined.totals.items():
        row = stored[("totals", key)]
        assert row.value == figure.value
        assert row.document.name == figure.source.file and row.page == figure.source.page
    assert {f.message for f in disclosure.findings.all()} == {f.message for f in joined.findings}


def test_reading_the_files_as_one_twice_leaves_the_same_rows(two_files, stored_rows):
    disclosure = Disclosure.objects.get()
    services.disclosure_join(disclosure_id=disclosure.pk)
    before = stored_rows(disclosure)

    services.disclosure_join(disclosure_id=disclosure.pk)

    assert stored_rows(disclosure) == before


def test_a_joint_reading_that_fails_keeps_each_files_own_and_is_not_asked_again(
    two_files, stored_rows, monkeypatch, django_capture_on_commit_callbacks
):
    disclosure = Disclosure.objects.get()
    before = stored_rows(disclosure)
    failed = Outcome(error=ParseError("corrupt", "the files do not join"))
    monkeypatch.setattr("disclosures.services.parse.run_in_child", lambda *a, **k: failed)
    joins: list[int] = []
    monkeypatch.setattr(tasks.disclosure_join, "delay", joins.append)

    with django_capture_on_commit_callbacks(execute=True):
        services.disclosure_join(disclosure_id=disclosure.pk)

    disclosure.refresh_from_db()
    assert disclosure.records["error"] == "corrupt: the files do not join"
    assert stored_rows(disclosure) == before
    assert joins == []
