"""DisclosureSummary, moved here from disclosures (0009): the model only, its table,
indexes and rows stay as disclosures made them."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comparisons", "0003_pinnedchart"),
        ("disclosures", "0009_summary_to_comparisons"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DisclosureSummary",
                    fields=[
                        (
                            "disclosure",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="summary",
                                serialize=False,
                                to="disclosures.disclosure",
                            ),
                        ),
                        ("year", models.PositiveSmallIntegerField()),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("budget", "预算 budget"),
                                    ("final_accounts", "决算 final accounts"),
                                ],
                                max_length=16,
                            ),
                        ),
                        (
                            "scope",
                            models.CharField(
                                choices=[("department", "部门 department"), ("unit", "单位 unit")],
                                max_length=16,
                            ),
                        ),
                        (
                            "expenditure",
                            models.DecimalField(
                                blank=True, decimal_places=6, max_digits=20, null=True
                            ),
                        ),
                        (
                            "personnel",
                            models.DecimalField(
                                blank=True, decimal_places=6, max_digits=20, null=True
                            ),
                        ),
                        (
                            "public",
                            models.DecimalField(
                                blank=True, decimal_places=6, max_digits=20, null=True
                            ),
                        ),
                        (
                            "basic",
                            models.DecimalField(
                                blank=True, decimal_places=6, max_digits=20, null=True
                            ),
                        ),
                        (
                            "project",
                            models.DecimalField(
                                blank=True, decimal_places=6, max_digits=20, null=True
                            ),
                        ),
                        (
                            "staff",
                            models.DecimalField(
                                blank=True, decimal_places=6, max_digits=20, null=True
                            ),
                        ),
                        ("staff_note", models.CharField(blank=True, max_length=200)),
                        ("staff_address", models.CharField(blank=True, max_length=80)),
                        (
                            "per_staff",
                            models.DecimalField(
                                blank=True, decimal_places=6, max_digits=20, null=True
                            ),
                        ),
                        ("per_staff_note", models.CharField(blank=True, max_length=200)),
                        ("errors", models.PositiveIntegerField(default=0)),
                        ("warnings", models.PositiveIntegerField(default=0)),
                        (
                            "agency",
                            models.ForeignKey(
                                db_index=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="disclosures.agency",
                            ),
                        ),
                        (
                            "staff_source",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="disclosures.disclosure",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "disclosures_disclosuresummary",
                        "indexes": [
                            models.Index(fields=["agency", "year", "kind"], name="summary_agency"),
                            models.Index(fields=["year", "kind"], name="summary_year"),
                        ],
                    },
                ),
            ],
        ),
    ]
