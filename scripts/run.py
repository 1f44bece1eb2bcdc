"""`make run`: the site for one person on one machine, until Ctrl-C.

With no DATABASE_URL or CELERY_BROKER_URL, PostgreSQL and Redis start from the virtualenv
with their data under var/ (config/embedded.py). Then: migrate, make sure there is an
admin, give the documents a previous run left unfinished to the worker again, and run the
web server and a Celery worker (with its beat: the sweep of stuck documents) side by side.
The samples go through the same upload-parse-publish pipeline before the banner; the real
disclosures in tests/data follow in the background (`manage.py import_documents`).

A worker that stops is started again (after a second, longer if it keeps stopping).
Ctrl-C, closing the terminal, or the end of the web server stops everything this started:
the import, the web server, the worker (a cold shutdown: a parse cut short is parsed again on
the next start), then Redis and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config import embedded  # noqa: E402
from config.celery import WORKER_OPTIONS  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent
VAR = Path(os.getenv("VAR_DIR", "").strip() or ROOT / "var")
# The real disclosures the project ships; the simulated scan repeats a real file as an
# image, and the template is blank, so neither is loaded.
REAL = ["tests/data/realdocs", "tests/data/realdocs-more"]
SKIPPED = ["SIMSCAN_*", "TEMPLATE_*"]
GRACE = 5  # seconds a process has to stop before it is killed
RESTART_MAX = 30.0  # seconds, the longest wait before a stopped worker is started again
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stop(Exception):
    """Ctrl-C, SIGTERM or the terminal closing: stop everything, in order."""


def main() -> int:
    host = os.getenv("HOST", "").strip() or "127.0.0.1"
    port = os.getenv("PORT", "").strip() or "8000"
    # the address the pictures drawn at publishing credit: the one printed below
    if not os.getenv("SITE_URL", "").strip():
        os.environ["SITE_URL"] = f"http://{host}:{port}"
    for folder in ("celery", "media", "log"):
        (VAR / folder).mkdir(parents=True, exist_ok=True)
    # a terminal closed under it sends SIGHUP: stopped in order too, or the servers stay up
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_stop)
    children: list[subprocess.Popen[bytes]] = []
    try:
        with servers():
            try:
                return serve(host, port, children)
            finally:
                # a second Ctrl-C must not cut the stopping short
                for signum in STOP_SIGNALS:
                    signal.signal(signum, signal.SIG_IGN)
                stop(children)
    except Stop:
        return 0  # Ctrl-C is how it is meant to stop
    except subprocess.CalledProcessError as error:
        command = " ".join(map(str, error.cmd))
        print(f"make run stopped: this failed (see above): {command}", file=sys.stderr)
        return 1


def _raise_stop(signum: int, frame: object) -> None:
    raise Stop


@contextlib.contextmanager
def servers() -> Iterator[None]:
    """The embedded PostgreSQL and Redis, for what the environment does not name."""
    with contextlib.ExitStack() as stack:
        stack.callback(print, "Stopped. 已停止。", flush=True)  # the last thing to happen
        if not os.getenv("DATABASE_URL", "").strip():
            print("Starting PostgreSQL (embedded, data in var/postgres) ...", flush=True)
            os.environ["DATABASE_URL"] = stack.enter_context(embedded.postgres(VAR / "postgres"))
        if not os.getenv("CELERY_BROKER_URL", "").strip():
            os.environ["CELERY_BROKER_URL"] = stack.enter_context(embedded.redis(VAR / "redis"))
        yield


def serve(host: str, port: str, children: list[subprocess.Popen[bytes]]) -> int:
    manage("migrate", "--noinput")
    login = manage("ensure_admin", capture=True).strip()
    manage("documents_resume")
    worker = start_worker()
    web = start([PYTHON, "manage.py", "runserver", f"{host}:{port}"])
    children += [worker, web]
    if not _wait_for_site(host, port, web):
        return 1
    if subprocess.run([PYTHON, "manage.py", "load_samples"], cwd=ROOT).returncode:
        print("The samples were not loaded (see above).", file=sys.stderr)
    log = VAR / "log" / "import.log"
    with log.open("ab") as out:
        children.append(start([PYTHON, "manage.py", "import_documents", *REAL,
                               *[f"--skip={glob}" for glob in SKIPPED]], stdout=out))  # fmt: skip
    print(banner(host, port, login, log), flush=True)
    supervise(web, children)
    return 1  # the web server stopped by itself


def start_worker() -> subprocess.Popen[bytes]:
    # the worker's log goes to a file, so that the terminal keeps the banner in view
    with (VAR / "log" / "worker.log").open("ab") as out:
        return start([str(BIN / "celery"), "-A", "config", "worker", "--beat", "--loglevel",
                      "INFO", "--concurrency", "2", *WORKER_OPTIONS], stdout=out)  # fmt: skip


def supervise(web: subprocess.Popen[bytes], children: list[subprocess.Popen[bytes]]) -> None:
    """Until the web server stops: a worker that stops is started again, as compose's
    restart policy does, sooner if it had run a while, later if it keeps stopping."""
    worker, started, delay = children[0], time.monotonic(), 1.0
    while web.poll() is None:
        if worker.poll() is not None:
            delay = 1.0 if time.monotonic() - started > RESTART_MAX else min(delay * 2, RESTART_MAX)
            print(f"The worker stopped (exit {worker.returncode}); starting it again in "
                  f"{delay:.0f} s. See var/log/worker.log", file=sys.stderr, flush=True)  # fmt: skip
            _signal_group(worker, signal.SIGKILL)  # what is left of its pool
            time.sleep(delay)
            worker, started = start_worker(), time.monotonic()
            children[0] = worker
        time.sleep(0.5)


def manage(*args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout.decode() if capture else ""


def start(command: list[str], stdout: IO[bytes] | None = None) -> subprocess.Popen[bytes]:
    # A session of its own: Ctrl-C reaches this script alone, which stops each in turn.
    return subprocess.Popen(
        command, cwd=ROOT, start_new_session=True, stdout=stdout,
        stderr=subprocess.STDOUT if stdout else None,
    )  # fmt: skip


def _wait_for_site(host: str, port: str, web: subprocess.Popen[bytes]) -> bool:
    # a server listening on every address answers on the loopback one
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/healthz"
    for _ in range(200):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=2)
            return True
        if web.poll() is not None:  # runserver stopped: its error (a port in use) is above
            return False
        time.sleep(0.3)
    return False


def stop(children: list[subprocess.Popen[bytes]]) -> None:
    """Stop each child's whole process group: politely, then for good after GRACE seconds."""
    for child in children:
        # the worker's SIGTERM would wait for the parse under way: SIGQUIT does not
        quit_signal = signal.SIGQUIT if "worker" in child.args else signal.SIGTERM
        _signal_group(child, quit_signal)
    deadline = time.monotonic() + GRACE
    for child in children:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(max(0.1, deadline - time.monotonic()))
        # runserver's reloader and the pool's processes are in the group, not always gone
        _signal_group(child, signal.SIGKILL)
        child.wait()


def _signal_group(child: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signum)


def banner(host: str, port: str, login: str, log: Path) -> str:
    site = f"http://{host}:{port}"
    return f"""
  预决算公开 Budget Disclosures
  Site 网站:   {site}/
  Upload 上传: {site}/upload/
  Admin 管理:  {site}/admin/
  {login}
  A journalist 记者: .venv/bin/python manage.py add_member NAME --role journalists
  A reviewer 审核人: .venv/bin/python manage.py add_member NAME --role reviewers
  The real disclosures in tests/data load in the background (progress: {log.relative_to(ROOT) if log.is_relative_to(ROOT) else log});
  the home page counts them. 真实的预决算文件正在后台载入，首页显示进度。
  Your own: .venv/bin/python manage.py import_documents PATH...
  The worker's log: var/log/worker.log
  Ctrl-C stops the server, the worker and the database. 按 Ctrl-C 停止。
"""


if __name__ == "__main__":
    sys.exit(main())
