"""Why a document could not be parsed, as a stable code plus a one-line message.

Callers (the upload view, batch jobs, the API) branch on `code`, never on the
message, so the codes below are part of the contract and must not be renamed.
"""

from __future__ import annotations

CODES = frozenset(
    {
        "encrypted",  # needs a password to open
        "corrupt",  # not readable as the format it claims to be
        "not_a_disclosure",  # readable, but not a budget or final-account disclosure
        "too_large",  # over the size or page limits
        "timeout",  # took longer than allowed
        "empty",  # no content at all
        "unsupported",  # a format or feature that is not handled
        "scanned",  # page images without a text layer: they need OCR
    }
)


class ParseError(Exception):
    """A document that cannot be parsed; `code` is one of CODES."""

    def __init__(self, code: str, message: str) -> None:
        if code not in CODES:
            raise ValueError(f"unknown parse error code: {code!r}")
        # one line, so that it can go into logs and user-facing notices as is
        message = " ".join(message.split())
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    def __repr__(self) -> str:
        return f"ParseError({self.code!r}, {self.message!r})"
