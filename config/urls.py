from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # set_language: the header's 中文 / English switch posts here
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("disclosures.api_urls")),
    path("", include("disclosures.urls")),
    path("", include("comparisons.urls")),
]
