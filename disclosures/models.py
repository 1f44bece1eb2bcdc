"""Agencies, the documents they publish, and the disclosures read from them.

The rules that keep the data whole are constraints in the database (a second worker, a
shell session or a bulk load cannot skip them), not only checks in forms. Writes go
through services.py; reads through selectors.py.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from disclosures import wording

MONEY = {"max_digits": 20, "decimal_places": 6, "null": True, "blank": True}


def _choice_check(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class Agency(models.Model):
    name = models.CharField(max_length=200, unique=True)
    # what kind of body it is, e.g. 社保中心 or 社保卡中心 (see services.AGENCY_KINDS)
    kind = models.CharField(max_length=40, blank=True)
    province = models.CharField(max_length=40, blank=True)
    city = models.CharField(max_length=40, blank=True)
    county = models.CharField(max_length=40, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="units"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        permissions = [("merge_agency", "Can merge two agencies into one")]
        # the filters of the pages and the API: a region at any tier, a type
        indexes = [
            models.Index(fields=["province"], name="agency_province"),
            models.Index(fields=["city"], name="agency_city"),
            models.Index(fields=["county"], name="agency_county"),
            models.Index(fields=["kind"], name="agency_kind"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="agency_has_a_name"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="agency_not_its_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region(self) -> str:
        """上海市普陀区, not 上海市上海市普陀区: a municipality is its own province."""
        return "".join(dict.fromkeys(p for p in (self.province, self.city, self.county) if p))


class AgencyAlias(models.Model):
    """Another name the same agency is published under (renamed, abbreviated, mistyped)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        verbose_name_plural = "agency aliases"
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="alias_has_a_name")]

    def __str__(self) -> str:
        return self.name


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    PARSING = "parsing", _("解析中")
    PARSED = "parsed", _("已解析")
    FAILED = "failed", _("失败")


class DocumentStage(models.TextChoices):
    NONE = "", "—"
    OPENING = "opening", _("打开文件")
    EXTRACTING = "extracting", _("读取表格与文字")
    SAVING = "saving", _("保存")


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
    DOCX = "docx", "DOCX"
    OLE = "ole", "XLS/DOC"
    IMAGE = "image", _("图片")
    TEXT = "text", _("文本")


class Document(models.Model):
    """One uploaded file. The original is kept whatever becomes of its parse."""

    Status, Stage, Format = DocumentStatus, DocumentStage, DocumentFormat

    file = models.FileField(max_length=300)
    name = models.CharField(max_length=255)  # as uploaded; the stored file is named by its hash
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField()
    format = models.CharField(max_length=8, choices=Format.choices)
    pages = models.PositiveIntegerField(null=True, blank=True)
    pages_read = models.PositiveIntegerField(null=True, blank=True)  # while parsing: page N of M
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=12, choices=Stage.choices, blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    error_code = models.CharField(max_length=32, blank=True)
    error_message = models.CharField(max_length=500, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    # while parsing, the worker's last sign of life: a parse whose worker died goes quiet,
    # and the sweep hands it to another worker within a couple of minutes
    alive_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # what the parse found, as records.py shapes it; disclosures are rebuilt from these
    records = models.JSONField(null=True, blank=True)
    # what the uploader states; it wins over what the parse guessed
    agency_hint = models.CharField(max_length=200, blank=True)
    year_hint = models.PositiveSmallIntegerField(null=True, blank=True)
    kind_hint = models.CharField(max_length=16, blank=True)
    scope_hint = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["status", "started_at"], name="document_sweep")]
        constraints = [
            _choice_check("status", DocumentStatus, "document_status_known"),
            _choice_check("format", DocumentFormat, "document_format_known"),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="document_sha256_is_hex"
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error_code=""), name="document_failure_has_code"
            ),
            models.CheckConstraint(
                condition=~Q(status="parsed") | Q(records__isnull=False),
                name="document_parsed_has_records",
            ),
            models.CheckConstraint(condition=Q(pages__gte=1), name="document_pages_from_1"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def failure(self) -> str:
        """Why it could not be read, in the language active now."""
        return wording.failure_text(self.error_code, self.error_message)


class DisclosureKind(models.TextChoices):
    BUDGET = "budget", _("预算")
    FINAL_ACCOUNTS = "final_accounts", _("决算")


class DisclosureScope(models.TextChoices):
    DEPARTMENT = "department", pgettext_lazy("scope", "部门")
    UNIT = "unit", pgettext_lazy("scope", "单位")


class Disclosure(models.Model):
    """One agency's budget or final accounts for one year, in numbered versions.

    Drafts are what reviewers work on; publishing a draft makes it the current version,
    and the version it replaces is kept. At most one draft and one current version exist
    for each agency, year, kind and scope.
    """

    Kind, Scope = DisclosureKind, DisclosureScope

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="disclosures")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    scope = models.CharField(max_length=16, choices=Scope.choices)
    version = models.PositiveSmallIntegerField(default=1)
    documents = models.ManyToManyField(
        Document, through="DisclosureDocument", related_name="disclosures"
    )
    tables = models.JSONField(default=list, blank=True)  # titles of the tables found
    # several files read as one (services.parse.disclosure_join), with the ids they cover
    records = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["agency__name", "-year", "kind", "scope", "-version"]
        permissions = [("publish_disclosure", "Can publish a disclosure")]
        indexes = [
            # the years on offer (one probe a year) and a year's disclosures, current only
            models.Index(
                fields=["year", "kind"],
                condition=Q(is_current=True),
                name="disclosure_current_year",
            ),
            # the latest published, for the home page
            models.Index(
                fields=["-published_at"], condition=Q(is_current=True), name="disclosure_latest"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "kind", "scope", "version"], name="disclosure_version"
            ),
            models.UniqueConstraint(
                fields=["agency", "year", "kind", "scope"],
                condition=Q(is_current=True),
                name="disclosure_one_current",
            ),
            models.UniqueConstraint(
                fields=["agency", "year", "kind", "scope"],
                condition=Q(published_at__isnull=True),
                name="disclosure_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(published_at__isnull=False),
                name="disclosure_current_is_published",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100), name="disclosure_year_plausible"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="disclosure_version_from_1"),
            _choice_check("kind", DisclosureKind, "disclosure_kind_known"),
            _choice_check("scope", DisclosureScope, "disclosure_scope_known"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.get_kind_display()} v{self.version}"

    @property
    def label(self) -> str:
        """The agency, year, kind and version, in the language active now."""
        return _("%(agency)s %(year)s年%(kind)s 第 %(version)s 版") % {
            "agency": self.agency,
            "year": self.year,
            "kind": self.get_kind_display(),
            "version": self.version,
        }

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class DisclosureDocument(models.Model):
    """The files a disclosure version was read from; the earlier position wins a value."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE)
    document = models.ForeignKey(Document, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "document"], name="disclosure_document"),
            models.UniqueConstraint(fields=["disclosure", "position"], name="disclosure_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.document_id}"


class ItemClassification(models.TextChoices):
    FUNCTIONAL = "functional", _("支出功能分类")
    ECONOMIC = "economic", _("支出经济分类")


class LineItemScope(models.TextChoices):
    ALL = "all", _("全部支出")
    BASIC = "basic", _("基本支出")


class FigureGroup(models.TextChoices):
    TOTALS = "totals", _("合计")
    HEADCOUNT = "headcount", _("人数")
    PRIOR_YEAR = "prior_year", _("上年")
    THREE_PUBLIC = "three_public", _("“三公”经费")


class FindingSeverity(models.TextChoices):
    ERROR = "error", _("错误")
    WARNING = "warning", _("警告")
    INFO = "info", _("提示")


class Sourced(models.Model):
    """Where a value was read. No document: a reviewer supplied the value."""

    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    page = models.PositiveIntegerField(null=True, blank=True)  # 1-based
    table_label = models.CharField(max_length=300, blank=True)
    row_label = models.CharField(max_length=300, blank=True)
    column_label = models.CharField(max_length=200, blank=True)
    box = models.JSONField(null=True, blank=True)  # [x0, top, x1, bottom], PDF points
    sentence = models.TextField(blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(condition=Q(page__gte=1), name="%(app_label)s_%(class)s_page"),
        ]


class LineItem(Sourced):
    Classification, ItemScope = ItemClassification, LineItemScope

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="items")
    classification = models.CharField(max_length=12, choices=Classification.choices)
    scope = models.CharField(max_length=8, choices=ItemScope.choices, default=ItemScope.ALL)
    code = models.CharField(max_length=7)
    name = models.CharField(max_length=200, blank=True)
    level = models.PositiveSmallIntegerField()  # 1 类, 2 款, 3 项
    known = models.BooleanField(default=True)  # the code is in the official classification
    total = models.DecimalField(**MONEY)
    basic = models.DecimalField(**MONEY)
    project = models.DecimalField(**MONEY)
    personnel = models.DecimalField(**MONEY)
    public = models.DecimalField(**MONEY)

    class Meta(Sourced.Meta):
        ordering = ["classification", "scope", "code"]
        constraints = [
            *Sourced.Meta.constraints,
            models.UniqueConstraint(
                fields=["disclosure", "classification", "scope", "code"], name="line_item_once"
            ),
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9]{3,7}$"), name="line_item_code"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=3), name="line_item_level"),
            _choice_check("classification", ItemClassification, "line_item_classification"),
            _choice_check("scope", LineItemScope, "line_item_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Figure(Sourced):
    """One stated figure: a total, a headcount, a 三公 part or last year's figure."""

    Group = FigureGroup

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="figures")
    group = models.CharField(max_length=16, choices=Group.choices)
    key = models.CharField(max_length=40)
    value = models.DecimalField(max_digits=20, decimal_places=6)

    class Meta(Sourced.Meta):
        ordering = ["group", "key"]
        constraints = [
            *Sourced.Meta.constraints,
            models.UniqueConstraint(fields=["disclosure", "group", "key"], name="figure_once"),
            _choice_check("group", FigureGroup, "figure_group_known"),
        ]

    def __str__(self) -> str:
        return f"{self.group}.{self.key} = {self.value}"


class StatedChange(Sourced):
    """A change against the prior year as the document words it, with its reason."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="changes")
    subject = models.CharField(max_length=100)
    current = models.DecimalField(max_digits=20, decimal_places=6)
    delta = models.DecimalField(max_digits=20, decimal_places=6)
    percent = models.DecimalField(**MONEY)
    reason = models.TextField(blank=True)

    class Meta(Sourced.Meta):
        ordering = ["id"]
        constraints = list(Sourced.Meta.constraints)

    def __str__(self) -> str:
        return f"{self.subject}: {self.current} ({self.delta:+})"

    @property
    def prior(self) -> Decimal:
        return self.current - self.delta


class Finding(Sourced):
    Severity = FindingSeverity

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="findings")
    severity = models.CharField(max_length=8, choices=Severity.choices)
    rule = models.CharField(max_length=60)
    where = models.CharField(max_length=200, blank=True)
    # the sentence: disclosures.findings writes it in the reader's language from its id
    # and parameters; `message` is the parser's English, kept for rows stored without them
    message_id = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
    message = models.TextField()

    class Meta(Sourced.Meta):
        ordering = ["id"]
        constraints = [
            *Sourced.Meta.constraints,
            _choice_check("severity", FindingSeverity, "finding_severity"),
        ]

    def __str__(self) -> str:
        return f"{self.severity} {self.rule} {self.where}"

    @property
    def text(self) -> str:
        """What it says, in the language active now."""
        return wording.finding_text(self.message_id, self.params, self.rule)

    @property
    def place(self) -> str:
        return wording.finding_place(self.where)


class Correction(models.Model):
    """A reviewer's change to one value, with the reason; the history is never edited."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="corrections")
    address = models.CharField(max_length=80)  # which value; see values.py
    old_value = models.DecimalField(**MONEY)
    new_value = models.DecimalField(**MONEY)  # null: the document does not give it
    reason = models.TextField()
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="corrections"
    )
    corrected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["corrected_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="correction_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.address}: {self.old_value} → {self.new_value}"
