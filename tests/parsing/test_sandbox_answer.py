"""The sandbox's child answers in JSON: a child that pdfium may have turned writes
nothing the caller would run, and a parse comes back whole, every Decimal and tuple."""

from __future__ import annotations

import os
import pathlib
import pickle
import sys
from decimal import Decimal

import pytest

from disclosures.parsing import parse_bytes
from disclosures.parsing.model import Figure, Source
from disclosures.parsing.sandbox import parse_in_child, run_in_child, typed

HERE = pathlib.Path(__file__).parent
SAMPLES = HERE.parents[1] / "disclosures" / "fixtures" / "samples"
MARK = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"sandbox-pickle-ran-{os.getpid()}"


class _Runs:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):  # what pickle.loads would call in the caller
        return (pathlib.Path.touch, (pathlib.Path(self.path),))


def answer_with_a_pickle(data: bytes, source: str) -> None:
    """A child that writes its own answer: a pickle that would touch `source` when loaded."""
    sys.stdout.buffer.write(pickle.dumps(("ok", _Runs(source))))
    sys.stdout.flush()
    os._exit(0)


def test_a_childs_pickle_is_never_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))
    )
    MARK.unlink(missing_ok=True)

    outcome = run_in_child(
        "test_sandbox_answer:answer_with_a_pickle",
        b"",
        str(MARK),
        max_seconds=10,
        max_memory_mb=400,
    )

    assert not MARK.exists()
    assert outcome.error is not None and outcome.error.code == "corrupt"


def test_a_parse_comes_back_from_the_child_as_it_was_read() -> None:
    data = sorted(SAMPLES.glob("*.txt"))[0].read_bytes()

    assert parse_in_child(data, "budget.txt") == parse_bytes(data, "budget.txt")


def test_an_answer_of_the_wrong_shape_is_refused() -> None:
    figure = typed({"value": "1.50", "source": {"page": 3, "box": [1, 2.5, 3, 4]}}, Figure)

    assert figure == Figure(Decimal("1.50"), Source(page=3, box=(1.0, 2.5, 3.0, 4.0)))
    with pytest.raises(TypeError):
        typed({"value": 1.5, "source": {}}, Figure)  # money as a float
    with pytest.raises(TypeError):
        typed({"value": "1", "source": {"page": "3"}}, Figure)
