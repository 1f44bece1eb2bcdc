"""Chinese for every reader until they choose English with the switch in the header.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a reader whose
browser says English would never see the Chinese the site is written for. Here the
choice is the reader's own (the language cookie set_language writes), else Chinese.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
