"""Reviewers' writes: correcting a value, publishing a draft; and adding members."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from disclosures.models import Correction, Disclosure
from disclosures.roles import ROLES, groups_sync
from disclosures.services.common import ServiceError
from disclosures.services.drafts import (
    change_at,
    disclosure_rebuild,
    draft_open,
    value_get,
    value_set,
)
from disclosures.signals import published_changed
from disclosures.values import Address


def value_correct(
    *, disclosure: Disclosure, address: str, value: Decimal | None, reason: str, user: Any
) -> Correction:
    """Change one value, keeping who, when, why, and what it was.

    A published version is never changed: its correction goes into the draft that will
    replace it (made now if there is none), so readers see it once a reviewer publishes
    that draft, with a note, and the version they read before stays as it was."""
    try:
        where = Address.parse(address)
    except ValueError as error:
        raise ServiceError("no_such_value", str(error)) from None
    if not reason.strip():
        raise ServiceError("no_reason", "a correction needs a reason")
    with transaction.atomic():
        disclosure = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
        if disclosure.is_published:
            disclosure = _draft_replacing(disclosure)
        old = value_get(disclosure, where)
        if (
            where.kind == "item"
            and not disclosure.items.filter(
                classification=where.group, scope=where.scope, code=where.key
            ).exists()
        ):
            raise ServiceError("no_such_value", f"the disclosure has no row {where.key}")
        if where.kind == "change":
            if change_at(disclosure, where) is None:
                raise ServiceError(
                    "no_such_value", f"the disclosure states no change of {where.key}"
                )
            if value is None and where.amount != "percent":
                raise ServiceError("no_value", "a stated change keeps its amounts")
        if len(str(where)) > Correction._meta.get_field("address").max_length:
            raise ServiceError("no_such_value", "the value's name is too long to correct")
        correction = Correction.objects.create(
            disclosure=disclosure,
            address=str(where),
            old_value=old,
            new_value=value,
            reason=reason.strip(),
            corrected_by=user,
        )
        value_set(disclosure, where, value)
    return correction


def _draft_replacing(published: Disclosure) -> Disclosure:
    key = {f: getattr(published, f) for f in ("agency", "year", "kind", "scope")}
    draft, new = draft_open(key)
    if new:
        disclosure_rebuild(disclosure=draft)
    return draft


def disclosure_publish(*, disclosure: Disclosure, user: Any) -> Disclosure:
    """The draft becomes the current version; the one it replaces is kept."""
    with transaction.atomic():
        disclosure = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
        if disclosure.is_published:
            return disclosure
        Disclosure.objects.filter(
            agency=disclosure.agency,
            year=disclosure.year,
            kind=disclosure.kind,
            scope=disclosure.scope,
            is_current=True,
        ).update(is_current=False)
        disclosure.published_at, disclosure.published_by = timezone.now(), user
        disclosure.is_current = True
        disclosure.save(update_fields=["published_at", "published_by", "is_current"])
        published_changed.send(sender=Disclosure, agency_ids=[disclosure.agency_id])
    return disclosure


def member_add(*, username: str, role: str, password: str | None = None) -> tuple[Any, str | None]:
    """A journalist or reviewer; returns the user and the password if one was made.

    The groups are made by a migration; they are synced here too, in case they were
    removed (an admin deleting one, a test flushing the tables)."""
    if role not in ROLES:
        raise ServiceError("no_such_role", f"roles are {', '.join(ROLES)}")
    groups_sync(Group, Permission)
    user, created = get_user_model().objects.get_or_create(username=username)
    made = None
    if created or password:
        made = password or secrets.token_urlsafe(12)
        user.set_password(made)
        user.save()
    user.groups.add(Group.objects.get(name=role))
    return user, made
