"""Requests the site cannot take, answered with a one-line reason instead of a traceback
or a bare "Bad Request".

Django turns request-parsing refusals (too many files, fields or bytes) and BadRequest
raised by a view into a 400 through `handler400`; the middleware refuses a NUL byte in a
query string, which PostgreSQL cannot store or compare and would otherwise be a 500.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _reason(exception: Exception | None) -> str:
    if isinstance(exception, TooManyFilesSent):
        return _("一次最多上传 %(count)d 个文件，请分批上传。") % {
            "count": settings.DATA_UPLOAD_MAX_NUMBER_FILES
        }
    if isinstance(exception, TooManyFieldsSent):
        return _("请求的参数太多。")
    if isinstance(exception, RequestDataTooBig):
        return _("请求的内容太大。")
    if isinstance(exception, BadRequest) and str(exception):
        return str(exception)
    return _("请求有误，无法处理。")


def refused(request: HttpRequest, reason: str, status: int = 400) -> HttpResponse:
    return render(request, "400.html", {"reason": reason}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: the reason in one line, in the site's page."""
    return refused(request, _reason(exception))


class RefuseNulMiddleware:
    """A NUL byte anywhere in the query string is a 400, before any view reads it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return refused(request, _("查询条件中有空字符（NUL），无法处理。"))
        return self.get_response(request)
