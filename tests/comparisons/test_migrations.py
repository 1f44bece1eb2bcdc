"""DisclosureSummary moved from disclosures to comparisons by state alone: a database
upgraded across the move keeps its table and rows, and what is published is summarised."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("disclosures", "0008_summary_sorting"), ("comparisons", "0003_pinnedchart")]


@pytest.mark.django_db
def test_no_model_change_lacks_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_summaries_and_gains_the_missing():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    agency = old.get_model("disclosures", "Agency").objects.create(
        name="福州社保", province="福建省"
    )
    disclosures = old.get_model("disclosures", "Disclosure").objects
    when = datetime(2026, 1, 2, tzinfo=UTC)
    summed = disclosures.create(agency=agency, year=2025, kind="budget", scope="unit",
                                published_at=when, is_current=True)  # fmt: skip
    missing = disclosures.create(agency=agency, year=2024, kind="budget", scope="unit",
                                 published_at=when, is_current=True)  # fmt: skip
    old.get_model("disclosures", "DisclosureSummary").objects.create(
        disclosure=summed, agency=agency, year=2025, kind="budget", scope="unit"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from comparisons.models import DisclosureSummary

    rows = DisclosureSummary.objects.order_by("year").values_list("disclosure_id", "year")
    assert list(rows) == [(missing.pk, 2024), (summed.pk, 2025)]
    assert DisclosureSummary._meta.db_table == "disclosures_disclosuresummary"
