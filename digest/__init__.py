"""The daily digest: what the store first recorded on one calendar day, as JSON, Markdown
and HTML files named by the date (``DIR/YYYY-MM-DD.json|md|html``).

``write_digest(store, day, ...)`` is what ``claimtrack digest`` and the daemon call; the
content is built by ``digest.content`` and rendered by ``digest.render``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from digest.content import BASES, build_digest, is_quiet
from digest.render import write_files
from digest.window import day_window, local_today, missing_days

__all__ = ["BASES", "build_digest", "day_window", "is_quiet", "local_today", "missing_days", "write_digest"]


def write_digest(store: Any, day: date, folder: Path, timezone: str, *, sources: Any = (),
                 basis: str = "recorded") -> dict[str, Path]:
    """Write the digest of ``day`` into ``folder``; returns the paths by suffix. ``basis``:
    what the store first recorded that day, or what was published that day."""
    content = build_digest(store, day, timezone, sources=sources, basis=basis)
    _, end = day_window(day, timezone)
    return write_files(folder, content, chart_for=lambda metric: _chart(store, metric, end))


def _chart(store: Any, metric: str, until: Any) -> str | None:
    """The metric's history chart as SVG, as the store stood at ``until``."""
    return None  # wired to the findings chart function when it lands
