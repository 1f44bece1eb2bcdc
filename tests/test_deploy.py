"""The shipped production settings (DEBUG off, nothing else set but a key) pass Django's
deployment checks without a warning; a plain-HTTP deployment says so in one setting."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTTPS_NAMES = ("PLAIN_HTTP", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_COOKIES")


def check_deploy(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", *HTTPS_NAMES)}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            # never connected to: the deployment checks read settings only
            "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_production_settings_pass_the_deployment_checks_without_a_warning():
    result = check_deploy()

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_plain_http_deployment_is_one_setting_and_the_checks_say_what_it_gives_up():
    result = check_deploy(PLAIN_HTTP="1")

    assert result.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):  # HSTS, redirect, both cookies
        assert warning in result.stderr


@pytest.mark.django_db
def test_over_https_plain_http_is_redirected_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200
