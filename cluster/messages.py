"""The message a node sends for each page it fetched, and the writer reads.

One stream entry per page, one field ``page`` holding JSON (never pickle: the writer holds
the database and unpickles nothing a node sent): the page's site URL, its source and run,
the node, what became of the fetch (``crawled_pages``' outcome, HTTP status, reason,
validators) and, for a stored page, the article and its claims with the extractor version
that read them. No raw HTML. The entry's id, given by Redis when it was added, is the
fetch's time on the cluster's one clock: the writer compares it with the stored copy's.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from typing import Any

from extractors.records import Article, Claim

FORMAT = 1
FETCH_FIELDS = ("outcome", "http_status", "reason", "etag", "last_modified")
_ARTICLE_FIELDS = {field.name for field in fields(Article)}


class MessageError(ValueError):
    """A stream entry that is not a page message this writer can read."""


@dataclass
class PageMessage:
    entry_id: str
    source: str
    run_id: int
    node: str
    url: str
    fetch: dict[str, Any]                 # FETCH_FIELDS
    article: Article | None = None        # None: nothing to record but the fetch
    claims: list[Claim] | None = None     # None: the language has no claim rules
    extractor_version: str | None = None

    @property
    def fetched(self) -> datetime:
        """When the page was sent: the entry id's milliseconds (Redis's clock)."""
        return entry_time(self.entry_id)


def encode_page(*, source: str, run_id: int, node: str, url: str, fetch: dict[str, Any],
                article: Article | None, claims: list[Claim] | None, extractor_version: str | None) -> str:
    return json.dumps({
        "format": FORMAT,
        "source": source,
        "run": run_id,
        "node": node,
        "url": url,
        "fetch": {name: fetch.get(name) for name in FETCH_FIELDS},
        "article": asdict(article) if article is not None else None,
        "claims": [claim.to_dict() for claim in claims] if claims is not None else None,
        "extractor_version": extractor_version,
    }, ensure_ascii=False)


def decode_page(entry_id: str | bytes, entry: dict[Any, Any]) -> PageMessage:
    entry_id = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
    raw = entry.get(b"page", entry.get("page"))
    try:
        data = json.loads(raw)
        if data.get("format") != FORMAT:
            raise MessageError(f"entry {entry_id}: message format {data.get('format')!r}, this writer reads {FORMAT}")
        article = data["article"]
        claims = data["claims"]
        return PageMessage(
            entry_id=entry_id,
            source=str(data["source"]),
            run_id=int(data["run"]),
            node=str(data["node"]),
            url=str(data["url"]),
            fetch=dict(data["fetch"] or {}),
            article=Article(**{key: value for key, value in article.items() if key in _ARTICLE_FIELDS})
            if article is not None else None,
            claims=[Claim.from_dict(claim) for claim in claims] if claims is not None else None,
            extractor_version=data.get("extractor_version"),
        )
    except MessageError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise MessageError(f"entry {entry_id}: not a page message ({type(error).__name__}: {error})") from None


def entry_time(entry_id: str) -> datetime:
    milliseconds = int(entry_id.split("-", 1)[0])
    return datetime.fromtimestamp(milliseconds / 1000, UTC)
