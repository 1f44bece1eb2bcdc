"""Reads for reviewers and for the notes readers see: the queue of drafts awaiting review,
most doubtful first, and the corrections a published version carries, worded as a
newspaper words its corrections. Selectors, like selectors.py: no writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext_lazy

from disclosures import pages, wording
from disclosures.models import Correction, Disclosure, DisclosureDocument
from disclosures.values import Address, unit_of

CHANGE_WORDS = {
    "current": pgettext_lazy("a change", "本年"),
    "delta": pgettext_lazy("a change", "增减"),
    "percent": pgettext_lazy("a change", "增幅"),
}
AMOUNT_WORDS = {
    "total": pgettext_lazy("an amount", "合计"),
    "basic": pgettext_lazy("an amount", "基本"),
    "project": pgettext_lazy("an amount", "项目"),
    "personnel": pgettext_lazy("an amount", "人员经费"),
    "public": pgettext_lazy("an amount", "公用经费"),
}


def value_shown(value: Decimal | None, address: str) -> str:
    """A value with its unit, in the reader's language: 8 人, 1,234.56 万元, 12.5%."""
    if value is None:
        return gettext("未给出")
    shown = value_typed(value, address)
    if unit_of(address) == "people":
        return gettext("%(n)s 人") % {"n": number_format(shown)}
    if unit_of(address) == "percent":
        return f"{shown:f}%"
    return gettext("%(n)s 万元") % {"n": f"{shown:,f}"}


def value_typed(value: Decimal | None, address: str) -> Decimal | None:
    """The value as a reviewer would type it: 8, not 8.000000; 17996.68, not 17996.680000."""
    if value is None:
        return None
    if unit_of(address) == "people":
        return value.quantize(Decimal(1))
    exact = value.normalize()
    if unit_of(address) == "percent":
        return exact if exact.as_tuple().exponent < 0 else value.quantize(Decimal(1))
    return exact if exact.as_tuple().exponent < -2 else value.quantize(Decimal("0.01"))


def value_name(address: str, item_name: str = "") -> str:
    where = Address.parse(address)
    if where.kind == "figure":
        return wording.figure_label(where.group, where.key)
    if where.kind == "change":
        return f"{where.key} · {CHANGE_WORDS[where.amount]}"
    return f"{where.key} {item_name} · {AMOUNT_WORDS[where.amount]}".replace("  ", " ")


# --- the queue --------------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    disclosure: Disclosure
    doubts: list[str]  # why the parser doubts its own reading
    errors: int
    warnings: int
    infos: int

    @property
    def rank(self) -> tuple[int, int, int, int]:
        return (-len(self.doubts), -self.errors, -self.warnings, -self.infos)


def desk_queue(*, limit: int = 300) -> list[Waiting]:
    """Drafts awaiting review, most flagged first: a reading the parser doubts, then by
    errors, warnings and notes."""

    def severity(name: str) -> Count:
        return Count("findings", filter=Q(findings__severity=name))

    # the order in the database too, so that the first `limit` are the ones to show
    doubted_file = DisclosureDocument.objects.filter(
        disclosure=OuterRef("pk"), document__records__needs_review__0__isnull=False
    )
    doubted = ExpressionWrapper(
        Q(Exists(doubted_file)) | Q(records__needs_review__0__isnull=False),
        output_field=BooleanField(),
    )
    drafts = list(
        Disclosure.objects.filter(published_at__isnull=True)
        .select_related("agency")
        .annotate(errors=severity("error"), warnings=severity("warning"), infos=severity("info"))
        .annotate(doubted=doubted)
        .order_by("-doubted", "-errors", "-warnings", "-infos", "created_at", "pk")[:limit]
    )
    doubts = _doubts([d.pk for d in drafts])
    waiting = [
        Waiting(d, doubts.get(d.pk, []), d.errors, d.warnings, d.infos)  # type: ignore[attr-defined]
        for d in drafts
    ]
    return sorted(waiting, key=lambda w: w.rank)


def _doubts(ids: list[int]) -> dict[int, list[str]]:
    """Each draft's reasons for review, from its files' readings (only that key of them:
    the records are large) and from their joint reading."""
    found: dict[int, list[str]] = {}
    own = DisclosureDocument.objects.filter(disclosure__in=ids).values_list(
        "disclosure_id", "document__records__needs_review"
    )
    joint = Disclosure.objects.filter(pk__in=ids).values_list("pk", "records__needs_review")
    for pk, reasons in [*own, *joint]:
        for reason in reasons or []:
            if reason not in found.setdefault(pk, []):
                found[pk].append(reason)
    return found


def draft_doubts(disclosure: Disclosure) -> list[str]:
    return _doubts([disclosure.pk]).get(disclosure.pk, [])


# --- corrections as readers see them ---------------------------------------------------


@dataclass(frozen=True)
class Note:
    correction: Correction
    on: datetime  # when readers first saw it: the publishing of the version that carried it
    previous: Disclosure  # the version readers saw before, kept at its own address
    name: str
    old: str
    new: str


def corrections_noted(disclosure: Disclosure) -> list[Note]:
    """The corrections this published version made to what readers had seen before.

    A correction is carried from version to version (services.drafts.version_carry) with
    its time; it is noted from the first version that published it, when an earlier
    version had been published. One made before anything was published is not a
    correction readers need told of: it stays in the history."""
    if not disclosure.is_published:
        return []
    versions = list(
        Disclosure.objects.filter(
            agency=disclosure.agency_id,
            year=disclosure.year,
            kind=disclosure.kind,
            scope=disclosure.scope,
            published_at__lte=disclosure.published_at,
        ).order_by("published_at")
    )
    first: dict[tuple[str, datetime], Disclosure] = {}
    carried = Correction.objects.filter(disclosure__in=versions).select_related("disclosure")
    for c in carried.order_by("disclosure__published_at"):
        first.setdefault((c.address, c.corrected_at), c.disclosure)
    names = _item_names(disclosure)
    notes = []
    for c in disclosure.corrections.order_by("corrected_at", "id"):
        shown_in = first[(c.address, c.corrected_at)]
        earlier = [v for v in versions if v.published_at < shown_in.published_at]
        if earlier:
            name = value_name(c.address, names.get(Address.parse(c.address).key, ""))
            old, new = value_shown(c.old_value, c.address), value_shown(c.new_value, c.address)
            notes.append(Note(c, shown_in.published_at, earlier[-1], name, old, new))
    return notes


def _item_names(disclosure: Disclosure) -> dict[str, str]:
    return dict(disclosure.items.values_list("code", "name"))


def replaced_by(disclosure: Disclosure) -> Disclosure | None:
    """The current version, for a published one that it has replaced."""
    if disclosure.is_current or not disclosure.is_published:
        return None
    return Disclosure.objects.filter(
        agency=disclosure.agency_id,
        year=disclosure.year,
        kind=disclosure.kind,
        scope=disclosure.scope,
        is_current=True,
    ).first()


def sentence_marked(sentence: str, value: Decimal | None) -> tuple[str, str, str] | None:
    """The sentence cut around the figure it states (before, figure, after), for the
    figure to be outlined where it is written; None where it is not found as printed."""
    if value is None or not sentence:
        return None
    for text in _printed_forms(value):
        match = re.search(rf"(?<![\d.,]){re.escape(text)}(?![\d])", sentence)
        if match:
            return sentence[: match.start()], match.group(), sentence[match.end() :]
    return None


def _printed_forms(value: Decimal) -> list[str]:
    exact = value.normalize()
    plain = f"{exact:f}" if exact.as_tuple().exponent < 0 else f"{value.quantize(Decimal(1)):f}"
    forms = [plain, f"{value.quantize(Decimal('0.01')):f}", f"{value.quantize(Decimal('0.01')):,f}"]
    if value * 10000 == (value * 10000).quantize(Decimal(1)):  # stated in 元
        forms.append(f"{(value * 10000).quantize(Decimal(1)):f}")
    return list(dict.fromkeys(forms))


def focus_extra(focus: dict[str, Any] | None) -> dict[str, Any]:
    """What the source panel adds to selectors.value_focus: the unit, the figure marked
    in its sentence."""
    if not focus or "address" not in focus:
        return {}
    source = focus.get("source")
    marked = sentence_marked(source.sentence, focus["value"]) if source is not None else None
    return {"unit": unit_of(focus["address"]), "marked": marked, "scale": pages.SCALE}
