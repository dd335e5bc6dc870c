"""Pages written for the project (tests/fixtures/pages) on the real sites' URLs and templates.

They carry real published figures (checked against ../shared/gold): the core AI industry
over 1 trillion yuan in Jan-Nov 2025 and 900 billion yuan (+24%) in 2024, 5,300+ AI firms,
the digital economy at 53.9 trillion yuan (42.8% of GDP) in 2023, 4.251 million (425.1万)
5G base stations at end-2024, 180 EFLOPS at end-2022, 346 generative AI services filed by
31 March 2025.
"""

from __future__ import annotations

import pytest

from conftest import PAGES
from extractors.pages.article import extract_article
from extractors.pages.encoding import looks_like_mojibake
from extractors.pages.syndication import fingerprint, is_near_duplicate
from extractors.records import STATUS_BLOCKED, STATUS_OK

XINHUA_EN = "https://english.news.cn/20251226/c3e9f4a1b07d4e2a9c5b8f61d2e7a034/c.html"
XINHUA_ZH = "https://www.news.cn/tech/20251226/7b41d09e5f2c4a83b6e1d57c90a4f2e8/c.html"
PEOPLE_EN = "http://en.people.cn/n3/2025/1226/c90000-20400231.html"
CAICT = "http://www.caict.ac.cn/kxyj/qwfb/bps/202507/t20250722_508817.htm"
PEOPLE_ZH = "http://finance.people.com.cn/n1/2025/0121/c1004-40405871.html"


def page(name: str, url: str, headers=None, encoding=None):
    return extract_article(url, (PAGES / name).read_bytes(), headers, encoding)


@pytest.fixture(scope="module")
def xinhua_en():
    return page("xinhua-en-20251226-core-ai-industry.html", XINHUA_EN)


@pytest.fixture(scope="module")
def xinhua_zh():
    return page("xinhua-zh-20251226-core-ai-industry.html", XINHUA_ZH)


@pytest.fixture(scope="module")
def people_en():
    return page("people-en-20251226-core-ai-industry-xinhua-copy.html", PEOPLE_EN)


@pytest.fixture(scope="module")
def caict():
    return page("caict-20250722-digital-economy-ai-data.htm", CAICT, {"Content-Type": "text/html"})


# --- Xinhua English, current template -------------------------------------------------------


def test_xinhua_en_title_has_no_site_suffix(xinhua_en):
    assert xinhua_en.status == STATUS_OK
    assert xinhua_en.title == "China's core AI industry tops 1 trillion yuan in 2025"


def test_xinhua_en_published_from_the_date_block_in_beijing_time(xinhua_en):
    assert xinhua_en.published == "2025-12-26T16:38:12+08:00"


def test_xinhua_en_fields(xinhua_en):
    assert (xinhua_en.lang, xinhua_en.outlet, xinhua_en.extraction) == ("en", "Xinhua", "site:xinhua")
    assert xinhua_en.canonical_url == XINHUA_EN


def test_xinhua_en_keeps_the_dateline_in_the_text(xinhua_en):
    first = xinhua_en.text.splitlines()[0]
    assert first.startswith("BEIJING, Dec. 26 (Xinhua) -- The scale of China's core artificial intelligence")
    assert first.endswith("said at a national work conference on Friday.")


def test_xinhua_en_last_sentence(xinhua_en):
    assert xinhua_en.text.splitlines()[-1] == (
        'The ministry said it will push forward an "AI Plus manufacturing" campaign in 2026 and foster AI agents in key industries.'
    )


def test_xinhua_en_drops_caption_editor_line_related_news_and_menus(xinhua_en):
    for furniture in ("Xinhua/Ju Huanzong", "[Editor:", "Related", "Font Size", "Copyright", "Sci-Tech", "Correction"):
        assert furniture not in xinhua_en.text


def test_xinhua_en_carries_the_figures(xinhua_en):
    for figure in ("1 trillion yuan", "1.2 trillion yuan", "nearly 900 billion yuan", "24 percent", "more than 5,300 AI enterprises"):
        assert figure in xinhua_en.text


def test_a_dateline_is_never_taken_for_the_title():
    body = (PAGES / "xinhua-en-20251226-core-ai-industry.html").read_text(encoding="utf-8")
    # A page whose headline block is missing and whose <title> is the dateline itself.
    body = body.replace('<span class="title">China\'s core AI industry tops 1 trillion yuan in 2025</span>', "")
    body = body.replace(
        "<title>China's core AI industry tops 1 trillion yuan in 2025 - Xinhua | English.news.cn</title>",
        "<title>BEIJING, Dec. 26 (Xinhua) -- The scale of China's core AI industry</title>",
    )
    article = extract_article(XINHUA_EN, body.encode("utf-8"))
    assert article.title is None or "(Xinhua)" not in article.title
    assert article.text.startswith("BEIJING, Dec. 26 (Xinhua) --")


# --- Xinhua Chinese, current template -------------------------------------------------------


def test_xinhua_zh_fields(xinhua_zh):
    assert xinhua_zh.status == STATUS_OK
    assert xinhua_zh.title == "2025年我国人工智能核心产业规模超万亿元"
    assert xinhua_zh.published == "2025-12-26T15:47:30+08:00"
    assert (xinhua_zh.lang, xinhua_zh.outlet) == ("zh", "Xinhua")


def test_xinhua_zh_first_and_last_sentence(xinhua_zh):
    lines = xinhua_zh.text.splitlines()
    assert lines[0].startswith("新华社北京12月26日电（记者王悦）记者26日从全国工业和信息化工作会议上获悉")
    assert lines[0].endswith("我国人工智能核心产业规模已超过1万亿元。")
    assert lines[-1] == "会议提出，2026年将推进“人工智能+制造”专项行动，培育重点行业智能体与智能原生企业。"


def test_xinhua_zh_drops_caption_and_editor(xinhua_zh):
    for furniture in ("鞠焕宗", "责任编辑", "纠错", "相关新闻", "字体", "分享到", "\u3000"):
        assert furniture not in xinhua_zh.text
    assert "2024年这一规模为9000亿元，同比增长24%" in xinhua_zh.text
    assert not looks_like_mojibake(xinhua_zh.text)


# --- the same wire story on two sites ------------------------------------------------------


def test_republished_wire_story_has_the_same_fingerprint(xinhua_en, people_en):
    assert people_en.status == STATUS_OK
    assert people_en.title == xinhua_en.title
    assert people_en.outlet == "People's Daily Online"
    assert people_en.published.startswith("2025-12-26")
    assert "Web editor" not in people_en.text
    assert is_near_duplicate(fingerprint(xinhua_en.text), fingerprint(people_en.text))


def test_a_different_story_is_not_a_near_duplicate(xinhua_en, caict):
    assert not is_near_duplicate(fingerprint(xinhua_en.text), fingerprint(caict.text))


# --- CAICT detail page in GB2312 bytes ------------------------------------------------------


def test_caict_gb2312_page_decodes_as_gb18030(caict):
    assert b"charset=gb2312" in (PAGES / "caict-20250722-digital-economy-ai-data.htm").read_bytes()[:400]
    assert caict.encoding == "gb18030"
    assert not looks_like_mojibake(caict.text)


def test_caict_fields(caict):
    assert caict.status == STATUS_OK
    assert caict.title == "中国信通院发布《数字经济与人工智能发展数据（2025年）》"
    assert caict.published == "2025-07-22"
    assert (caict.lang, caict.outlet, caict.extraction) == ("zh", "CAICT", "site:caict")


def test_caict_first_and_last_sentence(caict):
    lines = caict.text.splitlines()
    assert lines[0].startswith("7月22日，中国信息通信研究院（简称“中国信通院”）发布")
    assert lines[0].endswith("2023年我国数字经济规模达到53.9万亿元，占GDP比重达到42.8%，数字经济在国民经济中的地位更加稳固。")
    assert lines[-1] == "中国信通院表示，将持续跟踪数字经济和人工智能产业发展，定期发布相关数据。"


def test_caict_table_rows_stay_lines_with_their_cells(caict):
    lines = caict.text.splitlines()
    assert "5G基站数量\t425.1万个\t2024年底" in lines
    assert "算力总规模\t180 EFLOPS\t2022年底" in lines


def test_caict_links_its_white_paper_pdf(caict):
    assert caict.attachments == ["http://www.caict.ac.cn/kxyj/qwfb/bps/202507/P020250722389457208311.pdf"]
    assert "附件" not in caict.text


# --- encodings: a lying HTTP header, and the per-source override ----------------------------


def test_a_lying_latin1_header_is_overruled_by_the_bytes():
    article = page("people-zh-20250121-5g-base-stations-gbk.html", PEOPLE_ZH, {"Content-Type": "text/html; charset=ISO-8859-1"})
    assert article.encoding == "gb18030"
    assert article.title == "我国5G基站总数达425.1万个"
    assert article.published == "2025-01-21T10:12:00+08:00"
    assert article.text.splitlines()[0].startswith("人民网北京1月21日电 记者从工业和信息化部获悉，截至2024年底，我国5G基站总数达425.1万个")
    assert article.text.splitlines()[-1] == "2024年，北京、上海、海南、深圳等地开展增值电信业务扩大对外开放试点。"
    assert "责编" not in article.text
    assert not looks_like_mojibake(article.text)


def test_a_lying_utf8_header_falls_back_to_the_meta_charset():
    article = page("people-zh-20250121-5g-base-stations-gbk.html", PEOPLE_ZH, {"Content-Type": "text/html; charset=utf-8"})
    assert article.encoding == "gb18030"
    assert "千兆宽带用户突破2亿户" in article.text


def test_the_configured_encoding_wins_over_everything():
    # A wrong override is obeyed (that is what an override is for) and shows as mojibake.
    article = page("people-zh-20250121-5g-base-stations-gbk.html", PEOPLE_ZH, {"Content-Type": "text/html; charset=gbk"}, encoding="latin-1")
    assert article.encoding == "cp1252"
    assert "千兆宽带" not in article.text


# --- blocked pages ---------------------------------------------------------------------------


def test_caict_412_cookie_challenge_is_blocked():
    article = page("caict-412-challenge.html", CAICT)
    assert article.status == STATUS_BLOCKED
    assert "$_ts" in article.reason
    assert article.text == ""


def test_caict_412_status_is_blocked_whatever_the_body():
    article = extract_article(CAICT, (PAGES / "caict-412-challenge.html").read_bytes(), http_status=412)
    assert (article.status, article.reason) == (STATUS_BLOCKED, "HTTP 412: the server refused the page")


def test_a_403_body_is_blocked():
    article = page("nginx-403.html", "https://www.globaltimes.cn/page/202406/1314541.shtml")
    assert article.status == STATUS_BLOCKED
    assert "403 Forbidden" in article.reason


def test_a_login_wall_is_blocked():
    wall = (
        "<html><head><title>Premium</title></head><body><h1>China's AI firms</h1>"
        "<p>Subscribe to continue reading this article.</p><a href='/login'>Sign in</a></body></html>"
    )
    article = extract_article("https://www.example.com/news/2025/12/26/ai-firms.html", wall.encode())
    assert article.status == STATUS_BLOCKED


def test_a_404_answer_is_empty_not_blocked():
    body = b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"
    article = extract_article(XINHUA_EN, body, http_status=404)
    assert (article.status, article.reason) == ("empty", "HTTP 404 with no article text")
