"""Parse in a child process with memory, CPU and wall-clock limits.

A hostile or broken file must not take the caller down: pdfium (C++) can abort
the whole process, pdfminer can eat gigabytes on a decompression bomb, and OCR
of a long scan takes minutes. So the parse runs in a fresh Python process,
`python -m disclosures.parsing.sandbox`, which caps its own address space and
CPU time (resource rlimits) before it reads the file from stdin, and writes its
outcome to stdout as JSON. The caller waits at most `max_seconds`, then kills
the child's whole process group. JSON, never pickle: the child has just run pdfium
on untrusted bytes, and unpickling its answer would let a compromised child run code
in the caller. parse_in_child rebuilds the Disclosure from the JSON by the model's own
type hints, so the child can name no class.

    parse_in_child(data, "budget.pdf")  # a Disclosure, or raises ParseError

A child that dies is reported as a ParseError too: over its memory `too_large`,
over its time `timeout`, killed by any other signal `corrupt`. A subprocess,
not multiprocessing, so that it also works inside daemonic Celery workers.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import logging
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, fields, is_dataclass
from decimal import Decimal
from pathlib import Path
from types import NoneType, UnionType
from typing import IO, Any, Union, get_args, get_origin, get_type_hints

from .errors import ParseError
from .extract.base import ProgressCallback, reporting
from .model import Disclosure
from .verify import TableCheck

log = logging.getLogger(__name__)

MAX_SECONDS = 300  # OCR of a 100-page scan at ~2 s a page, with room to spare
MAX_MEMORY_MB = 1500
TARGET = "disclosures.parsing.parse:parse_bytes"
MB = 1024 * 1024
POLL = 0.02  # seconds between looks at the child
STDERR_TAIL = 16 * 1024  # bytes of the child's log kept for the error message
PROGRESS_MARK = b"\x1eprogress "  # a stderr line that reports pages read, not a log line
# Where the child has used this share of its memory, its death is put down to memory.
NEAR_LIMIT = 0.85
# Signs in the child's last words that an allocation failed.
OUT_OF_MEMORY = (b"MemoryError", b"bad_alloc", b"Cannot allocate memory", b"out of memory")
ROOT = Path(__file__).resolve().parents[2]  # the folder that holds `disclosures`
# the child is told who started it, to know whether it outlived it before it could ask
# to die with it (prctl option 1, PR_SET_PDEATHSIG)
PARENT = "SANDBOX_PARENT_PID"
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Outcome:
    """What came back from the child, and what it cost."""

    value: Any = None  # as JSON gives it: dicts, lists, strings, numbers, None
    error: ParseError | None = None
    seconds: float = 0.0
    peak_mb: float = 0.0  # the child's largest resident size


def parse_in_child(
    data: bytes,
    source: str = "",
    *,
    max_seconds: float = MAX_SECONDS,
    max_memory_mb: int = MAX_MEMORY_MB,
    progress: ProgressCallback | None = None,
) -> Disclosure:
    outcome = run_in_child(
        TARGET,
        data,
        source,
        max_seconds=max_seconds,
        max_memory_mb=max_memory_mb,
        progress=progress,
    )
    if outcome.error is not None:
        raise outcome.error
    if not isinstance(outcome.value, dict):
        raise TypeError(f"the child returned {type(outcome.value).__name__}, not a Disclosure")
    found: Disclosure = typed(outcome.value, Disclosure)
    return found


def run_in_child(
    target: str,
    data: bytes,
    source: str = "",
    *,
    max_seconds: float = MAX_SECONDS,
    max_memory_mb: int = MAX_MEMORY_MB,
    progress: ProgressCallback | None = None,
) -> Outcome:
    """Call `module:function`(data, source) in a limited child process; the pages it
    reports read come back through `progress`, on the stderr drain's thread."""
    command = [sys.executable, "-m", __name__, target, str(max_seconds), str(max_memory_mb)]
    # A child started from this process carries this process's peak memory into its own
    # count (Linux keeps the larger across exec): only a peak above it is the child's.
    inherited_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.monotonic()
    proc = subprocess.Popen(
        [*command, source],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_child_env(),
        start_new_session=True,  # its own process group, killed as a whole
    )
    pipes = _Pipes(proc, data, progress)
    status, usage, timed_out = _wait(proc, start + max_seconds)
    stdout, stderr = pipes.join()
    seconds = time.monotonic() - start
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    if timed_out:
        error = ParseError("timeout", f"parsing took longer than {max_seconds:g} seconds")
        return Outcome(error=error, seconds=seconds, peak_mb=peak_mb)
    code = os.waitstatus_to_exitcode(status)
    if code == 0 and stdout:
        return _decoded(stdout, seconds, peak_mb)
    own_peak_mb = peak_mb if peak_mb > inherited_mb else 0.0
    error = _death(code, usage, own_peak_mb, stderr, max_seconds, max_memory_mb)
    return Outcome(error=error, seconds=seconds, peak_mb=peak_mb)


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    # Each thread's malloc arena reserves address space; few of them keep the
    # address-space limit a limit on memory actually used.
    env.setdefault("MALLOC_ARENA_MAX", "2")
    env.setdefault("OMP_NUM_THREADS", "1")
    env[PARENT] = str(os.getpid())
    return env


class _Pipes:
    """Feeds the file to the child and drains its output, each in a thread,
    so that neither side blocks on a full pipe."""

    def __init__(
        self, proc: subprocess.Popen[bytes], data: bytes, progress: ProgressCallback | None
    ) -> None:
        assert proc.stdin and proc.stdout and proc.stderr
        self.out: list[bytes] = []
        self.err: list[bytes] = []
        err = (proc.stderr, self.err, progress)
        self.threads = [
            threading.Thread(target=_feed, args=(proc.stdin, data), daemon=True),
            threading.Thread(target=_drain, args=(proc.stdout, self.out, None), daemon=True),
            threading.Thread(target=_drain_log, args=err, daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    def join(self) -> tuple[bytes, bytes]:
        for thread in self.threads:
            thread.join(timeout=5)
        return b"".join(self.out), b"".join(self.err)[-STDERR_TAIL:]


def _feed(pipe: IO[bytes], data: bytes) -> None:
    # the child may die before reading it all
    with contextlib.suppress(OSError), pipe:
        pipe.write(data)


def _drain(pipe: IO[bytes], into: list[bytes], keep: int | None) -> None:
    with pipe:
        while chunk := pipe.read(65536):
            into.append(chunk)
            if keep is not None and len(into) > 2:  # only the tail of a log matters
                tail = b"".join(into)[-keep:]
                into[:] = [tail]


def _drain_log(pipe: IO[bytes], into: list[bytes], progress: ProgressCallback | None) -> None:
    """The child's stderr: progress lines go to `progress`, the rest is kept (its tail)."""
    with pipe:
        for line in iter(pipe.readline, b""):
            if line.startswith(PROGRESS_MARK):
                _progress_line(line, progress)
                continue
            into.append(line)
            if len(into) > 200:  # only the tail of a log matters
                into[:] = [b"".join(into)[-STDERR_TAIL:]]


def _progress_line(line: bytes, progress: ProgressCallback | None) -> None:
    try:
        done, total = map(int, line[len(PROGRESS_MARK) :].split())
    except ValueError:
        return
    if progress is not None:
        try:
            progress(done, total)
        except Exception:  # a display that fails must not fail the parse
            log.warning("progress callback failed", exc_info=True)


def _report_to_parent(done: int, total: int) -> None:
    sys.stderr.buffer.write(PROGRESS_MARK + f"{done} {total}\n".encode())
    sys.stderr.buffer.flush()


def _wait(proc: subprocess.Popen[bytes], deadline: float) -> tuple[int, Any, bool]:
    """Reap the child (wait4 gives its own peak memory), killing it at the deadline."""
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() >= deadline:
            timed_out = True
            _kill_group(proc.pid)
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(POLL)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    _kill_group(proc.pid)  # anything the child started goes with it
    return status, usage, timed_out


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _decoded(stdout: bytes, seconds: float, peak_mb: float) -> Outcome:
    try:
        kind, *rest = json.loads(stdout)
    except ValueError:  # not the answer the child writes: it was not itself any more
        error = ParseError("corrupt", "the parser's answer was unreadable")
        return Outcome(error=error, seconds=seconds, peak_mb=peak_mb)
    if kind == "ok":
        return Outcome(value=rest[0], seconds=seconds, peak_mb=peak_mb)
    if kind == "error":
        return Outcome(error=ParseError(*rest), seconds=seconds, peak_mb=peak_mb)
    raise RuntimeError(f"the parser failed in its child process: {rest[0]}")


def _death(
    code: int, usage: Any, peak_mb: float, stderr: bytes, max_seconds: float, memory: int
) -> ParseError:
    """Why a child died without an answer, as the code the caller shows; `peak_mb` is
    the child's own peak (0 where it is not known to exceed what it inherited)."""
    cpu = usage.ru_utime + usage.ru_stime
    if code in (-signal.SIGXCPU, -signal.SIGKILL) and cpu >= max_seconds - 1:
        return ParseError("timeout", f"parsing used more than {max_seconds:g} s of CPU time")
    if peak_mb >= NEAR_LIMIT * memory or any(s in stderr for s in OUT_OF_MEMORY):
        return ParseError("too_large", f"parsing needs more than {memory} MB of memory")
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        return ParseError("corrupt", f"the file crashed the parser ({name})")
    return ParseError("corrupt", f"the parser stopped on this file (exit status {code})")


# --- the answer as JSON, and back -----------------------------------------------------


def _plain(value: Any) -> Any:
    """What json.dumps cannot write itself: a dataclass as its fields, money as text."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} cannot travel as JSON")


def typed(value: Any, hint: Any) -> Any:
    """The JSON `value` as the type `hint` names: dataclasses, Decimal, tuples, dicts,
    optionals; a value of the wrong shape is a TypeError, never a class of its choosing."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType):
        if value is None and NoneType in args:
            return None
        return typed(value, next(a for a in args if a is not NoneType))
    if is_dataclass(hint) and isinstance(hint, type):
        hints = get_type_hints(hint, localns={"TableCheck": TableCheck})
        given = _shaped(value, dict)
        return hint(
            **{f.name: typed(given[f.name], hints[f.name]) for f in fields(hint) if f.name in given}
        )
    if origin is tuple:
        items = _shaped(value, list)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(typed(v, args[0]) for v in items)
        return tuple(typed(v, a) for v, a in zip(items, args, strict=True))
    if origin is dict:
        return {str(k): typed(v, args[1]) for k, v in _shaped(value, dict).items()}
    if hint is Decimal:
        return Decimal(_shaped(value, str))
    if hint is float and isinstance(value, int):
        return float(value)
    return _shaped(value, hint) if isinstance(hint, type) and hint is not object else value


def _shaped(value: Any, kind: type) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"the child's answer has {type(value).__name__} for {kind.__name__}")
    return value


# --- the child ---------------------------------------------------------------------


def _limit(max_seconds: float, max_memory_mb: int) -> None:
    memory = max_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(max_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file


def _call(target: str, data: bytes, source: str) -> tuple[Any, ...]:
    module, _, name = target.partition(":")
    try:
        return ("ok", getattr(importlib.import_module(module), name)(data, source))
    except ParseError as error:
        return ("error", error.code, error.message)
    except MemoryError:
        return ("error", "too_large", "parsing needs more memory than allowed")
    except RecursionError:
        return ("error", "corrupt", "the file's objects are nested too deeply")
    except Exception as error:  # a bug: the caller logs it as one
        return ("bug", f"{type(error).__name__}: {error}")


def _die_with_parent() -> None:
    """The child runs in a session of its own, so that a timeout kills it whole; where
    the process that started it dies (a worker the OOM killer takes), the kernel kills it
    too (Linux's parent-death signal) instead of leaving it to run on unseen."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.environ.get(PARENT) not in (None, str(os.getppid())):
        os._exit(1)  # the parent died before the signal was asked for


def _child(argv: list[str]) -> int:
    target, max_seconds, max_memory_mb, source = argv
    _die_with_parent()
    _limit(float(max_seconds), int(max_memory_mb))
    data = sys.stdin.buffer.read()
    with reporting(_report_to_parent):
        outcome = _call(target, data, source)
    sys.stdout.buffer.write(json.dumps(outcome, default=_plain).encode())
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
