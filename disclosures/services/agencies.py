"""Agencies: matched by name and alias when a parse names one; merged when one agency
turns out to have two names."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db import transaction
from django.db.models import Max

from disclosures.models import Agency, AgencyAlias, Disclosure, DisclosureDocument
from disclosures.parsing.regions import region_from_name
from disclosures.services.common import ServiceError
from disclosures.services.drafts import disclosure_rebuild
from disclosures.signals import published_changed

REGION_LEVELS = ("province", "city", "county")
# agency name fragment -> agency type; the first that matches wins
AGENCY_KINDS: tuple[tuple[str, str], ...] = (
    ("社会保障卡", "社保卡中心"),
    ("社保卡", "社保卡中心"),
    ("一卡通", "社保卡中心"),
    ("社会保险", "社保中心"),
    ("社保中心", "社保中心"),
    ("人力资源和社会保障", "人社部门"),
    ("财政局", "财政部门"),
    ("检察院", "检察院"),
    ("法院", "法院"),
    ("人大常委会", "人大"),
    ("政协", "政协"),
    ("街道办事处", "街道"),
    ("人民政府办公", "政府办公室"),
    ("商务", "商务部门"),
)


def agency_name(name: str) -> str:
    """Names compare after folding full-width forms and dropping blanks."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def agency_kind(name: str) -> str:
    return next((kind for fragment, kind in AGENCY_KINDS if fragment in name), "")


def agency_match(*, name: str, region: dict[str, Any]) -> Agency:
    """The agency of that name or alias, created the first time it is seen."""
    name = agency_name(name)
    alias = AgencyAlias.objects.filter(name=name).select_related("agency").first()
    if alias is not None:
        return alias.agency
    placed = _placed_agency(name, region)
    if placed is not None:
        return placed
    agency, _ = Agency.objects.get_or_create(
        name=name,
        defaults={
            "kind": agency_kind(name),
            "province": region.get("province") or "",
            "city": region.get("city") or "",
            "county": region.get("county") or "",
        },
    )
    return agency


def _placed_agency(name: str, region: dict[str, Any]) -> Agency | None:
    """The agency a name without its place means: 社会保险技术服务保障中心, given as a hint
    for a file from 福州, is 福州市社会保险技术服务保障中心 if that agency is known there
    (one agency, its name this one with a place in front), rather than a second agency."""
    if not any(region.get(level) for level in REGION_LEVELS) or _has_place(name):
        return None
    place = {level: region.get(level) or "" for level in REGION_LEVELS}
    found = [
        agency
        for agency in Agency.objects.filter(name__endswith=name, **place).exclude(name=name)
        if _has_place(agency.name.removesuffix(name))
    ]
    return found[0] if len(found) == 1 else None


def _has_place(text: str) -> bool:
    return any(getattr(region_from_name(text), level) for level in REGION_LEVELS)


def agency_merge(*, keep: Agency, absorb: Agency) -> Agency:
    """One agency under two names: the second's disclosures, names and units move over."""
    if keep.pk == absorb.pk:
        raise ServiceError("same_agency", "an agency cannot be merged into itself")
    with transaction.atomic():
        for disclosure in absorb.disclosures.order_by("year", "kind", "scope", "version"):
            _disclosure_move(disclosure, keep)
        absorb.units.update(parent=keep)
        absorb.aliases.update(agency=keep)
        name = absorb.name
        absorb.delete()
        AgencyAlias.objects.get_or_create(name=name, defaults={"agency": keep})
        published_changed.send(sender=Agency, agency_ids=[keep.pk])
    return keep


def _disclosure_move(disclosure: Disclosure, keep: Agency) -> None:
    key = {
        "agency": keep,
        "year": disclosure.year,
        "kind": disclosure.kind,
        "scope": disclosure.scope,
    }
    ours = Disclosure.objects.filter(**key)
    draft = ours.filter(published_at__isnull=True).first()
    if not disclosure.is_published and draft is not None:
        # two drafts of one disclosure: its files and corrections join the draft we keep
        for link in DisclosureDocument.objects.filter(disclosure=disclosure):
            if not draft.documents.filter(pk=link.document_id).exists():
                top = DisclosureDocument.objects.filter(disclosure=draft).aggregate(
                    p=Max("position")
                )
                link.disclosure, link.position = draft, (top["p"] or 0) + 1
                link.save()
        disclosure.corrections.update(disclosure=draft)
        disclosure.delete()
        disclosure_rebuild(disclosure=draft)
        return
    disclosure.version = (ours.aggregate(top=Max("version"))["top"] or 0) + 1
    disclosure.is_current = disclosure.is_current and not ours.filter(is_current=True).exists()
    disclosure.agency = keep
    disclosure.save()
