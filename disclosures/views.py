"""Short views: check who asks and what, call a service or a selector, render.

Who may do what is in roles.py; `needs` sends a visitor to log in and refuses (403) a
logged-in user without the permission.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from disclosures import desk, page_images, pages, selectors, services
from disclosures.forms import CorrectionForm, HintsForm, MergeForm, UploadForm
from disclosures.values import unit_of

logger = logging.getLogger(__name__)
View = Callable[..., HttpResponse]


def needs(permission: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(permission):
                raise PermissionDenied(permission)
            return view(request, *args, **kwargs)

        return checked

    return decorator


class Login(LoginView):
    """Reviewers land on their desk, others on the upload page, unless `next` says."""

    template_name = "disclosures/login.html"

    def get_default_redirect_url(self) -> str:
        if self.request.user.has_perm("disclosures.add_correction"):
            return reverse("desk")
        return super().get_default_redirect_url()


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # files still being read: `make run` loads the real disclosures while the site is up
    return render(request, "home.html", {"pending": selectors.documents_pending()})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    # Compose and load balancers ask this: a site that cannot reach its database is down.
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


# --- upload and documents ---------------------------------------------------------------


@needs("disclosures.add_document")
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if getattr(request, "upload_too_large", False):
            messages.error(request, gettext("上传内容过大。"))
            return _upload_page(request, form, status=413)
        if form.is_valid():
            files = [(f.name, f.read()) for f in form.cleaned_data["files"]]
            outcomes = services.document_upload(files=files, user=request.user, hints=form.hints())
            return _upload_page(request, UploadForm(), outcomes=outcomes)
    return _upload_page(request, form)


def _upload_page(
    request: HttpRequest, form: UploadForm, status: int = 200, **context: Any
) -> HttpResponse:
    context |= {"form": form, "documents": selectors.documents_of(user=request.user)}
    return render(request, "disclosures/upload.html", context, status=status)


@never_cache
@login_required
@require_GET
def documents_status(request: HttpRequest) -> HttpResponse:
    ids = [int(part) for part in request.GET.get("ids", "").split(",") if part.isdigit()]
    return JsonResponse({"documents": selectors.documents_status(ids=ids, user=request.user)})


@needs("disclosures.view_document")
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "disclosures/document_list.html", {"documents": selectors.documents_all()}
    )


@require_GET
def document(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(pk=pk, user=request.user)
    form = None
    if request.user.has_perm("disclosures.change_document"):
        form = HintsForm(
            initial={
                "agency": document.agency_hint,
                "year": document.year_hint,
                "kind": document.kind_hint,
                "scope": document.scope_hint,
            }
        )
    context = {"document": document, "documents": [document], "form": form}
    return render(request, "disclosures/document.html", context)


@require_GET
def document_original(request: HttpRequest, pk: int) -> FileResponse:
    document = selectors.document_for(pk=pk, user=request.user)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)


@require_GET
def document_page(request: HttpRequest, pk: int, page: int) -> HttpResponse:
    """A page of a parsed PDF as an image, the cell a value came from outlined; drawn in
    a limited child process the first time, from disk after (page_images.py)."""
    document = selectors.document_for(pk=pk, user=request.user)
    # only files pdfium already opened in the worker are opened in the web process
    if document.format != "pdf" or document.status != "parsed":
        raise Http404("no page image for this document")
    box = pages.parse_box(request.GET.get("box", ""))
    try:
        png = page_images.page_png(document, page, box)
    except pages.NoSuchPage:
        raise Http404("no such page") from None
    except page_images.PageImageError as error:
        logger.warning("document %s page %s: %s", pk, page, error)
        response = HttpResponse(gettext("此页无法显示。"), status=503, content_type="text/plain")
        response["Retry-After"] = "600"
        return response
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@needs("disclosures.change_document")
@require_POST
def document_reparse(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(pk=pk, user=request.user)
    form = HintsForm(request.POST)
    if form.is_valid() and services.document_reparse(document=document, hints=form.hints()):
        messages.success(request, gettext("已重新排队解析。"))
    else:
        messages.error(request, gettext("未能重新排队：文件仍在解析中，或表单有误。"))
    return redirect("document", pk=pk)


# --- disclosures ------------------------------------------------------------------------


@require_GET
def disclosure_list(request: HttpRequest) -> HttpResponse:
    drafts = None
    if request.user.has_perm("disclosures.view_disclosure"):
        drafts = selectors.disclosures_drafts()
    context = {"published": selectors.disclosures_published(), "drafts": drafts}
    return render(request, "disclosures/disclosure_list.html", context)


@needs("disclosures.add_correction")
@require_GET
def desk_queue(request: HttpRequest) -> HttpResponse:
    return render(request, "disclosures/desk.html", {"queue": desk.desk_queue()})


@require_GET
def disclosure(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_for(pk=pk, user=request.user)
    focus = selectors.value_focus(disclosure, request.GET.get("focus", ""))
    form = None
    if focus and "address" in focus and request.user.has_perm("disclosures.add_correction"):
        value = desk.value_typed(focus["value"], focus["address"])
        initial = {"address": focus["address"], "value": value}
        form = CorrectionForm(initial=initial, unit=unit_of(focus["address"]))
    reviewing = request.user.has_perm("disclosures.view_disclosure")
    context = {
        "disclosure": disclosure,
        "sheet": selectors.disclosure_sheet(disclosure),
        "focus": focus,
        "form": form,
        "notes": desk.corrections_noted(disclosure),
        "replaced_by": desk.replaced_by(disclosure),
        "doubts": desk.draft_doubts(disclosure) if reviewing else [],
        **desk.focus_extra(focus),
    }
    return render(request, "disclosures/disclosure.html", context)


@needs("disclosures.add_correction")
@require_POST
def disclosure_correct(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_for(pk=pk, user=request.user)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
        return redirect("disclosure", pk=pk)
    data = form.cleaned_data
    try:
        correction = services.value_correct(
            disclosure=disclosure,
            address=data["address"],
            value=data["value"],
            reason=data["reason"],
            user=request.user,
        )
    except services.ServiceError as error:
        messages.error(request, error.message)
    else:
        if correction.disclosure_id != disclosure.pk:
            messages.success(
                request, gettext("已更正：更正记入新的草稿版本，发布后读者才会看到，并附更正说明。")
            )
        else:
            messages.success(request, gettext("已更正，原值保留在更正记录中。"))
        pk = correction.disclosure_id
    return redirect(f"{reverse('disclosure', args=[pk])}?focus={data['address']}#source")


@needs("disclosures.publish_disclosure")
@require_POST
def disclosure_publish(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_for(pk=pk, user=request.user)
    services.disclosure_publish(disclosure=disclosure, user=request.user)
    messages.success(request, gettext("已发布：这是现行版本。"))
    return redirect("disclosure", pk=pk)


# --- agencies ---------------------------------------------------------------------------


@needs("disclosures.merge_agency")
@require_http_methods(["GET", "POST"])
def agency_merge(request: HttpRequest) -> HttpResponse:
    form = MergeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        keep, absorb = form.cleaned_data["keep"], form.cleaned_data["absorb"]
        name = absorb.name
        services.agency_merge(keep=keep, absorb=absorb)
        messages.success(
            request,
            gettext("已合并：%(name)s 成为 %(keep)s 的别名。") % {"name": name, "keep": keep.name},
        )
        return redirect("agency_merge")
    context = {"form": form, "agencies": selectors.agencies_all()}
    return render(request, "disclosures/agency_merge.html", context)
