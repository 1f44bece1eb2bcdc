from django.urls import path

from comparisons import image_views, views

urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<int:pk>/", views.agency, name="agency"),
    path("compare/", views.compare, name="compare"),
    path("compare/per-capita/", views.compare_per_capita, name="compare_per_capita"),
    path("compare/mix/", views.compare_mix, name="compare_mix"),
    path("compare/trend/", views.compare_trend, name="compare_trend"),
    path("compare/peers/", views.compare_peers, name="compare_peers"),
    path("embed/<slug:comparison>/", views.embed, name="embed"),
    path("embed/<slug:comparison>/pin/", views.embed_pin, name="embed_pin"),
    path("embed/pinned/<slug:key>/", views.embed_pinned, name="embed_pinned"),
    # the chart as a picture: /chart/per-capita.png?<the page's query>[&download=1]
    path("chart/<slug:comparison>.<slug:fmt>", image_views.chart_image, name="chart_image"),
    path("chart/pinned/<slug:key>.<slug:fmt>", image_views.pinned_image, name="pinned_image"),
    path("oembed", views.oembed, name="oembed"),
]
