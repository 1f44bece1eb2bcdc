"""/api/comparisons/: the comparison series as JSON (comparisons/api.py)."""

from django.urls import path

from api import series as api

urlpatterns = [
    path("per-capita/", api.per_capita_series, name="api_compare_per_capita"),
    path("mix/", api.mix_series, name="api_compare_mix"),
    path("trend/", api.trend_series, name="api_compare_trend"),
    path("peers/", api.peers_series, name="api_compare_peers"),
]
