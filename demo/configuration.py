"""A configuration whose sources crawl the demo mirror: the sources of the mirror's
manifest, their start URLs moved onto a running ``MirrorServer``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from demo.server import MIRROR_DIR, MirrorServer

MANIFEST = MIRROR_DIR / "manifest.json"


def mirror_sources() -> list[dict[str, Any]]:
    """The sources the mirror stands in for (name, spider, lang, real start URLs)."""
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["sources"]


def write_config(path: Path, server: MirrorServer, *, db: Path, digest_dir: Path, schedule: str = "every 1h",
                 timezone: str = "Asia/Shanghai", crawler: dict[str, Any] | None = None) -> Path:
    """Write ``path``: every mirror source pointed at ``server``, the database and digest
    folder given, and ``[crawler]`` settings (a mirror on loopback needs no politeness delay)."""
    settings = {"download_delay": 0, **(crawler or {})}
    lines = ["# Written by claimtrack for the demo mirror on " + server.base_url, "",
             "[store]", f"path = {_toml(str(db))}", "",
             "[digest]", f"dir = {_toml(str(digest_dir))}", f"timezone = {_toml(timezone)}", "",
             "[crawler]", *(f"{key} = {_toml(value)}" for key, value in settings.items())]
    for source in mirror_sources():
        lines += ["", "[[sources]]",
                  f"name = {_toml(source['name'])}",
                  f"spider = {_toml(source['spider'])}",
                  f"lang = {_toml(source['lang'])}",
                  f"start_urls = {_toml([server.url(url) for url in source['start_urls']])}",
                  f"schedule = {_toml(schedule)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)   # a JSON string is a TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
