"""Attribution: who each figure comes from.

A credit in the sentence ("according to", "X said", "a report by", "the ministry added", a
person speaking for an organisation), else the source credited before (a heading ends it; a
person's credit ends with their paragraph), and for figures before the first credit, the
article's first source (a person only where the language's rules say so); a speaker named
by name only is credited by that name; "the report" is the source named for the article's
report; "official data" with no name takes a source named in the next two sentences, else
none; messengers (news outlets, events) give way to a source named in the same paragraph.
"""

from __future__ import annotations

import re

from extractors.claims.assembly.contract import SentenceReading
from extractors.claims.assembly.state import MESSENGER_KINDS, ArticleFacts, AssemblyState, Draft, is_source
from extractors.claims.linking import aiming_cues, organisation_kinds, sets_goals
from extractors.claims.sentences import Sentence


def update_sources(reading: SentenceReading, state: AssemblyState, article: ArticleFacts,
                    sentence: Sentence | None = None) -> str | None:
    """The source the sentence credits (None when it credits none) and what later text inherits."""
    named = [c for c in reading.credits if is_source(c)]
    reports = [c for c in reading.credits if c.kind == "report"]
    messengers = [c for c in reading.credits if c.credited and c.source and c.kind in MESSENGER_KINDS]
    uncredited = [c for c in reading.credits if c.kind == "uncredited"]
    unknown = [c for c in reading.credits if c.kind == "unknown"]
    kind = ""
    if named:
        source, kind = named[0].source, named[0].kind
        if kind == "person" and named[0].mentions_report:
            kind = "person_report"
    elif reports:
        source = article.report_source
    elif uncredited:
        # "official data showed": the source, if any, is named right after
        source = article.next_source.get(state.sentence_index)
        state.source, state.source_set, state.source_kind = source, True, ""
        state.seen_credit = True
        return source
    elif unknown:
        state.source, state.source_set, state.source_kind = None, True, ""
        state.seen_credit = True
        return None
    elif messengers:
        source = messengers[0].source
    else:
        return None
    state.source, state.source_set, state.source_kind = source, True, kind
    state.source_paragraph = sentence.paragraph if sentence else state.paragraph
    state.seen_credit = True
    return source


def _inherited_source(state: AssemblyState, sentence: Sentence) -> str | None:
    if not state.source_set:
        return None
    if state.source_kind == "person" and state.source_paragraph != sentence.paragraph:
        return None                      # what a person said does not carry past their paragraph
    return state.source


def _aims(reading: SentenceReading, text: str) -> bool:
    """Whether someone in the sentence aims at a goal ("The country aims to", 力争)."""
    cues = aiming_cues()
    return any(c.modality == "target" and re.sub(r"\s+", " ", text[c.start:c.end]).casefold() in cues
               for c in reading.modality)


def assign_attribution(text: str, sentence: Sentence, reading: SentenceReading, drafts: list[Draft], state: AssemblyState,
                        article: ArticleFacts) -> None:
    seen_before = state.seen_credit
    inherited = _inherited_source(state, sentence)
    source = update_sources(reading, state, article, sentence)
    uncredited = any(c.kind in ("uncredited", "unknown") for c in reading.credits)
    if source is None and not uncredited:
        source = inherited if seen_before else article.first_source
        if source is not None and state.source_paragraph != sentence.paragraph and _aims(reading, text) \
                and state.source_kind not in ("person", "person_report") and not sets_goals(source):
            source = None                # "The country aims to ..." after a statistics centre's figures
    if source is not None and organisation_kinds().get(source) in MESSENGER_KINDS:
        # a news outlet or an event passes figures on: prefer a source named nearby
        better = article.paragraph_source.get(sentence.paragraph)
        if better is None and inherited and organisation_kinds().get(inherited) not in MESSENGER_KINDS:
            better = inherited
        if better:
            source = better
            state.source = better
    for draft in drafts:
        draft.attribution = source
