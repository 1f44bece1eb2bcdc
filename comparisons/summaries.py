"""The summaries the agency list and the peer rankings read (models.DisclosureSummary),
computed by the same report the per-capita page runs, so a list and a page never differ.

They are rebuilt an agency at a time: a disclosure without a headcount borrows its
agency's nearest year's, so publishing or correcting one disclosure can change its
neighbours' rows too. disclosures says when that happens (signals.published_changed);
apps.py connects `published_changed` below to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction

from comparisons.models import DisclosureSummary
from comparisons.queries import Selection
from comparisons.reports.per_capita import PER_STAFF, PerCapitaRow, per_capita_rows
from disclosures.models import Disclosure

BATCH = 500  # agencies a round when rebuilding them all: some ten thousand disclosures


def summaries_refresh(*, agency_ids: Iterable[int]) -> int:
    """Rebuild these agencies' summaries from their current published disclosures, in the
    caller's transaction; returns how many there are now."""
    return _refresh(DisclosureSummary, tuple(sorted(set(agency_ids))))


def published_changed(*, agency_ids: Iterable[int], **signal: Any) -> None:
    """The receiver of disclosures.signals.published_changed."""
    summaries_refresh(agency_ids=agency_ids)


def summaries_rebuild(*, say: Callable[[str], None] = lambda line: None) -> int:
    """Every agency's (after a bulk load or a restore), a batch of agencies at a time."""
    return rebuild_with(Disclosure, DisclosureSummary, say)


def rebuild_with(disclosure: Any, summary: Any, say: Callable[[str], None]) -> int:
    """The rebuild on these model classes (a migration passes its historical ones)."""
    summary.objects.filter(disclosure__is_current=False).delete()
    current = disclosure.objects.filter(is_current=True).order_by("agency_id")
    ids = list(current.values_list("agency_id", flat=True).distinct())
    done = 0
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            done += _refresh(summary, tuple(ids[start : start + BATCH]))
        say(f"{min(start + BATCH, len(ids))}/{len(ids)} agencies, {done} disclosures")
    with connection.cursor() as cursor:  # the planner's statistics, for the table just filled
        cursor.execute(f"ANALYZE {summary._meta.db_table}")
    return done


def _refresh(summary: Any, agency_ids: tuple[int, ...]) -> int:
    if not agency_ids:
        return 0
    with connection.cursor() as cursor:
        report = per_capita_rows(cursor, Selection(agency_ids=agency_ids), residents=False)
    summary.objects.filter(agency_id__in=agency_ids).delete()
    summary.objects.bulk_create([summary(**_fields(row)) for row in report.rows], batch_size=2000)
    return len(report.rows)


def _fields(row: PerCapitaRow) -> dict[str, Any]:
    d, staff, per_staff = row.disclosure, row.staff, row.per_staff[0]
    return {
        "disclosure_id": d.id,
        "agency_id": d.agency_id,
        "year": d.year,
        "kind": d.kind,
        "scope": d.scope,
        **{key: cell.value for key, cell in zip(PER_STAFF, row.amounts, strict=True)},
        "staff": staff.value,
        "staff_note": (staff.note or staff.gap).as_json(),
        "staff_source_id": staff.source.disclosure_id if staff.source else None,
        "staff_address": staff.source.address if staff.source else "",
        "per_staff": per_staff.value,
        "per_staff_note": (per_staff.note or per_staff.gap).as_json(),
        "errors": d.errors,
        "warnings": d.warnings,
    }
