"""The front proxy (deploy/nginx.conf) in front of gunicorn, as compose runs them: slow
clients hold nginx, not gunicorn's workers or threads; an oversize body is a 413 at once; static
files come from disk. Needs nginx (apt-get install nginx; .ci/run installs it)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None
)
pytestmark = [
    pytest.mark.skipif(NGINX is None, reason="no nginx (apt-get install nginx)"),
    pytest.mark.django_db,
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int, process: subprocess.Popen, log: Path) -> None:
    for _ in range(150):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        assert process.poll() is None, log.read_text(errors="replace")
        time.sleep(0.1)
    raise AssertionError(log.read_text(errors="replace"))


def database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{quote(db['PASSWORD'] or '', safe='')}@"
        f"{quote(db['HOST'] or '127.0.0.1', safe='')}:{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def gunicorn(tmp_path):
    """The site on gunicorn with one sync worker: a single request at a time, so that a
    slow client it had to read itself would show."""
    port, log = free_port(), tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "proxy-test-" + "k" * 50,
        "PLAIN_HTTP": "1",
        "PROXY_COUNT": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(),
        "VAR_DIR": str(tmp_path / "var"),
    }
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "1",
               "--bind", f"127.0.0.1:{port}", "--timeout", "30"]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    wait_until_listening(port, process, log)
    healthz_seconds(port, timeout=30)  # the first request loads the site
    yield port
    process.terminate()
    process.wait(10)


@pytest.fixture
def proxy(gunicorn, tmp_path):
    """nginx with the shipped site configuration, pointed at that gunicorn."""
    port, folder = free_port(), tmp_path / "nginx"
    folder.mkdir()
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("server web:8000;", f"server 127.0.0.1:{gunicorn};")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("alias /srv/static/;", f"alias {ROOT / 'static'}/;")
    (folder / "site.conf").write_text(site)
    temp = " ".join(
        f"{kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                          "uwsgi", "scgi")
    )  # fmt: skip
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes 1; daemon off; pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\n"
        "events { worker_connections 256; }\n"
        f"http {{ access_log off; {temp} include {folder / 'site.conf'}; }}\n"
    )
    log = folder / "error.log"
    process = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_until_listening(port, process, log)
    yield port
    process.terminate()
    process.wait(10)


def slow_clients(port: int, count: int) -> list[socket.socket]:
    """Connections that send the start of a request and then nothing (slowloris)."""
    held = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"POST /upload/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nx")
        held.append(sock)
    return held


def healthz_seconds(port: int, timeout: float) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=timeout) as answer:
        assert answer.status == 200
    return time.monotonic() - started


def test_slow_clients_hold_the_proxy_not_gunicorn(gunicorn, proxy):
    held = slow_clients(gunicorn, 1)  # without the proxy, one is enough to stop the site
    with pytest.raises(OSError):  # a timeout: the one sync worker waits on that client
        healthz_seconds(gunicorn, timeout=2)
    for sock in held:
        sock.close()

    held = slow_clients(proxy, 8)
    try:
        assert healthz_seconds(proxy, timeout=5) < 1
    finally:
        for sock in held:
            sock.close()


def test_an_oversize_body_is_refused_at_once_before_it_is_sent(proxy):
    with socket.create_connection(("127.0.0.1", proxy), timeout=5) as sock:
        started = time.monotonic()
        sock.sendall(
            b"POST /upload/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            b"Content-Length: 367001600\r\n\r\n"  # 350 MB announced, none sent
        )
        answer = sock.recv(200)
        seconds = time.monotonic() - started

    assert answer.startswith(b"HTTP/1.1 413") and seconds < 1


def test_static_files_are_served_by_the_proxy(proxy):
    with urllib.request.urlopen(f"http://127.0.0.1:{proxy}/static/css/site.css") as answer:
        assert answer.status == 200
        # nginx's 30 days, not WhiteNoise's
        assert answer.headers["Cache-Control"] == "public, max-age=2592000"
