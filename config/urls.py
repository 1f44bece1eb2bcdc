from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # Browsers ask for it on pages that name no icon (the admin's, JSON opened in a tab).
    return HttpResponsePermanentRedirect(static("favicon.svg"))


# Refused requests say why in one line (too many files, a NUL byte, a malformed parameter).
handler400 = "config.errors.bad_request"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("favicon.ico", favicon),
    # set_language: the header's 中文 / English switch posts here
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("api.urls")),
    path("", include("api.docs_urls")),
    path("", include("disclosures.urls")),
    path("", include("comparisons.urls")),
]
