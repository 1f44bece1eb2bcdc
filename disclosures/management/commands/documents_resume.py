"""python manage.py documents_resume

On one machine, after a restart: the documents left queued or parsing belong to no
worker any more (the broker kept nothing), so each gets its message again now rather
than at the sweep's next round. `make run` calls this before it starts the worker; a
document that has used up its attempts ends failed, as the sweep would leave it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from disclosures import services


class Command(BaseCommand):
    help = "Queue again every document left unfinished (for a restart on one machine)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = services.documents_sweep(stale_after=timedelta(0), lost_after=timedelta(0))
        if result.requeued or result.failed:
            self.stdout.write(
                f"Unfinished documents: {len(result.requeued)} queued again, "
                f"{len(result.failed)} failed after their last attempt."
            )
