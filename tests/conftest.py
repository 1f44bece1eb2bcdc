import pytest
from django.db import connection


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None) -> None:
    # Everything that touches the database runs on PostgreSQL, the engine deployments use.
    if connection.vendor != "postgresql":
        pytest.fail(
            "Tests that use the database need PostgreSQL: set DATABASE_URL=postgres://... "
            "(see README)",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings) -> None:
    # The manifest of hashed names comes from collectstatic, which tests do not run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
