"""What the comparisons say beside a value or in place of one, in the reader's language.

The reports (pure) give each note as an id and its parameters (comparisons.figures.Note);
the pages, their CSV and the API write it from this table, through gettext.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comparisons import labels
from comparisons.figures import Note

NOTES: dict[str, Promise] = {
    "headcount_of": _("取%(year)s年%(kind)s人数"),
    "value_of": _("取%(year)s年数字"),
    "amount_not_stated": _("未给出金额"),
    "divisor_zero": _("除数为零"),
    "not_stated": _("未给出"),
    "no_total": _("无总额"),
    "total_zero": _("总额为零"),
    "year_missing": _("缺少一年的数字"),
    "prior_zero": _("上年为零"),
    "needs_both": _("预算与决算未同时公开"),
    "no_cpi": _("无%(year)s年居民消费价格指数"),
    "not_stated_in_document": _("文件未给出"),
    "establishment": _("编制人数"),
    "no_headcount": _("无人数"),
    "no_headcount_any_year": _("本单位各年均无人数"),
    "part_of_region": _(
        "单位支出只是所在地区财政的一部分，只按人数计算；按常住人口计算只适用于一级政府"
    ),
    "no_population": _("无%(region)s人口"),
    "basic_only": _("仅基本支出"),
    "no_such_item": _("无此科目"),
    "sub_items_incomplete": _("下级未全部给出"),
    "summed_from_sub_items": _("由下级汇总"),
    "total_less_basic_and_project": _("支出总计 − 基本支出 − 项目支出"),
    "stated_in": _("%(year)s年%(kind)s所述"),
    "no_percentage_stated": _("文件未述百分比"),
    "no_earlier_year": _("无上一年"),
    "against": _("较%(year)s年"),
    "deflated": _("按%(region)s居民消费价格指数扣除物价"),
    "no_other_kind": _("无%(year)s年%(kind)s"),
    "kind_unknown": _("单位类型未知"),
    "no_peers": _("当年没有同类同级单位"),
}
NEAREST = _("（最近年份）")
NATIONAL = _("全国")


def _param(name: str, value: Any) -> Any:
    if name == "kind":
        return str(labels.KINDS.get(value, value))
    if name == "region" and not value:
        return str(NATIONAL)
    return value


def note_text(note: Note | None) -> str:
    """The note in the language active now; "" for none or one this table does not know."""
    if not note or note.id not in NOTES:
        return ""
    params = {k: _param(k, v) for k, v in note.params}
    text = str(NOTES[note.id]) % params
    return text + str(NEAREST) if params.get("nearest") else text
