"""docker-compose.yml is how a newsroom outgrows one machine; check its shape without Docker."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def mounts(service: dict) -> dict[str, str]:
    """Volume name -> path in the container, for the short `name:/path` syntax."""
    return dict(volume.split(":")[:2] for volume in service.get("volumes", []))


def test_it_runs_the_database_the_queue_the_site_the_workers_and_the_scheduler(services):
    assert set(services) == {"proxy", "postgres", "redis", "web", "worker", "beat"}


def test_one_scheduler_sends_the_sweep_and_gets_the_same_settings(services):
    assert "beat" in services["beat"]["command"]
    assert not services["beat"].get("deploy", {}).get("replicas", 1) > 1
    assert services["beat"].get("environment") == services["worker"].get("environment")
    assert services["beat"].get("env_file") == services["worker"].get("env_file")


def test_every_service_has_a_health_check(services):
    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"


def test_the_health_checks_ask_each_service_the_right_question(services):
    assert "pg_isready" in str(services["postgres"]["healthcheck"]["test"])
    assert "redis-cli" in str(services["redis"]["healthcheck"]["test"])
    assert "/healthz" in str(services["web"]["healthcheck"]["test"])


def test_the_site_and_the_workers_wait_for_a_healthy_database_and_queue(services):
    for name in ("web", "worker"):
        depends_on = services[name]["depends_on"]
        assert depends_on["postgres"]["condition"] == "service_healthy"
        assert depends_on["redis"]["condition"] == "service_healthy"


def test_the_database_and_the_uploads_live_in_named_volumes(compose, services):
    assert set(compose["volumes"]) >= {"pgdata", "uploads"}
    assert mounts(services["postgres"]) == {"pgdata": "/var/lib/postgresql/data"}


def test_web_and_worker_share_the_uploaded_originals(services):
    web, worker = mounts(services["web"]), mounts(services["worker"])

    assert web["uploads"] == worker["uploads"] == services["web"]["environment"]["MEDIA_ROOT"]


def test_web_and_worker_get_the_same_settings(services):
    web, worker = services["web"]["environment"], services["worker"]["environment"]

    assert web == worker
    assert web["DATABASE_URL"].startswith("postgres://")
    assert web["CELERY_BROKER_URL"].startswith("redis://")
    assert web["DEBUG"] == "0"


def test_workers_can_be_scaled(services):
    worker = services["worker"]

    assert "container_name" not in worker
    assert "ports" not in worker
    assert worker["command"][:4] == ["celery", "-A", "config", "worker"]


def test_the_site_is_served_by_gunicorn_with_the_measured_settings(services):
    # the settings `make load` measures (scripts/loadtest.py) are the ones deployed
    command = "gunicorn -c config/gunicorn.py config.wsgi"

    assert command in " ".join(services["web"]["command"])
    assert f"CMD {json.dumps(command.split())}" in (ROOT / "Dockerfile").read_text()


def docker_engine_reachable() -> bool:
    if shutil.which("docker") is None:
        return False
    info = subprocess.run(["docker", "info"], capture_output=True, timeout=30)
    return info.returncode == 0


@pytest.mark.skipif(not docker_engine_reachable(), reason="no Docker engine reachable here")
def test_docker_compose_accepts_the_file():
    result = subprocess.run(
        ["docker", "compose", "config", "--quiet"],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "checking-the-compose-file"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr


def test_visitors_reach_gunicorn_only_through_the_proxy(services):
    assert "ports" not in services["web"] and services["proxy"]["ports"]
    assert mounts(services["proxy"])["./deploy/nginx.conf"] == "/etc/nginx/conf.d/default.conf"
    assert mounts(services["web"])["static"] == mounts(services["proxy"])["static"]
    assert services["web"]["environment"]["PROXY_COUNT"] == "1"


def test_the_proxy_takes_no_larger_body_than_the_site(services):
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    [limit] = re.findall(r"client_max_body_size (\d+)m;", conf)
    assert int(limit) == settings.UPLOAD_MAX_REQUEST_MB
