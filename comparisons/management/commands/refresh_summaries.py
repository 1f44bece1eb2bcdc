"""Rebuild every summary the agency list and the peer rankings read, after rows were
written around the services (a bulk load, a restore). Publishing, correcting and merging
keep them up to date by themselves."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from comparisons.summaries import summaries_rebuild


class Command(BaseCommand):
    help = "Rebuild the disclosure summaries (models.DisclosureSummary) of every agency."

    def handle(self, *args: Any, **options: Any) -> None:
        done = summaries_rebuild(say=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(f"Summaries: {done} current published disclosures.")
