"""What the service modules share: the expected-error type and the transient errors."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import InterfaceError, OperationalError

User = AbstractBaseUser | AnonymousUser | None
# errors of the database connection: the task tries again, the claim counts the attempt
TRANSIENT = (OperationalError, InterfaceError)


class ServiceError(Exception):
    """An expected outcome shown to the user: a stable code and one line."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message
