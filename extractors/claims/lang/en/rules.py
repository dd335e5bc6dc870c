"""English rules for claim assembly: the ``EnglishRules`` the shared assembly calls, with the
kind and modality cues of a number and the reading of one number as a claim.

Time expressions are read in ``periods.py``, source credits in ``credits.py``, alias-matching
tokens in ``tokens.py``, numbers in ``numbers.py``; the cue words (``data/cues.toml``) are
compiled in ``cues.py``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extractors.claims.assembly.contract import ClaimReading, LanguageRules, ModalityCue, SentenceReading
from extractors.claims.components import PlainTokenizer
from extractors.claims.lang.en import numbers as numbers_en
from extractors.claims.lang.en.credits import english_credits
from extractors.claims.lang.en.cues import Patterns, cues, patterns
from extractors.claims.lang.en.periods import YEAR_RX, find_periods
from extractors.claims.lang.en.tokens import english_tokens
from extractors.claims.linking import Token, generic_counted_nouns
from extractors.claims.quantity import Quantity
from extractors.claims.sentences import Sentence

ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "est", "fig", "gov", "dept", "univ", "jr", "sr", "u.s", "u.k", "e.g", "i.e",
})


_FURNITURE = re.compile(
    r"(?m)^[ \t]*date \d{4}-\d{2}-\d{2}"
    r"|^[^\n]{0,40}\d{1,2}:\d{2}(?:\s*[AP]M)?,?\s+[A-Z][a-z]+\.? \d{1,2},? \d{4}[^\n]{0,5}$"
    r"|^[ \t]*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s*\d{1,2})?,?\s*\((?:[^()\n]|\([^()\n]*\))*\)\s*(?:--|—|–|-)?"
    r"|^[ \t]*\((?:ECNS|Xinhua|CNS)\)\s*(?:--|—)"
    r"|^[ \t]*(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?)\s+\d{4}\s*(?:[–—-]+|:)\s*(?:\([^)\n]{0,30}\))?"
    r"|\((?:Web )?[Ee]ditors?:[^)\n]*\)"
    r"|(?:^|(?<=[.\s]))Photo:[^\n]*"
    r"|\((?:Xinhua|Photo|VCG|CFP|IC)/[^)\n]*\)"
    r"|^[ \t]*Published:[^\n]*$"
    r"|^[ \t]*[\d/.: ]{6,}$"
    r"|\[[A-Za-z][^\[\]\n]{0,40}\]"
    r"|^[ \t]*(?:https?://|www\.)\S+"
    r"|\b\d+\s+(?:hours?|minutes?|mins?|days?|weeks?)\s+ago\b"
    r"|^[ \t]*Xinhua\)[^\n]*$"
    r"|\(?\s*(?:US\$\s*1|\$\s*1|1\s+(?:U\.S\.\s+|US\s+)?dollars?|1\s+(?:yuan|euro))\s*=\s*[\d.]+\s*[A-Za-z.]+(?:\s+dollars?)?\s*\)?"
)


class EnglishRules(LanguageRules):
    lang = "en"
    abbreviations = ABBREVIATIONS

    def find_quantities(self, text: str) -> list[Quantity]:
        return numbers_en.find_quantities(text)

    def furniture(self, text: str) -> list[tuple[int, int]]:
        return sorted(m.span() for m in _FURNITURE.finditer(text))

    def tokens(self, text: str, start: int, end: int) -> list[Token]:
        return english_tokens(text, start, end)

    def gdp_tokens(self) -> frozenset[str]:
        return frozenset({"gdp", "gross domestic product"})

    def generic_size_words(self) -> frozenset[str]:
        return frozenset({"revenue", "scale", "size", "value", "economy", "output", "income", "market"})

    def measure_of(self, text: str, alias_start: int, alias_end: int, floor: int) -> tuple[str, int] | None:
        m = patterns().measure_head.search(text, max(floor, alias_start - 80), alias_start)
        if m is None:
            return None
        return f"{m.group('modifiers')} {text[alias_start:alias_end]} {m.group('head')}", m.start('head')

    def rank_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        return sorted(m.span() for rank in patterns().ranks for m in rank.finditer(text, start, end))

    def share_whole_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        return [(m.start(), m.end() + 20) for m in patterns().share_wholes.finditer(text, start, end)]

    def counted_place_sets(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), f"{m.group('number')} countries") for m in patterns().counted_places.finditer(text, start, end)]

    def names_event(self, text: str, start: int, end: int) -> bool:
        return bool(patterns().event_word.search(text, start, end))

    def refers_to_place(self, text_before: str) -> bool:
        return bool(patterns().place_references.search(text_before))

    def read_sentence(self, text: str, sentence: Sentence) -> SentenceReading:
        pats = patterns()
        start, end = sentence.start, sentence.end
        tokens = english_tokens(text, start, end)
        reading = SentenceReading(tokens=tokens)
        reading.periods = find_periods(text, start, end)
        reading.credits = english_credits(text, sentence, tokens)
        reading.clause_breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, start, end)]
        reading.modality = _modality_cues(text, start, end, pats)
        reading.current_state = bool(pats.current_state.search(text, start, end))
        reading.respectively = "respectively" in text[start:end].lower()
        reading.question = text[start:end].rstrip().endswith("?")
        reading.cites_plan = bool(pats.plan_cited.search(text, start, end))
        reading.background = bool(pats.background_opener.match(text, start, end))
        reading.anaphoric_subject = bool(_ANAPHORIC_SUBJECT.match(text, start, end))
        reading.cumulative = bool(_CUMULATIVE.search(text, start, end))
        label = re.compile(r"[ \t•*-]*([^:\n]{3,60}):\s").match(text, start, end)
        if label and not re.search(r"\d{1,2}:\d{2}", label.group()):
            reading.label_end = label.end(1)
        return reading

    def read_claim(self, text, sentence, reading, quantities, index, metric_matches, repeats) -> ClaimReading:
        # neighbours only: a sentence may hold hundreds of numbers
        nearby = quantities[max(0, index - 4):index + 3]
        return _read_claim(text, sentence, reading, quantities[index], nearby, metric_matches, repeats)

    def undated_year(self, text: str) -> int | None:
        found = _EVENT_YEAR.search(text)
        return int(found.group("year") or found.group("after")) if found else None

    def infer_reference_year(self, text: str) -> int | None:
        years = []
        for m in re.finditer(rf"(?<![\w$.,-])({YEAR_RX})(?![\w%]|[.,]\d)", text[:200_000]):
            before = text[max(0, m.start() - 12):m.start()].lower()
            if re.search(r"\b(?:by|until|till|to|through|before)\s+(?:the\s+end\s+of\s+)?$", before):
                continue
            years.append(int(m.group(1)))
        return max(years) if years else None


# a sentence about the figure of the sentence before: "The figure was ...", "The number rose ..."
_ANAPHORIC_SUBJECT = re.compile(r"(?:(?:However|Meanwhile|Moreover|By comparison|In comparison|By contrast),?\s+)?(?:(?:The|That|This)\s+(?:figure|number|total|amount|count|tally|sum|sector|industry|segment|market|economy)\b(?!\s+of\b)|(?:These|Those)\s+(?:companies|firms|enterprises|figures|users)\b)|It\s+(?:was|is|had|has|rose|grew|fell|reached|stood)\b")


# an undated text's report or event year: "the 2025 AI Index", "at the 2023 World AI Conference"
_EVENT_YEAR = re.compile(r"\b(?:the|at)\s+(?P<year>(?:19|20)\d\d)\s+(?:[A-Z][\w-]*\s+){0,6}?"
                         r"(?:Conference|Summit|Expo|Forum|Congress|Fair|Report|Index|White\s+Paper|report|edition)\b"
                         r"|\b(?:Conference|Summit|Expo|Forum|Congress|Fair)\s+(?P<after>(?:19|20)\d\d)\b")


# a figure that is the total: "bringing the total to 4.251 million", "a total of 302"
_TOTAL_BEFORE = re.compile(r"\bthe\s+total(?:\s+number)?\s+(?:to|at|reached|stood\s+at)\s+(?:(?:more than|over|about|nearly|around)\s+)?$", re.IGNORECASE)


# totals to date, not flows: "models launched worldwide to date"
_CUMULATIVE = re.compile(r"\b(?:to date|so far|cumulative(?:ly)?|accumulated|in all)\b", re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|when)\b|\s(?:while|whereas)\b|\sand\s+(?=(?:will|has|have|is|are|was|were|it|its|the|projections|it)\b)")


def _modality_cues(text: str, start: int, end: int, pats: Patterns) -> list[ModalityCue]:
    found = []
    for m in pats.target.finditer(text, start, end):
        found.append(ModalityCue(m.start(), m.end(), "target", 3, "sentence"))
    for m in pats.forecast.finditer(text, start, end):
        word = m.group().lower()
        scope = "sentence" if word in ("predicted", "forecast", "projected", "estimated that", "it is estimated") else "clause"
        found.append(ModalityCue(m.start(), m.end(), "forecast", 2, scope))
    for m in pats.agentive.finditer(text, start, end):
        found.append(ModalityCue(m.start(), m.end(), "target", 2, "clause"))
    for m in pats.modal.finditer(text, start, end):
        if m.group() == "May":
            continue                              # the month
        word = m.group().lower()
        if word == "will" and re.match(r"\s+(?:have\s+)?(?:\w+ly\s+)?(?:build|complete|construct|set up|establish|launch|add|deploy|install|achieve)\b", text[m.end():m.end() + 30]):
            continue
        if word.startswith("to ") and not re.search(r"\b(?:expected|forecast|set|projected|likely|poised|aims?|target)\b", text[max(start, m.start() - 40):m.start()]):
            continue
        found.append(ModalityCue(m.start(), m.end(), "forecast", 1, "clause"))
    if pats.plan_cited.search(text, start, end):
        # what a guideline or plan says "is set to" or "will" happen is its goal; what someone
        # "expects" of it stays a forecast
        found = [ModalityCue(cue.start, cue.end, "target", cue.strength, cue.scope)
                 if cue.strength == 1 or re.fullmatch(r"(?:is|are)\s+set\s+to", text[cue.start:cue.end], re.IGNORECASE) else cue
                 for cue in found]
    return found


def _read_claim(text, sentence, reading, quantity: Quantity, others, metric_matches, repeats) -> ClaimReading:
    pats = patterns()
    left = text[max(sentence.start, quantity.start - 45):quantity.start]
    right = text[quantity.end:min(sentence.end, quantity.end + 60)]
    noun_alias = any(quantity.end <= m.start <= quantity.end + 12 + len(quantity.counted_noun or "") for m in metric_matches)
    is_claim = True
    if quantity.spelled and quantity.unit == "count" and quantity.value is not None and quantity.value < 10 and not noun_alias:
        is_claim = False                          # "three layers" is prose, "two LLMs" a count
    elif quantity.unit == "count" and not quantity.unit_given:
        is_claim = _bare_count_is_claim(text, sentence, reading, quantity, others, metric_matches, left)
    if quantity.counted_noun and repeats > 1 and quantity.counted_noun.split()[-1].lower() in ("countries", "economies", "nations"):
        is_claim = False                          # "47 countries" named again and again: a sample, not a figure
    kind = _kind(quantity, left, right, reading, others, pats, text, sentence)
    negative = kind in ("growth", "change") and bool(pats.decline_before.search(left) or pats.decline_after.match(right))
    clause_start = max([b for b in reading.clause_breaks if b <= quantity.start] + [sentence.start, quantity.start - 160])
    flow = quantity.unit == "count" and bool(pats.flow_before.search(text[clause_start:quantity.start])
                                      or pats.future_flow.search(text[clause_start:quantity.start]) or pats.flow_after.match(right))
    if not flow and quantity.unit == "count" and not quantity.counted_noun:
        # a bare count set against a counted flow: "produced 61 notable AI models in 2023, against 15"
        earlier = [o for o in others if o.end <= quantity.start and o.unit == "count" and o.counted_noun]
        if earlier:
            flow = bool(pats.flow_before.search(text[clause_start:earlier[-1].start]))
    if flow and (reading.cumulative or _TOTAL_BEFORE.search(left)):
        flow = False                              # "built 874,000 ..., bringing the total to 4.251 million"
    equivalent = bool(re.search(r"(?:\(\s*(?:about|around|roughly|approximately|some|nearly|or|equal\s+to|equivalent\s+to|approx\.)?\s*|,\s*(?:equal|equivalent)\s+to\s+(?:roughly|about|around|some)?\s*|,\s+or\s+(?:about|around|roughly|some|nearly|almost)?\s*)(?:US\$|\$|¥|RMB|CNY|USD)?\s*$", left)) \
        and any(o.end <= quantity.start and quantity.start - o.end < 40 for o in others)
    from_to = None
    bare_left = re.sub(r"(?:(?:more than|over|about|around|nearly|almost|under|less than|some|roughly)\s+)?(?:US\$|\$|¥|RMB\s?|CNY|USD\s?)?$", "", left, flags=re.IGNORECASE)
    if re.search(r"\bfrom\s+$", bare_left, re.IGNORECASE):
        from_to = "from"
    elif re.search(r"\bto\s+$", bare_left, re.IGNORECASE) and re.search(r"\bfrom\b", text[sentence.start:quantity.start]):
        from_to = "to"
    noun_end = None
    if quantity.counted_noun:
        last = quantity.counted_noun.split()[-1]
        found = text.find(last, quantity.end, quantity.end + len(quantity.counted_noun) + 40)
        noun_end = found + len(last) if found >= 0 else quantity.end + len(quantity.counted_noun) + 1
        modifier = re.compile(r"[^,;.()]{0,25}?\b(?:using|who\s+use|that\s+use|who\s+used)\s+(?:[\w-]+\s*){1,3}").match(text, noun_end, sentence.end)
        if modifier:
            noun_end = modifier.end()
    generic = bool(quantity.counted_noun) and quantity.counted_noun.split()[0].lower() in generic_counted_nouns() \
        and len(quantity.counted_noun.split()) == 1
    return ClaimReading(is_claim=is_claim, kind=kind, negative=negative, flow=flow, equivalent=equivalent,
                        from_to=from_to, noun_end=noun_end,
                        metric_phrase=_metric_phrase(text, max(clause_start, sentence.start), quantity.start),
                        logistics=_logistics(text, sentence, quantity, pats),
                        count_phrase=_count_phrase(text, sentence, max(clause_start, sentence.start), quantity),
                        generic_noun=generic)


_NUMBER_OF = re.compile(r"\bnumber\s+of\s+(?P<noun>(?:[\w-]+\s+){0,5}?[\w-]+?)(?=\s+(?:in\s+[^,;]{1,40}?\s+)?"
                        r"(?:has|have|had|was|were|is|are|reached|exceeded|stood|rose|grew|topped|hit|surpassed|totaled|totalled)\b)",
                        re.IGNORECASE)


def _count_phrase(text: str, sentence: Sentence, clause_start: int, quantity: Quantity) -> str | None:
    """What "the number of ..." before a figure counts; a bare subject ("enterprises") takes the
    topic the sentence names ("In the artificial intelligence sector, the number of enterprises
    has exceeded 4,500": AI enterprises)."""
    matches = list(_NUMBER_OF.finditer(text, clause_start, quantity.start))
    if not matches:
        return None
    found = matches[-1]
    noun = found.group("noun")
    table = cues()["metric_phrase"]
    if noun.lower() in table["count_subjects"]:
        words = {t.norm for t in english_tokens(text, sentence.start, found.start())}
        topic = next((name for word, name in table["topics"].items()
                      if all(w in words for w in (t.norm for t in english_tokens(word, 0, len(word))))), None)
        if topic:
            return f"{topic} {noun}"
    return noun


def _logistics(text: str, sentence: Sentence, quantity: Quantity, pats: Patterns) -> bool:
    """Whether a figure describes an event named before it in its sentence: "The conference
    brought together more than 800 companies", "70,000 square meters" of an expo."""
    if not pats.event_word.search(text, sentence.start, quantity.start):
        return False
    if quantity.unit in pats.area_units:
        return True
    return bool(quantity.counted_noun and pats.logistics_noun.match(quantity.counted_noun))


_PHRASE_WORD = re.compile(r"[A-Za-z][\w'’-]*|[,;:()]")


def _metric_phrase(text: str, start: int, end: int) -> str | None:
    """The words naming what a figure measures, walking back from it: "Industrial output rose"."""
    table = cues()["metric_phrase"]
    skip, stop = frozenset(table["skip"]), frozenset(table["stop"])
    words = _PHRASE_WORD.findall(re.sub(r"\([A-Z][A-Za-z]{1,7}s?\)", " ", text[max(start, end - 120):end]))
    index = len(words) - 1
    while index >= 0 and words[index].lower() in skip:
        index -= 1
    phrase: list[str] = []
    while index >= 0 and len(phrase) < 6:
        word = words[index]
        low = word.lower()
        if low == "of" and phrase and index > 0 and words[index - 1][0].isalpha() and words[index - 1].lower() not in stop:
            index -= 1                            # "retail sales of physical goods"
            continue
        if low in stop or not word[0].isalpha() or low.endswith(("'s", "’s")) or low in skip and phrase:
            break
        phrase.insert(0, word)
        index -= 1
    return " ".join(phrase) or None


def _bare_count_is_claim(text, sentence, reading, quantity, others, metric_matches, left) -> bool:
    if patterns().change_before.search(left):
        return True                               # "a net increase of 507,000"
    if patterns().change_after.match(text, quantity.end, sentence.end):
        return True                               # "Of these, 238 were added last year"
    if re.search(r"[A-Za-z]", quantity.text):
        return True                               # "1.123 billion": a scale word makes it an amount
    if quantity.qualifier != "exact":
        return True                               # "more than 700"
    if reading.label_end is not None and quantity.start > reading.label_end and any(m.end <= reading.label_end for m in metric_matches):
        return True
    if re.search(r"\b(?:number|total|count|tally)\b", text[max(sentence.start, quantity.start - 160):quantity.start], re.IGNORECASE):
        return True
    if any(o is not quantity and o.unit == "count" and o.unit_given for o in others):
        return True                               # "37 LLMs ..., while China released 28"
    if re.search(r"(?:['’]s|\bto|\bwith)\s+$", left) and any(m.end <= quantity.start for m in metric_matches):
        return True
    return False


def _kind(quantity: Quantity, left: str, right: str, reading, others, pats: Patterns, text, sentence) -> str:
    if quantity.kind_hint in ("multiple", "share", "growth"):
        return quantity.kind_hint
    if quantity.unit == "x":
        return "multiple"
    if quantity.unit == "%":
        if pats.growth_after.match(right) and not re.match(r"\s+of\b", right):
            return "growth"
        if pats.share_before.search(left):
            return "share"
        if pats.growth_before.search(left):
            if re.search(r"\b(?:rose|increased|grew|climbed|jumped|fell|dropped|declined)\s+to\s*(?:\S+\s*)?$", left, re.IGNORECASE):
                return "share"
            return "growth"
        if re.search(r"\bby\s+(?:(?:more than|nearly|almost|about|around|over|roughly|some|at least)\s+)?$", left, re.IGNORECASE) \
                and pats.growth_verbs.search(text, max(sentence.start, quantity.start - 120), quantity.start):
            return "growth"
        subject = text[max(sentence.start, quantity.start - 60):quantity.start]
        earlier = [o for o in others if o.end <= quantity.start and o.unit == "%"]
        if earlier and re.search(r"\b(?:from|to)\s+(?:(?:about|around|nearly|over)\s+)?$", left, re.IGNORECASE):
            # "grew 4.8 percent ..., slowing from 5.2 percent": the same kind as the figure it is set against
            return _kind(earlier[-1], text[max(sentence.start, earlier[-1].start - 45):earlier[-1].start],
                         text[earlier[-1].end:min(sentence.end, earlier[-1].end + 60)], reading, others, pats, text, sentence)
        if pats.level_before.search(left) and re.search(r"\bgrowth\b", subject, re.IGNORECASE) and not pats.rate_words.search(subject):
            return "growth"                       # "put growth this year at 4.8 percent"
        if pats.level_before.search(left) or pats.share_after.match(right):
            return "share"
        previous = [o for o in others if o.end <= quantity.start and o.unit == "%"]
        if previous and re.search(r"(?:\band\b|,|followed\s+by)\s*$", left):
            return _kind(previous[-1], text[max(sentence.start, previous[-1].start - 45):previous[-1].start],
                         text[previous[-1].end:min(sentence.end, previous[-1].end + 60)], reading, others, pats, text, sentence)
        clause = text[max(sentence.start, quantity.start - 120):quantity.start]
        if pats.rate_words.search(clause) and not pats.growth_words.search(clause[-40:]):
            return "share"
        if re.search(r"\b(?:growth|grew|grow|increase|increased|expanded|rose|jumped)\b", clause[-60:], re.IGNORECASE):
            return "growth"
        return "share"
    if quantity.unit == "pp":
        if pats.pp_growth_before.search(left) and not re.match(r"\s*(?:faster|slower|higher|lower|more|less)\b", right):
            clause = text[max(sentence.start, quantity.start - 80):quantity.start]
            if not pats.rate_words.search(clause):
                return "growth"
        return "change"
    if pats.change_before.search(left) or pats.change_after.match(right):
        if re.match(r"\s*(?:\([^)]*\)\s*)?to\s+(?:\w+['’]s\s+|the\s+|its\s+)?(?:economy|gdp)\b", right, re.IGNORECASE):
            return "level"                        # "added CNY50.2 trillion to China's economy": value added
        return "change"
    if quantity.counted_noun and quantity.counted_noun.lower().startswith("new "):
        return "change"
    return "level"


_SPACY_TOKEN = re.compile(r"\s+|\w+(?:[.,'’&-]\w+)*\.?(?<=[A-Z]\.)|\w+(?:[.,'’&-]\w+)*|[^\w\s]")


class WordTokenizer(PlainTokenizer):
    """Words, numbers ("9,499.4", "U.S.") and single punctuation marks, in one regular-expression
    pass: the rules read the text by character offsets, so the tokens only carry sentence starts
    and span groups, and spaCy's affix rules would cost more than all the claim rules together.
    ``doc.text`` is the text as given, whitespace included."""

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for match in _SPACY_TOKEN.finditer(text):
            piece = match.group()
            if piece.isspace():
                if piece == " " and words and not spaces[-1] and not words[-1].isspace():
                    spaces[-1] = True
                    continue
                if words and not spaces[-1] and not words[-1].isspace() and piece[0] == " ":
                    spaces[-1] = True
                    piece = piece[1:]
            words.append(piece)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


def make_tokenizer(vocab) -> WordTokenizer:
    """The tokenizer of the English claim pipeline (see ``WordTokenizer``)."""
    return WordTokenizer(vocab)
