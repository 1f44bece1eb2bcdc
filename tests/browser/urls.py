"""The site's URLs plus two test pages: an embeddable page and a host page that frames it
from another origin, as an editor's story would. Nothing here is served by the site."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.security import embeddable
from config.urls import urlpatterns as site

# Enough text to be taller than an iframe's default 150 px, with no style attribute
# (the page runs under the site's CSP, which forbids them).
EMBED = """<!doctype html><html lang="zh-hans"><head><meta charset="utf-8">
<title>嵌入测试 embed test</title>
<link rel="icon" href="/static/favicon.svg">
<link rel="stylesheet" href="/static/css/site.css">
<script src="/static/js/embed-resize.js" defer></script></head>
<body><main id="content"><h1>嵌入测试</h1>{rows}</main></body></html>"""


@embeddable
def embed_frame(request: HttpRequest) -> HttpResponse:
    rows = "".join(f"<p>第 {n} 行 row {n}</p>" for n in range(1, 13))
    return HttpResponse(EMBED.format(rows=rows))


def embed_host(request: HttpRequest) -> HttpResponse:
    """Another site's story: it frames `frame` from `site` and loads our host script."""
    site, frame = request.GET["site"], request.GET["frame"]
    html = f"""<!doctype html><html><head><meta charset="utf-8"><title>host</title>
<link rel="icon" href="{site}/static/favicon.svg">
<script src="{site}/static/js/embed-host.js" async></script></head>
<body><p>A story on another site.</p>
<iframe id="embed" src="{site}{frame}" title="embed" width="600"></iframe>
<p id="after">The story goes on.</p></body></html>"""
    response = HttpResponse(html)
    # The host is not our site and is not bound by our policy; it allows what it needs.
    response["Content-Security-Policy"] = (
        f"default-src 'self'; script-src {site}; frame-src {site}; img-src {site}"
    )
    return response


urlpatterns = [
    path("test/embed-frame/", embed_frame),
    path("test/embed-host/", embed_host),
    *site,
]
