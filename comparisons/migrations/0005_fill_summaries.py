"""The summaries of what is already published, computed as comparisons.summaries computes
them. It was disclosures' 0006 until the model moved here; a database that ran that one
has them already, and gets them rebuilt once, the same."""

from django.db import migrations


def fill(apps, schema_editor):
    from comparisons.summaries import rebuild_with

    rebuild_with(
        apps.get_model("disclosures", "Disclosure"),
        apps.get_model("comparisons", "DisclosureSummary"),
        lambda line: None,
    )


class Migration(migrations.Migration):
    # a batch of agencies a transaction, not one transaction for a national database
    atomic = False

    dependencies = [("comparisons", "0004_disclosuresummary")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
