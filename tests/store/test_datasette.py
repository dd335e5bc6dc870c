"""`claimtrack serve`: a real Datasette on loopback with claimtrack's metadata, views and facets."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO
from store import ClaimStore
from store.browse import INSTALL_HINT, METADATA_DATABASE, METADATA_FILE, metadata_for

# Datasette starts in about a second here; a slow CI machine gets much longer before failing.
START_TIMEOUT_SECONDS = 60
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _mirror_store(path: Path) -> None:
    """A store holding a few articles of the demo mirror, read by the real extractors."""
    from demo.manifest import read_documents
    from extractors.claims import EXTRACTOR_VERSION, read_claims

    documents = read_documents(["EN5", "EN6", "CA1", "ZH4"])
    with ClaimStore.open(path) as store:
        readings = read_claims([article for _, article in documents])
        for (document, article), claims in zip(documents, readings):
            store.record_article(article, claims, source=document["source"], extractor_version=EXTRACTOR_VERSION)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> bytes:
    with _NO_PROXY.open(url, timeout=10) as response:
        return response.read()


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    pytest.importorskip("datasette")
    db = tmp_path_factory.mktemp("serve") / "demo.db"
    _mirror_store(db)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from claimtrack import cli; cli()", "--db", str(db), "serve", "--port", str(port),
         "--host", "127.0.0.1"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"claimtrack serve exited with {process.returncode}: {process.stdout.read()}")
            try:
                _get(f"{base}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail(f"Datasette did not answer within {START_TIMEOUT_SECONDS} s")
                time.sleep(0.2)
        yield base, db.stem
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_table_page_shows_claimtrack_descriptions(datasette):
    base, name = datasette
    page = _get(f"{base}/{name}/claims").decode("utf-8")
    assert "Every claim ever read" in page
    figures = _get(f"{base}/{name}/current_figures").decode("utf-8")
    assert "The current figure of each series" in figures


def test_faceted_json_query(datasette):
    base, name = datasette
    data = json.loads(_get(f"{base}/{name}/current_claims.json?_facet=metric&_facet=source&metric=ai_core_industry_size"))
    counts = {row["value"]: row["count"] for row in data["facet_results"]["source"]["results"]}
    assert set(counts) == {"xinhua-en", "xinhua-zh", "caict"}
    metrics = {row["value"] for row in data["facet_results"]["metric"]["results"]}
    assert metrics == {"ai_core_industry_size"}
    assert data["filtered_table_rows_count"] == sum(counts.values())


def test_default_facets_come_from_the_metadata(datasette):
    base, name = datasette
    data = json.loads(_get(f"{base}/{name}/current_figures.json"))
    assert {"metric", "unit", "modality", "organisation"} <= set(data["facet_results"])


def test_current_figures_gives_the_newest_figure_of_each_series(datasette):
    base, name = datasette
    data = json.loads(_get(f"{base}/{name}/current_figures.json?_shape=array&metric=ai_core_industry_size"
                           "&period=2025&kind=level&unit=CNY&modality=actual"))
    assert len(data) == 1
    # MIIT's March 2026 figure (more than 1.2 trillion) replaces its December one (more than 1 trillion).
    assert (data[0]["organisation"], data[0]["value"], data[0]["observations"]) == ("MIIT", 1.2e12, 3)


def test_serve_refuses_a_missing_database(tmp_path):
    pytest.importorskip("datasette")
    result = subprocess.run([sys.executable, "-c", "from claimtrack import cli; cli()", "--db", str(tmp_path / "none.db"), "serve"],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: database ") and "does not exist" in result.stderr


def test_serve_without_datasette_says_how_to_install_it(tmp_path):
    """Datasette made unimportable, as on an install without the extra."""
    script = "import sys; sys.modules['datasette'] = None; from claimtrack import cli; cli()"
    result = subprocess.run([sys.executable, "-c", script, "--db", str(tmp_path / "x.db"), "serve"],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: {INSTALL_HINT}"


def test_metadata_describes_only_what_the_schema_has(tmp_path):
    with ClaimStore.open(tmp_path / "schema.db") as store:
        names = set(store.db.table_names()) | set(store.db.view_names())
        metadata = json.loads(METADATA_FILE.read_text(encoding="utf-8"))["databases"][METADATA_DATABASE]
        for table, entry in metadata["tables"].items():
            assert table in names, table
            relation = store.db[table] if table in store.db.table_names() else store.db.view(table)
            columns = {column.name for column in relation.columns}
            for column in list(entry.get("columns", {})) + entry.get("facets", []) + [entry.get("label_column")]:
                assert column is None or column in columns, f"{table}.{column}"
        for query in metadata["queries"].values():
            store.db.execute(query["sql"], {"metric": "ai_core_industry_size"}).fetchall()


def test_metadata_is_filed_under_the_database_name():
    assert list(metadata_for("/data/my-claims.db")["databases"]) == ["my-claims"]
