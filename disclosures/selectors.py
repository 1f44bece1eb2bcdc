"""Every read the views make. Who may see what is decided here, once:
published disclosures (and the files they came from) are public; drafts and the
documents behind them need the `view_*` permissions of roles.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.core.exceptions import BadRequest
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from disclosures import wording
from disclosures.models import (
    Agency,
    Correction,
    Disclosure,
    Document,
    Figure,
    LineItem,
    Sourced,
    StatedChange,
)
from disclosures.values import CHANGE_AMOUNTS, FIGURE_KEYS, Address, unit_of

FINISHED = {Document.Status.PARSED, Document.Status.FAILED}


# --- documents --------------------------------------------------------------------------


def documents_of(*, user: Any, limit: int = 100) -> QuerySet[Document]:
    return _documents().filter(uploaded_by=user)[:limit]


def documents_all(*, limit: int = 200) -> QuerySet[Document]:
    return _documents()[:limit]


def _documents() -> QuerySet[Document]:
    disclosures = Disclosure.objects.select_related("agency")
    return Document.objects.select_related("uploaded_by").prefetch_related(
        Prefetch("disclosures", queryset=disclosures)
    )


def documents_status(*, ids: list[int], user: Any) -> list[dict[str, Any]]:
    """What the upload page polls: one small dict a document, only the caller's own
    unless they may see every document."""
    found = _documents().filter(pk__in=ids[:200])
    if not user.has_perm("disclosures.view_document"):
        found = found.filter(uploaded_by=user.pk)
    return [document_status(document) for document in found]


def document_status(document: Document) -> dict[str, Any]:
    return {
        "id": document.pk,
        "status": document.status,
        "progress": document_progress(document),
        "error_code": document.error_code,
        "error_message": document.error_message,
        "done": document.status in FINISHED,
        "url": reverse("document", args=[document.pk]),
        "disclosures": [
            {"label": str(d), "url": reverse("disclosure", args=[d.pk])}
            for d in document.disclosures.all()
        ],
    }


def document_progress(document: Document) -> str:
    """One line, in the reader's language: 解析中 · 读取表格与文字 · 第 3/22 页."""
    parts = [document.get_status_display()]
    if document.status == Document.Status.PARSING and document.stage:
        parts.append(document.get_stage_display())
    if document.status == Document.Status.PARSING and document.pages and document.pages_read:
        parts.append(
            gettext("第 %(read)s/%(pages)s 页")
            % {"read": document.pages_read, "pages": document.pages}
        )
    elif document.pages:
        parts.append(
            ngettext("%(pages)s 页", "%(pages)s 页", document.pages) % {"pages": document.pages}
        )
    if document.status == Document.Status.FAILED:
        parts.append(f"{document.error_code}: {document.failure}")
    return " · ".join(parts)


def document_for(*, pk: int, user: Any) -> Document:
    """A document the user may see: any, with view_document; their own; or one behind a
    published disclosure. Otherwise 404, so a private file's existence is not revealed."""
    document = _documents().filter(pk=pk).first()
    if document is None:
        raise Http404("no such document")
    if (
        user.has_perm("disclosures.view_document")
        or (user.is_authenticated and document.uploaded_by_id == user.pk)
        or document.disclosures.filter(published_at__isnull=False).exists()
    ):
        return document
    raise Http404("no such document")


# --- disclosures ------------------------------------------------------------------------


def disclosures_published() -> QuerySet[Disclosure]:
    """What the public (and the comparisons) see: the current version of each."""
    return Disclosure.objects.filter(is_current=True).select_related("agency")


def disclosures_drafts() -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(published_at__isnull=True).select_related("agency")


def disclosure_for(*, pk: int, user: Any) -> Disclosure:
    disclosure = Disclosure.objects.select_related("agency", "published_by").filter(pk=pk).first()
    if disclosure is None or not (
        disclosure.is_published or user.has_perm("disclosures.view_disclosure")
    ):
        raise Http404("no such disclosure")
    return disclosure


def disclosure_sheet(disclosure: Disclosure) -> dict[str, Any]:
    """Everything the review page shows, each value with its address."""
    figures = {(f.group, f.key): f for f in disclosure.figures.all()}
    items = list(disclosure.items.all())
    findings = list(disclosure.findings.all())
    flagged = {f.where for f in findings if f.severity != "info"}
    corrected = set(disclosure.corrections.values_list("address", flat=True))
    return {
        "figures": [
            {
                "group": group,
                "rows": [
                    _figure_row(group, key, figures.get((group, key)), corrected) for key in keys
                ],
            }
            for group, keys in FIGURE_KEYS.items()
        ],
        "functional": [
            _item_row(i, corrected, flagged) for i in items if i.classification == "functional"
        ],
        "economic": [
            _item_row(i, corrected, flagged) for i in items if i.classification == "economic"
        ],
        "findings": findings,
        "changes": _change_rows(list(disclosure.changes.order_by("id")), corrected),
        "corrections": list(disclosure.corrections.select_related("corrected_by")),
        "documents": list(disclosure.documents.order_by("disclosuredocument__position")),
        "versions": list(
            Disclosure.objects.filter(
                agency=disclosure.agency,
                year=disclosure.year,
                kind=disclosure.kind,
                scope=disclosure.scope,
            ).order_by("version")
        ),
    }


def _figure_row(group: str, key: str, figure: Figure | None, corrected: set[str]) -> dict:
    address = str(Address("figure", group, key))
    return {
        "label": wording.figure_label(group, key),
        "address": address,
        "value": None if figure is None else figure.value,
        "corrected": address in corrected,
        "unit": unit_of(address),  # people, or money
    }


def _item_row(item: LineItem, corrected: set[str], flagged: set[str]) -> dict:
    def cell(amount: str) -> dict[str, Any]:
        address = str(Address("item", item.classification, item.code, item.scope, amount))
        return {
            "address": address,
            "value": getattr(item, amount),
            "corrected": address in corrected,
            "unit": "wan",
        }

    return {
        "item": item,
        "flagged": item.code in flagged,
        "cells": {amount: cell(amount) for amount in ("total", "basic", "project")},
    }


def _change_rows(changes: list[StatedChange], corrected: set[str]) -> list[dict]:
    """Each change with its cells, addressed by subject and which of that subject it is."""
    seen: dict[str, int] = {}
    rows = []
    for change in changes:
        seen[change.subject] = seen.get(change.subject, 0) + 1
        where = Address("change", str(seen[change.subject]), change.subject)
        cells = {}
        for amount in CHANGE_AMOUNTS:
            address = str(replace(where, amount=amount))
            cells[amount] = {
                "address": address,
                "value": getattr(change, amount),
                "corrected": address in corrected,
                "unit": unit_of(address),
            }
        rows.append({"change": change, "cells": cells})
    return rows


def value_focus(disclosure: Disclosure, focus: str) -> dict[str, Any] | None:
    """The value a reviewer clicked: where it was read, and its corrections."""
    if focus.startswith("finding:"):
        number = focus.removeprefix("finding:")
        # a finding's id is a bigint: anything else is a malformed link, not a lookup
        if not (number.isascii() and number.isdigit() and len(number) <= 18):
            raise BadRequest(gettext("focus 参数中的发现编号须为整数。"))
        finding = disclosure.findings.filter(pk=int(number)).first()
        return None if finding is None else {"finding": finding, **source_of(finding)}
    try:
        where = Address.parse(focus)
    except ValueError:
        return None
    row: Sourced | None
    if where.kind == "change":
        changes = disclosure.changes.filter(subject=where.key).order_by("id")
        row = changes[int(where.group) - 1 : int(where.group)].first()
        if row is None:
            return None
        value, label = getattr(row, where.amount), f"{row.subject} · {where.amount}"
    elif where.kind == "figure":
        row = disclosure.figures.filter(group=where.group, key=where.key).first()
        value = None if row is None else row.value
        label = wording.figure_label(where.group, where.key)
    else:
        row = disclosure.items.filter(
            classification=where.group, scope=where.scope, code=where.key
        ).first()
        if row is None:
            return None
        value = getattr(row, where.amount)
        label = f"{row.code} {row.name} · {wording.COLUMNS.get(where.amount, where.amount)}"
    history = Correction.objects.filter(disclosure=disclosure, address=str(where))
    return {
        "address": str(where),
        "label": label,
        "value": value,
        "history": list(history.select_related("corrected_by")),
        **source_of(row),
    }


def source_of(row: Sourced | None) -> dict[str, Any]:
    """Where a value came from, with the URL of its page image when the file is a PDF."""
    if row is None or row.document_id is None:
        return {"source": None}
    document = row.document
    image = None
    if document.format == Document.Format.PDF and row.page:
        image = reverse("document_page", args=[document.pk, row.page])
        if row.box:
            image += "?box=" + ",".join(f"{v:g}" for v in row.box)
    return {"source": row, "document": document, "image": image}


# --- agencies ---------------------------------------------------------------------------


def agencies_all() -> QuerySet[Agency]:
    return Agency.objects.prefetch_related("aliases")


# --- the importer (manage.py import_documents, load_samples) ----------------------------


def documents_finished(*, ids: list[int]) -> bool:
    return not Document.objects.filter(pk__in=ids).exclude(status__in=FINISHED).exists()


def documents_pending() -> int:
    """How many uploaded files are still queued or being parsed."""
    return Document.objects.exclude(status__in=FINISHED).count()


def documents_tally(*, ids: list[int]) -> dict[str, int]:
    """How many of these documents are in each status."""
    rows = (
        Document.objects.filter(pk__in=ids).order_by().values_list("status").annotate(n=Count("pk"))
    )
    return {status: n for status, n in rows}


def documents_failed(*, ids: list[int]) -> list[Document]:
    return list(Document.objects.filter(pk__in=ids, status=Document.Status.FAILED).order_by("pk"))


def drafts_unpublished(*, document_ids: list[int]) -> list[Disclosure]:
    return list(
        Disclosure.objects.filter(documents__in=document_ids, published_at__isnull=True)
        .distinct()
        .select_related("agency")
        .order_by("pk")
    )


def drafts_importable(
    *, document_ids: list[int], published: list[int], user: Any
) -> list[Disclosure]:
    """Drafts fed by these files that an import may publish: those whose agency, year, kind
    and scope were never published, or only by an import of these files, since a file read
    later makes a new version of what an earlier one began. An import's are the versions it
    published (`published`, their ids) and, for one cut short and run again, those `user`
    published of these files alone, with no reviewer's correction, in it or in the draft."""
    drafts = Disclosure.objects.filter(
        documents__in=document_ids, published_at__isnull=True
    ).distinct()
    # a draft holding a reviewer's correction of what was published is theirs to publish
    return [
        d
        for d in drafts
        if not d.corrections.exists() and not _published_by_others(d, document_ids, published, user)
    ]


def _published_by_others(
    draft: Disclosure, document_ids: list[int], published: list[int], user: Any
) -> bool:
    earlier = Disclosure.objects.filter(
        agency=draft.agency,
        year=draft.year,
        kind=draft.kind,
        scope=draft.scope,
        published_at__isnull=False,
    ).exclude(pk__in=published)
    return any(
        d.published_by_id != getattr(user, "pk", None)
        or d.corrections.exists()
        or not set(d.documents.values_list("pk", flat=True)) <= set(document_ids)
        for d in earlier
    )


def disclosures_current(*, ids: list[int]) -> int:
    """How many of these versions are their disclosure's current one."""
    return Disclosure.objects.filter(pk__in=ids, is_current=True).count()


def draft_read(draft: Disclosure) -> bool:
    """Its files have all been read, and read together when there are several (the join's
    records name them)."""
    documents = list(draft.documents.values_list("pk", "status"))
    read = all(status in FINISHED for _, status in documents)
    return read and (len(documents) < 2 or bool((draft.records or {}).get("documents")))


def drafts_never_published(*, document_ids: list[int]) -> list[Disclosure]:
    """Drafts fed by these files whose agency, year, kind and scope were never published."""
    drafts = Disclosure.objects.filter(
        documents__in=document_ids, published_at__isnull=True
    ).distinct()
    return [
        d
        for d in drafts
        if not Disclosure.objects.filter(
            agency=d.agency, year=d.year, kind=d.kind, scope=d.scope, published_at__isnull=False
        ).exists()
    ]
