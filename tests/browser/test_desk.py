"""The reviewer's desk in Chromium: log in, take the most flagged disclosure from the
queue, step through its figures by keyboard with each source at full width, correct one
with a reason, publish, and read the correction as the public does, in both languages,
with the version before it still at its own address."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from disclosures import services
from disclosures.models import Disclosure

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "tests" / "data" / "realdocs" / "js_jianchayuan_2017_dept-budget.pdf"
SAMPLE = sorted((ROOT / "disclosures" / "fixtures" / "samples").glob("*.txt"))[0]
PASSWORD = "browser-desk-pw-1"
STAFF = "figure:headcount:actual"
SCREENSHOTS = ROOT / "var" / "screenshots"


def shot(page, name: str, full: bool = True) -> None:
    """A screenshot; of the window only where a frame's scrolling is the point."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full)


def upload_and_parse(user, path: Path):
    [outcome] = services.document_upload(files=[(path.name, path.read_bytes())], user=user)
    services.document_parse(document_id=outcome.document.pk)
    return outcome.document


@pytest.fixture
def desk(live_server, monkeypatch):
    """A published disclosure with a correction awaiting review in a new draft (v2), beside
    a draft with fewer findings."""
    monkeypatch.setattr("disclosures.services.upload.parse_enqueue", lambda document_id: None)
    reviewer = services.member_add(username="desk", role="reviewers", password=PASSWORD)[0]
    document = upload_and_parse(reviewer, PDF)
    first = document.disclosures.get()
    services.disclosure_publish(disclosure=first, user=reviewer)
    # another reviewer's correction of the published headcount awaits review in a new draft
    services.value_correct(
        disclosure=first, address=STAFF, value=Decimal(60), reason="人员情况表", user=reviewer
    )
    upload_and_parse(reviewer, SAMPLE)
    again = Disclosure.objects.get(agency=first.agency, published_at__isnull=True)
    assert again.version == 2 and again.findings.count() > 0
    return {"first": first, "draft": again}


def test_a_reviewer_corrects_the_most_flagged_disclosure_and_the_public_sees_the_note(
    watched, live_server, desk, browser, log_in
):
    page = watched.page
    log_in(page, live_server.url + reverse("login"), "desk", PASSWORD)
    assert page.url.endswith(reverse("desk"))
    watched.shot("desk-queue-zh")
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("h1").inner_text() == "Review desk"
    watched.shot("desk-queue-en")
    with page.expect_navigation():
        page.get_by_role("button", name="中文").click()

    # the first row is the most flagged: the disclosure with the most findings
    with page.expect_navigation():
        page.locator("table.desk tbody tr").first.locator("a.open").click()
    draft = desk["draft"]
    assert page.url.endswith(reverse("disclosure", args=[draft.pk]))

    # j steps to the first figure (收入总计), then on; k steps back
    with page.expect_navigation():
        page.keyboard.press("j")
    assert "focus=figure%3Atotals%3Arevenue" in page.url
    with page.expect_navigation():
        page.keyboard.press("j")
    assert "focus=figure%3Atotals%3Aexpenditure" in page.url
    frame = page.locator(".page-frame")
    image = frame.locator("img.page")
    image.wait_for()
    page.wait_for_function("document.querySelector('.page-frame img.page').naturalWidth > 0")
    assert image.get_attribute("data-box")  # a headline total, outlined on its page
    # at full width: the page image spans the content, not a side panel
    assert image.bounding_box()["width"] > 0.8 * page.locator("main").bounding_box()["width"]
    # the outlined cell is scrolled into the frame's view
    assert frame.evaluate("e => e.scrollTop + e.scrollLeft") > 0
    shot(page, "desk-figure-zh", full=False)
    fitted = image.bounding_box()["width"]
    page.keyboard.press("+")
    assert image.bounding_box()["width"] > 1.4 * fitted
    shot(page, "desk-figure-zoomed-zh", full=False)
    page.keyboard.press("0")
    with page.expect_navigation():
        page.keyboard.press("k")
    assert "focus=figure%3Atotals%3Arevenue" in page.url
    with page.expect_navigation():
        page.keyboard.press("ArrowRight")
    assert "focus=figure%3Atotals%3Aexpenditure" in page.url

    # correct it, with a reason, and publish
    before = draft.figures.get(group="totals", key="expenditure").value
    page.fill("#source input[name=value]", "1234.56")
    page.fill("#source textarea[name=reason]", "支出总表合计行为1234.56")
    with page.expect_navigation():
        page.locator("#source button[type=submit]").click()
    with page.expect_navigation():
        page.get_by_role("button", name="发布").click()
    assert watched.problems == [], watched.problems

    # a visitor reads the current version with its note, and the one before it
    visitor = browser.new_context(locale="zh-CN", viewport={"width": 1100, "height": 800})
    public = visitor.new_page()
    complaints: list[str] = []
    public.on("console", lambda m: m.type in ("error", "warning") and complaints.append(m.text))
    public.goto(live_server.url + reverse("disclosure", args=[draft.pk]))
    note = public.locator("aside.corrections")
    text = note.inner_text()
    assert "更正" in text and "支出总表合计行为1234.56" in text
    assert f"{before:,.2f} 万元 改为 1,234.56 万元" in text
    assert "改为 60 人" in text  # a headcount in people
    assert public.locator("a[href*='/admin/']").count() == 0
    assert public.locator(f"a[href='{reverse('desk')}']").count() == 0
    shot(public, "desk-note-zh")
    with public.expect_navigation():
        note.locator("a").first.click()
    assert public.url.endswith(reverse("disclosure", args=[desk["first"].pk]))
    assert f"{before:,.2f}" in public.locator(".sheet").inner_text()
    assert public.locator("p.replaced").count() == 1
    shot(public, "desk-previous-zh")

    public.goto(live_server.url + reverse("disclosure", args=[draft.pk]))
    with public.expect_navigation():
        public.get_by_role("button", name="English").click()
    english = public.locator("aside.corrections").inner_text()
    assert "Corrected on" in english and "Total spending" in english
    assert "更正：" not in english
    shot(public, "desk-note-en")
    visitor.close()
    assert complaints == []
