"""The comparison pages' charts in Chromium: plotly.js draws each one under the site's CSP
(no inline script or style) with nothing in the console."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.test_pages import published  # noqa: F401  (a fixture)


@pytest.mark.parametrize("name", ["compare_per_capita", "compare_mix", "compare_trend"])
def test_each_comparison_page_draws_its_chart(watched, live_server, published, name):  # noqa: F811
    page = watched.page
    response = page.goto(live_server.url + reverse(name))
    assert response is not None and response.status == 200
    page.locator(".chart-plot .main-svg").first.wait_for(timeout=10_000)
    assert (page.locator(".chart-plot .gtitle").text_content() or "").startswith("各单位")
    watched.shot(f"chart-{name}")
    assert watched.problems == [], watched.problems
