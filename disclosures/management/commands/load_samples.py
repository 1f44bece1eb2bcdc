"""Upload the sample corpus through the same pipeline as any upload, wait for the worker
to parse it, and publish what it gives: `import_documents` on the samples' folder.
`make run` calls this on every start; it acts once: files already uploaded are
recognised by their hash, and a disclosure that was ever published is left to the
reviewers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser

from disclosures.management.commands import import_documents

SAMPLES = Path(settings.BASE_DIR) / "disclosures" / "fixtures" / "samples"


class Command(import_documents.Command):
    help = "Upload the sample disclosures, wait for the worker, publish them (once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--folder", type=Path, default=SAMPLES)
        parser.add_argument(
            "--wait", type=float, default=300, help="seconds to wait for the worker"
        )

    def handle(self, *args: Any, folder: Path, wait: float, **options: Any) -> None:
        super().handle(paths=[folder], skip=[], wait=wait)
