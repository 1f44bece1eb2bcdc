"""The admin is where admins manage; reviewers work on the review pages instead.

Writes that have rules (merging agencies, publishing) go through services here too.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from disclosures import services
from disclosures.models import (
    Agency,
    AgencyAlias,
    Correction,
    Disclosure,
    DisclosureDocument,
    Document,
)

admin.site.site_header = _("预决算公开 · 管理")
admin.site.site_title = _("预决算公开")
admin.site.index_title = _("数据管理")


class AliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "city", "county", "parent"]
    list_filter = ["kind", "province"]
    search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["parent"]
    inlines = [AliasInline]


@admin.action(description=_("重新解析"))
def parse_again(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    count = sum(services.document_reparse(document=document) for document in queryset)
    modeladmin.message_user(
        request,
        ngettext("%(count)s 个文件已排队", "%(count)s 个文件已排队", count) % {"count": count},
        messages.SUCCESS,
    )


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["name", "format", "pages", "status", "error_code", "uploaded_by", "uploaded_at"]
    list_filter = ["status", "format", "error_code"]
    search_fields = ["name", "sha256"]
    actions = [parse_again]
    readonly_fields = [
        "file", "sha256", "size", "format", "pages", "uploaded_by", "uploaded_at", "status",
        "stage", "attempts", "error_code", "error_message", "queued_at", "started_at",
        "finished_at", "records",
    ]  # fmt: skip


class DocumentInline(admin.TabularInline):
    model = DisclosureDocument
    extra = 0
    readonly_fields = ["document", "position"]
    can_delete = False


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    readonly_fields = [
        "address",
        "old_value",
        "new_value",
        "reason",
        "corrected_by",
        "corrected_at",
    ]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # corrections are made on the review page, with their reason


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "kind", "scope", "version", "published_at", "is_current"]
    list_filter = ["kind", "scope", "is_current", "year"]
    search_fields = ["agency__name"]
    readonly_fields = ["agency", "year", "kind", "scope", "version", "tables", "created_at",
                       "published_at", "published_by", "is_current"]  # fmt: skip
    inlines = [DocumentInline, CorrectionInline]
