"""Every response under a strict Content-Security-Policy; framing refused except for views
marked `embeddable`; no inline script or style left in the templates; plotly.js served from
our own static files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from config.security import SITE_HEADER

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.parametrize("url", ["/", "/login/", "/admin/login/", "/api/agencies/", "/nowhere/"])
def test_every_response_refuses_inline_script_eval_and_framing(client, url):
    response = client.get(url)
    policy = directives(response)

    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["script-src"] == policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.urls("tests.browser.urls")
def test_an_embeddable_view_may_be_framed_by_any_site_and_nothing_else_changes(client):
    response = client.get("/test/embed-frame/")
    policy = directives(response)

    assert policy["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in response
    assert {k: v for k, v in policy.items() if k != "frame-ancestors"} == {
        k: v for k, v in directives(client.get("/")).items() if k != "frame-ancestors"
    }


def test_a_view_that_states_its_own_policy_keeps_it(client):
    # the browser tests' host page does; the site's own views do not
    from config.security import SecurityHeadersMiddleware

    def view(request):
        from django.http import HttpResponse

        response = HttpResponse("ok")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = SecurityHeadersMiddleware(view)(None)
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert SITE_HEADER != "default-src 'none'"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an on...= event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=str)
def test_templates_have_no_inline_script_or_style_for_the_policy_to_block(template):
    text = template.read_text(encoding="utf-8")

    found = [what for pattern, what in INLINE if pattern.search(text)]
    assert not found, f"{template.relative_to(TEMPLATES)}: {', '.join(found)}; use static files"


def test_plotly_js_is_served_from_our_static_files_as_the_plotly_package_ships_it():
    import plotly

    found = finders.find("vendor/plotly.min.js")

    assert found is not None
    assert Path(found).read_bytes()[:200].decode().count("plotly.js") == 1
    assert Path(found).parent == Path(plotly.__file__).parent / "package_data"


def test_collectstatic_copies_plotly_js_with_the_site_files(settings, tmp_path):
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)

    assert (tmp_path / "vendor" / "plotly.min.js").stat().st_size > 1_000_000
    assert (tmp_path / "js" / "embed-resize.js").exists()


def test_only_djangos_debug_error_pages_go_without_the_policy(client, settings):
    settings.DEBUG = True

    debug_page = client.get("/nowhere/")
    api_error = client.get("/api/agencies/?yaer=2026")

    assert debug_page.status_code == 404 and "Content-Security-Policy" not in debug_page
    assert api_error.status_code == 400 and "Content-Security-Policy" in api_error
