"""Read-only pages that compare agencies and years.

Each view checks its parameters, runs one report (comparisons.reports, plain SQL on
this connection's cursor) and renders it, or writes it as CSV with `?format=csv`.
None of them writes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_POST, require_safe
from django_tables2 import RequestConfig

from comparisons import charts, labels, queries, selectors, services, tables, trend_chart
from comparisons.filters import AgencyListFilter, CompareFilter
from comparisons.notes import note_text
from comparisons.reports import browse, mix, per_capita, trend
from config.security import embeddable

Rows = tuple[list[str], list[list[Any]]]
Chart = Callable[[Any, charts.Words], charts.Figure]


def words() -> charts.Words:
    """The charts' language: the page's."""
    return charts.words_for(gettext, get_language() or "zh-hans", note_text)


def _csv(name: str, header: list[str], rows: list[list[Any]]) -> HttpResponse:
    # a byte-order mark, so that spreadsheet programs read the Chinese as UTF-8
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(v) for v in row] for row in rows)
    return response


# What makes a spreadsheet read a cell as a formula (OWASP's "CSV Injection"): a leading
# = + - @, or a tab or carriage return before one. Plain numbers, negative ones too, stay.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?[0-9][0-9,.]*")


def spreadsheet_safe(value: Any) -> Any:
    """A cell as text a spreadsheet shows rather than runs: a quote before what would
    start a formula, as OWASP advises (agency and item names come from documents)."""
    if value is None:
        return ""
    formula = isinstance(value, str) and value.startswith(FORMULA_START)
    return "'" + value if formula and not PLAIN_NUMBER.fullmatch(value) else value


def _wants_csv(request: HttpRequest) -> bool:
    return request.GET.get("format") == "csv"


# a download is in one language: ?lang=zh or ?lang=en, else the reader's
CSV_LANGUAGES = {"zh": "zh-hans", "en": "en"}


def _csv_in_language(request: HttpRequest, name: str, make: Callable[[], Rows]) -> HttpResponse:
    """The CSV `make` writes (its header and rows), in the download's language."""
    language = CSV_LANGUAGES.get(request.GET.get("lang", ""), get_language() or "zh-hans")
    with translation.override(language):
        return _csv(name, *make())


@require_GET
def agency_list(request: HttpRequest) -> HttpResponse:
    """The database sorts, counts and pages the rows; the CSV has every one of them."""
    with connection.cursor() as cursor:
        filters = AgencyListFilter(request.GET, queries.facets(cursor))
        selection = filters.selection()
        if _wants_csv(request):
            rows = tables.list_rows(queries.summaries(cursor, selection))
            return _csv_in_language(request, "agencies", lambda: tables.list_csv(rows))
        count = queries.summary_count(cursor, selection)

    def page(order: tuple[str, ...], start: int, stop: int) -> list[dict[str, Any]]:
        with connection.cursor() as cursor:
            return tables.list_rows(queries.summaries(cursor, selection, order, start, stop))

    table = tables.DisclosureTable(tables.PagedRows(count, page))
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    context = {"filter": filters, "table": table, "count": count}
    return render(request, "comparisons/agency_list.html", context)


@require_GET
def agency(request: HttpRequest, pk: int) -> HttpResponse:
    functional, economic = request.GET.get("functional", ""), request.GET.get("economic", "")
    with connection.cursor() as cursor:
        page = browse.agency_page(cursor, pk, _code(functional), _code(economic))
    if page is None:
        raise Http404("no published disclosure of this agency")
    return render(request, "comparisons/agency.html", {"page": page})


def _code(text: str) -> str:
    return text if text.isdigit() and len(text) in (3, 5) else ""


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    return render(request, "comparisons/compare.html")


def _compare_page(
    request: HttpRequest,
    template: str,
    build: Callable[[Any, queries.Selection], Any],
    to_csv: Callable[[Any], Rows],
    chart: Chart,
    **context: Any,
) -> HttpResponse:
    with connection.cursor() as cursor:
        filters = CompareFilter(request.GET, queries.facets(cursor))
        report = build(cursor, filters.selection())
    if _wants_csv(request):
        return _csv_in_language(request, template, lambda: to_csv(report))
    comparison = template.replace("_", "-")
    figure = credited(request, chart(report, words()), comparison, _own_query(request))
    return render(
        request,
        f"comparisons/{template}.html",
        {
            "filter": filters,
            "report": report,
            "figure": figure,
            **_embedding(request, comparison, chart_title(figure)),
            **context,
        },
    )


def _embedding(request: HttpRequest, comparison: str, title: str) -> dict[str, str]:
    """What a comparison page needs for its embed box and oEmbed discovery."""
    return {
        "embed_code": embed_snippet(request, comparison, _own_query(request), title=title),
        "pinned_code": _pinned_code(request, title),
        "comparison": comparison,
        "own_query": _own_query(request),
        "oembed_url": _oembed_link(request),
    }


def _own_query(request: HttpRequest) -> str:
    """The view's query, without what only this page uses."""
    params = request.GET.copy()
    for own in ("pinned", "format"):
        params.pop(own, None)
    return params.urlencode()


def _pinned_code(request: HttpRequest, title: str) -> str:
    """The embed code of the chart an editor has just pinned (?pinned=<key>), if any."""
    key = request.GET.get("pinned", "")
    pinned = selectors.pinned_chart(key)
    if pinned is None:
        return ""
    return iframe_code(request, reverse("embed_pinned", args=[pinned.key]), title=title)


def embed_snippet(
    request: HttpRequest,
    comparison: str,
    query: str,
    width: str = "100%",
    height: int = 520,
    title: str = "",
) -> str:
    """What an editor pastes into a story: the embed of this very view, and the script
    that fits the iframe to it."""
    path = reverse("embed", args=[comparison]) + (f"?{query}" if query else "")
    return iframe_code(request, path, width, height, title)


def iframe_code(
    request: HttpRequest, path: str, width: str = "100%", height: int = 520, title: str = ""
) -> str:
    """The iframe and its script; the frame's title names its chart, so that a reader of
    a story with several charts hears which is which."""
    src = request.build_absolute_uri(path)
    host = request.build_absolute_uri(static("js/embed-host.js"))
    named = f"{title} · 预决算公开" if title else "预决算公开 · 图表"
    return (
        f'<iframe src="{escape(src)}" title="{escape(named)}" width="{width}"'
        f' height="{height}" loading="lazy"></iframe>\n<script src="{escape(host)}" async></script>'
    )


def _oembed_link(request: HttpRequest) -> str:
    """The page's oEmbed discovery address (its own URL is the one to embed)."""
    query = urlencode({"url": request.build_absolute_uri(), "format": "json"})
    return request.build_absolute_uri(f"{reverse('oembed')}?{query}")


@require_GET
def compare_per_capita(request: HttpRequest) -> HttpResponse:
    return _compare_page(
        request,
        "per_capita",
        per_capita.per_capita,
        lambda r: tables.per_capita_csv(r.rows),
        charts.per_capita_figure,
        measures=[(key, labels.PER_STAFF[key]) for key in per_capita.PER_STAFF],
    )


def _mix_build(params: QueryDict) -> Callable[[Any, queries.Selection], Any]:
    classification = params.get("classification", "functional")
    if classification not in mix.CLASSIFICATIONS:
        classification = "functional"
    code = _code(params.get("code", ""))
    return lambda c, s: mix.mix(c, s, classification, code)


def _trend_build(params: QueryDict) -> Callable[[Any, queries.Selection], Any]:
    """The series, and the view the chart draws them in (trend_chart.VIEWS; its own
    choice when none is asked for)."""
    real, view = params.get("real") == "1", params.get("view", "")

    def build(cursor: Any, selection: queries.Selection) -> trend.Trend:
        found = trend.trend(cursor, selection, real)
        found.view = trend_chart.trend_view(found, view)
        return found

    return build


@require_GET
def compare_mix(request: HttpRequest) -> HttpResponse:
    return _compare_page(
        request,
        "mix",
        _mix_build(request.GET),
        tables.mix_csv,
        charts.mix_figure,
        classifications={key: labels.CLASSIFICATIONS[key] for key in mix.CLASSIFICATIONS},
    )


@require_GET
def compare_trend(request: HttpRequest) -> HttpResponse:
    real = request.GET.get("real") == "1"
    return _compare_page(
        request,
        "trend",
        _trend_build(request.GET),
        tables.trend_csv,
        trend_chart.trend_figure,
        real=real,
        views=labels.TREND_VIEWS,
        keep=[("real", "1")] if real else [],
    )


# The charts other sites may frame: the embed's name in its URL, the page it comes from,
# how its report is built from the query, and its chart. The query is the page's own.
def _peers_query(params: QueryDict) -> tuple[int | None, int | None, str, str]:
    """The peers page's own parameters: agency, year, kind and measure (per staff unless
    it names another)."""
    measure = params.get("measure", "per_staff")
    if measure not in per_capita.MEASURES:
        measure = "per_staff"
    return _int(params.get("agency")), _int(params.get("year")), params.get("kind", ""), measure


def _first_agency(facets: queries.Facets) -> int:
    return next(iter(facets.agencies), (0, ""))[0]


def _peers_build(params: QueryDict) -> Callable[[Any, queries.Selection], Any]:
    """The peers of one agency (the first one listed when none is asked for): this view
    reads its own parameters rather than the comparison form's."""
    agency, year, kind, measure = _peers_query(params)

    def build(cursor: Any, _selection: queries.Selection) -> per_capita.Peers | None:
        agency_id = agency or _first_agency(queries.facets(cursor))
        return per_capita.peers(cursor, agency_id, year, kind, measure)

    return build


EMBEDS: dict[str, tuple[str, Callable[[QueryDict], Any], Chart]] = {
    "per-capita": ("compare_per_capita", lambda r: per_capita.per_capita, charts.per_capita_figure),
    "mix": ("compare_mix", _mix_build, charts.mix_figure),
    "trend": ("compare_trend", _trend_build, trend_chart.trend_figure),
    "peers": ("compare_peers", _peers_build, charts.peers_figure),
}


def chart_of(
    request: HttpRequest, comparison: str, params: QueryDict | None = None
) -> charts.Figure:
    """The chart of one comparison for a query (the request's own unless given: the
    page's), in the active language; 404 for a comparison that has no chart."""
    if comparison not in EMBEDS:
        raise Http404("no such chart")
    _page, build, chart = EMBEDS[comparison]
    params = request.GET if params is None else params
    with connection.cursor() as cursor:
        filters = CompareFilter(params, queries.facets(cursor))
        report = build(params)(cursor, filters.selection())
    query = params.copy()
    for own in ("format", "download", "pinned"):
        query.pop(own, None)
    return credited(request, chart(report, words()), comparison, query.urlencode())


def credited(
    request: HttpRequest, figure: charts.Figure, comparison: str, query: str
) -> charts.Figure:
    """The figure with its credit line: the site, the live chart's address and the date the
    data stand at (the last publication, in Beijing time), so a picture copied elsewhere
    still says where it comes from."""
    if not figure.get("data"):
        return figure
    with connection.cursor() as cursor:
        last = queries.last_published(cursor)
    day = timezone.localtime(last).date().isoformat() if last else ""
    link = page_of(request, comparison, query)
    return charts.with_credit(figure, gettext("预决算公开"), link, day, words())


def chart_title(figure: charts.Figure) -> str:
    layout = figure.get("layout", {})
    return str(layout.get("meta", {}).get("title") or layout.get("title", {}).get("text", ""))


def page_of(request: HttpRequest, comparison: str, query: str) -> str:
    """The full address of the comparison page a chart comes from."""
    page = EMBEDS[comparison][0]
    return request.build_absolute_uri(reverse(page) + (f"?{query}" if query else ""))


@require_safe
@embeddable
def embed(request: HttpRequest, comparison: str) -> HttpResponse:
    """Only the chart, its source line and a link back to the page it comes from."""
    figure = chart_of(request, comparison)
    back = page_of(request, comparison, request.GET.urlencode())
    return render(request, "comparisons/embed.html", {"figure": figure, "back": back})


@require_POST
def embed_pin(request: HttpRequest, comparison: str) -> HttpResponse:
    """Pin the chart of the page's query (in this URL's query string) as it is now, and
    go back to the page, which then shows the pinned chart's embed code. Members only."""
    if not request.user.is_authenticated:
        # a pin is a row kept for good: only members write, visitors only read
        return redirect_to_login(page_of(request, comparison, _own_query(request)))
    query = _own_query(request)
    if len(query) > services.PIN_QUERY_MAX:
        return HttpResponseBadRequest(
            gettext("查询条件过长，不能固定。"), content_type="text/plain"
        )
    figure = chart_of(request, comparison)
    if figure.get("data"):
        pinned = services.chart_pin(
            comparison=comparison, query=query, language=get_language(), figure=figure
        )
        query = "&".join(q for q in (query, urlencode({"pinned": pinned.key})) if q)
    return redirect(page_of(request, comparison, query) + "#embed-code")


@require_safe
@embeddable
def embed_pinned(request: HttpRequest, key: str) -> HttpResponse:
    """A pinned chart as it was, in the language it was pinned in, saying so and saying
    when the data published now would draw it differently."""
    pinned = selectors.pinned_chart_or_404(key)
    with translation.override(pinned.language):
        live = chart_of(request, pinned.comparison, QueryDict(pinned.query))
        query = f"?{pinned.query}" if pinned.query else ""
        context = {
            "figure": pinned.figure,
            "pinned": pinned,
            "changed": services.data_digest(live) != pinned.data_digest,
            "live": request.build_absolute_uri(reverse("embed", args=[pinned.comparison]) + query),
            "back": page_of(request, pinned.comparison, pinned.query),
        }
        return render(request, "comparisons/embed.html", context)


@require_GET
def compare_peers(request: HttpRequest) -> HttpResponse:
    agency, year, kind, measure = _peers_query(request.GET)
    with connection.cursor() as cursor:
        facets = queries.facets(cursor)
        agency_id = agency or _first_agency(facets)
        report = per_capita.peers(cursor, agency_id, year, kind, measure)
        # the agencies to switch to: this one's peers, not every agency there is
        agencies = facets.agencies_matching(_peer_choices(report, agency_id))[0]
    if report is None and request.GET.get("agency"):
        raise Http404("no published disclosure of this agency")
    if report is not None and _wants_csv(request):
        return _csv_in_language(request, "peers", lambda: tables.peers_csv(report))
    figure = credited(request, charts.peers_figure(report, words()), "peers", _own_query(request))
    context = {
        "report": report,
        "figure": figure,
        **_embedding(request, "peers", chart_title(figure)),
        "facets": {"agencies": agencies},
        "agency_id": agency_id,
        "measures": {key: labels.MEASURES[key] for key in per_capita.MEASURES},
        "kinds": labels.KINDS,
    }
    return render(request, "comparisons/peers.html", context)


def _peer_choices(report: per_capita.Peers | None, agency_id: int) -> queries.Selection:
    if report is None or report.subject is None:
        return queries.Selection(agency_ids=(agency_id,))
    d = report.subject.disclosure
    return queries.Selection(agency_ids=(agency_id,), agency_kind=d.agency_kind, level=d.level)


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


OEMBED_TITLES = {
    "per-capita": "各单位人均支出比较",
    "mix": "各单位支出结构比较",
    "trend": "各单位支出总计逐年比较",
    "peers": "同类单位比较",
}
PAGE_EMBEDS = {page: name for name, (page, _build, _chart) in EMBEDS.items()}


@require_GET
def oembed(request: HttpRequest) -> JsonResponse | HttpResponse:
    """oEmbed (oembed.com) for a comparison page or its embed on this site: the iframe
    as a `rich` response, JSON only (501 for anything else, as the spec says)."""
    if request.GET.get("format", "json") != "json":
        return HttpResponse("only JSON", status=501, content_type="text/plain")
    target = urlsplit(request.GET.get("url", ""))
    comparison = _comparison_at(target.path) if target.netloc == request.get_host() else None
    if comparison is None:
        raise Http404("not a chart of this site")
    width, height = _int(request.GET.get("maxwidth")), _int(request.GET.get("maxheight"))
    width, height = min(width or 640, 640), min(height or 520, 520)
    title = OEMBED_TITLES[comparison]
    html = embed_snippet(request, comparison, target.query, str(width), height, title)
    return JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "title": title,
            "provider_name": "预决算公开",
            "provider_url": request.build_absolute_uri("/"),
            "html": html,
            "width": width,
            "height": height,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _comparison_at(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name == "embed":
        name = match.kwargs.get("comparison")
        return name if name in EMBEDS else None
    return PAGE_EMBEDS.get(match.url_name or "")
