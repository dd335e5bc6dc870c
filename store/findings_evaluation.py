"""How far the findings can be trusted: the same rules on labelled and on extracted claims.

From a gold set (``shared/gold``, ``tests/gold``), two in-memory stores are built in
publication order (undated articles last): one from the hand-labelled claims, one from the
claim extractor's output on the same texts. Findings are computed in both; the labelled
store's are taken as the truth. A finding from extracted claims is right when a labelled
finding of the same type rests on the same mentions: for each role (earlier and later
figure, growth rate, forecast and actual, ...) some claim of each in the same article with
overlapping spans; a forecast outcome must also say the same (met, exceeded, missed).
Precision and recall are counted per type, and every wrong and every missed finding is
listed. As in the claim evaluation, extracted claims over a gold claim marked ``optional``
are left out of the extracted store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.claims import extract_claims
from extractors.evaluation import gold_files, load_gold_file
from extractors.records import Article, Claim
from store.claimstore import ClaimStore
from store.errors import StoreError
from store.findings import TYPES

# Roles that stand for the same part of a finding.
_SAME_ROLE = {"target": "forecast"}


@dataclass
class TypeScore:
    gold: int = 0
    predicted: int = 0
    right: int = 0            # predicted findings that match a labelled one
    found: int = 0            # labelled findings matched by a predicted one

    @property
    def precision(self) -> float | None:
        return self.right / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    def figures(self) -> dict[str, Any]:
        return {"gold": self.gold, "predicted": self.predicted, "right": self.right, "found": self.found,
                "precision": self.precision, "recall": self.recall}


@dataclass
class FindingsEvaluation:
    scores: dict[str, TypeScore]
    wrong: list[dict[str, Any]] = field(default_factory=list)    # from extracted claims, not in the labelled store
    missed: list[dict[str, Any]] = field(default_factory=list)   # in the labelled store, not from extracted claims
    documents: int = 0

    @property
    def total(self) -> TypeScore:
        total = TypeScore()
        for score in self.scores.values():
            for name in ("gold", "predicted", "right", "found"):
                setattr(total, name, getattr(total, name) + getattr(score, name))
        return total

    def figures(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "types": {kind: score.figures() for kind, score in self.scores.items()},
            "all": self.total.figures(),
            "wrong": self.wrong,
            "missed": self.missed,
        }


def evaluate_findings(directories: Iterable[Path] | None = None, languages: Iterable[str] = ()) -> FindingsEvaluation:
    """Build both stores from the gold files of ``directories`` (default: shared and project
    gold) and compare their findings. StoreError when there are no gold files."""
    paths = gold_files(list(directories) if directories is not None else None)
    if not paths:
        raise StoreError("no gold files found" + (f" in {', '.join(map(str, directories))}" if directories else ""))
    wanted = set(languages)
    documents = []
    for path in paths:
        try:
            document = load_gold_file(path)
        except ValueError as error:   # the gold loader's GoldError
            raise StoreError(str(error)) from None
        except (KeyError, TypeError) as error:
            raise StoreError(f"{path}: not a gold file (no {error})") from None
        if not wanted or document.lang in wanted:
            documents.append((document, json.loads(path.read_text(encoding="utf-8"))))
    documents.sort(key=lambda pair: (pair[0].published is None, pair[0].published or ""))
    with ClaimStore.memory() as labelled, ClaimStore.memory() as extracted:
        for document, record in documents:
            article = Article(url=record["url"], text=record["text"], title=record.get("title"),
                              published=record.get("published"), lang=document.lang, outlet=record.get("outlet"))
            gold, optional = _labelled_claims(document, record)
            predicted = [claim for claim in extract_claims(document.text, lang=document.lang,
                                                           published=document.published)
                         if not any(_spans_overlap(claim.start, claim.end, start, end) for start, end in optional)]
            labelled.record_article(article, gold, source="gold", extractor_version="gold")
            extracted.record_article(article, predicted, source="gold", extractor_version="extractor")
        evaluation = compare(labelled.findings(open_only=True), extracted.findings(open_only=True))
    evaluation.documents = len(documents)
    return evaluation


def _labelled_claims(document: Any, record: dict[str, Any]) -> tuple[list[Claim], list[tuple[int, int]]]:
    """The gold file's claims as Claims (spans as the gold loader located them), and the
    spans of the optional ones."""
    claims, optional = [], []
    for labelled, located in zip(record["claims"], document.claims):
        if labelled.get("optional"):
            optional.append((located.start, located.end))
            continue
        claims.append(Claim.from_dict({**labelled, "start": located.start, "end": located.end,
                                       "sentence": labelled.get("sentence") or ""}))
    return claims, optional


def compare(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> FindingsEvaluation:
    """Score ``predicted`` findings against ``gold`` ones (records of ClaimStore.findings)."""
    scores = {kind: TypeScore() for kind in TYPES}
    evaluation = FindingsEvaluation(scores)
    unmatched_gold = list(gold)
    for finding in gold:
        scores[finding["type"]].gold += 1
    for finding in predicted:
        score = scores[finding["type"]]
        score.predicted += 1
        match = next((g for g in unmatched_gold if same_finding(finding, g)), None)
        if match is None:
            evaluation.wrong.append(_summary(finding))
            continue
        unmatched_gold.remove(match)
        score.right += 1
        score.found += 1
    evaluation.missed = [_summary(finding) for finding in unmatched_gold]
    return evaluation


def same_finding(predicted: dict[str, Any], gold: dict[str, Any]) -> bool:
    if predicted["type"] != gold["type"]:
        return False
    if predicted["details"].get("outcome") != gold["details"].get("outcome"):
        return False
    predicted_roles, gold_roles = _by_role(predicted), _by_role(gold)
    if set(predicted_roles) != set(gold_roles):
        return False
    return all(
        any(p["url"] == g["url"] and _spans_overlap(p["start"], p["end"], g["start"], g["end"])
            for p in predicted_roles[role] for g in gold_roles[role])
        for role in gold_roles
    )


def _by_role(finding: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    roles: dict[str, list[dict[str, Any]]] = {}
    for claim in finding["claims"]:
        roles.setdefault(_SAME_ROLE.get(claim["role"], claim["role"]), []).append(claim)
    return roles


def _spans_overlap(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end


def _summary(finding: dict[str, Any]) -> dict[str, Any]:
    return {"type": finding["type"], "explanation": finding["explanation"],
            "urls": sorted({claim["url"] for claim in finding["claims"]})}


def format_evaluation(evaluation: FindingsEvaluation) -> str:
    """The table of precision and recall per type, then every wrong and missed finding."""
    header = f"{'type':22} {'labelled':>8} {'extracted':>9} {'right':>6}  {'P':>6} {'R':>6}"
    lines = [f"findings on {evaluation.documents} gold articles: extracted claims against labelled claims", "",
             header, "-" * len(header)]
    for kind, score in [*evaluation.scores.items(), ("all", evaluation.total)]:
        lines.append(f"{kind:22} {score.gold:>8} {score.predicted:>9} {score.right:>6}  "
                     f"{_ratio(score.precision):>6} {_ratio(score.recall):>6}")
    for title, findings in (("wrong (from extracted claims only)", evaluation.wrong),
                            ("missed (from labelled claims only)", evaluation.missed)):
        lines += ["", f"{title}: {len(findings)}"]
        lines += [f"  {f['type']}: {f['explanation']} [{', '.join(f['urls'])}]" for f in findings]
    return "\n".join(lines)


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
