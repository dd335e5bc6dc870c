"""The outlet an article came from, named from its URL when the extractor named none."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

OUTLETS_FILE = Path(__file__).with_name("data") / "outlets.toml"


@cache
def _outlets() -> dict[str, str]:
    return tomllib.loads(OUTLETS_FILE.read_text(encoding="utf-8"))["outlets"]


def outlet_for_url(url: str) -> str | None:
    """"Xinhua" for news.cn and its subdomains, the bare host for unknown sites, None for files."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        return None
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = _outlets().get(".".join(labels[start:]))
        if name:
            return name
    return host.removeprefix("www.")
