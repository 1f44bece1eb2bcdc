"""Charts as PNG and SVG files drawn on the server, for downloads and for places that
strip iframes (WeChat articles): the same Plotly figure the page draws, drawn by
plotly.js in Debian's Chromium, which kaleido drives.

Nothing is fetched: text from documents reaches plotly.js as text (comparisons/plain.py),
the browser's networking is off, and the browser is the one at BROWSER_PATH
(/usr/bin/chromium), never one kaleido would download; plotly.js is the plotly package's own bundle, the one the pages
serve; MathJax, which kaleido would take from a CDN, is off (the charts have no formulas).

An image is kept under MEDIA_ROOT/charts/, named by a hash of what it draws, so one
figure is drawn once and a changed figure (a correction, new data) is drawn anew.
Drawing starts a browser (about two seconds), so it is never done in the web process: a
picture not kept yet is asked of a Celery worker (the figure in a `.job` file beside
where the picture will be), and the web answers "being drawn" until it is there. One
image is drawn at a time on the machine, and a draw that takes too long is abandoned.
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import json
import logging
import os
import re
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.conf import settings

from comparisons.plain import plotly_plain
from config.staticfinders import BUNDLE, plotly_package_data

log = logging.getLogger(__name__)
# kaleido, choreographer and the browser's own output narrate every step at INFO; a
# failed draw reaches the log as a RenderError instead
for _name in ("kaleido", "choreographer", "browser_proc", "chrome_wrapper"):
    logging.getLogger(_name).setLevel(logging.WARNING)

CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
WIDTH, HEIGHT = 1000, 600  # pixels before SCALE; a chart may ask to be higher
MAX_HEIGHT = 1600
SCALE = {"png": 2, "svg": 1}  # a PNG twice as sharp, for phones and print
# Together well under gunicorn's 30 s worker timeout; a draw takes about 3 s.
RENDER_TIMEOUT = 15.0  # seconds for one image, the browser's start included
WORKER_WAIT = 120.0  # seconds a worker waits while another image is being drawn
JOB_STALE = 120.0  # seconds after which a picture asked for and not drawn is asked again
RETRY_FAILED = 60.0  # seconds a failed drawing is reported before it is tried again
KEEP = 2000  # images kept on disk; the oldest go first
# Where the drawing browser's requests would go if anything asked for one: nowhere.
NO_PROXY = "127.0.0.1:9"  # the discard port, closed
BLOCKED = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]


class RenderError(Exception):
    """The image could not be drawn (no browser, too slow, busy): an expected outcome
    that the view answers with 503, not a bug."""


def browser_path() -> str:
    return os.environ.get("BROWSER_PATH", "/usr/bin/chromium")


def image_key(figure: dict[str, Any], fmt: str) -> str:
    """A hash of everything that decides the image (its size is in the figure's layout),
    plotly.js's version included."""
    drawn = {"figure": figure, "format": fmt, "scale": SCALE[fmt], "plotly": version("plotly")}
    text = json.dumps(drawn, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def for_image(figure: dict[str, Any]) -> dict[str, Any]:
    """The page's figure laid out for a picture: WIDTH wide, as high as the chart asks
    (a long ranking) or HEIGHT; the source line, which the page sets under the plot, goes
    under the title, wrapped, so that slanted axis labels never run over it and a long
    list of documents is not cut off at the edge."""
    layout = dict(figure.get("layout", {}))
    layout["width"] = WIDTH
    layout["height"] = min(int(layout.get("height") or HEIGHT), MAX_HEIGHT)
    notes = list(layout.get("annotations", []))
    if notes:
        lines = wrap(str(notes[0].get("text", "")))
        title = dict(layout.get("title", {}))
        title["subtitle"] = {"text": "<br>".join(lines), "font": {"size": 12, "color": "#555"}}
        layout["title"] = title
        layout["annotations"] = notes[1:]
        title_lines = 1 + str(title.get("text", "")).count("<br>")
        top = 60 + 24 * title_lines + 16 * len(lines)
        layout["margin"] = {**layout.get("margin", {}), "t": top, "b": 60}
    # room on the right for the last slanted axis label, which the page's width gives it
    layout["margin"] = {**layout.get("margin", {}), "r": 130}
    return {**figure, "layout": layout}


def wrap(text: str, width: int = 140) -> list[str]:
    """Lines at most `width` columns wide (a Chinese character is two), broken after
    a 、 or a comma or space where possible."""
    lines, line = [], ""
    for piece in re.split(r"(?<=[、，, ])", text):
        while _columns(line + piece) > width:
            if line:
                lines.append(line.rstrip())
                line = ""
                continue
            cut = _fitting(piece, width)
            lines.append(piece[:cut])
            piece = piece[cut:]
        line += piece
    return [*lines, line.rstrip()] if line.strip() else lines


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fitting(text: str, width: int) -> int:
    """How many characters of text fit in width columns (at least one)."""
    for n in range(1, len(text) + 1):
        if _columns(text[:n]) > width:
            return max(1, n - 1)
    return len(text)


def chart_image(figure: dict[str, Any], fmt: str) -> bytes | None:
    """The figure as PNG or SVG bytes from the cache; else None, once a worker has been
    asked to draw it (`draw_later`). Raises RenderError if its last drawing failed."""
    figure = for_image(plotly_plain(figure))
    path = _kept(figure, fmt)
    if path.is_file():
        return path.read_bytes()
    _check_failed(path)
    job = path.with_name(path.name + ".job")
    if not _recent(job, JOB_STALE):
        path.parent.mkdir(parents=True, exist_ok=True)
        _keep(job, json.dumps(figure, ensure_ascii=False).encode())
        draw_later(path.name)
    if path.is_file():  # drawn already (a worker was quick, or the tests draw at once)
        return path.read_bytes()
    _check_failed(path)
    return None


def picture_path(figure: dict[str, Any], fmt: str) -> Path:
    """Where the picture of a page's figure is kept once drawn."""
    return _kept(for_image(plotly_plain(figure)), fmt)


def _kept(image_figure: dict[str, Any], fmt: str) -> Path:
    return _folder() / f"{image_key(image_figure, fmt)}.{fmt}"


def draw_later(name: str) -> None:
    """Ask a worker to draw the picture `name` (its job file holds the figure)."""
    from comparisons.tasks import chart_draw  # the task module imports this one

    chart_draw.delay(name)


def chart_draw(name: str) -> None:
    """The worker's side: draw the job `name`, keep the picture or the failure's reason.
    Safe to run twice: a picture kept already is not drawn again."""
    path = _folder() / name
    job = path.with_name(name + ".job")
    if path.is_file() or not job.is_file():
        return
    figure = json.loads(job.read_text())
    try:
        with _one_at_a_time(path.parent / ".drawing", WORKER_WAIT):
            if not path.is_file():
                _keep(path, render(figure, path.suffix.lstrip(".")))
        path.with_name(name + ".failed").unlink(missing_ok=True)
    except RenderError as error:
        log.warning("chart image %s not drawn: %s", name, error)
        _keep(path.with_name(name + ".failed"), str(error).encode())
    finally:
        job.unlink(missing_ok=True)


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "charts"


def _recent(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime < seconds
    except FileNotFoundError:
        return False


def _check_failed(path: Path) -> None:
    failed = path.with_name(path.name + ".failed")
    if _recent(failed, RETRY_FAILED):
        raise RenderError(failed.read_text(errors="replace"))


@contextmanager
def _one_at_a_time(lock_path: Path, wait: float) -> Iterator[None]:
    """One browser at a time on this machine, across threads and worker processes: a
    lock on a file (each open() holds its own lock, so threads exclude each other too)."""
    deadline = time.monotonic() + wait
    with lock_path.open("a") as lock:
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise RenderError("another chart image is still being drawn") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _keep(path: Path, data: bytes) -> None:
    # written aside and renamed, so a reader never sees half a file; a name of its own
    # for each writer, threads of one process included
    part = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    part.write_bytes(data)
    part.replace(path)
    if path.suffix not in (".png", ".svg"):
        return
    images = sorted(path.parent.glob("*.[ps][nv]g"), key=lambda p: p.stat().st_mtime)
    for old in images[: max(0, len(images) - KEEP)]:
        old.unlink(missing_ok=True)


def render(figure: dict[str, Any], fmt: str) -> bytes:
    """Draw the figure in a fresh browser, within RENDER_TIMEOUT seconds.

    kaleido is asynchronous; it runs in a thread of its own so that its event loop never
    meets one the caller may be running."""
    browser = browser_path()
    if not os.access(browser, os.X_OK):
        raise RenderError(f"no browser at {browser} to draw chart images with")
    outcome: list[bytes | BaseException] = []

    def run() -> None:
        try:
            outcome.append(asyncio.run(asyncio.wait_for(_draw(figure, fmt), RENDER_TIMEOUT)))
        except BaseException as exc:  # handed to the caller below
            outcome.append(exc)

    thread = threading.Thread(target=run, name="chart-image", daemon=True)
    thread.start()
    thread.join(RENDER_TIMEOUT + 3)  # wait_for's cancellation closes the browser first
    if not outcome:
        raise RenderError(f"drawing the chart took over {RENDER_TIMEOUT:.0f} s")
    result = outcome[0]
    if isinstance(result, TimeoutError):
        raise RenderError(f"drawing the chart took over {RENDER_TIMEOUT:.0f} s") from result
    if isinstance(result, BaseException):
        raise RenderError(f"the chart could not be drawn: {result!r}"[:300]) from result
    return result


async def _draw(figure: dict[str, Any], fmt: str) -> bytes:
    import kaleido  # imported when first needed: it loads plotly, which is slow

    page = kaleido.PageGenerator(plotly=str(plotly_package_data() / BUNDLE), mathjax=False)
    opts = {"format": fmt, "scale": SCALE[fmt]}  # the size is the layout's (for_image)
    # Networking off: a proxy that is not there for any other host, and the page's tabs
    # refusing every network address (Chromium sends loopback past any proxy). The page
    # and plotly.js are files; a chart needs nothing else.
    async with kaleido.Kaleido(
        path=browser_path(), page_generator=page, timeout=None, proxy_server=NO_PROXY
    ) as k:
        for tab in list(k.tabs.values()):
            await _offline(tab)
        data: bytes = await k.calc_fig(figure, opts=opts)
    return data


async def _offline(tab: Any) -> None:
    """Refuse every network address in a tab; a browser that will not is not used."""
    for command, params in (("Network.enable", {}), ("Network.setBlockedURLs", {"urls": BLOCKED})):
        answer = await tab.send_command(command, params=params)
        if "error" in answer:
            raise RenderError(f"the chart browser would not go offline: {answer['error']}")
