"""/api/: the read-only JSON API, described at /api/openapi.json (generated from
schemas.py). Its documentation page, /api/docs, is routed beside it (docs_urls.py): it is
a page about the API, not one of its endpoints."""

from django.urls import URLPattern, path

from api import records, series, views
from api.main import api

api.add_router("", records.router)
api.add_router("", series.router)

urlpatterns: list[URLPattern] = [
    path("openapi.json", views.description, name="api_openapi"),
    # ninja's own root page lists nothing the description does not
    *(p for p in api.urls[0] if isinstance(p, URLPattern) and p.name != "api-root"),
]
