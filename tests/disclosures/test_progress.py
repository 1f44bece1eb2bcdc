"""'Page N of M' while a document is parsed: from the parser, through the sandbox, to the page."""

from __future__ import annotations

import pytest
from django.utils import translation

from disclosures import selectors, services
from disclosures.models import Document

pytestmark = pytest.mark.django_db


# committed rows: the sandbox's reader thread writes through a connection of its own
@pytest.mark.django_db(transaction=True)
def test_the_pages_read_reach_the_document_through_the_sandbox(
    real_sandbox, realdoc, journalist, monkeypatch
):
    monkeypatch.setattr("disclosures.tasks.document_parse.delay", lambda *_: None)
    [outcome] = services.document_upload(
        files=[realdoc("js_renda_2019_dept-budget-tables.pdf")], user=journalist
    )
    monkeypatch.setattr("disclosures.services.parse._PagesRead.EVERY", 0)
    services.document_parse(document_id=outcome.document.pk)
    document = Document.objects.get(pk=outcome.document.pk)
    assert document.status == Document.Status.PARSED
    assert document.pages_read == document.pages == 13


def test_the_status_line_says_which_page_is_being_read(journalist):
    document = Document(
        name="a.pdf",
        sha256="0" * 64,
        size=1,
        format="pdf",
        pages=22,
        pages_read=8,
        status=Document.Status.PARSING,
    )
    assert "第 8/22 页" in selectors.document_progress(document)
    with translation.override("en"):
        assert "page 8 of 22" in selectors.document_progress(document)
    document.status = Document.Status.PARSED
    assert selectors.document_progress(document) == "已解析 · 22 页"
