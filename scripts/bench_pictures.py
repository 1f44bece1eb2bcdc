"""How fast a chart's picture is served after publishing: the first GET of each
comparison's default PNG once the pictures have been drawn at publishing, against a
picture nobody drew ahead (a cold draw: the reader is told "being drawn" until a worker
has drawn it), in the same run.

    .venv/bin/python scripts/bench_pictures.py

It publishes the sample disclosures through the services into an embedded PostgreSQL of
its own (a temporary folder, removed at the end), draws in this process what the worker
would (comparisons.pictures, then comparisons.images.chart_draw), and asks the site with
Django's test client: the view, its queries and the file read, without a network.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from config import embedded  # noqa: E402

SITE = "http://127.0.0.1:8000"
SAMPLES = sorted((ROOT / "disclosures" / "fixtures" / "samples").glob("*.txt"))


def publish_samples() -> list:
    from disclosures import selectors, services

    user = services.member_add(username="bench", role="reviewers", password="bench-pw-1234")[0]
    files = [(path.name, path.read_bytes()) for path in SAMPLES]
    outcomes = services.document_upload(files=files, user=user, hints=services.Hints())
    ids = [o.document.pk for o in outcomes if o.document is not None]
    for pk in ids:
        services.document_parse(document_id=pk)
    drafts = selectors.drafts_never_published(document_ids=ids)
    return [services.disclosure_publish(disclosure=d, user=user) for d in drafts]


def get(client, url: str) -> tuple[int, float]:
    started = time.perf_counter()
    status = client.get(url, HTTP_HOST=SITE.split("//")[1]).status_code
    return status, (time.perf_counter() - started) * 1000


def main() -> None:
    from django.test import Client
    from django.urls import reverse

    from comparisons import images, pictures
    from comparisons.views import EMBEDS

    asked: list[str] = []
    images.draw_later = asked.append  # type: ignore[assignment]  # the worker's queue, here
    published = publish_samples()
    started = time.perf_counter()
    pictures.pictures_predraw(agency_ids=[published[-1].agency_id], site_url=SITE)
    for name in list(asked):
        images.chart_draw(name)  # what the worker does with each
    ahead = time.perf_counter() - started
    drawn = len(asked)

    client = Client()
    first = {name: get(client, reverse("chart_image", args=[name, "png"])) for name in EMBEDS}
    for name, (status, ms) in first.items():
        print(f"first GET /chart/{name}.png after publishing: {status} in {ms:.1f} ms")
    assert len(asked) == drawn, "a default picture was not drawn ahead"

    cold_url = reverse("chart_image", args=["trend", "png"]) + "?year=2026"
    status, ms = get(client, cold_url)
    started = time.perf_counter()
    for name in asked[drawn:]:
        images.chart_draw(name)
    cold = time.perf_counter() - started
    print(f"cold: first GET {status} in {ms:.1f} ms, picture ready after {cold:.2f} s more")
    times = [ms for _status, ms in first.values()]
    print(
        f"{drawn} pictures drawn at publishing in {ahead:.1f} s; first GET of a default "
        f"picture: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms; "
        f"a cold draw: {cold:.2f} s"
    )


if __name__ == "__main__":
    with (
        tempfile.TemporaryDirectory(prefix="bench-pictures-") as folder,
        embedded.postgres(Path(folder) / "postgres") as database_url,
    ):
        os.environ.update(
            DATABASE_URL=database_url,
            MEDIA_ROOT=str(Path(folder) / "media"),
            DEBUG="0",
            PLAIN_HTTP="1",
            SECRET_KEY="bench-only",
            ALLOWED_HOSTS="127.0.0.1",
            SITE_URL=SITE,
            CELERY_BROKER_URL="memory://",  # the publish's tasks: drawn here instead
            DJANGO_SETTINGS_MODULE="config.settings",
        )
        import django
        from django.core.management import call_command

        warnings.filterwarnings("ignore", "No directory at")  # no collectstatic here
        django.setup()
        call_command("migrate", verbosity=0)
        main()
