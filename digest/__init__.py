"""The daily digest: what the store first recorded on one calendar day, as JSON, Markdown
and HTML files named by the date (``DIR/YYYY-MM-DD.json|md|html``).

``write_digest(store, day, ...)`` is what ``claimtrack digest`` and the daemon call; the
content is built by ``digest.content`` and rendered by ``digest.render``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from digest.content import BASES, build_digest, is_quiet
from digest.render import write_files
from digest.window import day_window, local_today, missing_days

_SVG_START = re.compile(r"<svg\b")
_SVG_REFERENCE = re.compile(r'(\bid="|url\(#|href="#)')

__all__ = ["BASES", "build_digest", "day_window", "is_quiet", "local_today", "missing_days", "write_digest"]


def write_digest(store: Any, day: date, folder: Path, timezone: str, *, sources: Any = (),
                 basis: str = "recorded") -> dict[str, Path]:
    """Write the digest of ``day`` into ``folder``; returns the paths by suffix. ``basis``:
    what the store first recorded that day, or what was published that day."""
    content = build_digest(store, day, timezone, sources=sources, basis=basis)
    _, end = day_window(day, timezone)
    return write_files(folder, content, chart_for=lambda metric: _chart(store, metric, end))


def _chart(store: Any, metric: str, until: datetime) -> str | None:
    """The metric's history chart as inline SVG: the releases published up to ``until``
    (so a past day's digest keeps its chart), with their findings."""
    from digest.labels import metric_label
    from store.charts import history_chart

    last_day = until.date().isoformat()
    observations = [observation for observation in store.history(metric)
                    if not observation.published or observation.published[:10] <= last_day]
    if not observations:
        return None
    svg = history_chart(observations, fmt="svg", title=metric_label(metric)[0]).decode("utf-8")
    return _inline_svg(svg, prefix=f"{metric}-")


def _inline_svg(svg: str, prefix: str) -> str:
    """An SVG file made fit to sit in a page beside others: no XML prologue, and its ids (clip
    paths, marks) prefixed so two charts never share one."""
    svg = svg[_SVG_START.search(svg).start():]
    return _SVG_REFERENCE.sub(lambda match: match.group(1) + prefix, svg)
