"""A comparison's chart as a PNG or SVG file, for the page's query: to download, or to
link where iframes are stripped (WeChat articles show a picture, not an embed)."""

from __future__ import annotations

import logging
import re

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from comparisons import images, selectors
from comparisons.views import chart_of

log = logging.getLogger(__name__)

# An SVG opened in a tab is a document: plotly styles it with style attributes, which the
# site's policy blocks (the chart turns black). Its own policy allows those and nothing
# else: no script, no fetch, no framing. Shown with <img>, no policy applies to it.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"
# Characters that file systems or download dialogs refuse in a name.
UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\s]+')


@require_GET
def chart_image(request: HttpRequest, comparison: str, fmt: str) -> HttpResponse:
    if fmt not in images.CONTENT_TYPES:
        raise Http404("charts are drawn as PNG or SVG")
    return _picture(request, chart_of(request, comparison), comparison, fmt, max_age=600)


@require_GET
def pinned_image(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    """A pinned chart as a picture: the data of the day it was pinned, which never change."""
    if fmt not in images.CONTENT_TYPES:
        raise Http404("charts are drawn as PNG or SVG")
    pinned = selectors.pinned_chart_or_404(key)
    return _picture(request, pinned.figure, pinned.comparison, fmt, max_age=86400)


def _picture(
    request: HttpRequest, figure: dict, comparison: str, fmt: str, max_age: int
) -> HttpResponse:
    if not any(trace.get("x") for trace in figure.get("data", [])):
        raise Http404("no published data to draw")
    try:
        data = images.chart_image(figure, fmt)
    except images.RenderError as exc:
        log.warning("chart image %s.%s not drawn: %s", comparison, fmt, exc)
        return _later("The chart image cannot be drawn right now; please try again later.", 503)
    if data is None:  # a worker is drawing it: the web never waits for a browser
        return _later("The chart image is being drawn; please try again in a few seconds.", 202)
    response = HttpResponse(data, content_type=images.CONTENT_TYPES[fmt])
    if request.GET.get("download") == "1":
        name = f"{file_name(figure, comparison)}.{fmt}"
        response["Content-Disposition"] = content_disposition_header(True, name)
    # a picture other sites may show: any page may load it, and caches keep it a while
    # (the data it draws can be corrected, and the language follows the reader's cookie)
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    if fmt == "svg":
        response["Content-Security-Policy"] = SVG_POLICY
    patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, ["Cookie"])
    return response


def _later(message: str, status: int) -> HttpResponse:
    """One plain line, not kept by caches, and when to ask again."""
    response = HttpResponse(f"{message}\n", status=status, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = "5" if status == 202 else "60"
    patch_cache_control(response, no_store=True)
    return response


def file_name(figure: dict, comparison: str) -> str:
    """The chart's title as a file name: 各单位人均支出比较（支出总计_÷_实有人数）."""
    title = strip_tags(str(figure.get("layout", {}).get("title", {}).get("text", "")))
    name = UNSAFE_IN_NAME.sub("_", title).strip("._")[:80]
    return name or comparison
