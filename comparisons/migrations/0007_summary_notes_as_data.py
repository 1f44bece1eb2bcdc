"""The summaries' notes kept as data (an id and its parameters, comparisons.figures.Note)
rather than as a sentence in two languages: the old sentences cannot be read back, so
the columns are made again and the summaries rebuilt, as 0005 first filled them."""

from django.db import migrations, models


def refill(apps, schema_editor):
    from comparisons.summaries import rebuild_with

    rebuild_with(
        apps.get_model("disclosures", "Disclosure"),
        apps.get_model("comparisons", "DisclosureSummary"),
        lambda line: None,
    )


class Migration(migrations.Migration):
    # a batch of agencies a transaction, not one transaction for a national database
    atomic = False

    dependencies = [("comparisons", "0006_translated_names")]

    operations = [
        migrations.RemoveField(model_name="disclosuresummary", name="staff_note"),
        migrations.RemoveField(model_name="disclosuresummary", name="per_staff_note"),
        migrations.AddField(
            model_name="disclosuresummary",
            name="staff_note",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="disclosuresummary",
            name="per_staff_note",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(refill, migrations.RunPython.noop, elidable=True),
    ]
