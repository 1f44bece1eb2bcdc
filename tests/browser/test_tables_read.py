"""A journalist's uploaded file, in Chromium: its page lists the tables read and says
which proved themselves by their identities."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse

from disclosures import services

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "tests" / "data" / "realdocs" / "js_jianchayuan_2017_dept-budget.pdf"
PASSWORD = "browser-tables-pw-1"


def test_the_file_page_says_which_tables_were_read_and_verified(
    watched, live_server, monkeypatch, log_in
):
    monkeypatch.setattr("disclosures.services.upload.parse_enqueue", lambda document_id: None)
    journalist = services.member_add(username="tables", role="journalists", password=PASSWORD)[0]
    [outcome] = services.document_upload(files=[(PDF.name, PDF.read_bytes())], user=journalist)
    services.document_parse(document_id=outcome.document.pk)
    page = watched.page
    log_in(page, live_server.url + reverse("login"), "tables", PASSWORD)
    page.goto(live_server.url + reverse("document", args=[outcome.document.pk]))
    checks = page.locator("table.table-checks tbody tr")
    assert checks.count() >= 5
    assert page.locator("table.table-checks tr.verified").count() >= 3
    assert "✓ 已核对" in page.locator("table.table-checks").inner_text()
    watched.shot("tables-read-zh")
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert "Tables read" in page.locator("main").inner_text()
    assert "verified:" in page.locator("table.table-checks").inner_text()
    watched.shot("tables-read-en")
    assert watched.problems == []
