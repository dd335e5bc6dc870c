"""Bad input to the commands: one line on stderr, a non-zero exit, nothing written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimtrack import cli
from conftest import REPO, make_article, make_claim
from store import ClaimStore

SAMPLE = REPO / "examples" / "core-ai-industry-2025.txt"


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "c.db"
    with ClaimStore.open(path) as store:
        store.record_article(make_article("https://a.example/1", "x" * 40 + " one"), [make_claim()], source="caict")
        store.record_article(make_article("https://b.example/2", "y" * 40 + " two"),
                             [make_claim(metric="ai_enterprises", metric_text="AI companies", text="5,300", value=5300,
                                         unit="count")], source="manual")
    return path


def one_line_error(result, code: int, *fragments: str) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


# --url and --source ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a.txt", "example.org/a", "http://",
                                 "https:///no-host", "mailto:desk@example.org"])
def test_url_must_be_an_http_or_file_url(run_cli, tmp_path, url):
    db = tmp_path / "c.db"
    one_line_error(run_cli("--db", db, "ingest", SAMPLE, "--url", url), 2, "--url", "http(s) or file URL")
    assert not db.exists()


@pytest.mark.parametrize("url", ["https://example.org/core-ai?id=1", "http://example.org/a", "file:///srv/pages/a.txt"])
def test_http_and_file_urls_are_taken(run_cli, tmp_path, url):
    result = run_cli("--db", tmp_path / "c.db", "ingest", SAMPLE, "--url", url)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("name", ["bad name", "-x", "../etc", "désk", ""])
def test_source_follows_the_configurations_name_rule(run_cli, tmp_path, name):
    db = tmp_path / "c.db"
    one_line_error(run_cli("--db", db, "ingest", SAMPLE, "--source", name), 2, "--source",
                   "letters, digits, '_', '.' and '-'")
    assert not db.exists()


# claims and history filters --------------------------------------------------------------------------


def test_claims_of_an_unknown_source_is_an_error_naming_the_known_ones(run_cli, db):
    one_line_error(run_cli("--db", db, "claims", "--source", "nosuch"), 1, "unknown source 'nosuch'", "caict",
                   "manual")
    one_line_error(run_cli("--db", db, "claims", "--source", "caitc"), 1, "did you mean caict")


def test_since_after_until_is_a_usage_error(run_cli, db):
    one_line_error(run_cli("--db", db, "claims", "--since", "2025-06-02", "--until", "2025-06-01"), 2,
                   "--since 2025-06-02 is after --until 2025-06-01")
    assert run_cli("--db", db, "claims", "--since", "2025-06-01", "--until", "2025-06-01").exit_code == 0


@pytest.mark.parametrize(("metric", "suggested"), [
    ("AI companies", "ai_enterprises"),          # the words claims use for the metric
    ("core ai industry", "ai_core_industry_size"),
    ("enterprises", "ai_enterprises"),
])
def test_history_of_an_unknown_metric_suggests_the_nearest_ones(run_cli, db, metric, suggested):
    one_line_error(run_cli("--db", db, "history", metric), 1, f"unknown metric {metric!r}", suggested)


def test_history_of_a_metric_like_none_lists_the_known_ones(run_cli, db):
    one_line_error(run_cli("--db", db, "history", "zzz"), 1, "unknown metric 'zzz'",
                   "known metrics: ai_core_industry_size, ai_enterprises")


# The configuration -----------------------------------------------------------------------------------


def command_lines(db: Path) -> dict[str, list[str]]:
    """Each command, run so that it would succeed but for the configuration."""
    known = {
        "init": ["init"], "ingest": ["ingest", str(SAMPLE)], "extract": ["extract", str(SAMPLE)],
        "evaluate": ["evaluate", "--gold", str(REPO / "tests" / "gold"), "--lang", "en"],
        "claims": ["claims"], "history": ["history", "ai_core_industry_size"], "search": ["search", "xxx"],
        "sql": ["sql", "SELECT 1"], "sources": ["sources"], "status": ["status"], "export": ["export", "claims"],
        "serve": ["serve", "--port", "8999"], "findings": ["findings"], "digest": ["digest", "--dir", str(db.parent)],
        "crawl": ["crawl"], "daemon": ["daemon"], "demo": ["demo", "--dir", str(db.parent / "demo")],
        "node": ["node"],
    }
    missing = set(cli.commands) - set(known)
    assert not missing, f"add {missing} to tests/test_cli_input.py's command_lines"
    return known


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_a_config_file_that_does_not_exist_is_an_error_for_every_command(run_cli, db, tmp_path, command):
    absent = tmp_path / "no-such.toml"
    before = db.read_bytes()
    args = ["--config", str(absent), "--db", str(db), *command_lines(db)[command]]
    if command == "serve":  # it would serve until stopped: a hang must fail the test, not stop the suite
        result = subprocess.run([sys.executable, "-m", "claimtrack", *args], capture_output=True, text=True,
                                timeout=60, cwd=REPO, env=environment())
        assert result.returncode == 1 and result.stderr.splitlines() == [
            f"Error: {absent}: configuration file not found"], result.stderr
    else:
        one_line_error(run_cli(*args), 1, f"{absent}: configuration file not found")
    assert db.read_bytes() == before


SOURCE = '[[sources]]\nname = "a"\nspider = "xinhua"\nlang = "en"\nstart_urls = ["http://127.0.0.1/"]\n'


@pytest.mark.parametrize(("extra", "key"), [
    ('schedule = "every 1h"\nrecrawl = "9999999999999w"\n', "sources[1].recrawl"),
    ('schedule = "every 99999999999999d"\n', "sources[1].schedule"),
    ('schedule = "every 999999999d"\n', "sources[1].schedule"),
])
def test_huge_durations_are_configuration_errors(run_cli, tmp_path, extra, key):
    config = tmp_path / "claimtrack.toml"
    config.write_text(SOURCE + extra, encoding="utf-8")
    one_line_error(run_cli("--config", config, "--db", tmp_path / "c.db", "init"), 1, str(config), key)


@pytest.mark.parametrize("cron", ["0 0 31 2 *", "0 0 30 2 *", "0 0 31 4,6,9,11 *"])
def test_a_cron_schedule_that_never_fires_is_refused(run_cli, tmp_path, cron):
    config = tmp_path / "claimtrack.toml"
    config.write_text(SOURCE + f'schedule = "{cron}"\n', encoding="utf-8")
    one_line_error(run_cli("--config", config, "--db", tmp_path / "c.db", "init"), 1, "sources[1].schedule",
                   f"{cron!r} never fires")


def test_a_cron_schedule_that_fires_once_in_four_years_is_taken(run_cli, tmp_path):
    config = tmp_path / "claimtrack.toml"
    config.write_text(SOURCE + 'schedule = "0 0 29 2 *"\n', encoding="utf-8")
    assert run_cli("--config", config, "--db", tmp_path / "c.db", "init").exit_code == 0


# Interruptions and exhaustion -------------------------------------------------------------------------


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "CLAIMTRACK_CONFIG"}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    return env


def test_ctrl_c_during_ingest_says_how_many_articles_were_committed(tmp_path):
    files = []
    for number in range(400):
        path = tmp_path / f"note-{number:03d}.txt"
        path.write_text(f"Note {number}: MIIT said China's core AI industry topped {number + 1} trillion yuan.",
                        encoding="utf-8")
        files.append(str(path))
    db = tmp_path / "c.db"
    # A job a non-interactive shell starts in the background inherits SIGINT ignored, and Python
    # then keeps ignoring it: the child gets the default back, as a command typed at a terminal has.
    process = subprocess.Popen([sys.executable, "-m", "claimtrack", "--db", str(db), "ingest", *files],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=REPO, env=environment(),
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines = []
    for line in process.stderr:
        lines.append(line)
        if line.startswith("[1/400]"):
            process.send_signal(signal.SIGINT)
            break
    rest = process.stderr.read()
    process.wait(timeout=60)
    last = (lines + rest.splitlines(keepends=True))[-1]
    assert process.returncode == 130, rest
    assert not [line for line in rest.splitlines() if not line.startswith(("[", "Error: "))], rest  # no traceback
    with ClaimStore.open_readonly(db) as store:
        committed = store.status()["articles"]
    assert 1 <= committed < 400
    assert last == f"Error: interrupted: {committed} of 400 articles were recorded; the other {400 - committed} " \
                   "were not (run the same command again to record them)\n"


MEMORY_DRIVER = textwrap.dedent("""
    import resource, sys
    from claimtrack import cli
    from extractors.claims.pipeline import get_pipeline
    get_pipeline("en")
    size = next(int(line.split()[1]) * 1024 for line in open("/proc/self/status") if line.startswith("VmSize"))
    resource.setrlimit(resource.RLIMIT_AS, (size + 64 * 1024 * 1024,) * 2)
    cli.main(["extract", sys.argv[1]], prog_name="claimtrack")
""")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc to measure the address space")
def test_running_out_of_memory_is_one_line(tmp_path):
    big = tmp_path / "long.txt"
    big.write_text("China's core AI industry grew 24 percent to 900 billion yuan in 2024.\n" * 140_000, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", MEMORY_DRIVER, str(big)], capture_output=True, text=True,
                            timeout=300, cwd=tmp_path, env=environment())
    assert result.returncode == 1, result.stderr[-3000:]
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: out of memory"), result.stderr[-3000:]
