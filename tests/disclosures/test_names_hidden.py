"""Visitors see what was published and corrected, never who uploaded or corrected it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from disclosures import services

pytestmark = pytest.mark.django_db
NAME = "zhangwei_newsdesk"
ADDRESS = "figure:totals:expenditure"


@pytest.fixture
def corrected(upload_and_parse, sample):
    member = services.member_add(username=NAME, role="reviewers", password="pw-z-1234")[0]
    [outcome] = upload_and_parse(member, sample)
    disclosure = outcome.document.disclosures.get()
    services.value_correct(
        disclosure=disclosure, address=ADDRESS, value=Decimal("1"), reason="typo", user=member
    )
    services.disclosure_publish(disclosure=disclosure, user=member)
    return member, outcome.document, disclosure


def pages(document, disclosure) -> list[str]:
    return [
        reverse("document", args=[document.pk]),
        reverse("disclosure", args=[disclosure.pk]) + f"?focus={ADDRESS}",
    ]


def test_a_visitor_sees_no_usernames(client, corrected):
    _member, document, disclosure = corrected

    for url in pages(document, disclosure):
        response = client.get(url)
        assert response.status_code == 200
        assert NAME not in response.content.decode(), url


def test_a_member_still_sees_who_did_what(client, corrected):
    member, document, disclosure = corrected
    client.force_login(member)

    for url in pages(document, disclosure):
        # the header's logout button names the member too: count more than that
        assert client.get(url).content.decode().count(NAME) >= 2, url
