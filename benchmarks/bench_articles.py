"""Article extraction throughput, one core: HTML pages per second and PDF pages per second.

    python benchmarks/bench_articles.py            # HTML on the saved pages, PDF on generated white papers
    python benchmarks/bench_articles.py --compare  # also pypdf / pdfplumber / raw PDFium on the same PDFs
    python benchmarks/bench_articles.py --pdf      # PDF only

HTML pages are the real saved pages of ../shared/fixtures/real (when present) and the
project's fixture pages. PDFs are the tests' generated two-language white papers (Chinese
text, a table written column by column, an English summary), in both CJK font set-ups.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "pages")]

from test_pdf import CHINESE, ENGLISH, TABLE, _page, build_pdf, white_paper  # noqa: E402  (the tests' PDF writer)

from extractors.pages.article import extract_article  # noqa: E402

REAL = ROOT.parent / "shared" / "fixtures" / "real"
PAGES = ROOT / "tests" / "fixtures" / "pages"


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _rate(work, units: int, repeats: int) -> float:
    """Best of ``repeats`` runs, in units per second."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return units / min(times)


def bench_html(repeats: int) -> None:
    bodies = [(f"https://example.com/{path.name}", path.read_bytes()) for path in sorted(REAL.glob("*/*.html"))]
    bodies += [(f"http://www.caict.ac.cn/kxyj/qwfb/bps/202507/t20250722_{n}.htm", path.read_bytes())
               for n, path in enumerate(sorted(PAGES.glob("*.htm*")))]
    for url, body in bodies:  # warm imports and caches
        extract_article(url, body)
    rate = _rate(lambda: [extract_article(url, body) for url, body in bodies], len(bodies), repeats)
    size = statistics.mean(len(body) for _, body in bodies) / 1024
    print(f"HTML: {rate:7.1f} pages/s  ({len(bodies)} pages, mean {size:.0f} KB; real saved pages: {REAL.is_dir()})")


def dense_paper(cjk: str, pages: int = 30) -> bytes:
    """Pages as full as a white paper's body pages: ten paragraphs, about 1,000 characters."""
    blocks = [("zh", text) for text in CHINESE * 3] + [("en", ENGLISH[0])]
    return build_pdf([_page(number, blocks) for number in range(1, pages + 1)], cjk=cjk)


def bench_pdf(repeats: int) -> None:
    for cjk in ("identity", "ucs2"):
        for label, body in (("white paper", white_paper(cjk, copies=20)), ("dense pages", dense_paper(cjk))):
            article = extract_article("file:///paper.pdf", body)
            pages = len(article.pages)
            rate = _rate(lambda body=body: extract_article("file:///paper.pdf", body), pages, repeats)
            chars = len(article.text) / pages
            own = _rate(lambda body=body: _pdfium_plain(body), pages, repeats)
            print(f"PDF {cjk:8} {label}: {rate:7.1f} pages/s  ({pages} pages, {chars:.0f} characters a page; "
                  f"PDFium's own text {own:.0f} pages/s)")


# --- library comparison (the measurements behind choosing PDFium) ----------------------------------


def _pypdf(body: bytes, layout: bool = False) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(body))
    mode = {"extraction_mode": "layout"} if layout else {}
    return "\n".join(page.extract_text(**mode) for page in reader.pages)


def _pdfplumber(body: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(body)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _pdfium_plain(body: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(body)
    texts = []
    for page in document:
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    document.close()
    return "\n".join(texts)


def _ours(body: bytes) -> str:
    return extract_article("file:///paper.pdf", body).text


def _quality(text: str) -> tuple[int, int]:
    """Paragraphs whose characters all come through in order (spacing aside), and table rows on one line."""
    squeeze = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    flat = squeeze(text)
    paragraphs = sum(squeeze(p) in flat for p in CHINESE + ENGLISH)
    lines = {squeeze(line) for line in text.splitlines()}
    rows = sum(squeeze("".join(row)) in lines for row in TABLE)
    return paragraphs, rows


def compare(repeats: int) -> None:
    readers = {"pypdf": _pypdf, "pypdf layout": lambda b: _pypdf(b, True), "pdfplumber": _pdfplumber,
               "pypdfium2 plain": _pdfium_plain, "ours (pypdfium2)": _ours}
    for cjk in ("identity", "ucs2"):
        small, large = white_paper(cjk), dense_paper(cjk)
        print(f"\n{cjk} CJK font: paragraphs of {len(CHINESE + ENGLISH)} intact, table rows of {len(TABLE)} on one line, pages/s")
        for name, read in readers.items():
            paragraphs, rows = _quality(read(small))
            rate = _rate(lambda read=read, large=large: read(large), 30, repeats)
            print(f"  {name:17} {paragraphs}/{len(CHINESE + ENGLISH)}  {rows}/{len(TABLE)}  {rate:8.1f} (dense pages)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--compare", action="store_true", help="also measure pypdf, pdfplumber and raw PDFium")
    parser.add_argument("--pdf", action="store_true", help="PDF pages only")
    args = parser.parse_args()
    _one_core()
    if not args.pdf:
        bench_html(args.repeats)
    bench_pdf(args.repeats)
    if args.compare:
        compare(args.repeats)


if __name__ == "__main__":
    main()
