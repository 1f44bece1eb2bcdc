"""Public pages kept for readers who are not logged in: the same page for the same
address, language and published data is drawn once, not once a reader.

A page is kept when a GET from a reader with no session (nothing but the CSRF and
language cookies) answered 200 with nothing private in it (no cookie of its own, no
`Cache-Control: no-cache` or `private`, as never_cache views and page images send), and
is small enough. It is served again until something is published or an agency merged
(the key holds the published data's version, read from the database at each request, so
every web process sees a publish at once) and for PAGE_CACHE_SECONDS at most (an agency
renamed in the admin, the home page's count of files being read). A correction empties
the kept pages (disclosures.signals.published_changed). They are files (settings.CACHES)
that the web processes of a machine share, so a page is drawn once for all of them.

Forms carry each reader's own CSRF token: it is cut out of the kept page and the reader's
put back in, so the language switch and the login keep working. Members, and anyone with
a session, always get a page drawn for them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import cc_delim_re

from comparisons.queries.common import VERSION
from disclosures.signals import published_changed

CACHE = "pages"  # settings.CACHES
MAX_BYTES = 1024 * 1024  # a bigger answer is not kept
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
HOLE = b"\x00csrf\x00"  # where the token was: a byte no page has
PRIVATE = {"no-cache", "no-store", "private"}
# what views mark on a response for the middleware around them (config/security.py)
MARKS = ("embeddable", "xframe_options_exempt")


class PublicPageCache:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        published_changed.connect(_forget, dispatch_uid="pagecache")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _key(request) if settings.PAGE_CACHE_SECONDS > 0 else None
        if key is None:
            return self.get_response(request)
        kept = caches[CACHE].get(key)
        if kept is not None:
            return _replay(request, *kept)
        response = self.get_response(request)
        if _keepable(response):
            content = TOKEN.sub(lambda m: m[1] + HOLE + m[2], response.content)
            marks = {mark: getattr(response, mark) for mark in MARKS if hasattr(response, mark)}
            kept = (response.status_code, content, list(response.items()), marks)
            caches[CACHE].set(key, kept, settings.PAGE_CACHE_SECONDS)
        return response


def _key(request: HttpRequest) -> str | None:
    """The page's key, or None when it is not one to keep or serve kept."""
    plain = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    if request.method != "GET" or set(request.COOKIES) - plain:
        return None
    if request.path.startswith(("/admin/", "/static/")):
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute(VERSION, [True])
            version = cursor.fetchone()
    except DatabaseError:
        return None  # the view says what is wrong
    parts = [version, translation.get_language(), request.scheme, request.get_host()]
    named = repr([*parts, request.get_full_path()]).encode()
    return "page:" + hashlib.sha256(named).hexdigest()


def _keepable(response: HttpResponse) -> bool:
    control = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(
        response.get("Cache-Control", ""))}  # fmt: skip
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not control & PRIVATE
        and len(response.content) <= MAX_BYTES
    )


def _replay(
    request: HttpRequest,
    status: int,
    content: bytes,
    headers: list[tuple[str, str]],
    marks: dict[str, Any],
) -> HttpResponse:
    if HOLE in content:
        # the reader's own token; get_token also has the CSRF middleware set its cookie
        content = content.replace(HOLE, get_token(request).encode())
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    for mark, value in marks.items():
        setattr(response, mark, value)
    response["Content-Length"] = str(len(content))
    return response


def _forget(**signal: Any) -> None:
    # after the writer commits, or a reader could keep the old page again meanwhile
    transaction.on_commit(caches[CACHE].clear)
