import pytest
from django.db import connection


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None) -> None:
    # Everything that touches the database runs on PostgreSQL, the engine deployments use.
    if connection.vendor != "postgresql":
        pytest.fail(
            "Tests that use the database need PostgreSQL: point DATABASE_URL at one, or unset "
            "it for the embedded one (see README)",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings) -> None:
    # The manifest of hashed names comes from collectstatic, which tests do not run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _pages_drawn_anew(settings) -> None:
    # a test writes rows and reads the pages at once; tests/test_pagecache.py turns it on
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    # uploads land in the test's own folder, never in var/
    settings.MEDIA_ROOT = tmp_path / "media"
    # the slow password hash protects stored passwords, not test accounts
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
