"""Fixtures: people in each role, sample files, a synchronous parse, and stored rows.

Helpers are fixtures (conftest.py is not importable under --import-mode=importlib).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosures import services

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "disclosures" / "fixtures" / "samples").glob("*.txt"))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def journalist(db):
    return services.member_add(username="journalist", role="journalists", password="pw-j-1234")[0]


@pytest.fixture
def reviewer(db):
    return services.member_add(username="reviewer", role="reviewers", password="pw-r-1234")[0]


@pytest.fixture
def samples() -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in SAMPLES]


@pytest.fixture
def sample(samples) -> tuple[str, bytes]:
    return samples[0]


@pytest.fixture
def realdoc():
    def read(name: str) -> tuple[str, bytes]:
        return name, (ROOT / "tests" / "data" / "realdocs" / name).read_bytes()

    return read


@pytest.fixture
def upload_and_parse():
    """Upload, then do what the worker would, in this process: parse each new document."""

    def run(user, *files: tuple[str, bytes], **hints):
        outcomes = services.document_upload(
            files=list(files), user=user, hints=services.Hints(**hints)
        )
        for outcome in outcomes:
            if outcome.state == "new":
                services.document_parse(document_id=outcome.document.pk)
                outcome.document.refresh_from_db()
        return outcomes

    return run


@pytest.fixture
def parsed(journalist, sample, upload_and_parse):
    """A sample uploaded and parsed: its document and the draft it made."""
    [outcome] = upload_and_parse(journalist, sample)
    return outcome.document, outcome.document.disclosures.get()


@pytest.fixture
def stored_rows():
    """Everything stored for a disclosure, without ids: equal rows compare equal."""
    source = ("document_id", "page", "table_label", "row_label", "box", "sentence")
    amounts = ("total", "basic", "project", "personnel", "public")

    def read(disclosure) -> dict[str, list[tuple]]:
        return {
            "figures": sorted(disclosure.figures.values_list("group", "key", "value", *source)),
            "items": sorted(
                disclosure.items.values_list(
                    "classification", "scope", "code", "name", "level", *amounts, *source
                )
            ),
            "findings": sorted(
                disclosure.findings.values_list("severity", "rule", "where", "message")
            ),
            "changes": sorted(disclosure.changes.values_list("subject", "current", "delta")),
        }

    return read
