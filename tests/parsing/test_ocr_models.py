"""The OCR models' subnormal weights are set to zero as they load, and nothing else moves."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from disclosures.parsing.extract.ocr_models import flush_subnormal_weights

SUBNORMAL = 1e-40  # float32's normal range ends at 1.2e-38


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        out.append(value & 0x7F | (0x80 if value > 0x7F else 0))
        value >>= 7
        if not value:
            return bytes(out)


def _field(number: int, value: bytes | int) -> bytes:
    if isinstance(value, int):
        return _varint(number << 3) + _varint(value)
    return _varint(number << 3 | 2) + _varint(len(value)) + value


def _tensor(name: str, data_type: int, raw: bytes) -> bytes:
    """A TensorProto: dims (1), data_type (2), name (8), raw_data (9)."""
    return (
        _field(1, len(raw) // 4) + _field(2, data_type) + _field(8, name.encode()) + _field(9, raw)
    )


def _model(*tensors: bytes) -> bytearray:
    """A ModelProto with ir_version (1) and a graph (7) of initializers (5)."""
    graph = _field(2, b"graph") + b"".join(_field(5, t) for t in tensors)
    return bytearray(_field(1, 8) + _field(7, graph))


def test_it_sets_subnormal_float_weights_to_zero_and_leaves_the_rest() -> None:
    floats = struct.pack("<5f", 1.0, SUBNORMAL, -SUBNORMAL, 2e-38, 0.0)
    ints = struct.pack("<2q", 3, 5)  # as float32 words, 3 and 5 would be subnormal
    model = _model(_tensor("w", 1, floats), _tensor("shape", 7, ints))
    before = bytes(model)
    assert flush_subnormal_weights(model) == 2
    assert len(model) == len(before)
    start = before.index(floats)
    after = model[start : start + len(floats)]
    assert after == struct.pack("<5f", 1.0, 0.0, -0.0, 2e-38, 0.0)
    end = start + len(floats)
    assert model[:start] == before[:start] and model[end:] == before[end:]


def test_the_shipped_detector_loses_only_its_subnormal_weights() -> None:
    import rapidocr

    path = Path(rapidocr.__file__).parent / "models" / "PP-OCRv6_det_small.onnx"
    before = path.read_bytes()
    model = bytearray(before)
    assert flush_subnormal_weights(model) > 100_000
    assert flush_subnormal_weights(model) == 0
    a = np.frombuffer(before, dtype=np.uint8)
    b = np.frombuffer(bytes(model), dtype=np.uint8)
    # a subnormal float's bytes are its mantissa and a sign: every byte that moved is zero
    changed = a != b
    assert changed.any() and not b[changed].any()
