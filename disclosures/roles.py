"""Who may do what, as data. Anonymous visitors read published disclosures; the rest
is granted through these groups. Admins are superusers and manage everything in /admin/.

A migration creates the groups (migrations/0002_roles.py); `manage.py add_member NAME
--role reviewers` adds a person to one, making the group again if it went missing.
"""

from __future__ import annotations

from typing import Any

JOURNALIST = "journalists"
REVIEWER = "reviewers"

# group -> permissions, as "app_label.codename"
ROLES: dict[str, tuple[str, ...]] = {
    # upload files, follow their parsing, read drafts and download the originals
    JOURNALIST: (
        "disclosures.add_document",
        "disclosures.view_document",
        "disclosures.view_disclosure",
    ),
    # and: correct values, publish, parse a file again, merge two agencies
    REVIEWER: (
        "disclosures.add_document",
        "disclosures.view_document",
        "disclosures.view_disclosure",
        "disclosures.change_document",
        "disclosures.add_correction",
        "disclosures.publish_disclosure",
        "disclosures.merge_agency",
    ),
}


def groups_sync(group_model: Any, permission_model: Any) -> None:
    """Make the groups match ROLES. Takes the models, so the migration can pass its own."""
    for group_name, names in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=group_name)
        codenames = [name.split(".", 1)[1] for name in names]
        group.permissions.set(
            permission_model.objects.filter(
                content_type__app_label="disclosures", codename__in=codenames
            )
        )
