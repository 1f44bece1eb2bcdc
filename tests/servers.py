"""The servers a test run needs, when the environment names none (a pytest plugin).

Loaded with `-p tests.servers` (pyproject.toml), so that it runs before pytest-django
reads the settings: with no DATABASE_URL it starts an embedded PostgreSQL in a temporary
folder and names it in DATABASE_URL, which the settings then read, and which the
pytest-xdist workers inherit. The folder goes when the run ends. The worker's end-to-end
tests ask for `redis_url`: REDIS_URL, or an embedded Redis started on first use.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from config import embedded

_stack = contextlib.ExitStack()


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    if os.environ.get("DATABASE_URL", "").strip():
        return
    folder = Path(tempfile.mkdtemp(prefix="budget-tests-"))
    _stack.callback(shutil.rmtree, folder, ignore_errors=True)
    os.environ["DATABASE_URL"] = _stack.enter_context(embedded.postgres(folder / "postgres"))


def pytest_unconfigure(config: pytest.Config) -> None:
    _stack.close()


def pytest_report_header(config: pytest.Config) -> str:
    url = os.environ["DATABASE_URL"]
    where = "embedded, in a temporary folder" if "budget-tests-" in url else "from DATABASE_URL"
    return f"PostgreSQL: {where}"


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(Celery's broker URL, redis-py's URL) of one Redis: REDIS_URL's, or an embedded one."""
    url = os.environ.get("REDIS_URL", "").strip()
    if url:
        yield url, url
        return
    folder = tmp_path_factory.mktemp("redis")
    with embedded.redis(folder) as broker_url:
        yield broker_url, embedded.redis_client_url(folder)
