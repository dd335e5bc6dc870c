"""A white paper PDF and a GB2312 page through `claimtrack ingest`: text, metadata and figures land in the store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_pdf import WHITE_PAPER_URL, white_paper

from claimtrack import cli
from conftest import PAGES


def _ingest(tmp_path: Path, path: Path, url: str) -> sqlite3.Row:
    db = tmp_path / "claims.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(path), "--url", url])
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    return connection.execute("SELECT * FROM articles WHERE url = ?", (url,)).fetchone()


@pytest.fixture
def stored_pdf(tmp_path):
    path = tmp_path / "P020250722389457208311.pdf"
    path.write_bytes(white_paper())
    return _ingest(tmp_path, path, WHITE_PAPER_URL), tmp_path / "claims.db"


def test_white_paper_pdf_is_recorded_with_its_text_and_metadata(stored_pdf):
    article, _ = stored_pdf
    assert article["title"] == "数字经济与人工智能发展数据（2025年）"
    assert article["published"] == "2025-07-22"
    assert (article["lang"], article["outlet"]) == ("zh", "CAICT")
    for figure in ("53.9万亿元", "42.8%", "425.1万个", "180 EFLOPS", "346款", "900 billion yuan"):
        assert figure in article["text"]


def test_white_paper_pdf_yields_its_figures_as_claims(stored_pdf):
    _, db = stored_pdf
    values = {round(row[0], 3) for row in sqlite3.connect(db).execute("SELECT value FROM claims WHERE value IS NOT NULL")}
    for value in (5.39e13, 42.8, 4.251e6, 180.0, 346.0):
        assert value in values


def test_gb2312_caict_page_is_recorded_without_mojibake(tmp_path):
    url = "http://www.caict.ac.cn/kxyj/qwfb/bps/202507/t20250722_508817.htm"
    article = _ingest(tmp_path, PAGES / "caict-20250722-digital-economy-ai-data.htm", url)
    assert article["title"] == "中国信通院发布《数字经济与人工智能发展数据（2025年）》"
    assert "2023年我国数字经济规模达到53.9万亿元，占GDP比重达到42.8%" in article["text"]
