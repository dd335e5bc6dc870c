"""The writer against a real Redis and a real SQLite file: pages recorded once, pending
entries first after a restart, never a step back to an older copy."""

from __future__ import annotations

from cluster_helpers import client, needs_redis, redis_server  # noqa: F401 (fixtures)
from link_site import article_html

from cluster.keys import OPEN, WRITER_CONSUMER, WRITER_GROUP, ClusterKeys, RunDescriptor
from cluster.messages import decode_page, encode_page
from cluster.writer import Writer, record_message
from extractors.claims import EXTRACTOR_VERSION, read_claims
from extractors.pages import extract_article
from store import ClaimStore

pytestmark = needs_redis

URL = "https://technode.com/2025/01/02/ai-industry-brief-{}/"


def page(number: int, *, text_of: int | None = None, etag: str = '"v1"') -> str:
    """The message a node sends for brief ``number`` (its text: brief ``text_of``'s)."""
    url = URL.format(number)
    article = extract_article(url, article_html(number if text_of is None else text_of),
                              {"Content-Type": "text/html; charset=utf-8"})
    claims = read_claims([article])[0]
    return encode_page(source="trade", run_id=1, node="test:1:ab", url=url,
                       fetch={"outcome": "stored", "http_status": 200, "etag": etag},
                       article=article, claims=claims, extractor_version=EXTRACTOR_VERSION)


def open_run(client) -> RunDescriptor:
    keys = ClusterKeys("ct")
    run = RunDescriptor(1, "trade", "feeds", OPEN, 0.0, keys.run("trade", 1).base)
    client.xgroup_create(run.keys.stream, WRITER_GROUP, id="0", mkstream=True)
    client.hset(keys.runs, 1, run.to_json())
    return run


def versions(store: ClaimStore) -> list[tuple]:
    return store.db.execute("SELECT url, version FROM articles ORDER BY url").fetchall()


def test_an_older_copy_than_the_stored_one_creates_no_version(client, tmp_path):
    stream = "ct:test"
    older = client.xadd(stream, {"page": page(0)})
    newer = client.xadd(stream, {"page": page(0, text_of=1, etag='"v2"')})   # the page changed since
    entries = dict(client.xrange(stream))
    with ClaimStore.open(tmp_path / "claims.db") as store:
        assert record_message(store, decode_page(newer, entries[newer])).status == "new"
        assert record_message(store, decode_page(older, entries[older])).status == "stale"
        assert record_message(store, decode_page(newer, entries[newer])).status == "stale"   # a replay
        assert versions(store) == [(URL.format(0), 1)]
        assert store.fetch_states([URL.format(0)])[URL.format(0)]["etag"] == '"v2"'


def test_a_newer_copy_becomes_a_new_version(client, tmp_path):
    stream = "ct:test"
    first = client.xadd(stream, {"page": page(0)})
    second = client.xadd(stream, {"page": page(0, text_of=1)})
    entries = dict(client.xrange(stream))
    with ClaimStore.open(tmp_path / "claims.db") as store:
        assert [record_message(store, decode_page(entry, entries[entry])).status for entry in (first, second)] \
            == ["new", "changed"]
        assert versions(store) == [(URL.format(0), 2)]


def test_after_a_crash_between_commit_and_ack_the_writer_takes_its_pending_entries_first(client, tmp_path):
    run = open_run(client)
    for number in range(5):
        client.xadd(run.keys.stream, {"page": page(number)})
    db = tmp_path / "claims.db"
    # The writer that died: it read three entries and committed two, acknowledging none.
    delivered = client.xreadgroup(WRITER_GROUP, WRITER_CONSUMER, {run.keys.stream: ">"}, count=3)[0][1]
    with ClaimStore.open(db) as store:
        for entry_id, fields in delivered[:2]:
            record_message(store, decode_page(entry_id, fields))
    assert client.xpending(run.keys.stream, WRITER_GROUP)["pending"] == 3
    # Its successor.
    writer = Writer(db, client, ClusterKeys("ct"))
    with ClaimStore.open(db) as store:
        first = writer.step(store, block_ms=100)
        handled = first + writer.step(store, block_ms=100) + writer.step(store, block_ms=100)
        assert first == 3                    # the pending entries, before anything new
        assert handled == 5
        assert versions(store) == sorted((URL.format(number), 1) for number in range(5))
    assert client.xpending(run.keys.stream, WRITER_GROUP)["pending"] == 0
    counts = {key.decode(): int(value) for key, value in client.hgetall(run.keys.counts).items()}
    # The two committed before the crash are skipped, not recorded or counted a second time
    # (so the run's counts miss them: the README says so).
    assert counts == {"articles_new": 3, "claims_new": counts["claims_new"]}
    known = client.hget(ClusterKeys("ct").known, URL.format(4))
    assert known is not None and b'"content_hash"' in known


def test_a_malformed_entry_is_counted_as_an_error_and_does_not_block_the_stream(client, tmp_path):
    run = open_run(client)
    client.xadd(run.keys.stream, {"page": "{not json"})
    client.xadd(run.keys.stream, {"page": page(0)})
    writer = Writer(tmp_path / "claims.db", client, ClusterKeys("ct"))
    with ClaimStore.open(tmp_path / "claims.db") as store:
        assert writer.step(store, block_ms=100) == 2
        assert versions(store) == [(URL.format(0), 1)]
    assert client.hget(run.keys.counts, "errors") == b"1"
    assert b"not a page message" in client.hget(run.keys.counts, "error")
    assert client.xpending(run.keys.stream, WRITER_GROUP)["pending"] == 0
