"""Site rules: which selectors, time zone and outlet name apply to a URL.

The rules are data (``extractors/pages/data/sites.toml``; outlet names come from the one outlet
table, ``extractors/data/outlets.toml``); the modules beside this one hold the few things data
cannot say (``xinhua.py``: Xinhua's datelines; ``scmp.py``: SCMP's story shipped as data in a script).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from extractors.datafiles import read_toml
from extractors.outlets import outlet_for_host
from extractors.pages.sites import scmp

_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/(?P<original>.+)$")


@dataclass(frozen=True)
class SiteRule:
    name: str
    hosts: tuple[str, ...] = ()
    outlet: str | None = None
    timezone: str | None = None
    lang: str | None = None
    title: tuple[str, ...] = ()
    title_suffixes: tuple[re.Pattern[str], ...] = ()
    date: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    body_from: str | None = None  # name of a reader in _SCRIPT_READERS, for stories not in the markup


@dataclass(frozen=True)
class Defaults:
    timezone_by_suffix: dict[str, str]
    drop: tuple[str, ...]
    boilerplate_lines: tuple[re.Pattern[str], ...]
    url_dates: tuple[re.Pattern[str], ...]
    blocked_markers: tuple[re.Pattern[str], ...]


def _load() -> tuple[Defaults, tuple[SiteRule, ...]]:
    data = read_toml("extractors.pages", "sites.toml")
    raw = data["defaults"]
    defaults = Defaults(
        timezone_by_suffix=dict(raw["timezone_by_suffix"]),
        drop=tuple(raw["drop"]),
        boilerplate_lines=tuple(re.compile(p) for p in raw["boilerplate_lines"]),
        url_dates=tuple(re.compile(p) for p in raw["url_dates"]),
        blocked_markers=tuple(re.compile(p) for p in raw["blocked_markers"]),
    )
    rules = tuple(
        SiteRule(
            name=name,
            hosts=tuple(site["hosts"]),
            outlet=outlet_for_host(site["hosts"][0]),
            timezone=site.get("timezone"),
            lang=site.get("lang"),
            title=tuple(site.get("title", ())),
            title_suffixes=tuple(re.compile(p) for p in site.get("title_suffixes", ())),
            date=tuple(site.get("date", ())),
            body=tuple(site.get("body", ())),
            drop=tuple(site.get("drop", ())),
            body_from=site.get("body_from"),
        )
        for name, site in data["sites"].items()
    )
    return defaults, rules


# Readers named by a rule's ``body_from``, for sites that ship the story as data in a script.
_SCRIPT_READERS = {"apollo_state": scmp.story_text}

# Loaded at import: a broken rules file stops the program at start, not page by page.
_DEFAULTS, _RULES = _load()


def defaults() -> Defaults:
    return _DEFAULTS


def story_from_script(rule: SiteRule, html_text: str) -> str | None:
    """The story text of a site that ships it as data in a script, when the rule says so."""
    return _SCRIPT_READERS[rule.body_from](html_text) if rule.body_from else None


def original_url(url: str) -> str:
    """The address a page was first published at (unwraps Wayback Machine captures)."""
    match = _WAYBACK.match(url)
    return match["original"] if match else url


def host_of(url: str) -> str:
    try:
        return (urlsplit(original_url(url)).hostname or "").lower()
    except ValueError:
        return ""


def rule_for(url: str) -> SiteRule:
    """The rule of the site serving ``url``; a generic rule (time zone by country suffix) otherwise."""
    host = host_of(url)
    for rule in _RULES:
        if any(host == suffix or host.endswith("." + suffix) for suffix in rule.hosts):
            return rule
    suffix = host.rsplit(".", 1)[-1] if host else ""
    return SiteRule(name="generic", timezone=defaults().timezone_by_suffix.get(suffix))


def rule_named(name: str) -> SiteRule:
    """The rule called ``name`` in sites.toml (``xinhua``, ``people``, ...)."""
    for rule in _RULES:
        if rule.name == name:
            return rule
    raise KeyError(f"no site rule named {name!r}")
