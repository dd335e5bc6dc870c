"""`claimtrack demo` end to end, as a newcomer runs it: the real command in a fresh folder
(mirror served on loopback, real spiders, store, findings, digests), then the result read back
from the folder it wrote, and a second run in the same folder."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from store import ClaimStore

REPO = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((REPO / "demo" / "mirror" / "manifest.json").read_text(encoding="utf-8"))
FINDING_TYPES = ("revision", "discrepancy", "growth_mismatch", "forecast_outcome")
# Generous: the demo takes 11-20 s here; a loaded CI machine may take several times that.
DEMO_TIMEOUT = 600


def run_demo(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimtrack", "demo", "--dir", str(folder)], capture_output=True,
                          text=True, timeout=DEMO_TIMEOUT, cwd=REPO)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "claimtrack-demo"
    first = run_demo(folder)
    assert first.returncode == 0, first.stderr[-2000:]
    return folder, first


def test_it_says_where_everything_is_and_sums_up(demo):
    folder, first = demo
    assert f"Database: {folder / 'claimtrack.db'}" in first.stdout
    assert f"Configuration: {folder / 'claimtrack.toml'}" in first.stdout
    assert "22 articles (1 republications), 85 claims, from caict 6, pandaily 3, technode 3, xinhua-en 6, " \
           "xinhua-zh 4" in first.stdout
    assert "Open findings: 3 discrepancy, 2 forecast outcome, 1 growth mismatch, 1 revision" in first.stdout
    assert "ai_core_industry_size" in first.stdout.split("Open findings:")[1]   # the closing history
    assert "[xinhua-en]" in first.stderr                                           # progress, on stderr


def test_every_source_brought_its_articles(demo):
    folder, _ = demo
    expected = Counter(document["source"] for document in MANIFEST["documents"])   # the white paper counts
    with ClaimStore.open_readonly(folder / "claimtrack.db") as store:
        status = store.status()
    by_source = {source["name"]: source["articles"] for source in status["sources"]}
    assert by_source == dict(expected) == {"caict": 6, "pandaily": 3, "technode": 3, "xinhua-en": 6, "xinhua-zh": 4}
    assert status["articles"] == 22
    assert all(source["last_status"] == "ok" for source in status["sources"])


def test_the_findings_are_those_the_mirror_is_built_for(demo):
    folder, _ = demo
    with ClaimStore.open_readonly(folder / "claimtrack.db") as store:
        found = {(finding["type"], finding["metric"], finding["period"]) for finding in store.findings(open_only=True)}
    intended = {(finding["type"], finding["metric"], finding["period"]) for finding in MANIFEST["findings"]
                if finding["type"] in FINDING_TYPES}
    assert found == intended
    assert ("revision", "ai_core_industry_size", "2024") in found
    assert ("discrepancy", "ai_enterprises", "2025") in found
    assert ("growth_mismatch", "ai_core_industry_size", "2025") in found
    skipped = {(finding["metric"], finding["period"]) for finding in MANIFEST["findings"] if finding["type"] == "skipped"}
    assert not {(metric, period) for kind, metric, period in found if kind == "growth_mismatch"} & skipped


def test_one_digest_a_publication_day(demo):
    folder, _ = demo
    with ClaimStore.open_readonly(folder / "claimtrack.db") as store:
        days = {day.isoformat() for day in store.publication_days()}
    digests = folder / "digests"
    assert len(days) == 18
    for suffix in (".html", ".md", ".json"):
        assert {path.stem for path in digests.glob(f"*{suffix}")} == days
    revision_day = json.loads((digests / "2026-01-20.json").read_text(encoding="utf-8"))
    assert "revision" in json.dumps(revision_day)


def test_a_second_run_in_the_same_folder_reuses_the_database(demo):
    folder, _ = demo
    with ClaimStore.open_readonly(folder / "claimtrack.db") as store:
        before = store.status()
    second = run_demo(folder)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "22 articles (1 republications), 85 claims" in second.stdout
    with ClaimStore.open_readonly(folder / "claimtrack.db") as store:
        after = store.status()
    assert (after["articles"], after["claims"]) == (before["articles"], before["claims"])
    assert all(source["articles_new"] == 0 and source["articles_changed"] == 0 for source in after["sources"])
