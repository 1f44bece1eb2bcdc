"""Uploads: each file checked at the door, kept under its hash, and queued for the worker."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from disclosures import intake, wording
from disclosures.models import Document
from disclosures.services.common import User, send_on_commit

Status = Document.Status
STORED_SUFFIX = {"pdf": ".pdf", "xlsx": ".xlsx", "docx": ".docx", "text": ".txt"}


@dataclass(frozen=True)
class Hints:
    """What the uploader states about a file; it wins over what the parse guessed."""

    agency: str = ""
    year: int | None = None
    kind: str = ""
    scope: str = ""

    def fields(self) -> dict[str, Any]:
        return {
            "agency_hint": self.agency.strip(),
            "year_hint": self.year,
            "kind_hint": self.kind,
            "scope_hint": self.scope,
        }


@dataclass(frozen=True)
class UploadOutcome:
    name: str
    state: str  # "new", "duplicate" or "refused"
    document: Document | None = None
    reason: str = ""  # in English; `refusal` says it in the reader's language
    code: str = ""

    @property
    def refusal(self) -> str:
        return wording.refusal_text(self.code, self.reason)


def upload_limits() -> intake.Limits:
    return intake.Limits(
        file_bytes=settings.UPLOAD_MAX_FILE_MB * 2**20,
        files=settings.UPLOAD_MAX_FILES,
        archive_bytes=settings.UPLOAD_MAX_ARCHIVE_MB * 2**20,
        ratio=settings.UPLOAD_MAX_RATIO,
    )


def document_upload(
    *, files: Iterable[tuple[str, bytes]], user: User, hints: Hints | None = None
) -> list[UploadOutcome]:
    """Keep each acceptable file (zips expanded) and queue it; a known file is not parsed again."""
    limits = upload_limits()
    admitted = [out for name, data in files for out in intake.admit(name, data, limits)]
    outcomes = []
    for number, item in enumerate(admitted):
        if isinstance(item, intake.Refused):
            outcomes.append(UploadOutcome(item.name, "refused", reason=item.reason, code=item.code))
        elif number >= limits.files:
            reason = "too many files at once"
            outcomes.append(UploadOutcome(item.name, "refused", reason=reason, code="too_many"))
        else:
            outcomes.append(_document_store(item, user, hints or Hints()))
    return outcomes


def _document_store(item: intake.Accepted, user: User, hints: Hints) -> UploadOutcome:
    sha256 = hashlib.sha256(item.data).hexdigest()
    existing = Document.objects.filter(sha256=sha256).first()
    if existing is not None:
        return UploadOutcome(item.name, "duplicate", existing)
    # named by content: the same bytes always land on the same name
    path = f"originals/{sha256[:2]}/{sha256}{STORED_SUFFIX.get(item.format, '.bin')}"
    if not default_storage.exists(path):
        path = default_storage.save(path, ContentFile(item.data))
    uploader = user if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            document = Document.objects.create(
                file=path,
                name=item.name[:255],
                sha256=sha256,
                size=len(item.data),
                format=item.format,
                uploaded_by=uploader,
                **hints.fields(),
            )
            parse_enqueue(document.pk)
    except IntegrityError:  # the same file arrived from someone else a moment ago
        return UploadOutcome(item.name, "duplicate", Document.objects.get(sha256=sha256))
    return UploadOutcome(item.name, "new", document)


def parse_enqueue(document_id: int) -> None:
    send_on_commit("document_parse", document_id)


def document_enqueue(*, document: Document) -> None:
    """Send a queued document's message again (one that was lost); a spare one is harmless."""
    if document.status == Status.QUEUED:
        parse_enqueue(document.pk)


def document_reparse(*, document: Document, hints: Hints | None = None) -> bool:
    """Parse a finished document again (a better parser, or hints); False if it is not done."""
    fields = hints.fields() if hints is not None else {}
    with transaction.atomic():
        updated = Document.objects.filter(
            pk=document.pk, status__in=[Status.PARSED, Status.FAILED]
        ).update(
            status=Status.QUEUED,
            stage="",
            attempts=0,
            error_code="",
            error_message="",
            queued_at=timezone.now(),
            started_at=None,
            finished_at=None,
            **fields,
        )
        if updated:
            parse_enqueue(document.pk)
    return bool(updated)
