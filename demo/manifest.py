"""The mirror's manifest (``mirror/manifest.json``) and its documents read as the crawler reads them.

``documents()`` lists what the mirror holds (URL, file, source, language, date, the figures
each page must yield, the findings it is for); ``read_documents()`` runs the page extractor on
each under its real URL with the Content-Type the mirror server sends, for tests and
benchmarks that need the mirror's articles without crawling it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from demo import MIRROR_DIR


@cache
def load_manifest() -> dict[str, Any]:
    return json.loads((MIRROR_DIR / "manifest.json").read_text(encoding="utf-8"))


def documents(refs: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The mirror's articles and PDF, oldest first; only ``refs`` ("EN5", "CA2-PDF", ...) if given."""
    wanted = set(refs) if refs is not None else None
    return [document for document in load_manifest()["documents"] if wanted is None or document["ref"] in wanted]


def read_documents(refs: Iterable[str] | None = None) -> list[tuple[dict[str, Any], Any]]:
    """Each document with the ``Article`` the page extractor makes of it."""
    from demo.server import content_type_for
    from extractors.pages import extract_article

    out = []
    for document in documents(refs):
        path = MIRROR_DIR / document["file"]
        body = path.read_bytes()
        out.append((document, extract_article(document["url"], body, {"Content-Type": content_type_for(path, body)})))
    return out
