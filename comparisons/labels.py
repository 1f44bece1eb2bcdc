"""What the pages call the reports' keys, in Chinese with their English in locale/en.

The reports are pure (no Django, so no gettext): they name things by key, and the pages
look the names up here, as they write the notes and gaps the figures carry from
comparisons/notes.py.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

KINDS = {"budget": _("预算"), "final_accounts": _("决算")}
# 单位 is also "agency" elsewhere on the pages; as a scope it is the unit
SCOPES = {"department": pgettext_lazy("scope", "部门"), "unit": pgettext_lazy("scope", "单位")}
LEVELS = {"county": _("区县级"), "city": _("市级"), "province": _("省级")}
SEVERITIES = {"error": _("错误"), "warning": _("警告"), "info": _("提示")}
CLASSIFICATIONS = {"functional": _("支出功能分类"), "economic": _("支出经济分类")}
# comparisons.reports.per_capita.PER_STAFF, divided by the headcount
PER_STAFF = {
    "expenditure": _("人均支出"),
    "personnel": _("人均人员经费"),
    "public": _("人均公用经费"),
    "basic": _("人均基本支出"),
    "project": _("人均项目支出"),
}
# comparisons.reports.per_capita.MEASURES
MEASURES = {
    "per_staff": _("人均支出（万元）"),
    "public_per_staff": _("人均公用经费（万元）"),
    "per_resident": _("每位常住居民支出（元）"),
    "expenditure": _("支出总计（万元）"),
}
# comparisons.reports.mix.STRUCTURE, by the part
STRUCTURE = {
    "basic": _("基本支出占支出总计"),
    "project": _("项目支出占支出总计"),
    "other": _("预留机动经费及其他支出占支出总计"),
    "personnel": _("人员经费占基本支出"),
    "public": _("公用经费占基本支出"),
}
# comparisons.trend_chart.VIEWS
TREND_VIEWS = {
    "index": _("指数（第一年 = 100）"),
    "absolute": _("金额"),
    "change": _("比上年增减（%）"),
}
