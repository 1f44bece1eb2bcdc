"""Each main page in Chromium, as a visitor and as a reviewer, in Chinese and in English:
it renders, and the console shows no error and no Content-Security-Policy violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from disclosures import services

SAMPLES = Path(__file__).resolve().parents[2] / "disclosures" / "fixtures" / "samples"
PASSWORD = "browser-test-pw-1"


def optional(name: str) -> list[str]:
    """Pages of apps that may not exist yet (the comparisons) are opened when they do."""
    try:
        return [reverse(name)]
    except NoReverseMatch:
        return []


@pytest.fixture
def published(live_server, monkeypatch):
    """A reviewer, and the first sample uploaded, parsed in the sandbox and published."""
    monkeypatch.setattr("disclosures.services.upload.parse_enqueue", lambda document_id: None)
    reviewer = services.member_add(username="reviewer", role="reviewers", password=PASSWORD)[0]
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    [outcome] = services.document_upload(files=[(sample.name, sample.read_bytes())], user=reviewer)
    services.document_parse(document_id=outcome.document.pk)
    draft = outcome.document.disclosures.get()
    services.disclosure_publish(disclosure=draft, user=reviewer)
    return {"document": outcome.document, "disclosure": draft, "reviewer": reviewer}


def visit(watched, url: str, name: str):
    response = watched.page.goto(url)
    assert response is not None and response.status == 200, url
    watched.shot(name)
    assert watched.problems == [], (url, watched.problems)
    return watched.page


def test_a_visitor_reads_every_public_page_in_chinese_then_english(watched, live_server, published):
    d = published["disclosure"]
    pages = {
        "home": "/",
        "disclosures": reverse("disclosure_list"),
        "review": reverse("disclosure", args=[d.pk]) + "?focus=figure:totals:expenditure",
        "admin-login": "/admin/login/",
        **{f"comparisons-{n}": u for n in ("agency_list", "compare") for u in optional(n)},
    }
    for name, url in pages.items():
        page = visit(watched, live_server.url + url, f"visitor-{name}-zh")
        assert page.locator("html").get_attribute("lang") == "zh-hans"

    page = visit(watched, live_server.url + "/", "visitor-home-zh")
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".brand").inner_text() == "Budget Disclosures"
    for name, url in pages.items():
        visit(watched, live_server.url + url, f"visitor-{name}-en")

    with page.expect_navigation():
        page.get_by_role("button", name="中文").click()
    assert page.locator(".brand").inner_text() == "预决算公开"
    assert watched.problems == []


def test_a_reviewer_logs_in_and_opens_upload_review_and_document_pages(
    watched, live_server, published
):
    page = visit(watched, live_server.url + reverse("login"), "reviewer-login")
    page.fill("input[name=username]", "reviewer")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.url.endswith(reverse("desk"))  # reviewers land on their desk

    d, document = published["disclosure"], published["document"]
    visit(watched, live_server.url + reverse("upload"), "reviewer-upload")
    assert page.locator(f'tr[data-document-id="{document.pk}"]').count() == 1
    review = reverse("disclosure", args=[d.pk]) + "?focus=figure:totals:expenditure#source"
    visit(watched, live_server.url + review, "reviewer-review")
    assert page.locator("#source form textarea").count() == 1  # the correction form
    visit(watched, live_server.url + reverse("document", args=[document.pk]), "reviewer-document")
    visit(watched, live_server.url + reverse("document_list"), "reviewer-documents")
