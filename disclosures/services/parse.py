"""The worker's side: claim a document, parse it, store what it says; and the sweep that
finds documents a dead worker left behind."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from disclosures import joint, records
from disclosures.models import Disclosure, DisclosureDocument, Document
from disclosures.parsing import ParseError
from disclosures.parsing.sandbox import parse_in_child, run_in_child
from disclosures.services.agencies import agency_match
from disclosures.services.common import TRANSIENT, ServiceError
from disclosures.services.drafts import disclosure_rebuild, draft_join, drafts_leave
from disclosures.services.upload import parse_enqueue

logger = logging.getLogger(__name__)
Status, Stage = Document.Status, Document.Stage
PAGE_COUNT = "disclosures.pages:page_count"  # run_in_child's target


def document_parse(*, document_id: int) -> None:
    """Parse one document and store what it says. Safe to run twice, or after a crash."""
    if not _document_claim(document_id):
        _document_give_up(document_id)
        return
    try:
        with _heartbeat(document_id):
            _document_read(document_id)
    except (ParseError, ServiceError) as error:
        _document_fail(document_id, error.code, error.message)
    except SoftTimeLimitExceeded:
        _document_fail(document_id, "timeout", "parsing took longer than allowed")
    except TRANSIENT:
        raise
    except Exception as error:
        logger.exception("document %s: the parse stopped on an unexpected error", document_id)
        _document_fail(
            document_id, "internal", f"unexpected {type(error).__name__}; logged for the developers"
        )


def _document_claim(document_id: int) -> bool:
    """Count the attempt before it starts; a file that kills the worker runs out of them."""
    claimed = Document.objects.filter(
        pk=document_id,
        status__in=[Status.QUEUED, Status.PARSING],
        attempts__lt=settings.PARSE_MAX_ATTEMPTS,
    ).update(
        status=Status.PARSING,
        stage=Stage.OPENING,
        attempts=F("attempts") + 1,
        started_at=timezone.now(),
        alive_at=timezone.now(),
        finished_at=None,
        error_code="",
        error_message="",
    )
    return claimed == 1


@contextmanager
def _heartbeat(document_id: int) -> Iterator[None]:
    """While the block runs, note every PARSE_HEARTBEAT seconds that this worker is alive
    (from a thread: the parse itself runs in a child process and may not call back)."""
    done = threading.Event()

    def beat() -> None:
        try:
            while not done.wait(settings.PARSE_HEARTBEAT):
                Document.objects.filter(pk=document_id, status=Status.PARSING).update(
                    alive_at=timezone.now()
                )
        except TRANSIENT:
            logger.warning("document %s: no heartbeat, the database is away", document_id)
        finally:
            connection.close()  # the thread's own connection

    thread = threading.Thread(target=beat, name=f"heartbeat-{document_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join(10)


def _document_give_up(document_id: int) -> None:
    Document.objects.filter(
        pk=document_id,
        status__in=[Status.QUEUED, Status.PARSING],
        attempts__gte=settings.PARSE_MAX_ATTEMPTS,
    ).update(
        status=Status.FAILED,
        stage="",
        error_code="worker_lost",
        error_message=f"parsing stopped {settings.PARSE_MAX_ATTEMPTS} times without finishing; "
        "the file may crash the parser",
        finished_at=timezone.now(),
    )


def _document_fail(document_id: int, code: str, message: str) -> None:
    Document.objects.filter(pk=document_id, status=Status.PARSING).update(
        status=Status.FAILED,
        stage="",
        error_code=code[:32],
        error_message=" ".join(message.split())[:500],
        finished_at=timezone.now(),
    )


def _document_progress(document_id: int, stage: str, pages: int | None) -> None:
    # outside any transaction, so the upload page sees it while the parse goes on
    fields: dict[str, Any] = {"stage": stage}
    if pages:
        fields["pages"] = pages
    Document.objects.filter(pk=document_id, status=Status.PARSING).update(**fields)


def _document_read(document_id: int) -> None:
    document = Document.objects.get(pk=document_id)
    with document.file.open("rb") as stream:
        data = stream.read()
    _document_progress(document_id, Stage.EXTRACTING, _page_count(document, data))
    # in a child process with memory and time limits: a hostile file cannot take the worker down
    progress = _PagesRead(document_id)
    parsed = parse_in_child(data, document.name, progress=progress, **_child_limits())
    _document_progress(document_id, Stage.SAVING, parsed.pages)
    _document_save(document_id, records.from_disclosure(parsed))


class _PagesRead:
    """Writes 'page N of M' for the upload page, at most a few times a second."""

    EVERY = 0.5  # seconds

    def __init__(self, document_id: int) -> None:
        self.document_id, self.last = document_id, 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < self.EVERY:
            return
        self.last = now
        try:  # on the sandbox's reader thread: its own connection, closed after each write
            Document.objects.filter(pk=self.document_id, status=Status.PARSING).update(
                pages_read=done, pages=total
            )
        finally:
            connection.close()


def _child_limits() -> dict[str, Any]:
    # the child's clock stops before the task's soft limit, so a slow file ends as `timeout`
    return {
        "max_seconds": settings.PARSE_TIME_LIMIT * 0.9,
        "max_memory_mb": settings.PARSE_MAX_MEMORY_MB,
    }


def _page_count(document: Document, data: bytes) -> int | None:
    """A PDF's pages, counted first (in a child too), so the page shows how big the job is."""
    if document.format != Document.Format.PDF:
        return None
    counted = run_in_child(PAGE_COUNT, data, document.name, max_seconds=30, max_memory_mb=500)
    return counted.value if isinstance(counted.value, int) and counted.value > 0 else None


def _document_save(document_id: int, found: records.Record) -> None:
    """All or nothing: the records, the draft they feed and the status, in one transaction."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.status != Status.PARSING:
            return  # the sweep gave up on this attempt while it ran
        key = _disclosure_key(found["identity"], document)
        unchanged = document.records == found
        document.records = found
        document.pages = found.get("pages") or document.pages
        document.status, document.stage = Status.PARSED, ""
        document.finished_at = timezone.now()
        document.save()
        drafts_leave(document, key)
        current = Disclosure.objects.filter(**key, is_current=True, documents=document)
        if not (unchanged and current.exists()):
            disclosure_rebuild(disclosure=draft_join(document, key))


def _disclosure_key(identity: dict[str, Any], document: Document) -> dict[str, Any]:
    agency = document.agency_hint or identity.get("agency")
    year = document.year_hint or identity.get("year")
    kind = document.kind_hint or identity.get("kind")
    scope = document.scope_hint or identity.get("scope") or Disclosure.Scope.DEPARTMENT
    missing = [word for word, v in (("agency", agency), ("year", year), ("kind", kind)) if not v]
    if missing:
        raise ServiceError(
            "unidentified",
            f"the file does not say its {', '.join(missing)}; parse it again with them filled in",
        )
    region = identity.get("region") or {}
    return {
        "agency": agency_match(name=str(agency), region=region),
        "year": year,
        "kind": kind,
        "scope": scope,
    }


def disclosure_join(*, disclosure_id: int) -> None:
    """Read a draft's several files as one document, so the audit runs across them (a
    narrative contradicting a table in the other file). Safe to run twice; a failure
    keeps the files' own readings and is not retried until the files change."""
    links = DisclosureDocument.objects.filter(
        disclosure_id=disclosure_id, disclosure__published_at__isnull=True
    ).select_related("document")
    documents = [link.document for link in links.order_by("position")]
    if len(documents) < 2:
        return
    ids = [document.pk for document in documents]
    found = _joint_reading(documents) | {"documents": ids}
    with transaction.atomic():
        draft = Disclosure.objects.select_for_update().filter(pk=disclosure_id).first()
        current = list(links.order_by("position").values_list("document_id", flat=True))
        if draft is None or draft.is_published or current != ids:
            return  # published, or its files changed meanwhile (and that change asked again)
        draft.records = found
        draft.save(update_fields=["records"])
        disclosure_rebuild(disclosure=draft)


def _joint_reading(documents: list[Document]) -> records.Record:
    files = []
    for document in documents:
        with document.file.open("rb") as stream:
            files.append((document.pk, document.name, stream.read()))
    try:
        outcome = run_in_child(joint.TARGET, joint.pack(files), "joint", **_child_limits())
    except Exception as error:  # a bug in the child's answer: keep the files' own readings
        logger.exception("disclosure of %s: the joint reading failed", [d.pk for d in documents])
        return {"error": f"internal: {type(error).__name__}"}
    if outcome.error is not None:
        return {"error": f"{outcome.error.code}: {outcome.error.message}"}
    if not isinstance(outcome.value, dict):  # the child's answer, checked before it is kept
        logger.error(
            "disclosure of %s: the joint reading gave no records", [d.pk for d in documents]
        )
        return {"error": "internal: the joint reading gave no records"}
    return outcome.value


@dataclass(frozen=True)
class SweepResult:
    requeued: list[int]
    failed: list[int]


def documents_sweep(
    *, stale_after: timedelta | None = None, lost_after: timedelta | None = None
) -> SweepResult:
    """Documents a dead worker left in `parsing`, or whose message the broker lost."""
    now = timezone.now()
    if stale_after is None:  # a worker misses a few heartbeats only when it is dead
        stale_after = timedelta(seconds=settings.PARSE_STALE_AFTER)
    if lost_after is None:
        lost_after = timedelta(hours=1)
    requeued, failed = [], []
    with transaction.atomic():
        # skip_locked: a document being saved right now is alive, whatever its start time
        quiet = Q(alive_at__lt=now - stale_after) | Q(
            alive_at__isnull=True, started_at__lt=now - stale_after
        )
        stale = Document.objects.select_for_update(skip_locked=True).filter(
            quiet, status=Status.PARSING
        )
        for document in stale:
            if document.attempts >= settings.PARSE_MAX_ATTEMPTS:
                failed.append(document.pk)
            else:
                requeued.append(document.pk)
        Document.objects.filter(pk__in=requeued).update(
            status=Status.QUEUED, stage="", queued_at=now
        )
        for pk in failed:
            _document_give_up(pk)
        lost = Document.objects.select_for_update(skip_locked=True).filter(
            status=Status.QUEUED, queued_at__lt=now - lost_after
        )
        lost_ids = list(lost.values_list("pk", flat=True))
        Document.objects.filter(pk__in=lost_ids).update(queued_at=now)
        for pk in requeued + lost_ids:
            parse_enqueue(pk)
    return SweepResult(requeued + lost_ids, failed)
