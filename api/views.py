"""The API's description, generated from its schemas, and the page that shows it."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from api.main import api


@require_safe
def description(request: HttpRequest) -> HttpResponse:
    return api.create_response(request, _description(), status=200)


@cache
def _description() -> Any:
    # built from the schemas once a process (some 130 ms); they do not change while it runs
    return api.get_openapi_schema()


@require_safe
def docs(request: HttpRequest) -> HttpResponse:
    """Swagger UI from our own static files (ninja ships them), started by a script file:
    the site's policy allows no inline script."""
    return render(request, "api/docs.html")
