"""PDF white papers: text with page offsets, tables as lines, scans and broken files reported.

There is no CJK font on these machines, so the PDFs are written here by hand the way office
suites write Chinese documents: a Type0 font with Identity-H encoding and a ToUnicode map
(``cjk="identity"``), or the predefined UniGB-UCS2-H CMap with Adobe's STSong-Light as older
generators do (``cjk="ucs2"``). Extractors read text through exactly these structures; the
glyph programs, which only matter for drawing, are left out.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass

import pypdf
import pytest

from extractors.pages.article import extract_article
from extractors.pages.limits import MAX_PDF_BYTES
from extractors.pages.pdf import extract_pdf
from extractors.records import STATUS_OK, STATUS_SCANNED_PDF, STATUS_TOO_LARGE, STATUS_UNREADABLE

WHITE_PAPER_URL = "http://www.caict.ac.cn/kxyj/qwfb/bps/202507/P020250722389457208311.pdf"

TITLE = "数字经济与人工智能发展数据（2025年）"
RUNNING_HEAD = "中国信息通信研究院  数字经济与人工智能发展数据（2025年）"
CHINESE = [
    "2023年我国数字经济规模达到53.9万亿元，占GDP比重达到42.8%，数字经济在国民经济中的地位更加稳固。"
    "2024年我国人工智能核心产业规模近9000亿元，同比增长24%，人工智能企业数量超过5300家。",
    "算力基础设施持续完善。截至2022年底，我国算力总规模达到180 EFLOPS，位居全球第二；截至2024年底，累计建成5G基站425.1万个。",
    "截至2025年3月31日，共有346款生成式人工智能服务在国家网信办完成备案。",
]
TABLE = [
    ["指标", "2022年", "2023年", "2024年"],
    ["核心产业规模（亿元）", "5000", "5784", "9000"],
    ["算力总规模（EFLOPS）", "180", "230", "280"],
]
ENGLISH = [
    "Summary. China's core AI industry reached nearly 900 billion yuan in 2024, up 24 percent year on year, "
    "and the country had more than 5,300 AI enterprises.",
    "China's digital economy reached 53.9 trillion yuan in 2023, accounting for 42.8 percent of GDP.",
]


# --- a small PDF writer ------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = 595, 842


@dataclass
class Run:
    x: float
    y: float
    text: str
    size: float = 11
    cjk: bool = True


def _wide(char: str) -> bool:
    return ord(char) >= 0x2E80


def build_pdf(pages: list[list[Run]], *, cjk: str = "identity", scanned: bool = False) -> bytes:
    """A PDF with one content stream per page; ``scanned`` pages carry only a grey image."""
    objects: list[bytes] = []

    def add(body: bytes | str) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    def stream(data: bytes, extra: str = "") -> int:
        packed = zlib.compress(data)
        return add(f"<< /Length {len(packed)} /Filter /FlateDecode{extra} >>\nstream\n".encode() + packed + b"\nendstream")

    add("<< /Type /Catalog /Pages 2 0 R >>")
    add("")  # the page tree, written once the pages exist
    helvetica = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    chars = sorted({char for runs in pages for run in runs if run.cjk for char in run.text})
    if cjk == "identity":
        cid = {char: number for number, char in enumerate(chars, 1)}
        widths = " ".join(f"{cid[c]} [{1000 if _wide(c) else 500}]" for c in chars)
        descriptor = add("<< /Type /FontDescriptor /FontName /AAAAAA+SimSun /Flags 6 /FontBBox [0 -141 1000 859] "
                         "/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>")
        descendant = add(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+SimSun /CIDSystemInfo << /Registry (Adobe) "
                         f"/Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /DW 1000 /W [{widths}] "
                         f"/CIDToGIDMap /Identity >>")
        mapping = "".join(f"<{cid[c]:04X}> <{ord(c):04X}>\n" for c in chars)
        cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
                "/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def "
                f"1 begincodespacerange <0000> <FFFF> endcodespacerange\n{len(chars)} beginbfchar\n{mapping}endbfchar\n"
                "endcmap CMapName currentdict /CMap defineresource pop end end")
        to_unicode = stream(cmap.encode())
        chinese = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+SimSun /Encoding /Identity-H "
                      f"/DescendantFonts [{descendant} 0 R] /ToUnicode {to_unicode} 0 R >>")
        encode = lambda text: "".join(f"{cid[c]:04X}" for c in text)  # noqa: E731
    else:
        descriptor = add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
                         "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
        descendant = add(f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
                         f"/Ordering (GB1) /Supplement 2 >> /FontDescriptor {descriptor} 0 R /DW 1000 /W [1 95 500] >>")
        chinese = add(f"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H "
                      f"/DescendantFonts [{descendant} 0 R] >>")
        encode = lambda text: text.encode("utf-16-be").hex().upper()  # noqa: E731
    kids = []
    for runs in pages:
        resources = f"/Font << /F1 {helvetica} 0 R /F2 {chinese} 0 R >>"
        operators = []
        if scanned:
            side = 64
            pixels = bytes((x * 7 + y * 13) % 256 for y in range(side) for x in range(side))
            image = stream(pixels, f" /Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceGray /BitsPerComponent 8")
            resources += f" /XObject << /Im1 {image} 0 R >>"
            operators.append("q 450 0 0 650 72 100 cm /Im1 Do Q")
        else:
            for run in runs:
                if run.cjk:
                    operators.append(f"BT /F2 {run.size} Tf {run.x} {run.y} Td <{encode(run.text)}> Tj ET")
                else:
                    escaped = run.text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                    operators.append(f"BT /F1 {run.size} Tf {run.x} {run.y} Td ({escaped}) Tj ET")
        content = stream("\n".join(operators).encode("latin-1"))
        kids.append(add(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                        f"/Resources << {resources} >> /Contents {content} 0 R >>"))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _wrap(text: str, size: float, width: float, cjk: bool) -> list[str]:
    lines, line, used = [], "", 0.0
    for token in (text if cjk else text.split(" ")):
        advance = (size if _wide(token) else size / 2) if cjk else (len(token) + 1) * size * 0.52
        if used + advance > width and line:
            lines.append(line)
            line, used = "", 0.0
        line += token if cjk else (" " if line else "") + token
        used += advance
    return lines + [line] if line else lines


def _page(number: int, blocks: list[tuple], *, left: float = 72, width: float = 450, size: float = 11) -> list[Run]:
    """Lay out paragraphs ("zh"/"en", text), a heading ("title", text) and tables ("table", rows)
    under a running head, with the page number in the footer. Tables are written column by
    column, as some generators do, so that reading order alone would scatter them."""
    runs = [Run(left, 800, RUNNING_HEAD, 9)]
    y = 760.0
    for kind, content in blocks:
        if kind == "title":
            runs.append(Run(left, y, content, 20))
            y -= 44
        elif kind == "table":
            columns = [0, 170, 260, 350]
            for column, x in enumerate(columns):
                for row_number, row in enumerate(content):
                    runs.append(Run(left + x, y - row_number * size * 1.6, row[column], size))
            y -= len(content) * size * 1.6 + size
        else:
            for line in _wrap(content, size, width, cjk=kind == "zh"):
                runs.append(Run(left, y, line, size, cjk=kind == "zh"))
                y -= size * 1.6
            y -= size * 0.8
    runs.append(Run(PAGE_WIDTH / 2, 40, f"- {number} -", 9, cjk=False))
    return runs


def white_paper(cjk: str = "identity", copies: int = 1) -> bytes:
    """A CAICT-style two-language white paper: Chinese text, a table, an English summary."""
    pages = []
    for copy in range(copies):
        base = copy * 3
        pages.append(_page(base + 1, [("title", TITLE)] + [("zh", text) for text in CHINESE]))
        pages.append(_page(base + 2, [("zh", "表1 人工智能产业主要指标"), ("table", TABLE)]))
        pages.append(_page(base + 3, [("en", text) for text in ENGLISH]))
    return build_pdf(pages, cjk=cjk)


# --- tests -------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["identity", "ucs2"])
def paper(request):
    return extract_pdf(white_paper(request.param), url=WHITE_PAPER_URL)


def test_white_paper_fields(paper):
    assert paper.status == STATUS_OK
    assert paper.title == TITLE
    assert paper.published == "2025-07-22"   # P0YYYYMMDD in CAICT's file name
    assert (paper.lang, paper.outlet, paper.extraction) == ("zh", "CAICT", "pdf")


def test_paragraphs_are_rejoined_across_line_breaks(paper):
    lines = paper.text.splitlines()
    for paragraph in CHINESE + ENGLISH:
        assert paragraph in lines
    assert lines[0] == TITLE
    assert lines[-1] == ENGLISH[-1]


def test_table_rows_are_lines_with_tab_separated_cells(paper):
    lines = paper.text.splitlines()
    for row in TABLE:
        assert "\t".join(row) in lines


def test_page_offsets_point_at_each_page_start(paper):
    assert len(paper.pages) == 3 and paper.pages[0] == 0
    assert paper.text[paper.pages[1]:].startswith("表1 人工智能产业主要指标\n")
    assert paper.text[paper.pages[2]:].startswith("Summary. China's core AI industry")


def test_running_heads_and_page_numbers_are_dropped(paper):
    assert "中国信息通信研究院  数字经济" not in paper.text
    assert "- 2 -" not in paper.text


def test_extract_article_dispatches_pdf_by_its_bytes():
    article = extract_article(WHITE_PAPER_URL, white_paper(), {"Content-Type": "application/octet-stream"})
    assert article.status == STATUS_OK and "425.1万个" in article.text


def test_scanned_pdf_is_reported_with_no_text():
    pages = [_page(1, [("zh", CHINESE[0])]), _page(2, [("zh", CHINESE[1])])]
    article = extract_pdf(build_pdf(pages, scanned=True), url=WHITE_PAPER_URL)
    assert article.status == STATUS_SCANNED_PDF
    assert article.text == "" and article.pages == []
    assert "2 of 2 pages" in article.reason


def test_corrupt_pdf_is_unreadable():
    article = extract_article(WHITE_PAPER_URL, b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert article.status == STATUS_UNREADABLE and article.reason.startswith("corrupt PDF")


def test_truncated_pdf_gives_a_status_not_an_exception():
    body = white_paper()
    article = extract_article(WHITE_PAPER_URL, body[: len(body) // 2])
    assert article.status in (STATUS_OK, STATUS_UNREADABLE)


def _encrypted(user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(white_paper())))
    writer.encrypt(user_password=user_password, owner_password="caict-owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_unreadable():
    article = extract_article(WHITE_PAPER_URL, _encrypted("secret"))
    assert (article.status, article.reason) == (STATUS_UNREADABLE, "encrypted PDF: it needs a password to open")


def test_pdf_with_only_an_owner_password_is_read():
    # Many government PDFs are "encrypted" against copying but open without a password.
    article = extract_article(WHITE_PAPER_URL, _encrypted(""))
    assert article.status == STATUS_OK and "53.9万亿元" in article.text


def test_pdf_over_the_cap_is_not_parsed():
    article = extract_article(WHITE_PAPER_URL, b"%PDF-1.7\n" + b"0" * MAX_PDF_BYTES)
    assert article.status == STATUS_TOO_LARGE


def test_html_served_as_pdf_is_unreadable():
    article = extract_article(WHITE_PAPER_URL, b"<html><body>Not found</body></html>", {"Content-Type": "application/pdf"})
    assert article.status == STATUS_UNREADABLE


def test_a_glyph_with_only_a_tight_box_stays_on_its_line():
    """Chromium's PDF of the demo white paper gives "一" no font metrics, so PDFium's loose box
    for it is its glyph box, a thin stroke above the baseline; it still belongs to the heading."""
    from conftest import REPO

    path = REPO / "demo" / "mirror" / "www.caict.ac.cn" / "kxyj" / "qwfb" / "bps" / "202505" / "P020250520405783595156.pdf"
    lines = extract_pdf(path.read_bytes(), url=WHITE_PAPER_URL).text.splitlines()
    assert "一、产业规模" in lines
