"""Upload the sample corpus through the same pipeline as any upload, wait for the worker
to parse it, and publish what it gives. `make run` calls this on every start; it acts
once: files already uploaded are recognised by their hash, and a disclosure that was
ever published is left to the reviewers.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from disclosures import selectors, services

SAMPLES = Path(settings.BASE_DIR) / "disclosures" / "fixtures" / "samples"


class Command(BaseCommand):
    help = "Upload the sample disclosures, wait for the worker, publish them (once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--folder", type=Path, default=SAMPLES)
        parser.add_argument(
            "--wait", type=float, default=300, help="seconds to wait for the worker"
        )

    def handle(self, *args: Any, folder: Path, wait: float, **options: Any) -> None:
        files = sorted(folder.glob("*.txt"))
        if not files:
            raise CommandError(f"no samples in {folder}")
        admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        outcomes = services.document_upload(
            files=[(path.name, path.read_bytes()) for path in files], user=admin
        )
        ids = [o.document.pk for o in outcomes if o.document is not None]
        for o in outcomes:
            self.stdout.write(f"  {o.state:9} {o.name} {o.reason}")
            if o.state == "duplicate" and o.document is not None:
                services.document_enqueue(document=o.document)  # in case its message was lost
        if not self._wait_for(ids, wait):
            raise CommandError(f"the worker did not finish the samples within {wait:g} s")
        published = [
            services.disclosure_publish(disclosure=d, user=admin)
            for d in selectors.drafts_never_published(document_ids=ids)
        ]
        self.stdout.write(f"Samples: {len(ids)} files, {len(published)} disclosures published now.")

    def _wait_for(self, ids: list[int], seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if selectors.documents_finished(ids=ids):
                return True
            time.sleep(0.5)
        return False
