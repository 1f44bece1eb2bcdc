"""Settings come from the environment; each case runs in a fresh interpreter."""

import os
import subprocess
import sys
from pathlib import Path

from config.celery import app

ROOT = Path(__file__).resolve().parent.parent
SETTING_NAMES = ("DEBUG", "SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL", "VAR_DIR")


def load_settings(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; {code}",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_with_no_settings_it_runs_on_the_embedded_postgresql_and_redis_under_var(tmp_path):
    result = load_settings(
        "db = settings.DATABASES['default'];"
        "print(db['ENGINE'], db['HOST'], db['PORT'] or '-', settings.CELERY_BROKER_URL)",
        VAR_DIR=str(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    # Unix sockets in folders of their own: no TCP port, so never a server the machine runs
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        str(tmp_path / "postgres"),
        "-",
        f"redis+socket://{tmp_path / 'redis' / 'redis.sock'}",
    ]


def test_the_embedded_postgresql_is_found_where_its_server_put_the_socket(tmp_path):
    # a data folder whose path is too long for a socket has it elsewhere; the server says where
    pgdata = tmp_path / "postgres"
    pgdata.mkdir()
    lines = ["4242", str(pgdata), "1700000000", "5432", "/tmp/elsewhere", "", "1 2", "ready"]
    (pgdata / "postmaster.pid").write_text("\n".join(lines) + "\n")

    result = load_settings("print(settings.DATABASES['default']['HOST'])", VAR_DIR=str(tmp_path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/tmp/elsewhere"


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = load_settings("print('started')", DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_reads_the_database_and_broker_from_the_environment():
    result = load_settings(
        "print(settings.DATABASES['default']['HOST'], settings.CELERY_BROKER_URL)",
        DATABASE_URL="postgres://someone@db.example:5432/budgets",
        CELERY_BROKER_URL="redis://queue.example:6379/0",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["db.example", "redis://queue.example:6379/0"]


def test_tasks_are_acknowledged_only_after_they_have_run():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit
