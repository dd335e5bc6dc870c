"""`claimtrack export`: claims, articles and findings as CSV, JSON lines and Parquet, read back by pandas."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import make_article, make_claim
from demo.manifest import read_documents
from extractors.claims import EXTRACTOR_VERSION, read_claims
from store import ClaimStore, StoreError
from store.export import write_export

pandas = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def mirror_db(tmp_path_factory) -> Path:
    """The whole demo mirror, read by the real extractors and recorded in publication order."""
    path = tmp_path_factory.mktemp("export") / "mirror.db"
    documents = read_documents()
    with ClaimStore.open(path) as store:
        for (document, article), claims in zip(documents, read_claims([article for _, article in documents])):
            store.record_article(article, claims, source=document["source"], extractor_version=EXTRACTOR_VERSION)
    return path


def _current_claims(db: Path) -> int:
    with ClaimStore.open_readonly(db) as store:
        return store.db.execute("SELECT count(*) FROM claims WHERE superseded = 0").fetchone()[0]


def _check_claim_types(frame) -> None:
    assert str(frame["value"].dtype) == "float64"
    assert str(frame["start"].dtype) == "int64" and str(frame["article_id"].dtype) == "int64"
    assert frame["metric"].map(type).eq(str).all()
    assert {"url", "outlet", "published", "source", "original_id"} <= set(frame.columns)
    core = frame[(frame.metric == "ai_core_industry_size") & (frame.period == "2025") & (frame.unit == "CNY")]
    assert 1.2e12 in set(core.value) and "MIIT" in set(core.attribution)
    # the republished copy is exported with the id of its Xinhua original
    copies = frame[frame.url.str.contains("pandaily.com/chinas-core-ai-industry-tops")]
    assert len(copies) and copies.original_id.notna().all()


def test_claims_csv_on_stdout(run_cli, mirror_db):
    result = run_cli("--db", mirror_db, "export", "claims")
    assert result.exit_code == 0, result.stderr
    frame = pandas.read_csv(io.StringIO(result.stdout))
    assert len(frame) == _current_claims(mirror_db)
    _check_claim_types(frame)
    assert list(frame.published) == sorted(frame.published)


def test_claims_jsonl_to_a_file(run_cli, mirror_db, tmp_path):
    target = tmp_path / "claims.jsonl"
    result = run_cli("--db", mirror_db, "export", "claims", "--format", "jsonl", "--output", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == f"wrote {_current_claims(mirror_db)} claims to {target}"
    frame = pandas.read_json(target, lines=True)
    _check_claim_types(frame)
    first = json.loads(target.read_text(encoding="utf-8").splitlines()[0])
    assert first["text"] == "510亿元"  # Chinese stays readable


def test_claims_parquet_keeps_its_types(run_cli, mirror_db, tmp_path):
    pytest.importorskip("pyarrow")
    target = tmp_path / "claims.parquet"
    result = run_cli("--db", mirror_db, "export", "claims", "--format", "parquet", "--output", target)
    assert result.exit_code == 0, result.stderr
    frame = pandas.read_parquet(target)
    assert len(frame) == _current_claims(mirror_db)
    _check_claim_types(frame)
    import pyarrow.parquet as pq

    schema = pq.read_schema(target)
    assert str(schema.field("original_id").type) == "int64" and str(schema.field("low").type) == "double"


def test_articles_in_every_format(run_cli, mirror_db, tmp_path):
    pytest.importorskip("pyarrow")
    frames = {}
    for fmt in ("csv", "jsonl", "parquet"):
        target = tmp_path / f"articles.{fmt}"
        assert run_cli("--db", mirror_db, "export", "articles", "--format", fmt, "--output", target).exit_code == 0
        frames[fmt] = {"csv": pandas.read_csv, "jsonl": lambda path: pandas.read_json(path, lines=True),
                       "parquet": pandas.read_parquet}[fmt](target)
    for frame in frames.values():
        assert len(frame) == len(read_documents())
        assert str(frame["claims"].dtype) == "int64" and str(frame["version"].dtype) == "int64"
        assert not any(column.startswith("fp_band") for column in frame.columns)
        copy = frame[frame.original_url.notna()]
        assert list(copy.outlet) == ["Pandaily"] and copy.original_url.iloc[0].startswith("https://english.news.cn/")
    assert list(frames["csv"].url) == list(frames["parquet"].url) == list(frames["jsonl"].url)


def test_all_versions_adds_superseded_claims(run_cli, tmp_path):
    db = tmp_path / "versions.db"
    (document, article), = read_documents(["EN5"])
    with ClaimStore.open(db) as store:
        store.record_article(article, read_claims([article])[0], source="xinhua-en", extractor_version=EXTRACTOR_VERSION)
        article.text += "\nThe ministry gave no breakdown by region."
        store.record_article(article, read_claims([article])[0], source="xinhua-en", extractor_version=EXTRACTOR_VERSION)
    current = pandas.read_csv(io.StringIO(run_cli("--db", db, "export", "claims").stdout))
    every = pandas.read_csv(io.StringIO(run_cli("--db", db, "export", "claims", "--all-versions").stdout))
    assert set(current.superseded) == {0} and set(every.superseded) == {0, 1}
    assert len(every) == 2 * len(current)


def test_findings_are_exported_with_their_claims_and_articles(tmp_path):
    db = tmp_path / "findings.db"
    with ClaimStore.open(db) as store:
        for number, (published, text, value) in enumerate([("2025-01-10", "RMB 900 billion", 9e11),
                                                           ("2025-06-01", "RMB 990 billion", 9.9e11)], 1):
            store.record_article(
                make_article(f"https://caict.example/{number}", text + " " + "w" * 40, published=published,
                             outlet="CAICT"),
                [make_claim(start=0, end=len(text), text=text, value=value, period="2024", attribution="CAICT")])
        export = store.export("findings")
        names = export.names
        (row,) = list(export.rows)
    record = dict(zip(names, row))
    assert record["type"] == "revision" and record["status"] == "open" and "key" not in record
    assert record["urls"] == "https://caict.example/1 https://caict.example/2"
    assert len(record["claim_ids"].split()) == 2


@pytest.mark.parametrize("args, message", [
    (("--format", "parquet"), "--format parquet writes a file"),
    (("--format", "xlsx"), "'xlsx' is not one of"),
])
def test_bad_usage_is_a_usage_error(run_cli, mirror_db, args, message):
    result = run_cli("--db", mirror_db, "export", "claims", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_a_failed_export_leaves_the_old_file(mirror_db, tmp_path):
    target = tmp_path / "claims.csv"
    target.write_text("the previous export\n", encoding="utf-8")

    def broken_rows():
        yield (1,) * 26
        raise RuntimeError("disk went away")

    with ClaimStore.open_readonly(mirror_db) as store:
        export = store.export("claims")
        export.rows = broken_rows()
        with pytest.raises(RuntimeError):
            write_export(export, "csv", target, io.StringIO())
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert [path.name for path in tmp_path.iterdir()] == ["claims.csv"]


def _store_with_claims(path: Path, count: int) -> Path:
    """One article and ``count`` copies of a claim, inserted in bulk (the store's own path is
    one transaction per article, far too slow to make a large store in a test)."""
    (document, article), = read_documents(["EN5"])
    with ClaimStore.open(path) as store:
        claim = read_claims([article])[0][0]
        article_id = store.record_article(article, [claim], source="xinhua-en").article_id
        row = {"article_id": article_id, "article_version": 1, **claim.to_dict(), "superseded": 0}
        store.db["claims"].insert_all(({**row, "sentence": f"{row['sentence']} ({n})"} for n in range(count - 1)),
                                      batch_size=5000)
    return path


def _peak_bytes_of_export(db: Path, fmt: str) -> int:
    import tracemalloc

    class Sink(io.StringIO):
        def write(self, text: str) -> int:  # keep nothing: only the export's own memory counts
            return len(text)

    with ClaimStore.open_readonly(db) as store:
        tracemalloc.start()
        try:
            write_export(store.export("claims"), fmt, None, Sink())
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_memory_does_not_grow_with_the_number_of_rows(tmp_path, monkeypatch, fmt):
    batch = 500  # small batches keep the stores small; benchmarks/bench_export.py measures real sizes
    monkeypatch.setattr("store.export.BATCH_ROWS", batch)
    small = _store_with_claims(tmp_path / "small.db", 2 * batch)
    large = _store_with_claims(tmp_path / "large.db", 8 * batch)
    # Four times the rows: the peak stays that of one batch (reading the whole table would
    # hold about four times as much).
    assert _peak_bytes_of_export(large, fmt) < 1.5 * _peak_bytes_of_export(small, fmt)


def test_unknown_export_is_refused(mirror_db):
    with ClaimStore.open_readonly(mirror_db) as store, pytest.raises(StoreError, match="nothing to export"):
        store.export("sources")
