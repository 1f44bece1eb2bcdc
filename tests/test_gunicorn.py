"""config/gunicorn.py, as gunicorn itself reads it: threads, so that readers are not queued
behind a few slow uploads, in numbers the environment may change."""

from __future__ import annotations

from pathlib import Path

import pytest
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parent.parent


def read(monkeypatch: pytest.MonkeyPatch, **env: str) -> Config:
    for name in ("WEB_CONCURRENCY", "WEB_THREADS", "GUNICORN_CMD_ARGS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = Config()
    namespace: dict[str, object] = {}
    exec((ROOT / "config" / "gunicorn.py").read_text(), namespace)  # as gunicorn's -c does
    for name, value in namespace.items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_the_site_is_served_by_threads(monkeypatch):
    config = read(monkeypatch)

    assert config.worker_class_str == "gthread"
    assert (config.workers, config.threads) == (4, 4)


def test_the_environment_sets_how_many(monkeypatch):
    config = read(monkeypatch, WEB_CONCURRENCY="2", WEB_THREADS="8")

    assert (config.workers, config.threads) == (2, 8)
