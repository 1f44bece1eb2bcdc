"""/api/: the read-only JSON API (disclosures/api.py), described at /api/openapi.json."""

from django.urls import path

from api import records as api

urlpatterns = [
    path("openapi.json", api.description, name="api_openapi"),
    path("agencies/", api.agencies, name="api_agencies"),
    path("agencies/<int:pk>/", api.agency, name="api_agency"),
    path("disclosures/", api.disclosures, name="api_disclosures"),
    path("disclosures/<int:pk>/", api.disclosure, name="api_disclosure"),
    path("line-items/", api.line_items, name="api_line_items"),
    path("findings/", api.findings, name="api_findings"),
]
