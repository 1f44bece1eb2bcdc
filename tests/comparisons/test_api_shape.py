"""The series' answers keep the keys, in the order, that clients read before the API was
generated from schemas."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def test_a_compared_disclosure_keeps_its_keys_in_order(client, samples):
    data = json.loads(client.get("/api/comparisons/per-capita/").content)

    disclosure = data["results"][0]["disclosure"]
    assert list(data) == ["page", "page_size", "next", "previous", "page_url", "chart", "results"]
    assert list(disclosure) == ["id", "year", "kind", "scope", "url", "agency"]
    assert list(disclosure["agency"]) == ["id", "name", "region", "kind", "url"]
