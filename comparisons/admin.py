"""Population and CPI, edited by admins; each value keeps the source it was taken from."""

from __future__ import annotations

from django.contrib import admin

from comparisons.models import Population, PriceIndex

REGION_FIELDS = ["province", "city", "county", "year"]


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = [*REGION_FIELDS, "residents", "source", "note"]
    list_filter = ["province", "year"]
    search_fields = ["province", "city", "county", "source"]


@admin.register(PriceIndex)
class PriceIndexAdmin(admin.ModelAdmin):
    list_display = [*REGION_FIELDS, "index", "source", "note"]
    list_filter = ["province", "year"]
    search_fields = ["province", "city", "county", "source"]
