"""Score the claim extractor against gold files, and pin the evaluation gate's floors.

Gold files (``shared/gold/*.json`` and the project's ``tests/gold/*.json``) hold a text,
its language and publication date, and claims located by ``text`` + ``occurrence``.
A predicted claim pairs with a gold claim when their spans overlap, the units are equal and
the values agree within 0.5% (ranges: both bounds). Precision, recall and F1 count pairs;
gold claims marked ``optional`` are scored neither way (a prediction that pairs with one is
neither right nor wrong). On pairs, each field is scored: qualifier, kind, period (a bare
year matches a month or day of that year), modality, attribution (case-insensitive) and
metric, which counts only gold claims whose key is in the CLAIMS.md registry
(``extractors/claims/data/metric_registry.tsv``; other keys are free text and not scored), and
geo (the place, as CLAIMS.md writes it).

The gate (``tests/eval_floors.json``, pinned by ``claimtrack evaluate --pin``) holds per language
and gold set the scores a change may not lower, a checksum of the gold files, and a digest of
the extractor's output on them under the ``EXTRACTOR_VERSION`` that produced it: the output
cannot change while the version stays the same.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

from extractors.claims.linking import registry
from extractors.claims.periods import year_matches
from extractors.records import Claim

FIELDS = ("qualifier", "kind", "period", "modality", "attribution", "metric", "geo")
VALUE_TOLERANCE = Decimal("0.005")
PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_GOLD = PROJECT_ROOT.parent / "shared" / "gold"
PROJECT_GOLD = PROJECT_ROOT / "tests" / "gold"
FLOORS_FILE = PROJECT_ROOT / "tests" / "eval_floors.json"
# The gold sets the gate scores separately: shared/gold may be absent on a fresh clone.
GOLD_SETS = {"shared": SHARED_GOLD, "project": PROJECT_GOLD}


@dataclass(frozen=True)
class GoldClaim:
    start: int
    end: int
    text: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    optional: bool
    fields: dict


@dataclass(frozen=True)
class GoldDocument:
    path: Path
    name: str
    lang: str
    published: str | None
    text: str
    claims: tuple[GoldClaim, ...]


class GoldError(ValueError):
    """A gold file that cannot be read or whose claims cannot be located in its text."""


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def load_gold_file(path: Path) -> GoldDocument:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise GoldError(f"{path}: {error}") from None
    text = record["text"]
    claims = []
    for claim in record.get("claims", []):
        start = _locate(text, claim["text"], claim.get("occurrence", 1))
        if start < 0:
            raise GoldError(f"{path}: claim {claim['text']!r} occurrence {claim.get('occurrence', 1)} not in text")
        claims.append(GoldClaim(
            start=start, end=start + len(claim["text"]), text=claim["text"],
            value=_decimal(claim.get("value")), low=_decimal(claim.get("low")), high=_decimal(claim.get("high")),
            unit=claim["unit"], optional=bool(claim.get("optional")),
            fields={name: claim.get(name) for name in FIELDS},
        ))
    return GoldDocument(path, path.stem, record.get("language") or "en", record.get("published"), text, tuple(claims))


def _locate(text: str, needle: str, occurrence: int) -> int:
    position = -1
    for _ in range(occurrence):
        position = text.find(needle, position + 1)
        if position < 0:
            return -1
    return position


def gold_files(directories: Iterable[Path] | None = None) -> list[Path]:
    directories = list(directories) if directories is not None else [SHARED_GOLD, PROJECT_GOLD]
    files = []
    for directory in directories:
        if directory.is_dir():
            files.extend(sorted(directory.glob("*.json")))
    return files


def checksum(paths: Iterable[Path]) -> str:
    """A digest of the gold files' names and contents: editing them must be deliberate."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: (p.parent.name, p.name)):
        digest.update(f"{path.parent.name}/{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# -- pairing and scoring -------------------------------------------------------------------

def values_agree(predicted: Claim, gold: GoldClaim) -> bool:
    if gold.value is None or predicted.value is None:
        if gold.low is None or predicted.low is None:
            return False
        return _close(predicted.low, gold.low) and _close(predicted.high, gold.high)
    return _close(predicted.value, gold.value)


def _close(predicted: Decimal | None, gold: Decimal | None) -> bool:
    if predicted is None or gold is None:
        return predicted is gold
    if gold == 0:
        return predicted == 0
    return abs(predicted - gold) <= abs(gold) * VALUE_TOLERANCE


def pair(predicted: list[Claim], gold: Iterable[GoldClaim]) -> tuple[list[tuple[Claim, GoldClaim]], list[Claim], list[GoldClaim]]:
    """Pairs, unpaired predictions and unpaired gold claims (required gold first)."""
    free = list(range(len(predicted)))
    pairs: list[tuple[Claim, GoldClaim]] = []
    missed: list[GoldClaim] = []
    for g in sorted(gold, key=lambda g: g.optional):
        best, best_overlap = None, 0
        for index in free:
            p = predicted[index]
            overlap = min(p.end, g.end) - max(p.start, g.start)
            if overlap > 0 and p.unit == g.unit and values_agree(p, g) and overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is None:
            missed.append(g)
        else:
            free.remove(best)
            pairs.append((predicted[best], g))
    return pairs, [predicted[i] for i in free], missed


def field_correct(name: str, predicted: Claim, gold: GoldClaim) -> bool | None:
    """Whether a paired claim has the field right; None when the field is not scored."""
    expected = gold.fields.get(name)
    got = getattr(predicted, name)
    if name == "metric":
        return None if expected not in registry() else got == expected
    if name == "period":
        return year_matches(got, expected)
    if name == "attribution":
        return (got or "").casefold() == (expected or "").casefold()
    return got == expected


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    field_right: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    field_total: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    errors: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives
        for name in FIELDS:
            self.field_right[name] += other.field_right[name]
            self.field_total[name] += other.field_total[name]
        self.errors.extend(other.errors)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float | None:
        total = self.field_total[name]
        return self.field_right[name] / total if total else None

    def figures(self) -> dict[str, float]:
        result = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        for name in FIELDS:
            accuracy = self.accuracy(name)
            if accuracy is not None:
                result[name] = accuracy
        return result


def score_document(document: GoldDocument, predicted: list[Claim]) -> Score:
    score = Score()
    pairs, unpaired, missed = pair(predicted, document.claims)
    for p, g in pairs:
        if g.optional:
            continue
        score.true_positives += 1
        for name in FIELDS:
            right = field_correct(name, p, g)
            if right is None:
                continue
            score.field_total[name] += 1
            if right:
                score.field_right[name] += 1
            else:
                score.errors.append(f"{document.name}: {g.text!r} {name}: got {getattr(p, name)!r}, gold {g.fields.get(name)!r}")
    score.false_positives = len(unpaired)
    score.errors.extend(f"{document.name}: extra {p.text!r} {p.value} {p.unit}" for p in unpaired)
    for g in missed:
        if not g.optional:
            score.false_negatives += 1
            score.errors.append(f"{document.name}: missed {g.text!r} {g.value} {g.unit}")
    return score


Extractor = Callable[[GoldDocument], list[Claim]]


def default_extractor(document: GoldDocument) -> list[Claim]:
    from extractors.claims import extract_claims
    return extract_claims(document.text, lang=document.lang, published=document.published)


@dataclass
class Report:
    by_language: dict[str, Score]
    by_file: dict[str, tuple[str, Score]]
    skipped: dict[str, str] = field(default_factory=dict)   # language -> why it was not scored

    def figures(self) -> dict:
        """Scores per language, and per file under "files", as plain numbers."""
        figures: dict = {lang: score.figures() for lang, score in self.by_language.items()}
        figures["files"] = {name: score.figures() for name, (_, score) in self.by_file.items()}
        return figures

    def error_lines(self) -> list[str]:
        """Every missed and extra claim and every wrong field, one line each."""
        return [line for score in self.by_language.values() for line in score.errors]


def evaluate(documents: Iterable[GoldDocument], extractor: Extractor = default_extractor,
             languages: set[str] | None = None) -> Report:
    from extractors.claims.pipeline import UnsupportedLanguage

    by_language: dict[str, Score] = {}
    by_file: dict[str, tuple[str, Score]] = {}
    skipped: dict[str, str] = {}
    for document in documents:
        if languages and document.lang not in languages or document.lang in skipped:
            continue
        try:
            predicted = extractor(document)
        except UnsupportedLanguage as error:
            skipped[document.lang] = str(error)
            continue
        score = score_document(document, predicted)
        by_language.setdefault(document.lang, Score()).add(score)
        by_file[f"{document.path.parent.name}/{document.name}"] = (document.lang, score)
    return Report(by_language, by_file, skipped)


def format_report(report: Report, *, worst: int = 5) -> str:
    header = ["", "claims", "P", "R", "F1", *FIELDS]
    rows = []
    for lang, score in sorted(report.by_language.items()):
        rows.append(_row(lang, score))
    lines = [_line(header), _line(["-" * len(h) for h in header])]
    lines.extend(_line(row) for row in rows)
    for lang, reason in sorted(report.skipped.items()):
        lines.append(f"{lang}: not scored: {reason}")
    for lang in sorted(report.by_language):
        files = [(name, score) for name, (file_lang, score) in report.by_file.items() if file_lang == lang]
        lines.append("")
        lines.append(f"{lang}: worst files")
        lines.append(_line(["file", "claims", "P", "R", "F1", *FIELDS]))
        for name, score in sorted(files, key=lambda item: _badness(item[1]))[:worst]:
            lines.append(_line(_row(name, score)))
    return "\n".join(lines)


def _badness(score: Score) -> float:
    accuracies = [a for a in (score.accuracy(f) for f in FIELDS) if a is not None]
    return score.f1 + (sum(accuracies) / len(accuracies) if accuracies else 1.0)


def _row(name: str, score: Score) -> list[str]:
    cells = [name, str(score.true_positives + score.false_negatives),
             f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"]
    for name_ in FIELDS:
        accuracy = score.accuracy(name_)
        cells.append("-" if accuracy is None else f"{accuracy:.3f}")
    return cells


def _line(cells: list[str]) -> str:
    widths = [22, 7, 6, 6, 6] + [12] * len(FIELDS)
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()


# -- the gate: floors pinned per language and gold set ---------------------------------------

class PinRefused(GoldError):
    """Pinning would lower a floor (without ``allow_regression``) or record a changed output
    under an unchanged ``EXTRACTOR_VERSION``."""


@dataclass(frozen=True)
class FloorChange:
    """One pinned figure that moved: ``old`` is None for a figure pinned for the first time."""
    lang: str
    gold_set: str
    field: str
    old: float | None
    new: float

    @property
    def lowered(self) -> bool:
        return self.old is not None and self.new < self.old

    def __str__(self) -> str:
        old = "new" if self.old is None else f"{self.old:.3f}"
        return f"{self.lang}/{self.gold_set} {self.field}: {old} -> {self.new:.3f}"


def gold_set_documents(name: str, lang: str, gold_sets: dict[str, Path] | None = None) -> list[GoldDocument]:
    """The documents of one gold set in one language ([] when the set is absent)."""
    folder = (gold_sets or GOLD_SETS)[name]
    return [d for d in (load_gold_file(p) for p in gold_files([folder])) if d.lang == lang]


def gate_reading(documents: list[GoldDocument], extractor: Extractor = default_extractor) -> tuple[dict[str, float], str]:
    """The gate's figures for ``documents`` and a digest of every claim the extractor read in
    them, so that a changed output is seen even where the scores stay the same."""
    digest = hashlib.sha256()
    outputs: dict[Path, list[Claim]] = {}

    def reading(document: GoldDocument) -> list[Claim]:
        outputs[document.path] = claims = extractor(document)
        return claims

    report = evaluate(documents, extractor=reading)
    for path in sorted(outputs, key=lambda p: (p.parent.name, p.name)):
        digest.update(f"{path.parent.name}/{path.name}\0".encode())
        for claim in outputs[path]:
            digest.update(json.dumps(claim.to_dict(), sort_keys=True, ensure_ascii=False).encode() + b"\n")
    total = Score()
    for score in report.by_language.values():
        total.add(score)
    return total.figures(), digest.hexdigest()


def gate_figures(documents: list[GoldDocument]) -> dict[str, float]:
    return gate_reading(documents)[0]


def load_floors(path: Path = FLOORS_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"targets": {}, "floors": {}}


def pin_floors(languages: Iterable[str], path: Path = FLOORS_FILE, *, allow_regression: bool = False,
               version: str | None = None, gold_sets: dict[str, Path] | None = None) -> list[FloorChange]:
    """Record today's scores as floors (truncated to 3 decimals) with a checksum of the gold
    and a digest of the extractor's output on it; return what moved. PinRefused, and nothing
    written, when a floor would fall without ``allow_regression``, or when the output on
    unchanged gold differs from the one pinned with the same ``EXTRACTOR_VERSION``."""
    if not path.parent.is_dir():
        raise GoldError(f"{path.parent} is not here: floors are pinned in a clone of the repository")
    if version is None:
        from extractors.claims import EXTRACTOR_VERSION as version
    gold_sets = gold_sets or GOLD_SETS
    floors = load_floors(path)
    pinned_version = floors.get("extractor_version")
    changes: list[FloorChange] = []
    stale: list[str] = []
    for lang in languages:
        for name in gold_sets:
            documents = gold_set_documents(name, lang, gold_sets)
            if not documents:
                continue
            figures, output = gate_reading(documents)
            entry = {
                "checksum": checksum(d.path for d in documents),
                "files": len(documents),
                "output": output,
                "scores": {k: int(v * 1000) / 1000 for k, v in sorted(figures.items())},
            }
            old = floors.get("floors", {}).get(lang, {}).get(name, {})
            if (old.get("checksum") == entry["checksum"] and old.get("output") not in (None, output)
                    and pinned_version == version):
                stale.append(f"{lang}/{name}")
            old_scores = old.get("scores", {})
            changes.extend(FloorChange(lang, name, field, old_scores.get(field), score)
                           for field, score in entry["scores"].items() if old_scores.get(field) != score)
            floors.setdefault("floors", {}).setdefault(lang, {})[name] = entry
    if stale:
        raise PinRefused(f"the extractor's output on {', '.join(stale)} gold changed but EXTRACTOR_VERSION is still "
                         f"{version!r}: bump EXTRACTOR_VERSION (extractors/claims/extract.py), then pin")
    lowered = [change for change in changes if change.lowered]
    if lowered and not allow_regression:
        raise PinRefused("pinning would lower " + "; ".join(map(str, lowered))
                         + " (re-pin with --allow-regression if that is deliberate)")
    floors["extractor_version"] = version
    path.write_text(json.dumps(floors, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return changes


def score_gold(directories: Iterable[Path] | None = None, languages: Iterable[str] | None = None) -> Report:
    """Score the extractor on the gold files of ``directories`` (default: shared and
    project gold); GoldError when there are none or one cannot be read."""
    paths = gold_files(directories)
    if not paths:
        raise GoldError("no gold files found" + (f" in {', '.join(map(str, directories))}" if directories else ""))
    documents = [load_gold_file(path) for path in paths]
    return evaluate(documents, languages=set(languages) if languages else None)
