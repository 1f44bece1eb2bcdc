"""A parsed file's page says which tables were read and which proved themselves."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_file_page_lists_the_tables_read_and_their_checks(client, journalist, parsed):
    document, _ = parsed
    client.force_login(journalist)
    page = client.get(reverse("document", args=[document.pk])).content.decode()
    assert "读取的表格" in page
    assert page.count('class="verified"') >= 3  # the sample's tables hold
    first = document.records["table_checks"][0]
    assert first["title"] in page


def test_a_table_that_fails_its_checks_says_so_in_each_language(client, journalist, parsed):
    document, _ = parsed
    records = dict(document.records)
    records["table_checks"] = [
        {
            "table": "表3",
            "title": "支出总表",
            "page": 4,
            "verified": False,
            "identities": 9,
            "failed": 3,
        }
    ]
    records["needs_review"] = ["表3 支出总表: 3 of 9 identities fail as read"]
    type(document).objects.filter(pk=document.pk).update(records=records)
    client.force_login(journalist)
    zh = client.get(reverse("document", args=[document.pk])).content.decode()
    assert "✗" in zh and "9 条中 3 条不成立" in zh
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = client.get(reverse("document", args=[document.pk])).content.decode()
    assert "3 of 9 identities fail" in en and "Needs review" in en


def test_a_table_left_unread_says_why_in_each_language(client, journalist, parsed):
    # text copied out of a PDF in reading order: the table's cells stand one a line
    document, _ = parsed
    records = dict(document.records)
    records["table_checks"] = [
        {"table": "表3", "title": "支出总表", "page": 4, "verified": False,
         "identities": 1, "failed": 1, "unread": True}
    ]  # fmt: skip
    type(document).objects.filter(pk=document.pk).update(records=records)
    client.force_login(journalist)
    zh = client.get(reverse("document", args=[document.pk])).content.decode()
    assert "列已丢失" in zh and "1 条中 1 条不成立" not in zh
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = client.get(reverse("document", args=[document.pk])).content.decode()
    assert "columns are lost" in en
