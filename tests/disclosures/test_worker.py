"""End to end: uploads through the web form, parsed by a real Celery worker on Redis.

The worker runs as a subprocess against the test database (the tests use committed
transactions, so it sees their rows) and a Redis server: REDIS_URL, or an embedded one
(tests/servers.py).
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection
from django.urls import reverse

from config.celery import app
from disclosures import services, tasks
from disclosures.models import Document

WORKER = Path(__file__).with_name("worker.py")
pytestmark = pytest.mark.django_db(transaction=True)


def _fresh_connections() -> None:
    # Celery keeps its connection pools once made; the next send must use the new broker.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(redis_url):
    """The Redis server, under a key prefix of this run's own; yields (URL, prefix)."""
    broker_url, client_url = redis_url
    client = redis.Redis.from_url(client_url)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail(f"The worker tests need Redis at {client_url} (REDIS_URL)", pytrace=False)
    prefix = f"e2e-{uuid.uuid4().hex[:12]}:"
    saved = app.conf.broker_url, app.conf.broker_transport_options
    app.conf.broker_url = broker_url
    app.conf.broker_transport_options = {"visibility_timeout": 3600, "global_keyprefix": prefix}
    _fresh_connections()
    yield broker_url, prefix
    app.conf.broker_url, app.conf.broker_transport_options = saved
    _fresh_connections()
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


@pytest.fixture
def start_worker(broker, settings, tmp_path):
    """Start workers on the test database; each is killed (its whole group) at the end."""
    started: list[tuple[subprocess.Popen, Path]] = []
    db = connection.settings_dict
    # the host is a socket's folder when the database is the embedded one
    database_url = (
        f"postgres://{db['USER']}:{quote(db['PASSWORD'] or '', safe='')}@"
        f"{quote(db['HOST'] or '127.0.0.1', safe='')}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    broker_url, prefix = broker

    def start(delay: float = 0) -> subprocess.Popen:
        log = tmp_path / f"worker-{len(started)}.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker_url,
            "TEST_BROKER_PREFIX": prefix,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "VAR_DIR": str(tmp_path / "var"),
            "TEST_PARSE_DELAY": str(delay),
            # at the site's priority: in a session of its own at WORKER_NICE, it would wait
            # for every other test running beside it (config/celery.py)
            "WORKER_NICE": "0",
        }
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, str(WORKER)], env=env, stdout=out, stderr=subprocess.STDOUT,
                cwd=WORKER.parents[2], start_new_session=True,
            )  # fmt: skip
        started.append((process, log))
        wait_for(lambda: b" ready." in log.read_bytes() or process.poll() is not None, 60)
        assert process.poll() is None, log.read_text(errors="replace")
        return process

    yield start
    for process, _ in started:
        kill(process)


def kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def wait_for(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {seconds} s")
        time.sleep(0.2)


def status(document: Document) -> str:
    document.refresh_from_db()
    return document.status


def upload_form(client, name: str, data: bytes):
    buffer = io.BytesIO(data)
    buffer.name = name
    return client.post(reverse("upload"), {"files": [buffer]})


def test_an_upload_through_the_form_is_parsed_by_the_worker(
    start_worker, client, journalist, sample
):
    start_worker()
    client.force_login(journalist)

    upload_form(client, *sample)

    document = Document.objects.get()
    wait_for(lambda: status(document) in {"parsed", "failed"}, 60)
    assert (document.status, document.attempts) == ("parsed", 1)
    assert document.disclosures.get().items.exists()
    progress = client.get(reverse("documents_status"), {"ids": document.pk}).json()
    assert progress["documents"][0]["done"] is True


def test_a_duplicate_upload_is_not_parsed_again(start_worker, client, journalist, sample):
    start_worker()
    client.force_login(journalist)
    upload_form(client, *sample)
    document = Document.objects.get()
    wait_for(lambda: status(document) == "parsed", 60)

    response = upload_form(client, "copy.txt", sample[1])

    assert "已上传过" in response.content.decode()
    assert Document.objects.count() == 1
    assert status(document) == "parsed" and document.attempts == 1


def test_the_task_run_twice_leaves_the_same_rows(
    start_worker, client, journalist, sample, stored_rows
):
    start_worker()
    client.force_login(journalist)
    upload_form(client, *sample)
    document = Document.objects.get()
    wait_for(lambda: status(document) == "parsed", 60)
    disclosure = document.disclosures.get()
    before = stored_rows(disclosure)

    # a message delivered twice, and a parse run again from the start
    tasks.document_parse.delay(document.pk)
    Document.objects.filter(pk=document.pk).update(status="queued")
    tasks.document_parse.delay(document.pk)
    wait_for(lambda: status(document) == "parsed" and document.attempts == 2, 60)

    assert stored_rows(disclosure) == before


def test_a_worker_killed_mid_parse_leaves_the_document_to_the_sweep(
    start_worker, client, journalist, sample
):
    slow = start_worker(delay=30)
    client.force_login(journalist)
    upload_form(client, *sample)
    document = Document.objects.get()
    wait_for(lambda: status(document) == "parsing", 30)

    kill(slow)  # the whole worker, mid-parse: no one will acknowledge or finish the task
    assert status(document) == "parsing"
    result = services.documents_sweep(stale_after=timedelta(0))
    start_worker()

    assert result.requeued == [document.pk]
    wait_for(lambda: status(document) in {"parsed", "failed"}, 60)
    assert (document.status, document.attempts) == ("parsed", 2)


def test_a_file_that_crashes_the_parser_fails_at_once_and_the_worker_goes_on(
    start_worker, client, journalist, samples
):
    worker = start_worker()
    client.force_login(journalist)

    upload_form(client, "poison.txt", samples[0][1] + b"\nCRASH-THE-PARSER\n")

    poison = Document.objects.get()
    wait_for(lambda: status(poison) in {"parsed", "failed"}, 60)
    # the sandboxed child died, not the worker: one attempt, a coded reason
    assert (poison.status, poison.error_code, poison.attempts) == ("failed", "corrupt", 1)
    assert "crashed" in poison.error_message
    assert worker.poll() is None
    upload_form(client, *samples[1])
    healthy = Document.objects.exclude(pk=poison.pk).get()
    wait_for(lambda: status(healthy) in {"parsed", "failed"}, 60)
    assert healthy.status == "parsed"


def test_a_file_that_kills_the_worker_itself_ends_failed_after_the_attempt_cap(
    start_worker, client, journalist, sample, settings
):
    worker = start_worker()
    client.force_login(journalist)

    upload_form(client, "killer.txt", sample[1] + b"\nKILL-THE-WORKER\n")

    killer = Document.objects.get()
    wait_for(lambda: status(killer) in {"parsed", "failed"}, 90)
    assert (killer.status, killer.error_code) == ("failed", "worker_lost")
    assert killer.attempts == settings.PARSE_MAX_ATTEMPTS
    assert worker.poll() is None  # the pool replaced its process each time


def test_a_disclosure_in_two_files_is_read_as_one_by_the_worker(
    start_worker, client, journalist, realdoc
):
    start_worker()
    client.force_login(journalist)
    for name in ("js_renda_2019_dept-budget-tables.pdf", "js_renda_2019_dept-budget-text.pdf"):
        upload_form(client, *realdoc(name))

    documents = list(Document.objects.order_by("pk"))
    for document in documents:
        wait_for(lambda d=document: status(d) in {"parsed", "failed"}, 60)
    disclosure = documents[0].disclosures.get()
    wait_for(lambda: disclosure.refresh_from_db() or disclosure.records, 60)

    assert disclosure.records["documents"] == [d.pk for d in documents]
    assert {f.document_id for f in disclosure.figures.all()} == {d.pk for d in documents}
