"""`{% chart_image_url "png" %}`: the address of the chart on this page (a comparison
page or its embed) as a picture, for the same query."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from comparisons.plain import plotly_plain
from comparisons.views import PAGE_EMBEDS

register = template.Library()


@register.simple_tag(takes_context=True)
def chart_image_url(
    context: dict[str, Any], fmt: str, download: bool = False, absolute: bool = False
) -> str:
    """download: served as an attachment; absolute: with the site's address, to paste
    elsewhere. Empty on a page that has no such chart."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if request is None or match is None:
        return ""
    if match.url_name == "embed":
        comparison = match.kwargs.get("comparison", "")
    else:
        comparison = PAGE_EMBEDS.get(match.url_name or "", "")
    if not comparison:
        return ""
    query = request.GET.copy()
    for own in ("format", "download"):
        query.pop(own, None)
    if download:
        query["download"] = "1"
    url = reverse("chart_image", args=[comparison, fmt])
    url += f"?{query.urlencode()}" if query else ""
    return str(request.build_absolute_uri(url)) if absolute else url


@register.filter(name="plotly_plain")
def plotly_plain_filter(figure: dict[str, Any]) -> Any:
    """`{{ figure|plotly_plain|json_script:"id" }}`: what documents wrote is text to
    plotly.js, never its markup (comparisons/plain.py)."""
    return plotly_plain(figure)
