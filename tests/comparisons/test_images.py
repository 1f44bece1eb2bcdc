"""The charts as PNG and SVG files: drawn by Debian's Chromium through kaleido, Chinese
legible (read back by the project's own OCR), kept once drawn, and a plain 503 when
they cannot be drawn."""

from __future__ import annotations

import io
import os
import re
import threading
import time
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.urls import reverse
from PIL import Image

from comparisons import images
from comparisons.image_views import file_name
from disclosures.parsing.extract.ocr import ocr_words

CHROMIUM = "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason=f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run installs it)",
)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
QUERY = {"year": 2026}


def page_figure(client, name="compare_per_capita"):
    return client.get(reverse(name), QUERY).context["figure"]


def chart_url(comparison, fmt, **query):
    return reverse("chart_image", args=[comparison, fmt]), {**QUERY, **query}


@needs_chromium
def test_the_png_is_the_charts_picture_and_its_chinese_reads_back(client, samples):
    figure = page_figure(client)
    response = client.get(*chart_url("per-capita", "png"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    picture = Image.open(io.BytesIO(response.content))
    assert picture.size == (images.WIDTH * 2, images.HEIGHT * 2)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    picture.save(SCREENSHOTS / "chart-per-capita.png")

    # Tofu boxes (no CJK font) or a blank picture would read as nothing here.
    read = "".join(word.text for word in ocr_words(picture, 1.0))
    title = re.split(r"[（(<]", figure["layout"]["title"]["text"])[0]
    assert len(title) >= 6 and title in read
    first_document = figure["layout"]["yaxis"]["ticktext"][0]
    assert sum(c in read for c in first_document) >= 0.8 * len(first_document)


@needs_chromium
def test_the_svg_holds_the_charts_chinese_title_as_text(client, samples):
    figure = page_figure(client, "compare_mix")
    response = client.get(*chart_url("mix", "svg"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.startswith("<svg") and 'width="1000" height="600"' in svg
    assert figure["layout"]["title"]["text"] in svg
    # opened in a tab, its style attributes apply and no script can run
    policy = response["Content-Security-Policy"]
    assert "script-src" not in policy and "default-src 'none'" in policy and "sandbox" in policy


def test_the_same_chart_is_drawn_once_and_new_data_draws_it_anew(
    client, samples, renders, more_agencies
):
    url = reverse("chart_image", args=["trend", "png"])  # every agency and year
    first, second = client.get(url), client.get(url)
    assert first.content == second.content and len(renders) == 1

    client.get(reverse("chart_image", args=["trend", "svg"]))
    assert [fmt for _figure, fmt in renders] == ["png", "svg"]

    more_agencies(1)  # another agency published: a line more on the chart
    client.get(url)
    client.get(url)
    assert len(renders) == 3


def test_a_changed_figure_is_a_new_picture_and_the_same_one_is_read_from_disk(renders, settings):
    figure = {"data": [{"type": "bar", "x": ["甲"], "y": [1.0]}], "layout": {}}
    images.chart_image(figure, "png")
    images.chart_image({**figure}, "png")
    assert len(renders) == 1
    assert len(list((Path(settings.MEDIA_ROOT) / "charts").glob("*.png"))) == 1

    images.chart_image({**figure, "data": [{"type": "bar", "x": ["甲"], "y": [2.0]}]}, "png")
    assert len(renders) == 2


def test_one_picture_is_drawn_at_a_time(monkeypatch, settings):
    drawing, most, drawn = [0], [0], []

    def slow(figure, fmt):
        drawing[0] += 1
        most[0] = max(most[0], drawing[0])
        time.sleep(0.3)
        drawing[0] -= 1
        drawn.append(fmt)
        return b"picture"

    monkeypatch.setattr(images, "render", slow)
    figure = {"data": [{"type": "bar", "x": ["甲"], "y": [1.0]}], "layout": {}}
    other = {**figure, "layout": {"title": {"text": "乙"}}}
    threads = [
        threading.Thread(target=images.chart_image, args=(f, "png"))
        for f in (figure, figure, other)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1
    assert len(drawn) == 2  # the second request for the same figure waited and found it


def test_the_download_is_an_attachment_named_after_the_chart(client, samples, renders):
    figure = page_figure(client)
    response = client.get(*chart_url("per-capita", "png", download=1))
    disposition = unquote(response["Content-Disposition"])
    assert disposition.startswith("attachment;")
    name = file_name(figure, "per-capita")
    assert name.startswith(figure["layout"]["title"]["text"][:6]) and f"{name}.png" in disposition
    assert "Content-Disposition" not in client.get(*chart_url("per-capita", "png"))


def test_a_picture_may_be_shown_by_other_sites_and_cached_a_while(client, samples, renders):
    response = client.get(*chart_url("trend", "png"))
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "public" in response["Cache-Control"] and "max-age=600" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]  # the language is the reader's cookie


def test_an_unknown_chart_or_format_is_not_found(client, samples, renders):
    assert client.get(reverse("chart_image", args=["ranking", "png"])).status_code == 404
    assert client.get(reverse("chart_image", args=["per-capita", "gif"])).status_code == 404
    assert renders == []


def test_a_chart_without_published_data_is_not_found(client, db, renders):
    assert client.get(*chart_url("per-capita", "png")).status_code == 404


def test_a_renderer_that_fails_gives_a_plain_one_line_503_and_a_log_line(
    client, samples, monkeypatch, caplog
):
    def broken(figure, fmt):
        raise images.RenderError("the browser died")

    monkeypatch.setattr(images, "render", broken)
    response = client.get(*chart_url("per-capita", "png"))

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert text.count("\n") == 1 and "Traceback" not in text
    assert "no-store" in response["Cache-Control"]
    assert "the browser died" in caplog.text


def test_without_a_browser_the_picture_is_a_503(client, samples, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    response = client.get(*chart_url("per-capita", "svg"))
    assert response.status_code == 503
    assert response.content.decode().count("\n") == 1


@needs_chromium
def test_a_draw_that_takes_too_long_is_abandoned_with_a_503(client, samples, monkeypatch):
    monkeypatch.setattr(images, "RENDER_TIMEOUT", 0.05)
    started = time.monotonic()
    response = client.get(*chart_url("per-capita", "png"))
    assert response.status_code == 503
    assert time.monotonic() - started < 15


def test_each_chart_links_its_png_svg_and_static_picture(client, samples):
    html = client.get(reverse("compare_trend"), {**QUERY, "real": 1}).content.decode()
    caption = re.search(r"<figcaption>.*?</figcaption>", html, re.S).group(0)
    assert '"/chart/trend.png?year=2026&amp;real=1&amp;download=1"' in caption
    assert '"/chart/trend.svg?year=2026&amp;real=1&amp;download=1"' in caption
    assert '"http://testserver/chart/trend.png?year=2026&amp;real=1"' in caption
    assert "静态图片" in caption

    embed = client.get(reverse("embed", args=["mix"]), QUERY).content.decode()
    assert '"http://testserver/chart/mix.png?year=2026"' in embed


def test_a_long_source_line_is_wrapped_under_the_title_for_the_picture():
    source = "来源：" + "、".join(f"某某市社会保险事业管理中心{y}年预算" for y in range(2015, 2027))
    figure = {
        "data": [],
        "layout": {"title": {"text": "标题"}, "annotations": [{"text": source}]},
    }
    laid = images.for_image(figure)["layout"]
    lines = laid["title"]["subtitle"]["text"].split("<br>")
    assert len(lines) > 1 and "".join(lines) == source
    assert all(len(line) <= 70 for line in lines)
    assert laid["annotations"] == [] and figure["layout"]["annotations"]  # a copy


def test_the_render_check_names_the_missing_browser(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(images.RenderError, match="/nonexistent/chromium"):
        images.render({"data": [], "layout": {}}, "png")


def test_the_picture_is_as_wide_as_set_and_as_high_as_the_chart_asks():
    assert images.for_image({"data": [], "layout": {}})["layout"]["width"] == images.WIDTH
    assert images.for_image({"data": [], "layout": {}})["layout"]["height"] == images.HEIGHT
    assert images.for_image({"data": [], "layout": {"height": 900}})["layout"]["height"] == 900
    tall = images.for_image({"data": [], "layout": {"height": 9000}})
    assert tall["layout"]["height"] == images.MAX_HEIGHT


def test_a_reader_who_chose_english_gets_the_chart_in_english(client, samples, renders):
    client.get(*chart_url("mix", "png"))
    client.cookies["django_language"] = "en"
    client.get(*chart_url("mix", "png"))

    chinese, english = (figure["layout"]["title"]["text"] for figure, _fmt in renders)
    assert "比较" in chinese and english != chinese and not re.search(r"[\u4e00-\u9fff]", english)
