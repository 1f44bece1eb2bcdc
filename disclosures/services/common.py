"""What the service modules share: the expected-error type, the transient errors, and
sending a task once the transaction that asked for it has committed."""

from __future__ import annotations

import logging

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import InterfaceError, OperationalError, transaction

logger = logging.getLogger(__name__)

User = AbstractBaseUser | AnonymousUser | None
# errors of the database connection: the task tries again, the claim counts the attempt
TRANSIENT = (OperationalError, InterfaceError)


class ServiceError(Exception):
    """An expected outcome shown to the user: a stable code and one line."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def send_on_commit(task_name: str, object_id: int) -> None:
    """Send `disclosures.tasks.<task_name>(object_id)` after the commit, as `delay_on_commit`
    does, except that a broker that is down is logged instead of raised: what the
    transaction stored is kept, and the sweep sends a lost parse again."""

    def send() -> None:
        from disclosures import tasks  # the tasks import the services

        try:
            getattr(tasks, task_name).delay(object_id)
        except Exception:
            logger.exception("could not queue %s(%s); the sweep will", task_name, object_id)

    transaction.on_commit(send)
