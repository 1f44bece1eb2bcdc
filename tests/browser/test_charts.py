"""The comparison pages' charts in Chromium: plotly.js draws each one under the site's CSP
(no inline script or style) with nothing in the console."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_pages import published  # noqa: F401  (a fixture)

TITLES = {
    "compare_per_capita": ("各单位人均支出", "Spending per staff member"),
    "compare_mix": ("各单位支出结构", "Spending mix"),
    # one agency: the chart is titled with it
    "compare_trend": (
        "福州市社会保险技术服务保障中心支出总计逐年变化",
        "福州市社会保险技术服务保障中心: total spending year by year",
    ),
    "compare_peers": (
        "福州市社会保险技术服务保障中心与同类单位比较",
        "福州市社会保险技术服务保障中心 and its peers",
    ),
}


@pytest.mark.parametrize("name", list(TITLES))
def test_each_comparison_page_draws_its_chart_in_either_language(
    watched,
    live_server,
    published,  # noqa: F811
    name,
):
    page = watched.page
    for language, title in zip(("zh-hans", "en"), TITLES[name], strict=True):
        if language == "en":
            page.get_by_role("button", name="English").click()
            page.wait_for_load_state()
        else:
            response = page.goto(live_server.url + reverse(name))
            assert response is not None and response.status == 200
        page.locator(".chart-plot .main-svg").first.wait_for(timeout=10_000)
        # the title is the page's text above the plot, which draws none of its own
        assert (page.locator(".chart-title").text_content() or "").startswith(title)
        assert page.locator(".chart-plot .gtitle").count() == 0
        watched.shot(f"chart-{name}-{language}")
    assert watched.problems == [], watched.problems
