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

from extractors.claims.assembly.contract import Credit
from extractors.claims.lang.zh.cues import QUOTE_CLOSE, Cues, compiled_cues
from extractors.claims.lang.zh.lexicon import attribution_cues, romanize_name
from extractors.claims.lang.zh.reading import TextReading
from extractors.claims.linking import AliasMatch, Organisation
from extractors.claims.sentences import Sentence
from extractors.language import is_han


def _after_cue(v: str, start: int, limit: int, c: Cues, other_orgs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """An after-source cue in v[start:limit], past at most a role, a name, a date or "在…上"."""
    after = attribution_cues()["after_source"]
    index = start
    while index < limit:
        char = v[index]
        if char in "。;!?":
            return None
        if char == "," and "在" not in v[start:index]:
            return None
        if any(s <= index < e for s, e in other_orgs):
            return None
        match = after.starting_at(v, index)
        if match is not None and not c.not_after_cues.starting_at(v, index):
            return index, index + len(match[0])
        index += 1
    return None


def _person_after_role(v: str, start: int, limit: int, c: Cues) -> tuple[str, int, int, bool] | None:
    """"副主任张晓表示": the name after a role title that follows an organisation, and whether
    the role is a leader's who speaks for themself (总理)."""
    index = start
    while index < min(limit, start + 16):
        role = c.roles.starting_at(v, index)
        if role is not None:
            name_start = index + len(role[0])
            if c.surnames.starting_at(v, name_start):
                name_end = name_start
                while name_end < min(len(v), name_start + 4) and is_han(v[name_end]) \
                        and not c.speech.starting_at(v, name_end) and v[name_end] not in "在从对于":
                    name_end += 1
                if 2 <= name_end - name_start <= 4:
                    return v[name_start:name_end], name_start, name_end, role[0] in c.personal_roles
            index = name_start
            continue
        if v[index] in "。;,":
            return None
        index += 1
    return None


def _speaking_people(v: str, start: int, end: int, c: Cues, taken: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Names right before a verb of speech: "张金瑞表示", "郑栅洁说"."""
    found = []
    for match in c.person_speaks.finditer(v, start, end):
        for length in (3, 2, 4):
            name_start = match.start() - length
            if name_start < start:
                continue
            name = v[name_start:match.start()]
            if not all(is_han(ch) for ch in name) or not c.surnames.starting_at(name, 0):
                continue
            boundary = v[name_start - 1] if name_start > start else ""
            if boundary and boundary not in QUOTE_CLOSE + ",:;。 " and not c.roles.ending_at(v, name_start):
                continue
            if any(s < match.start() and name_start < e for s, e in taken):
                continue
            found.append((name, name_start, match.start()))
            break
    return found


def _quoted_opinion(v: str, start: int, end: int, speaker_start: int, c: Cues, read: "TextReading", sentence: Sentence) -> bool:
    """A speaker tagged onto a quotation (”,清华大学张博士指出,“) in a sentence without figures."""
    before = v[max(start, speaker_start - c.quote_tag_window):speaker_start]
    if not any(q in before for q in QUOTE_CLOSE):
        return False
    low = bisect.bisect_left(read.quantity_starts, sentence.start)
    return low >= len(read.quantities) or read.quantities[low].start >= sentence.end


def chinese_credits(text: str, read: TextReading, sentence: Sentence, orgs: list[AliasMatch[Organisation]]) -> list[Credit]:
    c = compiled_cues()
    view = read.view
    v = view.text
    start, end = view.from_original(sentence.start), view.from_original(sentence.end)
    before = attribution_cues()["before_source"]
    body = v[start:end]
    mentions_report = bool(c.report_nouns.search(body))
    credits: list[Credit] = []
    org_spans = [(view.from_original(m.start), view.from_original(m.end)) for m in orgs]
    people_taken: list[tuple[int, int]] = []
    for match, (org_start, org_end) in zip(orgs, org_spans):
        org = match.payload
        if org_start > start and v[org_start - 1] in c.local_before and org.kind in ("ministry", "regulator", "agency"):
            continue                     # "河南省发展改革委": a local body, not the national one
        credited = False
        for reach in range(0, c.before_reach + 1):
            cue_end = org_start - reach
            if cue_end <= start or re.search(r"[,。;:!?]", v[cue_end:org_start]) \
                    or any(s < org_start and e > cue_end for s, e in org_spans if s != org_start):
                break
            cue = before.ending_at(v, cue_end)
            if cue is not None and cue_end - len(cue[0]) >= start and not c.not_credit.starting_at(v, cue_end - len(cue[0])):
                credited = True
                break
        others = [(s, e) for (s, e), m in zip(org_spans, orgs) if s >= org_end and m.payload.short != org.short]
        if not credited and _after_cue(v, org_end, min(end, org_end + c.after_reach), c, others) is not None:
            credited = True
        if not credited and v[max(start, org_start - 1):org_start] == c.from_source:
            credited = "获悉" in v[org_end:min(end, org_end + 12)]
        if credited and _quoted_opinion(v, start, end, org_start, c, read, sentence):
            credited = False
        person = _person_after_role(v, org_end, end, c)
        if person is not None:
            people_taken.append((person[1], person[2]))
        if person is not None and person[3]:
            # a leader "proposes" figures ("在政府工作报告中提出"): a credit for them, though a
            # plan that "proposes" is none
            credited = credited or "提出" in v[person[2]:min(end, person[2] + c.after_reach)].split("。")[0]
            name_start, name_end = view.span_to_original(person[1], person[2])
            credits.append(Credit(name_start, name_end, romanize_name(person[0]) or person[0], "person",
                                  mentions_report=mentions_report, credited=credited, person=person[0]))
            continue
        credits.append(Credit(match.start, match.end, org.short, org.kind, mentions_report=mentions_report,
                              credited=credited, person=person[0] if person else None))
    for match in c.report_references.finditer(v, start, end):
        word = match.group()
        if word.startswith("数据") and any(s < match.start() for s, _ in org_spans):
            continue                     # "工信部发布的数据显示": the organisation credits it
        cue_start, cue_end = view.span_to_original(match.start(), match.end())
        credits.append(Credit(cue_start, cue_end, None, "report", mentions_report=True))
        break
    for match in c.named_source.finditer(v, start, end):
        # "据DeepSeek公布的技术报告": a source the tables do not know, credited by the name written
        if not any(s < match.end("name") and match.start("name") < e for s, e in org_spans):
            name_start, name_end = view.span_to_original(match.start("name"), match.end("name"))
            credits.append(Credit(name_start, name_end, match.group("name"), "company", mentions_report=mentions_report))
    for name, name_start, name_end in _speaking_people(v, start, end, c, org_spans + people_taken):
        original_start, original_end = view.span_to_original(name_start, name_end)
        # a speaker the text named before with an organisation is credited to it; one named by
        # name only is credited by name, as English writes it
        credits.append(Credit(original_start, original_end, romanize_name(name) or name, "person_ref", person=name))
    plan = c.cited_plan.search(v, start, end)
    if plan is not None and not any(cr.credited and cr.source for cr in credits):
        # "根据《“十四五”数字经济发展规划》": the goals are the plan's, not the source's before
        plan_start, plan_end = view.span_to_original(plan.start(), plan.end())
        credits.append(Credit(plan_start, plan_end, None, "uncredited"))
    item = c.item_label.match(v, start, end)
    if item is not None and not any(cr.credited and cr.source for cr in credits):
        # a labelled list item ("2. 产业协同:") starts figures the text before does not credit
        credits.append(Credit(sentence.start, sentence.start + 1, None, "uncredited"))
    credits.sort(key=lambda cr: cr.start)
    return credits
