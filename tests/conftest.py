"""Shared fixtures: stores (in memory, or a real file where files matter), gold articles,
and a CLI runner. Tests that read ../shared skip cleanly where it is absent."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractors.records import Article, Claim

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "gold"
PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"   # pages written for the project


@pytest.fixture
def store():
    """An in-memory ClaimStore."""
    from store import ClaimStore

    with ClaimStore.memory() as memory_store:
        yield memory_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claims.db"


@pytest.fixture
def file_store(db_path: Path):
    """A ClaimStore on a real SQLite file (WAL)."""
    from store import ClaimStore

    with ClaimStore.open(db_path) as opened:
        yield opened


@pytest.fixture
def gold_dir() -> Path:
    if not GOLD.is_dir():
        pytest.skip("../shared/gold is not here")
    return GOLD


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    """Gold records in publication order, undated ones last (in file order)."""
    records = [json.loads(path.read_text(encoding="utf-8")) | {"file": path.name} for path in sorted(gold_dir.glob("*.json"))]
    return sorted(records, key=lambda record: (record["published"] is None, record["published"] or ""))


def gold_claims(record: dict[str, Any], *, include_optional: bool = False) -> list[Claim]:
    """The record's labelled claims as Claims, spans computed from ``occurrence``."""
    claims = []
    for labelled in record["claims"]:
        if labelled.get("optional") and not include_optional:
            continue
        start = -1
        for _ in range(labelled["occurrence"]):
            start = record["text"].index(labelled["text"], start + 1)
        claims.append(Claim.from_dict({
            **labelled,
            "start": start,
            "end": start + len(labelled["text"]),
            "sentence": labelled.get("sentence") or _sentence_around(record["text"], start),
        }))
    return claims


def gold_article(record: dict[str, Any]) -> Article:
    return Article(url=record["url"], text=record["text"], title=record.get("title"),
                   published=record["published"], lang=record.get("language"), outlet=record.get("outlet"))


def _sentence_around(text: str, at: int) -> str:
    starts = [text.rfind(mark, 0, at) for mark in (". ", "。", "\n")]
    ends = [position for position in (text.find(mark, at) for mark in (". ", "。", "\n")) if position >= 0]
    return text[max(starts) + 1 : min(ends, default=len(text))].strip()


def make_claim(**fields: Any) -> Claim:
    """A valid claim, CAICT's 2024 core AI industry figure unless told otherwise."""
    base = dict(text="RMB 900 billion", start=0, end=15, value=Decimal("9E+11"), low=None, high=None,
                unit="CNY", qualifier="exact", kind="level", metric="ai_core_industry_size",
                metric_text="core AI industry", geo="China", period="2024", modality="actual",
                attribution="CAICT", sentence="The core AI industry reached RMB 900 billion in 2024.")
    base.update(fields)
    for name in ("value", "low", "high"):
        if base[name] is not None:
            base[name] = Decimal(str(base[name]))
    return Claim(**base)


def make_article(url: str = "https://english.news.cn/20251226/0123456789abcdef0123456789abcdef/c.html",
                 text: str | None = None, **fields: Any) -> Article:
    text = text if text is not None else (
        "BEIJING, Dec. 26 (Xinhua) -- China's core artificial intelligence industry surpassed 1 trillion "
        "yuan in 2025, the Ministry of Industry and Information Technology said on Friday. " + url
    )
    return Article(url=url, text=text, **{"published": "2025-12-26", "outlet": "Xinhua", **fields})


@pytest.fixture
def cli_runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def run_cli(cli_runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Invoke ``claimtrack`` in-process from an empty working folder, with no config
    from the environment; returns click's Result (``exit_code``, ``stdout``, ``stderr``)."""
    from claimtrack import cli

    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    monkeypatch.delenv("CLAIMTRACK_CONFIG", raising=False)

    def run(*args: str, **kwargs: Any):
        return cli_runner.invoke(cli, [str(arg) for arg in args], catch_exceptions=False, **kwargs)

    return run


def make_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text layer holds ``lines`` (ASCII), for ingest tests."""
    stream = "BT /F1 11 Tf 72 760 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines
    ) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
