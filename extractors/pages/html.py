"""HTML page -> Article: site rules where we know the site, trafilatura everywhere else."""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from extractors.language import choose_language
from extractors.pages.limits import MIN_TEXT_UNITS, text_units
from extractors.pages.metadata import (
    Moment,
    canonical_link,
    date_from_url,
    page_language,
    parse_moment,
    structured_dates,
    zone,
)
from extractors.pages.sites import (
    SiteRule,
    defaults,
    host_of,
    original_url,
    rule_for,
    rule_named,
    story_from_script,
)
from extractors.pages.sites.xinhua import is_dateline
from extractors.records import STATUS_BLOCKED, STATUS_EMPTY, STATUS_NOT_ARTICLE, Article

# trafilatura's date search: meta tags and markup only. Its "extensive" search reads dates out
# of the visible text, which on news pages finds related-article lists before the byline.
DATE_PARAMS = {"extensive_search": False, "original_date": True}

BLOCK_TAGS = frozenset(
    "address article aside blockquote br center dd div dl dt figure footer h1 h2 h3 h4 h5 h6 header hr "
    "li main nav ol p pre section table tbody tfoot thead tr ul".split()
)
CELL_TAGS = frozenset(("td", "th"))
# Spaces of every width (NBSP, ideographic, em...) and zero-width characters, as one space.
_SPACES = re.compile(r"[ \u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_TITLE_SEPARATORS = re.compile(r"\s+[-|–—_]+\s+|\s*(?:--|_|\|)\s*")
# Listing and home pages are mostly link text; articles are mostly not (0.2-0.45 measured on
# saved Xinhua, People's Daily and China Daily articles, 0.4-0.6 on home pages).
LISTING_LINK_SHARE = 0.5
LISTING_LINK_SHARE_ON_INDEX = 0.3
_INDEX_PATH = re.compile(r"(?:^/?$|/$|/(?:index|home|default)(?:_\d+)?\.s?html?$)")
STATUS_CODES_BLOCKED = frozenset((401, 403, 407, 412, 429, 451))


def extract_html(url: str, text: str, *, http_status: int | None = None, encoding: str | None = None,
                 site: str | None = None) -> Article:
    """Build an Article from a decoded HTML page. Never raises for odd markup; see article.py.
    ``site`` names the site rule to use when the URL names no site (a saved page's file)."""
    article = Article(url=url, encoding=encoding)
    if http_status in STATUS_CODES_BLOCKED:
        return article.withhold(STATUS_BLOCKED, f"HTTP {http_status}: the server refused the page")
    tree = trafilatura.load_html(text)
    if tree is None:
        return article.withhold(STATUS_EMPTY, "no HTML document in the body")
    rule = rule_named(site) if site else rule_for(url)
    tz = zone(rule.timezone)

    container = _first(tree, rule.body)
    scripted = story_from_script(rule, text)
    meta = None
    if scripted:
        body_text = clean_text(scripted)
        article.extraction = f"site:{rule.name}"
    elif container is not None:
        body_text = clean_text(element_text(_without(container, defaults().drop + rule.drop)))
        article.extraction = f"site:{rule.name}"
        article.attachments = _document_links(container, url)
    else:
        meta = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params=dict(DATE_PARAMS),
        )
        body_text = clean_text(_untable(meta.text or "")) if meta else ""
        article.extraction = "trafilatura"
    if meta is None:
        meta = trafilatura.extract_metadata(tree, default_url=url, date_config=dict(DATE_PARAMS))

    article.title = choose_title(tree, rule, meta.title, meta.sitename)
    body_text = _without_leading_title(body_text, article.title)
    article.text = body_text
    published = choose_published(tree, rule, url, meta.date)
    article.published = published.iso(tz) if published else None
    article.author = _author(meta.author)
    article.outlet = rule.outlet or _site_name(tree, meta.sitename) or _bare_host(url)
    article.canonical_url = _canonical(tree, url)
    article.lang = choose_language(rule.lang or page_language(tree), body_text)

    if text_units(body_text) < MIN_TEXT_UNITS:
        marker = blocked_marker(text)
        if marker:
            return article.withhold(STATUS_BLOCKED, f"challenge or login page (found {marker!r}), main text too short")
        if http_status and http_status >= 400:
            return article.withhold(STATUS_EMPTY, f"HTTP {http_status} with no article text")
        return article.withhold(STATUS_EMPTY, f"main text has {len(body_text)} characters, under the threshold")
    if article.extraction == "trafilatura" and _is_listing(tree, url):
        return article.withhold(STATUS_NOT_ARTICLE, "a listing or home page: mostly links, no date in the URL")
    if article.extraction == "trafilatura" and _titled_as_site(article.title, article.outlet, meta.sitename):
        return article.withhold(STATUS_NOT_ARTICLE, f"a home page: its title is the site's name ({article.title!r})")
    return article


# --- text -------------------------------------------------------------------------------


def element_text(element: HtmlElement) -> str:
    """Visible text of ``element``: one line per block, one line per table row with its cells
    separated by tabs (blocks inside a cell stay in the cell).

    Walks the tree with iterwalk rather than recursion, so absurdly deep markup costs
    time, not a RecursionError.
    """
    lines: list[str] = []
    current: list[str] = []
    open_cells = 0

    def flush() -> None:
        if current:
            lines.append("".join(current))
            current.clear()

    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else None
        if event == "start":
            if tag == "tr":
                flush()
            elif tag in CELL_TAGS:
                if current:
                    current.append("\t")
                open_cells += 1
            elif tag in BLOCK_TAGS:
                if open_cells:
                    current.append(" ")
                else:
                    flush()
            if tag and node.text:
                current.append(node.text)
        else:
            if tag == "tr":
                flush()
            elif tag in CELL_TAGS:
                open_cells = max(open_cells - 1, 0)
            elif tag in BLOCK_TAGS and not open_cells:
                flush()
            if node is not element and node.tail:
                current.append(node.tail)
    flush()
    return "\n".join(lines)


def clean_text(text: str) -> str:
    """Normalise spaces, drop page-furniture lines and empty lines."""
    boilerplate = defaults().boilerplate_lines
    kept = []
    for line in text.splitlines():
        cells = [_SPACES.sub(" ", cell).strip() for cell in line.split("\t")]
        line = "\t".join(cell for cell in cells if cell)
        if line and not any(pattern.search(line) for pattern in boilerplate):
            kept.append(unicodedata.normalize("NFC", line))
    return "\n".join(kept)


def _without_leading_title(text: str, title: str | None) -> str:
    """trafilatura often repeats the headline as the first line; the title field already has it."""
    first, _, rest = text.partition("\n")
    if title and _squash(first) == _squash(title):
        return rest
    return text


def _untable(text: str) -> str:
    """trafilatura writes table rows as "| a | b |"; make them tab-separated cells like ours."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            line = "\t".join(cell.strip() for cell in stripped.strip("|").split(" | "))
        out.append(line)
    return "\n".join(out)


def _without(container: HtmlElement, selectors: Iterable[str]) -> HtmlElement:
    clone = copy.deepcopy(container)
    clone.tail = None
    for selector in selectors:
        for node in clone.cssselect(selector):
            if node is not clone:
                node.drop_tree()
    return clone


def _first(tree: HtmlElement, selectors: Iterable[str]) -> HtmlElement | None:
    for selector in selectors:
        for node in tree.cssselect(selector):
            if node.text_content().strip() or node.get("content"):
                return node
    return None


def _document_links(container: HtmlElement, url: str) -> list[str]:
    """PDF and office documents linked from the article (CAICT white papers hang off their pages)."""
    links = []
    for href in container.xpath(".//a/@href"):
        absolute = urljoin(url, href.strip())
        if re.search(r"\.(pdf|docx?|xlsx?)$", urlsplit(absolute).path, re.IGNORECASE) and absolute not in links:
            links.append(absolute)
    return links


def blocked_marker(html_text: str) -> str | None:
    """The first challenge/login marker found in the raw page, if any."""
    sample = html_text[:200_000]
    for pattern in defaults().blocked_markers:
        match = pattern.search(sample)
        if match:
            return match.group(0)
    return None


def _titled_as_site(title: str | None, outlet: str | None, sitename: str | None) -> bool:
    """A page whose whole title is its site's name is the site's home (or a section) page:
    an article has a headline of its own. Catches home pages saved to a file, whose URL
    cannot say they are one."""
    squashed = _squash(title).casefold()
    return bool(squashed) and squashed in {_squash(name).casefold() for name in (outlet, sitename) if name}


def _is_listing(tree: HtmlElement, url: str) -> bool:
    """Home, section and index pages: link text dominates, a lower share on an index-like URL."""
    if date_from_url(original_url(url), list(defaults().url_dates)):
        return False
    visible = "descendant::text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
    total = sum(len(_SPACES.sub("", "".join(node.split()))) for node in tree.xpath(f"//body/{visible}"))
    linked = sum(len(_SPACES.sub("", "".join(node.split()))) for node in tree.xpath(f"//body//a/{visible}"))
    share = linked / total if total else 0.0
    path = urlsplit(original_url(url)).path
    return share > LISTING_LINK_SHARE or (bool(_INDEX_PATH.search(path)) and share > LISTING_LINK_SHARE_ON_INDEX)


# --- metadata ---------------------------------------------------------------------------


def _squash(text: str | None) -> str:
    return _SPACES.sub(" ", " ".join((text or "").split())).strip()


def choose_title(tree: HtmlElement, rule: SiteRule, generic: str | None, sitename: str | None) -> str | None:
    """Site selector, else the page's <h1> when <title> confirms it, else trafilatura's title.

    A dateline is never a title; site suffixes (" - Xinhua | English.news.cn", "-新华网") go.
    """
    for selector in rule.title:
        for node in tree.cssselect(selector):
            candidate = _squash(node.get("content") or node.text_content())
            if candidate and not is_dateline(candidate):
                return strip_title_suffix(candidate, rule, sitename)
    head_title = _squash(" ".join(tree.xpath("//head/title//text()") or tree.xpath("//title//text()")))
    for heading in tree.iter("h1"):
        candidate = _squash(heading.text_content())
        if len(candidate) >= 4 and head_title.startswith(candidate) and not is_dateline(candidate):
            return strip_title_suffix(candidate, rule, sitename)
    for candidate in (_squash(generic), head_title):
        if candidate and not is_dateline(candidate):
            return strip_title_suffix(candidate, rule, sitename)
    return None


def strip_title_suffix(title: str, rule: SiteRule, sitename: str | None) -> str:
    for pattern in rule.title_suffixes:
        title = pattern.sub("", title).strip()
    if sitename:
        parts = _TITLE_SEPARATORS.split(title)
        if len(parts) > 1 and parts[-1].strip().lower() == sitename.strip().lower():
            title = title[: title.rfind(parts[-1])].rstrip(" -|–—_")
    return title


def choose_published(tree: HtmlElement, rule: SiteRule, url: str, generic_date: str | None) -> Moment | None:
    """Site date block, else JSON-LD/OpenGraph/meta, else trafilatura's date, else the URL.

    Structured data goes before trafilatura because trafilatura's date search (htmldate)
    returns a date found in the URL before looking at the page, and the page's own
    ``article:published_time`` is more precise. A date without a time picks up its time from
    the page text when the text states it next to that date.
    """
    tz = zone(rule.timezone)
    moment = None
    for selector in rule.date:
        for node in tree.cssselect(selector):
            moment = parse_moment(node.get("content") or node.get("datetime") or node.text_content())
            if moment:
                break
        if moment:
            break
    if moment is None:
        structured = structured_dates(tree)
        moment = structured[0] if structured else None
    if moment is None and generic_date:
        moment = parse_moment(generic_date)
    if moment is None:
        moment = date_from_url(original_url(url), list(defaults().url_dates))
    if moment is not None and moment.at is None and tz is not None:
        moment = _time_on_day(tree, moment) or moment
    return moment


def _time_on_day(tree: HtmlElement, moment: Moment) -> Moment | None:
    day = moment.day
    pattern = re.compile(
        rf"{day.year}\s*[-/.年]\s*0?{day.month}\s*[-/.月]\s*0?{day.day}(?!\d)\s*日?\s*[0-2]?\d:[0-5]\d(?::[0-5]\d)?"
    )
    body = tree.find("body")
    match = pattern.search(body.text_content() if body is not None else "")
    return parse_moment(match.group(0)) if match else None


def _author(author: str | None) -> str | None:
    author = _squash(author)
    if not author or re.search(r"(?i)editor|编辑", author):
        return None
    return author


def _site_name(tree: HtmlElement, sitename: str | None) -> str | None:
    og = tree.xpath('//meta[@property="og:site_name"]/@content')
    return _squash(og[0]) if og and og[0].strip() else (sitename or None)


def _bare_host(url: str) -> str | None:
    host = host_of(url)
    return host.removeprefix("www.") or None


def _canonical(tree: HtmlElement, url: str) -> str:
    declared = canonical_link(tree)
    return urljoin(url, declared) if declared else original_url(url)
