"""Crawl fixtures: the test mirror served on loopback, a configuration pointing sources at
it, and crawls run as the real subprocesses ``claimtrack crawl`` starts, bounded in time.

The test modules import the fixtures from here: a conftest.py in this folder would shadow
tests/conftest.py, which other test modules import by that name."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mirror_server import MirrorServer

MIRROR = Path(__file__).resolve().parent / "mirror"
CRAWL_TIMEOUT = 60.0       # seconds: a crawl of the test mirror takes a few
REQUEST_TIMEOUT = 2.0      # the crawler's per-request timeout in these tests


@pytest.fixture(scope="module")
def mirror_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the mirror that a test may change (a page edited between crawls)."""
    root = tmp_path_factory.mktemp("mirror")
    shutil.copytree(MIRROR, root, dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def server(mirror_root: Path) -> Iterator[MirrorServer]:
    with MirrorServer(mirror_root, hang_seconds=REQUEST_TIMEOUT * 4) as running:
        yield running


def write_config(path: Path, db: Path, sources: list[dict], **crawler: object) -> Path:
    """A claimtrack.toml with ``sources`` (name, spider, lang, start_urls, and optional keys)."""
    settings = {"download_delay": 0, "request_timeout": REQUEST_TIMEOUT, "retry_after_max": 10,
                "crawl_timeout": CRAWL_TIMEOUT, **crawler}
    lines = ["[store]", f'path = "{db}"', "", "[crawler]"]
    lines += [f"{key} = {_toml(value)}" for key, value in settings.items()]
    for source in sources:
        lines += ["", "[[sources]]", *(f"{key} = {_toml(value)}" for key, value in
                                       {"schedule": "every 1h", **source}.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)
