"""Republication links: a copy is linked to the original it repeats, in any recording order,
and look-alike stories (same opening paragraph, different body) are never linked."""

from __future__ import annotations

import json
import random

import pytest

from conftest import make_article
from extractors.pages.syndication import (
    MINHASH_BANDS,
    NEAR_DUPLICATE_BITS,
    distance,
    fingerprint,
    minhash_bands,
    shingle_similarity,
    shingles,
)
from store import ClaimStore
from store.republications import sharing_a_band_sql

# A State Council Information Office briefing opens several Xinhua stories the same way; each
# then reports a different set of figures (published figures for 2024).
OPENING = (
    "BEIJING, Jan. 17 (Xinhua) -- China's digital economy kept growing fast last year, officials said at a "
    "press conference of the State Council Information Office on Friday, as the country pushed ahead with "
    "new infrastructure, computing power and the integration of artificial intelligence into industry. "
)
BODIES = [
    "The number of 5G base stations reached 4.25 million by the end of 2024, accounting for 33.6 percent of all "
    "mobile base stations, the Ministry of Industry and Information Technology said. Gigabit broadband users "
    "numbered 207 million, and 5G mobile phone users exceeded one billion for the first time.",
    "China's total computing power ranked second in the world at 280 EFLOPS, of which intelligent computing "
    "power made up 90 EFLOPS, the National Data Administration said. Data centres in the eastern data, western "
    "computing hubs now host more than 1.95 million standard racks.",
    "Software and information technology services revenue grew 10 percent to 13.7 trillion yuan, the statistics "
    "showed, while the core digital economy industries accounted for about 10 percent of GDP. Online retail sales "
    "of physical goods rose 6.5 percent to 13.08 trillion yuan.",
    "The country registered 302 generative artificial intelligence services with the Cyberspace Administration "
    "by the end of the year, and 238 of them were launched to the public. Users of generative AI products "
    "reached 249 million, or 17.7 percent of the population.",
]
WIRE_STORIES = [
    "TIANJIN, June 20 (Xinhua) -- China now hosts more than 4,500 artificial intelligence (AI) companies, "
    "reflecting the country's efforts to embrace the AI boom, according to official figures released at an "
    "industry event on Thursday. The data was made public by Shan Zhongde, vice minister of industry and "
    "information technology, at the 2024 World Intelligence Expo in north China's Tianjin Municipality. "
    "China's core AI industry reached a scale of more than 578 billion yuan in 2023, up 13.9 percent year "
    "on year, official data shows.",
    "SHANGHAI, July 26 (Xinhua) -- China has released 1,509 large AI models, ranking first among the 3,755 "
    "models released worldwide, according to a report unveiled at the 2025 World Artificial Intelligence "
    "Conference in Shanghai on Saturday. The country's core AI industry is expected to exceed 900 billion yuan "
    "this year, and more than 5,300 AI enterprises now operate nationwide, the report said.",
]


def copies_of(text: str) -> list[str]:
    """What republishers do: drop the dateline for an editor line, add a credit at the end."""
    body = text.split(" -- ", 1)[1]
    return ["Editor: Liu Wei. " + body, text + " (Editor: Zhang Min)", "Source: Xinhua. " + body]


def corpus() -> tuple[list, dict[str, str | None]]:
    """Articles, and the original URL each should link to (None: it is an original)."""
    articles, expected = [], {}
    look_alikes = [OPENING + body for body in BODIES]
    # The first look-alike has copies too, one with its last sentence cut.
    cut = look_alikes[0].rsplit(". ", 1)[0] + "."
    stories = [(look_alikes[0], [*copies_of(look_alikes[0]), cut])]
    stories += [(text, []) for text in look_alikes[1:]]
    stories += [(text, copies_of(text)) for text in WIRE_STORIES]
    for number, (text, copies) in enumerate(stories):
        original = make_article(f"https://english.news.cn/2025011{number}/story{number}/c.html", text,
                                published=f"2025-01-1{number}")
        articles.append(original)
        expected[original.url] = None
        for copy_number, copy in enumerate(copies):
            url = f"http://en.people.cn/n3/2025/012{copy_number}/c90000-{number}{copy_number}.html"
            articles.append(make_article(url, copy, published=f"2025-01-2{copy_number}"))
            expected[url] = original.url
    return articles, expected


def links(store: ClaimStore) -> dict[str, str | None]:
    rows = store.db.execute(
        "SELECT articles.url, originals.url FROM articles LEFT JOIN articles AS originals "
        "ON originals.id = articles.original_id"
    ).fetchall()
    return dict(rows)


def band_flags(store: ClaimStore) -> dict[str, set[int]]:
    """Each article's ``original`` flags in minhash_bands."""
    rows = store.db.execute(
        "SELECT articles.url, minhash_bands.original FROM minhash_bands JOIN articles ON articles.id = minhash_bands.article_id"
    ).fetchall()
    flags: dict[str, set[int]] = {}
    for url, flag in rows:
        flags.setdefault(url, set()).add(flag)
    return flags


def test_the_corpus_has_look_alikes_whose_fingerprints_or_bands_alone_would_join_them():
    """The test below is only worth something if fingerprints put a distinct story within reach
    of another story's cluster, as chains of neighbours did, and if MinHash bands propose
    look-alikes that only the texts tell apart."""
    articles, expected = corpus()
    distinct = [a for a in articles if expected[a.url] is None]
    members = [a for a in articles if a.url not in {d.url for d in distinct}]
    near = [(d.url, m.url) for d in distinct for m in members
            if expected[m.url] != d.url and distance(fingerprint(d.text), fingerprint(m.text)) <= NEAR_DUPLICATE_BITS]
    assert near
    meeting = [(d.url, m.url) for d in distinct for m in members
               if expected[m.url] != d.url and set(minhash_bands(d.text)) & set(minhash_bands(m.text))]
    assert meeting


@pytest.mark.parametrize("seed", range(8))
def test_shuffled_ingest_gives_the_same_clusters_and_links_no_distinct_story(seed):
    articles, expected = corpus()
    order = articles[:]
    random.Random(seed).shuffle(order)
    if seed == 0:
        order.reverse()  # every copy before its original
    with ClaimStore.memory() as store:
        for article in order:
            store.record_article(article, [])
        assert links(store) == expected
        # Every article's bands, all of them, flagged as its link stands.
        assert band_flags(store) == {url: {int(original is None)} for url, original in expected.items()}
        counts = store.db.execute("SELECT count(*) FROM minhash_bands GROUP BY article_id").fetchall()
        assert {count for (count,) in counts} == {MINHASH_BANDS}


def test_record_result_names_the_original_of_a_copy(store):
    articles, expected = corpus()
    by_url = {article.url: article for article in articles}
    original = next(url for url, link in expected.items() if link is None and url.endswith("story4/c.html"))
    copy = next(url for url, link in expected.items() if link == original)
    first = store.record_article(by_url[original], [])
    second = store.record_article(by_url[copy], [])
    assert (first.original_id, second.original_id) == (None, first.article_id)
    assert store.record_article(by_url[copy], []).original_id == first.article_id  # unchanged: kept


def test_a_changed_text_that_no_longer_repeats_its_original_is_unlinked(store):
    wire = make_article("https://english.news.cn/20240620/a/c.html", WIRE_STORIES[0], published="2024-06-20")
    copy = make_article("http://en.people.cn/n3/2024/0621/c90000-1.html", copies_of(WIRE_STORIES[0])[0],
                        published="2024-06-21")
    store.record_article(wire, [])
    assert store.record_article(copy, []).original_id is not None
    rewritten = make_article(copy.url, OPENING + BODIES[1], published="2024-06-21")
    assert store.record_article(rewritten, []).original_id is None
    assert links(store)[copy.url] is None


def test_copies_share_a_band_with_their_story_and_unrelated_stories_do_not():
    """Cut copies down to about 0.65 of their story's shingles still meet it in a band."""
    for story in WIRE_STORIES + [OPENING + body for body in BODIES]:
        words = story.split()
        for kept in (0.95, 0.9, 0.85, 0.8):
            copy = " ".join(words[: int(len(words) * kept)])
            similarity = shingle_similarity(shingles(story), shingles(copy))
            assert similarity >= 0.6
            assert set(minhash_bands(story)) & set(minhash_bands(copy)), (kept, similarity)
    assert not set(minhash_bands(WIRE_STORIES[0])) & set(minhash_bands(WIRE_STORIES[1]))
    assert minhash_bands("too short to fingerprint") is None


def test_a_new_copy_of_a_large_story_reads_only_its_original():
    story = WIRE_STORIES[0]
    with ClaimStore.memory() as store:
        first = store.record_article(make_article("https://english.news.cn/20240620/a/c.html", story,
                                                  published="2024-06-20"), [])
        for number in range(40):
            copy = make_article(f"http://en.people.cn/n3/2024/0621/c90000-{number}.html",
                                f"Editor: Desk {number}. " + story, published="2024-06-21")
            assert store.record_article(copy, []).original_id == first.article_id
        probes = json.dumps(minhash_bands("Editor: Desk 99. " + story))
        originals = store.db.execute(sharing_a_band_sql(originals_only=True), [probes]).fetchall()
        everyone = store.db.execute(sharing_a_band_sql(originals_only=False), [probes]).fetchall()
        assert [row[0] for row in originals] == [first.article_id]
        assert len(everyone) == 41
        plan = " ".join(row[-1] for row in store.db.execute(
            "EXPLAIN QUERY PLAN " + sharing_a_band_sql(originals_only=True), [probes]))
        assert "minhash_bands_hash (band=? AND hash=? AND original=?)" in plan


def test_an_older_store_gets_the_bands_of_its_articles_when_opened(tmp_path):
    """A store written before m008 (links already set) is indexed by the migration, each
    article's bands flagged by its link, and its links then work for new copies."""
    from sqlite_utils import Database
    from sqlite_utils import Migrations as SqliteUtilsMigrations

    from store.schema import migrations

    path = tmp_path / "old.db"
    old = SqliteUtilsMigrations(migrations.name)
    for migration in migrations.migrations:
        if migration.name != "m008_minhash_bands":
            old(name=migration.name)(migration.fn)
    db = Database(path)
    old.apply(db)
    articles, expected = corpus()
    ids = {article.url: number for number, article in enumerate(articles, 1)}
    for article in articles:
        db["articles"].insert({
            "id": ids[article.url], "url": article.url, "text": article.text, "published": article.published,
            "fetched": "2025-02-01T00:00:00+00:00", "content_hash": article.content_hash,
            "original_id": ids.get(expected[article.url]),
        })
    db.close()
    with ClaimStore.open(path) as store:
        assert band_flags(store) == {url: {int(original is None)} for url, original in expected.items()}
        assert not store.db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'articles%fp_band%'").fetchall()
        story = next(article for article in articles if article.text == WIRE_STORIES[1])
        copy = make_article("https://www.chinadaily.com.cn/a/202507/28/copy.html",
                            "Editor: Wang Fang. " + story.text, published="2025-07-28")
        assert store.record_article(copy, []).original_id == ids[story.url]
