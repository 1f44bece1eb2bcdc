"""Reference tables the comparisons divide by: residents and consumer prices, by region and
year. They are edited in the admin or loaded from CSV (`manage.py load_reference`); the
values shipped with the project, and where each comes from, are in comparisons/data/.

A region is written as the agencies' are: province, city, county, blank where it does not
apply. Every value names its source, so a page can say where its denominator came from.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from disclosures.models import MONEY, Agency, Disclosure, DisclosureKind, DisclosureScope


class RegionYear(models.Model):
    province = models.CharField(max_length=40, blank=True)
    city = models.CharField(max_length=40, blank=True)
    county = models.CharField(max_length=40, blank=True)
    year = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=300)
    # what a reader should know: census day or year end, checked against the original or not
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["province", "city", "county", "year"]

    @property
    def region(self) -> str:
        """上海市普陀区, not 上海市上海市普陀区; 全国 when no region is named."""
        parts = (self.province, self.city, self.county)
        return "".join(dict.fromkeys(p for p in parts if p)) or "全国"


class Population(RegionYear):
    """Resident population (常住人口) in 万人 (10,000 people)."""

    residents = models.DecimalField("常住人口（万人）", max_digits=12, decimal_places=4)

    class Meta(RegionYear.Meta):
        verbose_name = _("常住人口")
        verbose_name_plural = _("常住人口")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "city", "county", "year"], name="population_once"
            ),
            models.CheckConstraint(condition=Q(residents__gt=0), name="population_positive"),
            models.CheckConstraint(
                condition=Q(year__gte=1949, year__lte=2100), name="population_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}: {self.residents} 万人"


class PriceIndex(RegionYear):
    """Consumer price index (居民消费价格指数), the preceding year = 100."""

    index = models.DecimalField("CPI（上年=100）", max_digits=7, decimal_places=2)

    class Meta(RegionYear.Meta):
        verbose_name = _("居民消费价格指数")
        verbose_name_plural = _("居民消费价格指数")
        constraints = [
            models.UniqueConstraint(fields=["province", "city", "county", "year"], name="cpi_once"),
            models.CheckConstraint(
                condition=Q(index__gt=50, index__lt=200), name="cpi_index_plausible"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1949, year__lte=2100), name="cpi_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}: CPI {self.index}"


class PinnedChart(models.Model):
    """A chart as it was when an editor pinned it. Its embed keeps showing this figure
    whatever is corrected or published later, and says so once the data have changed.

    `key` is derived from what was pinned (comparison, query, language, figure), so
    pinning the same chart of the same data twice gives the same embed.
    """

    key = models.CharField(max_length=24, unique=True)
    comparison = models.CharField(max_length=20)
    query = models.CharField(max_length=2000, blank=True)
    language = models.CharField(max_length=10)
    figure = models.JSONField()
    # a digest of the figure's data (not its words), compared with the live chart's
    data_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("固定的图表")
        verbose_name_plural = _("固定的图表")

    def __str__(self) -> str:
        return f"{self.comparison} {self.key} ({self.created_at:%Y-%m-%d})"


class DisclosureSummary(models.Model):
    """One current published disclosure as the agency list and the peer rankings sort,
    filter and page it: its totals, its headcount (the nearest year's when it states none,
    said in the note), spending per staff member and the audit's counts, as the comparison
    pages compute them. Derived, never edited: comparisons.summaries rebuilds an agency's
    rows when disclosures says a publish, a correction or a merge changed them (the
    signal disclosures.signals.published_changed), and `manage.py refresh_summaries`
    rebuilds them all after a bulk load."""

    disclosure = models.OneToOneField(
        Disclosure, primary_key=True, on_delete=models.CASCADE, related_name="summary"
    )
    # indexed with its year and kind (summary_agency), not alone
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", db_index=False)
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=DisclosureKind.choices)
    scope = models.CharField(max_length=16, choices=DisclosureScope.choices)
    expenditure = models.DecimalField(**MONEY)
    personnel = models.DecimalField(**MONEY)
    public = models.DecimalField(**MONEY)
    basic = models.DecimalField(**MONEY)
    project = models.DecimalField(**MONEY)
    staff = models.DecimalField(**MONEY)
    # its year, or why there is none, as comparisons.figures.Note.as_json writes it
    staff_note = models.JSONField(default=dict, blank=True)
    # where the headcount was read: this disclosure or another year's
    staff_source = models.ForeignKey(
        Disclosure, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff_address = models.CharField(max_length=80, blank=True)
    per_staff = models.DecimalField(**MONEY)
    per_staff_note = models.JSONField(default=dict, blank=True)
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)

    class Meta:
        # the table keeps the name it had when the model lived in disclosures
        db_table = "disclosures_disclosuresummary"
        indexes = [
            models.Index(fields=["agency", "year", "kind"], name="summary_agency"),
            models.Index(fields=["year", "kind"], name="summary_year"),
            # and, made by disclosures' migration 0008, by spending per head and by total, gaps last
            # when largest first (DESC NULLS LAST)
        ]

    def __str__(self) -> str:
        return f"{self.disclosure_id}: {self.expenditure} / {self.staff}"
