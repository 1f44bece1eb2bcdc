"""Filled the summaries of what was already published. The model and its computing moved
to comparisons, whose migration 0005 fills them now: disclosures imports nothing above it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0005_summary_and_indexes")]

    operations = []
