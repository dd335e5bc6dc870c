"""Saved pages read as the pages they are: under the address they name, with their site's rules,
the file kept as provenance, and one article per page whichever way it was ingested first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import SHARED, make_pdf
from extractors.pages.files import PageFileError, article_from_file
from test_cli import XINHUA_PAGE, XINHUA_URL

TITLE = "China's core AI industry tops 1 trillion yuan in 2025"
# Xinhua's own navigation: what lets a page that names no address be known as Xinhua's.
XINHUA_LINKS = "".join(f'<a href="https://english.news.cn/{section}/index.htm">{section}</a>'
                       for section in ("china", "world", "business", "tech"))


def xinhua_page(head: str = "", before: str = "", links: str = "") -> str:
    """Xinhua's English article template (test_cli's page), with ``head`` added to <head>,
    ``before`` written above the document and ``links`` in a navigation bar."""
    return before + XINHUA_PAGE.replace("</head>", f"{head}\n</head>").replace(
        "<body>", f'<body>\n<div class="nav">{links}</div>')


def saved(tmp_path: Path, html: str, name: str = "saved.html") -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def assert_read_as_xinhua(article) -> None:
    assert article.outlet == "Xinhua"
    assert article.title == TITLE                       # the site rule strips " - Xinhua | English.news.cn"
    assert article.published == "2025-12-26T15:04:12+08:00"  # Beijing time, from the site's date block
    assert article.extraction == "site:xinhua"


# The address a saved page names -------------------------------------------------------------


@pytest.mark.parametrize(("head", "before"), [
    (f'<link rel="canonical" href="{XINHUA_URL}">', ""),
    (f'<meta property="og:url" content="{XINHUA_URL}">', ""),
    ("", f"<!-- saved from url=({len(XINHUA_URL):04d}){XINHUA_URL} -->\n"),
    ("", f"<!--{XINHUA_URL}-->\n"),
    ("", f"<!--\n Page saved with SingleFile \n url: {XINHUA_URL} \n saved date: Fri Dec 26 2025 16:00:00 GMT+0800\n-->"),
    (f'<base href="{XINHUA_URL}">', ""),
], ids=["canonical", "og-url", "saved-from-comment", "url-comment", "singlefile", "base-href"])
def test_a_saved_page_is_read_under_the_address_it_names(tmp_path, head, before):
    path = saved(tmp_path, xinhua_page(head, before))
    article = article_from_file(path)
    assert article.url == XINHUA_URL
    assert article.ingested_from == path.resolve().as_uri()
    assert_read_as_xinhua(article)


def test_a_wayback_capture_is_read_under_its_capture_address():
    from extractors.pages.saved import saved_address

    html = """<html><head><script type="text/javascript">
  __wm.init("https://web.archive.org/web");
  __wm.wombat("http://www.he.xinhuanet.com:80/news/2012-06/04/content_25340717.htm","20120611024252","https://web.archive.org/","web","/_static/",
              "1339382572");
</script></head><body></body></html>"""
    assert saved_address(html) == (
        "https://web.archive.org/web/20120611024252/http://www.he.xinhuanet.com/news/2012-06/04/content_25340717.htm")


@pytest.mark.parametrize("head", [
    '<link rel="canonical" href="/20251226/4a1b2c3d4e5f60718293a4b5c6d7e8f9/c.html">',  # relative: no base to read it against
    '<link rel="canonical" href="https://english.news.cn/">',                             # a site's home page names no article
    '<meta property="og:url" content="javascript:alert(1)">',
    '<base target="_blank">',
], ids=["relative", "home-page", "not-http", "base-without-href"])
def test_an_address_that_names_no_article_is_not_taken(tmp_path, head):
    path = saved(tmp_path, xinhua_page(head))
    assert article_from_file(path).url == path.resolve().as_uri()


def test_the_given_url_beats_the_address_the_page_names(tmp_path):
    path = saved(tmp_path, xinhua_page('<link rel="canonical" href="https://example.org/elsewhere.html">'))
    article = article_from_file(path, XINHUA_URL)
    assert article.url == XINHUA_URL
    assert_read_as_xinhua(article)


def test_a_page_naming_no_address_is_read_with_the_rules_of_the_site_it_links_to(tmp_path):
    path = saved(tmp_path, xinhua_page(links=XINHUA_LINKS + '<a href="https://weibo.com/xinhua">Weibo</a>'))
    article = article_from_file(path)
    assert article.url == path.resolve().as_uri()      # no address, so the file stays its identity
    assert_read_as_xinhua(article)


def test_a_page_linking_mostly_elsewhere_gets_no_site_rules(tmp_path):
    links = ('<a href="https://english.news.cn/a.htm">a</a><a href="https://english.news.cn/b.htm">b</a>'
             + "".join(f'<a href="https://blog{n}.example.org/">blog</a>' for n in range(5)))
    article = article_from_file(saved(tmp_path, xinhua_page(links=links)))
    assert article.outlet != "Xinhua" and article.extraction == "trafilatura"


def test_a_page_titled_with_its_site_name_only_is_a_home_page(tmp_path):
    items = "".join(f'<li><a href="https://www.globaltimes.cn/page/202501/{n}.shtml">Headline number {n} of the '
                    f'day on the economy and technology</a> <span>Summary of story {n}, told in one sentence.</span></li>'
                    for n in range(20))
    html = (f"<html><head><title>Global Times</title></head><body><ul>{items}</ul>"
            "<p>" + "Global Times reports on China and the world every day. " * 12 + "</p></body></html>")
    with pytest.raises(PageFileError, match="not_article"):
        article_from_file(saved(tmp_path, html, "gt.html"))


def test_pdfs_and_texts_keep_their_file_as_provenance(tmp_path):
    paper = tmp_path / "white-paper.pdf"
    paper.write_bytes(make_pdf(["The core AI industry of China reached 900 billion yuan in 2024, up 24 percent.",
                                "More than 5,300 AI enterprises were active in 2025 across the industry chain."]))
    text = tmp_path / "note.txt"
    text.write_text("MIIT said China's core AI industry topped 1 trillion yuan in 2025. " * 3, encoding="utf-8")
    for path in (paper, text):
        article = article_from_file(path, "https://example.org/a")
        assert (article.url, article.ingested_from) == ("https://example.org/a", path.resolve().as_uri())


# Through `claimtrack ingest`: provenance and identity -------------------------------------------


def articles_of(db: Path) -> list[sqlite3.Row]:
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    return connection.execute("SELECT * FROM articles ORDER BY id").fetchall()


def test_ingest_records_a_saved_page_under_its_address_with_the_file_as_provenance(run_cli, tmp_path):
    db = tmp_path / "c.db"
    path = saved(tmp_path, xinhua_page(f'<link rel="canonical" href="{XINHUA_URL}">'))
    result = run_cli("--db", db, "ingest", path)
    assert result.exit_code == 0, result.stderr
    [row] = articles_of(db)
    assert (row["url"], row["ingested_from"], row["outlet"], row["title"]) == (
        XINHUA_URL, path.resolve().as_uri(), "Xinhua", TITLE)


def test_reingesting_with_the_real_url_after_a_file_ingest_gives_one_article(run_cli, tmp_path):
    db = tmp_path / "c.db"
    path = saved(tmp_path, xinhua_page())              # names no address, links nowhere
    assert run_cli("--db", db, "ingest", path).exit_code == 0
    [first] = articles_of(db)
    assert first["url"] == path.resolve().as_uri()
    result = run_cli("--db", db, "ingest", path, "--url", XINHUA_URL)
    assert result.exit_code == 0, result.stderr
    [article] = articles_of(db)                        # the same page is one article ...
    assert (article["id"], article["url"], article["original_id"]) == (first["id"], XINHUA_URL, None)
    assert (article["outlet"], article["title"]) == ("Xinhua", TITLE)  # ... now read with its site's rules
    with sqlite3.connect(db) as connection:
        urls = {row[0] for row in connection.execute("SELECT url FROM current_claims")}
    assert urls == {XINHUA_URL}


def test_a_file_copy_is_never_the_original_of_the_page_on_the_web(run_cli, tmp_path):
    db = tmp_path / "c.db"
    early = saved(tmp_path, xinhua_page(links=XINHUA_LINKS), "copy-on-disk.html")
    assert run_cli("--db", db, "ingest", early).exit_code == 0
    later = saved(tmp_path, xinhua_page(links=XINHUA_LINKS), "another-copy.html")
    assert run_cli("--db", db, "ingest", later, "--url", XINHUA_URL).exit_code == 0
    rows = {row["url"]: row for row in articles_of(db)}
    web, disk = rows[XINHUA_URL], rows[early.resolve().as_uri()]
    assert web["original_id"] is None and disk["original_id"] == web["id"]


@pytest.mark.parametrize("body", [b"", b"   \n\t \r\n", "\ufeff\n".encode("utf-8")], ids=["empty", "blank", "bom"])
def test_an_empty_or_blank_text_file_is_refused_like_an_empty_page(run_cli, tmp_path, body):
    db = tmp_path / "c.db"
    path = tmp_path / "note.txt"
    path.write_bytes(body)
    result = run_cli("--db", db, "ingest", path, "--url", "https://example.org/a")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "note.txt: empty" in result.stderr
    assert not db.exists()


# The Done-when of issue 13: the shared saved pages, together without --url and one by one with
# their MANIFEST URLs --------------------------------------------------------------------------------

REAL = SHARED / "fixtures" / "real"
# (file, MANIFEST URL, whether the file names its address itself)
MANIFEST = [
    ("xinhua-zh/xinhua-zh-article-2024-05-09-li-qiang-xinjiang-development.html",
     "http://www.news.cn/politics/leaders/20240509/3dd6e33cc6d749fbaae01fea337ff400/c.html", False),
    ("xinhua-zh/xinhua-zh-article-2023-11-17-fortune-drug-supply.html",
     "http://www.news.cn/fortune/2023-11/17/c_1129981476.htm", False),
    ("xinhua-zh/xinhua-zh-article-2020-02-19-wuhan-voices.html",
     "http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm", False),
    ("xinhua-zh/xinhua-zh-article-2019-12-10-france-strike.html",
     "http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm", True),
    ("xinhua-zh/xinhua-zh-article-2012-06-04-hebei-gb2312-wayback.html",
     "https://web.archive.org/web/20120611024252/http://www.he.xinhuanet.com/news/2012-06/04/content_25340717.htm",
     True),
    ("people/people-zh-article-2024-05-10-henan-high-quality-development.html",
     "http://finance.people.com.cn/n1/2024/0510/c1004-40232587.html", False),
    ("people/people-zh-article-2024-04-24-china-latam-space-cooperation.html",
     "http://politics.people.com.cn/n1/2024/0424/c1001-40223222.html", False),
    ("people/people-en-fragment-2022-11-23-wildlife-monitoring.html",
     "http://en.people.cn/n3/2022/1123/c90000-10175286.html", False),
    ("chinadaily/chinadaily-en-article-2024-05-20-golden-nanmu-chongqing.html",
     "https://www.chinadaily.com.cn/a/202405/20/WS664af0b2a31082fc043c814d.html", True),
    ("chinadaily/chinadaily-en-article-2024-05-13-youngsters-fitness.html",
     "https://www.chinadaily.com.cn/a/202405/13/WS664167f4a31082fc043c6af7.html", True),
    ("chinadaily/chinadaily-zh-article-2023-11-17-us-china-cooperation.html",
     "https://china.chinadaily.com.cn/a/202311/17/WS65571297a310d5acd876f404.html", True),
    ("scmp/scmp-article-2024-05-07-alibaba-online-luxury.html",
     "https://www.scmp.com/native/business/topics/hi-tech-luxury-e-commerce-platform/article/3260907/"
     "alibaba-online-luxury-shopping", True),
    ("scmp/scmp-article-2020-01-20-tsai-playbook-opinion.html",
     "https://www.scmp.com/comment/opinion/article/3046526/taiwanese-president-tsai-ing-wens-political-playbook-should-be",
     True),
    ("cgtn/cgtn-fragment-2020-06-25-global-business-daily.html",
     "https://newseu.cgtn.com/news/2020-06-25/Global-Business-Daily-Spirits-rise-foreign-investment-IMF-warning-RAMkwEERxK/"
     "index.html", False),
]
HOME_PAGES = [("caict/caict-homepage-listing-2018-03-16.html", "http://www.caict.ac.cn/"),
              ("globaltimes/globaltimes-homepage-listing-2018-03-21.html", "http://www.globaltimes.cn/")]
FIELDS = ("outlet", "title", "published", "text")
needs_real_pages = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/fixtures/real is not available")


@needs_real_pages
def test_every_saved_page_of_the_manifest_is_in_the_comparison():
    listed = {path for path, _, _ in MANIFEST} | {path for path, _ in HOME_PAGES}
    assert listed == {str(path.relative_to(REAL)) for path in REAL.glob("*/*.html")}


@needs_real_pages
def test_saved_pages_ingested_together_without_url_equal_one_by_one_with_their_urls(run_cli, tmp_path):
    together = tmp_path / "together.db"
    result = run_cli("--db", together, "ingest", *(REAL / path for path, _, _ in MANIFEST))
    assert result.exit_code == 0, result.stderr
    by_file = {row["ingested_from"]: row for row in articles_of(together)}
    one_by_one = tmp_path / "one-by-one.db"
    for path, url, _ in MANIFEST:
        result = run_cli("--db", one_by_one, "ingest", REAL / path, "--url", url)
        assert result.exit_code == 0, result.stderr
    by_url = {row["url"]: row for row in articles_of(one_by_one)}
    for path, url, names_its_address in MANIFEST:
        file_url = (REAL / path).resolve().as_uri()
        alone, batch = by_url[url], by_file[file_url]
        assert {field: batch[field] for field in FIELDS} == {field: alone[field] for field in FIELDS}, path
        # A page that names its address is that page; one that names none stays its file.
        assert batch["url"] == (url if names_its_address else file_url), path
    assert len(by_file) == len(MANIFEST)


@needs_real_pages
@pytest.mark.parametrize(("path", "url"), HOME_PAGES, ids=["caict", "globaltimes"])
def test_saved_home_pages_are_refused_with_or_without_their_url(run_cli, tmp_path, path, url):
    db = tmp_path / "c.db"
    for args in ([], ["--url", url]):
        result = run_cli("--db", db, "ingest", REAL / path, *args)
        assert result.exit_code == 1 and "not_article" in result.stderr, result.stderr
    assert not db.exists()


@needs_real_pages
def test_a_saved_page_that_names_no_address_becomes_its_real_article_once_given_its_url(run_cli, tmp_path):
    db = tmp_path / "c.db"
    path, url, _ = MANIFEST[5]                          # People's Daily: the file names no address
    assert run_cli("--db", db, "ingest", REAL / path).exit_code == 0
    assert run_cli("--db", db, "ingest", REAL / path, "--url", url).exit_code == 0
    [row] = articles_of(db)
    assert (row["url"], row["ingested_from"], row["outlet"]) == (url, (REAL / path).resolve().as_uri(),
                                                                  "People's Daily Online")
