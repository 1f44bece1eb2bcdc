"""The journalist and reviewer groups of disclosures/roles.py, with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from disclosures.roles import groups_sync


def roles_create(apps, schema_editor):
    # Permissions are made after all migrations have run; make this app's now.
    app_config = apps.get_app_config("disclosures")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    groups_sync(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(roles_create, migrations.RunPython.noop)]
