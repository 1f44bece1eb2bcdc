"""Fixtures: people in each role, sample files, a synchronous parse, and stored rows.

Helpers are fixtures (conftest.py is not importable under --import-mode=importlib).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from disclosures import services
from disclosures.parsing import ParseError, parse_bytes
from disclosures.parsing.sandbox import Outcome

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "disclosures" / "fixtures" / "samples").glob("*.txt"))


@pytest.fixture(autouse=True)
def _parse_in_this_process(request, monkeypatch):
    """The sandbox's child process costs a Python start per parse; these tests run the same
    code in-process. A test that asks for `real_sandbox` (and the worker tests) keep it."""
    if "real_sandbox" in request.fixturenames or request.module.__name__.endswith("test_worker"):
        return

    def run_in_child(target, data, source="", **limits):
        module, _, name = target.partition(":")
        try:
            return Outcome(value=getattr(importlib.import_module(module), name)(data, source))
        except ParseError as error:
            return Outcome(error=error)

    monkeypatch.setattr("disclosures.services.parse.run_in_child", run_in_child)
    monkeypatch.setattr(
        "disclosures.services.parse.parse_in_child",
        lambda data, source="", **limits: parse_bytes(data, source),
    )


@pytest.fixture
def real_sandbox():
    """Ask for it to parse in the sandbox's child process, as the worker does."""


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
