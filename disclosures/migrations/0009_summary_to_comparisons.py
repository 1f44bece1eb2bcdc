"""DisclosureSummary moves to comparisons, which computes it; its table stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0008_summary_sorting")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DisclosureSummary")],
        ),
    ]
