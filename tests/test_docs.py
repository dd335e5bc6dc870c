"""The README documents every command, option, configuration key and table."""

from __future__ import annotations

import re
import sqlite3

import pytest

from claimtrack import cli
from config.loader import _KEYS
from conftest import REPO
from store import ClaimStore

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_a_section_with_an_example(command):
    match = re.search(rf"^### `claimtrack {command}`\n(.*?)(?=^#)", README, re.S | re.M)
    assert match, f"README has no '### `claimtrack {command}`' section"
    section = match.group(1)
    assert re.search(rf"```sh\n(?:.*\n)*?claimtrack (?:--\S+ \S+ )*{command}\b", section), "no example"
    for param in cli.commands[command].params:
        for option in param.opts:
            if option.startswith("--") and option != "--format":
                assert option in section, f"{option} of {command} is not documented"


def test_every_configuration_key_is_documented():
    for section, keys in _KEYS.items():
        for key in keys - set(_KEYS):  # the top-level keys are the sections themselves
            table = "[[sources]]" if section == "sources" else f"[{section}]"
            assert f"`{table} {key}`" in README, f"{table} {key}"


def test_every_table_view_and_column_is_documented(tmp_path):
    with ClaimStore.open(tmp_path / "schema.db"):
        pass
    with sqlite3.connect(tmp_path / "schema.db") as conn:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE '%fts_%' "
            "AND name NOT LIKE 'sqlite_%'")]
        for name in names:
            assert f"`{name}`" in README, name
            if name.startswith("_"):
                continue
            for column in (row[1] for row in conn.execute(f"PRAGMA table_info({name})")):
                if not column.startswith("fp_band"):
                    assert f"`{column}`" in README, f"{name}.{column}"


def test_ci_runs_the_readme_commands():
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in run
    for block in ("install", "test"):
        assert f"readme_block {block}" in run
        assert re.search(rf"<!-- ci:{block} -->\s*```sh\n.+\n```", README), block
    install = re.search(r"<!-- ci:install -->\s*```sh\n(.+)\n```", README).group(1)
    assert install == "pip install -e '.[test]' && claimtrack demo"


def test_no_file_keeps_merge_conflict_markers():
    markers = re.compile(r"^(<{7}|>{7}) ", re.M)
    suffixes = {".py", ".md", ".toml", ".json", ".tsv", ".txt", ".j2", ".cfg", ".service"}
    skipped = {".git", ".venv", "build", "dist"}
    for path in REPO.rglob("*"):
        if path.suffix in suffixes and path.is_file() and not skipped & set(path.relative_to(REPO).parts) \
                and not path.parent.name.endswith(".egg-info"):
            assert not markers.search(path.read_text(encoding="utf-8", errors="replace")), path
