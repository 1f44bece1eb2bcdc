"""Headers that protect every response: a Content-Security-Policy with no inline script,
inline style or eval, and framing by other sites refused except where a view is marked
`embeddable` (the chart embeds editors put in their stories).

Scripts and styles come only from our own static files, so an injected `<script>` or
`style=` attribute does nothing. The middleware sits first in MIDDLEWARE so that static
files and error pages get the headers too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# The site's policy, one directive a line. `data:`/`blob:` images are how Plotly draws its
# PNG and SVG downloads; nothing else leaves 'self'.
POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data: blob:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# An embeddable page may be framed by any site; everything else about it stays as strict.
EMBED_POLICY: dict[str, str] = {**POLICY, "frame-ancestors": "*"}


def policy_header(policy: dict[str, str]) -> str:
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


SITE_HEADER = policy_header(POLICY)
EMBED_HEADER = policy_header(EMBED_POLICY)

View = Callable[..., HttpResponse]


def embeddable(view: View) -> View:
    """Let other sites frame this view's pages: CSP `frame-ancestors *` and no
    X-Frame-Options. Only the chart embed pages should carry it."""

    @wraps(view)
    def framed(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.embeddable = True  # type: ignore[attr-defined]
        # Django's XFrameOptionsMiddleware honours this flag and leaves the header out.
        response.xframe_options_exempt = True  # type: ignore[attr-defined]
        return response

    return framed


def _is_html(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code >= 400 and _is_html(response):
            # Django's debug error pages are built from inline styles and scripts; they
            # exist only with DEBUG on, and an unreadable traceback helps nobody.
            return response
        if getattr(response, "embeddable", False):
            response.headers.setdefault("Content-Security-Policy", EMBED_HEADER)
            return response
        # A view that states its own policy keeps it (the browser tests' host page does).
        response.headers.setdefault("Content-Security-Policy", SITE_HEADER)
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response


def client_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind PROXY_COUNT proxies (the compose
    file's nginx is one) the address the first of them added to X-Forwarded-For, counted
    from the right; what a client wrote there itself is to the left and never read."""
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if settings.PROXY_COUNT and len(forwarded) >= settings.PROXY_COUNT:
        return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")
