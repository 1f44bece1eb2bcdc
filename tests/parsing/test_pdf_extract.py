"""PDF extraction: rows and cells as a reader sees them, on PDFs built here and real ones.

The generated PDFs are built here; the real disclosures are in tests/data/realdocs,
and the rows asserted on them were read off the rendered pages.
"""

from __future__ import annotations

import hashlib
import pathlib
import random

import pytest
from hostile import pdf

from disclosures.parsing.errors import ParseError
from disclosures.parsing.extract.base import Extracted, Line
from disclosures.parsing.extract.pdf import _text_lines, extract_pdf
from disclosures.parsing.extract.pdf_frags import Glyph, Rules
from disclosures.parsing.extract.pdf_layout import layout_rows

REALDOCS = pathlib.Path(__file__).resolve().parents[1] / "data" / "realdocs"

# ToUnicode map for font F2: "A" reads as the Kangxi radical ⽀ (U+2F40), "B" as 出,
# the way some producers write 支出.
_KANGXI_CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Kangxi-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfchar <41> <2F40> <42> <51FA> endbfchar
endcmap CMapName currentdict /CMapResource defineresource pop end end"""


def build_pdf(
    pages: list[list[str]],
    size: tuple[int, int] = (595, 842),
    user_password: str | None = None,
    rotate: int = 0,
) -> bytes:
    """A minimal PDF: each page is a list of content-stream operations (PDF coordinates).

    With a user password it is encrypted (RC4, 40 bits); an empty one opens without asking.
    Pages with a rotation are shown turned clockwise by that many degrees.
    """
    objects: list[bytes] = []
    file_id = b"0123456789abcdef"
    key = None if user_password is None else security(user_password, "owner", file_id)

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes) -> int:
        if key:
            data = rc4(object_key(key[0], len(objects) + 1), data)
        return add(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")

    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(b"")  # the page tree, filled in below
    add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    cmap = stream(_KANGXI_CMAP)
    add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>" % cmap)
    kids = []
    for ops in pages:
        content = stream("\n".join(ops).encode("latin-1"))
        kids.append(
            add(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Rotate %d /Contents %d 0 R "
                b"/Resources << /Font << /F1 3 0 R /F2 5 0 R >> >> >>" % (*size, rotate, content)
            )
        )
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    trailer = b"/ID [<%s> <%s>]" % (file_id.hex().encode(), file_id.hex().encode())
    if key:
        owner, user = key[1].hex().encode(), key[2].hex().encode()
        handler = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (owner, user)
        trailer += b" /Encrypt %d 0 R" % add(handler)
    return pdf(objects, trailer)


# The standard security handler, revision 2 (PDF 1.7, 7.6.3): enough to lock a test file.
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    box = list(range(256))
    j = 0
    for i in range(256):
        j = (j + box[i] + key[i % len(key)]) % 256
        box[i], box[j] = box[j], box[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + box[i]) % 256
        box[i], box[j] = box[j], box[i]
        out.append(byte ^ box[(box[i] + box[j]) % 256])
    return bytes(out)


def security(user: str, owner: str, file_id: bytes) -> tuple[bytes, bytes, bytes]:
    """The file key and the /O and /U entries."""

    def padded(password: str) -> bytes:
        return (password.encode("latin-1") + _PAD)[:32]

    o_entry = rc4(hashlib.md5(padded(owner)).digest()[:5], padded(user))
    permissions = (-44).to_bytes(4, "little", signed=True)
    key = hashlib.md5(padded(user) + o_entry + permissions + file_id).digest()[:5]
    return key, o_entry, rc4(key, _PAD)


def object_key(key: bytes, number: int) -> bytes:
    return hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]


def text(x: float, y: float, s: str, font: str = "F1", size: int = 10) -> str:
    return f"BT /{font} {size} Tf {x} {y} Td ({s}) Tj ET"


def hline(x0: float, x1: float, y: float) -> str:
    return f"{x0} {y} m {x1} {y} l S"


def vline(x: float, y0: float, y1: float) -> str:
    return f"{x} {y0} m {x} {y1} l S"


def grid(xs: list[float], ys: list[float]) -> list[str]:
    return [hline(xs[0], xs[-1], y) for y in ys] + [vline(x, ys[-1], ys[0]) for x in xs]


def cells_of(result: Extracted, page: int = 1) -> list[tuple[str, ...]]:
    return [line.cells for line in result.pages[page - 1].lines]


AMOUNT_WIDTH = 63.94  # "82,096,797.42" in Helvetica 10: ten digits at 5.56, three marks at 2.78


# --- generated PDFs -------------------------------------------------------------------


def test_unruled_table_rows_split_into_cells_at_wide_gaps() -> None:
    rows = [("208", "Social security", "612.10", "383.60", "228.50"), ("221", "Housing", "31.00")]
    ops = []
    for i, row in enumerate(rows):
        y = 700 - 20 * i
        ops += [text(x, y, s) for x, s in zip((50, 100, 300, 380, 460), row, strict=False)]
    result = extract_pdf(build_pdf([ops]), "made.pdf")
    assert result.format == "pdf" and result.source == "made.pdf"
    assert result.meta["table_pages"] == "1"
    assert cells_of(result) == rows
    first = result.pages[0].lines[0]
    assert first.xs == pytest.approx((50, 100, 300, 380, 460), abs=0.5)
    assert len(first.boxes) == 5 and all(b is not None and b[0] < b[2] for b in first.boxes)


def test_ruled_columns_split_amounts_that_almost_touch() -> None:
    xs, ys = [40, 90, 250, 330, 410], [720, 700, 680]
    left = 330 - 1 - AMOUNT_WIDTH  # right-aligned against the ruling, the next starts past it
    ops = grid(xs, ys) + [
        text(45, 706, "201"),
        text(95, 706, "General services"),
        text(left, 706, "82,096,797.42"),
        text(331, 706, "82,096,797.42"),
        text(45, 686, "208"),
        text(95, 686, "Social security"),
        text(left, 686, "12,029,501.84"),
    ]
    result = extract_pdf(build_pdf([ops]))
    assert cells_of(result) == [
        ("201", "General services", "82,096,797.42", "82,096,797.42"),
        ("208", "Social security", "12,029,501.84"),
    ]


def test_name_wrapped_inside_a_ruled_cell_is_one_cell_of_one_row() -> None:
    xs, ys = [40, 90, 250, 330], [720, 700, 670, 650]
    ops = grid(xs, ys) + [
        text(45, 706, "2080501"),
        text(95, 706, "Retirement"),
        text(260, 706, "271.45"),
        text(45, 681, "2080505"),
        text(95, 687, "Basic pension insurance"),  # two lines, 12 points apart
        text(95, 675, "contributions"),
        text(260, 681, "607.10"),
        text(45, 656, "2080506"),
        text(95, 656, "Annuities"),
        text(260, 656, "242.84"),
    ]
    assert cells_of(extract_pdf(build_pdf([ops]))) == [
        ("2080501", "Retirement", "271.45"),
        ("2080505", "Basic pension insurance contributions", "607.10"),
        ("2080506", "Annuities", "242.84"),
    ]


def test_name_wrapped_without_rulings_stays_on_its_own_lines() -> None:
    ops = [
        text(45, 706, "2080501"),
        text(95, 706, "Retirement"),
        text(260, 706, "271.45"),
        text(45, 681, "2080505"),
        text(95, 687, "Basic pension insurance"),
        text(95, 675, "contributions"),
        text(260, 681, "607.10"),
    ]
    rows = cells_of(extract_pdf(build_pdf([ops])))
    assert ("Basic pension insurance",) in rows
    assert ("2080505", "607.10") in rows
    assert ("contributions",) in rows


def test_table_without_inner_rulings_keeps_its_rows_apart() -> None:
    # a frame around the whole table holds many lines: it is not one cell
    ops = grid([40, 330], [720, 540])
    for i in range(8):
        y = 700 - 20 * i
        ops += [text(45, y, f"30{i + 1:02d}"), text(95, y, f"Item {i}"), text(260, y, f"{i}.50")]
    rows = cells_of(extract_pdf(build_pdf([ops])))
    assert rows == [(f"30{i + 1:02d}", f"Item {i}", f"{i}.50") for i in range(8)]


def test_narrative_page_keeps_its_visual_lines_and_skips_geometry() -> None:
    sentences = ["This page explains the budget", "in plain sentences, line by line,", "and ends."]
    ops = [text(72, 700 - 18 * i, s) for i, s in enumerate(sentences)]
    result = extract_pdf(build_pdf([ops]))
    assert result.meta["table_pages"] == ""
    assert cells_of(result) == [(s,) for s in sentences]
    assert result.pages[0].has_text_layer


def test_a_small_table_on_a_page_of_sentences_has_its_cells_apart() -> None:
    text = "\n".join(
        [
            "本单位基本情况如下。",
            "单位名称 单位性质 在职人数",
            "某中心 全额拨款事业单位 19",
            "主要用于科技创新。",
            "8.科技条件与服务(款)技术创新服务体系(项)支出 16,800",
            "万元，与上年相比增加 2,345 万元。",
            "第二部分 2026 年度单位预算表",
            "第三部分 2026 年度单位预算情况说明",
        ]
    )
    assert [line.cells for line in _text_lines(1, text)] == [
        ("本单位基本情况如下。",),
        ("单位名称", "单位性质", "在职人数"),
        ("某中心", "全额拨款事业单位", "19"),
        ("主要用于科技创新。",),
        # a sentence's line ending in its amount, and headings, stay whole
        ("8.科技条件与服务(款)技术创新服务体系(项)支出 16,800",),
        ("万元,与上年相比增加 2,345 万元。",),
        ("第二部分 2026 年度单位预算表",),
        ("第三部分 2026 年度单位预算情况说明",),
    ]


def test_dot_leaders_of_a_contents_page_separate_title_and_page_number() -> None:
    ops = [text(72, 700, "Budget tables ........................ 5")]
    assert cells_of(extract_pdf(build_pdf([ops]))) == [("Budget tables", "5")]


def test_kangxi_radicals_come_back_as_ideographs_in_tables_and_text() -> None:
    table = [
        text(50, 700, "208"),
        text(100, 700, "AB", font="F2"),
        *(text(x, 700, s) for x, s in ((300, "612.10"), (380, "383.60"), (460, "228.50"))),
    ]
    prose = [text(72, 700, "AB", font="F2")]
    result = extract_pdf(build_pdf([table, prose]))
    assert cells_of(result, 1) == [("208", "支出", "612.10", "383.60", "228.50")]
    assert cells_of(result, 2) == [("支出",)]


def test_page_without_text_has_no_text_layer_and_no_lines() -> None:
    blank = ["100 100 200 200 re f"]
    result = extract_pdf(build_pdf([[text(72, 700, "Cover")], blank]))
    assert [p.has_text_layer for p in result.pages] == [True, False]
    assert result.pages[1].lines == ()
    assert result.meta["pages_without_text"] == "2"
    assert result.pages[1].width == pytest.approx(595)


def test_random_bytes_are_reported_corrupt() -> None:
    with pytest.raises(ParseError) as caught:
        extract_pdf(random.Random(7).randbytes(4096))
    assert caught.value.code == "corrupt"


def test_a_file_that_only_claims_to_be_a_pdf_is_corrupt() -> None:
    with pytest.raises(ParseError) as caught:
        extract_pdf(b"%PDF-1.4\nnothing else here\n")
    assert caught.value.code == "corrupt"


def test_empty_bytes_are_reported_empty() -> None:
    with pytest.raises(ParseError) as caught:
        extract_pdf(b"")
    assert caught.value.code == "empty"


def _encrypted(user_password: str) -> bytes:
    return build_pdf([[text(72, 700, "Secret 1.00 2.00")]], user_password=user_password)


def test_password_protected_pdf_is_reported_encrypted() -> None:
    with pytest.raises(ParseError) as caught:
        extract_pdf(_encrypted("secret"))
    assert caught.value.code == "encrypted"
    assert "\n" not in caught.value.message


def test_pdf_locked_only_against_editing_still_reads() -> None:
    result = extract_pdf(_encrypted(""))
    assert [line.text for line in result.lines()] == ["Secret 1.00 2.00"]


def test_layout_joins_a_loosely_wrapped_name_that_fills_its_ruled_cell() -> None:
    # WPS sets wrapped lines ~1.8 sizes apart; the first line runs to the cell's edge
    rules = Rules(
        vertical=((84.5, 200, 300), (167.5, 200, 300), (218.5, 200, 300)),
        horizontal=((210.6, 84.5, 218.5), (243.3, 84.5, 218.5)),
    )
    name = [
        Glyph(ch, 105 + 9 * i, 114 + 9 * i, 213.5, 222.5) for i, ch in enumerate("1.一般公共预")
    ]
    glyphs = [*name, Glyph("算", 91, 100, 229.3, 238.3)]
    glyphs += [Glyph(ch, 176 + 5 * i, 181 + 5 * i, 221.4, 230.4) for i, ch in enumerate("17.00")]
    rows = layout_rows(glyphs, rules)
    assert [[c.text for c in row] for row in rows] == [["1.一般公共预算", "17.00"]]


def _frags(text: str, x: float, top: float, size: float = 9.0) -> list[Glyph]:
    """One glyph a character, digits half as wide as Chinese."""
    glyphs = []
    for ch in text:
        width = size / 2 if ch.isascii() else size
        glyphs.append(Glyph(ch, x, x + width, top, top + size))
        x += width
    return glyphs


def test_layout_joins_amounts_set_at_the_top_of_a_tall_ruled_row_with_its_centred_name() -> None:
    # columns 类 | 款 | 项 | name | total | basic; two ruled rows 30 points tall
    xs = (40.0, 60.0, 80.0, 100.0, 200.0, 260.0, 320.0)
    ys = (100.0, 130.0, 160.0)
    rules = Rules(
        vertical=tuple((x, ys[0], ys[-1]) for x in xs),
        horizontal=tuple((y, xs[0], xs[-1]) for y in ys),
    )
    top, centre = 101.0, 110.5
    glyphs = [
        *_frags("类", 42, top),
        *_frags("款", 62, top),
        *_frags("项", 82, top),
        *_frags("合计", 130, centre),
        *_frags("2,940.05", 205, centre),
        *_frags("2,336.91", 265, top),
        *_frags("201", 42, top + 30 + 9.5),
        *_frags("一般公共服务支出", 102, top + 30 + 9.5),
        *_frags("2,106.66", 205, top + 30 + 9.5),
        *_frags("1,503.52", 265, top + 30),
    ]
    rows = [[c.text for c in row] for row in layout_rows(glyphs, rules)]
    assert rows == [
        ["类", "款", "项"],  # the column titles, apart from the total row they sit in
        ["合计", "2,940.05", "2,336.91"],
        ["201", "一般公共服务支出", "2,106.66", "1,503.52"],
    ]


def test_layout_keeps_titles_level_with_the_total_on_one_line() -> None:
    rules = Rules(
        vertical=tuple((x, 100.0, 130.0) for x in (40.0, 60.0, 100.0, 200.0)),
        horizontal=((100.0, 40.0, 200.0), (130.0, 40.0, 200.0)),
    )
    glyphs = [*_frags("类", 42, 110), *_frags("合计", 62, 110), *_frags("9.00", 105, 110)]
    rows = [[c.text for c in row] for row in layout_rows(glyphs, rules)]
    assert rows == [["类", "合计", "9.00"]]


def test_text_placed_off_the_page_is_not_read() -> None:
    rows = [("201", "General", "612.10", "383.60"), ("208", "Social", "31.00", "31.00")]
    table = [
        text(x, 700 - 20 * i, s)
        for i, row in enumerate(rows)
        for x, s in zip((50, 100, 300, 380), row, strict=True)
    ]
    # a copy of another table parked below the page, as some producers leave it
    table += [text(x, -200, s) for x, s in ((50, "302"), (100, "Goods"), (300, "9.99"))]
    prose = [text(72, 700, "This page explains the budget."), text(72, -100, "Hidden words.")]
    result = extract_pdf(build_pdf([table, prose]))
    assert result.meta["table_pages"] == "1"
    assert cells_of(result, 1) == rows
    assert cells_of(result, 2) == [("This page explains the budget.",)]


def test_the_printed_page_number_is_not_a_line() -> None:
    rows = [text(x, 700, s) for x, s in ((50, "208"), (100, "Social"), (300, "612.10"))]
    rows += [text(x, 680, s) for x, s in ((50, "221"), (100, "Housing"), (300, "31.00"))]
    rows += [text(x, 660, s) for x, s in ((50, "222"), (100, "Grain"), (300, "7.00"))]
    prose = [text(72, 700, "This page explains the budget."), text(72, 682, "It ends here.")]
    result = extract_pdf(
        build_pdf([[*rows, text(292, 40, "15")], [*prose, text(288, 40, "- 16 -")]])
    )
    assert result.meta["table_pages"] == "1"
    assert cells_of(result, 1)[-1] == ("222", "Grain", "7.00")
    assert cells_of(result, 2) == [("This page explains the budget.",), ("It ends here.",)]


@pytest.mark.parametrize(
    ("rotate", "x", "y"),
    [(90, 560, 417), (180, 292, 800), (270, 20, 417)],  # the edge shown at the foot
)
def test_the_page_number_of_a_turned_page_is_found_at_the_foot_as_shown(
    rotate: int, x: int, y: int
) -> None:
    page = [text(250, 300, "This page explains the budget."), text(x, y, "15")]
    turned = extract_pdf(build_pdf([page], rotate=rotate))
    assert cells_of(turned) == [("This page explains the budget.",)]
    upright = extract_pdf(build_pdf([page]))
    assert ("15",) in cells_of(upright)


def test_a_number_in_the_corner_or_high_on_the_page_stays() -> None:
    prose = [text(72, 700, "This page explains the budget.")]
    corner = extract_pdf(build_pdf([[*prose, text(540, 40, "15")]]))
    assert cells_of(corner)[-1] == ("15",)
    high = extract_pdf(build_pdf([[*prose, text(292, 400, "15")]]))
    assert cells_of(high)[-1] == ("15",)


# --- real disclosures -------------------------------------------------------------------


def real(name: str) -> Extracted:
    return extract_pdf((REALDOCS / name).read_bytes(), name)


def rows_on(result: Extracted, page: int) -> list[tuple[str, ...]]:
    return cells_of(result, page)


def test_shanghai_budget_rows_split_classification_codes_names_and_amounts() -> None:
    doc = real("sh-putuo_zhengfuban_2025_dept-budget.pdf")
    page9 = rows_on(doc, 9)
    assert ("201", "03", "01", "行政运行", "12,029,501.84", "12,029,501.84") in page9
    assert (
        "208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,763,159.52", "1,763,159.52"
    ) in page9  # fmt: skip
    # the header cell set on two lines inside one ruled cell comes back whole
    assert any("事业单位经营收入" in row for row in page9)
    assert rows_on(doc, 10)[-1] == ("合计", "91,016,775.35", "91,016,775.35")
    assert ("867.50", "839.00", "28.50", "213.28") in rows_on(doc, 20)
    assert ("部门预算经济分类科目编码",) in rows_on(doc, 18)


def test_shanghai_budget_narrative_pages_come_from_the_text_layer() -> None:
    doc = real("sh-putuo_zhengfuban_2025_dept-budget.pdf")
    tables = {int(n) for n in doc.meta["table_pages"].split(",")}
    assert {9, 10, 18, 20} <= tables and not {3, 4, 5, 6, 7} & tables
    assert rows_on(doc, 3)[0] == ("上海市普陀区人民政府办公室主要职能",)
    assert all(len(line.cells) == 1 for line in doc.pages[2].lines)


def test_lines_carry_one_box_and_one_x_per_cell_left_to_right() -> None:
    doc = real("sh-putuo_zhengfuban_2025_dept-budget.pdf")
    lines: list[Line] = [line for page in doc.pages[7:20] for line in page.lines]
    assert lines
    for line in lines:
        assert len(line.boxes) == len(line.cells) == len(line.xs)
        assert list(line.xs) == sorted(line.xs)


def test_pscript_tables_split_codes_from_names_on_rotated_pages() -> None:
    doc = real("js_renda_2019_dept-budget-tables.pdf")
    page5 = rows_on(doc, 5)
    assert ("2080505", "机关事业单位基本养老保险缴费支出", "607.10") in page5
    assert ("201", "一般公共服务支出", "13,907.78") in page5
    assert (
        "一、财政拨款", "18,330.37", "一、一般公共服务支出", "13,907.78", "一、基本支出", "9,312.90"
    ) in rows_on(doc, 1)  # fmt: skip


def test_final_account_joins_wrapped_names_and_aligns_digits_with_chinese() -> None:
    doc = real("sh-putuo_caizhengju_2024_dept-final.pdf")
    page8 = rows_on(doc, 8)
    assert ("208", "05", "05", "机关事业单位基本养老保险缴费支出", "160.75", "160.75") in page8
    assert ("合计", "2,946.25", "2,940.05", "6.20") in page8
    # a Times digit and a FangSong name on one baseline are one row
    assert ("1", "上海市普陀区财政局(本级)") in rows_on(doc, 5)
    assert not doc.pages[13].has_text_layer


def test_final_account_amounts_at_the_top_of_tall_rows_stay_in_their_row() -> None:
    page10 = rows_on(real("sh-putuo_caizhengju_2024_dept-final.pdf"), 10)
    assert ("类", "款", "项") in page10
    assert ("合计", "2,940.05", "2,336.91", "603.14") in page10
    assert ("201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14") in page10
    assert ("201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37") in page10
    assert ("201", "06", "08", "财政委托业务支出", "449.52", "449.52") in page10
    assert not any(all(c[:1].isdigit() and "." in c for c in row) for row in page10)


def test_tables_parked_below_the_page_are_not_read() -> None:
    page11 = rows_on(real("js_renda_2017_dept-budget.pdf"), 11)
    assert page11[0] == ("财政拨款支出预算表",)
    assert page11[-1] == ("2210202", "提租补贴", "1,018.01")
    assert not any("30101" in row for row in page11)


def test_printed_page_numbers_are_dropped_from_tables_and_text() -> None:
    doc = real("js_jianchayuan_2017_dept-budget.pdf")  # tables on 10-18, text around them
    for number in (2, 9, 15, 20):
        assert rows_on(doc, number)[-1] != (str(number),)
    assert rows_on(doc, 15)[-1][0] != "15"
    text = real("js_zhengxie_2019_dept-budget-text.pdf")  # "- 8 -", first in pdfium's text
    assert not any(row[0].startswith("- ") for page in range(2, 19) for row in rows_on(text, page))


def test_loosely_wrapped_cells_of_a_wps_table_are_joined() -> None:
    doc = real("js_jianchayuan_2017_dept-budget.pdf")
    page10 = rows_on(doc, 10)
    assert ("1.一般公共预算", "17,981.68", "二、外交支出", "二、项目支出", "5,533.00") in page10
    assert ("2.政府性基金预算", "三、国防支出", "三、单位预留机动经费", "140.20") in page10
    assert ("其他计算机设备及软件", "分散自行组织", "22.00") in rows_on(doc, 17)


def test_scanned_pages_come_back_without_text_layer() -> None:
    doc = real("SIMSCAN_js_zhengxie_2019_dept-budget-tables.pdf")
    assert doc.pages and all(not p.has_text_layer and p.lines == () for p in doc.pages)
    assert doc.meta["table_pages"] == ""


def _side_by_side(left_title: str, right_title: str | None) -> list[list[str]]:
    """Two ruled frames beside each other on a landscape page, each two rows tall; a
    title over each (or, with no right title, one title across the page)."""
    rules = Rules(
        vertical=tuple((x, 100.0, 140.0) for x in (40.0, 140.0, 200.0, 420.0, 520.0, 580.0)),
        horizontal=tuple(
            (y, x0, x1) for y in (100.0, 120.0, 140.0) for x0, x1 in ((40.0, 200.0), (420.0, 580.0))
        ),
    )
    glyphs = _frags(left_title, 60 if right_title else 200, 70)
    if right_title is not None:
        glyphs += _frags(right_title, 440, 70)
    glyphs += [
        *_frags("合计", 50, 105),
        *_frags("8.20", 150, 105),
        *_frags("合计", 430, 105),
        *_frags("109.80", 530, 105),
        *_frags("公务接待费", 50, 125),
        *_frags("1.80", 150, 125),
        *_frags("办公设备", 430, 125),
        *_frags("6.80", 530, 125),
        *_frags("— 9 —", 290, 300),
    ]
    return [
        [c.text for c in row]
        for row in layout_rows(glyphs, Rules(rules.vertical, rules.horizontal))
    ]


def test_tables_side_by_side_under_titles_of_their_own_are_read_one_after_the_other() -> None:
    assert _side_by_side("表七 三公经费支出表", "表八 政府采购预算表") == [
        ["表七 三公经费支出表"],
        ["合计", "8.20"],
        ["公务接待费", "1.80"],
        ["表八 政府采购预算表"],
        ["合计", "109.80"],
        ["办公设备", "6.80"],
        ["— 9 —"],
    ]


def test_two_halves_of_one_table_under_one_title_are_read_line_by_line_across() -> None:
    rows = _side_by_side("一般公共预算基本支出表（人员经费、公用经费）", None)
    assert rows[1:3] == [
        ["合计", "8.20", "合计", "109.80"],
        ["公务接待费", "1.80", "办公设备", "6.80"],
    ]


def test_rulings_typed_as_characters_cut_the_cells_and_are_no_text() -> None:
    # a table typed in a preformatted block: '│' down the table, dashes across it
    glyphs = [
        *_frags("-" * 20, 40, 90),
        *_frags("收入总计", 40, 110),
        *_frags("431.14", 94, 110),
        *_frags("│", 130, 110),
        *_frags("支出总计", 142, 110),
        *_frags("431.14", 196, 110),
        *_frags("+-----+-----+", 40, 130),
    ]
    rows = [[c.text for c in row] for row in layout_rows(glyphs, Rules())]
    assert rows == [["收入总计", "431.14", "支出总计", "431.14"]]


def test_a_letter_spaced_label_cut_unevenly_at_the_column_gap_is_one_word() -> None:
    # '收  入  总  计' in a monospace font: two spaces are one size, exactly the gap that
    # parts columns, and the ink boxes put some gaps above it and some below
    glyphs = [
        Glyph("收", 40.0, 49.0, 100, 109),
        Glyph("入", 58.0, 67.0, 100, 109),
        Glyph("总", 76.5, 85.5, 100, 109),
        Glyph("计", 94.5, 103.5, 100, 109),
        *_frags("431.14", 160, 100),
    ]
    rows = [[c.text for c in row] for row in layout_rows(glyphs, Rules())]
    assert rows == [["收入总计", "431.14"]]


def test_words_of_two_columns_set_close_stay_two_words() -> None:
    glyphs = [*_frags("项目", 40, 100), *_frags("金额", 72, 100)]
    rows = [[c.text for c in row] for row in layout_rows(glyphs, Rules())]
    assert rows == [["项目", "金额"]]


def test_a_sheet_of_two_pages_is_read_a_page_after_the_other() -> None:
    # two pages shrunk side by side on one sheet: each half's lines at their own heights
    # two pages shrunk side by side on one sheet: each half's lines at their own heights,
    # each half's page number centred under it
    left = [_frags(f"左页第{i}行的文字内容", 40, 100 + 14 * i) for i in range(8)]
    right = [_frags(f"右页第{i}行的文字内容", 440, 107 + 14 * i) for i in range(8)]
    feet = [_frags("— 3 —", 70, 300), _frags("— 4 —", 470, 300)]
    glyphs = [g for line in left + right + feet for g in line]
    rows = [[c.text for c in row] for row in layout_rows(glyphs, Rules())]
    assert rows == [[f"左页第{i}行的文字内容"] for i in range(8)] + [["— 3 —"]] + [
        [f"右页第{i}行的文字内容"] for i in range(8)
    ] + [["— 4 —"]]
    # with no page numbers, a table's halves set apart: read across
    glyphs = [g for line in left + right for g in line]
    assert len(layout_rows(glyphs, Rules())) > 8


def test_a_tables_columns_apart_across_the_middle_stay_rows() -> None:
    glyphs = [
        g
        for i in range(8)
        for g in (*_frags(f"项目名称{i}", 40, 100 + 14 * i), *_frags(f"{i}0.00", 440, 100 + 14 * i))
    ]
    rows = [[c.text for c in row] for row in layout_rows(glyphs, Rules())]
    assert rows == [[f"项目名称{i}", f"{i}0.00"] for i in range(8)]
