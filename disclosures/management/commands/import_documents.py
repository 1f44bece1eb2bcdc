"""python manage.py import_documents PATH... [--skip GLOB] [--wait SECONDS]

A newsroom's archive through the same pipeline as the upload page: files, folders
(searched through, for the formats the parser reads) and zips are uploaded one file at a
time, the worker parses them, and each disclosure is published once its files have been
read. A running worker is needed (`make run` starts one). Files uploaded before are
recognised by their hash, so running it again does nothing new; an import cut short
(Ctrl-C) and run again publishes what the first left unpublished. A disclosure published
before from other files, by a reviewer, or corrected, is left to the reviewers. At the end
it names each file that could not be read, with the reason, and each draft left to the
reviewers. `make run` loads the real disclosures in tests/data with it, and the sample
corpus (load_samples).
"""

from __future__ import annotations

import fnmatch
import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from disclosures import selectors, services

# What a folder is searched for; a file named on the command line is taken whatever its name.
SUFFIXES = {".pdf", ".xlsx", ".xls", ".docx", ".doc", ".txt", ".zip"}
POLL = 0.5  # seconds between looks at the worker's progress
JOIN_WAIT = 60  # seconds to wait, once every file is read, for the joins of several files


class Command(BaseCommand):
    help = "Upload files, folders and zips, wait for the worker, publish what it reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--skip", action="append", default=[], metavar="GLOB", help="leave out names like this"
        )
        parser.add_argument(
            "--wait", type=float, default=3600, help="seconds to wait for the worker"
        )

    def handle(
        self, *args: Any, paths: list[Path], skip: list[str], wait: float, **options: Any
    ) -> None:
        files = collect(paths, skip)
        if not files:
            raise CommandError(f"nothing to import in {' '.join(map(str, paths))}")
        admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        ids = self.upload(files, admin)
        published = self.follow(ids, admin, wait)
        self.report(ids)
        tally = selectors.documents_tally(ids=ids)
        self.stdout.write(
            f"Imported: {len(ids)} files, {tally.get('parsed', 0)} read, "
            f"{tally.get('failed', 0)} failed; {published} disclosures published now."
        )

    def upload(self, files: list[Path], admin: Any) -> list[int]:
        ids: list[int] = []
        for path in files:
            for o in services.document_upload(files=[(path.name, path.read_bytes())], user=admin):
                if o.state == "refused":
                    self.stderr.write(f"  refused   {path}: {o.reason}")
                if o.document is None:
                    continue
                if o.state == "duplicate":  # its message may have been lost with the broker
                    services.document_enqueue(document=o.document)
                ids.append(o.document.pk)
        return list(dict.fromkeys(ids))  # a file given twice counts once

    def follow(self, ids: list[int], admin: Any, wait: float) -> int:
        """Publish drafts as their files are read, until all are; how many disclosures it
        published (a disclosure whose files were read apart may have gone through versions)."""
        progress = Progress(self.stdout, total=len(ids))
        published: list[int] = []
        deadline = time.monotonic() + wait
        while True:
            done = selectors.documents_finished(ids=ids)
            published += publish(ids, published, admin, read_only=True)
            progress.show(
                selectors.documents_tally(ids=ids), selectors.disclosures_current(ids=published)
            )
            if done:
                break
            if time.monotonic() > deadline:
                progress.end()
                raise CommandError(f"the worker did not finish within {wait:g} s")
            time.sleep(POLL)
        progress.end()
        # Joins of several files: waited for a little; past that, the files' own readings.
        deadline = min(deadline, time.monotonic() + JOIN_WAIT)
        while time.monotonic() < deadline and not all(
            selectors.draft_read(d)
            for d in selectors.drafts_importable(document_ids=ids, published=published, user=admin)
        ):
            time.sleep(POLL)
        published += publish(ids, published, admin, read_only=False)
        return selectors.disclosures_current(ids=published)

    def report(self, ids: list[int]) -> None:
        """Why each file that was not read was not, and what is left to the reviewers."""
        for document in selectors.documents_failed(ids=ids):
            reason = f"{document.error_message} ({document.error_code})"
            self.stderr.write(f"  failed    {document.name}: {reason}")
        for draft in selectors.drafts_unpublished(document_ids=ids):
            self.stderr.write(
                f"  draft     {draft}: a version was published before, so a reviewer "
                f"publishes this one ({reverse('disclosure', args=[draft.pk])})"
            )


def collect(paths: list[Path], skip: list[str]) -> list[Path]:
    """The files named, and those in the folders named, in order, without the skipped."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
            )  # fmt: skip
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"no such file or folder: {path}")
    return [p for p in found if not any(fnmatch.fnmatch(p.name, glob) for glob in skip)]


def publish(ids: list[int], published: list[int], admin: Any, *, read_only: bool) -> list[int]:
    """Publish the drafts these files feed that the import may publish (those whose files
    have all been read, if `read_only`); the ids of what it published."""
    drafts = selectors.drafts_importable(document_ids=ids, published=published, user=admin)
    return [
        services.disclosure_publish(disclosure=d, user=admin).pk
        for d in drafts
        if not read_only or selectors.draft_read(d)
    ]


class Progress:
    """A bar redrawn in place on a terminal; elsewhere (a log file), a line per change."""

    WIDTH = 30

    def __init__(self, out: Any, total: int) -> None:
        self.out, self.total, self.last = out, total, ""
        self.tty = out.isatty()

    def show(self, tally: dict[str, int], published: int) -> None:
        failed = tally.get("failed", 0)
        done = tally.get("parsed", 0) + failed
        filled = self.WIDTH * done // max(self.total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"[{bar}] {done}/{self.total} parsed ({failed} failed), {published} published"
        if line == self.last:
            return
        self.last = line
        if self.tty:
            self.out.write(f"\r{line}", ending="")
            self.out.flush()
        else:
            self.out.write(line)

    def end(self) -> None:
        if self.tty and self.last:
            self.out.write("")
