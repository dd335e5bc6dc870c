"""What a language supplies to the shared assembly: the readings its rules give of a sentence
and of one number in it, and the ``LanguageRules`` base its rules class extends.

For each sentence the rules give a ``SentenceReading`` (time expressions, source credits,
modality cues, clause breaks) and for each number a ``ClaimReading`` (kind, sign, whether a
bare number is a claim at all). A language's data that shared steps need (the glosses that
derive a metric key from its words, say) is handed over through its rules class too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.claims.linking import AliasMatch, MetricAlias, Token
from extractors.claims.periods import PeriodMention
from extractors.claims.quantity import Quantity
from extractors.claims.sentences import Sentence, split_sentences


@dataclass(frozen=True)
class Credit:
    """Evidence in a sentence of who a figure comes from."""
    start: int
    end: int
    source: str | None     # short name ("CAICT", "Wu Hequan"); None for "official data" and for a report reference
    kind: str              # organisation kind; "person"; "report" (the article's report); "uncredited"
                           # ("official data shows"); "anaphor:<kind>" ("the ministry"); "person_ref" ("Wu said")
    mentions_report: bool = False   # the sentence names a report, white paper or survey
    credited: bool = True           # False for an organisation merely mentioned ("China Mobile has built")
    person: str | None = None       # the person speaking, for later references by surname
    points_back: bool = False       # an unnamed credit that refers to the body or report named in the
                                    # same or the sentence before ("the data showed", 数据显示)
    generic: bool = False           # a credit to someone the same or the next sentence names
                                    # ("local authorities", 有关部门)


@dataclass(frozen=True)
class ModalityCue:
    start: int
    end: int
    modality: str          # "forecast" or "target"
    strength: int          # 3 explicit target, 2 explicit forecast, 1 modal verb / plain future
    scope: str = "clause"  # "clause": this clause onwards; "sentence": the whole sentence


@dataclass
class SentenceReading:
    periods: list[PeriodMention] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    modality: list[ModalityCue] = field(default_factory=list)
    clause_breaks: list[int] = field(default_factory=list)   # offsets where a new clause starts
    current_state: bool = False      # "has reached", "is home to", "there are": a state at publication
    respectively: bool = False
    label_end: int | None = None     # "Active AI companies: over 5,300": end of the label
    anaphoric_subject: bool = False  # "The figure was ...": about the metric of the sentence before
    cumulative: bool = False         # "to date", "so far": totals, not flows
    tokens: list[Token] | None = None  # the sentence's alias-matching tokens, when the rules keep them
    question: bool = False           # a question ("记者：…如何？"): in a transcript, the answer follows
    cites_plan: bool = False         # the sentence states a plan's or guideline's goals ("Under the 14th Five-Year Plan")
    background: bool = False         # the writer's comparison ("By comparison, ..."): its figures are no one's


@dataclass(frozen=True)
class ClaimReading:
    is_claim: bool
    kind: str
    negative: bool = False
    flow: bool = False              # a flow verb ("released", "will build"): a change over an interval
    equivalent: bool = False        # a bracketed or "equal to" restatement of the figure before
    metric_phrase: str | None = None  # words naming what is measured, for a derived key
    from_to: str | None = None      # "from" or "to" when the figure is an end of a "from A to B"
    noun_end: int | None = None     # end of the counted noun with its modifiers ("users in China using AI")
    subject_phrase: str | None = None  # the words before the figure, for a derived key when nothing else names it
    logistics: bool = False         # describes an event (exhibitors, exhibits, floor space): no one's data
    count_phrase: str | None = None # what "the number of ..." before the figure counts, with the
                                    # sentence's topic ("the number of enterprises" in the AI sector:
                                    # "ai enterprises")
    generic_noun: bool = False      # the counted noun says nothing of what is measured ("249 million
                                    # people had used generative AI"): the words after it do


class LanguageRules:
    """What a language supplies to the shared assembly. Subclass and register it."""

    lang = ""
    # Whether a person credited by name also credits the figures before the article's first
    # credit ("..., Wu said" in English news; not in Chinese, where a quoted person's words
    # follow the figures of others)
    person_credits_reach_back = True
    terminators = ".!?"
    spaceless_terminators = "。！？"
    abbreviations: frozenset[str] = frozenset()

    def split_sentences(self, text: str) -> list[Sentence]:
        return split_sentences(
            text,
            terminators=self.terminators,
            spaceless_terminators=self.spaceless_terminators,
            abbreviations=self.abbreviations,
        )

    def find_quantities(self, text: str) -> list[Quantity]:
        raise NotImplementedError

    def furniture(self, text: str) -> list[tuple[int, int]]:
        """Spans that hold no claims and credit no one: datelines, bylines, captions."""
        return []

    def tokens(self, text: str, start: int, end: int) -> list[Token]:
        """Normalised word tokens of ``text[start:end]`` for alias matching."""
        raise NotImplementedError

    def read_sentence(self, text: str, sentence: Sentence) -> SentenceReading:
        raise NotImplementedError

    def read_claim(self, text: str, sentence: Sentence, reading: SentenceReading, quantities: list[Quantity],
                   index: int, metric_matches: list[AliasMatch[MetricAlias]], repeats: int) -> ClaimReading:
        """Read ``quantities[index]`` (the sentence's numbers in text order); ``repeats``: how often
        the same number with the same counted noun occurs in the whole text."""
        raise NotImplementedError

    def infer_reference_year(self, text: str) -> int | None:
        """For undated text: the latest year the text reports as past."""
        return None

    def undated_year(self, text: str) -> int | None:
        """For undated text: the year its report or event is said to cover ("the 2023 report",
        2024世界人工智能大会), which dates what it says without a time of its own (CLAIMS.md)."""
        return None

    def generic_size_words(self) -> frozenset[str]:
        """Normalised words that name an amount without saying of what ("revenues", "scale")."""
        return frozenset()

    def measure_of(self, text: str, alias_start: int, alias_end: int, floor: int) -> tuple[str, int] | None:
        """When a metric alias is governed by a word that measures something else about it ("the
        supply of effective computing power"): the phrase to derive the key from ("effective
        computing power supply") and where the governing word starts; else None."""
        return None

    def core_marker(self) -> str:
        """The normalised token that says "core" in a metric phrase."""
        return "core"

    def key_phrase(self, phrase: str) -> str:
        """``phrase`` in the Latin letters a derived metric key is made of (``linking.derive_key``);
        a language written in another script glosses its words here."""
        return phrase

    def gdp_tokens(self) -> frozenset[str]:
        """Normalised words (or three-word phrases) that name GDP."""
        return frozenset({"gdp"})

    # -- geo (assembly/geo.py) --

    def rank_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Spans of ranks ("second in the world", 位居全球第二): their place is not a figure's."""
        return []

    def share_whole_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Spans naming the whole a share is of ("of the global total", 占全球): a share's place
        is its part's."""
        return []

    def counted_place_sets(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """Sets of places counted by number ("47 countries", 51个主要国家), with the geo they make."""
        return []

    def names_event(self, text: str, start: int, end: int) -> bool:
        """Whether the text names an event (a conference, an expo)."""
        return False

    def continues_previous(self, text_before: str) -> bool:
        """Whether a figure's sentence up to it breaks down the figure before (其中)."""
        return False

    def refers_to_place(self, text_before: str) -> bool:
        """Whether a figure's sentence up to it refers back to a city or province ("the city", 全市)."""
        return False
