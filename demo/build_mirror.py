"""Build the demo mirror (``demo/mirror/``) from the article texts in ``demo/source/``.

``python -m demo.build_mirror`` renders every page on its site's template and writes the
listing pages the crawler starts from (a Xinhua section page, a news.cn channel page with its
``ds_<id>.json``, CAICT's paginated list, an RSS feed, a sitemap index), ``MANIFEST.md`` for
readers and ``manifest.json`` for tests and ``claimtrack demo``. The output is committed;
a test rebuilds it in a temporary folder and compares, so the two never drift apart. The
white-paper PDF is built separately (``demo/build_pdf.py``: it needs Chromium) and kept.

Ids in URLs (``<32 hex>``, ``c_<digits>``, ``t<date>_<digits>``) are derived from each
article's ``ref``, so a rebuild gives the same URLs.
"""

from __future__ import annotations

import hashlib
import html
import json
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import urlsplit

from demo import MIRROR_DIR

SOURCE_DIR = Path(__file__).resolve().with_name("source")
TEMPLATES = SOURCE_DIR / "templates"
BEIJING = timezone(timedelta(hours=8))
# Files of the mirror that build_pdf.py makes; a rebuild keeps them.
KEPT_SUFFIXES = (".pdf",)
MANIFEST_JSON = "manifest.json"
# WordPress serves folders as index.html; Xinhua and TRS sites as index.htm.
_WORDPRESS_HOSTS = ("technode.com", "pandaily.com")
_WORDPRESS_INDEX = "index.html"


@dataclass
class Page:
    """One article of the mirror, with where it lives and what it must yield."""

    ref: str
    site: str
    source: str
    url: str
    lang: str
    outlet: str
    published: datetime               # Beijing time
    title: str
    paragraphs: list[str]
    expect: list[dict[str, Any]]
    findings: list[str]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id_hex(self) -> str:
        return _hex(self.ref)

    @property
    def file(self) -> str:
        return url_to_file(self.url)


def _hex(ref: str) -> str:
    return hashlib.md5(f"claimtrack-demo:{ref}".encode()).hexdigest()


def _digits(ref: str, count: int) -> str:
    return str(int(_hex(ref), 16))[-count:]


def url_to_file(url: str) -> str:
    """Where a URL's page sits in the mirror: ``<host>/<path>``, folders by their index file."""
    parts = urlsplit(url)
    path = parts.path
    if path.endswith("/feed/"):
        path += "index.xml"
    elif path.endswith("/"):
        path += _WORDPRESS_INDEX if parts.hostname in _WORDPRESS_HOSTS else "index.htm"
    return f"{parts.hostname}{path}"


def _render(name: str, **values: Any) -> str:
    return Template((TEMPLATES / name).read_text(encoding="utf-8")).substitute(values)


def _text(value: str) -> str:
    return html.escape(value, quote=False)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads((SOURCE_DIR / name).read_text(encoding="utf-8"))


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BEIJING)


# --- pages ------------------------------------------------------------------------------------


def _xinhua_en_url(article: dict[str, Any], site: dict[str, Any]) -> str:
    moment = _moment(article["published"])
    return f"https://english.news.cn/{article.get('path_prefix', '')}{moment:%Y%m%d}/{_hex(article['ref'])}/c.html"


def _xinhua_zh_url(article: dict[str, Any], site: dict[str, Any]) -> str:
    moment = _moment(article["published"])
    if article.get("template") == "2019":
        return f"{site['channel_url']}{moment:%Y-%m}/{moment:%d}/c_11262{_digits(article['ref'], 5)}.htm"
    return f"{site['channel_url']}{moment:%Y%m%d}/{_hex(article['ref'])}/c.html"


def _caict_url(article: dict[str, Any], site: dict[str, Any]) -> str:
    moment = _moment(article["published"])
    return f"{site['section_url']}{moment:%Y%m}/t{moment:%Y%m%d}_{_digits(article['ref'], 7)}.htm"


# Source file, language, outlet and URL scheme of the sites with one source file each.
_SITE_FILES = (
    ("xinhua_en.toml", "en", "Xinhua", _xinhua_en_url),
    ("xinhua_zh.toml", "zh", "Xinhua", _xinhua_zh_url),
    ("caict.toml", "zh", "CAICT", _caict_url),
)


def load_pages() -> tuple[list[Page], dict[str, dict[str, Any]]]:
    """Every article of the mirror, and each site's settings, from ``demo/source``."""
    pages: list[Page] = []
    sites: dict[str, dict[str, Any]] = {}
    for name, lang, outlet, url_of in _SITE_FILES:
        site = _load(name)
        sites[site["site"]] = site
        pages += [_page(article, site, url_of(article, site), lang, outlet) for article in site["articles"]]
    trade = _load("trade_press.toml")
    for site in trade["sites"]:
        sites[site["site"]] = site
    for article in trade["articles"]:
        site = sites[article["site"]]
        pages.append(_page(article, site, f"https://{site['host']}/{article['slug']}", "en", site["name"]))
    return pages, sites


def _page(article: dict[str, Any], site: dict[str, Any], url: str, lang: str, outlet: str) -> Page:
    known = {"ref", "published", "title", "paragraphs", "expect", "findings"}
    return Page(
        ref=article["ref"], site=site["site"], source=site["source"], url=url, lang=lang, outlet=outlet,
        published=_moment(article["published"]), title=article["title"], paragraphs=list(article["paragraphs"]),
        expect=list(article["expect"]), findings=list(article["findings"]),
        extra={key: value for key, value in article.items() if key not in known},
    )


def white_paper() -> dict[str, Any]:
    """The white paper beside a CAICT page: its texts and its URL (``./P0YYYYMMDD<digits>.pdf``)."""
    paper = dict(_load("caict.toml")["white_paper"])
    pages, _ = load_pages()
    owner = next(page for page in pages if page.ref == paper["of"])
    paper["url"] = owner.url.rsplit("/", 1)[0] + f"/P0{owner.published:%Y%m%d}{_digits(paper['ref'], 12)}.pdf"
    paper["published"] = owner.published
    return paper


def _paragraphs(page: Page, indent: str = "", style: str = "") -> str:
    return "\n".join(f"{indent}<p{style}>{_text(paragraph)}</p>" for paragraph in page.paragraphs)


def _xinhua_en(page: Page, related: list[Page]) -> bytes:
    items = "\n".join(f'   <li><a href="{other.url}">{_text(other.title)}</a></li>' for other in related)
    return _render(
        "xinhua_en_article.html", title=_text(page.title), date=f"{page.published:%Y-%m-%d}",
        year=f"{page.published:%Y}", month_day=f"{page.published:%m/%d}", time=f"{page.published:%H:%M:%S}",
        content_id=f"{page.published:%Y%m%d}{page.id_hex}", keywords="AI,industry,China",
        description=_attr(page.paragraphs[0][:160]), paragraphs=_paragraphs(page), related=items,
    ).encode("utf-8")


def _xinhua_zh(page: Page) -> bytes:
    values = dict(
        title=_text(page.title), date=f"{page.published:%Y-%m-%d}", year=f"{page.published:%Y}",
        month_day=f"{page.published:%m/%d}", time=f"{page.published:%H:%M:%S}", keywords="人工智能",
        description=_attr(page.extra["summary"]), author=page.extra.get("author", ""), editor="王磊",
    )
    if page.extra.get("template") == "2019":
        charset = page.extra.get("encoding", "utf-8")
        body = _render("xinhua_zh_article_2019.html", charset=charset, publish_id=page.url.rsplit("c_", 1)[1][:-4],
                       paragraphs=_paragraphs(page).replace("<p>", "<p>　　"), **values)
        return body.encode(charset)  # strict: a character the charset lacks is a build error
    return _render("xinhua_zh_article.html", content_id=f"{page.published:%Y%m%d}{page.id_hex}",
                   paragraphs=_paragraphs(page).replace("<p>", "<p>　　"), **values).encode("utf-8")


def _caict_detail(page: Page, site: dict[str, Any], pdf_url: str | None) -> bytes:
    paragraphs = _paragraphs(page, style=' style="text-indent: 2em;"')
    if pdf_url:
        name = pdf_url.rsplit("/", 1)[1]
        paragraphs += f'\n<p style="text-indent: 2em;">附件：<a href="./{name}" target="_blank">{_text(page.title)}.pdf</a></p>'
    return _render(
        "caict_detail.html", title=_text(page.title), column_name=site["section_title"],
        pub_date=f"{page.published:%Y-%m-%d %H:%M}", date=f"{page.published:%Y-%m-%d}", keywords="人工智能,白皮书",
        paragraphs=paragraphs,
    ).encode("utf-8")


def _wordpress(page: Page, site: dict[str, Any], related: list[Page]) -> bytes:
    paragraphs = _paragraphs(page)
    if page.extra.get("credit"):
        paragraphs += f"\n<p><em>{_text(page.extra['credit'])}</em></p>"
    json_ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": page.title,
        "datePublished": page.published.isoformat(), "author": {"@type": "Person", "name": page.extra["author"]},
        "publisher": {"@type": "Organization", "name": site["name"]}, "mainEntityOfPage": page.url,
    }, ensure_ascii=False).replace("</", "<\\/")
    items = "\n".join(f'<li><a href="{other.url}">{_text(other.title)}</a></li>' for other in related)
    return _render(
        "wordpress_article.html", title=_text(page.title), site_name=site["name"], host=site["host"],
        theme=site["site"], url=page.url, description=_attr(page.paragraphs[0][:160]),
        published_iso=page.published.isoformat(), author=_text(page.extra["author"]), json_ld=json_ld,
        category=page.extra["category"], category_slug=page.extra["category"].lower(),
        date_text=f"{page.published:%B} {page.published.day}, {page.published:%Y}", paragraphs=paragraphs,
        related=items,
    ).encode("utf-8")


# --- listings ---------------------------------------------------------------------------------


def _href(page: Page, section_url: str) -> str:
    """The link a section page writes: absolute, ``../`` or section-relative, as the source says."""
    style = page.extra.get("link", "absolute")
    path = urlsplit(page.url).path
    section_path = urlsplit(section_url).path
    if style == "relative":
        if not path.startswith(section_path):
            raise ValueError(f"{page.ref}: a relative link needs the article under {section_path}")
        return path[len(section_path):]
    if style == "parent":
        return "../" + path.lstrip("/")
    return page.url


def _xinhua_en_section(site: dict[str, Any], pages: list[Page]) -> bytes:
    items = "\n".join(
        f'   <div class="item"><div class="tit"><a href="{_href(page, site["section_url"])}" target="_blank">{_text(page.title)}</a></div>'
        f'<div class="time">{page.published:%Y-%m-%d}</div></div>'
        for page in sorted(pages, key=lambda page: page.published, reverse=True)
    )
    return _render("xinhua_en_section.html", section_title=site["section_title"], items=items).encode("utf-8")


def _xinhua_zh_channel(site: dict[str, Any], pages: list[Page]) -> tuple[bytes, str, bytes]:
    """The channel page, the name of its JSON list, and the list."""
    datasource = _hex(site["channel_url"])
    page_html = _render("xinhua_zh_channel.html", channel_title=site["channel_title"], datasource=datasource)
    rows = []
    for page in pages:
        relative = page.extra.get("publish_url") == "relative"
        url = page.url[len(site["channel_url"]):] if relative else page.url
        base = {
            "contentId": f"{page.published:%Y%m%d}{page.id_hex}" if "/c.html" in page.url else page.url.rsplit("c_", 1)[1][:-4],
            "author": page.extra.get("author", ""), "summary": page.extra.get("summary", ""), "keywords": "人工智能",
        }
        rows.append({**base, "title": page.title, "contentType": "Article", "publishUrl": url,
                     "publishTime": f"{page.published:%Y-%m-%d %H:%M:%S}"})
        if page.extra.get("link_row_time"):
            anchor = f'<a href="{page.url}" target="_blank">{html.escape(page.title, quote=False)}</a>'
            rows.append({**base, "title": anchor, "contentType": "Link", "publishUrl": page.url,
                         "publishTime": page.extra["link_row_time"]})
    rows.sort(key=lambda row: row["publishTime"], reverse=True)
    listing = json.dumps({"status": "000", "totalnum": len(rows), "datasource": rows}, ensure_ascii=False, indent=1)
    return page_html.encode("utf-8"), f"ds_{datasource}.json", (listing + "\n").encode("utf-8")


def _caict_lists(site: dict[str, Any], pages: list[Page]) -> list[tuple[str, bytes]]:
    """index.htm, index_1.htm, ...: table rows of a.kxyj_text links and span.kxyj_text dates."""
    by_page: dict[int, list[Page]] = {}
    for page in pages:
        by_page.setdefault(page.extra["page"], []).append(page)
    count = max(by_page) + 1
    names = ["index.htm"] + [f"index_{number}.htm" for number in range(1, count)]
    out = []
    for number, name in enumerate(names):
        rows = "\n".join(
            f'<tr><td class="kxyj_td"><a class="kxyj_text" href="./{page.url[len(site["section_url"]):]}" '
            f'title="{_attr(page.title)}" target="_blank">{_text(page.title)}</a></td>'
            f'<td width="100" align="right"><span class="kxyj_text">{page.published:%Y-%m-%d}</span></td></tr>'
            for page in sorted(by_page.get(number, []), key=lambda page: page.published, reverse=True)
        )
        pager = [f'<a href="./{names[0]}">首页</a>']
        pager.append(f'<a href="./{names[number - 1]}">上一页</a>' if number > 0 else "<span>上一页</span>")
        pager.append(f'<a href="./{names[number + 1]}">下一页</a>' if number + 1 < count else "<span>下一页</span>")
        pager.append(f'<a href="./{names[-1]}">尾页</a>')
        out.append((name, _render("caict_list.html", column_name=site["section_title"], rows=rows, page_count=count,
                                  page_index=number, pager=" ".join(pager)).encode("utf-8")))
    return out


def _rss(site: dict[str, Any], pages: list[Page]) -> bytes:
    newest_first = sorted(pages, key=lambda page: page.published, reverse=True)
    items = "\n".join(
        "\t<item>\n"
        f"\t\t<title>{_text(page.title)}</title>\n"
        f"\t\t<link>{page.url}</link>\n"
        f"\t\t<dc:creator><![CDATA[{page.extra['author']}]]></dc:creator>\n"
        f"\t\t<pubDate>{format_datetime(page.published.astimezone(timezone.utc))}</pubDate>\n"
        f"\t\t<category><![CDATA[{page.extra['category']}]]></category>\n"
        f'\t\t<guid isPermaLink="false">https://{site["host"]}/?p={_digits(page.ref, 6)}</guid>\n'
        f"\t\t<description><![CDATA[{page.paragraphs[0]}]]></description>\n"
        "\t</item>"
        for page in newest_first
    )
    return _render("rss_feed.xml", site_name=site["name"], host=site["host"],
                   description="Insight into China's tech industry", items=items,
                   last_build=format_datetime(newest_first[0].published.astimezone(timezone.utc))).encode("utf-8")


def _sitemaps(site: dict[str, Any], pages: list[Page]) -> list[tuple[str, bytes]]:
    """A Yoast-style sitemap index pointing to a post sitemap (every post) and a news
    sitemap (the posts of the last two days before the newest, as Google News asks)."""
    newest_first = sorted(pages, key=lambda page: page.published, reverse=True)
    recent = [page for page in newest_first if newest_first[0].published - page.published <= timedelta(days=2)]
    news = "\n".join(
        f"<url><loc>{page.url}</loc><news:news><news:publication><news:name>{site['name']}</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>{page.published.isoformat()}</news:publication_date>"
        f"<news:title>{_text(page.title)}</news:title></news:news></url>"
        for page in recent
    )
    posts = "\n".join(f"<url><loc>{page.url}</loc><lastmod>{page.published.isoformat()}</lastmod></url>" for page in newest_first)
    newest = newest_first[0].published.isoformat()
    index = "\n".join(
        f"<sitemap><loc>https://{site['host']}/{name}</loc><lastmod>{newest}</lastmod></sitemap>"
        for name in ("post-sitemap.xml", "news-sitemap.xml")
    )
    robots = f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: https://{site['host']}/{site['sitemap_index']}\n"
    return [
        (site["sitemap_index"], _render("sitemap_index.xml", sitemaps=index).encode("utf-8")),
        ("post-sitemap.xml", _render("post_sitemap.xml", urls=posts).encode("utf-8")),
        ("news-sitemap.xml", _render("news_sitemap.xml", urls=news).encode("utf-8")),
        ("robots.txt", robots.encode("utf-8")),
    ]


# --- the whole mirror -------------------------------------------------------------------------


def build_files() -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every file of the mirror (path -> bytes, the PDF excepted) and the manifest."""
    pages, sites = load_pages()
    paper = white_paper()
    files: dict[str, bytes] = {}
    listings: list[dict[str, str]] = []

    def listing(url: str, kind: str, body: bytes) -> None:
        files[url_to_file(url)] = body
        listings.append({"url": url, "file": url_to_file(url), "kind": kind})

    by_site: dict[str, list[Page]] = {}
    for page in pages:
        by_site.setdefault(page.site, []).append(page)
    for page in pages:
        site = sites[page.site]
        if page.site == "xinhua-en":
            related = [other for other in by_site["xinhua-en"] if other is not page][:2]
            files[page.file] = _xinhua_en(page, related)
        elif page.site == "xinhua-zh":
            files[page.file] = _xinhua_zh(page)
        elif page.site == "caict":
            files[page.file] = _caict_detail(page, site, paper["url"] if page.ref == paper["of"] else None)
        else:
            related = [other for other in by_site[page.site] if other is not page][:2]
            files[page.file] = _wordpress(page, site, related)

    english = sites["xinhua-en"]
    listing(english["section_url"], "xinhua section page", _xinhua_en_section(english, by_site["xinhua-en"]))
    chinese = sites["xinhua-zh"]
    channel, list_name, rows = _xinhua_zh_channel(chinese, by_site["xinhua-zh"])
    listing(chinese["channel_url"], "news.cn channel page", channel)
    listing(chinese["channel_url"] + list_name, "news.cn channel list (JSON)", rows)
    caict = sites["caict"]
    for name, body in _caict_lists(caict, by_site["caict"]):
        listing(caict["section_url"] + name, "CAICT listing page", body)
    technode = sites["technode"]
    listing(f"https://{technode['host']}/{technode['feed']}", "RSS feed", _rss(technode, by_site["technode"]))
    pandaily = sites["pandaily"]
    for name, body in _sitemaps(pandaily, by_site["pandaily"]):
        kind = {"robots.txt": "robots.txt naming the sitemap index", pandaily["sitemap_index"]: "sitemap index",
                "news-sitemap.xml": "news sitemap"}.get(name, "sitemap")
        listing(f"https://{pandaily['host']}/{name}", kind, body)

    manifest = _manifest(pages, sites, paper, listings)
    manifest["findings"] = _load("findings.toml")["findings"]
    files[MANIFEST_JSON] = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    files["MANIFEST.md"] = manifest_markdown(manifest).encode("utf-8")
    return files, manifest


def _manifest(pages: list[Page], sites: dict[str, dict[str, Any]], paper: dict[str, Any],
              listings: list[dict[str, str]]) -> dict[str, Any]:
    start_urls = {
        "xinhua-en": [sites["xinhua-en"]["section_url"]],
        "xinhua-zh": [sites["xinhua-zh"]["channel_url"]],
        "caict": [sites["caict"]["section_url"]],
        "technode": [f"https://{sites['technode']['host']}/{sites['technode']['feed']}"],
        "pandaily": [f"https://{sites['pandaily']['host']}/{sites['pandaily']['sitemap_index']}"],
    }
    spiders = {"xinhua-en": "xinhua", "xinhua-zh": "xinhua", "caict": "caict", "technode": "feeds", "pandaily": "feeds"}
    langs = {"xinhua-en": "en", "xinhua-zh": "zh", "caict": "zh", "technode": "en", "pandaily": "en"}
    documents = [
        {"ref": page.ref, "source": page.source, "url": page.url, "file": page.file, "lang": page.lang,
         "outlet": page.outlet, "published": page.published.isoformat(), "title": page.title,
         "encoding": page.extra.get("encoding", "utf-8"), "expect": page.expect, "findings": page.findings}
        for page in sorted(pages, key=lambda page: page.published)
    ]
    documents.append({
        "ref": paper["ref"], "source": "caict", "url": paper["url"], "file": url_to_file(paper["url"]), "lang": "zh",
        "outlet": "CAICT", "published": paper["published"].date().isoformat(), "title": paper["title"],
        "encoding": "pdf", "expect": paper["expect"], "findings": paper["findings"],
    })
    return {
        "sources": [{"name": name, "spider": spiders[name], "lang": langs[name], "start_urls": urls}
                    for name, urls in start_urls.items()],
        "documents": documents,
        "listings": listings,
    }


def _figure(claim: dict[str, Any]) -> str:
    value = claim["value"]
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    parts = [claim["metric"], f"{claim.get('qualifier', '')} {shown} {claim['unit']}".strip(),
             claim.get("kind", ""), claim.get("period") or "", claim.get("modality", ""), claim.get("attribution") or ""]
    return " · ".join(part for part in parts if part)


def manifest_markdown(manifest: dict[str, Any]) -> str:
    lines = [
        "# The demo mirror",
        "",
        "Pages written for claimtrack in the URL and HTML structure of the target sites (see",
        "`shared/SITES.md`), carrying figures that the bodies named really published; the",
        "sentences, and the titles of the CAICT reports, are the project's own. Generated from",
        "`demo/source/` by `python -m demo.build_mirror` (do not edit the pages by hand); the PDF",
        "by `python -m demo.build_pdf`. `manifest.json` holds the same facts for programs.",
        "",
        "One release is invented: CA5, CAICT's January 2026 revision of its 2024 core AI industry",
        "figure to nearly 1 trillion yuan, written so that the mirror holds a revision. CAICT",
        "published no such revision; the figure it revises (more than 900 billion, CA2) is real.",
        "",
        "`python -m demo.server` serves this folder on 127.0.0.1: a page listed here as",
        "`https://english.news.cn/business/` is at `http://127.0.0.1:PORT/english.news.cn/business/`,",
        "and absolute links to the mirrored hosts are rewritten to the mirror as they are served.",
        "",
        "## Sources (where a crawl starts)",
        "",
        "| source | spider | lang | start URLs |",
        "|---|---|---|---|",
    ]
    for source in manifest["sources"]:
        lines.append(f"| {source['name']} | {source['spider']} | {source['lang']} | {', '.join(source['start_urls'])} |")
    lines += ["", "## Findings the mirror is built to produce", "", "| type | metric | period | pages | what |",
              "|---|---|---|---|---|"]
    for finding in manifest["findings"]:
        lines.append(f"| {finding['type']} | {finding['metric']} | {finding['period']} | {', '.join(finding['refs'])} | "
                     f"{finding['note']} |")
    lines += ["", "`none` rows are near misses that must produce no finding; `skipped` rows are differences that",
              "claimtrack deliberately does not flag (the row says why).", "",
              "## Listing pages", "", "| URL | file | what |", "|---|---|---|"]
    for item in manifest["listings"]:
        lines.append(f"| {item['url']} | `{item['file']}` | {item['kind']} |")
    lines += [
        "",
        "The news.cn channel list (`ds_<id>.json`) is `{\"status\", \"totalnum\", \"datasource\": [rows]}`; each row",
        "has `contentId`, `title`, `contentType` (`Article`, or `Link` for an editor-placed link whose",
        "`title` is an `<a>` fragment and whose `publishTime` is when the link was placed),",
        "`publishUrl` (absolute or relative to the channel folder), `publishTime` (Beijing time),",
        "`author`, `summary`, `keywords`.",
        "",
        "## Articles, oldest first",
        "",
        "| ref | published | lang | source | URL | file |",
        "|---|---|---|---|---|---|",
    ]
    for document in manifest["documents"]:
        encoding = f" ({document['encoding'].upper()})" if document["encoding"] not in ("utf-8", "pdf") else ""
        lines.append(f"| {document['ref']} | {document['published'][:16].replace('T', ' ')} | {document['lang']}{encoding} | "
                     f"{document['source']} | {document['url']} | `{document['file']}` |")
    lines += ["", "## What each article carries and is meant to produce", ""]
    for document in manifest["documents"]:
        lines.append(f"### {document['ref']}: {document['title']}")
        lines.append("")
        lines.append(f"{document['outlet']}, {document['published'][:10]}. Figures the extractor must read:")
        lines.append("")
        lines += [f"- {_figure(claim)}" for claim in document["expect"]]
        lines.append("")
        lines.append("Meant to produce:")
        lines.append("")
        lines += [f"- {finding}" for finding in document["findings"]]
        lines.append("")
    return "\n".join(lines)


def write_mirror(target: Path = MIRROR_DIR) -> list[str]:
    """Write the mirror into ``target``, replacing what was there except the PDFs; returns the
    files written."""
    files, _ = build_files()
    target.mkdir(parents=True, exist_ok=True)
    for child in target.iterdir():
        if child.is_dir():
            for path in sorted(child.rglob("*"), reverse=True):
                if path.is_file() and path.suffix not in KEPT_SUFFIXES:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        elif child.suffix not in KEPT_SUFFIXES:
            child.unlink()
    for name, body in sorted(files.items()):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    return sorted(files)


def main() -> None:
    written = write_mirror()
    print(f"wrote {len(written)} files to {MIRROR_DIR}")


if __name__ == "__main__":
    main()
