"""Hostile and broken files end in a clean, coded error: quickly, within the memory
limit, and without harm to the caller; the command line prints one line for each.

The files are made by `hostile.py`. Each is parsed in the sandbox's child process
with a 25-second limit, so that even a case caught only by the limit ends within
the 30 seconds allowed.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import time

import psutil
import pytest

from disclosures.parsing import ParseError, parse_bytes
from disclosures.parsing.sandbox import TARGET, parse_in_child, run_in_child

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import hostile  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
REALDOCS = ROOT / "tests" / "data" / "realdocs"
LIMIT_SECONDS = 25
MEMORY_MB = 1500
CASES = {case.name: case for case in hostile.CASES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pathlib.Path]:
    folder = tmp_path_factory.mktemp("hostile")
    hostile.main([str(folder)])
    return {case.name: folder / f"{case.name}-{case.filename}" for case in hostile.CASES}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_file_ends_in_a_coded_error(name: str, corpus: dict[str, pathlib.Path]) -> None:
    case = CASES[name]
    data = corpus[name].read_bytes()
    outcome = run_in_child(
        TARGET, data, case.filename, max_seconds=LIMIT_SECONDS, max_memory_mb=MEMORY_MB
    )
    assert outcome.error is not None, f"{name} parsed as a disclosure"
    assert outcome.error.code in case.codes, outcome.error
    assert outcome.seconds < 30
    assert outcome.peak_mb < MEMORY_MB
    assert "\n" not in outcome.error.message


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ("hostile:eat_memory", "too_large"),
        ("hostile:spin", "timeout"),
        ("hostile:crash", "corrupt"),
    ],
)
def test_a_child_that_dies_is_a_coded_error(
    target: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = str(pathlib.Path(__file__).parent)  # where the child finds `hostile`
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
    )
    # eating memory takes time on a loaded machine: its limit is memory, not seconds
    seconds = 20 if code == "too_large" else 3
    outcome = run_in_child(target, b"", "x", max_seconds=seconds, max_memory_mb=400)
    assert outcome.error is not None and outcome.error.code == code, outcome.error
    assert outcome.seconds < seconds + 7


def test_a_child_whose_caller_dies_dies_with_it() -> None:
    """A worker the OOM killer takes leaves no parse running on, unseen, in the session
    of its own that the child runs in."""
    here = str(pathlib.Path(__file__).parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([here, str(ROOT)])}
    caller = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from disclosures.parsing.sandbox import run_in_child;"
            "run_in_child('hostile:spin', b'', 'x', max_seconds=60, max_memory_mb=400)",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        deadline, child = time.monotonic() + 20, None
        while child is None and time.monotonic() < deadline:
            child = next(iter(psutil.Process(caller.pid).children()), None)
            time.sleep(0.1)
        assert child is not None, "the caller started no child"
        time.sleep(1)  # the child is past its start and spinning
        caller.kill()
        caller.wait(10)
        gone, alive = psutil.wait_procs([child], timeout=10)
        assert gone and not alive, "the child ran on after its caller died"
    finally:
        caller.kill()


def test_a_crash_is_not_put_down_to_memory_a_large_caller_once_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a worker that once held 450 MB passes that peak on to the count of every child
    ballast = bytearray(450 << 20)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touched, so it is resident
    del ballast
    here = str(pathlib.Path(__file__).parent)
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
    )
    outcome = run_in_child("hostile:crash", b"", "x", max_seconds=3, max_memory_mb=400)
    assert outcome.error is not None and outcome.error.code == "corrupt", outcome.error


def test_the_caller_parses_normally_after_the_hostile_ones() -> None:
    data = (REALDOCS / "js_renda_2017_dept-budget.pdf").read_bytes()
    disclosure = parse_in_child(data, "budget.pdf")
    assert str(disclosure.totals["expenditure"].value) == "13649.07"


def test_a_real_pdf_named_xlsx_is_read_as_a_pdf() -> None:
    data = (REALDOCS / "js_renda_2017_dept-budget.pdf").read_bytes()
    assert (
        parse_bytes(data, "budget.xlsx").totals["expenditure"].value
        == parse_bytes(data, "budget.pdf").totals["expenditure"].value
    )


def _command(path: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "parse_disclosure",
            str(path),
            "--json",
            "--max-seconds",
            "25",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_command_prints_one_line_for_a_hostile_file(
    name: str, corpus: dict[str, pathlib.Path]
) -> None:
    done = _command(corpus[name])
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert any(code in lines[0] for code in CASES[name].codes), lines[0]


def test_the_command_prints_json_for_a_disclosure(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "budget.xlsx"  # the name lies; the content decides
    path.write_bytes((REALDOCS / "js_renda_2017_dept-budget.pdf").read_bytes())
    done = _command(path)
    assert done.returncode == 0, done.stderr
    assert '"expenditure": 13649.07' in done.stdout


def test_parse_errors_keep_their_codes_across_the_process_boundary() -> None:
    with pytest.raises(ParseError) as caught:
        parse_in_child(b"", "empty.pdf")
    assert caught.value.code == "empty"
