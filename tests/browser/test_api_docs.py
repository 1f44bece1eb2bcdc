"""The API's documentation page: Swagger UI from our own static files, under the site's
Content-Security-Policy, showing every operation of the generated description."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

# Playwright runs it before the page's own scripts; the page's policy does not apply to it.
COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_the_api_docs_render_every_operation_with_no_policy_violation(watched, live_server):
    watched.page.add_init_script(COLLECT_VIOLATIONS)
    requested: list[str] = []
    watched.page.on("request", lambda request: requested.append(request.url))

    response = watched.page.goto(live_server.url + "/api/docs")
    watched.page.locator(".opblock-summary-path").first.wait_for(timeout=20_000)
    paths = watched.page.locator(".opblock-summary-path").all_inner_texts()
    watched.shot("api-docs")

    assert response is not None and response.status == 200
    assert "script-src 'self';" in response.headers["content-security-policy"]
    assert "/api/agencies/{id}/" in [p.replace("\u200b", "") for p in paths]
    assert len(paths) == 10
    assert watched.page.evaluate("window.__violations") == []
    assert watched.problems == []
    assert all(url.startswith(live_server.url) for url in requested), requested
