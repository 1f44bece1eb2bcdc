"""Every write, as keyword-only functions named <noun>_<verb>; views, tasks and commands
call these and nothing else to change data.

    upload.py    files checked at the door, kept under their hash, queued
    parse.py     the worker's claim, parse and save; the sweep of stuck documents
    drafts.py    which files feed which version, and its rows rebuilt from their records
    review.py    corrections and publishing; members and their roles
    agencies.py  matching agencies by name and alias, merging two

What is published changing is sent as signals.published_changed, for the layers above.

Expected failures raise `ServiceError` (a code and one line for the user); anything else
is a bug, logged where it is caught.
"""

from __future__ import annotations

from disclosures.services.agencies import agency_kind, agency_match, agency_merge, agency_name
from disclosures.services.common import TRANSIENT, ServiceError
from disclosures.services.drafts import disclosure_rebuild
from disclosures.services.parse import (
    SweepResult,
    disclosure_join,
    document_parse,
    documents_sweep,
)
from disclosures.services.review import disclosure_publish, member_add, value_correct
from disclosures.services.upload import (
    Hints,
    UploadOutcome,
    document_enqueue,
    document_reparse,
    document_upload,
    upload_limits,
)

__all__ = [
    "TRANSIENT",
    "Hints",
    "ServiceError",
    "SweepResult",
    "UploadOutcome",
    "agency_kind",
    "agency_match",
    "agency_merge",
    "agency_name",
    "disclosure_join",
    "disclosure_publish",
    "disclosure_rebuild",
    "document_enqueue",
    "document_parse",
    "document_reparse",
    "document_upload",
    "documents_sweep",
    "member_add",
    "upload_limits",
    "value_correct",
]
