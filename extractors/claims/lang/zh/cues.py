"""The Chinese cue words (``data/cues.toml`` and the lexicon's tables) compiled once into the
patterns and word tables that the sentence, credit, kind and modality readers share
(``compiled_cues()``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.claims.lang.zh.lexicon import WordTable, attribution_cues, flag_table, qualifiers, read_toml
from extractors.patterns import alternation

QUOTE_OPEN = "“「『\""


QUOTE_CLOSE = "”」』\""


@lru_cache(maxsize=1)
def cues() -> dict:
    return read_toml("cues.toml")


@dataclass(frozen=True)
class Cues:
    bullets: frozenset[str]
    item_label: re.Pattern[str]
    clause_breaks: re.Pattern[str]
    current_state: re.Pattern[str]
    growth_after: WordTable[bool]
    equivalent_before: re.Pattern[str]
    max_cue_distance: int
    weak_reach: int
    sentence_scope_within: int
    before_reach: int
    after_reach: int
    from_source: str
    report_nouns: re.Pattern[str]
    report_references: re.Pattern[str]
    unnamed_credits: re.Pattern[str]
    pointing_credits: re.Pattern[str]
    generic_credits: re.Pattern[str]
    acronym_body: re.Pattern[str]
    not_credit: WordTable[bool]
    roles: WordTable[bool]
    personal_roles: frozenset[str]
    speech: WordTable[bool]
    surnames: WordTable[bool]
    person_speaks: re.Pattern[str]
    furniture: re.Pattern[str]
    quote_tag_window: int
    setting_verbs: WordTable[bool]
    leads_into_figure: frozenset[str]
    anaphoric_subject: re.Pattern[str]
    local_before: frozenset[str]
    not_after_cues: WordTable[bool]
    place_suffixes: frozenset[str]
    rate_over_interval: re.Pattern[str]
    bare_subject: re.Pattern[str]
    subjects: dict[str, str]
    topics: dict[str, str]
    plan_goal: re.Pattern[str]
    named_source: re.Pattern[str]
    cited_plan: re.Pattern[str]
    background_opener: re.Pattern[str]
    event_word: re.Pattern[str]
    logistics_word: re.Pattern[str]
    area_units: frozenset[str]
    ranks: re.Pattern[str]
    share_wholes: re.Pattern[str]
    counted_places: re.Pattern[str]
    place_references: re.Pattern[str]
    event_year: re.Pattern[str]


@lru_cache(maxsize=1)
def compiled_cues() -> Cues:
    table = cues()
    attribution = table["attribution"]
    breaks = alternation(table["clauses"]["breaks"])
    if table["clauses"]["space_between_han"]:
        breaks += r"|(?<=[^\x00-\x7f\s])[ \t\u3000]+(?=[^\x00-\x7f\s])|(?:(?<=%)|(?<=[A-Z]{2}))[ \t]+(?=[^\x00-\x7f\s])"
    label = table["sentences"]["item_label_chars"]
    credit_words = attribution_cues()
    return Cues(
        bullets=frozenset(table["sentences"]["bullets"]),
        item_label=re.compile(rf"(?:\d{{1,2}}[.、]|[(][一二三四五六七八九十]{{1,3}}[)]|[一二三四五六七八九十]{{1,3}}、)\s*[^\s:,。]{{1,{label}}}:"),
        clause_breaks=re.compile(breaks),
        current_state=re.compile(alternation(table["state"]["current"])),
        growth_after=flag_table(table["kind"]["growth_after"]),
        equivalent_before=re.compile(rf"[(]\s*(?:{alternation(table['kind']['equivalent_before'])})?\s*$"),
        max_cue_distance=int(table["kind"]["max_cue_distance"]),
        weak_reach=int(table["modality"]["weak_reach"]),
        sentence_scope_within=int(table["modality"]["sentence_scope_within"]),
        before_reach=int(attribution["before_reach"]),
        after_reach=int(attribution["after_reach"]),
        from_source=attribution["from_source"],
        report_nouns=re.compile(alternation(attribution["report_nouns"])),
        report_references=re.compile(
            alternation(attribution["report_references"])
            + rf"|《[^》\n]{{0,60}}(?:{alternation(attribution['report_nouns'])})[^》\n]{{0,{attribution['title_edition_chars']}}}》"
            + rf"\s*(?:{alternation(attribution['title_credit_after'])})"),
        unnamed_credits=re.compile(alternation(attribution["unnamed_credits"])),
        pointing_credits=re.compile(alternation(attribution["pointing_credits"])),
        generic_credits=re.compile(alternation(attribution["generic_credits"])),
        acronym_body=re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,20}}?(?:{alternation(attribution['acronym_body_heads'])}))"
                                r"\s*\(\s*(?P<acronym>[A-Z][A-Za-z&]{1,7})\s*\)"),
        not_credit=flag_table(attribution["not_credit"]),
        roles=flag_table(attribution["roles"] + attribution["personal_roles"]),
        personal_roles=frozenset(attribution["personal_roles"]),
        speech=flag_table(attribution["speech"]),
        surnames=flag_table(attribution["surnames"]),
        person_speaks=re.compile(rf"(?:{alternation(attribution['speech'])})"),
        furniture=re.compile("|".join(f"(?:{p})" for p in table["furniture"]["patterns"]), re.MULTILINE),
        quote_tag_window=int(attribution["quote_tag_window"]),
        setting_verbs=flag_table(table["modality"]["setting_verbs"]),
        leads_into_figure=frozenset(table["clauses"]["leads_into_figure"]),
        local_before=frozenset(attribution["local_before"]),
        not_after_cues=flag_table(attribution["not_after_cues"]),
        place_suffixes=frozenset(table["claims"]["place_suffixes"]),
        rate_over_interval=re.compile(rf"\s*年?的?\s*(?:{alternation(table['claims']['rates_over_interval'])})"),
        bare_subject=re.compile(rf"(?:^|(?<=[,;:]))\s*({alternation(table['metric']['subjects'])})"
                                rf"\s*(?:{alternation(w for w, q in qualifiers()['before'].items())})?\s*$"),
        subjects=dict(table["metric"]["subjects"]),
        topics=dict(table["metric"]["topics"]),
        anaphoric_subject=re.compile(rf"[^,。]{{0,6}}?(?:{alternation(table['metric']['back_references'])})"
                                     rf"|(?:其中|同时|此外|另外)?\s*,?\s*(?:{alternation(table['metric']['bare_rates'])})|其中\s*,"
                                     + "".join(f"|{opener}" for opener in table["metric"]["breakdown_openers"])),
        named_source=re.compile(
            rf"(?:{alternation(w for w, _ in credit_words['before_source'].items())})\s*"
            r"(?P<name>[A-Za-z][A-Za-z0-9.&-]*(?:\s[A-Za-z0-9][A-Za-z0-9.&-]*){0,3})\s*"
            rf"(?:{alternation(w for w, _ in credit_words['after_source'].items())})"),
        cited_plan=re.compile(rf"(?:{alternation(w for w, _ in credit_words['before_source'].items())})\s*"
                              rf"《[^》\n]{{0,40}}(?:{alternation(table['modality']['plan_titles'])})》"),
        background_opener=re.compile(rf"\s*(?:{alternation(attribution['background_openers'])})"),
        event_word=re.compile(alternation(table["event"]["events"])),
        logistics_word=re.compile(alternation(table["event"]["logistics"])),
        area_units=frozenset(table["event"]["area_units"]),
        ranks=re.compile("|".join(f"(?:{r})" for r in table["geo"]["ranks"])),
        share_wholes=re.compile("|".join(f"(?:{r})" for r in table["geo"]["share_wholes"])),
        counted_places=re.compile(table["geo"]["counted_places"]),
        place_references=re.compile(alternation(table["geo"]["place_references"])),
        event_year=re.compile(table["undated"]["event_year"]),
        plan_goal=re.compile(rf"《[^》\n]{{0,40}}(?:{alternation(table['modality']['plan_titles'])})》|{table['modality']['plan_end']}"),
    )
