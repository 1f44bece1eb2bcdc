"""`parse_disclosure --tables`: which tables were read, and which proved themselves."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.management import call_command

DOCUMENT = (
    "2026 年度\n示例市社会保险中心\n单位预算\n"
    "收支预算总表\n单位：万元\n项目\t预算数\t项目\t预算数\n"
    "一、一般公共预算拨款收入\t100.00\t八、社会保障和就业支出\t100.00\n"
    "本年收入合计\t100.00\t本年支出合计\t100.00\n收入合计\t100.00\t支出合计\t100.00\n"
    "支出预算总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "合计\t\t100.00\t{basic}\t40.00\n"
    "208\t社会保障和就业支出\t100.00\t{basic}\t40.00\n"
    "20801\t人力资源和社会保障管理事务\t100.00\t{basic}\t40.00\n"
)


def report(tmp_path: Path, basic: str) -> str:
    path = tmp_path / "example.txt"
    path.write_text(DOCUMENT.format(basic=basic), encoding="utf-8")
    out = io.StringIO()
    call_command("parse_disclosure", str(path), "--tables", stdout=out)
    return out.getvalue()


def test_it_says_which_tables_proved_themselves(tmp_path: Path) -> None:
    text = report(tmp_path, basic="60.00")
    assert "✓ 收支预算总表" in text and "✓ 支出预算总表" in text
    assert "needs review: no" in text


def test_it_says_plainly_which_table_it_could_not_verify(tmp_path: Path) -> None:
    text = report(tmp_path, basic="50.00")  # 50 + 40 is not the 100 printed: a misreading
    assert "✗ 支出预算总表" in text and "合计 = 基本 + 项目" in text
    assert "needs review:\n  - 支出预算总表" in text


def test_a_verified_table_with_a_slip_says_where_it_slips(tmp_path: Path) -> None:
    rows = "".join(f"2080{k}\t项{k}\t10.00\t6.00\t4.00\n" for k in range(1, 10))
    slip = "20899\t其他\t10.00\t6.00\t3.00\n"  # one row of eleven that does not add up
    text = "2026 年度\n示例市社会保险中心\n单位预算\n支出预算总表\n单位：万元\n"
    text += "科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t100.00\t60.00\t40.00\n"
    text += "208\t社会保障和就业支出\t100.00\t60.00\t40.00\n" + rows + slip
    path = tmp_path / "slip.txt"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("parse_disclosure", str(path), "--tables", stdout=out)
    assert "✓ 支出预算总表" in out.getvalue()
    assert "20899: 合计 = 基本 + 项目 do not" in out.getvalue()


def test_a_total_row_whose_parts_exceed_it_fails_its_check() -> None:
    # 合计 3802.54 with 基本 2913.54 and 项目 2489.51 read: a column misread, for the
    # 合计 may count 经营支出 beside them but is never less than the two
    from decimal import Decimal

    from disclosures.parsing.facts import Fact
    from disclosures.parsing.model import Source
    from disclosures.parsing.verify import _fact_identities

    def facts(project: str) -> list[Fact]:
        values = {"expenditure": "3802.54", "basic": "2913.54", "project": project}
        return [
            Fact(k, Decimal(v), "all", "表3", Source(page=6, row="合计")) for k, v in values.items()
        ]

    assert dict(_fact_identities(facts("2489.51"), []))["合计: 合计 = 基本 + 项目"] is False
    assert dict(_fact_identities(facts("889.00"), []))["合计: 合计 = 基本 + 项目"] is True
    assert "合计: 合计 = 基本 + 项目" not in dict(_fact_identities(facts("800.00"), []))
