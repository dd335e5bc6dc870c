"""What a page saved to a file says about where it came from: its address, or at least its site.

A browser's "Save page as", an archiver or a dataset keeps the page's HTML but not the URL it
was served at, and without the URL the site rules (selectors, title suffixes, time zone,
outlet) cannot apply. Most saved pages still name their address: the publisher's canonical
link or ``og:url``, the "saved from url" comment browsers write, the comment SingleFile and
some archivers put at the top, a Wayback Machine capture's rewrite script, a ``<base href>``.
A page that names none is read with the rules of the one known site its links point to,
when they point overwhelmingly to one (a Xinhua page links to Xinhua's sections); its
identity then stays its file.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit, urlunsplit

import trafilatura
from lxml.html import HtmlElement

from extractors.pages.encoding import decode_html_with_charset
from extractors.pages.metadata import canonical_link
from extractors.pages.sites import rule_for

# Where a page was fetched from, as browsers and archivers write it into the saved file.
_FETCHED_FROM = (
    re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE),      # Chrome, IE, Edge
    re.compile(r"<!--\s*Page saved with SingleFile\s+url:\s*(\S+)", re.IGNORECASE),
    # A comment holding nothing but a URL above the document, as some archivers and datasets write.
    re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype[^>]*>\s*)?<!--\s*(https?://[^\s<>\"']+?)\s*-->", re.IGNORECASE),
)
_WAYBACK_CAPTURE = re.compile(
    r"""__wm\.wombat\(\s*["'](?P<url>https?://[^"']+)["']\s*,\s*["'](?P<stamp>\d{14})["']""")
_WAYBACK_PREFIX = "https://web.archive.org/web/"
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Looked for in the first part of the file only: these comments and scripts open the document.
_HEAD_CHARS = 200_000
# A page is taken for a known site's when at least this many of its absolute links, and more
# than this share of them, point to that site (measured on saved pages of Xinhua, People's
# Daily, China Daily and CGTN: 79-98% of their links; a CAICT home page, 18%, is not taken).
SITE_MIN_LINKS = 2
SITE_MIN_SHARE = 0.5


def read_saved_page(body: bytes) -> tuple[str | None, str | None]:
    """The address a saved page names (:func:`saved_address`) and, when it names none, the
    site rule to read it with (:func:`saved_site`); each None when unknown."""
    html_text, _ = decode_html_with_charset(body, None, None)
    tree = trafilatura.load_html(html_text)
    address = saved_address(html_text, tree)
    if address is not None or tree is None:
        return address, None
    return None, saved_site(tree)


def saved_address(html_text: str, tree: HtmlElement | None = None) -> str | None:
    """The http(s) address the saved page names for itself, or None.

    The publisher's canonical link and ``og:url`` come first (they name the article without
    the tracking parameters of the link that was followed), then what the saving tool wrote,
    then ``<base href>``. A canonical link, ``og:url`` or base naming a site's home page is
    not taken: sites that point every page's canonical link at their home page would
    otherwise make all their articles one.
    """
    declared = canonical_link(tree) if tree is not None else None
    if declared and _names_a_page(declared):
        return _normalised(declared)
    head = html_text[:_HEAD_CHARS]
    for pattern in _FETCHED_FROM:
        match = pattern.search(head)
        if match and _is_web_address(match.group(1)):
            return _normalised(match.group(1))
    capture = _WAYBACK_CAPTURE.search(head)
    if capture:
        return f"{_WAYBACK_PREFIX}{capture['stamp']}/{_normalised(capture['url'])}"
    if tree is not None:
        for base in tree.xpath("//base/@href"):
            if _is_web_address(base.strip()) and _names_a_page(base.strip()):
                return _normalised(base.strip())
    return None


def saved_site(tree: HtmlElement) -> str | None:
    """The name of the known site (a rule of ``extractors/pages/data/sites.toml``) that a page's
    links overwhelmingly point to, for a page that names no address; None when none dominates."""
    sites: Counter[str] = Counter()
    total = 0
    for value in tree.xpath("//@href | //@src"):
        link = value.strip()
        if link.startswith("//"):
            link = "http:" + link
        if not _is_web_address(link):
            continue
        total += 1
        rule = rule_for(link)
        if rule.hosts:
            sites[rule.name] += 1
    if not sites:
        return None
    name, count = sites.most_common(1)[0]
    return name if count >= SITE_MIN_LINKS and count > SITE_MIN_SHARE * total else None


def _is_web_address(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _names_a_page(address: str) -> bool:
    return urlsplit(address).path not in ("", "/")


def _normalised(address: str) -> str:
    """The address without a default port and a fragment (``http://host:80/a#top`` is ``http://host/a``)."""
    parts = urlsplit(address.strip())
    netloc = parts.netloc
    if parts.port is not None and _DEFAULT_PORTS.get(parts.scheme) == parts.port:
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
