"""Drafts: which files feed which version, and how a version's rows are built from its
files' records.

A draft's rows are never edited in place: they are rebuilt from the records of its files
and the reviewers' corrections are applied again on top. A draft of several files (the
narrative in one, the tables in another) is read once more as one document in the worker
(disclosure_join), so that the audit runs across them; until then each file's own
reading serves, the earlier file winning a value both give. So a file added, a parse run again or a correction made all end in the
same rows whatever the order they came in.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Max

from disclosures import joint
from disclosures.models import (
    Disclosure,
    DisclosureDocument,
    Document,
    Figure,
    Finding,
    LineItem,
    StatedChange,
)
from disclosures.records import AMOUNTS, Record
from disclosures.services.common import send_on_commit
from disclosures.values import Address, level_of

ROW_MODELS = (LineItem, Figure, Finding, StatedChange)


def disclosure_rebuild(*, disclosure: Disclosure) -> None:
    if disclosure.is_published:
        raise ValueError("a published version is not rebuilt; a new draft is made instead")
    for model in ROW_MODELS:
        model.objects.filter(disclosure=disclosure).delete()
    rows: dict[type, dict[Any, Any]] = {model: {} for model in ROW_MODELS}
    tables: list[str] = []
    links = DisclosureDocument.objects.filter(disclosure=disclosure).select_related("document")
    documents = {link.document_id: link.document for link in links.order_by("position")}
    for found, document in _readings(disclosure, documents):
        _rows_from(found, document, documents, disclosure, rows)
        tables += [t for t in found.get("tables", []) if t not in tables]
    for model, by_key in rows.items():
        model.objects.bulk_create(by_key.values())
    disclosure.tables = tables
    disclosure.save(update_fields=["tables"])
    _corrections_apply(disclosure)


def _readings(
    disclosure: Disclosure, documents: dict[int, Document]
) -> list[tuple[Record, Document]]:
    """What the rows come from: the files read as one, when that reading covers exactly
    these files; until then (or if it failed) each file's own reading, the earlier first."""
    first = next(iter(documents.values()), None)
    joint = disclosure.records or {}
    covers = len(documents) > 1 and joint.get("documents") == list(documents)
    if covers and "error" not in joint and first is not None:
        return [(joint, first)]
    if len(documents) > 1 and not covers:
        send_on_commit("disclosure_join", disclosure.pk)
    return [(document.records or {}, document) for document in documents.values()]


def _rows_from(
    found: Record,
    document: Document,
    documents: dict[int, Document],
    disclosure: Disclosure,
    rows: dict[type, dict],
) -> None:
    """Records as unsaved rows, where no earlier reading gave them already."""

    def source(record: Record) -> dict[str, Any]:
        # a figure read from several files names its own; otherwise it is this document's
        own = documents.get(joint.document_id(record["source"].get("file")) or 0, document)
        return _source(own, record["source"])

    for r in found.get("figures", []):
        rows[Figure].setdefault(
            (r["group"], r["key"]),
            Figure(
                disclosure=disclosure,
                group=r["group"],
                key=r["key"],
                value=Decimal(r["value"]),
                **source(r),
            ),
        )
    for r in found.get("items", []):
        rows[LineItem].setdefault(
            (r["classification"], r["scope"], r["code"]), _item(disclosure, r, source(r))
        )
    for r in found.get("findings", []):
        rows[Finding].setdefault(
            (r["rule"], r["where"], r["message"]),
            Finding(
                disclosure=disclosure,
                severity=r["severity"],
                rule=r["rule"][:60],
                where=r["where"][:200],
                message=r["message"],
                # parses from before findings named their sentence have neither
                message_id=r.get("message_id", ""),
                params=r.get("params", {}),
                **source(r),
            ),
        )
    for r in found.get("changes", []):
        rows[StatedChange].setdefault(
            (r["subject"], r["current"], r["delta"]), _change(disclosure, r, source(r))
        )


def _item(disclosure: Disclosure, r: Record, source: dict[str, Any]) -> LineItem:
    return LineItem(
        disclosure=disclosure,
        classification=r["classification"],
        scope=r["scope"],
        code=r["code"],
        name=r["name"][:200],
        level=level_of(r["code"]),
        known=r["known"],
        **{name: _money(r[name]) for name in AMOUNTS},
        **source,
    )


def _change(disclosure: Disclosure, r: Record, source: dict[str, Any]) -> StatedChange:
    return StatedChange(
        disclosure=disclosure,
        subject=r["subject"][:100],
        current=Decimal(r["current"]),
        delta=Decimal(r["delta"]),
        percent=_money(r["percent"]),
        reason=r["reason"] or "",
        **source,
    )


def _money(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _source(document: Document, source: Record) -> dict[str, Any]:
    return {
        "document": document,
        "page": source.get("page") or None,
        "table_label": (source.get("table") or "")[:300],
        "row_label": (source.get("row") or "")[:300],
        "column_label": (source.get("column") or "")[:200],
        "box": source.get("box"),
        "sentence": source.get("sentence") or "",
    }


def _corrections_apply(disclosure: Disclosure) -> None:
    latest = {c.address: c.new_value for c in disclosure.corrections.order_by("corrected_at", "id")}
    for address, value in latest.items():
        value_set(disclosure, Address.parse(address), value)


def change_at(disclosure: Disclosure, where: Address) -> StatedChange | None:
    """The n-th change stated of this subject, in the order the document was read (a
    rebuild keeps it)."""
    changes = disclosure.changes.filter(subject=where.key).order_by("id")
    return changes[int(where.group) - 1 : int(where.group)].first()


def value_get(disclosure: Disclosure, where: Address) -> Decimal | None:
    if where.kind == "change":
        change = change_at(disclosure, where)
        return None if change is None else getattr(change, where.amount)
    if where.kind == "figure":
        figure = disclosure.figures.filter(group=where.group, key=where.key).first()
        return None if figure is None else figure.value
    item = disclosure.items.filter(
        classification=where.group, scope=where.scope, code=where.key
    ).first()
    return None if item is None else getattr(item, where.amount)


def value_set(disclosure: Disclosure, where: Address, value: Decimal | None) -> None:
    """Set one value; a figure the document lacks is added, one taken away is removed."""
    if where.kind == "change":
        change = change_at(disclosure, where)
        if change is not None and (value is not None or where.amount == "percent"):
            StatedChange.objects.filter(pk=change.pk).update(**{where.amount: value})
        return
    if where.kind == "item":
        disclosure.items.filter(
            classification=where.group, scope=where.scope, code=where.key
        ).update(**{where.amount: value})
        return
    figures = disclosure.figures.filter(group=where.group, key=where.key)
    if value is None:
        figures.delete()
    elif not figures.update(value=value):
        Figure.objects.create(disclosure=disclosure, group=where.group, key=where.key, value=value)


def drafts_leave(document: Document, key: dict[str, Any]) -> None:
    """A parse run again may read another agency or year: leave the drafts it no longer feeds."""
    for draft in document.disclosures.filter(published_at__isnull=True).exclude(**key):
        DisclosureDocument.objects.filter(disclosure=draft, document=document).delete()
        if draft.documents.exists():
            disclosure_rebuild(disclosure=draft)
        else:
            draft.delete()


def draft_join(document: Document, key: dict[str, Any]) -> Disclosure:
    """The draft for this key, made from the current version if there is none, with the file in it."""
    draft, _ = draft_open(key)
    links = DisclosureDocument.objects.filter(disclosure=draft)
    if not links.filter(document=document).exists():
        position = (links.aggregate(top=Max("position"))["top"] or 0) + 1
        DisclosureDocument.objects.create(disclosure=draft, document=document, position=position)
    return draft


def draft_open(key: dict[str, Any]) -> tuple[Disclosure, bool]:
    """The draft for this key, and whether it is new: made from the current version, whose
    files and corrections it carries, if there is none. Call it in a transaction."""
    draft = Disclosure.objects.select_for_update().filter(**key, published_at__isnull=True).first()
    if draft is not None:
        return draft, False
    latest = Disclosure.objects.filter(**key).aggregate(top=Max("version"))["top"] or 0
    draft = Disclosure.objects.create(**key, version=latest + 1)
    current = Disclosure.objects.filter(**key, is_current=True).first()
    if current is not None:
        version_carry(current, draft)
    return draft, True


def version_carry(current: Disclosure, draft: Disclosure) -> None:
    """A new version keeps the files, their joint reading and the corrections of the one
    it will replace."""
    draft.records = current.records
    draft.save(update_fields=["records"])
    for link in DisclosureDocument.objects.filter(disclosure=current):
        DisclosureDocument.objects.create(
            disclosure=draft, document_id=link.document_id, position=link.position
        )
    for correction in current.corrections.all():
        correction.pk = None
        correction.disclosure = draft
        correction.save()
