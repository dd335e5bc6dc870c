"""Geo: the place each figure is about (China unless the text names another, CLAIMS.md).

The place comes from the figure's own noun phrase: a possessive right before it ("China's 15"),
a place right after it or an "in <place>" later in its clause ("users worldwide", "in the
European Union"), else the nearest before it in its clause; places listed together ("the US,
China, Germany, Japan and South Korea", 美国、中国、…5个国家) are joined in text order with
" and ", and a set counted by number is itself the place ("51 countries", 51个主要国家). A place
in a rank ("second in the world", 位居全球第二) is not the figure's, nor is the whole of a share
("15 percent of the global total", 占全球的38.58%: the part's place, by default China). A
multiple compares two places ("12 times China's": "US and China"). Without a place of its own:
a figure describing an event is where the event is held, "the city", 全市 is the city named
before, and a figure that refers back ("其中", "the spending", "The figure ...") is where the
figure before it was.
"""

from __future__ import annotations

import re

from extractors.claims.assembly.state import AssemblyState, Draft, same_clause, tokens_of
from extractors.claims.linking import geo_matcher, is_local_place, place_units

# punctuation that ends the phrase after a figure, in both scripts
_PHRASE_END = re.compile(r"[,;.()，；。（）、:：]")
_CONTINUATION = ("paragraph", "antecedent", "head")


def note_places(text, sentence, reading, rules, state: AssemblyState) -> None:
    """Remember, for every sentence, the last city or province named and where an event named is held."""
    matches = _places(text, sentence, reading, rules)
    for match in matches:
        if is_local_place(match.payload):
            state.last_place = match.payload
    if rules.names_event(text, sentence.start, sentence.end):
        named = [m.payload for m in matches if is_local_place(m.payload) or m.payload not in ("China", "global")]
        if named:
            state.event_place = named[0]


def _places(text, sentence, reading, rules):
    matches = geo_matcher(rules.lang, rules.tokens).find(tokens_of(text, sentence, reading, rules))
    ranks = rules.rank_spans(text, sentence.start, sentence.end)
    return [m for m in matches if not any(s <= m.start < e for s, e in ranks)]


def assign_geo(text, sentence, reading, drafts: list[Draft], rules, state: AssemblyState) -> None:
    matches = _places(text, sentence, reading, rules)
    wholes = rules.share_whole_spans(text, sentence.start, sentence.end)
    sets = rules.counted_place_sets(text, sentence.start, sentence.end)
    paired = _respectively(text, reading, drafts, matches)
    previous: Draft | None = None
    for index, draft in enumerate(drafts):
        others = [d.quantity for d in drafts if d is not draft]
        place = paired.get(index)
        if place is None and draft.reading.logistics and state.event_place:
            place = state.event_place             # exhibitors, guests: where the event is held
        place = place or _own_place(text, draft, matches, wholes, sets, reading, others)
        if place is None and previous is not None and previous.geo != "China" and draft.kind != "share":
            place = previous.geo          # a clause that names no place goes on about the figure before
                                          # it ("全球…投资达252亿美元，是2022年的近8倍")
        if place is None:
            place = _carried_place(text, draft, matches, reading, rules, state)
        if place is not None:
            draft.geo = place
        previous = draft
    if drafts:
        state.last_geo = drafts[-1].geo


_RESPECTIVELY = re.compile(r"分别|分別|respectively", re.IGNORECASE)


def _respectively(text, reading, drafts, matches) -> dict[int, str]:
    """"京津冀、长三角和珠三角，占比分别为31.02%、30.23%和26.39%": the n-th figure after a list
    of places and "respectively" is the n-th place."""
    paired: dict[int, str] = {}
    if not reading.respectively:
        return paired
    sentence_end = drafts[-1].sentence.end if drafts else 0
    for index, draft in enumerate(drafts):
        if index in paired:
            continue
        # the whole the shares are of ("在全球算力规模中的份额") is not one of the places listed
        before = [m for m in matches if m.end <= draft.quantity.start and m.payload != "global"]
        listed = _listed(text, before)
        if len(listed) < 2 or not (_RESPECTIVELY.search(text, listed[-1].end, draft.quantity.start)
                                   or _RESPECTIVELY.search(text, draft.quantity.end, sentence_end)):
            continue
        for offset, place in enumerate(listed):
            if index + offset < len(drafts) and drafts[index + offset].unit == draft.unit:
                paired[index + offset] = place.payload
    return paired


def _between(others, low: int, high: int) -> bool:
    return any(low <= q.start < high for q in others)


def _own_place(text, draft, matches, wholes, sets, reading, others) -> str | None:
    quantity = draft.quantity
    if (quantity.counted_noun or text[quantity.end:quantity.end + 4]).lower().lstrip().startswith(place_units()) \
            or quantity.text.endswith(place_units()):
        return "China"                               # "山西/…/新疆10省区", "七城": units of the country
    usable = matches
    if draft.kind == "share":
        usable = [m for m in matches if not any(s <= m.start < e for s, e in wholes)]
    if re.search(r"\bworld['’]s\s*$", text[max(0, quantity.start - 12):quantity.start], re.IGNORECASE):
        return "global"                              # "the world's 271"
    # a possessive right before the figure: "China's 15", "Europe's three"
    possessive = [m for m in usable if 0 <= quantity.start - m.end <= 3 and re.match(r"['’]s\s*$", text[m.end:quantity.start])]
    if possessive:
        return possessive[-1].payload
    before_in_clause = [m for m in usable if m.end <= quantity.start and same_clause(m.start, quantity.start, reading)]
    if draft.kind == "multiple" and before_in_clause:
        return before_in_clause[-1].payload          # "The US figure was nearly 12 times China's": the subject's
    reach = (draft.reading.noun_end or quantity.end) + 15
    after = [m for m in usable if quantity.end <= m.start < reach and not _PHRASE_END.search(text[quantity.end:m.start])
             and not _between(others, quantity.end, m.start)
             and not re.match(r"['’]s\s*\d", text[m.end:m.end + 4])]      # "the US's 18" is the 18's
    if after:
        return after[0].payload
    later = [m for m in usable if m.start >= quantity.end and same_clause(quantity.start, m.start, reading)
             and not _PHRASE_END.search(text[quantity.end:m.start]) and not _between(others, quantity.end, m.start)
             and not _SPEECH.search(text[quantity.end:m.start])
             and (re.search(r"\b(?:in|across|for|within)\s+(?:the\s+)?$", text[max(quantity.end, m.start - 12):m.start])
                  or re.fullmatch(r"worldwide|globally|nationwide", text[m.start:m.end], re.IGNORECASE))]
    if later:
        return later[0].payload                     # "... for investment in AI in the European Union"
    counted = [s for s in sets if s[1] <= quantity.start]
    if counted and (not before_in_clause or counted[-1][1] > before_in_clause[-1].end):
        listed = _enumeration(text, [m for m in usable if m.end <= counted[-1][0]], counted[-1][0])
        return " and ".join(listed) if len(listed) > 1 else counted[-1][2]    # "51 countries", 51个主要国家
    if before_in_clause:
        # a list may run across the clause break before the figure ("China and the United States lead")
        listed = _enumeration(text, [m for m in usable if m.end <= before_in_clause[-1].end], None)
        return " and ".join(listed) if len(listed) > 1 else before_in_clause[-1].payload
    return None


_SPEECH = re.compile(r"\b(?:said|says|told|according|reported|showed|shows|announced|at)\b|表示|介绍|显示|指出")


def _listed(text, before) -> list:
    """The place matches listed together that end with the last of ``before``."""
    if not before:
        return []
    listed = [before[-1]]
    for match in reversed(before[:-1]):
        if match.payload == "global" or listed[0].payload == "global":
            break                                    # "around the world, China and the United States"
        gap = text[match.end:listed[0].start]
        if not re.fullmatch(r"\s*(?:[,、，]|and|及|和|与)\s*(?:and\s+)?(?:the\s+)?", gap):
            break
        listed.insert(0, match)
    return listed


def _enumeration(text, before, until) -> list[str]:
    """The places listed together that end with the last one before the figure (or right
    before a counted set: "美国、中国、德国、日本、韩国5个国家")."""
    if not before or until is not None and not re.fullmatch(r"\s*", text[before[-1].end:until]):
        return []
    listed = _listed(text, before)
    names = []
    for match in listed:
        if match.payload not in names:
            names.append(match.payload)
    return names
def _carried_place(text, draft, matches, reading, rules, state) -> str | None:
    if draft.reading.logistics and state.event_place:
        return state.event_place                     # exhibitors and floor space: where the event is
    sentence_text = text[draft.sentence.start:draft.quantity.start]
    if rules.refers_to_place(sentence_text) and state.last_place:
        return state.last_place                      # 全市, "the city"
    clause_text = text[draft.sentence.start:draft.quantity.start]
    if (reading.anaphoric_subject or draft.metric_from in _CONTINUATION or _of_the_recent(text, draft, state)
            or rules.continues_previous(clause_text)) and state.last_geo and state.last_geo != "China":
        return state.last_geo                        # "其中…", "80 percent of the spending"
    return None


def _of_the_recent(text: str, draft: Draft, state: AssemblyState) -> bool:
    """"nearly 80 percent of the spending": a share of a thing just named (the last word of a
    recent metric's name)."""
    m = re.match(r"\s+of\s+(?:the|this|that|its)\s+([A-Za-z]+)\b", text[draft.quantity.end:draft.quantity.end + 40])
    if not m:
        return False
    head = m.group(1).lower().rstrip("s")
    return any(head in (word.rstrip("s") for word in name.lower().split()) for _, name in state.recent_metrics)
