"""The English cue words (``data/cues.toml``) compiled once into the patterns that the period,
credit, kind and modality readers share (``patterns()``).

Phrase lists become alternations, longest first; a list read at the end of the text before a
number ("grew by", "more than") is compared word by word instead of scanned with a regex
(``_Ending``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.datafiles import read_toml
from extractors.patterns import alternation as patterns_alternation

PACKAGE = "extractors.claims.lang.en"   # whose data/ folder holds the cue words


def alternation(phrases) -> str:
    """Cue phrases as one alternation, longest first; a space in a phrase matches any white space."""
    return patterns_alternation(phrases, spaces=r"\s+")


@lru_cache(maxsize=1)
def cues() -> dict:
    return read_toml(PACKAGE, "cues.toml")


_NAME_WORD = r"(?=[\w&.'’-]*[A-Za-z])[A-Z0-9][\w&.'’-]*"      # "Refinitiv", "36Kr"


_WORDS = re.compile(r"[a-z0-9]+(?:[-'’.][a-z0-9]+)*\.?")


_CURRENCY_WORDS = frozenset({"us", "u.s", "u.s.", "rmb", "cny", "usd", "hk", "nt"})


class _Ending:
    """Whether a text ends with one of a set of phrases, a qualifier or currency allowed after
    it ("grew by | more than | US$"). Compares the last words with a set: no regex scan."""

    def __init__(self, phrases, qualifiers):
        self.phrases = frozenset(" ".join(_WORDS.findall(p.lower())) for p in phrases)
        self.longest = max((len(p.split()) for p in self.phrases), default=1)
        self.qualifiers = qualifiers

    def search(self, text: str) -> bool:
        words = [w.rstrip(".") if w not in ("u.s.",) else w for w in _WORDS.findall(text[-90:].lower())]
        while words and words[-1] in _CURRENCY_WORDS:
            words.pop()
        if self._ends(words):
            return True
        for size in (3, 2, 1):
            if len(words) > size and " ".join(words[-size:]) in self.qualifiers:
                return self._ends(words[:-size])
        return False

    def _ends(self, words: list[str]) -> bool:
        return any(" ".join(words[-size:]) in self.phrases for size in range(1, min(self.longest, len(words)) + 1))


def _ending(phrases) -> _Ending:
    qualifiers = frozenset(" ".join(_WORDS.findall(p.lower())) for ps in cues()["qualifiers"].values() for p in ps)
    return _Ending(phrases, qualifiers)


def _starting(phrases) -> re.Pattern:
    return re.compile(rf"\s*(?:{alternation(phrases)})(?![\w])", re.IGNORECASE)


def _anywhere(phrases) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{alternation(phrases)})(?![\w-])", re.IGNORECASE)


class Patterns:
    def __init__(self) -> None:
        table = cues()
        kind, modality, period, attribution = table["kind"], table["modality"], table["period"], table["attribution"]
        self.growth_before = _ending(kind["growth_before"])
        self.growth_after = _starting(kind["growth_after"])
        self.share_before = _ending(kind["share_before"])
        self.level_before = _ending(kind["level_before"])
        self.growth_verbs = _anywhere(kind["growth_before"])
        self.share_after = _starting(kind["share_after"])
        self.rate_words = _anywhere(kind["rate_words"])
        self.growth_words = _anywhere(kind["growth_words"])
        self.change_before = _ending(kind["change_before"])
        self.change_after = re.compile(rf"\s*(?:[\w-]+\s+){{0,5}}?(?:{alternation(kind['change_after'])})(?![\w])", re.IGNORECASE)
        self.pp_growth_before = _ending(kind["pp_growth_before"])
        self.decline_before = _ending(kind["decline"])
        self.decline_after = _starting(["decline", "drop", "decrease", "fall", "contraction", "lower"])
        flows = alternation(kind['flow_verbs'])
        self.flow_before = re.compile(rf"(?<![\w-])(?<!has )(?<!have )(?<!had )(?<!been )(?<!have jointly )(?:{flows})\s+(?:[\w-]+\s+){{0,4}}$", re.IGNORECASE)
        self.flow_after = re.compile(rf"\s*(?:[\w\"“”-]+\s+){{0,5}}?(?<!has )(?<!have )(?<!had )(?<!been )(?:{flows})\b", re.IGNORECASE)
        self.future_flow = re.compile(rf"\bwill\s+(?:\w+\s+)?(?:{alternation(kind['future_flow_verbs'])})\b[^,;]*$", re.IGNORECASE)
        self.target = _anywhere(modality["target"])
        self.forecast = _anywhere(modality["forecast"])
        self.modal = _anywhere(modality["modal"])
        self.agentive = _anywhere(modality["agentive"])
        # "the supply of [effective] <metric>": a measure of the metric, a metric of its own
        self.measure_head = re.compile(
            rf"(?<![\w-])(?P<head>{alternation(table['metric_phrase']['measure_heads'])})\s+(?:of|for)\s+(?:the\s+)?"
            r"(?P<modifiers>(?:(?!(?:the|a|an|its|their|and|or)\b)[A-Za-z][\w-]*\s+){0,2})$", re.IGNORECASE)
        self.base_before = _ending(period["base_before"])
        self.deadline_before = _ending(period["deadline_before"])
        self.released_by = re.compile(
            rf"\b(?:{alternation(period['release_verbs'])})\s+(?:by\s+(?:the\s+)?(?:[\w'’-]+\s+){{1,6}}?)?(?:on\s+|in\s+)$",
            re.IGNORECASE)
        self.current = _anywhere(period["current"])
        self.anaphor = _anywhere(period["anaphor"])
        self.current_state = _anywhere(period["current_state"])
        self.credit_before = re.compile(rf"(?<![\w-])(?:{alternation(attribution['credit_before'])})\b[^.;:]{{0,45}}$", re.IGNORECASE)
        self.credit_after = re.compile(rf"^(?:['’]s)?\s*(?:\([A-Z]{{2,8}}\))?,?\s*(?:(?:also|has|have|had|which|that|latest|newly|recently|just|officially|jointly|annual|its|their|a|the|new)\s+){{0,3}}(?:{alternation(attribution['credit_after'])})\b", re.IGNORECASE)
        self.not_credit_before = _ending(attribution["not_credit_before"])
        self.report_nouns = _anywhere(attribution["report_nouns"])
        self.report_credit = re.compile(
            rf"(?:according\s+to|data\s+(?:in|from)|figures\s+(?:in|compiled\s+in)|compiled\s+in|cited\s+in|predicted\s+in|in)\s+(?:the|a|this|its|their|a\s+latest|the\s+latest|a\s+new|a\s+recent|the\s+new)\s+(?:\w+\s+){{0,2}}(?:{alternation(attribution['report_nouns'])})\b"
            rf"|\b(?:the|a|this|a\s+latest|the\s+latest|a\s+new|a\s+recent|the\s+new)\s+(?:\w+\s+){{0,2}}(?:{alternation(attribution['report_nouns'])})(?:['’]s)?\s+(?:\w+\s+)?(?:{alternation(attribution['credit_after'])}|mentions|noted|analysed|analyzed)\b"
            rf"|\b(?:showed|shows|revealed|said|according\s+to)\s+the\s+(?:{alternation(attribution['report_nouns'])})\b",
            re.IGNORECASE,
        )
        self.uncredited = _anywhere(attribution["uncredited"])
        self.background_opener = re.compile(rf"\s*(?:{alternation(attribution['background_openers'])})\b", re.IGNORECASE)
        self.event_word = _anywhere(table["event"]["events"])
        self.logistics_noun = re.compile(rf"(?:{alternation(table['event']['logistics'])})\b", re.IGNORECASE)
        self.area_units = frozenset(table["event"]["area_units"])
        geo = table["geo"]
        self.ranks = [re.compile(r, re.IGNORECASE) for r in geo["ranks"]]     # apart: they may overlap
        self.share_wholes = re.compile("|".join(f"(?:{r})" for r in geo["share_wholes"]), re.IGNORECASE)
        self.counted_places = re.compile(geo["counted_places"], re.IGNORECASE)
        self.place_references = re.compile("|".join(f"(?:{r})" for r in geo["place_references"]), re.IGNORECASE)
        self.uncredited_pointing = _anywhere(attribution["uncredited_pointing"])
        self.generic_credit = _anywhere(attribution["generic_credits"])
        self.speech = _anywhere(attribution["speech"])
        self.representative = _anywhere(attribution["representative_roles"])
        self.titles = re.compile(rf"(?:{alternation(attribution['titles'])})\.?", re.IGNORECASE)
        # "European Commission President Ursula von der Leyen on Tuesday announced": the body
        # whose officer speaks
        self.organisation_speaker = re.compile(
            rf"\s+(?:(?:vice|deputy|executive|chief)\s+)?(?:{alternation(attribution['titles'])})\s+"
            r"(?P<name>[A-Z][a-z]+(?:\s+(?:(?:von|van|der|den|de|la|le|du|di|bin|al)\s+)*[A-Z][a-z]+){1,3})"
            rf"(?:\s+(?:on|in|at)\s+\w+)?\s+(?:{alternation(attribution['speech'])})\b", re.IGNORECASE)
        self.not_representative = _anywhere(attribution["not_representative"])
        # one pass for every "the ministry", "the institute", ...: phrase -> the kind it refers to
        self.anaphora_kind: dict[str, tuple[str, ...]] = {}
        for kind, phrases in attribution["anaphora"].items():
            for phrase in phrases:
                self.anaphora_kind[phrase.lower()] = self.anaphora_kind.get(phrase.lower(), ()) + (kind,)
        self.anaphora_any = re.compile(rf"(?<![\w-])(?:{alternation(self.anaphora_kind)})\b", re.IGNORECASE)
        self.credit_verb_near = re.compile(rf"[^.;]{{0,40}}?\b(?:{alternation(attribution['credit_after'])})\b", re.IGNORECASE)
        self.time_units = frozenset(table["not_amounts"]["time_units"])
        plan = rf"(?:the|a|an|this|its)\s+(?:[\w-]+\s+){{0,3}}?(?:{alternation(modality['plan_documents'])})"
        self.plan_cited = re.compile(
            rf"\b(?:(?:according\s+to|under|in)\s+{plan}\b|{plan}\s+(?:said|says|stated|states|noted|notes|added|adds|proposed|proposes))",
            re.IGNORECASE)
        # a document's title: capitalised words (an edition's ordinal or year first) up to a
        # report noun ("55th Statistical Report on ...", "2025 AI Index", "Global Digital
        # Economy White Paper"), not a body's name
        self.report_title = re.compile(
            rf"(?:(?:\d+(?:st|nd|rd|th)|\d{{4}})\s+)?(?:[A-Z][\w'’-]*\s+){{0,6}}(?:{alternation(attribution['report_nouns'])})\b",
            re.IGNORECASE)
        # "according to [the] [latest data from] [the Chinese business news site] <Name>"
        self.according_to_name = re.compile(
            r"\baccording\s+to\s+(?:(?:the|a|an)\s+)?"
            r"(?:(?:(?:latest|new)\s+)?(?:data|figures|statistics|estimates|research)\s+(?:from|by|of)\s+(?:the\s+)?)?"
            rf"(?:(?:[\w-]+\s+){{0,4}}?(?:{alternation(attribution['source_descriptors'])})\s+)?"
            rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|of|and|for)){{0,7}})")


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return Patterns()
