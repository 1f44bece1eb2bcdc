"""OCR of scans: cells mended strictly, boxes made into rows, and scans of real PDFs
parsed to the same figures as their text layer.

The scans are simulated (`simscan.py`: rendered at 150 dpi, turned by up to 1.5
degrees, blurred, speckled, saved as an image-only PDF), except SIMSCAN_*, a
real page set rasterised with noise. Figures are compared with the text-layer
parse of the same pages: every total and every functional row equal, or the
row named by a finding.
"""

from __future__ import annotations

import io
import math
import pathlib
import subprocess
import sys
from decimal import Decimal

import pytest

from disclosures.parsing import parse_bytes, to_contract
from disclosures.parsing.audit_ocr import page_runs
from disclosures.parsing.extract import detect, extract
from disclosures.parsing.extract.base import Extracted, Line, Page
from disclosures.parsing.extract.ocr_cells import mend_amount, mend_cell
from disclosures.parsing.extract.ocr_lines import (
    Word,
    deskew,
    split_amounts,
    split_glued,
    words_to_lines,
)
from disclosures.parsing.extract.pdf_kind import garbled, same_figures
from disclosures.parsing.parse import parse_extracted

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from pdf_variants import unmapped  # noqa: E402
from simscan import scan_images, simulated_scan, text_pdf_pages  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
REALDOCS = ROOT / "tests" / "data" / "realdocs"


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("13,297.11", "13,297.11"),
        ("13.297.11", "13,297.11"),  # a comma read as a point: only one can be decimal
        ("13,297,11", "13,297.11"),  # two digits after the last mark: not a thousands group
        ("13297,11", "13297.11"),
        ("1,2O5.00", "1,205.00"),
        ("3l2.50", "312.50"),
        ("12 345.67", "12345.67"),
        ("2,464.02.", "2,464.02"),
        ("1.234", "1.234"),  # 1,234 or 1.234: both possible, left as read
        ("1,234", "1,234"),
        ("13,29711", "13,29711"),  # no reading makes it an amount: it stays text
        ("IO", "IO"),
        ("合计", "合计"),
        ("201", "201"),
        ("一", "-"),  # a dash in an empty amount cell
    ],
)
def test_it_mends_only_amounts_with_one_reading(read: str, meant: str) -> None:
    assert mend_amount(read) == meant


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("、项目支出", "项目支出"),
        ("般公共服务支出", "一般公共服务支出"),
        ("三、国防支出", "三、国防支出"),
    ],
)
def test_it_restores_labels_that_lost_their_first_stroke(read: str, meant: str) -> None:
    assert mend_cell(read) == meant


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("项日支出", "项目支出"),
        ("科日编码", "科目编码"),
        ("科臼名称", "科目名称"),
        ("日常公用", "日常公用"),
    ],
)
def test_it_mends_the_header_words_a_scan_misreads(read: str, meant: str) -> None:
    assert mend_cell(read) == meant


def _word(text: str, x0: float, top: float, x1: float, bottom: float, angle: float = 0.0) -> Word:
    """A box turned by `angle` (radians) about the page's top-left corner."""
    cos, sin = math.cos(angle), math.sin(angle)
    corners = ((x0, top), (x1, top), (x1, bottom), (x0, bottom))
    return Word(text, tuple((x * cos - y * sin, x * sin + y * cos) for x, y in corners))


TABLE = [
    ("功能科目名称", 100, 100, 190, 112),
    ("金额", 500, 100, 530, 112),
    ("201", 40, 120, 60, 132),
    ("一般公共服务支出", 100, 120, 196, 132),
    ("13,907.78", 480, 120, 530, 132),
    ("208", 40, 140, 60, 152),
    ("社会保障和就业支出", 100, 140, 208, 152),
    ("1,121.39", 485, 140, 530, 152),
]


@pytest.mark.parametrize("degrees", [0.0, 1.5, -2.0])
def test_it_rebuilds_rows_from_turned_boxes(degrees: float) -> None:
    words = [_word(*row, angle=math.radians(degrees)) for row in TABLE]
    lines = words_to_lines(deskew(words), page=3)
    assert [line.cells for line in lines] == [
        ("功能科目名称", "金额"),
        ("201", "一般公共服务支出", "13,907.78"),
        ("208", "社会保障和就业支出", "1,121.39"),
    ]
    assert all(line.page == 3 and len(line.boxes) == len(line.cells) for line in lines)
    amount_box = lines[1].boxes[2]
    assert amount_box is not None and amount_box[0] == pytest.approx(480, abs=1.0)


def test_it_cuts_an_amount_glued_to_the_next_label() -> None:
    amount, label = split_glued(_word("80.00五、教育支出", 200, 300, 330, 312))
    assert (amount.text, label.text) == ("80.00", "五、教育支出")
    assert amount.box[0] == 200 and label.box[2] == 330
    assert amount.box[2] == label.box[0] and 220 < amount.box[2] < 260
    assert split_glued(_word("2,464.02", 0, 0, 40, 10))[0].text == "2,464.02"
    # a space read between them: still two cells
    amount, label = split_glued(_word("469.84 本年支出合计", 200, 300, 330, 312))
    assert (amount.text, label.text) == ("469.84", "本年支出合计")


def test_it_cuts_amounts_of_cells_side_by_side_read_as_one_box() -> None:
    parts = split_amounts(_word("371,514,655.0018,120,593.001,710,062.00", 100, 0, 400, 12))
    assert [p.text for p in parts] == ["371,514,655.00", "18,120,593.00", "1,710,062.00"]
    assert parts[0].box[0] == 100 and parts[-1].box[2] == 400
    # the pieces keep a gap between them, as the cells did: columns are told by such gaps
    assert parts[0].box[2] < parts[1].box[0] < parts[1].box[2] < parts[2].box[0]
    # a dot read as a comma leaves the pieces in doubt: left as read
    assert len(split_amounts(_word("10,823,891,001,467,842.00", 0, 0, 90, 12))) == 1
    assert len(split_amounts(_word("2,464.02", 0, 0, 40, 10))) == 1
    # one amount whose comma OCR read as a dot is mended whole, not cut in two
    assert len(split_amounts(_word("2.729.18", 0, 0, 40, 10))) == 1


def test_an_ocr_amount_that_breaks_the_sums_is_reported() -> None:
    """OCR read 1,121.39 as 1,121.89: the class no longer adds up, and the audit says so."""
    rows = [
        ("功能科目编码", "功能科目名称", "金额"),
        ("合计", "15,029.17"),
        ("201", "一般公共服务支出", "13,907.78"),
        ("20101", "人大事务", "13,907.78"),
        ("208", "社会保障和就业支出", "1,121.39"),
        ("20805", "行政事业单位离退休", "1,121.89"),
    ]
    lines = [Line(page=1, cells=("一般公共预算支出预算表",))] + [
        Line(page=1, cells=row) for row in rows
    ]
    extracted = Extracted(
        "scan.png", "image", (Page(1, tuple(lines), has_text_layer=False),), {"ocr_pages": "1"}
    )
    findings = to_contract(parse_extracted(extracted))["findings"]
    assert any(f["rule"] == "children_sum" and f["where"] == "208" for f in findings)


def test_images_are_told_by_their_bytes() -> None:
    assert detect(b"\x89PNG\r\n\x1a\n....") == "image"
    assert detect(b"\xff\xd8\xff\xe0....") == "image"
    assert detect(b"II*\x00....") == "image"


# --- with the OCR models -------------------------------------------------------------


def test_the_models_load_and_read_without_the_network(tmp_path: pathlib.Path) -> None:
    image = scan_images((REALDOCS / "js_renda_2019_dept-budget-tables.pdf").read_bytes(), [3])[0]
    image.save(tmp_path / "page.png")
    script = f"""
import socket
def refuse(*args, **kwargs):
    raise OSError("no network in this test")
socket.socket.connect = socket.socket.connect_ex = refuse
socket.getaddrinfo = socket.create_connection = refuse
from PIL import Image
from disclosures.parsing.extract.ocr import read_image
lines = read_image(Image.open({str(tmp_path / "page.png")!r}), 1, 72 / 150).lines
print("|".join(cell for line in lines for cell in line.cells))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "18,330.37" in done.stdout and "项目支出" in done.stdout


def _disagreements(text: dict, ocr: dict) -> list[str]:
    """Totals and functional rows that differ, less the rows a finding names."""
    flagged = {f["where"] for f in ocr["findings"]}
    misses = [
        f"total {key}: text {value}, OCR {ocr['totals'].get(key)}"
        for key, value in text["totals"].items()
        if ocr["totals"].get(key) != value
    ]
    want = {r["code"]: r for r in text["functional"]}
    got = {r["code"]: r for r in ocr["functional"]}
    for code in sorted(set(want) | set(got)):
        columns = ("total", "basic", "project")
        a, b = want.get(code, {}), got.get(code, {})
        if any(a.get(c) != b.get(c) for c in columns) and code not in flagged:
            misses.append(f"row {code}: text {a}, OCR {b}")
    return misses


SCANS = [
    # file, pages: the summary, spending and functional tables, and the 三公 table
    ("js_renda_2019_dept-budget-tables.pdf", [1, 3, 5, 9]),
    ("js_zhengxie_2017_dept-budget-tables.pdf", [1, 3, 5, 11]),
    ("sh-city_caizhengju_2025_unit-budget.pdf", [7, 10, 11, 14, 20]),
]


@pytest.mark.parametrize(("name", "pages"), SCANS)
def test_a_simulated_scan_gives_the_text_layers_figures(name: str, pages: list[int]) -> None:
    data = (REALDOCS / name).read_bytes()
    text = to_contract(parse_bytes(text_pdf_pages(data, pages), name))
    scan = parse_bytes(simulated_scan(data, pages, seed=len(name)), name)
    ocr = to_contract(scan)
    assert text["functional"] and text["totals"]["expenditure"] is not None
    assert _disagreements(text, ocr) == []


def test_pages_scanned_a_quarter_turned_are_read_upright() -> None:
    # landscape tables fed through a scanner upright come back turned a quarter, one way
    # or the other: each is read as a reader turns the paper
    from PIL import Image
    from simscan import images_to_pdf

    name, pages = "js_renda_2019_dept-budget-tables.pdf", [1, 3, 5, 9]
    data = (REALDOCS / name).read_bytes()
    turns = (Image.Transpose.ROTATE_270, Image.Transpose.ROTATE_90) * 2
    images = [
        im.transpose(t) for im, t in zip(scan_images(data, pages, seed=5), turns, strict=True)
    ]
    text = to_contract(parse_bytes(text_pdf_pages(data, pages), name))
    ocr = to_contract(parse_bytes(images_to_pdf(images), name))
    assert _disagreements(text, ocr) == []


def test_the_rasterised_real_page_set_parses_like_its_text_layer() -> None:
    scan = (REALDOCS / "SIMSCAN_js_zhengxie_2019_dept-budget-tables.pdf").read_bytes()
    extracted = extract(scan, "scan.pdf")
    assert extracted.meta["ocr_pages"] == ",".join(str(n) for n in range(1, 13))
    text = parse_bytes((REALDOCS / "js_zhengxie_2019_dept-budget-tables.pdf").read_bytes())
    ocr = to_contract(parse_extracted(extracted))
    assert ocr["totals"]["expenditure"] == 13377.11
    assert _disagreements(to_contract(text), ocr) == []


def test_a_scan_sent_as_images_is_read_page_by_page() -> None:
    """A PNG of the summary table, and a two-page TIFF with the functional table."""
    data = (REALDOCS / "js_renda_2019_dept-budget-tables.pdf").read_bytes()
    first, third, fifth = scan_images(data, [1, 3, 5], seed=3)
    png = io.BytesIO()
    first.save(png, format="PNG", dpi=(150, 150))
    summary = parse_bytes(png.getvalue(), "page.png")
    assert summary.totals["revenue"].value == Decimal("18330.37")
    tiff = io.BytesIO()
    third.save(tiff, format="TIFF", save_all=True, append_images=[fifth], dpi=(150, 150))
    tables = parse_bytes(tiff.getvalue(), "pages.tiff")
    assert tables.pages == 2
    rows = {item.code: item.total for item in tables.functional}
    assert rows["2010101"] == Decimal("7448.20") and rows["221"] == Decimal("3301.20")


def test_the_grey_detection_finds_the_engines_boxes() -> None:
    """The page scaled and normalised in one channel gives the boxes rapidocr's own
    three-channel detection gives at the same size, to the pixel."""
    import numpy as np

    from disclosures.parsing.extract.ocr import DETECT_SIDE, engine
    from disclosures.parsing.extract.ocr_detect import detect_boxes

    page = scan_images((REALDOCS / "js_renda_2019_dept-budget-tables.pdf").read_bytes(), [3])[0]
    gray = np.asarray(page.convert("L"))
    detector = engine()._load_det_model()
    own = detect_boxes(detector, gray, DETECT_SIDE)
    before = detector.limit_type, detector.limit_side_len
    detector.limit_type, detector.limit_side_len = "max", DETECT_SIDE
    try:
        theirs = detector(np.asarray(page.convert("RGB"))).boxes
    finally:
        detector.limit_type, detector.limit_side_len = before
    assert len(own) > 10
    assert np.array_equal(np.array(own), np.asarray(theirs))


def test_pages_whose_text_is_glyph_numbers_to_pdfium_are_read_by_pdfminer_where_it_can() -> None:
    """Fonts that lost their Unicode maps: pdfium gives glyph numbers for text, but these
    fonts carry an encoding of their own that pdfminer reads: no OCR, the same figures."""
    data = text_pdf_pages(
        (REALDOCS / "sh-city_caizhengju_2025_unit-budget.pdf").read_bytes(), [7, 10, 11, 14, 20]
    )
    text = to_contract(parse_bytes(data, "pages.pdf"))

    extracted = extract(unmapped(data), "pages.pdf")

    assert extracted.meta["geometry_fallback_pages"] == "1,2,3,4,5"
    assert "ocr_pages" not in extracted.meta and "garbled_text_pages" not in extracted.meta
    got = to_contract(parse_extracted(extracted))
    figures = ("totals", "headcount", "prior_year", "functional", "economic", "three_public_parts")
    assert {k: got[k] for k in figures} == {k: text[k] for k in figures}
    assert [f["rule"] for f in got["findings"]] == [f["rule"] for f in text["findings"]]


def test_pages_whose_text_is_glyph_numbers_to_both_readers_are_read_by_ocr() -> None:
    """Fonts with no map of any kind: the pages are read as scans are, to the same figures,
    and a note says why."""
    shenjiju = ROOT / "tests" / "data" / "realdocs-more" / "shanghai_shenjiju_2026_unit-budget.pdf"
    data = text_pdf_pages(shenjiju.read_bytes(), [7, 10, 13, 17])
    text = to_contract(parse_bytes(data, "pages.pdf"))

    extracted = extract(unmapped(data), "pages.pdf")

    assert extracted.meta["garbled_text_pages"] == "1,2,3,4"
    assert extracted.meta["ocr_pages"] == "1,2,3,4"
    ocr = to_contract(parse_extracted(extracted))
    assert ocr["totals"]["expenditure"] == text["totals"]["expenditure"] is not None
    assert _disagreements(text, ocr) == []
    said = [f["message"] for f in ocr["findings"] if f["rule"] == "garbled_text"]
    assert said == ["pages 1-4: the file's text is glyph numbers, not writing (fonts "
                    "without a Unicode map); they were read by OCR"]  # fmt: skip


def test_pages_whose_fonts_decode_their_digits_wrongly_to_pdfminer_are_read_by_ocr() -> None:
    """Fonts whose own encoding pdfminer decodes to Chinese rightly and to digits wrongly
    ('三23 | 工资福利支出' for 301): the text passes for writing, but its figures are not the
    page's. OCR reads the page with the most figures too; where the two readings' figures
    differ, the pages are read as scans are."""
    renda = REALDOCS / "js_renda_2018_dept-budget.pdf"
    data = text_pdf_pages(renda.read_bytes(), [9, 12])
    text = to_contract(parse_bytes(data, "pages.pdf"))

    extracted = extract(unmapped(data), "pages.pdf")

    assert extracted.meta["garbled_text_pages"] == "1,2"
    assert extracted.meta["ocr_pages"] == "1,2"
    ocr = to_contract(parse_extracted(extracted))
    assert len(text["economic"]) > 20 and ocr["economic"] == text["economic"]
    assert _disagreements(text, ocr) == []


@pytest.mark.parametrize(
    ("read", "seen", "same"),
    [
        (
            "301 工资福利支出 5,469.17 30101 基本工资 1,186.73 30102 津贴补贴 2,752.80",
            "301工资福利支出5469.17 30101基本工资1186.73 30102津贴补贴 2752.8O",
            True,
        ),
        (
            "三23 工资福利支出 下,上》 .39 三2323 基本工资 3,3 》.9三",
            "301 工资福利支出 5,469.17 30101 基本工资 1,186.73",
            False,
        ),
        ("合计 9,999.99 一般公共服务支出", "合计 1.00", None),  # too few figures to tell
    ],
)
def test_two_readings_of_a_page_are_held_to_the_same_figures(
    read: str, seen: str, same: bool | None
) -> None:
    assert same_figures(read, seen) is same


@pytest.mark.parametrize(
    ("text", "garbage"),
    [
        ("2026年部门预算支出1,234.56万元，比上年增加12.30万元。", False),
        ("科目编码 科目名称 合计 基本支出 项目支出 201 一般公共服务支出 100.00", False),
        ("Budget of the unit for 2026, in ten thousand yuan (万元).", False),
        ("ئاپتونوم رايونلۇق مالىيە نازارىتى 2026-يىللىق خامچوت 自治区财政厅2026年部门预算", False),
        ("р⎭ᐸ\x15\x13\x15\x19ᒪᐸ㓝ঋփ人㇍\r\n人㇍ঋփφр⎭ᐸᇗ䇗ቶ", True),
        ("\x13\x11\x13\x17ᎡࢂѺ䶱ツ㑃ݣ䄡ᬻ\r\n\x13\x11\x13\x17Ꭱ喑̷⊤ጯ䃎ᅭᩣڒ䶱ツ", True),
        ("р⎭ᐸ", False),  # too little to tell
        ("ऩԡ˖ܗ 171,915,169 ϔǃϔ㠀݀݅᳡ࡵᬃߎ 127,886,849 60,330,260", True),  # digits still digits
        ("&.&- rA -&%&&\n&.&\" ÂA -&%&&\n&.&' ÃÂA #-%&&\n&. ÄÅA . &%&&", True),  # ASCII's signs
        ("[201]一般公共服务支出 1,234.00 [20101]人大事务 (含)100.00 1-3月 A/B", False),
        ("①√★★★ ②√★★ ③× □Ⅱ 满意度≥90% 温度℃ →", False),  # a performance table's signs
    ],
)
def test_text_that_is_no_writing_is_told_from_text_that_is(text: str, garbage: bool) -> None:
    assert garbled(text) is garbage


def test_pages_are_named_in_runs() -> None:
    assert page_runs("1,2,3,4,7,9,10") == "1-4, 7, 9-10"
    assert page_runs("5") == "5"


def test_a_page_of_glyph_numbers_among_pages_of_text_is_read_however_little_it_holds() -> None:
    """A title page of a few words among pages with text: an image there would be a seal
    or a photo and passed over, but a page whose text was glyph numbers holds text."""
    import pikepdf

    shenjiju = ROOT / "tests" / "data" / "realdocs-more" / "shanghai_shenjiju_2026_unit-budget.pdf"
    cover = pikepdf.open(io.BytesIO(unmapped(text_pdf_pages(shenjiju.read_bytes(), [1]))))
    text = pikepdf.open(REALDOCS / "js_renda_2019_dept-budget-tables.pdf")
    joined = pikepdf.new()
    joined.pages.extend([cover.pages[0], text.pages[0]])
    out = io.BytesIO()
    joined.save(out)

    extracted = extract(out.getvalue(), "joined.pdf")

    assert extracted.meta["garbled_text_pages"] == "1"
    assert extracted.meta["ocr_pages"] == "1" and "ocr_skipped_pages" not in extracted.meta
    assert "上海市审计局" in "".join("".join(ln.cells) for ln in extracted.pages[0].lines)
