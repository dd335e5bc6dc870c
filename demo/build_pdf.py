"""Build the demo's CAICT white paper (a real PDF with a CJK text layer) with headless Chromium.

``python -m demo.build_pdf`` lays out the pages given in ``demo/source/caict.toml``
(``[white_paper]``) as HTML, one page each, table rows from tab-separated lines, and prints
them to ``./P0YYYYMMDD<digits>.pdf`` beside the report's page in the mirror. Run once; the PDF
is committed, so neither Chromium nor a CJK font is needed to use or test the demo.
Needs ``chromium`` (Debian: ``apt-get install chromium fonts-noto-cjk``).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from demo import MIRROR_DIR
from demo.build_mirror import url_to_file, white_paper

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
PRINT_TIMEOUT_SECONDS = 120
_STYLE = """
@page { size: A4; margin: 25mm 20mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 12pt; line-height: 1.8; }
section { page-break-after: always; }
section.cover { text-align: center; padding-top: 60mm; font-size: 20pt; }
table { border-collapse: collapse; margin: 6mm auto; }
td { border: 1px solid #333; padding: 2mm 6mm; }
"""


def paper_html(paper: dict) -> str:
    sections = []
    for number, text in enumerate(paper["pages"]):
        blocks, rows = [], []
        for line in text.splitlines():
            if "\t" in line:
                rows.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in line.split("\t")) + "</tr>")
                continue
            if rows:
                blocks.append("<table>" + "".join(rows) + "</table>")
                rows = []
            blocks.append(f"<p>{html.escape(line)}</p>")
        if rows:
            blocks.append("<table>" + "".join(rows) + "</table>")
        css_class = ' class="cover"' if number == 0 else ""
        sections.append(f"<section{css_class}>{''.join(blocks)}</section>")
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(paper["title"])}</title>'
            f"<style>{_STYLE}</style></head><body>{''.join(sections)}</body></html>")


def main() -> None:
    chromium = next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)
    if chromium is None:
        sys.exit("build_pdf: Chromium is needed (apt-get install chromium fonts-noto-cjk)")
    paper = white_paper()
    target = MIRROR_DIR / url_to_file(paper["url"])
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "paper.html"
        source.write_text(paper_html(paper), encoding="utf-8")
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--user-data-dir={folder}/profile", f"--print-to-pdf={target}", source.as_uri()],
            check=True, timeout=PRINT_TIMEOUT_SECONDS, capture_output=True,
        )
    print(f"wrote {target} ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
