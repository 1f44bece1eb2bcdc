"""Malformed requests are a 400 that says what is wrong in one line, never a 500."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from disclosures.models import Document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/agencies/", {"q": "海口\x00"}),
        ("/compare/mix/", {"q": "\x00"}),
        ("/compare/trend/", {"year": "2026", "agency": "1\x00"}),
        ("/api/agencies/", {"q": "\x00"}),
    ],
)
def test_a_nul_byte_in_a_filter_is_a_clear_400(client, url, query):
    response = client.get(url, query)

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.parametrize("focus", ["finding:abc", "finding:1.5", "finding:" + "9" * 30])
def test_a_focus_that_is_not_a_finding_number_is_a_clear_400(client, parsed, reviewer, focus):
    _document, disclosure = parsed
    client.force_login(reviewer)

    response = client.get(reverse("disclosure", args=[disclosure.pk]), {"focus": focus})

    assert response.status_code == 400
    assert "整数" in response.content.decode()


def test_sixty_files_in_one_upload_are_refused_with_a_message(client, journalist, settings):
    client.force_login(journalist)
    files = []
    for n in range(60):
        buffer = io.BytesIO(b"x")
        buffer.name = f"f{n}.txt"
        files.append(buffer)

    response = client.post(reverse("upload"), {"files": files})

    assert response.status_code == 400
    assert f"一次最多上传 {settings.DATA_UPLOAD_MAX_NUMBER_FILES} 个文件" in (
        response.content.decode()
    )
    assert not Document.objects.exists()
