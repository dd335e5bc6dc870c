"""Chinese source credits: who a sentence says its figures come from.

An organisation alias, or a Latin-script name the tables do not know (据DeepSeek公布的), with a
cue before it (据, 根据, 从…获悉) or after it (显示, 发布, 表示, 预测, …, past a role, a name, a
date or an "在…上" phrase); a reference to the article's report (《报告》显示, 数据显示); a person
who speaks after being named with an organisation (…主任郑栅洁…; later 郑栅洁说); a plan cited by
title (根据《“十四五”数字经济发展规划》) credits no one, ending the source before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from extractors.claims.assembly.contract import Credit
from extractors.claims.lang.zh.bodies import local_bodies
from extractors.claims.lang.zh.cues import QUOTE_CLOSE, Cues, compiled_cues
from extractors.claims.lang.zh.lexicon import attribution_cues, romanize_name
from extractors.claims.lang.zh.reading import TextReading
from extractors.claims.linking import AliasMatch, Organisation
from extractors.claims.sentences import Sentence
from extractors.language import is_han


def _after_cue(folded: str, start: int, limit: int, cue_words: Cues, other_orgs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """An after-source cue in v[start:limit], past at most a role, a name, a date or "在…上"."""
    after = attribution_cues()["after_source"]
    index = start
    while index < limit:
        char = folded[index]
        if char in "。;!?":
            return None
        if char == "," and "在" not in folded[start:index]:
            return None
        if any(s <= index < e for s, e in other_orgs):
            return None
        match = after.starting_at(folded, index)
        if match is not None and not cue_words.not_after_cues.starting_at(folded, index):
            return index, index + len(match[0])
        index += 1
    return None


def _person_after_role(folded: str, start: int, limit: int, cue_words: Cues) -> tuple[str, int, int, bool] | None:
    """"副主任张晓表示": the name after a role title that follows an organisation, and whether
    the role is a leader's who speaks for themself (总理)."""
    index = start
    while index < min(limit, start + 16):
        role = cue_words.roles.starting_at(folded, index)
        if role is not None:
            name_start = index + len(role[0])
            if cue_words.surnames.starting_at(folded, name_start):
                name_end = name_start
                while name_end < min(len(folded), name_start + 4) and is_han(folded[name_end]) \
                        and not cue_words.speech.starting_at(folded, name_end) and folded[name_end] not in "在从对于":
                    name_end += 1
                if 2 <= name_end - name_start <= 4:
                    return folded[name_start:name_end], name_start, name_end, role[0] in cue_words.personal_roles
            index = name_start
            continue
        if folded[index] in "。;,":
            return None
        index += 1
    return None


def _speaking_people(folded: str, start: int, end: int, cue_words: Cues, taken: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Names right before a verb of speech: "张金瑞表示", "郑栅洁说"."""
    found = []
    for match in cue_words.person_speaks.finditer(folded, start, end):
        for length in (3, 2, 4):
            name_start = match.start() - length
            if name_start < start:
                continue
            name = folded[name_start:match.start()]
            if not all(is_han(ch) for ch in name) or not cue_words.surnames.starting_at(name, 0):
                continue
            boundary = folded[name_start - 1] if name_start > start else ""
            if boundary and boundary not in QUOTE_CLOSE + ",:;。 " and not cue_words.roles.ending_at(folded, name_start):
                continue
            if any(s < match.start() and name_start < e for s, e in taken):
                continue
            found.append((name, name_start, match.start()))
            break
    return found


def _quoted_opinion(folded: str, start: int, end: int, speaker_start: int, cue_words: Cues, read: "TextReading", sentence: Sentence) -> bool:
    """A speaker tagged onto a quotation (”,清华大学张博士指出,“) in a sentence without figures."""
    before = folded[max(start, speaker_start - cue_words.quote_tag_window):speaker_start]
    if not any(q in before for q in QUOTE_CLOSE):
        return False
    low = bisect.bisect_left(read.quantity_starts, sentence.start)
    return low >= len(read.quantities) or read.quantities[low].start >= sentence.end


_ENUMERATION_GAP = re.compile(r"[、和与及](?:[\u4e00-\u9fff]{1,10}[、和与及]){0,5}")


def _lead_of_enumeration(credits: list[Credit], folded: str, view) -> list[Credit]:
    """Bodies listed together before one cue ("工业和信息化部、中央网信办、…、国务院国资委等六部门联合印发")
    are credited to the first, the lead body, not the one nearest the cue."""
    bodies = [index for index, credit in enumerate(credits) if credit.source and credit.kind != "person"]
    for position in range(len(bodies) - 1, 0, -1):
        last = credits[bodies[position]]
        if not last.credited:
            continue
        first = position
        while first > 0:
            gap = folded[view.from_original(credits[bodies[first - 1]].end):view.from_original(credits[bodies[first]].start)]
            if not _ENUMERATION_GAP.fullmatch(gap):
                break
            first -= 1
        if first < position and not credits[bodies[first]].credited:
            credits[bodies[first]] = replace(credits[bodies[first]], credited=True)
            credits[bodies[position]] = replace(last, credited=False)
    return credits


def chinese_credits(text: str, read: TextReading, sentence: Sentence, orgs: list[AliasMatch[Organisation]]) -> list[Credit]:
    cue_words = compiled_cues()
    view = read.view
    folded = view.text
    start, end = view.from_original(sentence.start), view.from_original(sentence.end)
    before = attribution_cues()["before_source"]
    body = folded[start:end]
    mentions_report = bool(cue_words.report_nouns.search(body))
    credits: list[Credit] = []
    # a body the tables do not know, named with its Latin acronym: 国际机器人联合会（IFR） -> IFR
    for match in cue_words.acronym_body.finditer(folded, start, end):
        acronym_start, acronym_end = view.span_to_original(match.start("acronym"), match.end("acronym"))
        if not any(m.start < acronym_end and acronym_start < m.end for m in orgs):
            name_start, _ = view.span_to_original(match.start("name"), match.end("name"))
            # the name starts after any organisation the lazy match ran over (据新华社援引国际…联合会)
            name_start = max([name_start] + [m.end for m in orgs if m.start < acronym_start and m.end > name_start])
            orgs = [*orgs, AliasMatch(Organisation(match.group("acronym"), "association"), name_start, acronym_end, -1, -1)]
    # a local body (北京市统计局) is one organisation, in place of the national name inside it
    local = local_bodies(folded, start, end)
    if local:
        orgs = [m for m in orgs if not any(b.start <= view.from_original(m.start) < b.end for b in local)]
        for body_found in local:
            original_start, original_end = view.span_to_original(body_found.start, body_found.end)
            orgs.append(AliasMatch(Organisation(body_found.name, "agency"), original_start, original_end, -1, -1))
    orgs = sorted(orgs, key=lambda m: m.start)
    org_spans = [(view.from_original(m.start), view.from_original(m.end)) for m in orgs]
    people_taken: list[tuple[int, int]] = []
    for match, (org_start, org_end) in zip(orgs, org_spans):
        org = match.payload
        if org_start > start and folded[org_start - 1] in cue_words.local_before and org.kind in ("ministry", "regulator", "agency"):
            continue                     # "河南省发展改革委": a local body, not the national one
        credited = False
        for reach in range(0, cue_words.before_reach + 1):
            cue_end = org_start - reach
            if cue_end <= start or re.search(r"[,。;:!?]", folded[cue_end:org_start]) \
                    or any(s < org_start and e > cue_end for s, e in org_spans if s != org_start):
                break
            cue = before.ending_at(folded, cue_end)
            if cue is not None and cue_end - len(cue[0]) >= start and not cue_words.not_credit.starting_at(folded, cue_end - len(cue[0])):
                credited = True
                break
        others = [(s, e) for (s, e), m in zip(org_spans, orgs) if s >= org_end and m.payload.short != org.short]
        if not credited and _after_cue(folded, org_end, min(end, org_end + cue_words.after_reach), cue_words, others) is not None:
            credited = True
        if not credited and folded[max(start, org_start - 1):org_start] == cue_words.from_source:
            credited = "获悉" in folded[org_end:min(end, org_end + 12)]
        if credited and _quoted_opinion(folded, start, end, org_start, cue_words, read, sentence):
            credited = False
        person = _person_after_role(folded, org_end, end, cue_words)
        if person is not None:
            people_taken.append((person[1], person[2]))
        if person is not None and person[3]:
            # a leader "proposes" figures ("在政府工作报告中提出"): a credit for them, though a
            # plan that "proposes" is none
            credited = credited or "提出" in folded[person[2]:min(end, person[2] + cue_words.after_reach)].split("。")[0]
            name_start, name_end = view.span_to_original(person[1], person[2])
            credits.append(Credit(name_start, name_end, romanize_name(person[0]) or person[0], "person",
                                  mentions_report=mentions_report, credited=credited, person=person[0]))
            continue
        credits.append(Credit(match.start, match.end, org.short, org.kind, mentions_report=mentions_report,
                              credited=credited, person=person[0] if person else None))
    credits = _lead_of_enumeration(credits, folded, view)
    for match in cue_words.report_references.finditer(folded, start, end):
        cue_start, cue_end = view.span_to_original(match.start(), match.end())
        credits.append(Credit(cue_start, cue_end, None, "report", mentions_report=True))
        break
    unnamed = cue_words.unnamed_credits.search(folded, start, end)
    pointing = cue_words.pointing_credits.search(folded, start, end)
    if unnamed is not None:
        cue_start, cue_end = view.span_to_original(unnamed.start(), unnamed.end())
        credits.append(Credit(cue_start, cue_end, None, "uncredited"))
    elif pointing is not None and not any(s < pointing.start() for s, _ in org_spans):
        # "工信部发布的数据显示" is credited by the organisation; a bare 数据显示 refers back
        cue_start, cue_end = view.span_to_original(pointing.start(), pointing.end())
        credits.append(Credit(cue_start, cue_end, None, "uncredited", points_back=True))
    elif (generic := cue_words.generic_credits.search(folded, start, end)) is not None \
            and not any(cr.credited and cr.source for cr in credits):
        cue_start, cue_end = view.span_to_original(generic.start(), generic.end())
        credits.append(Credit(cue_start, cue_end, None, "uncredited", generic=True))
    for match in cue_words.named_source.finditer(folded, start, end):
        # "据DeepSeek公布的技术报告": a source the tables do not know, credited by the name written
        if not any(s < match.end("name") and match.start("name") < e for s, e in org_spans):
            name_start, name_end = view.span_to_original(match.start("name"), match.end("name"))
            credits.append(Credit(name_start, name_end, match.group("name"), "company", mentions_report=mentions_report))
    for name, name_start, name_end in _speaking_people(folded, start, end, cue_words, org_spans + people_taken):
        original_start, original_end = view.span_to_original(name_start, name_end)
        # a speaker the text named before with an organisation is credited to it; one named by
        # name only is credited by name, as English writes it
        credits.append(Credit(original_start, original_end, romanize_name(name) or name, "person_ref", person=name))
    plan = cue_words.cited_plan.search(folded, start, end)
    if plan is not None and not any(cr.credited and cr.source for cr in credits):
        # "根据《“十四五”数字经济发展规划》": the goals are the plan's, not the source's before
        plan_start, plan_end = view.span_to_original(plan.start(), plan.end())
        credits.append(Credit(plan_start, plan_end, None, "uncredited"))
    item = cue_words.item_label.match(folded, start, end)
    if item is not None and not any(cr.credited and cr.source for cr in credits):
        # a labelled list item ("2. 产业协同:") starts figures the text before does not credit
        credits.append(Credit(sentence.start, sentence.start + 1, None, "uncredited"))
    credits.sort(key=lambda cr: cr.start)
    return credits
