"""What documents and users write reaches Plotly as plain text, and the browser that
draws chart pictures fetches nothing: a row name carrying
`<span style="fill:url(http://…)">` (blind SSRF through an uploaded file) reaches no
listener, whether it is escaped or not."""

from __future__ import annotations

import http.server
import json
import os
import re
import threading

import pytest
from django.urls import reverse

from comparisons import images
from comparisons.plain import plain_text, plotly_plain

CHROMIUM = "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK), reason=f"no Chromium at {CHROMIUM}"
)


@pytest.fixture
def listener():
    """A web server on loopback that notes every request it gets; its address."""
    heard: list[str] = []

    class Note(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            heard.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Note)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", heard
    server.shutdown()
    server.server_close()


def hostile(address: str) -> str:
    return f'<span style="fill:url({address}/x)">中心</span> & <a href="{address}/a">更多</a>'


def test_markup_in_text_becomes_entities_and_the_charts_own_tags_stay():
    assert (
        plain_text('<span style="x">A & B</span>') == '&lt;span style="x"&gt;A &amp; B&lt;/span&gt;'
    )
    assert (
        plain_text("%{x}<br>人均 %{text}<extra></extra>") == "%{x}<br>人均 %{text}<extra></extra>"
    )
    assert plain_text('<br style="fill:url(http://x)">') == '&lt;br style="fill:url(http://x)"&gt;'


def test_every_string_of_a_figure_is_made_plain_and_the_rest_kept():
    figure = {"data": [{"x": ["<b>", 1], "name": "<i x=1>"}], "layout": {"height": 400}}

    assert plotly_plain(figure) == {
        "data": [{"x": ["<b>", 1], "name": "&lt;i x=1&gt;"}],
        "layout": {"height": 400},
    }


@pytest.mark.django_db
def test_the_pages_figure_carries_a_hostile_agency_name_as_text(client, publish, sample_files):
    name, data = sorted(sample_files.items())[0]
    publish((name, data), agency=hostile("http://127.0.0.1:9"))

    html = client.get(reverse("compare_trend")).content.decode()

    block = re.search(r'<script id="chart-figure" type="application/json">(.*?)</script>', html)
    figure = json.loads(block.group(1))
    text = json.dumps(figure, ensure_ascii=False)
    assert "&lt;span" in text and "<span" not in text and "<a" not in text


@needs_chromium
def test_the_chart_browser_fetches_nothing_even_for_unescaped_markup(listener):
    address, heard = listener
    name = hostile(address)
    figure = {
        "data": [{"type": "bar", "x": [name, "b"], "y": [1, 2], "name": name}],
        "layout": {"title": {"text": name}, "width": 400, "height": 300},
    }

    picture = images.render(figure, "png")

    assert picture.startswith(b"\x89PNG")
    assert heard == []


@needs_chromium
def test_a_chart_picture_of_a_hostile_row_name_reaches_no_listener(listener, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    address, heard = listener
    name = hostile(address)
    figure = {
        "data": [
            {
                "type": "bar",
                "x": [name, "其他"],
                "y": [1, 2],
                "name": name,
                "hovertemplate": f"{name}<br>%{{x}}<extra></extra>",
            }
        ],
        "layout": {
            "title": {"text": f"{name}<br><sub>{name}</sub>"},
            "annotations": [{"text": f"来源：{name}", "x": 0, "y": 0, "showarrow": False}],
        },
    }

    svg = images.chart_image(figure, "svg").decode()

    assert "&#60;span" in svg  # the name, drawn as the text it is
    assert not re.search(r"<[a-z]+[^>]*fill:url\(http", svg)
    assert heard == []
