"""The chart pictures readers ask for right after data are published, drawn then, so that
an editor's first download is answered from disk rather than "being drawn".

Which pictures: each comparison's default view (the page with no query), and the same
pages for each agency whose data changed (the agency page links them with `?agency=`),
in every language of the site. A picture is named by a hash of its figure
(images.image_key), so one already kept or being drawn is not asked for again; each is
drawn by the workers as any other (comparisons.tasks.chart_draw), and a failure is kept
and logged there. The figure's credit line links the site's address (settings.SITE_URL),
since no reader's request names it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urljoin

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest, QueryDict
from django.utils import timezone, translation

from comparisons import images, queries
from comparisons.views import EMBEDS, chart_of

log = logging.getLogger(__name__)

FORMAT = "png"  # what editors download and paste; an SVG is drawn when first asked for
MAX_AGENCIES = 3  # a publish or a correction names one agency, a merge the one kept


class SiteRequest(HttpRequest):
    """A reader's GET of a page at the site's own address, for drawing its chart outside
    any request: the address is the settings', not a Host header, so nothing to check."""

    def __init__(self, site_url: str, query: str) -> None:
        super().__init__()
        self.site_url, self.GET = site_url, QueryDict(query)

    def build_absolute_uri(self, location: str | None = None) -> str:
        return urljoin(self.site_url, location or "/")


def wanted(agency_ids: Iterable[int]) -> list[tuple[str, str, str]]:
    """(language, comparison, query) of each picture, the most asked for first: the
    default views in the site's language before the agencies' own."""
    languages = [settings.LANGUAGE_CODE] + [
        code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    agencies = sorted(set(agency_ids))[:MAX_AGENCIES]
    pages = [""] + [urlencode({"agency": pk}) for pk in agencies]
    return [
        (language, comparison, query)
        for query in pages
        for language in languages
        for comparison in EMBEDS
    ]


def pictures_predraw(
    *, agency_ids: Iterable[int], site_url: str, changed_at: datetime | None = None
) -> int:
    """Ask the workers for each wanted picture not kept yet; returns how many were asked
    for or kept already. Safe to run twice: a picture is named by what it draws.

    Nothing when something was published after `changed_at`: every picture states the
    data's date, so those of this change are out of date already, and the later
    publish asks for its own (an import publishes hundreds in a row)."""
    if changed_at is not None and _published_since(changed_at):
        return 0
    count = 0
    for language, comparison, query in wanted(agency_ids):
        with translation.override(language):
            figure = chart_of(SiteRequest(site_url, query), comparison)
        if not any(trace.get("x") for trace in figure.get("data", [])):
            continue  # no published data to draw: the picture's address answers 404
        try:
            images.chart_image(figure, FORMAT)
        except images.RenderError as error:  # its last drawing failed: kept, retried later
            log.warning("chart image %s?%s not drawn ahead: %s", comparison, query, error)
            continue
        count += 1
    return count


def _published_since(moment: datetime) -> bool:
    with connection.cursor() as cursor:
        queries.MEMO.clear()  # a worker's memo may be of an older version: read it anew
        last = queries.last_published(cursor)
    return last is not None and last > moment


def published_changed(*, agency_ids: Iterable[int], **signal: Any) -> None:
    """The receiver of disclosures.signals.published_changed: the pictures are asked for
    once the publish has committed; a broker that is down is logged, never the publish's
    failure (the pictures are then drawn when first asked for, as before)."""
    # sent in the writer's transaction, after it stamped what it published
    ids, site_url, changed_at = sorted(set(agency_ids)), settings.SITE_URL, timezone.now()

    def send() -> None:
        from comparisons.tasks import pictures_predraw  # the tasks import this module

        try:
            pictures_predraw.delay(ids, site_url, changed_at.isoformat())
        except Exception:
            log.exception("could not ask for the pictures of agencies %s", ids)

    transaction.on_commit(send)
