"""RSS, Atom, sitemaps (news sitemaps, sitemap indexes, gzip) and robots.txt ``Sitemap:``
lines, read safely: the entries and child sitemaps they list, with titles and dates.

XML is parsed by lxml without entity expansion, DTD loading, network access or huge-tree
mode, and a document that declares entities is refused outright (the billion-laughs
family); a gzip body is inflated only up to a size cap. A document that is not well-formed
is read as far as lxml can recover it and reported.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

GZIP_MAGIC = b"\x1f\x8b"
_SITEMAP_LINE = re.compile(rb"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


@dataclass
class FeedEntry:
    url: str
    title: str | None = None
    published: datetime | None = None


@dataclass
class Feed:
    kind: str | None                   # rss, atom, urlset, sitemapindex, robots; None: not a feed
    entries: list[FeedEntry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)   # child sitemaps (index, robots.txt)
    problem: str | None = None         # why it could not be read whole

    @property
    def newest(self) -> datetime | None:
        dates = [entry.published for entry in self.entries if entry.published]
        return max(dates) if dates else None


def read_feed(body: bytes, *, max_size: int) -> Feed:
    """The entries of a feed, sitemap or robots.txt body; never raises on bad input."""
    if body[:2] == GZIP_MAGIC:
        try:
            body = gunzip_capped(body, max_size)
        except ValueError as error:
            return Feed(None, problem=str(error))
    stripped = body.lstrip()
    if not stripped.startswith(b"<"):
        sitemaps = [match.decode("utf-8", "replace") for match in _SITEMAP_LINE.findall(body)]
        return Feed("robots", sitemaps=sitemaps) if sitemaps else Feed(None, problem="neither XML nor robots.txt")
    root, problem = _parse_xml(body)
    if root is None:
        return Feed(None, problem=problem)
    feed = _read_root(root)
    feed.problem = problem
    return feed


def gunzip_capped(body: bytes, max_size: int) -> bytes:
    """Inflate gzip data, refusing to produce more than ``max_size`` bytes (a gzip bomb)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        output = inflater.decompress(body, max_size + 1)
    except zlib.error as error:
        raise ValueError(f"broken gzip data ({error})") from None
    if len(output) > max_size or inflater.unconsumed_tail:
        raise ValueError(f"gzip data inflates past the {max_size:,}-byte cap; not read")
    return output


def _parser(recover: bool) -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                           recover=recover, remove_comments=True, remove_pis=True)


def _parse_xml(body: bytes) -> tuple[etree._Element | None, str | None]:
    problem = None
    try:
        root = etree.fromstring(body, _parser(recover=False))
    except etree.XMLSyntaxError as error:
        problem = f"not well-formed XML ({' '.join(str(error).split())})"
        try:
            root = etree.fromstring(body, _parser(recover=True))
        except etree.XMLSyntaxError:
            root = None
    if root is None:
        return None, problem or "no XML document"
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        return None, "declares XML entities; refused (entities are never expanded)"
    return root, problem


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: etree._Element | None, *path: str) -> str | None:
    for name in path:
        if element is None:
            return None
        found = _children(element, name)
        element = found[0] if found else None
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _read_root(root: etree._Element) -> Feed:
    kind = _local(root.tag)
    if kind == "rss" or kind == "rdf":
        items = [item for item in root.iter() if _local(item.tag) == "item"]
        return Feed("rss", [_rss_entry(item) for item in items if _rss_link(item)])
    if kind == "feed":
        return Feed("atom", [entry for entry in (_atom_entry(e) for e in _children(root, "entry")) if entry])
    if kind == "urlset":
        return Feed("urlset", [_sitemap_entry(url) for url in _children(root, "url") if _text(url, "loc")])
    if kind == "sitemapindex":
        return Feed("sitemapindex", sitemaps=[loc for s in _children(root, "sitemap") if (loc := _text(s, "loc"))])
    return Feed(None, problem=f"an XML document of type <{kind}>, not a feed or sitemap")


def _rss_link(item: etree._Element) -> str | None:
    link = _text(item, "link")
    if link:
        return link
    guid = _children(item, "guid")
    if guid and guid[0].get("isPermaLink", "true").lower() != "false":
        return _text(item, "guid")
    return item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")


def _rss_entry(item: etree._Element) -> FeedEntry:
    return FeedEntry(_rss_link(item) or "", _text(item, "title"),
                     parse_feed_date(_text(item, "pubdate") or _text(item, "date")))


def _atom_entry(entry: etree._Element) -> FeedEntry | None:
    links = _children(entry, "link")
    chosen = next((link for link in links if link.get("rel", "alternate") == "alternate" and link.get("href")), None)
    if chosen is None:
        return None
    return FeedEntry(chosen.get("href"), _text(entry, "title"),
                     parse_feed_date(_text(entry, "published") or _text(entry, "updated")))


def _sitemap_entry(url: etree._Element) -> FeedEntry:
    return FeedEntry(_text(url, "loc") or "", _text(url, "news", "title"),
                     parse_feed_date(_text(url, "news", "publication_date") or _text(url, "lastmod")))


def parse_feed_date(value: str | None) -> datetime | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) as an aware datetime (UTC when no zone)."""
    if not value:
        return None
    value = value.strip()
    moment = None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
