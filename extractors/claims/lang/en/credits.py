"""English source credits: who a sentence says its figures come from.

Organisations of ``organisations.tsv`` with a credit cue before or after them ("according to",
"said", "a report by"), organisations the table does not know introduced with their acronym
("the China Association of Automobile Manufacturers (CAAM) said"), people speaking (for an
organisation when their role names one), "the report", references back ("the ministry
added", "Wu said") and "official data" with no name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.claims.assembly.contract import Credit
from extractors.claims.lang.en.cues import patterns
from extractors.claims.lang.en.tokens import as_name_tokens, english_name_tokens
from extractors.claims.linking import AliasMatch, Organisation, Token, organisation_matcher
from extractors.claims.sentences import Sentence

_PERSON = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}"


_PERSON_AFTER_SPEECH = re.compile(rf"\b(?:said|says|according\s+to|noted|added|(?:made\s+public|released|disclosed|announced|presented|delivered|submitted)\s+by)\s+(?:(?:[A-Z][a-z]+\s+)?(?:Premier|President|Minister|Vice|Dr\.?|Mr\.?|Ms\.?|Analyst|Professor|Academician)\s+)?(?P<name>{_PERSON})(?:,\s+(?P<role>[^,;]{{2,140}}))?")


_PERSON_BEFORE_ROLE = re.compile(rf"(?P<name>{_PERSON}),\s+(?P<role>[^,;]{{2,140}}?),\s+(?:\w+\s+){{0,2}}?(?:said|says|noted|notes|added|adds|stated|told|explained|was\s+quoted|believes|revealed)\b")


_PERSON_SPEAKS = re.compile(rf"(?P<name>{_PERSON})\s+(?:said|says|noted|notes|added|adds|stated|told|explained|revealed)\b")


_SPEECH_HINT = re.compile(r"\b(?:said|says|according|noted|notes|added|adds|stated|told|explained|revealed|by|announced|disclosed|believes|was quoted)\b")


# "Chinese AI start-up DeepSeek said": a company named by what it is
_COMPANY_SPEAKS = re.compile(r"\b(?:start-?up|company|firm|group|maker|giant|developer|operator|platform|carrier|lab)\s+(?P<name>[A-Z][\w-]+(?:\s[A-Z][\w-]+){0,2})(?:['’]s)?\s+(?:(?:also|has|had)\s+)?(?:said|says|reported|announced|disclosed|revealed|estimated|stated|noted)\b")


_SURNAME_SPEAKS = re.compile(r"\b(?P<name>[A-Z][a-z]+)\s+(?:said|says|noted|added|adds|stated|told|explained)\b")


_NOT_NAME_ENDS = frozenset({"municipality", "province", "city", "county", "district", "region", "university", "group",
                            "company", "corporation", "institute", "academy", "conference", "expo", "forum", "summit",
                            "ministry", "administration", "bureau", "center", "centre", "association", "society",
                            "council", "commission", "office", "agency", "times", "daily", "news", "post", "television"})


_NOT_NAMES = frozenset({"the", "china", "chinese", "according", "beijing", "shanghai", "xinhua", "global", "people", "state",
                        "national", "ministry", "data", "official", "report", "it", "he", "she", "they", "this", "that", "also",
                        "meanwhile", "moreover", "however", "in", "as", "by", "on", "at", "for", "and", "but", "world", "new"})


def english_credits(text: str, sentence: Sentence, tokens: list[Token]) -> list[Credit]:
    pats = patterns()
    start, end = sentence.start, sentence.end
    credits: list[Credit] = []
    mentions_report = bool(pats.report_nouns.search(text, start, end)) or bool(re.search(r"\breleased\s+[\"“]", text[start:end]))
    orgs = organisation_matcher("en", english_name_tokens).find(as_name_tokens(text, tokens))
    orgs = sorted(orgs + _unlisted_bodies(text, start, end, orgs), key=lambda m: m.start)
    for match in orgs:
        before = text[max(start, match.start - 60):match.start]
        after = text[match.end:min(end, match.end + 60)]
        org = match.payload
        if pats.not_credit_before.search(before):
            continue
        credited = bool(pats.credit_before.search(before) or pats.credit_after.match(after))
        speaker = pats.organisation_speaker.match(text, match.end, end)
        credits.append(Credit(match.start, match.end, org.short, org.kind, mentions_report=mentions_report,
                              credited=credited or bool(speaker), person=speaker.group("name") if speaker else None))
        if org.kind == "company" and not credited and _SUBJECT_SLOT.search(text[max(start, match.start - 40):match.start]) \
                and not re.search(r"\d", text[start:match.start]):
            # "China Mobile has completed 140,000 base stations": the company's own figures,
            # not the source credited before; the company itself is not credited either
            credits.append(Credit(match.start, match.end, None, "unknown"))
    credits.extend(_unlisted_organisations(text, start, end, orgs, pats, mentions_report))
    if mentions_report:
        for m in pats.report_credit.finditer(text, start, end):
            credits.append(Credit(m.start(), m.end(), None, "report", mentions_report=True))
    for m in pats.anaphora_any.finditer(text, start, end):
        if any(o.start < m.end() + 2 and m.start() < o.end for o in orgs):
            continue                              # "the news outlet Xinhua": a description, not a reference back
        if pats.credit_verb_near.match(text, m.end(), end) or pats.credit_before.search(text[max(start, m.start() - 40):m.start()]):
            for kind in pats.anaphora_kind[_fold_space(m.group())]:   # "the administration": an agency or a regulator
                credits.append(Credit(m.start(), m.end(), None, f"anaphor:{kind}"))
    uncredited = pats.uncredited.search(text, start, end)
    if uncredited:
        credits.append(Credit(uncredited.start(), uncredited.end(), None, "uncredited"))
    elif (pointing := pats.uncredited_pointing.search(text, start, end)) and not any(c.credited and c.source for c in credits):
        credits.append(Credit(pointing.start(), pointing.end(), None, "uncredited", points_back=True))
    elif (generic := pats.generic_credit.search(text, start, end)) and not any(c.credited and c.source for c in credits):
        credits.append(Credit(generic.start(), generic.end(), None, "uncredited", generic=True))
    if _SPEECH_HINT.search(text, start, end):
        people = _person_credits(text, start, end, orgs)
        credits.extend(replace(c, mentions_report=mentions_report) for c in people)
        credits.extend(_named_sources(text, start, end, orgs, people))
    credits.sort(key=lambda c: c.start)
    return credits


# An organisation the tables do not know, introduced with its acronym:
# "the China Association of Automobile Manufacturers (CAAM) said"; and the acronym speaking later.
_NAMED_ORGANISATION = re.compile(
    r"\b(?P<name>[A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’-]*|of|and|for|on|in)){1,8})\s+\((?P<acronym>[A-Z][A-Za-z]{1,7})\)")


_CAPITALS = re.compile(r"[A-Z]{2}")


# what may stand before a sentence's subject: nothing, a time frame, a description
_SUBJECT_SLOT = re.compile(r"(?:^|[,.;:]\s*|\b(?:and|while|but)\s+)(?:[\w'’-]+\s+){0,6}?$|^\s*$")


_ACRONYM_SPEAKS = re.compile(
    r"\b(?P<acronym>[A-Z]{2,8})\s+(?:also\s+)?(?:said|says|estimated|estimates|reported|revealed|noted|added|expects|predicted|found|showed|shows)\b")


_NOT_ORGANISATIONS = frozenset({"GDP", "CPI", "PPI", "PMI", "AI", "EV", "EVS", "NEV", "NEVS", "IT", "ICT", "IPO",
                                "USD", "CNY", "RMB", "LLM", "LLMS", "AGI", "AR", "VR", "CEO", "CFO", "US", "UK", "EU"})


_ORGANISATION_KINDS = (("association", "association"), ("federation", "association"), ("society", "association"),
                       ("alliance", "association"), ("institute", "institute"), ("academy", "institute"),
                       ("center", "institute"), ("centre", "institute"), ("ministry", "ministry"),
                       ("company", "company"), ("group", "company"), ("corporation", "company"))


# A body the tables do not know, named in full: "the Beijing Municipal Bureau of Statistics",
# "the Shanghai Municipal Commission of Economy and Informatization", "Beijing Academy of
# Social Sciences"; credited by that name (CLAIMS.md: its English name as it writes it).
_BODY_HEAD = (r"(?:Bureau|Commission|Administration|Ministry|Department|Office|Agency|Authority|Institute|Academy"
              r"|Association|Federation|Society|Council|Center|Centre|Alliance|Government|Committee)")
_BODY_NAME = re.compile(
    rf"(?<![\w-])(?:[A-Z][\w'’&-]*\s+){{1,6}}?{_BODY_HEAD}"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:and\s+)?[A-Z][\w'’&-]*){{0,4}})?(?![\w-])")


def _unlisted_bodies(text: str, start: int, end: int, orgs) -> list:
    found = []
    if not _CAPITALS.search(text, start, end) and not re.search(_BODY_HEAD, text[start:end]):
        return found
    for m in _BODY_NAME.finditer(text, start, end):
        name_start = m.start()
        words = m.group().split()
        while words and words[0] in ("The", "A", "An", "According", "Data", "By", "In", "On", "At", "For"):
            name_start = text.index(words[1], name_start + len(words[0])) if len(words) > 1 else m.end()
            words = words[1:]
        if len(words) < 2 or any(o.start < m.end() and name_start < o.end for o in orgs):
            continue
        if re.match(r"\s*\([A-Z][A-Za-z]{1,7}\)", text[m.end():m.end() + 12]):
            continue                  # introduced with its acronym: credited by the acronym (CLAIMS.md)
        name = " ".join(words)
        kind = next((k for word, k in _ORGANISATION_KINDS if word in name.lower()), "agency")
        found.append(AliasMatch(Organisation(name, kind), name_start, m.end(), -1, -1))
    return found


def _fold_space(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase).lower()


def _unlisted_organisations(text, start, end, orgs, pats, mentions_report) -> list[Credit]:
    found = []
    if not _CAPITALS.search(text, start, end):
        return found
    for m in _NAMED_ORGANISATION.finditer(text, start, end) if "(" in text[start:end] else ():
        if any(o.start < m.end() and m.start() < o.end for o in orgs):
            continue
        before = text[max(start, m.start() - 60):m.start()]
        after = text[m.end():min(end, m.end() + 60)]
        if pats.not_credit_before.search(before):
            continue
        name = m.group("name").lower()
        kind = next((k for word, k in _ORGANISATION_KINDS if word in name), "agency")
        credited = bool(pats.credit_before.search(before) or pats.credit_after.match(after))
        found.append(Credit(m.start("acronym"), m.end("acronym"), m.group("acronym"), kind,
                            mentions_report=mentions_report, credited=credited))
    for m in _ACRONYM_SPEAKS.finditer(text, start, end):
        if m.group("acronym") in _NOT_ORGANISATIONS:
            continue
        if not any(o.start <= m.start() < o.end for o in orgs) and not any(c.source == m.group("acronym") for c in found):
            found.append(Credit(m.start("acronym"), m.end("acronym"), m.group("acronym"), "agency",
                                mentions_report=mentions_report))
    return found


def _named_sources(text: str, start: int, end: int, orgs, people) -> list[Credit]:
    """A source the tables do not know, named after "according to": "according to Refinitiv data",
    "according to the Chinese business news site 36Kr"; a body named in full ("the Shanghai
    Municipal Commission of Economy and Informatization") is credited by that name even when
    it starts with a place."""
    found = []
    pats = patterns()
    for m in pats.according_to_name.finditer(text, start, end):
        if pats.report_title.match(text, m.start("name"), end):
            # "according to the 55th Statistical Report on ...": a document the tables do not
            # know, not a body: the figures are its publisher's, named elsewhere in the article
            found.append(Credit(m.start("name"), m.end("name"), None, "report", mentions_report=True))
            continue
        words = m.group("name").split()
        while words and (words[-1] in ("of", "and", "for") or words[-1].lower() in ("data", "figures", "statistics", "report")):
            words.pop()
        if words and words[-1].endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", words[-1]):
            words[-1] = words[-1][:-1]            # the sentence's full stop, not an abbreviation's
        body = any(word.lower() in _NOT_NAME_ENDS for word in words[1:])
        if not words or not body and (words[0].lower() in _NOT_NAMES or words[0].lower().rstrip("'’s") in _NOT_NAMES):
            continue
        name_start = m.start("name")
        name_end = name_start + len(" ".join(words))
        if any(o.start < name_end and name_start < o.end for o in orgs) or any(p.start < name_end and name_start < p.end for p in people):
            continue
        if len(words) == 1 and re.fullmatch(r"[A-Z][a-z]+", words[0]):
            # "according to Zhao": a surname, the person named before (and their organisation)
            found.append(Credit(name_start, name_end, words[0], "person_ref", person=words[0]))
            continue
        found.append(Credit(name_start, name_end, " ".join(words).rstrip("'’s"), "company"))
    return found


def _person_credits(text: str, start: int, end: int, orgs) -> list[Credit]:
    pats = patterns()
    found: list[Credit] = []
    seen: set[str] = set()
    for pattern in (_PERSON_AFTER_SPEECH, _PERSON_BEFORE_ROLE, _PERSON_SPEAKS):
        for m in pattern.finditer(text, start, end):
            name = m.group("name")
            words = name.split()
            name_start = m.start("name")
            while len(words) > 2 and pats.titles.fullmatch(words[0]):
                name_start += len(words[0]) + 1
                words = words[1:]                 # "Analyst Ma Jihua"
            name = " ".join(words)
            if words[0].lower() in _NOT_NAMES or name in seen or words[-1].lower() in _NOT_NAME_ENDS:
                continue
            if any(o.start <= m.start("name") < o.end for o in orgs):
                continue
            seen.add(name)
            role = m.groupdict().get("role") or ""
            source, kind = name, "person"
            if role and pats.representative.search(role) and not pats.not_representative.search(role):
                role_start = m.start("role")
                inside = [o for o in orgs if role_start <= o.start < role_start + len(role) and o.payload.kind not in ("outlet",)]
                if inside:
                    source, kind = inside[0].payload.short, inside[0].payload.kind
                else:
                    reference = pats.anaphora_any.search(role)
                    if reference:
                        source, kind = None, f"anaphor:{pats.anaphora_kind[_fold_space(reference.group())][0]}"
            found.append(Credit(name_start, m.end("name"), source, kind, person=name))
    for m in _COMPANY_SPEAKS.finditer(text, start, end):
        name = m.group("name")
        if any(o.start <= m.start("name") < o.end for o in orgs) or name in seen:
            continue
        found.append(Credit(m.start("name"), m.end("name"), name, "company"))
        seen.add(name)
    for m in _SURNAME_SPEAKS.finditer(text, start, end):
        name = m.group("name")
        if name.lower() in _NOT_NAMES or any(name in s for s in seen):
            continue
        found.append(Credit(m.start("name"), m.end("name"), None, "person_ref", person=name))
    return found
