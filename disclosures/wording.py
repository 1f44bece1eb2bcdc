"""The site's words for what the parser stores as keys: findings, figures, failures.

A finding is stored as its rule, place, message id and parameters (disclosures.parsing.
messages); its sentence is written here, at display time, in the reader's language. Each
message id has one template, in Chinese, whose English is in locale/en like every other
string. Parameters that are keys (a figure, a column, a part of the 三公 spending) are
named in the reader's language; words the document prints are quoted as printed, with
the English of the few standard terms where it has one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from disclosures.values import Address

MESSAGES: dict[str, Promise] = {
    "row_sum": _(
        "%(code)s：基本支出 %(basic)s + 项目支出 %(project)s = %(added)s，该行为 %(total)s"
    ),
    "children_sum": _("%(code)s 的下级科目相加为 %(added)s，该行为 %(total)s"),
    "subtotal_sum": _(
        "%(table)s中 %(code)s 的小计为 %(subtotal)s，基本支出与项目支出相加为 %(added)s，"
        "合计为 %(total)s"
    ),
    "source_sum": _("%(table)s中 %(code)s 的各项收入相加为 %(added)s，该行合计为 %(total)s"),
    "children_sum_column": _("%(code)s 的下级科目%(column)s相加为 %(added)s，该行为 %(total)s"),
    "balance": _("收入总计 %(revenue)s 与支出总计 %(expenditure)s 不等"),
    "basic_parts": _("人员经费 + 公用经费 = %(added)s，基本支出为 %(basic)s"),
    "three_public_sum": _("“三公”经费%(part)s为 %(total)s，其分项相加为 %(added)s"),
    "cross_table": _("%(figure)s在%(table)s为 %(value)s，在%(tables)s为 %(common)s"),
    "class_against_tables": _(
        "%(table)s列 %(code)s %(name)s 为 %(value)s，支出功能分类表为 %(printed)s"
    ),
    "stray_class": _("%(table)s列出 %(code)s %(name)s，其他表均无此行；去掉它，各类相加等于合计"),
    "class_left_out": _(
        "%(table)s没有 %(code)s %(name)s 一行，而%(income)s列其财政拨款收入 %(appropriation)s，"
        "%(spending)s列其支出 %(total)s"
    ),
    "class_totals": _("%(table)s各类%(column)s相加为 %(added)s，合计行为 %(total)s"),
    "unknown_code": _("%(code)s %(name)s 不在官方科目表中"),
    "ocr_reading": _("文字识别（OCR）：%(note)s"),
    "garbled_text": _(
        "第 %(pages)s 页：文件里的文字是字形编号而非文字（字体没有 Unicode 映射），这几页已用文字识别（OCR）读取"
    ),
    "repeated_file": _("%(file)s 与 %(later)s 印有相同的表格：只读取 %(later)s"),
    "narrative_total": _("文字说明%(figure)s为 %(stated)s，表格为 %(chosen)s"),
    "change_stated_twice": _("与上年相比的增减，文中几处分别为 %(said)s"),
    "negative_prior": _("%(subject)s %(current)s，增减 %(delta)s，则上年应为 %(prior)s"),
    "change_percent": _(
        "%(subject)s：在 %(prior)s 上增减 %(delta)s 为 %(computed)s%%，文中为 %(stated)s%%"
    ),
    "grand_total": _("文字说明“%(words)s” %(stated)s，%(title)s为 %(value)s"),
    "procurement_parts": _("政府采购 %(stated)s，但货物、工程、服务相加为 %(added)s"),
    "outturn_items": _("各项目的%(words)s相加为 %(added)s，文中为 %(stated)s"),
    "share": _("“%(subject)s” %(value)s 称占 %(base)s 的 %(stated)s%%，实为 %(computed)s%%"),
    "stated_line": _("文中“%(label)s”为 %(stated)s，收支总表为 %(printed)s"),
    "carry_identity": _(
        "%(table)s：%(year_label)s %(year)s + %(lines)s = %(added)s，其%(grand_label)s为 %(grand)s"
    ),
    "stated_carry": _("文中“%(words)s”为 %(stated)s，%(tables)s为 %(printed)s"),
    "carry_as_appropriations": _(
        "%(tables)s列财政拨款 %(counted)s，%(fiscal)s财政拨款支出为 %(spent)s："
        "差额即%(summary)s的%(line)s %(carried)s，被计为财政拨款"
    ),
    "stated_project": _("文中项目“%(name)s”为 %(stated)s，项目支出表为 %(printed)s"),
    "target_forms": _(
        "文中编报绩效目标的项目 %(count)s 个涉及资金 %(stated)s，所附 %(count)s 张绩效目标表合计 %(printed)s"
    ),
    "unit": _("文中 %(code)s 为 %(number)s 元，表格为 %(number)s 万元"),
    "stated_item": _("文中 %(code)s %(name)s 为 %(stated)s，表格为 %(printed)s"),
    "heading_against_sentence": _("%(code)s 标题中为 %(heading)s，下句为 %(planned)s"),
    "item_percent": _(
        "%(code)s：从 %(prior)s 到 %(planned)s 为 %(computed)s%%，文中为 %(stated)s%%"
    ),
    "reason_against_fall": _("%(code)s 减少（“%(direction)s”），所述原因却相反：%(reason)s"),
    "reason_against_rise": _("%(code)s 增加（“%(direction)s”），所述原因却相反：%(reason)s"),
    "missing_tables": _("目录所列 %(listed)s 张表中有 %(missing)s 张不在本文件中"),
    "missing_table": _("目录列有%(table)s，文件中没有这张表"),
    "heading_year": _("标题“%(heading)s”写的是 %(named)s 年，文件是 %(year)s 年的"),
    "heading_body": _("标题“%(heading)s”写的是%(body)s，文件是%(agency)s的"),
    "date_final": _("%(year)s 年决算中出现“%(date)s”"),
    "date_budget": _("%(year)s 年预算中出现“%(date)s”"),
    "template": _("%(count)s 处占位符：这是一份模板"),
    "placeholder": _("留有占位符 %(mark)s：%(text)s"),
    "repeated_text": _("“%(repeated)s”见于：%(text)s"),
    "empty_table": _("“%(note)s”，但%(title)s列有 %(count)s 个金额"),
    "code_name": _("%(code)s 印作“%(name)s”，那是 %(other)s 的名称；%(code)s 是“%(official)s”"),
    "code_twice": _(
        "%(table)s 把 %(code)s 也印给“%(name)s”；%(code)s 是“%(official)s”，“%(name)s”是 %(named)s"
    ),
    "codes_unpadded": _("%(table)s 的科目编码缺少开头的 0：%(codes)s"),
    "empty_but_printed": _("%(table)s称本表为空（“%(note)s”），却列有 %(count)s 个金额"),
    "amount_and_percent": _("“%(said)s”：金额与百分比的增减方向相反"),
    "execution_direction": _("从 %(prior)s 到 %(planned)s，文中却说“%(word)s”"),
    "level_with_change": _("“%(word)s”，同时却有增减 %(moved)s"),
    "outturn_word": _("年初预算 %(budget)s，决算 %(outturn)s，文中却说“%(said)s”"),
    "three_public_word": _("文中“%(word)s”为 %(value)s，“三公”经费表中没有这个数"),
    "three_public_part": _("文中“%(word)s”为 %(value)s，“三公”经费表为 %(printed)s"),
    "completion_of_zero": _("年初预算为 0，文中却说“%(said)s”"),
    "completion": _("%(outturn)s 占 %(budget)s 的 %(computed)s%%，文中为 %(stated)s%%"),
    "totals_confused": _(
        "文中支出合计为 %(value)s，这是含结转的收入支出总计；本年支出合计为 %(years)s"
    ),
    "running_costs": _("文中说机关运行经费 %(value)s 等于基本支出中的“%(part)s”，后者为 %(named)s"),
}
# said after the sentence when the finding's figures need a second look
QUALIFIERS: dict[str, Promise] = {
    "ocr": _("（文字识别读取，请对照扫描件）"),
    "uncertain": _("（这张表的读取未能自证，请复核）"),
}
# a finding stored before findings named their sentence: what its rule checks
RULES: dict[str, Promise] = {
    "row_sum": _("一行的基本支出与项目支出相加不等于合计"),
    "children_sum": _("下级科目相加不等于上级"),
    "balance": _("收入总计与支出总计不等"),
    "basic_parts": _("人员经费与公用经费相加不等于基本支出"),
    "three_public_sum": _("“三公”经费分项相加不等于合计"),
    "cross_table": _("各表所列同一数字不一致"),
    "narrative_mismatch": _("文字说明与表格不一致"),
    "change_mismatch": _("所述增减百分比与金额不符"),
    "share_mismatch": _("所述占比与金额不符"),
    "unit_mismatch": _("文字与表格的金额单位不一致"),
    "unknown_code": _("科目编码不在官方科目表中"),
    "ocr_reading": _("文字识别（OCR）的读取说明"),
    "garbled_text": _("文件里的文字无法复制使用，已用文字识别读取"),
    "repeated_file": _("同一公开文件的另一份副本"),
    "missing_table": _("目录所列的表不在文件中"),
    "heading_mismatch": _("标题中的年度或单位与文件不符"),
    "placeholder": _("留有占位符"),
    "repeated_text": _("重复的字词或标点"),
    "empty_table": _("称为空表却列有金额"),
    "code_name": _("科目编码与名称不符"),
    "code_format": _("科目编码的写法有误"),
    "comparison_word": _("增减用词与数字不符"),
    "budget_completion": _("预算完成率与金额不符"),
    "totals_confused": _("混淆了支出合计与收入支出总计"),
    "carry_over": _("结转结余与收支不符"),
}
FINDING_UNKNOWN = _("自动核对发现的问题")

# what each figure is called; a finding's `figure` and its `where` name them by key
FIGURE_LABELS: dict[tuple[str, str], Promise] = {
    ("totals", "revenue"): _("收入总计"),
    ("totals", "expenditure"): _("支出总计"),
    ("totals", "basic"): _("基本支出"),
    ("totals", "project"): _("项目支出"),
    ("totals", "personnel"): _("人员经费"),
    ("totals", "public"): _("公用经费"),
    ("totals", "three_public"): _("“三公”经费"),
    ("totals", "procurement"): _("政府采购"),
    ("headcount", "authorized"): _("编制人数"),
    ("headcount", "actual"): _("实有人数"),
    ("prior_year", "expenditure"): _("上年支出"),
    ("prior_year", "revenue"): _("上年收入"),
    ("three_public", "total"): pgettext_lazy("three public", "合计"),
    ("three_public", "abroad"): _("因公出国（境）费"),
    ("three_public", "reception"): _("公务接待费"),
    ("three_public", "vehicles"): _("公务用车购置及运行费"),
    ("three_public", "vehicle_purchase"): _("公务用车购置费"),
    ("three_public", "vehicle_operation"): _("公务用车运行费"),
}
COLUMNS: dict[str, Promise] = {
    "total": pgettext_lazy("column", "合计"),
    "basic": _("基本支出"),
    "project": _("项目支出"),
    "personnel": _("人员经费"),
    "public": _("公用经费"),
    # an income table's sources of funds
    "appropriation": _("财政拨款收入"),
    "upper_grant": _("上级补助收入"),
    "service_income": _("事业收入"),
    "business_income": _("经营收入"),
    "subsidiary_income": _("附属单位上缴收入"),
    "other_income": _("其他收入"),
    "carryover": _("上年结转"),
    "surplus_used": _("使用非财政拨款结余"),
    "fund_used": _("用事业基金弥补收支差额"),
}
# the places a finding names by key rather than by code or printed words
PLACES: dict[str, Promise] = {
    "totals": _("收支总计"),
    "prior_year": _("上年"),
    "template": _("模板"),
    "ocr": _("文字识别"),
    "revenue": _("收入"),
    "expenditure": _("支出"),
    "three_public": _("“三公”经费"),
    "summary": _("收支总表"),
    "income": _("收入总表"),
    "general_expenditure": _("一般公共预算支出表"),
    "economic_basic": _("一般公共预算基本支出表"),
    "fund": _("政府性基金预算支出表"),
}
# standard words a document prints, where the English reader needs them in English
TERMS: dict[str, Promise] = {
    "年初预算": _("年初预算"),
    "支出决算": _("支出决算"),
    "支出合计": _("支出合计"),
    "机关运行经费": _("机关运行经费"),
    "目录": _("目录"),
    "人员经费": _("人员经费"),
    "公用经费": _("公用经费"),
    "基本支出": _("基本支出"),
    "项目支出": _("项目支出"),
    "收入支出总计": _("收入支出总计"),
    "财政拨款收入支出总计": _("财政拨款收入支出总计"),
    "一般公共预算财政拨款收入支出总计": _("一般公共预算财政拨款收入支出总计"),
    "政府性基金预算财政拨款收入支出总计": _("政府性基金预算财政拨款收入支出总计"),
    "政府采购": _("政府采购"),
}


def _figure(key: str) -> str:
    label = FIGURE_LABELS.get(("totals", key)) or PLACES.get(key)
    return str(label) if label else key


def _param(name: str, value: Any) -> Any:
    """A parameter in the reader's language: keys named, standard terms translated,
    everything the document prints as printed."""
    if name == "figure" or (name == "subject" and value == "expenditure"):
        return _figure(value)
    if name == "part":
        label = FIGURE_LABELS.get(("three_public", value)) or TERMS.get(value)
        return str(label) if label else value
    if name == "column":
        return str(COLUMNS.get(value, value))
    if isinstance(value, str) and value in TERMS:
        return str(TERMS[value])
    return value


def finding_text(message_id: str, params: Mapping[str, Any], rule: str = "") -> str:
    """What a finding says, in the language active now."""
    template = MESSAGES.get(message_id)
    if template is None:  # stored before findings named their sentence
        return str(RULES.get(rule, FINDING_UNKNOWN))
    try:
        text = str(template) % {k: _param(k, v) for k, v in params.items()}
    except (KeyError, TypeError, ValueError):  # parameters of another version of the parser
        return str(RULES.get(rule, FINDING_UNKNOWN))
    return text + "".join(str(QUALIFIERS[q]) for q in QUALIFIERS if params.get(q))


def finding_place(where: str) -> str:
    """A finding's `where`: a code or printed words as they are, a key by its name."""
    if where in PLACES:
        return str(PLACES[where])
    if where in TERMS:
        return str(TERMS[where])
    label = FIGURE_LABELS.get(("totals", where)) or FIGURE_LABELS.get(("three_public", where))
    label = label or COLUMNS.get(where)  # an income table's source of funds
    return str(label) if label else where


def figure_label(group: str, key: str) -> str:
    return str(FIGURE_LABELS.get((group, key), key))


def address_label(address: str) -> str:
    """A corrected value's address (disclosures.values) as the reader calls the value."""
    try:
        where = Address.parse(address)
    except ValueError:
        return address
    if where.kind == "figure":
        return figure_label(where.group, where.key)
    return f"{where.key} · {COLUMNS.get(where.amount, where.amount)}"


# why a file could not be read, by the parser's error code (disclosures.parsing.errors);
# the parser's own message, in English, says more and is shown to English readers
FAILURES: dict[str, Promise] = {
    "encrypted": _("文件有密码保护，无法打开"),
    "corrupt": _("文件已损坏，或不是它所声称的格式"),
    "not_a_disclosure": _("文件中没有找到预决算表格或数字"),
    "too_large": _("文件超过了大小或页数的上限"),
    "timeout": _("解析超时"),
    "empty": _("文件是空的"),
    "unsupported": _("暂不支持这种格式"),
    "scanned": _("页面是没有文字层的图片（扫描件）"),
    "internal": _("解析程序出错，已记录，供开发者检查"),
    "worker_lost": _("解析进程中断，多次重试未能完成"),
    "unidentified": _("文件未写明单位、年度或预决算，请填写后重新解析"),
}


def failure_text(code: str, message: str) -> str:
    if (get_language() or "").startswith("en") and message:
        return message
    return str(FAILURES.get(code, _("无法解析")))


# why an uploaded file was not taken, by disclosures.intake's code; English readers get
# the intake's own reason, which says more (the limit, the archive's fault)
REFUSALS: dict[str, Promise] = {
    "format": _("不是 PDF、电子表格、Word、图片或文本文件"),
    "too_large": _("文件超过大小上限"),
    "nested": _("压缩包内又有压缩包"),
    "escaping": _("文件名指向压缩包之外（../ 或根目录），未读取"),
    "archive": _("压缩包无法读取，或超出上传的限制"),
    "too_many": _("一次上传的文件过多"),
}


def refusal_text(code: str, reason: str) -> str:
    if (get_language() or "").startswith("en") and reason:
        return reason
    return str(REFUSALS.get(code, REFUSALS["archive"]))
