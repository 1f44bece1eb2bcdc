"""`make load`: uploads and readers at once on a stack of its own, on loopback, bounded.

Starts PostgreSQL and Redis (embedded, in a temporary folder, unless DATABASE_URL and
CELERY_BROKER_URL name servers), gunicorn with DEBUG off and Celery workers, as deployed;
loads the samples and one real PDF so that readers have pages, page images and chart
pictures; then UPLOADERS clients each upload FILES files through the real login and upload
forms while READERS clients fetch public pages and pictures. Every file is made distinct
(a unique last line or PDF trailer comment) so that the dedupe by hash does not skip it;
a few are broken on purpose and must end failed with a reason.

It waits until every upload is parsed or failed, or the deadline passes, then prints the
outcomes and the readers' latency per minute and overall. Exit 1 if an upload is lost
(no document for it) or stuck (not finished by the deadline), or if the readers' p95 was
SLOW seconds (1) or more in any minute; `--slow 0` reports latency without judging it. Ctrl-C, or the end, stops everything it started.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import itertools
import os
import random
import re
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter
from urllib3.util import Retry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from django.conf import settings  # noqa: E402
from run import start, stop  # noqa: E402

from config import embedded  # noqa: E402
from config.celery import WORKER_OPTIONS  # noqa: E402

BIN = Path(sys.executable).parent
SAMPLES = ROOT / "disclosures" / "fixtures" / "samples"
# Real PDFs of a few hundred KB (the scan and the blank template are left out: the one is
# OCR, minutes a file, the other reads nothing); the first is also the readers' page images.
PDFS = [
    "tests/data/realdocs/js_renda_2019_dept-budget-tables.pdf",
    "tests/data/realdocs/sh-putuo_zhengfuban_2025_dept-budget.pdf",
    "tests/data/realdocs/sh-putuo_shangwuwei_2025_unit-budget.pdf",
    "tests/data/realdocs-more/shanghai_jiaotong-zhiye-jishu-xueyuan_2026_unit-budget.pdf",
]
GUNICORN = "config/gunicorn.py"  # the settings the image and compose run it with
USER, PASSWORD = "loadtest", "load-test-only-password-7731"
SLOW = 1.0  # seconds: a reader's p95 at or above this fails the run
POLL = 2.0  # seconds between looks at the uploads' status


class Stop(Exception):
    """Ctrl-C or SIGTERM: stop everything, in order."""


@dataclass
class Upload:
    name: str
    document: int | None = None  # None: the site answered with no document for it
    refused: str = ""  # the upload form's reason, when it refused the file
    status: str = ""
    reason: str = ""
    took: float = 0.0  # seconds the upload form took to answer


@dataclass
class Timings:
    """(seconds since the start, seconds the request took, kind) for each reader request."""

    start: float = field(default_factory=time.monotonic)
    rows: list[tuple[float, float, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, took: float, kind: str, error: str = "") -> None:
        with self.lock:
            self.rows.append((time.monotonic() - self.start, took, kind))
            if error:
                self.errors.append(error)


def main() -> int:
    args = parse_args()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_stop)
    folder = Path(tempfile.mkdtemp(prefix="budget-load-"))
    children: list[subprocess.Popen[bytes]] = []
    try:
        with servers(folder):
            try:
                return load(args, folder, children)
            finally:
                for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                    signal.signal(signum, signal.SIG_IGN)
                stop(children)
    except Stop:
        print("Stopped before the end.", file=sys.stderr)
        return 130
    except subprocess.CalledProcessError as error:
        print(f"make load stopped: this failed: {' '.join(map(str, error.cmd))}", file=sys.stderr)
        return 2
    except SetupError as error:
        print(f"make load stopped: {error}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class SetupError(Exception):
    """The stack did not come up: said in one line."""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploaders", type=int, default=10, help="upload clients")
    parser.add_argument("--files", type=int, default=20, help="files each upload client sends")
    parser.add_argument("--readers", type=int, default=20, help="reading clients")
    parser.add_argument(
        "--think", type=float, default=1.0, help="seconds a reader pauses, on average"
    )
    parser.add_argument("--workers", type=int, default=4, help="Celery worker processes")
    parser.add_argument(
        "--worker-nice", type=int, help="the pool processes' niceness (default: WORKER_NICE's)"
    )
    parser.add_argument(
        "--web", type=int, help="gunicorn worker processes (default: config/gunicorn.py's)"
    )
    parser.add_argument(
        "--deadline", type=float, default=900, help="seconds the uploads may take to finish"
    )
    parser.add_argument(
        "--slow",
        type=float,
        default=SLOW,
        help="seconds: a minute whose p95 reaches this fails the run (0: latency not judged)",
    )
    return parser.parse_args()


def _raise_stop(signum: int, frame: object) -> None:
    raise Stop


@contextlib.contextmanager
def servers(folder: Path) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        if not os.getenv("DATABASE_URL", "").strip():
            os.environ["DATABASE_URL"] = stack.enter_context(embedded.postgres(folder / "pg"))
        if not os.getenv("CELERY_BROKER_URL", "").strip():
            os.environ["CELERY_BROKER_URL"] = stack.enter_context(embedded.redis(folder / "rd"))
        os.environ.update(
            VAR_DIR=str(folder),
            MEDIA_ROOT=str(folder / "media"),
            STATIC_ROOT=str(folder / "static"),
            DEBUG="0",
            PLAIN_HTTP="1",
            SECRET_KEY="load-test-only-not-secret",
            ALLOWED_HOSTS="127.0.0.1",
            LOG_LEVEL="WARNING",
        )
        yield


def load(args: argparse.Namespace, folder: Path, children: list[subprocess.Popen[bytes]]) -> int:
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("add_member", USER, "--role", "journalists", "--password", PASSWORD)
    # the deployed settings (WORKER_NICE, config/gunicorn.py) unless the options say otherwise
    if args.worker_nice is not None:
        os.environ["WORKER_NICE"] = str(args.worker_nice)
    if args.web is not None:
        os.environ["WEB_CONCURRENCY"] = str(args.web)
    with (folder / "worker.log").open("ab") as log:
        children.append(start([str(BIN / "celery"), "-A", "config", "worker", "--beat",
                               "--loglevel", "WARNING", "--concurrency", str(args.workers),
                               "--schedule", str(folder / "beat-schedule"),
                               *WORKER_OPTIONS], stdout=log))  # fmt: skip
    port = _free_port()
    with (folder / "web.log").open("ab") as log:
        children.append(start([str(BIN / "gunicorn"), "-c", GUNICORN, "config.wsgi",
                               "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
                              stdout=log))  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    _wait_for(base, children[-1])
    print("Loading the samples and a real PDF for the readers ...", flush=True)
    manage("import_documents", str(SAMPLES), PDFS[0], "--wait", "600", quiet=True)
    links = discover(base)
    web = runpy.run_path(str(ROOT / GUNICORN))
    print(f"{len(links)} addresses to read; {args.uploaders} × {args.files} uploads, "
          f"{args.readers} readers pausing {args.think:g} s, {args.workers} workers "
          f"(nice {settings.WORKER_NICE}), gunicorn {web['workers']} × {web['threads']} "
          f"threads", flush=True)  # fmt: skip
    verdict = run(args, base, links)
    log = (folder / "worker.log").read_text(errors="replace").splitlines()
    said = [line for line in log if re.search(r"WARNING|ERROR|CRITICAL|Error|Traceback", line)]
    if verdict and said:  # why uploads did not end, if the worker said
        print("\nThe worker's warnings and errors, last:", *said[-15:], sep="\n  ")
    return verdict


def manage(*args: str, quiet: bool = False) -> None:
    out = subprocess.DEVNULL if quiet else None
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True, stdout=out)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(base: str, web: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{base}/healthz", timeout=2).ok:
                return
        if web.poll() is not None:
            break
        time.sleep(0.3)
    raise SetupError("gunicorn did not answer /healthz")


# --- what readers read -------------------------------------------------------------------

PAGES = ["/", "/agencies/", "/disclosures/", "/compare/", "/compare/mix/", "/compare/trend/",
         "/compare/per-capita/", "/compare/peers/"]  # fmt: skip
LINK = re.compile(r'(?:href|src)="(/(?:agencies/\d+/|disclosures/\d+/|documents/\d+/pages/\d+'
                  r'\.png|chart/[a-z-]+\.png)[^"]*)"')  # fmt: skip


def discover(base: str) -> list[str]:
    """The public pages, and the agencies, disclosures, page images and chart pictures
    they link to (each picture asked for once here, so that the worker draws it)."""
    found = set(PAGES)
    for path in [*PAGES, *[p for p in _links(base, PAGES) if "/disclosures/" in p]]:
        found.update(_links(base, [path]))
    if not any(".png" in path for path in found):
        raise SetupError("the published samples link to no picture")
    return sorted(found)


def _links(base: str, paths: list[str]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        text = requests.get(base + path, timeout=30).text
        found.update(html.unescape(link).replace("&download=1", "") for link in LINK.findall(text))
    return found


def reader(
    base: str, links: list[str], think: float, timings: Timings, done: threading.Event
) -> None:
    """A reader reads what it fetched before it asks for the next (`think` seconds on
    average): twenty clients asking back to back would measure the queue, not the site."""
    session, rng = client(), random.Random()
    while not done.wait(rng.uniform(0.5, 1.5) * think):
        path = rng.choice(links)
        kind = _kind(path)
        began = time.monotonic()
        try:
            response = session.get(base + path, timeout=30)
            error = "" if response.status_code in (200, 202) else f"{response.status_code} {path}"
        except requests.RequestException as exc:
            error = f"{type(exc).__name__} {path}"
        timings.add(time.monotonic() - began, kind, error)


def _kind(path: str) -> str:
    """What a reader asked for, so that the report times each kind apart."""
    if not path.split("?")[0].endswith(".png"):
        return "page"
    return "chart picture" if path.startswith("/chart/") else "page image"


# --- what uploaders send -----------------------------------------------------------------


def corpus() -> list[tuple[str, bytes, bool]]:
    """(name, bytes, broken) to upload in turn: samples, real PDFs and broken files."""
    texts = [(p.name, p.read_bytes(), False) for p in sorted(SAMPLES.glob("*.txt"))]
    pdfs = [(Path(p).name, (ROOT / p).read_bytes(), False) for p in PDFS]
    cut = pdfs[1][1][: len(pdfs[1][1]) // 3]
    broken = [("broken-truncated.pdf", cut, True),
              ("broken-not-a-budget.txt", "会议纪要\n今天天气很好。\n".encode(), True)]  # fmt: skip
    # interleaved, so that even a few uploads hold each kind
    mixed = itertools.chain(*itertools.zip_longest(texts, pdfs, broken))
    return [file for file in mixed if file]


def distinct(name: str, data: bytes, n: int) -> tuple[str, bytes]:
    """The file made unique without changing what it reads: a PDF comment after %%EOF,
    a text file's last line."""
    stem, dot, ext = name.rpartition(".")
    if ext == "pdf":
        return f"{stem}-{n:04d}.pdf", data + f"\n%load {n}\n".encode()
    return f"{stem}-{n:04d}.{ext}", data + f"\n\n{n:04d}\n".encode()


def client() -> requests.Session:
    """A session that, as a browser does, sends a GET again when the server closed the
    kept-alive connection just as it was reused (gunicorn's threads close one idle 2 s)."""
    session = requests.Session()
    again = Retry(
        total=1,
        connect=1,
        read=1,
        status=0,
        other=0,
        allowed_methods={"GET"},
        respect_retry_after_header=False,
    )  # a 503 is counted, not waited for
    session.mount("http://", HTTPAdapter(max_retries=again))
    return session


def login(base: str) -> requests.Session:
    session = client()
    page = session.get(f"{base}/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if not token:
        raise SetupError("the login page has no CSRF token")
    form = {"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token[1]}
    answer = session.post(f"{base}/login/", data=form, timeout=30, allow_redirects=False)
    if answer.status_code != 302:
        raise SetupError(f"logging in as {USER} failed ({answer.status_code})")
    return session


OUTCOME = re.compile(r'<li class="outcome-(\w+)">(.*?)</li>', re.S)


def uploader(base: str, jobs: list[tuple[str, bytes]], uploads: list[Upload]) -> None:
    session = login(base)
    for name, data in jobs:
        upload = Upload(name)
        uploads.append(upload)
        began = time.monotonic()
        try:
            page = session.get(f"{base}/upload/", timeout=60)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            answer = session.post(
                f"{base}/upload/",
                data={"csrfmiddlewaretoken": token[1] if token else ""},
                files={"files": (name, data)},
                timeout=120,
            )
        except requests.RequestException as exc:
            upload.reason = f"{type(exc).__name__}"
            continue
        upload.took = time.monotonic() - began
        for state, text in OUTCOME.findall(answer.text):
            number = re.search(r'href="/documents/(\d+)/"', text)
            if state == "new" and number:
                upload.document = int(number[1])
            elif state not in ("new", "duplicate"):
                upload.refused = re.sub(r"<[^>]+>|\s+", " ", html.unescape(text)).strip()


def follow(base: str, uploads: list[Upload], deadline: float) -> None:
    """Until every document is parsed or failed, or the deadline: their status, as the
    upload page's own polling reads it."""
    session, said = login(base), time.monotonic()
    while True:
        open_ = [u for u in uploads if u.document and u.status not in ("parsed", "failed")]
        for chunk in (open_[i : i + 100] for i in range(0, len(open_), 100)):
            ids = ",".join(str(u.document) for u in chunk)
            answer = session.get(f"{base}/documents/status.json?ids={ids}", timeout=60)
            status = {d["id"]: d for d in answer.json()["documents"]}
            for u in chunk:
                if u.document in status:
                    u.status = status[u.document]["status"]
                    u.reason = status[u.document]["error_message"]
        if not open_ or time.monotonic() > deadline:
            return
        if time.monotonic() >= said + 30:
            print(f"  {len(uploads) - len(open_)} of {len(uploads)} uploads finished", flush=True)
            said = time.monotonic()
        time.sleep(POLL)


def run(args: argparse.Namespace, base: str, links: list[str]) -> int:
    files = corpus()
    jobs = [[distinct(*files[(c * args.files + i) % len(files)][:2], c * args.files + i)
             for i in range(args.files)] for c in range(args.uploaders)]  # fmt: skip
    uploads: list[Upload] = []
    timings, done = Timings(), threading.Event()
    readers = [threading.Thread(target=reader, args=(base, links, args.think, timings, done), daemon=True)
               for _ in range(args.readers)]  # fmt: skip
    senders = [threading.Thread(target=uploader, args=(base, job, uploads), daemon=True)
               for job in jobs]  # fmt: skip
    deadline = time.monotonic() + args.deadline
    for thread in readers + senders:
        thread.start()
    for thread in senders:
        thread.join(max(0.0, deadline - time.monotonic()))
    follow(base, uploads, deadline)
    done.set()
    for thread in readers:
        thread.join(35)
    return report(uploads, args.uploaders * args.files, timings, args.slow)


# --- the figures -------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


def latency_line(label: str, values: list[float]) -> str:
    p50, p95 = percentile(values, 50) * 1000, percentile(values, 95) * 1000
    top = max(values, default=0.0) * 1000
    return f"  {label:<15} {len(values):>7} {p50:>8.0f} {p95:>8.0f} {top:>8.0f}"


def report(uploads: list[Upload], sent: int, timings: Timings, slow: float = SLOW) -> int:
    parsed = sum(u.status == "parsed" for u in uploads)
    failed = sum(u.status == "failed" and bool(u.reason) for u in uploads)
    silent = sum(u.status == "failed" and not u.reason for u in uploads)
    refused = sum(bool(u.refused) for u in uploads)
    stuck = sum(u.status in ("", "queued", "parsing") and u.document is not None for u in uploads)
    lost = sent - parsed - failed - silent - refused - stuck
    print(f"\nUploads 上传 {sent}: parsed 已解析 {parsed} · failed with a reason 失败并说明原因 "
          f"{failed} · refused at upload 拒收 {refused} · failed without a reason {silent} · "
          f"lost 丢失 {lost} · stuck 卡住 {stuck}")  # fmt: skip
    reasons = sorted({u.reason or u.refused for u in uploads if u.reason or u.refused})
    for reason in reasons[:5]:
        print(f"  reason: {reason[:110]}")
    print("\nReaders 读者: latency 延迟 ms      requests      p50      p95      max")
    slow_minutes = []
    for minute in range(int(max((r[0] for r in timings.rows), default=0) // 60) + 1):
        values = [took for at, took, _ in timings.rows if int(at // 60) == minute]
        print(latency_line(f"minute {minute + 1}", values))
        if slow > 0 and percentile(values, 95) >= slow:
            slow_minutes.append(minute + 1)
    for kind in ("page", "page image", "chart picture"):
        print(latency_line(f"{kind}s", [took for _, took, k in timings.rows if k == kind]))
    print(latency_line("all", [took for _, took, _ in timings.rows]))
    print(latency_line("(uploads)", [u.took for u in uploads if u.took]))
    print(f"  errors: {len(timings.errors)}" + "".join(f"; {e}" for e in timings.errors[:3]))
    verdict = (lost, stuck, silent, slow_minutes)
    print("PASS" if verdict == (0, 0, 0, []) else
          f"FAIL: lost {lost}, stuck {stuck}, failed without a reason {silent}, "
          f"p95 ≥ {slow:g} s in minutes {slow_minutes}")  # fmt: skip
    return 0 if verdict == (0, 0, 0, []) else 1


if __name__ == "__main__":
    sys.exit(main())
