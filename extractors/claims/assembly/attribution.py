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
                    sentence: Sentence | None = None, figures: bool = True) -> str | None:
    """The source the sentence credits (None when it credits none) and what later text inherits:
    only a source credited with a figure is carried on (CLAIMS.md), so a sentence without
    figures ("..., according to the ministry") changes nothing but what the next sentence's
    数据显示 may point back to."""
    previous = state.previous_named
    state.previous_named = _named_in(reading, article)
    if not figures:
        # "陆媒《经济日报》分析，…" framing the paragraph after it: its figures are the source's
        named = [c for c in reading.credits if is_source(c) and c.kind != "person"
                 or c.credited and c.source and c.kind in MESSENGER_KINDS]
        if named and sentence is not None:
            state.framing = (named[0].source, sentence.paragraph)      # a body, not a person's opinion
        elif state.framing and sentence is not None and reading.question:
            state.framing = (state.framing[0], sentence.paragraph)     # "记者：…？" before the answer
        return None
    state.framing = None
    return _update_sources(reading, state, article, sentence, previous)


def _named_in(reading: SentenceReading, article: ArticleFacts, before: int | None = None) -> str | None:
    """The first body a sentence names (credited or not; not a news outlet or an event), or
    the article's report publisher when it refers to the report; only before ``before``. A
    sentence in which a person speaks names a person, not a body (the academy of an
    academician is no source of the data that follows)."""
    if any(credit.kind == "person" for credit in reading.credits):
        return None
    for credit in reading.credits:
        if before is not None and credit.start >= before:
            break
        if credit.source and credit.kind not in ("uncredited", "unknown", "person") and credit.kind not in MESSENGER_KINDS:
            return credit.source
        if credit.kind == "report" and article.report_source:
            return article.report_source
    return None


def _update_sources(reading: SentenceReading, state: AssemblyState, article: ArticleFacts,
                    sentence: Sentence | None, previous: str | None) -> str | None:
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
        # "official data showed", 据统计: no one, unless the sentence right after says whose data
        # it is; "the data showed", 数据显示: the body or report named in this sentence or the
        # one before (CLAIMS.md)
        source = None
        if uncredited[0].points_back:
            source = _named_in(reading, article, before=uncredited[0].start) or previous
        elif uncredited[0].generic:
            source = _named_in(reading, article) or article.next_named.get(state.sentence_index)
        source = source or article.next_source.get(state.sentence_index)
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
    if state.framing and sentence.paragraph - state.framing[1] <= 1:
        return state.framing[0]          # credited without figures just before: it frames these
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
    framing = state.framing
    seen_before = state.seen_credit or bool(framing)
    inherited = _inherited_source(state, sentence)
    source = update_sources(reading, state, article, sentence)
    uncredited = any(c.kind in ("uncredited", "unknown") for c in reading.credits)
    if source is None and not uncredited:
        source = inherited if seen_before else article.first_source
        framed = framing is not None and source == framing[0]
        credited_in = framing[1] if framed else state.source_paragraph
        if source is not None and credited_in != sentence.paragraph \
                and (_aims(reading, text) or reading.cites_plan) \
                and state.source_kind not in ("person", "person_report") and not sets_goals(source):
            source = None                # "The country aims to ..." or "Under the plan, ..." after a
                                         # statistics centre's figures: the goal is not its own
        elif framed:
            # the source that framed these figures is now credited with them: it carries on
            state.source, state.source_set, state.source_kind = source, True, organisation_kinds().get(source, "")
            state.source_paragraph, state.seen_credit = sentence.paragraph, True
    if source is not None and organisation_kinds().get(source) in MESSENGER_KINDS:
        # a news outlet or an event passes figures on: prefer a source named nearby
        better = article.paragraph_source.get(sentence.paragraph)
        if better is None and inherited and organisation_kinds().get(inherited) not in MESSENGER_KINDS:
            better = inherited
        if better:
            source = better
            state.source = better
    own = any(c.credited and c.source for c in reading.credits)
    for draft in drafts:
        # the writer's comparison ("By comparison, ...") and an event's own figures (exhibitors,
        # floor space) are no one's data, unless the sentence credits them
        no_ones = not own and (reading.background or draft.reading.logistics)
        draft.attribution = None if no_ones else source
