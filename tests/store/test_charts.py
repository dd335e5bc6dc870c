"""The history chart, checked by rendering it: an SVG that parses, one mark per observation."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET

import pytest

from conftest import gold_article, gold_claims, load_gold, make_article, make_claim
from store.charts import LEGEND_LABEL_CHARS, history_chart, save_history_chart

SVG = "{http://www.w3.org/2000/svg}"


def record(store, url, published, outlet, *claims):
    text = " ".join(hashlib.sha256(f"{url} {n}".encode()).hexdigest() for n in range(8))
    store.record_article(make_article(url, text=text, published=published, outlet=outlet), list(claims))


def mark_elements(svg: bytes) -> dict[str, list[ET.Element]]:
    """The marker elements drawn per group id ("observation-N", "findings-N"): matplotlib draws
    a marker as a <use> of a shape defined once, or inline as a <path> when that is shorter."""
    root = ET.fromstring(svg)
    found = {}
    for group in root.iter(f"{SVG}g"):
        gid = group.get("id", "")
        if gid.startswith(("observation-", "findings-")):
            defined = {id(path) for defs in group.iter(f"{SVG}defs") for path in defs.iter(f"{SVG}path")}
            found[gid] = [element for element in group.iter()
                          if element.tag == f"{SVG}use" or element.tag == f"{SVG}path" and id(element) not in defined]
    return found


def marks(svg: bytes) -> dict[str, int]:
    """Marks of observations and rings of findings."""
    counts = {"observations": 0, "findings": 0}
    for gid, elements in mark_elements(svg).items():
        counts["findings" if gid.startswith("findings-") else "observations"] += len(elements)
    return counts


def filled_series(store):
    core = dict(metric="ai_core_industry_size", start=0, end=5)
    record(store, "https://a.example/1", "2025-01-10", "CAICT", make_claim(text="RMB 900 billion", value=9e11, **core))
    record(store, "https://a.example/2", "2025-06-01", "CAICT", make_claim(text="RMB 990 billion", value=9.9e11, **core),
           make_claim(text="24 percent", value=24, unit="%", kind="growth", **core))
    record(store, "https://a.example/3", "2024-12-15", "CAICT",
           make_claim(text="1.2 trillion yuan", value=1.2e12, period="2025", modality="forecast", **core))
    record(store, "https://a.example/4", "2026-03-08", "Xinhua",
           make_claim(text="1 trillion yuan", value=1e12, qualifier="more_than", period="2025", attribution="MIIT",
                      **core))
    return store.history("ai_core_industry_size")


def test_svg_has_one_mark_per_observation_and_rings_the_findings(store):
    observations = filled_series(store)
    svg = history_chart(observations, fmt="svg")
    counts = marks(svg)
    assert counts["observations"] == len(observations) == 5
    in_findings = [o for o in observations if o.findings]
    assert len(in_findings) == 4 and counts["findings"] == len(in_findings)   # the revision and the outcome
    assert "ai_core_industry_size" in svg.decode()
    # Forecasts and targets are hollow, actuals filled.
    observation_marks = [e for gid, elements in mark_elements(svg).items() if gid.startswith("observation-")
                         for e in elements]
    hollow = [e for e in observation_marks if "fill: none" in e.get("style", "")]
    assert len(hollow) == sum(1 for o in observations if o.claim.modality != "actual") == 1
    assert history_chart(observations, fmt="svg") == svg   # the same chart twice: no date, fixed ids


def test_png_and_saving_by_suffix(store, tmp_path):
    observations = filled_series(store)
    assert history_chart(observations, fmt="png").startswith(b"\x89PNG\r\n\x1a\n")
    assert save_history_chart(observations, tmp_path / "chart.svg", title="core AI") == 5
    assert b"core AI" in (tmp_path / "chart.svg").read_bytes()
    with pytest.raises(ValueError, match="pdf"):
        history_chart(observations, fmt="pdf")


def test_a_long_organisation_name_wraps_inside_the_legend(store):
    """The legend sits in a fixed right margin: a long name is drawn on several short lines,
    not as one line running off the figure."""
    name = "New Generation AI Development Strategy Institute"
    record(store, "https://n.example/1", "2023-07-01", "Xinhua",
           make_claim(metric="ai_core_industry_size", text="578.4 billion yuan", value=5.784e11, attribution=name,
                      start=0, end=5))
    svg = history_chart(store.history("ai_core_industry_size"), fmt="svg").decode()
    texts = ["".join(element.itertext()) for element in ET.fromstring(svg).iter(f"{SVG}text")]
    pieces = [text for text in texts if text and text in name]
    assert " ".join(pieces) == name and len(pieces) > 1
    assert all(len(piece) <= LEGEND_LABEL_CHARS for piece in pieces)


def test_an_undated_observation_without_period_is_left_out(store):
    record(store, "https://u.example/1", None, "CAICT",
           make_claim(metric="ai_enterprises", text="5,300", value=5300, unit="count", period=None, start=0, end=5))
    observations = store.history("ai_enterprises")
    assert marks(history_chart(observations)) == {"observations": 0, "findings": 0}


def test_gold_history_chart(store, gold_dir):
    for gold in load_gold(gold_dir):
        store.record_article(gold_article(gold), gold_claims(gold))
    observations = store.history("ai_core_industry_size")
    dated = [o for o in observations if o.claim.period or o.published]
    counts = marks(history_chart(observations))
    assert counts["observations"] == len(dated)
    assert counts["findings"] == sum(1 for o in dated if o.findings or o.flag)
