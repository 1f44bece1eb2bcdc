"""The pages, through the test client: upload, progress, review, correct, publish."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from disclosures.models import Document

pytestmark = pytest.mark.django_db


def upload_form(client, *files: tuple[str, bytes], **fields):
    payload = [io.BytesIO(data) for _, data in files]
    for buffer, (name, _) in zip(payload, files, strict=True):
        buffer.name = name
    return client.post(reverse("upload"), {"files": payload, **fields})


def test_a_journalist_uploads_several_files_and_a_zip_through_the_form(client, journalist, samples):
    client.force_login(journalist)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(samples[2][0], samples[2][1])
        z.writestr("readme.exe", b"MZ\x90\x00" + bytes(range(256)))

    response = upload_form(client, samples[0], samples[1], ("bundle.zip", archive.getvalue()))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("已接收") == 3 and "readme.exe" in page
    assert Document.objects.filter(uploaded_by=journalist).count() == 3
    assert f'data-document-id="{Document.objects.first().pk}"' in page


def test_the_same_file_uploaded_again_is_shown_as_already_there(client, journalist, sample):
    client.force_login(journalist)
    upload_form(client, sample)

    response = upload_form(client, ("again.txt", sample[1]))

    assert "已上传过" in response.content.decode()
    assert Document.objects.count() == 1


def test_an_upload_over_the_request_limit_is_refused_before_it_is_stored(
    client, journalist, settings
):
    settings.UPLOAD_MAX_REQUEST_MB = 1
    client.force_login(journalist)

    response = upload_form(client, ("big.txt", "预算".encode() * 400_000))

    assert response.status_code == 413
    assert not Document.objects.exists()


def test_the_status_endpoint_reports_progress_for_the_page_to_poll(client, parsed, journalist):
    document, disclosure = parsed
    client.force_login(journalist)

    response = client.get(reverse("documents_status"), {"ids": f"{document.pk},999999"})

    [status] = response.json()["documents"]
    assert status["status"] == "parsed" and status["done"] is True
    assert status["progress"].startswith("已解析 · ")
    assert status["disclosures"][0]["url"] == reverse("disclosure", args=[disclosure.pk])
    assert "no-cache" in response["Cache-Control"]


def test_the_upload_page_loads_its_script_from_a_file_not_inline(client, journalist):
    client.force_login(journalist)

    page = client.get(reverse("upload")).content.decode()

    assert "js/upload-status.js" in page
    assert "<script>" not in page


def test_the_review_page_shows_a_pdf_value_on_its_page_image(
    client, reviewer, realdoc, upload_and_parse
):
    [outcome] = upload_and_parse(reviewer, realdoc("sh-putuo_zhengfuban_2025_dept-budget.pdf"))
    disclosure = outcome.document.disclosures.get()
    item = disclosure.items.exclude(box=None).first()
    client.force_login(reviewer)

    address = f"item:{item.classification}:{item.scope}:{item.code}:total"
    page = client.get(reverse("disclosure", args=[disclosure.pk]), {"focus": address})

    image = page.context["focus"]["image"]
    assert image.startswith(reverse("document_page", args=[outcome.document.pk, item.page]))
    assert "?box=" in image
    png = client.get(image)
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get(reverse("document_page", args=[outcome.document.pk, 999])).status_code == 404


def test_the_review_page_quotes_the_sentence_a_figure_came_from(client, reviewer, parsed):
    _, disclosure = parsed
    stated = disclosure.figures.exclude(sentence="").first()
    client.force_login(reviewer)

    page = client.get(
        reverse("disclosure", args=[disclosure.pk]),
        {"focus": f"figure:{stated.group}:{stated.key}"},
    )

    html = page.content.decode()
    assert stated.sentence in html.replace('<mark class="figure">', "").replace("</mark>", "")
    # the figure is outlined where the sentence states it
    assert f'<mark class="figure">{stated.value.normalize():f}' in html


def test_a_reviewer_corrects_a_value_and_sees_it_in_the_data_and_history(client, reviewer, parsed):
    _, disclosure = parsed
    client.force_login(reviewer)
    address = "figure:totals:expenditure"

    response = client.post(
        reverse("disclosure_correct", args=[disclosure.pk]),
        {"address": address, "value": "700.01", "reason": "以表1为准"},
    )

    assert response.status_code == 302
    assert disclosure.figures.get(group="totals", key="expenditure").value == Decimal("700.01")
    page = client.get(response.url).content.decode()
    assert "以表1为准" in page and "700.01" in page


def test_a_correction_without_a_reason_changes_nothing(client, reviewer, parsed):
    _, disclosure = parsed
    client.force_login(reviewer)

    client.post(
        reverse("disclosure_correct", args=[disclosure.pk]),
        {"address": "figure:totals:expenditure", "value": "1", "reason": ""},
    )

    assert not disclosure.corrections.exists()


def test_published_data_and_its_originals_are_public_and_drafts_are_not(client, reviewer, parsed):
    document, disclosure = parsed
    detail = reverse("disclosure", args=[disclosure.pk])
    original = reverse("document_original", args=[document.pk])
    assert client.get(detail).status_code == 404
    assert client.get(original).status_code == 404

    client.force_login(reviewer)
    assert client.post(reverse("disclosure_publish", args=[disclosure.pk])).status_code == 302
    client.logout()

    assert client.get(detail).status_code == 200
    assert disclosure.agency.name in client.get(reverse("disclosure_list")).content.decode()
    download = client.get(original)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == document.file.open("rb").read()


def test_a_reviewer_merges_two_agencies_on_the_merge_page(
    client, reviewer, samples, upload_and_parse
):
    upload_and_parse(reviewer, *samples)
    from disclosures.models import Agency

    keep, absorb = Agency.objects.order_by("pk")[:2]
    client.force_login(reviewer)

    response = client.post(reverse("agency_merge"), {"keep": keep.pk, "absorb": absorb.pk})

    assert response.status_code == 302
    assert keep.aliases.filter(name=absorb.name).exists()


# --- who may do what --------------------------------------------------------------------

ANONYMOUS, NO_ROLE, JOURNALIST, REVIEWER = "anonymous", "no role", "journalist", "reviewer"


@pytest.fixture
def as_role(client, django_user_model, journalist, reviewer):
    people = {
        NO_ROLE: django_user_model.objects.create_user("reader", password="pw-x-1234"),
        JOURNALIST: journalist,
        REVIEWER: reviewer,
    }

    def login(role):
        client.logout()
        if role != ANONYMOUS:
            client.force_login(people[role])
        return client

    return login


@pytest.mark.parametrize(
    ("method", "name", "expected"),
    [
        ("get", "upload", {ANONYMOUS: 302, NO_ROLE: 403, JOURNALIST: 200, REVIEWER: 200}),
        ("get", "document_list", {ANONYMOUS: 302, NO_ROLE: 403, JOURNALIST: 200, REVIEWER: 200}),
        ("get", "document", {ANONYMOUS: 404, NO_ROLE: 404, JOURNALIST: 200, REVIEWER: 200}),
        ("get", "document_original", {ANONYMOUS: 404, NO_ROLE: 404, JOURNALIST: 200, REVIEWER: 200}),
        ("post", "document_reparse", {ANONYMOUS: 302, NO_ROLE: 403, JOURNALIST: 403, REVIEWER: 302}),
        ("get", "disclosure_list", {ANONYMOUS: 200, NO_ROLE: 200, JOURNALIST: 200, REVIEWER: 200}),
        ("get", "disclosure", {ANONYMOUS: 404, NO_ROLE: 404, JOURNALIST: 200, REVIEWER: 200}),
        ("post", "disclosure_correct", {ANONYMOUS: 302, NO_ROLE: 403, JOURNALIST: 403, REVIEWER: 302}),
        ("post", "disclosure_publish", {ANONYMOUS: 302, NO_ROLE: 403, JOURNALIST: 403, REVIEWER: 302}),
        ("get", "agency_merge", {ANONYMOUS: 302, NO_ROLE: 403, JOURNALIST: 403, REVIEWER: 200}),
        ("get", "desk", {ANONYMOUS: 302, NO_ROLE: 403, JOURNALIST: 403, REVIEWER: 200}),
    ],
)  # fmt: skip
def test_each_role_may_do_what_its_permissions_say(as_role, parsed, method, name, expected):
    document, disclosure = parsed
    args = {"document": [document.pk], "document_original": [document.pk],
            "document_reparse": [document.pk], "disclosure": [disclosure.pk],
            "disclosure_correct": [disclosure.pk], "disclosure_publish": [disclosure.pk]}  # fmt: skip
    url = reverse(name, args=args.get(name, []))
    data = {"address": "figure:totals:expenditure", "value": "1", "reason": "r"}

    got = {role: getattr(as_role(role), method)(url, data if method == "post" else {}).status_code
           for role in expected}  # fmt: skip

    assert got == expected


def test_only_those_who_may_review_see_the_drafts(as_role, parsed):
    _, disclosure = parsed

    assert "待审核" not in as_role(ANONYMOUS).get(reverse("disclosure_list")).content.decode()
    assert "待审核" in as_role(JOURNALIST).get(reverse("disclosure_list")).content.decode()


def test_the_login_page_lets_a_journalist_in(client, journalist):
    response = client.post(
        reverse("login"), {"username": "journalist", "password": "pw-j-1234"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("upload")
