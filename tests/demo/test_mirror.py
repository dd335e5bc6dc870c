"""The demo mirror: every page extracts as the real site's would, with the figures it is built for.

The pages are read as the server sends them (same bytes, same Content-Type) under the real
URL they stand for, through the same extractors the crawler uses. ``manifest.json`` says
what each page must give; MANIFEST.md says it for readers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from demo import MIRROR_DIR
from demo.build_mirror import build_files, url_to_file
from demo.manifest import load_manifest, read_documents
from demo.server import content_type_for
from extractors.claims import extract_claims
from extractors.records import STATUS_OK

MANIFEST = load_manifest()
DOCUMENTS = MANIFEST["documents"]


@pytest.fixture(scope="module")
def readings() -> dict[str, tuple]:
    """Each document's Article and claims, read once."""
    out = {}
    for document, article in read_documents():
        claims = extract_claims(article.text, lang=article.lang, published=article.published) if article.status == STATUS_OK else []
        out[document["ref"]] = (article, claims)
    return out


def test_the_mirror_has_every_kind_of_page_the_issue_asks_for():
    sources = {document["source"] for document in DOCUMENTS}
    assert sources == {"xinhua-en", "xinhua-zh", "caict", "technode", "pandaily"}
    assert 15 <= len(DOCUMENTS) <= 25
    assert {document["lang"] for document in DOCUMENTS} == {"en", "zh"}
    assert sum(document["encoding"] == "gbk" for document in DOCUMENTS) == 1
    years = {document["published"][:4] for document in DOCUMENTS}
    assert {"2019", "2025"} <= {claim.get("period", "")[:4] for document in DOCUMENTS for claim in document["expect"]}
    assert len(years) >= 5
    kinds = {listing["kind"] for listing in MANIFEST["listings"]}
    assert {"xinhua section page", "news.cn channel list (JSON)", "CAICT listing page", "RSS feed", "sitemap index",
            "news sitemap"} <= kinds
    for document in DOCUMENTS:
        assert (MIRROR_DIR / document["file"]).is_file(), document["file"]
        assert url_to_file(document["url"]) == document["file"]


@pytest.mark.parametrize("document", DOCUMENTS, ids=[document["ref"] for document in DOCUMENTS])
def test_page_extracts_with_its_title_date_language_and_outlet(document, readings):
    article, _ = readings[document["ref"]]
    assert article.status == STATUS_OK, article.reason
    assert (article.title, article.lang, article.outlet) == (document["title"], document["lang"], document["outlet"])
    assert article.published[:10] == document["published"][:10]


@pytest.mark.parametrize("document", DOCUMENTS, ids=[document["ref"] for document in DOCUMENTS])
def test_page_yields_the_figures_it_is_built_for(document, readings):
    _, claims = readings[document["ref"]]
    for expected in document["expect"]:
        wanted = {"geo": "China", **expected}
        assert any(_matches(claim, wanted) for claim in claims), (
            f"{document['ref']}: no claim {wanted}; read: "
            + "; ".join(f"{c.text} {c.metric} {c.kind} {c.period} {c.modality} {c.attribution} {c.geo}" for c in claims)
        )


def _matches(claim, wanted: dict) -> bool:
    for name, value in wanted.items():
        got = getattr(claim, name)
        if name == "value":
            if got is None or abs(float(got) - value) > 1e-9 * abs(value):
                return False
        elif got != value:
            return False
    return True


def test_the_republication_is_nearly_the_same_text_as_its_xinhua_original(readings):
    from extractors.pages.syndication import fingerprint, is_near_duplicate

    original, _ = readings["EN5"]
    copy, _ = readings["PD1"]
    assert is_near_duplicate(fingerprint(original.text), fingerprint(copy.text))
    others = [readings[ref][0] for ref in ("EN6", "TN1", "ZH4")]
    assert not any(is_near_duplicate(fingerprint(original.text), fingerprint(other.text)) for other in others)


def test_the_caict_page_links_its_white_paper(readings):
    article, _ = readings["CA2"]
    paper = next(document for document in DOCUMENTS if document["ref"] == "CA2-PDF")
    assert article.attachments == [paper["url"]]


def test_the_gbk_page_is_gbk_and_says_so():
    document = next(document for document in DOCUMENTS if document["encoding"] == "gbk")
    body = (MIRROR_DIR / document["file"]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert document["title"] in body.decode("gbk")
    assert content_type_for(Path(document["file"]), body) == "text/html; charset=gbk"


def test_the_committed_mirror_is_what_the_sources_build():
    """Edit demo/source/ and run `python -m demo.build_mirror`, never the pages by hand."""
    files, _ = build_files()
    for name, body in files.items():
        assert (MIRROR_DIR / name).read_bytes() == body, f"{name} differs from its source: rebuild the mirror"
    committed = {str(path.relative_to(MIRROR_DIR)) for path in MIRROR_DIR.rglob("*") if path.is_file() and path.suffix != ".pdf"}
    assert committed == set(files)


def test_the_channel_list_is_where_the_channel_page_says():
    channel = MIRROR_DIR / "www.news.cn" / "tech" / "index.htm"
    marker = channel.read_text(encoding="utf-8").split('data="datasource:', 1)[1][:32]
    rows = json.loads((channel.parent / f"ds_{marker}.json").read_text(encoding="utf-8"))["datasource"]
    assert {row["contentType"] for row in rows} == {"Article", "Link"}
    assert all({"contentId", "title", "publishUrl", "publishTime", "author", "summary"} <= set(row) for row in rows)


@pytest.fixture(scope="module")
def mirror_store(readings):
    """Every document recorded in publication order, as a crawl of the mirror would."""
    from extractors.claims import EXTRACTOR_VERSION
    from store import ClaimStore

    store = ClaimStore.memory()
    for document in sorted(DOCUMENTS, key=lambda document: document["published"]):
        article, claims = readings[document["ref"]]
        store.record_article(article, claims, source=document["source"], extractor_version=EXTRACTOR_VERSION)
    yield store
    store.close()


FLAGGED = [finding for finding in MANIFEST["findings"] if finding["type"] in ("revision", "discrepancy")]


@pytest.mark.parametrize("finding", FLAGGED, ids=[f"{f['type']}-{f['metric']}-{f['period']}" for f in FLAGGED])
def test_history_flags_the_revisions_and_discrepancies_the_mirror_is_built_for(finding, mirror_store):
    flagged = [observation for observation in mirror_store.history(finding["metric"], geo="China")
               if observation.claim.period == finding["period"] and observation.flag == finding["type"]]
    assert finding["organisation"] in {observation.organisation for observation in flagged}


def test_the_near_misses_flag_nothing(mirror_store, readings):
    for finding in (finding for finding in MANIFEST["findings"] if finding["type"] == "none"):
        urls = {readings[ref][0].url for ref in finding["refs"]}
        flagged = [observation for observation in mirror_store.history(finding["metric"])
                   if observation.url in urls and observation.claim.period == finding["period"] and observation.flag]
        assert flagged == [], finding["note"]


def test_the_copy_is_stored_as_a_republication_of_the_xinhua_story(mirror_store, readings):
    copy_url, original_url = readings["PD1"][0].url, readings["EN5"][0].url
    copies = [observation for observation in mirror_store.history("ai_core_industry_size") if observation.url == copy_url]
    assert copies and all(observation.republication_of == original_url and not observation.flag for observation in copies)
