"""An embed framed by another site (the host page on 127.0.0.1, our site on localhost: two
origins of one live server): the framing headers let it in, embed-resize.js and
embed-host.js fit the iframe to its content as it changes; a page not marked embeddable
is refused; a real chart embed draws inside it with nothing in the console."""

from __future__ import annotations

import pytest

from tests.browser.test_pages import PASSWORD, published  # noqa: F401  (a fixture)

FRAME_HEIGHT = "document.getElementById('embed').clientHeight"
CONTENT_HEIGHT = (
    "Math.ceil(document.body.getBoundingClientRect().bottom"
    " + parseFloat(getComputedStyle(document.body).marginBottom))"
)


@pytest.fixture
def origins(live_server, settings):
    """Our site and another site's page that frames it."""
    settings.ROOT_URLCONF = "tests.browser.urls"
    site = live_server.url
    assert "localhost" in site
    return site, site.replace("localhost", "127.0.0.1")


def host_page(watched, origins, frame_path):
    site, host = origins
    watched.page.goto(f"{host}/test/embed-host/?site={site}&frame={frame_path}")
    return watched.page


def fits(page, frame) -> bool:
    return abs(page.evaluate(FRAME_HEIGHT) - frame.evaluate(CONTENT_HEIGHT)) <= 1


def until(page, expression: str, seconds: float = 5) -> None:
    # Polled from here: Playwright's wait_for_function compiles its predicate in the page,
    # which the host's CSP (rightly) refuses as eval.
    for _ in range(int(seconds / 0.05)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"not true after {seconds} s: {expression}")


def test_an_embed_on_another_site_fits_its_iframe_as_its_content_changes(watched, origins):
    page = host_page(watched, origins, "/test/embed-frame/")
    frame = page.frame_locator("#embed").locator("h1")
    frame.wait_for()
    [inner] = page.main_frame.child_frames
    assert inner.evaluate("location.origin") != page.evaluate("location.origin")

    until(page, f"{FRAME_HEIGHT} > 300")
    assert fits(page, inner)
    first = page.evaluate(FRAME_HEIGHT)
    watched.shot("embed-host-fitted")

    inner.evaluate(
        "for (let n = 0; n < 10; n++) document.getElementById('content')"
        ".append(Object.assign(document.createElement('p'), {textContent: 'more'}))"
    )
    until(page, f"{FRAME_HEIGHT} > {first} + 200")
    assert fits(page, inner)

    inner.evaluate("document.querySelectorAll('#content p').forEach(p => p.remove())")
    until(page, f"{FRAME_HEIGHT} < {first} - 200")
    assert fits(page, inner)
    watched.shot("embed-host-shrunk")
    assert watched.problems == []


def refused(problems: list[str]) -> bool:
    return any("X-Frame-Options" in p or "frame-ancestors" in p for p in problems)


def test_a_page_not_marked_embeddable_is_refused_in_another_sites_frame(watched, origins):
    page = host_page(watched, origins, "/")
    for _ in range(100):
        if refused(watched.problems):
            break
        page.wait_for_timeout(50)
    [inner] = page.main_frame.child_frames

    assert refused(watched.problems), watched.problems
    assert "预决算公开" not in inner.content()


def test_a_chart_embed_on_another_site_draws_and_fits_its_iframe(watched, origins, published):  # noqa: F811
    page = host_page(watched, origins, "/embed/per-capita/")
    page.frame_locator("#embed").locator(".chart-plot .main-svg").first.wait_for(timeout=10_000)
    [inner] = page.main_frame.child_frames
    assert inner.evaluate("location.origin") != page.evaluate("location.origin")

    # grown well past an iframe's default 150 px: a one-bar chart with its words
    until(page, f"{FRAME_HEIGHT} > 300")
    assert fits(page, inner)
    watched.shot("embed-chart-on-host")
    assert watched.problems == []


def test_an_editor_pins_a_chart_and_its_embed_draws_on_another_site(watched, origins, published):  # noqa: F811
    site, _host = origins
    page = watched.page
    # pinning is for members: the editor logs in first
    page.goto(f"{site}/login/?next=/compare/trend/")
    page.fill("input[name=username]", "reviewer")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.url.endswith("/compare/trend/")
    page.locator("details.embed-code summary").click()
    page.get_by_role("button", name="固定当前数据").click()
    pinned = page.get_by_label("固定的嵌入代码")
    pinned.wait_for()
    code = pinned.input_value()
    assert "/embed/pinned/" in code
    watched.shot("embed-pinned-code")

    path = code.split(site, 1)[1].split('"', 1)[0]
    page = host_page(watched, origins, path)
    frame = page.frame_locator("#embed")
    frame.locator(".chart-plot .main-svg").first.wait_for(timeout=10_000)
    assert "此图固定显示" in frame.locator(".pinned-note").inner_text()
    [inner] = page.main_frame.child_frames
    until(page, f"{FRAME_HEIGHT} > 400")
    assert fits(page, inner)
    watched.shot("embed-pinned-on-host")
    assert watched.problems == []
