"""Metric: which registry key (or derived key) each figure measures.

Clause-scoped aliases ("registered with provincial cyberspace offices"), the counted noun,
a label ("Active AI companies: over 5,300"), "respectively" pairings, aliases before the
figure in its clause and after it, the earlier figure of the clause, "The figure ..." back
to a recent metric, the paragraph's metric, the sentence's figure before when the clause
names nothing (…；预计2025年将达到1037.3 EFLOPS), words that point back ("it", "the
industry": ``metric_words.toml``) to the last thing named in the sentence, else in the
paragraph or the one before, and for money with generic words ("revenues") the article's
main money metric; "core" for the same figure or in the paragraph makes an AI industry size
the core one; shares of GDP get the ``_gdp_share`` key; a word measuring something else
about a metric ("the supply of effective computing power") derives its own key; otherwise a
key derived from the counted noun or the subject phrase (never from a word that only points
back: ``unspecified`` then).
"""

from __future__ import annotations

from decimal import Decimal

from extractors.claims.assembly.contract import LanguageRules
from extractors.claims.assembly.state import AssemblyState, Draft, clause_start, same_clause
from extractors.claims.assembly.units import CURRENCIES, compatible, same_dimension
from extractors.claims.linking import AliasMatch, MetricAlias, Token, derive_key, metric_matcher, refers_back, registry
from extractors.claims.quantity import Quantity
from extractors.claims.sentences import Sentence

# Keys of GDP itself: a share "of GDP" is of something else
GDP_KEYS = frozenset({"gdp", "gdp_size", "gdp_growth"})


def assign_metrics(text, sentence, reading, drafts, matches, tokens, rules, state, article) -> None:
    families = registry()
    paired = _respectively_pairs(reading, drafts, matches)
    previous: Draft | None = None
    for index, draft in enumerate(drafts):
        quantity = draft.quantity
        chosen: AliasMatch[MetricAlias] | None = paired.get(index)
        how = "respectively" if chosen else ""
        if chosen is None and draft.reading.count_phrase:
            # "the number of enterprises" (in the AI sector): what the phrase counts
            phrase = draft.reading.count_phrase
            named = metric_matcher(rules.lang, rules.tokens).find(rules.tokens(phrase, 0, len(phrase)))
            if named:
                draft.metric, draft.metric_text, draft.metric_from = named[-1].payload.key, phrase, "count"
            else:
                draft.metric, draft.metric_text, draft.metric_from = derive_key(rules.key_phrase(phrase)), phrase, "derived"
            draft.paragraph_has_core = state.paragraph_has_core
            previous = draft
            continue
        if chosen is None:
            chosen, how = _choose_alias(text, sentence, reading, draft, matches, previous)
        in_clause_of_previous = previous is not None and same_clause(previous.quantity.start, quantity.start, reading)
        if chosen is not None and (measure := rules.measure_of(text, chosen.start, chosen.end, sentence.start)):
            # "the supply of effective computing power" is not computing power itself
            phrase, head_start = measure
            draft.metric, draft.metric_text, draft.metric_from = derive_key(rules.key_phrase(phrase)), text[head_start:chosen.end], "measure"
        elif chosen is not None:
            draft.metric, draft.metric_text, draft.metric_from = chosen.payload.key, text[chosen.start:chosen.end], how
        elif how == "noun":
            draft.metric, draft.metric_text, draft.metric_from = derive_key(rules.key_phrase(quantity.counted_noun)), quantity.counted_noun, "derived"
        elif in_clause_of_previous and previous.metric and compatible(previous.metric, draft.unit, draft.kind, families):
            draft.metric, draft.metric_text, draft.metric_from = previous.metric, previous.metric_text, "previous"
        elif reading.anaphoric_subject and (recent := next((m for m in reversed(state.recent_metrics)
                                                           if compatible(m[0], draft.unit, draft.kind, families)), None)):
            draft.metric, draft.metric_text, draft.metric_from = recent[0], recent[1], "paragraph"
        elif state.paragraph_metric and not draft.reading.metric_phrase \
                and (draft.kind != "level" or refers_back(rules.key_phrase(draft.reading.subject_phrase or ""))) \
                and compatible(state.paragraph_metric, draft.unit, draft.kind, families):
            # a level whose clause names a subject of its own (…；利润总额16953亿元) is not the
            # paragraph's metric
            draft.metric, draft.metric_text, draft.metric_from = state.paragraph_metric, state.paragraph_metric_text, "paragraph"
        elif (draft.unit in CURRENCIES or not draft.quantity.unit_given) and article.money_metric and _names_generic_size(tokens, rules):
            draft.metric, draft.metric_text, draft.metric_from = article.money_metric, "", "article"
        elif state.paragraph_metric and compatible(state.paragraph_metric, draft.unit, draft.kind, families):
            draft.metric, draft.metric_text, draft.metric_from = state.paragraph_metric, state.paragraph_metric_text, "paragraph"
        elif refers_back(rules.key_phrase(phrase := quantity.counted_noun or draft.reading.metric_phrase or draft.reading.subject_phrase or "")) \
                and (antecedent := _antecedent(text, drafts[:index], draft, bool(phrase), matches, sentence, state, families)):
            draft.metric, draft.metric_text, draft.metric_from = antecedent
        elif (head := _head_of_recent(rules.key_phrase(phrase), state)) is not None:
            # "The stations made up 33.6 percent", "The capacity stood at 725.3 EFLOPS": the head
            # noun of a metric just named
            draft.metric, draft.metric_text, draft.metric_from = head[0], phrase, "head"
        else:
            draft.metric, draft.metric_text, draft.metric_from = derive_key(rules.key_phrase(phrase)), phrase, "derived"
        if draft.kind == "share" and _of_gdp(text, quantity, tokens, rules):
            if draft.metric in GDP_KEYS:
                # "占GDP比重" names the whole; the part is what the clause named before it
                draft.metric = _named_before(matches, quantity.start, state.paragraph_metric)
            if draft.metric in (None, "unspecified") and previous is not None and previous.metric:
                draft.metric = previous.metric        # "R&D经费支出36130亿元，…，与国内生产总值之比为2.68%"
            draft.metric = gdp_share_key(draft.metric)
        draft.paragraph_has_core = state.paragraph_has_core
        previous = draft


_DETERMINERS = frozenset({"the", "these", "those", "this", "that", "such", "its", "their"})


def _head_of_recent(phrase: str, state: AssemblyState) -> tuple[str, str] | None:
    """A bare head noun, alone or after a determiner, that ends the name of a metric named in
    this paragraph or the one before ("The stations made up ..." after "5G base stations")."""
    words = [w for w in phrase.lower().split() if w not in _DETERMINERS]
    if len(words) != 1 or not words[0].isalpha():
        return None
    head = words[-1].rstrip("s")
    named = list(state.recent_metrics)
    if state.antecedent and state.paragraph - state.antecedent[0] <= 1:
        named.append(state.antecedent[1:])        # a metric named without a figure of its own
    for metric, metric_text in reversed(named):
        named = metric_text.lower().split()
        if named and named[-1].rstrip("s") == head and metric != "unspecified":
            return metric, metric_text
    return None


def _antecedent(text: str, earlier: list[Draft], draft: Draft, pointing: bool,
                matches: list[AliasMatch[MetricAlias]], sentence: Sentence, state: AssemblyState,
                families: dict[str, str]) -> tuple[str, str, str] | None:
    """What a figure whose words name nothing is about. Words that point back ("it", "the
    industry") mean the last thing the sentence named before the figure ("the digital economy
    accounted for 42.8 percent of GDP, and it grew 7.39 percent" is the digital economy's growth),
    else the sentence's figure before, else the last figure or metric named in this paragraph or
    the one before. A clause that says nothing continues the sentence's figure before it in the
    same kind and dimension ("…同比增长74.1%；预计2025年将达到1037.3 EFLOPS"; "906 EFLOPS in 2022
    ... and is expected to exceed 3 ZFLOPS by 2025")."""
    if pointing:
        named = [m for m in matches if m.end <= draft.quantity.start and m.payload.key not in GDP_KEYS
                 and (not m.payload.kinds or draft.kind in m.payload.kinds)
                 and compatible(m.payload.key, draft.unit, draft.kind, families)]
        if named:
            return named[-1].payload.key, text[named[-1].start:named[-1].end], "previous"
    for other in reversed(earlier):
        if other.metric and other.metric_from != "derived" and (
                same_dimension(other.unit, draft.unit) and other.kind == draft.kind
                or pointing and compatible(other.metric, draft.unit, draft.kind, families)):
            return other.metric, other.metric_text, "previous"
    if pointing and state.antecedent and sentence.paragraph - state.antecedent[0] <= 1:
        _, metric, metric_text = state.antecedent
        if compatible(metric, draft.unit, draft.kind, families):
            return metric, metric_text, "antecedent"
    return None


def _choose_alias(text, sentence, reading, draft, matches, previous):
    """The alias that names the figure's metric, and how it was found ("noun" with no alias:
    the figure counts something the table does not know)."""
    quantity = draft.quantity
    kind = draft.kind
    fits = [m for m in matches if not m.payload.kinds or kind in m.payload.kinds]
    clause_begins = clause_start(reading, quantity.start, sentence.start)
    next_breaks = [b for b in reading.clause_breaks if b > quantity.start]
    clause_end = next_breaks[0] if next_breaks else sentence.end
    scoped = [m for m in fits if m.payload.clause and clause_begins <= m.start < clause_end]
    if scoped:
        return scoped[0], "clause"                # "... had been registered with provincial cyberspace offices"
    # the counted noun: "5,100 AI companies"
    if quantity.counted_noun:
        noun_end = draft.reading.noun_end or quantity.end + len(quantity.counted_noun) + 8
        inside = [m for m in fits if quantity.end <= m.start < noun_end]
        if inside:
            return inside[-1], "noun"             # the last names the most specific: "users ... using AI"
    # a label: "Active AI companies: over 5,300"
    if reading.label_end is not None and quantity.start >= reading.label_end:
        for m in fits:
            if m.end <= reading.label_end:
                return m, "label"
    # a share of something named right after: "60% of the world's AI-related patents"
    if kind == "share":
        for m in fits:
            if m.payload.kinds == {"share"} and quantity.end <= m.start <= quantity.end + 40:
                return m, "share"
    if quantity.counted_noun and not draft.reading.generic_noun and not (previous and previous.quantity.counted_noun
                               and previous.quantity.counted_noun.split()[-1] == quantity.counted_noun.split()[-1]):
        return None, "noun"                       # it counts a thing of its own
    before = [m for m in fits if m.end <= quantity.start]
    if previous is not None and previous.metric and previous.quantity.end <= quantity.start:
        # an earlier figure of the sentence owns the aliases before it
        in_between = [m for m in before if m.start >= previous.quantity.end]
        if in_between and in_between[-1].start >= clause_begins:
            return in_between[-1], "before"
        if same_clause(previous.quantity.start, quantity.start, reading):
            return None, ""
        before = in_between
    if before:
        return before[-1], "before"
    after = [m for m in fits if quantity.end <= m.start < clause_end]
    if after and not reading.anaphoric_subject:
        # "one in three internet users use generative AI": a share is of the last thing named
        return (after[-1] if kind == "share" else after[0]), "after"
    return None, ""


def _respectively_pairs(reading, drafts, matches) -> dict[int, AliasMatch]:
    """"A and B ... X and Y respectively": the n-th figure of a unit goes with the n-th alias."""
    if not reading.respectively or len(matches) < 2:
        return {}
    distinct = []
    for m in matches:
        if not distinct or distinct[-1].payload.key != m.payload.key:
            distinct.append(m)
    first_quantity = drafts[0].quantity.start
    names = [m for m in distinct if m.end <= first_quantity]
    if len(names) < 2:
        return {}
    pairs: dict[int, AliasMatch] = {}
    by_unit: dict[str, list[int]] = {}
    for index, draft in enumerate(drafts):
        by_unit.setdefault(draft.unit, []).append(index)
    for indexes in by_unit.values():
        if len(indexes) == len(names):
            for index, name in zip(indexes, names):
                pairs[index] = name
    return pairs


def _names_generic_size(tokens: list[Token], rules: LanguageRules) -> bool:
    words = rules.generic_size_words()
    return any(t.norm in words for t in tokens)


def _of_gdp(text: str, quantity: Quantity, tokens: list[Token], rules: LanguageRules) -> bool:
    """Whether a share is of GDP (not of GDP growth: "contributed 66.45 percent of GDP growth")."""
    gdp = rules.gdp_tokens()
    words = [t.norm for t in tokens]
    for i, word in enumerate(words):
        size = 1 if word in gdp else 3 if " ".join(words[i:i + 3]) in gdp else 0
        if size and not (i + size < len(words) and words[i + size] in ("growth", "增", "增长")):
            return True
    return False


def _named_before(matches: list[AliasMatch[MetricAlias]], position: int, fallback: str | None) -> str | None:
    """The last metric named before ``position`` that is not GDP itself, else ``fallback``."""
    before = [m.payload.key for m in matches if m.end <= position and m.payload.key not in GDP_KEYS]
    if before:
        return before[-1]
    return fallback if fallback not in GDP_KEYS else None


def gdp_share_key(metric: str | None) -> str:
    """The share-of-GDP key of a metric; the digital economy's when nothing else is named
    (the share of GDP the news reports most); never GDP's own share of GDP."""
    if metric is None or metric == "unspecified" or metric in GDP_KEYS:
        return "digital_economy_gdp_share"
    if metric.endswith("_gdp_share"):
        return metric
    stem = metric[: -len("_size")] if metric.endswith("_size") else metric
    return f"{stem}_gdp_share"


def upgrade_core(drafts: list[Draft], rules: LanguageRules) -> None:
    """An AI industry size is the core one when the text says core for it (CLAIMS.md)."""
    core_values = [d for d in drafts if d.metric == "ai_core_industry_size" and d.value is not None]
    for draft in drafts:
        if draft.metric != "ai_industry_size":
            continue
        same_figure = any(
            c.unit == draft.unit and c.kind == draft.kind and draft.value is not None
            and abs(c.value - draft.value) <= abs(c.value) * Decimal("0.005") for c in core_values
        )
        if same_figure or draft.paragraph_has_core or (draft.metric_from == "article" and core_values):
            draft.metric = "ai_core_industry_size"
