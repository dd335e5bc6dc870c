"""Findings: the real cases of issue 10 each give exactly the finding named, their
neighbours give none, and the stored findings do not depend on the recording order."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from conftest import GOLD, REPO, gold_article, gold_claims, load_gold, make_article, make_claim
from store import ClaimStore, UnknownMetric
from store.findings import TYPES, Statement, describe
from store.findings_store import shift_period
from store.schema import migrations

FLAGS = {"revision", "discrepancy", "internal", "growth_mismatch", "conversion_mismatch"}
CORE = "ai_core_industry_size"


def record(store, url, published, outlet, *claims, text=None, title=None):
    """Record a made-up article; its text is unique so that it is nobody's republication."""
    text = text or " ".join(hashlib.sha256(f"{url} {n}".encode()).hexdigest() for n in range(8))
    return store.record_article(make_article(url, text=text, published=published, outlet=outlet, title=title),
                                list(claims))


def core(**fields):
    return make_claim(**{"metric": CORE, "start": 0, "end": 5, **fields})


def kinds(store, open_only=True):
    return sorted(f["type"] for f in store.findings(open_only=open_only))


# The real cases ----------------------------------------------------------------------------


def test_seed_article_alone_gives_exactly_one_growth_mismatch(store, gold_dir):
    """24% on 900 billion gives 1.116 trillion; CAICT's "nearly 1.2 trillion" needs 28-33%."""
    seed = json.loads((gold_dir / "seed.json").read_text(encoding="utf-8"))
    store.record_article(gold_article(seed), gold_claims(seed))
    (finding,) = store.findings()
    assert finding["type"] == "growth_mismatch" and finding["status"] == "open"
    assert (finding["metric"], finding["geo"], finding["period"]) == (CORE, "China", "2025")
    assert finding["explanation"] == (
        "ai_core_industry_size 2025 (forecast): 24% growth on 900 billion yuan for 2024 (CAICT) gives "
        "1.116 trillion yuan, but CAICT says nearly 1.2 trillion yuan (27.7-33.4% growth)"
    )
    assert finding["details"]["implied"] == pytest.approx(1.116e12, rel=1e-3)
    assert finding["size"] == pytest.approx(0.0529, abs=1e-4)   # the middle of [1.15, 1.2) trillion
    roles = sorted((claim["role"], claim["text"], claim["period"]) for claim in finding["claims"])
    assert roles == [("base", "RMB 900 billion", "2024"), ("base", "RMB 900 billion", "2024"),
                     ("growth", "24 percent", "2025"),
                     ("level", "RMB 1.2 trillion", "2025"), ("level", "RMB 1.2 trillion", "2025")]
    assert {claim["url"] for claim in finding["claims"]} == {seed["url"]}
    assert all(claim["outlet"] == seed["outlet"] and claim["published"] == seed["published"]
               for claim in finding["claims"])


def test_a_slip_within_one_article_stays_when_the_base_is_revised_later(store, gold_dir):
    """The seed's 24% on 900 billion is wrong in its own text; CAICT's later 'nearly 1
    trillion' for 2024 would fit the rate, but does not mend the article."""
    seed = json.loads((gold_dir / "seed.json").read_text(encoding="utf-8"))
    store.record_article(gold_article(seed), gold_claims(seed))
    record(store, "https://caict.example/2026-revision", "2026-01-20", "CAICT",
           core(text="nearly 1 trillion yuan", value=1e12, qualifier="nearly", period="2024"))
    assert "growth_mismatch" in kinds(store)
    (finding,) = [f for f in store.findings(open_only=True) if f["type"] == "growth_mismatch"]
    assert {claim["url"] for claim in finding["claims"]} == {seed["url"]}


def test_growth_that_fits_its_levels_is_no_finding(store):
    record(store, "https://g.example/1", "2025-04-10", "CAICT",
           core(text="900 billion yuan", value=9e11, period="2024"),
           core(text="24 percent", value=24, unit="%", kind="growth", period="2025", modality="forecast"),
           core(text="1.116 trillion yuan", value=1.116e12, period="2025", modality="forecast"))
    assert store.findings() == []


def test_an_institute_moving_from_over_900_billion_to_nearly_1_trillion_is_a_revision(store):
    record(store, "https://r.example/1", "2025-05-20", "CAICT",
           core(text="900 billion yuan", value=9e11, qualifier="more_than", period="2024"))
    record(store, "https://r.example/2", "2025-09-01", "CAICT",
           core(text="1 trillion yuan", value=1e12, qualifier="nearly", period="2024"))
    (finding,) = store.findings()
    assert finding["type"] == "revision"
    assert finding["explanation"] == ("ai_core_industry_size 2024: CAICT revised more than 900 billion yuan "
                                      "(2025-05-20) to nearly 1 trillion yuan (2025-09-01)")
    assert [(c["role"], c["url"]) for c in finding["claims"]] == [
        ("earlier", "https://r.example/1"), ("later", "https://r.example/2")]
    assert finding["size"] > 0


def test_two_bodies_with_figures_that_do_not_overlap_are_a_discrepancy(store):
    firms = dict(metric="ai_enterprises", unit="count", qualifier="more_than", period="2024-06", start=0, end=5)
    record(store, "https://d.example/1", "2024-06-20", "Global Times",
           make_claim(text="4,400", value=4400, attribution="New Generation AI Development Strategy Institute", **firms))
    record(store, "https://d.example/2", "2024-06-21", "People's Daily Online",
           make_claim(text="4,500", value=4500, attribution="MIIT", **firms))
    (finding,) = store.findings()
    assert finding["type"] == "discrepancy"
    assert finding["details"]["organisations"] == ["MIIT", "New Generation AI Development Strategy Institute"]
    assert "the ranges do not overlap" in finding["explanation"]


HEADLINE_TEXT = ("China's core AI industry tops 500 billion yuan\n\n"
                 "The scale of China's core AI industry reached 578.4 billion yuan, the institute said.")


def test_a_headline_that_its_body_contradicts_is_internal(store):
    body_at = HEADLINE_TEXT.index("578.4")
    claims = [core(text="500 billion yuan", value=5e11, start=30, end=46, period="2023", attribution="CAICT"),
              core(text="578.4 billion yuan", value=5.784e11, start=body_at, end=body_at + 18, period="2023",
                   attribution="CAICT")]
    assert HEADLINE_TEXT[30:46] == "500 billion yuan"
    record(store, "https://h.example/1", "2024-06-20", "Global Times", *claims, text=HEADLINE_TEXT,
           title="China's core AI industry tops 500 billion yuan")
    (finding,) = store.findings()
    assert finding["type"] == "internal"
    assert finding["explanation"] == ("ai_core_industry_size 2023: the headline of Global Times (2024-06-20) says "
                                      "500 billion yuan, its body 578.4 billion yuan")
    assert sorted(c["role"] for c in finding["claims"]) == ["body", "headline"]


def test_two_figures_within_a_body_are_not_internal(store):
    """Measured on the gold sets, such pairs were the extractor's mistakes, never the writer's."""
    text = "x" * 60 + " The industry reached 578.4 billion yuan. It reached 500 billion yuan."
    record(store, "https://h.example/2", "2024-06-20", "Global Times",
           core(text="578.4 billion yuan", value=5.784e11, start=80, end=98, period="2023"),
           core(text="500 billion yuan", value=5e11, start=110, end=126, period="2023"), text=text,
           title="A title without figures")
    assert store.findings() == []


def test_a_wrong_dollar_equivalent_is_a_conversion_mismatch(store):
    text = "x" * 40 + " 578.4 billion yuan (about 98 billion U.S. dollars) in 2023."
    start = text.index("578.4")
    record(store, "https://c.example/1", "2024-06-20", "Global Times",
           core(text="578.4 billion yuan", value=5.784e11, start=start, end=start + 18, period="2023"),
           core(text="98 billion U.S. dollars", value=9.8e10, unit="USD", qualifier="approx", start=start + 26,
                end=start + 49, period="2023"), text=text)
    (finding,) = store.findings()
    assert finding["type"] == "conversion_mismatch"
    assert finding["details"]["implied_rate"] == pytest.approx(5.902, abs=1e-3)
    assert "implies 5.9 yuan per dollar; the 2023 rate ran 6.69-7.35" in finding["explanation"]
    assert finding["size"] < 0


def test_a_right_dollar_equivalent_is_no_finding(store):
    text = "x" * 40 + " more than 578 billion yuan (about 81 billion U.S. dollars) in 2023."
    start = text.index("578")
    record(store, "https://c.example/2", "2024-06-21", "People's Daily Online",
           core(text="578 billion yuan", value=5.78e11, qualifier="more_than", start=start, end=start + 16,
                period="2023"),
           core(text="81 billion U.S. dollars", value=8.1e10, unit="USD", qualifier="approx", start=start + 24,
                end=start + 47, period="2023"), text=text)
    assert store.findings() == []


def test_a_forecast_is_met_exceeded_or_missed_once_a_later_actual_exists(store):
    record(store, "https://f.example/1", "2024-12-15", "CAICT",
           core(text="1.2 trillion yuan", value=1.2e12, period="2025", modality="forecast"))
    assert store.findings() == []                    # no actual yet
    record(store, "https://f.example/2", "2026-03-08", "Xinhua",
           core(text="1 trillion yuan", value=1e12, period="2025", attribution="MIIT", qualifier="nearly"))
    (finding,) = store.findings()
    assert finding["type"] == "forecast_outcome" and finding["details"]["outcome"] == "missed"
    assert finding["explanation"] == ("ai_core_industry_size 2025: CAICT forecast of 1.2 trillion yuan (2024-12-15) "
                                      "was missed by 18.8%: MIIT (2026-03-08): nearly 1 trillion yuan")
    assert finding["size"] == pytest.approx(-0.1875, abs=1e-4)   # the middle of [0.95, 1) trillion


# The neighbouring cases: no flag --------------------------------------------------------------


def test_rounding_is_no_revision(store):
    record(store, "https://n.example/1", "2025-12-15", "CAICT", core(text="1.2 trillion yuan", value=1.2e12, period="2025"))
    record(store, "https://n.example/2", "2026-03-15", "CAICT", core(text="1.18 trillion yuan", value=1.18e12, period="2025"))
    assert store.findings() == []


def test_more_than_700_against_702_is_no_discrepancy(store):
    filed = dict(metric="genai_services_filed", unit="count", period="2025-12", start=0, end=3)
    record(store, "https://n.example/3", "2025-12-26", "Xinhua",
           make_claim(text="700", value=700, qualifier="more_than", attribution="CAC", **filed))
    record(store, "https://n.example/4", "2025-12-29", "People's Daily",
           make_claim(text="702", value=702, attribution="CAICT", **filed))
    assert store.findings() == []


def test_one_wire_story_on_five_sites_makes_no_finding(store):
    """Copies are one release: a copy's misread figure neither flags nor gets flagged."""
    story = ("China's core artificial intelligence industry reached a scale of 578.4 billion yuan in 2023, up "
             "13.9 percent year on year, the institute said. ") * 3
    sites = [("https://english.news.cn/20240620/c.html", "Xinhua", "2024-06-20"),
             ("https://www.ecns.cn/copy.shtml", "ECNS", "2024-06-21"),
             ("http://en.people.cn/copy.html", "People's Daily Online", "2024-06-21"),
             ("https://www.chinadaily.com.cn/copy.html", "China Daily", "2024-06-22"),
             ("https://www.cgtn.com/copy.html", "CGTN", "2024-06-23")]
    for number, (url, outlet, published) in enumerate(sites):
        value = 5.7e11 if number == 3 else 5.784e11   # one site's copy read as 570 billion
        text = f"Editor: {outlet}. " + story if number else story
        store.record_article(make_article(url, text, published=published, outlet=outlet),
                             [core(text=f"{value / 1e9:g} billion yuan", value=value, period="2023", attribution=None)])
    originals = [row for row in store.db.query("SELECT original_id FROM articles")]
    assert sum(row["original_id"] is None for row in originals) == 1
    assert store.findings() == []


def test_an_original_crawled_after_its_copy_takes_over_the_copys_findings(store):
    record(store, "https://w.example/0", "2024-01-10", "CAICT", core(text="RMB 900 billion", value=9e11, period="2023"))
    story = "China's core AI industry reached 950 billion yuan in 2023, the academy said in its report. " * 3
    claim = core(text="950 billion yuan", value=9.5e11, period="2023")
    store.record_article(make_article("https://www.ecns.cn/copy.shtml", "Editor: Li. " + story, published="2024-06-21",
                                      outlet="ECNS"), [claim])
    (finding,) = store.findings()
    assert [c["url"] for c in finding["claims"] if c["role"] == "later"] == ["https://www.ecns.cn/copy.shtml"]
    store.record_article(make_article("https://english.news.cn/20240620/c.html", story, published="2024-06-20",
                                      outlet="Xinhua"), [claim])
    (same,) = store.findings()
    assert (same["id"], same["status"]) == (finding["id"], "open")
    assert [c["url"] for c in same["claims"] if c["role"] == "later"] == ["https://english.news.cn/20240620/c.html"]


def test_a_forecast_met_within_precision_is_no_flag(store):
    record(store, "https://n.example/5", "2024-12-15", "CAICT",
           core(text="1.2 trillion yuan", value=1.2e12, period="2025", modality="forecast"))
    record(store, "https://n.example/6", "2026-03-08", "Xinhua",
           core(text="1.18 trillion yuan", value=1.18e12, period="2025", attribution="MIIT"))
    (outcome,) = store.findings()
    assert outcome["type"] == "forecast_outcome" and outcome["details"]["outcome"] == "met"
    assert not FLAGS & set(kinds(store))


def test_a_superseded_claim_closes_its_finding(store):
    record(store, "https://s.example/1", "2025-01-10", "CAICT", core(text="RMB 900 billion", value=9e11))
    url, text = "https://s.example/2", "The core AI industry reached RMB 990 billion in 2024, CAICT said. " * 2
    store.record_article(make_article(url, text, published="2025-06-01", outlet="CAICT"),
                         [core(text="RMB 990 billion", value=9.9e11)])
    (revision,) = store.findings()
    assert revision["type"] == "revision" and revision["status"] == "open"
    # The article is corrected: its claim is superseded, and the revision no longer holds.
    store.record_article(make_article(url, text.replace("990", "900"), published="2025-06-01", outlet="CAICT"),
                         [core(text="RMB 900 billion", value=9e11)])
    (closed,) = store.findings()
    assert (closed["id"], closed["status"]) == (revision["id"], "closed") and closed["closed"]
    assert store.findings(open_only=True) == []
    # History lists only open findings with each observation.
    assert all(o.findings == [] for o in store.history(CORE, include_superseded=True))


def test_a_closed_finding_reopens_when_it_holds_again(store):
    record(store, "https://s.example/3", "2025-01-10", "CAICT", core(text="RMB 900 billion", value=9e11))
    url = "https://s.example/4"
    for figure in ("990", "900", "990"):
        text = f"The core AI industry reached RMB {figure} billion in 2024, CAICT said. " * 2
        store.record_article(make_article(url, text, published="2025-06-01", outlet="CAICT"),
                             [core(text=f"RMB {figure} billion", value=float(figure) * 1e9)])
    (finding,) = store.findings()
    assert finding["status"] == "open" and finding["closed"] is None


# Order, rebuild, migration -------------------------------------------------------------------


def gold_records():
    records = load_gold(REPO / "tests" / "gold")
    if GOLD.is_dir():
        records += load_gold(GOLD)
    return records


def comparable(store):
    """Open findings by what they say and which mentions they rest on (ids and the time of
    recording differ between two stores)."""
    return sorted(
        (f["type"], f["metric"], f["geo"], f["period"], f["explanation"], f["size"], json.dumps(f["details"]),
         tuple(sorted((c["url"], c["start"], c["role"]) for c in f["claims"])))
        for f in store.findings(open_only=True)
    )


def test_shuffled_recording_order_and_rebuild_give_identical_findings():
    records = gold_records()
    ordered, shuffled = ClaimStore.memory(), ClaimStore.memory()
    for gold in sorted(records, key=lambda r: (r["published"] is None, r["published"] or "", r["url"])):
        ordered.record_article(gold_article(gold), gold_claims(gold))
    for gold in random.Random(10).sample(records, len(records)):
        shuffled.record_article(gold_article(gold), gold_claims(gold))
    assert comparable(ordered) and comparable(shuffled) == comparable(ordered)
    # A rebuild recomputes every series and changes nothing, closed findings included.
    before = list(shuffled.db.query("SELECT * FROM findings ORDER BY id"))
    links = list(shuffled.db.query("SELECT * FROM finding_claims ORDER BY finding_id, claim_id"))
    progress = []
    assert shuffled.rebuild_findings(progress=lambda done, total: progress.append((done, total))) == len(comparable(ordered))
    assert list(shuffled.db.query("SELECT * FROM findings ORDER BY id")) == before
    assert list(shuffled.db.query("SELECT * FROM finding_claims ORDER BY finding_id, claim_id")) == links
    assert progress and progress[-1][0] == progress[-1][1]


def test_a_late_release_out_of_order_closes_what_it_disproves_and_rebuild_agrees(store):
    record(store, "https://o.example/1", "2025-01-10", "CAICT", core(text="RMB 900 billion", value=9e11))
    record(store, "https://o.example/3", "2025-09-01", "CAICT", core(text="RMB 990 billion", value=9.9e11))
    (first,) = store.findings()
    # A release between the two, crawled last: CAICT went 900 -> 950 -> 990, not 900 -> 990.
    record(store, "https://o.example/2", "2025-05-01", "CAICT", core(text="RMB 950 billion", value=9.5e11))
    found = {(f["status"], f["explanation"]) for f in store.findings()}
    assert found == {
        ("closed", first["explanation"]),
        ("open", "ai_core_industry_size 2024: CAICT revised 900 billion yuan (2025-01-10) to 950 billion yuan (2025-05-01)"),
        ("open", "ai_core_industry_size 2024: CAICT revised 950 billion yuan (2025-05-01) to 990 billion yuan (2025-09-01)"),
    }
    before = list(store.db.query("SELECT * FROM findings ORDER BY id"))
    store.rebuild_findings()
    assert list(store.db.query("SELECT * FROM findings ORDER BY id")) == before


def test_the_same_change_seen_again_is_the_same_finding(store):
    record(store, "https://o.example/4", "2025-01-10", "CAICT", core(text="RMB 900 billion", value=9e11))
    record(store, "https://o.example/6", "2025-09-01", "CAICT", core(text="RMB 990 billion", value=9.9e11))
    (first,) = store.findings()
    record(store, "https://o.example/5", "2025-05-01", "CAICT", core(text="RMB 990 billion", value=9.9e11))
    (same,) = store.findings()
    assert (same["id"], same["status"]) == (first["id"], "open")
    assert [c["url"] for c in same["claims"]] == ["https://o.example/4", "https://o.example/5"]


def test_rebuild_closes_findings_a_rule_change_or_lost_claim_no_longer_gives(store):
    record(store, "https://k.example/1", "2025-01-10", "CAICT", core(text="RMB 900 billion", value=9e11))
    record(store, "https://k.example/2", "2025-06-01", "CAICT", core(text="RMB 990 billion", value=9.9e11))
    store.db.execute("UPDATE claims SET superseded = 1 WHERE text = 'RMB 990 billion'")  # behind the store's back
    assert kinds(store) == ["revision"]
    assert store.rebuild_findings() == 0
    assert [f["status"] for f in store.findings()] == ["closed"]


def test_migration_fills_findings_for_an_existing_database(tmp_path):
    path = tmp_path / "old.db"
    db = Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="m005_findings")
    for number, (published, text, value) in enumerate([("2025-01-10", "RMB 900 billion", 9e11),
                                                       ("2025-06-01", "RMB 990 billion", 9.9e11)], 1):
        db["articles"].insert({"id": number, "url": f"https://m.example/{number}", "text": f"text {number}",
                               "content_hash": str(number), "fetched": "2025-07-01T00:00:00+00:00",
                               "published": published, "outlet": "CAICT"})
        db["claims"].insert({**core(text=text, value=value).to_dict(), "article_id": number, "article_version": 1})
    db.close()
    with ClaimStore.open_readonly(path) as upgraded:
        (finding,) = upgraded.findings()
    assert finding["type"] == "revision" and finding["first_seen"] == "2025-07-01T00:00:00+00:00"


# Reading --------------------------------------------------------------------------------------


def test_findings_filters_and_newest_first(store):
    record(store, "https://q.example/1", "2025-01-10", "CAICT", core(text="RMB 900 billion", value=9e11))
    record(store, "https://q.example/2", "2025-06-01", "CAICT", core(text="RMB 990 billion", value=9.9e11))
    record(store, "https://q.example/3", "2025-06-02", "MIIT",
           make_claim(metric="ai_enterprises", text="4,400", value=4400, unit="count", period="2024",
                      attribution="MIIT", start=0, end=5),
           )
    record(store, "https://q.example/4", "2025-06-03", "CAICT",
           make_claim(metric="ai_enterprises", text="4,600", value=4600, unit="count", period="2024",
                      attribution="CAICT", start=0, end=5))
    store.db.execute("UPDATE findings SET first_seen = '2025-06-03T09:00:00+00:00' WHERE type = 'discrepancy'")
    store.db.execute("UPDATE findings SET first_seen = '2025-06-01T09:00:00+00:00' WHERE type = 'revision'")
    assert [f["type"] for f in store.findings()] == ["discrepancy", "revision"]
    assert [f["type"] for f in store.findings(type="revision")] == ["revision"]
    assert [f["metric"] for f in store.findings(metric="ai_enterprises")] == ["ai_enterprises"]
    assert [f["type"] for f in store.findings(since=date(2025, 6, 2))] == ["discrepancy"]
    assert [f["type"] for f in store.findings(until=date(2025, 6, 1))] == ["revision"]
    assert [f["type"] for f in store.findings(since=date(2025, 6, 1), until=date(2025, 6, 1))] == ["revision"]
    assert len(store.findings(limit=1)) == 1
    with pytest.raises(UnknownMetric):
        store.findings(metric="ai_enterprise")


def test_recording_without_findings_then_rebuilding_gives_the_same(store):
    records = gold_records()
    with ClaimStore.memory() as tracked:
        store.track_findings = False
        for gold in records:
            store.record_article(gold_article(gold), gold_claims(gold))
            tracked.record_article(gold_article(gold), gold_claims(gold))
        assert store.findings() == []
        store.rebuild_findings()
        assert comparable(store) == comparable(tracked)


# Pieces ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("period", "years", "shifted"), [
    ("2025", -1, "2024"), ("2025-01/2025-11", -1, "2024-01/2024-11"), ("2025-Q3", 1, "2026-Q3"),
    ("2025-12-25", -1, "2024-12-25"),
])
def test_shift_period(period, years, shifted):
    assert shift_period(period, years) == shifted


@pytest.mark.parametrize(("fields", "words"), [
    (dict(text="RMB 1.2 trillion", value=Decimal("1.2E12"), unit="CNY", qualifier="nearly"), "nearly 1.2 trillion yuan"),
    (dict(text="5,300", value=Decimal(5300), unit="count", qualifier="more_than"), "more than 5,300"),
    (dict(text="18-20 percent", value=None, low=Decimal(18), high=Decimal(20), unit="%", qualifier="range"), "18-20%"),
    (dict(text="246 EFLOPS", value=Decimal(246), unit="EFLOPS", qualifier="exact"), "246 EFLOPS"),
    (dict(text="$68.87 billion", value=Decimal("6.887E10"), unit="USD", qualifier="approx"), "about 68.87 billion US dollars"),
])
def test_figures_in_words(fields, words):
    base = dict(claim_id=1, article_id=1, start=0, end=1, low=None, high=None, kind="level", metric=CORE,
                geo="China", period="2025", modality="actual", attribution=None, url="u", outlet=None, published=None)
    assert describe(Statement(**{**base, **fields})) == words


def test_types_are_the_cli_choices():
    from claimtrack import FINDING_TYPES

    assert FINDING_TYPES == TYPES


# Any order, any figures -------------------------------------------------------------------------


_FIGURES = st.sampled_from([
    ("900 billion yuan", 9e11, "CNY"), ("nearly 1.2 trillion yuan", 1.2e12, "CNY"), ("1.2万亿元", 1.2e12, "CNY"),
    ("one trillion yuan", 1e12, "CNY"), ("578.4 billion yuan", 5.784e11, "CNY"), ("1 yuan", 1, "CNY"),
    ("150 billion dollars", 1.5e11, "USD"), ("98 billion dollars", 9.8e10, "USD"), ("24 percent", 24, "%"),
    ("-2.8 percent", -2.8, "%"), ("0 percent", 0, "%"), ("246 EFLOPS", 246, "EFLOPS"), ("246000 PFLOPS", 246000, "PFLOPS"),
])
_CLAIM = st.tuples(
    _FIGURES, st.sampled_from(["exact", "approx", "nearly", "more_than", "at_least", "less_than", "at_most"]),
    st.sampled_from(["level", "growth"]), st.sampled_from([CORE, "ai_enterprises"]),
    st.sampled_from(["2023", "2024", "2025"]), st.sampled_from(["actual", "forecast", "target"]),
    st.sampled_from(["CAICT", "MIIT", None]),
)
_ARTICLE = st.tuples(st.sampled_from([None, "2024-06-20", "2025-01-10", "2025-01-10", "2026-03-08"]),
                     st.sampled_from(["CAICT", "Xinhua", "example.org"]), st.lists(_CLAIM, min_size=1, max_size=4))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=st.lists(_ARTICLE, min_size=2, max_size=6), order=st.randoms(use_true_random=False))
def test_any_claims_in_any_order_give_the_same_open_findings(articles, order):
    """Whatever the figures, recording order changes no open finding, and a rebuild changes
    nothing at all."""
    def build(sequence):
        store = ClaimStore.memory()
        for number, (published, outlet, claims) in sequence:
            text = f"Article {number}: " + " ".join(f"[{c[0][0]}]" for c in claims) + " " + "x" * 40
            made, at = [], len(f"Article {number}: ")
            for (mention, value, unit), qualifier, kind, metric, period, modality, who in claims:
                made.append(make_claim(text=mention, value=value, unit=unit, qualifier=qualifier, kind=kind,
                                       metric=metric, period=period, modality=modality, attribution=who,
                                       start=at + 1, end=at + 1 + len(mention)))
                at += len(mention) + 3
            store.record_article(make_article(f"https://p.example/{number}", text, published=published,
                                              outlet=outlet), made)
        return store

    numbered = list(enumerate(articles))
    in_order, shuffled = build(numbered), build(order.sample(numbered, len(numbered)))
    assert comparable(shuffled) == comparable(in_order)
    before = list(shuffled.db.query("SELECT * FROM findings ORDER BY id"))
    shuffled.rebuild_findings()
    assert list(shuffled.db.query("SELECT * FROM findings ORDER BY id")) == before


def test_the_open_findings_view_lists_what_still_holds_with_its_articles(store):
    record(store, "https://v.example/1", "2025-01-10", "CAICT", core(text="RMB 900 billion", value=9e11))
    record(store, "https://v.example/2", "2025-06-01", "CAICT", core(text="RMB 990 billion", value=9.9e11))
    rows = list(store.db.query("SELECT type, metric, period, claims, urls FROM open_findings"))
    assert rows == [{"type": "revision", "metric": CORE, "period": "2024", "claims": 2,
                     "urls": "https://v.example/1 https://v.example/2"}]
    store.db.execute("UPDATE findings SET status = 'closed'")
    assert list(store.db.query("SELECT id FROM open_findings")) == []
