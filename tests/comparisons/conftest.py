"""Fixtures: the sample corpus uploaded, parsed and published through the services, as
`make run` does, and more agencies and years made the same way.

Helpers are fixtures (conftest.py is not importable under --import-mode=importlib).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosures import selectors, services
from disclosures.parsing import parse_bytes

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "disclosures" / "fixtures" / "samples").glob("*.txt"))


@pytest.fixture(autouse=True)
def _parse_in_this_process(monkeypatch):
    # the sandbox's child process costs a Python start per file; the parse is the same
    monkeypatch.setattr(
        "disclosures.services.parse.parse_in_child",
        lambda data, source="", **limits: parse_bytes(data, source),
    )


@pytest.fixture(autouse=True)
def _pictures_drawn_at_once(monkeypatch):
    # what the worker does (comparisons.tasks.chart_draw), done in this process as asked
    from comparisons import images

    monkeypatch.setattr(images, "draw_later", images.chart_draw)


@pytest.fixture
def reviewer(db):
    return services.member_add(username="reviewer", role="reviewers", password="pw-r-1234")[0]


@pytest.fixture
def publish(reviewer):
    """Upload files as a journalist would, parse them as the worker would, publish what
    they give as a reviewer would; hints name another agency, year or kind."""

    def run(*files: tuple[str, bytes], **hints) -> list:
        outcomes = services.document_upload(
            files=list(files), user=reviewer, hints=services.Hints(**hints)
        )
        ids = [o.document.pk for o in outcomes if o.document is not None]
        for outcome in outcomes:
            if outcome.state == "new":
                services.document_parse(document_id=outcome.document.pk)
        drafts = selectors.drafts_never_published(document_ids=ids)
        return [services.disclosure_publish(disclosure=d, user=reviewer) for d in drafts]

    return run


@pytest.fixture
def sample_files() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in SAMPLES}


@pytest.fixture
def samples(publish, sample_files):
    """The five sample disclosures, published."""
    published = publish(*sample_files.items())
    assert len(published) == len(sample_files)
    return published


@pytest.fixture
def more_agencies(publish, sample_files):
    """`count` more published disclosures: each sample again (a byte added, so it is a
    new file) under another agency's name and another year."""

    def run(count: int) -> None:
        files = list(sample_files.items())
        for n in range(count):
            name, data = files[n % len(files)]
            publish(
                (f"extra-{n}-{name}", data + b"\n" * (n + 1)),
                agency=f"测试社会保障卡中心{n}",
                year=2010 + n,
            )

    return run


@pytest.fixture
def renders(monkeypatch):
    """Stand in for the browser: count what would be drawn, answer at once."""
    from comparisons import images

    drawn: list[tuple[dict, str]] = []

    def fake(figure, fmt):
        drawn.append((figure, fmt))
        return b"\x89PNG\r\n\x1a\n fake" if fmt == "png" else b"<svg>fake</svg>"

    monkeypatch.setattr(images, "render", fake)
    return drawn
