"""Page images cost the web process little whatever the page's size in points: drawn in a
limited child at a bounded size, once, then read from disk."""

from __future__ import annotations

import io
import math
import resource
import time
from pathlib import Path

import pypdfium2
import pytest
from django.urls import reverse
from pdf_variants import sideways
from PIL import Image

from disclosures import page_images, pages
from disclosures.models import Document

pytestmark = pytest.mark.django_db
REALDOCS_MORE = Path(__file__).resolve().parents[1] / "data" / "realdocs-more"


def one_page_pdf(width: float, height: float) -> bytes:
    pdf = pypdfium2.PdfDocument.new()
    pdf.new_page(width, height)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


@pytest.fixture
def published_pdf(upload_and_parse, journalist, client):
    """A PDF of one page of the given size in points, stored as a parsed document, and
    the client logged in as its uploader (a published file's pages are anyone's)."""
    client.force_login(journalist)

    def make(width: float, height: float) -> Document:
        [outcome] = upload_and_parse(journalist, ("huge.pdf", one_page_pdf(width, height)))
        Document.objects.filter(pk=outcome.document.pk).update(status="parsed", records={})
        return outcome.document

    return make


def megabytes_used() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("points", [3000, 14400])
def test_a_huge_page_answers_fast_with_a_bounded_picture_and_memory(client, published_pdf, points):
    document = published_pdf(points, points)
    url = reverse("document_page", args=[document.pk, 1])
    before = megabytes_used()

    started = time.monotonic()
    response = client.get(url, {"box": "10,10,200,40"})
    first = time.monotonic() - started

    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    width, height = Image.open(io.BytesIO(response.content)).size
    assert width * height <= pages.MAX_PIXELS
    assert first < 10
    assert megabytes_used() - before < 150  # the drawing's memory was the child's
    started = time.monotonic()
    assert client.get(url).status_code == 200
    assert time.monotonic() - started < 1  # from disk


def test_a_page_is_drawn_once_and_each_box_is_outlined_on_the_kept_one(
    client, published_pdf, monkeypatch
):
    document = published_pdf(595, 842)
    url = reverse("document_page", args=[document.pk, 1])
    drawn = []
    real = page_images.run_in_child
    monkeypatch.setattr(
        page_images, "run_in_child", lambda *a, **k: drawn.append(a[2]) or real(*a, **k)
    )

    plain = client.get(url).content
    boxed = client.get(url, {"box": "100,100,300,130"}).content
    other = client.get(url, {"box": "100,200,300,230"}).content

    assert drawn == ["1"]
    assert len({plain, boxed, other}) == 3
    red = Image.open(io.BytesIO(boxed)).convert("RGB").getpixel((int(100 * 1.5) - 4, 160))
    assert red == pages.HIGHLIGHT


def test_a_box_asked_for_again_is_read_from_disk(client, published_pdf, monkeypatch):
    document = published_pdf(595, 842)
    url = reverse("document_page", args=[document.pk, 1])
    outlined = []
    real = pages.outlined
    monkeypatch.setattr(pages, "outlined", lambda *a: outlined.append(a[1]) or real(*a))

    first = client.get(url, {"box": "100,100,300,130"}).content
    again = client.get(url, {"box": "100,100,300,130"}).content

    assert first == again and outlined == [(100, 100, 300, 130)]


def test_boxes_beyond_the_kept_number_are_drawn_but_not_kept(client, published_pdf, monkeypatch):
    document = published_pdf(595, 842)
    url = reverse("document_page", args=[document.pk, 1])
    monkeypatch.setattr(page_images, "MAX_KEPT_OUTLINES", 2)

    answers = [client.get(url, {"box": f"10,{top},90,{top + 20}"}) for top in range(10, 60, 10)]

    assert all(a.status_code == 200 for a in answers)
    kept = page_images._kept(document, 1).parent
    assert len(list(kept.glob("*-*.png"))) == 2


def test_a_page_the_file_does_not_have_is_not_found(client, published_pdf):
    document = published_pdf(595, 842)

    assert client.get(reverse("document_page", args=[document.pk, 2])).status_code == 404


def test_a_page_that_cannot_be_drawn_in_time_is_a_503_to_retry(client, published_pdf, monkeypatch):
    document = published_pdf(595, 842)
    monkeypatch.setattr(page_images, "MAX_SECONDS", 0.001)

    response = client.get(reverse("document_page", args=[document.pk, 1]))

    assert response.status_code == 503 and response["Retry-After"]


@pytest.mark.parametrize(
    ("width", "height"), [(595, 842), (14400, 14400), (14400, 3), (3, 14400), (1, 1)]
)
def test_the_scale_keeps_every_page_within_the_pixel_cap(width, height):
    scale = pages.fitting_scale(width, height)

    pixels = math.ceil(width * scale) * math.ceil(height * scale)
    assert pixels <= pages.MAX_PIXELS and scale <= pages.SCALE
    if width * height * pages.SCALE**2 <= pages.MAX_PIXELS:
        assert scale == pages.SCALE  # an ordinary page keeps its sharpness


@pytest.mark.django_db(False)
def test_a_page_whose_text_is_set_sideways_is_drawn_as_the_parser_reads_it():
    # the parser turns such a page upright and gives its boxes on the page so turned
    portrait = REALDOCS_MORE / "jiangsu-suzhou_kejiju_2026_unit-budget.pdf"

    image, _ = pages.page_image(sideways(portrait.read_bytes()), 12, scale=0.5)

    assert image.height > image.width  # upright, as the page was made
