"""Web benchmark at national scale: p50/p95 latency and throughput of the comparison pages,
the embeds and the JSON API, with concurrent clients, on a synthetic database.

    python scripts/bench_web.py [--rebuild] [--agencies 10000] [--years 10] [--clients 8]

The database is `budget_bench` on DATABASE_URL's server (never the one DATABASE_URL
names): made, migrated and filled by scripts/synthetic.py with COPY the first time, kept
afterwards (a comment on the database says what it holds; --rebuild starts again). The
site runs as it is deployed, gunicorn with DEBUG=0 on loopback, pointed at that database;
each group of URLs is then requested by the clients at once for --seconds, and the table
printed. Speed is measured here, never in the tests.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from scripts.synthetic import Scale, load  # noqa: E402

BIN = ROOT / ".venv" / "bin"
NAME = "budget_bench"
VAR = ROOT / "var" / "bench"
TIMEOUT = 60  # s; a request that takes longer counts as an error


# --- the database ---------------------------------------------------------------------------


def urls(database_url: str) -> tuple[str, str]:
    """(the server's own database, to create the bench one from; the bench database)."""
    parts = urlsplit(database_url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise SystemExit("make bench needs DATABASE_URL=postgres://USER@HOST:5432/DB")
    server = urlunsplit(("postgresql", parts.netloc, parts.path or "/postgres", "", ""))
    return server, urlunsplit(("postgresql", parts.netloc, f"/{NAME}", "", ""))


def prepare(server: str, bench: str, scale: Scale, rebuild: bool) -> None:
    """Make the database unless it already holds this scale; migrate it either way."""
    with psycopg.connect(server, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [NAME],
        ).fetchone()
        fresh = rebuild or row is None or row[0] != scale.marker
        if fresh:
            print(f"Creating {NAME} ({scale.marker}) …")
            conn.execute(f"DROP DATABASE IF EXISTS {NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {NAME}")
    manage("migrate", "--noinput", "-v0", database=bench)
    if fresh:
        fill(bench, scale)
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"COMMENT ON DATABASE {NAME} IS '{scale.marker}'")
    else:
        print(f"Using {NAME} as it is ({scale.marker}); --rebuild makes it again.")


def fill(bench: str, scale: Scale) -> None:
    started = time.perf_counter()
    with psycopg.connect(bench) as conn, conn.cursor() as cursor:
        # the rows are consistent by construction: skip the per-row foreign-key triggers
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET synchronous_commit = off")
        counts = load(cursor, scale, say=lambda line: print(line, end="\r", flush=True))
    print()
    manage("refresh_summaries", database=bench)  # what the publish service would have kept
    with psycopg.connect(bench, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    minutes = (time.perf_counter() - started) / 60
    print("Loaded in", f"{minutes:.1f} min:", ", ".join(f"{t} {n:,}" for t, n in counts.items()))


def manage(*args: str, database: str) -> None:
    subprocess.run(
        [BIN / "python", "manage.py", *args], cwd=ROOT, env=site_env(database), check=True
    )


def site_env(database: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database.replace("postgresql://", "postgres://", 1),
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(VAR / "static"),
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "600",
    }


# --- the site ----------------------------------------------------------------------------------


def serve(database: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    manage("collectstatic", "--noinput", "-v0", database=database)
    command = [BIN / "gunicorn", "config.wsgi", "--workers", str(workers)]
    command += [
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        str(TIMEOUT + 30),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=site_env(database))
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("gunicorn did not start (see above)") from None
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz")


# --- what is asked ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """Real values of the bench database to build URLs from."""

    agencies: list[tuple[int, str, str, str]]  # id, province, city, kind
    years: list[int]
    disclosures: list[int]

    @classmethod
    def read(cls, bench: str) -> Sample:
        with psycopg.connect(bench) as conn:
            agencies = conn.execute(
                """SELECT id, province, city, kind FROM disclosures_agency
                WHERE city <> '' ORDER BY md5(id::text) LIMIT 300"""
            ).fetchall()
            years = [r[0] for r in conn.execute("SELECT DISTINCT year FROM disclosures_disclosure")]
            disclosures = conn.execute(
                "SELECT id FROM disclosures_disclosure WHERE is_current ORDER BY md5(id::text) LIMIT 300"
            ).fetchall()
        return cls(agencies, sorted(years), [r[0] for r in disclosures])

    def few(self, rng: random.Random, n: int = 3) -> list[tuple[str, int]]:
        return [("agency", a[0]) for a in rng.sample(self.agencies, n)]

    def one(self, rng: random.Random) -> tuple[int, str, str, str]:
        return rng.choice(self.agencies)

    def year(self, rng: random.Random) -> int:
        return rng.choice(self.years[-5:])


Make = Callable[[random.Random, Sample], str]


def _q(path: str, *pairs: tuple[str, object]) -> str:
    return f"{path}?{urlencode(pairs)}" if pairs else path


def _region(rng: random.Random, s: Sample) -> tuple[tuple[str, object], ...]:
    """A region with an agency kind or a year, as a reader narrows a comparison."""
    _, province, city, kind = s.one(rng)
    if rng.random() < 0.5:
        return ("region", city), ("agency_kind", kind)
    return ("region", province), ("agency_kind", kind), ("year", s.year(rng))


def _comparison(path: str) -> Make:
    def make(rng: random.Random, s: Sample) -> str:
        if rng.random() < 0.5:
            return _q(path, *s.few(rng), ("year", s.year(rng)))
        return _q(path, *_region(rng, s))

    return make


PAGES: dict[str, Make] = {
    "/": lambda rng, s: "/",
    "/agencies/": lambda rng, s: _q("/agencies/", ("region", s.one(rng)[2]), ("year", s.year(rng))),
    "/agencies/ sorted, page n": lambda rng, s: _q(
        "/agencies/",
        ("agency_kind", s.one(rng)[3]),
        ("sort", "-per_staff"),
        ("page", rng.randint(1, 20)),
    ),  # fmt: skip
    "/agencies/ all, page n": lambda rng, s: _q("/agencies/", ("page", rng.randint(1, 400))),
    "/agencies/<id>/": lambda rng, s: f"/agencies/{s.one(rng)[0]}/",
    "/compare/per-capita/": _comparison("/compare/per-capita/"),
    "/compare/per-capita/ nothing chosen": lambda rng, s: "/compare/per-capita/",
    "/compare/mix/": _comparison("/compare/mix/"),
    "/compare/mix/?code=208": lambda rng, s: _q(
        "/compare/mix/", *s.few(rng), ("year", s.year(rng)), ("code", "208")
    ),
    "/compare/trend/": _comparison("/compare/trend/"),
    "/compare/peers/": lambda rng, s: _q(
        "/compare/peers/", ("agency", s.one(rng)[0]), ("year", s.year(rng))
    ),
}
EMBEDS: dict[str, Make] = {
    **{
        f"/embed/{name}/": _comparison(f"/embed/{name}/") for name in ("per-capita", "mix", "trend")
    },
    "/embed/peers/": lambda rng, s: _q(
        "/embed/peers/", ("agency", s.one(rng)[0]), ("year", s.year(rng))
    ),
}
JSON: dict[str, Make] = {
    "/api/agencies/": lambda rng, s: _q("/api/agencies/", *_region(rng, s)[:2]),
    "/api/agencies/<id>/": lambda rng, s: f"/api/agencies/{s.one(rng)[0]}/",
    "/api/disclosures/": lambda rng, s: _q("/api/disclosures/", *_region(rng, s)),
    "/api/disclosures/<id>/": lambda rng, s: f"/api/disclosures/{rng.choice(s.disclosures)}/",
    "/api/line-items/": lambda rng, s: _q(
        "/api/line-items/", ("agency", s.one(rng)[0]), ("year", s.year(rng))
    ),
    "/api/line-items/?code=208": lambda rng, s: _q(
        "/api/line-items/",
        ("region", s.one(rng)[2]),
        ("year", s.year(rng)),
        ("code", "208"),
        ("level", 1),
    ),  # fmt: skip
    "/api/findings/": lambda rng, s: _q(
        "/api/findings/", ("region", s.one(rng)[1]), ("severity", "error")
    ),
    "/api/findings/?agency_kind": lambda rng, s: _q(
        "/api/findings/", ("agency_kind", s.one(rng)[3]), ("year", s.year(rng))
    ),
}
# The comparison series: a report computed per answer, like the pages, as JSON.
SERIES: dict[str, Make] = {
    **{
        f"/api/comparisons/{name}/": _comparison(f"/api/comparisons/{name}/")
        for name in ("per-capita", "mix", "trend")
    },
    "/api/comparisons/peers/": lambda rng, s: _q(
        "/api/comparisons/peers/", ("agency", s.one(rng)[0]), ("year", s.year(rng))
    ),
}
GROUPS = {"pages": PAGES, "embeds": EMBEDS, "json": JSON, "series": SERIES}
AIMS = {"pages": 300, "embeds": 300, "json": 100, "series": 100}  # p95, ms


# --- the clients ---------------------------------------------------------------------------------


@dataclass
class Timings:
    seconds: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, label: str, seconds: float, error: str = "") -> None:
        with self.lock:
            self.seconds.setdefault(label, []).append(seconds)
            if error:
                self.errors.setdefault(label, []).append(error)


def fetch(base: str, path: str) -> str:
    """'' when the page came back whole with 200, else what went wrong."""
    try:
        with urllib.request.urlopen(base + path, timeout=TIMEOUT) as response:
            response.read()
            return "" if response.status == 200 else f"{response.status} {path}"
    except urllib.error.HTTPError as error:
        return f"{error.code} {path}"
    except OSError as error:
        return f"{error} {path}"


def client(
    base: str, urls: dict[str, Make], sample: Sample, seed: int, until: float, out: Timings
) -> None:
    rng = random.Random(seed)
    labels = list(urls)
    rng.shuffle(labels)
    n = 0
    while time.monotonic() < until:
        label = labels[n % len(labels)]
        path = urls[label](rng, sample)
        started = time.perf_counter()
        error = fetch(base, path)
        out.add(label, time.perf_counter() - started, error)
        n += 1


def run(
    base: str, urls: dict[str, Make], sample: Sample, clients: int, seconds: float
) -> tuple[Timings, float]:
    out = Timings()
    for make in urls.values():  # warm each worker's caches and connections first
        fetch(base, make(random.Random(0), sample))
    started = time.monotonic()
    until = started + seconds
    threads = [
        threading.Thread(target=client, args=(base, urls, sample, n, until, out))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return out, time.monotonic() - started


# --- the table -------------------------------------------------------------------------------------


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def line(name: str, values: list[float], errors: int, elapsed: float, aim: str = "") -> str:
    ms = [v * 1000 for v in values]
    return (
        f"{name:<38} {len(ms):>6} {errors:>5} {statistics.median(ms):>8.0f} "
        f"{_percentile(ms, 95):>8.0f} {max(ms):>8.0f} {len(ms) / elapsed:>7.1f} {aim}"
    )


def report(results: dict[str, tuple[Timings, float]], detail: bool) -> None:
    print(
        f"\n{'group':<38} {'reqs':>6} {'errs':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7}"
    )
    for group, (timings, elapsed) in results.items():
        every = [s for values in timings.seconds.values() for s in values]
        errors = sum(len(e) for e in timings.errors.values())
        p95 = _percentile(every, 95) * 1000
        aim = f"(aim p95 < {AIMS[group]} ms: {'met' if p95 < AIMS[group] else 'NOT met'})"
        print(line(group, every, errors, elapsed, aim))
        if detail:
            for label, values in timings.seconds.items():
                print(line("  " + label, values, len(timings.errors.get(label, [])), elapsed))
    for timings, _ in results.values():
        for label, errors in timings.errors.items():
            print(f"errors at {label}: {len(errors)}, e.g. {errors[0]}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rebuild", action="store_true", help="make the database again")
    parser.add_argument("--agencies", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--seconds", type=float, default=30, help="per group")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--groups", default=",".join(GROUPS), help="pages,embeds,json,series")
    parser.add_argument("--brief", action="store_true", help="one line a group, not a URL")
    parser.add_argument("--load-only", action="store_true", help="make the database, no requests")
    args = parser.parse_args()
    server_url, bench = urls(os.environ.get("DATABASE_URL", ""))
    prepare(server_url, bench, Scale(args.agencies, args.years), args.rebuild)
    if args.load_only:
        return 0
    sample = Sample.read(bench)
    site = serve(bench, args.port, args.workers)
    try:
        base = f"http://127.0.0.1:{args.port}"
        results = {}
        for group in args.groups.split(","):
            print(f"{group}: {args.clients} clients for {args.seconds:g} s …", flush=True)
            results[group] = run(base, GROUPS[group], sample, args.clients, args.seconds)
    finally:
        site.terminate()
        site.wait(timeout=30)
    print(
        f"\n{args.agencies:,} agencies × {args.years} years; gunicorn {args.workers} workers, "
        f"{args.clients} clients, {os.cpu_count()} CPUs"
    )
    report(results, not args.brief)
    return 0


if __name__ == "__main__":
    sys.exit(main())
