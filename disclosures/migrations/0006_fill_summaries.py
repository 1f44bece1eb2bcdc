"""The summaries of what is already published, computed as the services compute them."""

from django.db import migrations


def fill(apps, schema_editor):
    from disclosures.services.summaries import rebuild_with

    rebuild_with(
        apps.get_model("disclosures", "Disclosure"),
        apps.get_model("disclosures", "DisclosureSummary"),
        lambda line: None,
    )


class Migration(migrations.Migration):
    # a batch of agencies a transaction, not one transaction for a national database
    atomic = False

    dependencies = [("disclosures", "0005_summary_and_indexes")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
