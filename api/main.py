"""The JSON API on django-ninja: the typed schemas in schemas.py describe every answer,
and the OpenAPI description at /api/openapi.json is generated from them.

What every endpoint shares is here: JSON in which amounts keep every digit, a one-line
400 for a malformed or unknown parameter (so a typo never silently returns everything),
blank parameters read as absent (the pages' forms send them), HEAD as GET, and the
header that lets any site's script read published data.
"""

from __future__ import annotations

import functools
import inspect
import json
import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any, get_args, get_type_hints

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.parser import Parser
from ninja.renderers import BaseRenderer
from pydantic import BaseModel

DESCRIPTION = (
    "Read-only JSON over published disclosures: agencies, disclosures, their spending rows "
    "and audit findings, and the comparison series the pages chart (per capita, category "
    "mix, year over year, peers). Amounts are in 万元, JSON numbers written digit for digit "
    "as stored (never through a binary float): parse them as decimals (Python: "
    "`json.loads(text, parse_float=Decimal)`) where every digit matters. Lists are "
    "paginated (page, page_size); follow `next` until it is null."
)


class BadRequest(Exception):
    pass


# --- JSON with exact amounts ------------------------------------------------------------


def dumps(value: Any) -> str:
    """JSON in which a Decimal is written as the number it is (355.85, not "355.850000"
    and not the nearest binary float)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else "null"
    if isinstance(value, dict):
        return "{" + ",".join(f"{_string(k)}:{dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    if isinstance(value, datetime):
        return _string(value.isoformat())
    return _ENCODER.encode(value)


# one encoder for every value: json.dumps with arguments builds a new one each call
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _string(text: str) -> str:
    return _ENCODER.encode(str(text))


class ExactJSON(BaseRenderer):
    media_type = "application/json"

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> str:
        return dumps(data)


class BlankIsAbsent(Parser):
    """A blank parameter is no parameter: the pages' forms send every field, filled or not,
    and a page's query is also its series' query."""

    def parse_querydict(
        self, data: Any, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key in data:
            values = [v.strip() for v in data.getlist(key) if v.strip()]
            if values:
                found[key] = values if key in list_fields else values[-1]
        return found


# --- the API ----------------------------------------------------------------------------


class Api(NinjaAPI):
    def create_response(self, request: HttpRequest, data: Any, **kwargs: Any) -> HttpResponse:
        response = super().create_response(request, data, **kwargs)
        # Published data is public: any site's script may read it (no cookies are honoured).
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def get_content_type(self) -> str:
        return "application/json"  # JSON is UTF-8 by definition (RFC 8259)

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        prefix = reverse("api_openapi").removesuffix("openapi.json")
        schema = super().get_openapi_schema(path_prefix=prefix)
        paths = {_id_path(p): _get_only(ops) for p, ops in schema["paths"].items()}
        components = schema["components"]
        used = _referenced(paths, components["schemas"])
        components["schemas"] = {k: v for k, v in components["schemas"].items() if k in used}
        return {**schema, "paths": paths, "components": components}

    def get_openapi_operation_id(self, operation: Any) -> str:
        return str(operation.url_name).removeprefix("api_")  # as agencies, compare_mix


def _referenced(paths: Any, schemas: dict[str, Any]) -> set[str]:
    """The schemas the answers use; ninja lists the query parameters' too, which the
    description gives as parameters."""
    found: set[str] = set()
    todo = [paths]
    while todo:
        names = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(todo.pop())))
        todo += [schemas[name] for name in names - found]
        found |= names
    return found


def _id_path(path: str) -> str:
    # the URL's converter is <int:pk>; the description names it {id}, as it always has
    return path.replace("{pk}", "{id}")


def _get_only(operations: dict[str, Any]) -> dict[str, Any]:
    """HEAD answers as GET does, without a body; describing it twice says nothing more."""
    found = {method: op for method, op in operations.items() if method != "head"}
    for op in found.values():
        for parameter in op.get("parameters", []):
            if parameter["in"] == "path" and parameter["name"] == "pk":
                parameter.update(name="id", description="The id.")
                parameter["schema"] = {"type": "integer", "minimum": 1}
    return found


api = Api(
    title="预决算公开 Budget Disclosures API",
    version="1",
    description=DESCRIPTION,
    renderer=ExactJSON(),
    parser=BlankIsAbsent(),
    openapi_url=None,  # served by views.description, under the name the site links to
    docs_url=None,  # the docs page is views.docs, with the site's own policy
)


@api.exception_handler(BadRequest)
def _bad_request(request: HttpRequest, error: BadRequest) -> HttpResponse:
    return api.create_response(request, {"error": str(error)}, status=400)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return api.create_response(request, {"error": one_line(error.errors[0])}, status=400)


# --- parameters ---------------------------------------------------------------------------

SAYS: dict[str, str] = {
    "int_parsing": "{name} must be a whole number",
    "int_from_float": "{name} must be a whole number",
    "int_type": "{name} must be a whole number",
    "greater_than_equal": "{name} must be at least {ge}",
    "less_than_equal": "{name} must be at most {le}",
    "literal_error": "{name} must be one of {choices}",
    "enum": "{name} must be one of {choices}",
    "string_too_long": "{name} is longer than {max_length} characters",
    "string_pattern_mismatch": "{name} must match {pattern}",
    "missing": "{name} is required",
}


def one_line(error: dict[str, Any]) -> str:
    """pydantic's error about a parameter, as one line that names it."""
    name = next((str(part) for part in reversed(error["loc"]) if isinstance(part, str)), "")
    context = dict(error.get("ctx") or {})
    context["choices"] = ", ".join(re.findall(r"'([^']*)'", str(context.get("expected", ""))))
    template = SAYS.get(error["type"], "{name}: {message}")
    return template.format(name=name, message=error["msg"], **context)


View = Callable[..., Any]


def known_params(view: View) -> View:
    """Refuse a query parameter the operation does not declare: `yaer=2025` is a 400
    naming the ones it knows, not every year's rows."""
    accepted: list[str] = []
    hints = get_type_hints(view, include_extras=True)
    for name in inspect.signature(view).parameters:
        if name in ("request", "pk"):
            continue
        models = [a for a in get_args(hints[name]) if isinstance(a, type)]
        found = [m for m in models if issubclass(m, BaseModel)]
        accepted += [*found[0].model_fields] if found else [name]

    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        unknown = sorted(set(request.GET) - set(accepted))
        if unknown and not accepted:
            raise BadRequest("this endpoint takes no query parameters")
        if unknown:
            raise BadRequest(
                f"unknown parameter {', '.join(unknown)}; known: {', '.join(accepted)}"
            )
        return view(request, *args, **kwargs)

    # ninja reads the view's signature through the wrapper: the types, not their names
    # (which it would look up in this module)
    signature = inspect.signature(view)
    checked.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[
            p.replace(annotation=hints.get(n, p.annotation))
            for n, p in signature.parameters.items()
        ],
        return_annotation=hints.get("return", signature.return_annotation),
    )
    return checked


def page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def link(request: HttpRequest, name: str, *args: Any, query: str = "") -> str:
    return request.build_absolute_uri(reverse(name, args=args) + (f"?{query}" if query else ""))
