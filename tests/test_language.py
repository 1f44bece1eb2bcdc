"""Chinese by default, whatever the browser says; English once the reader switches."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_until_it_switches(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "zh-hans"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")["Content-Language"] == "en"
