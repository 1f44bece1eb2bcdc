"""Celery tasks: each takes an id (or nothing), calls one service, and is safe to run twice.

The service owns the outcome; a task owns only its retry policy. Acknowledged late and
re-queued if the worker process dies (config/celery.py), so no document is dropped; the
claim in services.document_parse counts each attempt, so none loops forever either.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from disclosures import services


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    # the database went away: try again later (the claim has counted this attempt)
    autoretry_for=services.TRANSIENT,
    retry_backoff=5,
    max_retries=settings.PARSE_MAX_ATTEMPTS,
)
def document_parse(document_id: int) -> None:
    services.document_parse(document_id=document_id)


# Acknowledged on receipt: a join that dies with its worker is not run again and again;
# the files' own readings stay, and the next change to the draft's files asks again.
@shared_task(acks_late=False)
def disclosure_join(disclosure_id: int) -> None:
    services.disclosure_join(disclosure_id=disclosure_id)


@shared_task(ignore_result=True)
def documents_sweep() -> None:
    services.documents_sweep()
