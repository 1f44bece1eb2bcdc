"""Every chart page and embed at a phone's width (390 px) and a laptop's (1366 px), in
Chinese and English, with 1, 8 and 30 agencies: the page never scrolls sideways, and the
chart's title, legend, notes and source line never overlap its plot area or each other.
Each view is written to var/screenshots/layout-*.png for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from disclosures import selectors, services
from disclosures.parsing import parse_bytes
from tests.browser.conftest import Watched

SAMPLES = sorted(
    (Path(__file__).resolve().parents[2] / "disclosures/fixtures/samples").glob("*.txt")
)
WIDTHS = (390, 1366)
LANGUAGES = ("zh-hans", "en")
PAGES = ("compare_per_capita", "compare_mix", "compare_trend", "compare_peers")
EMBEDS = ("per-capita", "mix", "trend", "peers")
# the words around a chart, and its plot area (plotly's drag layer covers exactly that)
PARTS = {
    "title": ".chart-head",
    "notes": ".chart-notes",
    "source": "figure.chart figcaption, p.chart-source",
    "plot": ".chart-plot .svg-container",
}
PLOT_AREA = ".chart-plot .draglayer .nsewdrag"
LEGEND = ".chart-plot .legend"


@pytest.fixture
def agencies(live_server, monkeypatch):
    """`count` agencies, each with two years of budgets (two samples under its name, a byte
    added so that each is a new file), published."""
    monkeypatch.setattr("disclosures.services.upload.parse_enqueue", lambda document_id: None)
    monkeypatch.setattr(
        "disclosures.services.parse.parse_in_child",
        lambda data, source="", **limits: parse_bytes(data, source),
    )
    reviewer = services.member_add(username="reviewer", role="reviewers", password="pw-l-1234")[0]

    def publish(count: int) -> None:
        for n in range(count):
            for k, sample in enumerate(SAMPLES[1:3] if count > 1 else SAMPLES[1:2]):
                data = sample.read_bytes() + b"\n" * (n + 1)
                hints = services.Hints(agency=f"测试市第{n + 1}社会保险事业管理中心", year=2024 + k)
                [outcome] = services.document_upload(
                    files=[(f"{n}-{sample.name}", data)], user=reviewer, hints=hints
                )
                services.document_parse(document_id=outcome.document.pk)
                [draft] = selectors.drafts_never_published(document_ids=[outcome.document.pk])
                services.disclosure_publish(disclosure=draft, user=reviewer)

    return publish


def boxes(page, selectors_: dict[str, str]) -> dict[str, dict]:
    found = {}
    for name, selector in selectors_.items():
        for n, element in enumerate(page.locator(selector).all()):
            box = element.bounding_box()
            if box and box["width"] > 0 and box["height"] > 0:
                found[f"{name}{n or ''}"] = box
    return found


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"] - 1
        and b["x"] < a["x"] + a["width"] - 1
        and a["y"] < b["y"] + b["height"] - 1
        and b["y"] < a["y"] + a["height"] - 1
    )


def check_layout(page) -> list[str]:
    """What is wrong with the page's layout: sideways scrolling, words over the plot."""
    problems = []
    wide, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if wide > viewport:
        problems.append(f"the page is {wide} px wide in a {viewport} px window")
    parts = boxes(page, PARTS)
    names = sorted(parts)
    for i, one in enumerate(names):
        for other in names[i + 1 :]:
            if overlap(parts[one], parts[other]):
                problems.append(f"{one} overlaps {other}")
    inner = boxes(page, {"area": PLOT_AREA, "legend": LEGEND})
    if "area" in inner and "legend" in inner and overlap(inner["area"], inner["legend"]):
        problems.append("the legend overlaps the plot area")
    if "area" in inner and inner["area"]["height"] < 120:
        problems.append(f"the plot area is {inner['area']['height']:.0f} px high")
    return problems


def views(live_server) -> list[tuple[str, str]]:
    pages = [(name, live_server.url + reverse(name)) for name in PAGES]
    embeds = [(f"embed-{e}", live_server.url + reverse("embed", args=[e])) for e in EMBEDS]
    return pages + embeds


@pytest.mark.parametrize("count", [1, 8, 30])
def test_every_chart_fits_phones_and_laptops_in_both_languages(
    browser, live_server, agencies, count
):
    agencies(count)
    problems = []
    for width in WIDTHS:
        for language in LANGUAGES:
            context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            watched = Watched(context.new_page())
            for name, url in views(live_server):
                response = watched.page.goto(url)
                assert response is not None and response.status == 200, url
                if watched.page.locator(".chart-plot").count():
                    watched.page.locator(".chart-plot .main-svg").first.wait_for(timeout=15_000)
                watched.shot(f"layout-{count}-{name}-{width}-{language}")
                found = check_layout(watched.page)
                if (width < 600 or name.startswith("embed")) and watched.page.locator(
                    ".chart-plot .modebar"
                ).count():
                    found.append("a mode bar over the chart")
                problems += [f"{name} {width} {language}: {p}" for p in found]
            problems += watched.problems
            context.close()
    assert problems == [], "\n".join(problems)


def test_the_home_coverage_grid_names_fit_a_phone(browser, live_server, agencies):
    agencies(8)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 900})
    watched = Watched(context.new_page())
    watched.page.goto(live_server.url + "/")
    watched.shot("layout-home-390")
    name = watched.page.locator("table.coverage tbody th a").first.bounding_box()
    assert name is not None and name["width"] >= 100  # not one character a line
    assert check_layout(watched.page) == []
    context.close()
