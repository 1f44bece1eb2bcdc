"""The agency list sorted by spending per head or by total, either way, reads its page from
an index. The order is gaps last when largest first, which an index can give only with
NULLS LAST: PostgreSQL has it, SQLite (`make run`, one reader) does not and needs none."""

from django.db import migrations

INDEXES = {
    "summary_per_staff": "per_staff",
    "summary_expenditure": "expenditure",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON disclosures_disclosuresummary "
            f"({column} DESC NULLS LAST)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0007_agency_filters")]

    operations = [migrations.RunPython(create, drop)]
