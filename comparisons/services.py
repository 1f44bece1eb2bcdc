"""Every write of the comparisons app: loading the population and CPI tables, pinning a chart."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from comparisons.models import PinnedChart, Population, PriceIndex
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


def data_digest(figure: dict[str, Any]) -> str:
    """What a chart draws, as a digest: equal for equal data, whatever the title says."""
    return _digest(figure.get("data", []))


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


# the longest page query a pin keeps (its column's size)
PIN_QUERY_MAX: int = PinnedChart._meta.get_field("query").max_length or 0


def chart_pin(*, comparison: str, query: str, language: str, figure: dict[str, Any]) -> PinnedChart:
    """Keep a chart as it is now; the same chart of the same data is kept once."""
    key = _digest([comparison, query, language, figure])[:24]
    pinned, _made = PinnedChart.objects.get_or_create(
        key=key,
        defaults={
            "comparison": comparison,
            "query": query,
            "language": language,
            "figure": figure,
            "data_digest": data_digest(figure),
        },
    )
    return pinned
