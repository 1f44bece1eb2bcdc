"""The OCR models as onnxruntime sessions, their subnormal weights set to zero.

PP-OCR's detector holds weights below float32's normal range (under 1.2e-38): over
half of one 768-channel convolution's. On Intel CPUs every multiplication by one
takes a slow microcode path, which made that single layer most of a page's
detection; onnxruntime turns such numbers into zero only on its pool's threads
(`session.set_denormal_as_zero`), never on the thread that runs a one-thread
session. A weight that small adds nothing a float32 sum can hold, so zero is
what the CPU would make of it anyway: it is written once, as the model is loaded.

An ONNX file is a protobuf message; the weights are the graph's initializers, each
a tensor with its data type and its raw little-endian bytes. The walk below reads
just those fields, and rewrites numbers in place, so the file keeps its layout.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

MODEL_GRAPH = 7  # ModelProto.graph
GRAPH_INITIALIZER = 5  # GraphProto.initializer
TENSOR_DATA_TYPE = 2  # TensorProto.data_type
TENSOR_RAW_DATA = 9  # TensorProto.raw_data
FLOAT = 1  # TensorProto.DataType.FLOAT
EXPONENT, MANTISSA, SIGN = 0x7F80_0000, 0x007F_FFFF, 0x8000_0000


def ocr_session(path: Path, threads: int) -> Any:
    """An onnxruntime session on the model at `path`, its subnormal weights made zero."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 4
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    model = bytearray(path.read_bytes())
    flush_subnormal_weights(model)
    return ort.InferenceSession(bytes(model), options, providers=["CPUExecutionProvider"])


def flush_subnormal_weights(model: bytearray) -> int:
    """Set every subnormal float32 weight of an ONNX model to zero, in place; how many."""
    import numpy as np

    flushed = 0
    for start, end in _float_weights(model):
        words = np.frombuffer(model, dtype="<u4", count=(end - start) // 4, offset=start)
        subnormal = ((words & EXPONENT) == 0) & ((words & MANTISSA) != 0)
        words[subnormal] &= SIGN  # zero of the same sign
        flushed += int(subnormal.sum())
    return flushed


def _float_weights(model: bytearray) -> Iterator[tuple[int, int]]:
    """Where the raw bytes of each float32 initializer lie in the model."""
    for field, _, start, end in _fields(model, 0, len(model)):
        if field != MODEL_GRAPH:
            continue
        for field, _, tensor, tensor_end in _fields(model, start, end):
            if field != GRAPH_INITIALIZER:
                continue
            data_type, raw = 0, None
            for field, _, value, value_end in _fields(model, tensor, tensor_end):
                if field == TENSOR_DATA_TYPE:
                    data_type = _varint(model, value)[0]
                elif field == TENSOR_RAW_DATA:
                    raw = (value, value_end)
            if data_type == FLOAT and raw is not None:
                yield raw


def _fields(buf: bytearray, pos: int, end: int) -> Iterator[tuple[int, int, int, int]]:
    """Each field of the protobuf message in buf[pos:end]: number, wire type, value span."""
    while pos < end:
        key, pos = _varint(buf, pos)
        wire = key & 7
        if wire == 0:
            after = _varint(buf, pos)[1]
        elif wire == 1:
            after = pos + 8
        elif wire == 2:
            size, pos = _varint(buf, pos)
            after = pos + size
        elif wire == 5:
            after = pos + 4
        else:
            raise ValueError(f"protobuf wire type {wire} at byte {pos}")
        if after > end:
            raise ValueError(f"protobuf field runs past its message at byte {pos}")
        yield key >> 3, wire, pos, after
        pos = after


def _varint(buf: bytearray, pos: int) -> tuple[int, int]:
    """The base-128 number at `pos`, and where the next field starts."""
    value = shift = 0
    while True:
        byte = buf[pos]
        value |= (byte & 0x7F) << shift
        pos += 1
        if byte < 0x80:
            return value, pos
        shift += 7
