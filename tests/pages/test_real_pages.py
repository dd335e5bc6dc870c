"""Real saved pages of the target sites (../shared/fixtures/real, see its MANIFEST.md), field by field.

Each page is extracted under its original URL, as the crawler would see it. Where a field
cannot match the manifest, the case says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import SHARED
from extractors.pages.article import extract_article
from extractors.pages.encoding import looks_like_mojibake
from extractors.records import STATUS_NOT_ARTICLE, STATUS_OK

REAL = SHARED / "fixtures" / "real"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/fixtures/real is not available")


@dataclass(frozen=True)
class Saved:
    path: str
    url: str
    title: str | None
    published: str | None        # the manifest's date (or datetime); compared on what it states
    lang: str | None
    first: str = ""              # start of the first line of the body
    last: str = ""               # end of the last line of the body
    status: str = STATUS_OK
    why: str = ""                # where a field cannot be what the manifest says


PAGES = [
    Saved(
        "xinhua-zh/xinhua-zh-article-2024-05-09-li-qiang-xinjiang-development.html",
        "http://www.news.cn/politics/leaders/20240509/3dd6e33cc6d749fbaae01fea337ff400/c.html",
        "李强在新疆调研时强调 彰显特色优势 提高开放水平 在高质量发展中增进民生福祉促进长治久安",
        "2024-05-09", "zh",
        first="新华社乌鲁木齐5月9日电（记者邹伟）中共中央政治局常委、国务院总理李强5月7日至9日在新疆调研。",
        last="马兴瑞、吴政隆参加调研。",
    ),
    Saved(
        "xinhua-zh/xinhua-zh-article-2023-11-17-fortune-drug-supply.html",
        "http://www.news.cn/fortune/2023-11/17/c_1129981476.htm",
        "短缺药品保供稳价 全力保障临床用药需求", "2023-11-17", "zh",
        first="新华社北京11月17日电 记者17日从国家卫生健康委获悉",
        last="国家中医药局积极协调相关部门、行业协会等，推动中药材供需总体平衡。",
    ),
    Saved(
        "xinhua-zh/xinhua-zh-article-2020-02-19-wuhan-voices.html",
        "http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm",
        "武汉的声音：有英勇的你，才有英雄的城！", "2020-02-19 20:29:58", "zh",
        first="“妈妈，为什么还不能出去？”",
        last="正是有了英勇的你们，才有这座英雄的城！（评论员 罗博 萧海川）",
    ),
    Saved(
        "xinhua-zh/xinhua-zh-article-2019-12-10-france-strike.html",
        "http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm",
        "法国全国大罢工再次严重影响交通", "2019-12-10", "zh",
        first="新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工",
        last="总理菲利普将于11日宣布退休制度改革的总体架构。",
    ),
    Saved(
        "xinhua-zh/xinhua-zh-article-2012-06-04-hebei-gb2312-wayback.html",
        "https://web.archive.org/web/20120611024252/http://www.he.xinhuanet.com/news/2012-06/04/content_25340717.htm",
        "话剧《约定无期限》河北各市巡演结束", "2012-06-04 09:20:26", "zh",
        first="一个约定，信守15年，感人至深；一段真情，延续15年，催人泪下。",
        last="引导全市广大青年和中小学生树立正确的世界观、人生观、价值观。",
    ),
    Saved(
        "people/people-zh-article-2024-05-10-henan-high-quality-development.html",
        "http://finance.people.com.cn/n1/2024/0510/c1004-40232587.html",
        "在新时代中部地区崛起中争先出彩（推动高质量发展·权威发布）", "2024-05-10", "zh",
        first="河南着力培育新动能塑造新优势",
        last="让沿黄人民更多分享黄河之利，更多感受黄河之美。",
        why="the body opens with the page's kicker line above the headline, which is part of the story",
    ),
    Saved(
        "people/people-zh-article-2024-04-24-china-latam-space-cooperation.html",
        "http://politics.people.com.cn/n1/2024/0424/c1001-40223222.html",
        "促进航天技术更好惠及人民――习近平主席向首届“中国－拉美和加勒比国家航天合作论坛”致贺信为中拉深化航天合作指明方向",
        "2024-04-24", "zh",
        first="新华社北京4月24日电 题：促进航天技术更好惠及人民",
        last="（记者宋晨、田中全、胡\ufffd础⒑钗睦ぃ\ufffd",
        why="the saved file itself carries U+FFFD in the reporters' names (its source stored badly decoded text)",
    ),
    Saved(
        "people/people-en-fragment-2022-11-23-wildlife-monitoring.html",
        "http://en.people.cn/n3/2022/1123/c90000-10175286.html",
        "Monitoring system aids wild animal protection efforts in NE China", "2022-11-23", "en",
        first="Since it was established in October 2021, the Northeast China Tiger and Leopard National Park",
        last="the number of Amur leopards has exceeded 60 from 42 in 2015.",
        why="a fragment without <head>: the date comes from the URL only, so the 11:35 byline time is not "
        "taken (it is written 'November 23, 2022', not next to a numeric date)",
    ),
    Saved(
        "chinadaily/chinadaily-en-article-2024-05-20-golden-nanmu-chongqing.html",
        "https://www.chinadaily.com.cn/a/202405/20/WS664af0b2a31082fc043c814d.html",
        "Centuries-old golden nanmu add color to Chongqing village", "2024-05-20", "en",
        first="Deep in the mountains of Youyang county in Chongqing",
        last="golden nanmu tree is one kind of this precious plant.",
    ),
    Saved(
        "chinadaily/chinadaily-en-article-2024-05-13-youngsters-fitness.html",
        "https://www.chinadaily.com.cn/a/202405/13/WS664167f4a31082fc043c6af7.html",
        "Youngsters becoming more fitness-conscious", "2024-05-13", "en",
        first="For centuries, the concept of yangsheng",
        last="The patient's condition was soon alleviated without any medical interventions, she said.",
    ),
    Saved(
        "chinadaily/chinadaily-zh-article-2023-11-17-us-china-cooperation.html",
        "https://china.chinadaily.com.cn/a/202311/17/WS65571297a310d5acd876f404.html",
        "外国专家：中美合作共赢符合国际社会利益", "2023-11-17", "zh",
        first="在美国旧金山举行的中美元首会晤吸引了全世界的目光。",
        last="美方需要作出更令人放心的承诺，并采取更多令人安心的行动。",
    ),
    Saved(
        "scmp/scmp-article-2024-05-07-alibaba-online-luxury.html",
        "https://www.scmp.com/native/business/topics/hi-tech-luxury-e-commerce-platform/article/3260907/"
        "alibaba-online-luxury-shopping?campaign=3260907&module=perpetual_scroll_0&pgtype=article",
        "How Alibaba is leading the evolution of online luxury shopping", "2024-05-07T16:02:43+08:00", "en",
        first="- Alibaba’s Tmall Luxury Pavilion is the first e-commerce platform",
        last="which also owns the South China Morning Post.",
    ),
    Saved(
        "scmp/scmp-article-2020-01-20-tsai-playbook-opinion.html",
        "https://www.scmp.com/comment/opinion/article/3046526/taiwanese-president-tsai-ing-wens-political-playbook-should-be",
        "Taiwanese President Tsai Ing-wen’s political playbook should be essential reading for Hong Kong leader Carrie Lam",
        "2020-01-20T10:00:08+08:00", "en",
        first="Taiwanese President Tsai Ing-wen’s spectacular re-election was no easy feat.",
        last="former associate director of the Asia Pacific Media Network at UCLA",
        why="the story is only in the page's Apollo JSON (read by sites/scmp.py); og:title is a shorter social headline",
    ),
    Saved(
        "cgtn/cgtn-fragment-2020-06-25-global-business-daily.html",
        "https://newseu.cgtn.com/news/2020-06-25/Global-Business-Daily-Spirits-rise-foreign-investment-IMF-warning-RAMkwEERxK/index.html",
        None, "2020-06-25", "en",
        first='"We have strongly advocated in favor of public support using public money',
        last='But could it be under threat from COVID-19 and "ultra long haul" flights? Read more here.',
        why="a fragment of the body only: no headline in it (the manifest takes 'Global Business Daily' from the URL)",
    ),
    Saved(
        "caict/caict-homepage-listing-2018-03-16.html", "http://www.caict.ac.cn/",
        "中国信息通信研究院", None, "zh", status=STATUS_NOT_ARTICLE,
        why="a home page: reported as not an article, so no date (its newest item is 2018-03-16)",
    ),
    Saved(
        "globaltimes/globaltimes-homepage-listing-2018-03-21.html", "http://www.globaltimes.cn/",
        "Global Times", None, "en", status=STATUS_NOT_ARTICLE,
        why="a home page: reported as not an article",
    ),
]


def test_every_saved_page_in_the_manifest_is_covered():
    manifest = (REAL / "MANIFEST.md").read_text(encoding="utf-8")
    listed = {path.name for path in REAL.glob("*/*.html") if path.name in manifest}
    assert listed == {Path(page.path).name for page in PAGES}


@pytest.fixture(scope="module", params=PAGES, ids=lambda page: Path(page.path).stem)
def extracted(request):
    page = request.param
    return page, extract_article(page.url, (REAL / page.path).read_bytes())


def test_status(extracted):
    page, article = extracted
    assert article.status == page.status, article.reason


def test_title(extracted):
    page, article = extracted
    assert article.title == page.title


def test_published(extracted):
    page, article = extracted
    if page.published is None:
        return
    expected = page.published.replace(" ", "T")
    assert article.published is not None
    # The manifest gives a date, a local datetime or an offset datetime; compare what it states.
    assert article.published[: len(expected)] == expected


def test_language(extracted):
    page, article = extracted
    assert article.lang == page.lang


def test_first_and_last_sentence(extracted):
    page, article = extracted
    if page.status != STATUS_OK:
        return
    lines = article.text.splitlines()
    assert lines[0].startswith(page.first)
    assert lines[-1].endswith(page.last)


def test_chinese_pages_decode_without_mojibake(extracted):
    page, article = extracted
    if page.lang == "zh" and page.status == STATUS_OK and "U+FFFD" not in page.why:
        assert not looks_like_mojibake(article.text)
        assert "\ufffd" not in article.text


def test_gb2312_bytes_behind_a_utf8_toolbar_decode_as_gb18030():
    page = PAGES[4]
    article = extract_article(page.url, (REAL / page.path).read_bytes())
    assert article.encoding == "gb18030"
    assert article.outlet == "Xinhua"
    assert article.canonical_url == "http://www.he.xinhuanet.com/news/2012-06/04/content_25340717.htm"


def test_pages_declaring_gb2312_but_saved_as_utf8_are_read_as_utf8():
    page = PAGES[5]
    body = (REAL / page.path).read_bytes()
    assert b"charset=GB2312" in body[:2000]
    assert extract_article(page.url, body).encoding == "utf-8"
