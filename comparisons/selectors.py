"""What the comparison views read from the comparisons app's own models (the published
data they compare is read through queries/, in SQL)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from comparisons.models import PinnedChart


def pinned_chart(key: str) -> PinnedChart | None:
    return PinnedChart.objects.filter(key=key).first() if key else None


def pinned_chart_or_404(key: str) -> PinnedChart:
    return get_object_or_404(PinnedChart, key=key)
