"""Create an admin account on a fresh database and say how to log in.

`make run` calls this on every start. The generated password is kept in var/ so it can
be printed again next time; it is only printed if it still opens the account.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Create an admin account if the database has none, and print its login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--login-file", type=Path, default=Path(settings.VAR_DIR) / "admin-login.txt"
        )

    def handle(self, *args: Any, username: str, login_file: Path, **options: Any) -> None:
        users = get_user_model().objects
        if not users.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            users.create_superuser(username=username, email="", password=password)
            login_file.parent.mkdir(parents=True, exist_ok=True)
            login_file.write_text(f"{username}\n{password}\n", encoding="utf-8")
            login_file.chmod(0o600)
        stored = _read_login(login_file)
        if stored and _opens(stored):
            self.stdout.write(f"Login 登录: {stored[0]} / {stored[1]}")
        else:
            self.stdout.write(
                "An admin account exists; its password is not in "
                f"{login_file}. Set one with: python manage.py changepassword NAME"
            )


def _read_login(path: Path) -> tuple[str, str] | None:
    try:
        username, password = path.read_text(encoding="utf-8").split()[:2]
    except (FileNotFoundError, ValueError):
        return None
    return username, password


def _opens(login: tuple[str, str]) -> bool:
    user = get_user_model().objects.filter(username=login[0], is_superuser=True).first()
    return user is not None and user.check_password(login[1])
