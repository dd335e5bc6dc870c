"""Render a digest's content into Markdown and HTML with Jinja2, and write its three files.

The JSON file is the content as it is; the Markdown and HTML files are made from it by the
templates in ``digest/templates/`` (HTML autoescaped). Each file is written to a temporary
file in the same folder and renamed over the old one, so a reader never sees half a
digest, and the names come from the date alone: writing a day again replaces its files.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

_SCALES = ((Decimal("1e12"), "tn"), (Decimal("1e9"), "bn"), (Decimal("1e6"), "m"))
_CURRENCIES = {"CNY": "yuan", "USD": "US dollars", "HKD": "HK dollars", "EUR": "euros"}
_QUALIFIER_WORDS = {"more_than": "over", "at_least": "at least", "nearly": "nearly", "approx": "about",
                    "less_than": "under", "at_most": "at most"}


def readable_value(value: float | int | None, unit: str, qualifier: str = "exact",
                   low: float | None = None, high: float | None = None) -> str:
    """A figure in plain English: 1.2e12 CNY "more_than" -> "over 1.2 tn yuan"."""
    if value is None and low is not None and high is not None:
        return f"{_number(low, unit)}–{_number(high, unit)}{_unit_words(unit)}"
    if value is None:
        return "?"
    words = _QUALIFIER_WORDS.get(qualifier)
    return (f"{words} " if words else "") + _number(value, unit) + _unit_words(unit)


def _number(value: float | int, unit: str) -> str:
    number = Decimal(str(value))
    if unit in _CURRENCIES or unit == "count":
        for scale, word in _SCALES:
            if abs(number) >= scale:
                return f"{_trim(number / scale)} {word}"
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return _trim(number)


def _trim(number: Decimal) -> str:
    text = f"{number.quantize(Decimal('0.001')):f}".rstrip("0").rstrip(".")
    return text or "0"


def _unit_words(unit: str) -> str:
    if unit in ("%",):
        return "%"
    if unit == "pp":
        return " percentage points"
    if unit == "x":
        return " times"
    if unit == "count":
        return ""
    return " " + _CURRENCIES.get(unit, unit)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("digest", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=jinja2.StrictUndefined,   # a misspelt field fails the render instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["figure"] = lambda item: readable_value(
        item.get("value"), item.get("unit", ""), item.get("qualifier", "exact"), item.get("low"), item.get("high"))
    environment.filters["md_escape"] = _markdown_escape
    environment.filters["when"] = readable_time
    environment.filters["plural"] = lambda count, word: f"{count} {word}" + ("" if count == 1 else "s")
    return environment


def readable_time(stamp: str | None) -> str:
    """A stored date or datetime as a reader wants it: "2025-12-27 09:30" (the page's own
    clock), a bare date as it is, "undated" for none."""
    if not stamp:
        return "undated"
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?", stamp)
    if not match:
        return stamp
    return match.group(1) + (f" {match.group(2)}" if match.group(2) else "")


def _markdown_escape(text: Any) -> str:
    """Characters that would turn a title or sentence into Markdown markup."""
    text = "" if text is None else str(text)
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def render_markdown(content: Mapping[str, Any]) -> str:
    return _environment().get_template("digest.md.j2").render(digest=content)


def render_html(content: Mapping[str, Any], charts: Mapping[str, str]) -> str:
    """The HTML digest; ``charts`` maps a metric to its chart as SVG markup (trusted: made
    by our chart function, not from page text)."""
    safe_charts = {metric: Markup(svg) for metric, svg in charts.items()}
    return _environment().get_template("digest.html.j2").render(digest=content, charts=safe_charts)


def write_files(folder: Path, content: Mapping[str, Any],
                chart_for: Callable[[str], str | None] | None = None) -> dict[str, Path]:
    """Write ``YYYY-MM-DD.json``, ``.md`` and ``.html`` into ``folder`` atomically; returns
    their paths by suffix."""
    folder.mkdir(parents=True, exist_ok=True)
    charts: dict[str, str] = {}
    if chart_for is not None:
        for entry in content["metrics"]:
            if entry["registered"]:
                svg = chart_for(entry["metric"])
                if svg:
                    charts[entry["metric"]] = svg
    stem = content["date"]
    texts = {
        "json": json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        "md": render_markdown(content),
        "html": render_html(content, charts),
    }
    paths = {}
    for suffix, text in texts.items():
        paths[suffix] = folder / f"{stem}.{suffix}"
        _write_atomically(paths[suffix], text)
    return paths


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
