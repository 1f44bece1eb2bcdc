"""Every write of the comparisons app: loading the population and CPI tables."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from comparisons.models import Population, PriceIndex
from comparisons.reference import ReferenceRow

MODELS = {"population": (Population, "residents"), "cpi": (PriceIndex, "index")}


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int


def reference_load(*, table: str, rows: list[ReferenceRow]) -> LoadResult:
    """Add or update one row a region and year, all or none; rows not named are kept."""
    model, value_field = MODELS[table]
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            _, made = model.objects.update_or_create(
                province=row.province,
                city=row.city,
                county=row.county,
                year=row.year,
                defaults={value_field: row.value, "source": row.source, "note": row.note},
            )
            created, updated = created + made, updated + (not made)
    return LoadResult(created, updated)
