"""Site addresses and fetch addresses: how the spiders crawl a site or a mirror of it.

A source's start URLs name either the site itself (``https://english.news.cn/business/``) or
a mirror laid out by host under any path prefix (``http://127.0.0.1:8123/mirror/
english.news.cn/business/``: the site's host as a path segment, its path after it). Spiders
work on *site URLs* throughout: links are resolved against the page's site URL, article
patterns match the site path, the store records the site URL (so that the extractor's site
rules, outlet and URL dates apply), and only the request goes to the *fetch URL*.

A mirror is recognised only on a loopback or literal-IP host, ``localhost`` or a ``file:``
URL, so that a real site whose path happens to hold a dotted segment is never rewritten.
A start URL on such a host without a host segment is crawled as it is.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

# A DNS host name as a path segment: dotted labels, the last one alphabetic and not a file
# extension (so "index.htm" or "feed.xml" is never taken for a host).
_HOST_SEGMENT = re.compile(r"(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", re.IGNORECASE)
_FILE_EXTENSIONS = frozenset(
    "htm html shtml xhtml php asp aspx jsp json xml rss atom txt pdf gz zip js css png jpg jpeg gif svg".split()
)
MIRRORED_SCHEME = "https"   # the target sites all serve https (SITES.md)


def _mirror_host(host: str | None, scheme: str) -> bool:
    if scheme == "file":
        return True
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _split_mirror(url: str) -> tuple[str, str, str] | None:
    """(base, host, rest) of a mirror URL: base ends with "/<host>", rest is the site path
    with query; None when ``url`` is not on a mirror host or has no host segment."""
    parts = urlsplit(url)
    if not _mirror_host(parts.hostname, parts.scheme):
        return None
    segments = parts.path.split("/")
    for index, segment in enumerate(segments):
        if _HOST_SEGMENT.fullmatch(segment) and segment.rsplit(".", 1)[-1].lower() not in _FILE_EXTENSIONS:
            base_path = "/".join(segments[: index + 1])
            rest = "/" + "/".join(segments[index + 1:])
            base = urlunsplit((parts.scheme, parts.netloc, base_path, "", ""))
            return base, segment.lower(), rest + (f"?{parts.query}" if parts.query else "")
    return None


class SiteAddresses:
    """The sites of one source (from its start URLs) and where each is fetched from."""

    def __init__(self, start_urls: list[str] | tuple[str, ...]) -> None:
        self._bases: dict[str, str] = {}      # site host -> fetch base (mirror) URL
        self._prefix: str | None = None       # the mirror's base without the host segment
        self.hosts: set[str] = set()          # site hosts this source may crawl
        for url in start_urls:
            mirrored = _split_mirror(url)
            if mirrored:
                base, host, _ = mirrored
                self._bases.setdefault(host, base)
                self._prefix = self._prefix or base[: -len(host)]
                self.hosts.add(host)
            else:
                self.hosts.add((urlsplit(url).hostname or "").lower())

    @property
    def fetch_hosts(self) -> list[str]:
        """Hosts requests go to (Scrapy's allowed_domains)."""
        hosts = {urlsplit(base).hostname for base in self._bases.values()}
        hosts |= {host for host in self.hosts if host not in self._bases}
        return sorted(host for host in hosts if host)

    def site_url(self, fetch_url: str) -> str:
        """The site's address of a page fetched from ``fetch_url``."""
        mirrored = _split_mirror(fetch_url)
        if mirrored is None:
            return fetch_url
        _, host, rest = mirrored
        return f"{MIRRORED_SCHEME}://{host}{rest}"

    def fetch_url(self, site_url: str) -> str:
        """Where to request ``site_url`` from: its mirror when the source crawls one."""
        parts = urlsplit(site_url)
        host = (parts.hostname or "").lower()
        base = self._bases.get(host) or (self._prefix + host if self._prefix and host else None)
        if base is None:
            return site_url
        return base + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def resolve(self, href: str, page_fetch_url: str) -> str | None:
        """The site URL a link on a page points to, or None for a link that is no web page
        (``javascript:``, ``mailto:``, a fragment). Relative and ``../`` links resolve
        against the page; a root-relative link in a mirror resolves against the site,
        unless it already points into the mirror."""
        href = (href or "").strip()
        if not href or href.startswith("#"):
            return None
        scheme = urlsplit(href).scheme.lower()
        if scheme and scheme not in ("http", "https", "file"):
            return None
        on_page = urljoin(page_fetch_url, href)
        if _split_mirror(on_page) is not None or scheme:
            site = self.site_url(on_page)
        else:
            site = urljoin(self.site_url(page_fetch_url), href)
        return urlunsplit(urlsplit(site)._replace(fragment=""))

    def allowed(self, site_url: str) -> bool:
        """Whether ``site_url`` is on one of this source's sites (or a subdomain of one)."""
        host = (urlsplit(site_url).hostname or "").lower()
        return any(host == allowed or host.endswith("." + allowed) for allowed in self.hosts if allowed)
