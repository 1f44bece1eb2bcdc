"""python manage.py add_member NAME --role journalists|reviewers [--password P]

Creates the account if it is new (printing a generated password) and adds it to the
role's group; see disclosures/roles.py for what each role may do.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from disclosures import services
from disclosures.roles import ROLES


class Command(BaseCommand):
    help = "Add a journalist or a reviewer (creating the account if needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--password", help="set this password (default: keep, or generate)")

    def handle(
        self, *args: Any, username: str, role: str, password: str | None, **options: Any
    ) -> None:
        try:
            user, made = services.member_add(username=username, role=role, password=password)
        except services.ServiceError as error:
            raise CommandError(error.message) from None
        login = f" / {made}" if made else ""
        self.stdout.write(f"{user.get_username()}{login} is in {role}")
