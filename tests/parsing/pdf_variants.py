"""Real PDFs changed into the way other offices' PDFs are made, every figure left as it
was: `scripts/accuracy.py --pdf NAME` reads every real document so changed.

- `unruled`: no rulings or shading (tables typeset with spaces, or exported without
  borders): every path is still built but none is painted. The text is left byte for
  byte as it was.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf

# the operators that paint a path; `n` ends one without painting it
_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}


def _unpainted(owner: pikepdf.Object, pdf: pikepdf.Pdf, seen: set) -> None:
    """Paths in `owner`'s content (a page or a form XObject, and the forms it draws) built
    but not painted."""
    resources = owner.get("/Resources", {})
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            _unpainted(xobject, pdf, seen)
    kept = [
        pikepdf.ContentStreamInstruction([], pikepdf.Operator("n"))
        if str(instruction.operator) in _PAINT
        else instruction
        for instruction in pikepdf.parse_content_stream(owner)
    ]
    stream = pikepdf.unparse_content_stream(kept)
    if isinstance(owner, pikepdf.Page) or owner.get("/Type") == "/Page":
        owner.Contents = pdf.make_stream(stream)
    else:
        owner.write(stream)


def unruled(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        seen: set = set()
        for page in pdf.pages:
            _unpainted(page.obj, pdf, seen)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


PDF_VARIANTS: dict[str, Callable[[bytes], bytes]] = {"unruled": unruled}
