"""Outlet names by host: one table (``extractors/data/outlets.toml``) for the site rules of the
pages stage and for the store, which names by it an article whose extractor named no outlet;
and the name an outlet is credited under when it stands in for a figure's missing source."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from extractors.datafiles import read_toml, read_tsv


@cache
def _outlets() -> dict[str, str]:
    return read_toml("extractors", "outlets.toml")["outlets"]


def outlet_for_host(host: str) -> str | None:
    """"Xinhua" for news.cn and its subdomains (the longest listed suffix wins); None when unlisted."""
    labels = host.lower().rstrip(".").split(".")
    for start in range(len(labels) - 1):
        name = _outlets().get(".".join(labels[start:]))
        if name:
            return name
    return None


def outlet_for_url(url: str) -> str | None:
    """The listed outlet of the URL's host, else the bare host; None for files."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        return None
    return outlet_for_host(host) or host.removeprefix("www.")


@cache
def _organisations_by_alias() -> dict[str, str]:
    return {row["alias"].casefold(): row["short"] for row in read_tsv("extractors.claims", "organisations.tsv")}


def credited_name(outlet: str) -> str:
    """The organisation an outlet is when it is credited with a figure: the short name of
    ``organisations.tsv`` when the outlet is one of its aliases ("South China Morning Post" is
    "SCMP"), so that a figure the paper printed without a source and one a text credits to the
    paper by name belong to one organisation; else the outlet's own name."""
    return _organisations_by_alias().get(outlet.casefold(), outlet)
