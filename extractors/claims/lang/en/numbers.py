"""Find the number mentions of English text: ``find_quantities(text) -> list[Quantity]``.

A mention is a number with what is written around it: currency before or after
("RMB 900 billion", "US$30.2 trillion", "CNY50.2 trillion", "1.46 trillion yuan"), scale
words ("1.2 trillion", "900 bln", "$5m"), units (percent, percentage points, times/-fold,
EFLOPS, GB, ...), ranges ("18-20 percent", "between 3 and 5"), number words ("one trillion",
"two LLMs", "half-trillion yuan") and fractions ("half of", "a third", "one-fifth the
price"), and the qualifier words next to it ("more than", "nearly", "or more").

Numbers that are not amounts are left out here: years, dates and times, ordinals, ranks
("top 10", "No. 2"), durations ("two years", "18 months"), ages, names with digits ("5G",
"Qwen3", "GPT-4"), lists ("1,2,3"), phone-like and implausibly long digit runs, URLs.
Whether a bare count ("China released 28") is a claim is decided later, with the sentence.

Every pattern is anchored so that a failed match costs a bounded look-around: the finder
runs in time linear in the text (a 10,000-digit run is one candidate, not 10,000).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from extractors.claims.lang.en.cues import alternation
from extractors.claims.linking import load_units
from extractors.claims.quantity import Quantity
from extractors.datafiles import read_toml

# Longer digit runs are identifiers or garbage, not figures anyone reports.
MAX_INTEGER_DIGITS = 15


@dataclass(frozen=True)
class _Lexicon:
    scale: dict[str, Decimal]
    scale_glued: dict[str, Decimal]
    words: dict[str, Decimal]
    fractions: dict[str, Decimal]
    multiples: dict[str, Decimal]
    qualifier_before: re.Pattern
    qualifier_names: dict[str, str]
    qualifier_after: re.Pattern
    qualifier_after_names: dict[str, str]
    not_before: frozenset[str]
    time_units: frozenset[str]
    months: frozenset[str]
    noun_stop: frozenset[str]
    irregular_plurals: frozenset[str]
    units_after: re.Pattern                  # a unit written after the number
    units_before: re.Pattern                 # a currency written right before it (searched at the end of a window)
    unit_of: dict[str, str]                  # written form (case-folded) -> unit
    candidates: re.Pattern
    first_words: frozenset[str]              # words a number in words can start with


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    numbers = read_toml(__package__, "numbers.toml")
    cues = read_toml(__package__, "cues.toml")

    def decimals(table):
        return {k.lower(): Decimal(int(v)) if float(v).is_integer() else Decimal(str(v)) for k, v in table.items()}

    qualifier_names = {p.lower(): name for name, ps in cues["qualifiers"].items() for p in ps}
    after_names = {p.lower(): name for name, ps in cues["qualifiers_after"].items() for p in ps}
    units = load_units("en")
    words = decimals(numbers["words"])
    fractions = decimals(numbers["fractions"])
    multiples = decimals(numbers["multiples"])
    word_forms = [w for w in words if w not in ("a", "hundred", "dozen")] + ["a dozen"]
    tens = [w for w, v in words.items() if v >= 20 and v % 10 == 0 and v < 100]
    units_words = [w for w, v in words.items() if 1 <= v <= 9 and w != "a"]
    compound = rf"(?:{'|'.join(tens)})-(?:{'|'.join(units_words)})"
    scale_words = alternation(numbers["scale"])
    candidates = re.compile(
        rf"(?P<ratio>(?<![\w-])(?:{'|'.join(units_words)}|\d{{1,2}})\s+in\s+(?:{'|'.join(w for w in words if 2 <= words[w] <= 10)}|\d{{1,3}})(?![\w-]))"
        r"|(?P<digits>(?<![\d.,])\d+(?:,\d{3})*(?:\.\d+)?)"
        rf"|(?P<half_scale>(?<![\w-])half[- ](?:a[- ])?(?:{scale_words})\b)"
        rf"|(?P<fraction>(?<![\w-])(?:{alternation(fractions)})(?![\w-]))"
        rf"|(?P<multiple>(?<![\w-])(?:{alternation(multiples)})(?![\w-]))"
        rf"|(?P<word>(?<![\w-])(?:{compound}|{alternation(word_forms)}|a)(?:\s+hundred)?(?![\w-]|-(?:digit|year)))",
        re.IGNORECASE,
    )
    return _Lexicon(
        scale=decimals(numbers["scale"]),
        scale_glued=decimals(numbers["scale_glued"]),
        words=words,
        fractions=fractions,
        multiples=multiples,
        qualifier_before=re.compile(rf"(?<![\w-])(?:{alternation(qualifier_names)})\s*$", re.IGNORECASE),
        qualifier_names=qualifier_names,
        qualifier_after=re.compile(rf"\s*(?:{alternation(after_names)})(?![\w])", re.IGNORECASE),
        qualifier_after_names=after_names,
        not_before=frozenset(cues["not_amounts"]["before"]),
        time_units=frozenset(cues["not_amounts"]["time_units"]),
        months=frozenset(cues["not_amounts"]["months"]),
        noun_stop=frozenset(cues["counted_noun"]["stop"]),
        irregular_plurals=frozenset(cues["counted_noun"]["irregular_plurals"]),
        units_after=_unit_pattern([s for s, u, pos in units if pos in ("after", "both")], after=True),
        units_before=_unit_pattern([s for s, u, pos in units if pos in ("before", "both") and u not in ("%", "pp", "x")], after=False),
        unit_of={s.casefold(): u for s, u, pos in units},
        candidates=candidates,
        first_words=frozenset(re.split(r"[\s-]", w)[0] for w in [*words, *fractions, *multiples, "half", "a"]),
    )


def _unit_pattern(surfaces: list[str], *, after: bool) -> re.Pattern:
    """One alternation of written units, longest first. Words of four letters or more match
    in any case ("Billion Yuan"); shorter ones and symbols as listed ("pp", "GW", "kWh")."""
    alternatives = []
    for surface in sorted(set(surfaces), key=len, reverse=True):
        written = re.escape(surface).replace(r"\ ", r"[ \u00a0]+")
        if surface[-1].isalnum():
            written += r"(?![\w]|-[A-Za-z])" if after else ""
        if surface[:1].isalpha() and not after:
            written = r"(?<![A-Za-z])" + written
        if sum(ch.isalpha() for ch in surface) >= 4:
            written = f"(?i:{written})"
        alternatives.append(written)
    body = "|".join(alternatives)
    if after:
        return re.compile(rf"[ \u00a0]{{0,2}}(?P<unit>{body})")
    return re.compile(rf"(?P<unit>{body})[ \u00a0]?$")


# Spans in which no number is an amount: web addresses, clock times, numeric dates.
_MASKS = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+"
    r"|(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"|(?<![\d.])\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?![\d])"
    r"|(?<![\d.])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\d])"
    r"|(?<![\d.])\d{4}-(?:0[1-9]|1[0-2])(?![\d])"
    r"|(?<![\w])\d{1,2}/[A-Za-z]{3,9}\b"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’]*)\W{0,2}$")
_WORD_AFTER = re.compile(r"\W{0,2}([A-Za-z][A-Za-z.'’-]*)")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|~|to)\s*")
_NOUN_WORD = re.compile(r"\s*(\([A-Z][A-Za-z]{1,7}\)|[\"“”‘']?[A-Za-z0-9][\w+’'.-]*[\"“”’']?)")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_AGE = re.compile(r"\b(?:age|ages|aged|age\s+range|age\s+group|age\s+bracket)\s+(?:of\s+|between\s+|from\s+)?$", re.IGNORECASE)
_RISE_TO = re.compile(r"\b(?:gone|went|risen|rose|climbed|increased|jumped|shot|grown|grew|surged|soared)\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


def find_quantities(text: str) -> list[Quantity]:
    """Every number mention in ``text`` that may be an amount, in text order."""
    lex = lexicon()
    masked = _masked_spans(text)
    found: list[Quantity] = []
    consumed = 0
    for start in _candidate_starts(text, lex):
        if start < consumed or _inside(masked, start):
            continue
        match = lex.candidates.match(text, start)
        if match is None:
            continue
        kind = match.lastgroup
        if kind == "ratio":
            quantity = _read_ratio(text, match, lex)
            consumed = match.end()               # "won 3 in 10": neither number is an amount on its own
        elif kind == "digits":
            quantity = _read_digits(text, match, lex)
        elif kind == "half_scale":
            quantity = _read_half_scale(text, match, lex)
        elif kind == "fraction":
            quantity = _read_fraction(text, match, lex)
        elif kind == "multiple":
            quantity = _read_multiple(text, match, lex)
        else:
            quantity = _read_word(text, match, lex)
        if quantity is not None:
            found.append(quantity)
            consumed = quantity.end
    return found


_RUN = re.compile(r"\d+|[A-Za-z]+")


def _candidate_starts(text: str, lex: _Lexicon):
    """Where a number can start: a run of digits, or a word that numbers in words begin with.
    Trying the big candidate pattern only there keeps the scan cheap."""
    for run in _RUN.finditer(text):
        word = run.group()
        if word[0].isdigit() or word.lower() in lex.first_words:
            yield run.start()


def _masked_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _MASKS.finditer(text)]


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    # spans are sorted and few; a binary search keeps this linear overall
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= position:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(spans) and spans[lo][0] <= position < spans[lo][1]


def _word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, start - 25), start)
    return match.group(1).lower() if match else ""


def _word_after(text: str, end: int) -> str:
    match = _WORD_AFTER.match(text, end, min(len(text), end + 30))
    return match.group(1).lower().rstrip(".") if match else ""


def _parse_decimal(digits: str) -> Decimal | None:
    integer = digits.split(".")[0].replace(",", "")
    if len(integer) > MAX_INTEGER_DIGITS:
        return None
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


def _unit_after(text: str, position: int, lex: _Lexicon, *, space: bool = True) -> tuple[str, int] | None:
    """The unit written at ``position`` (after up to two spaces), as (unit, end)."""
    match = lex.units_after.match(text, position, min(len(text), position + 48))
    if match is None or (not space and match.start("unit") != position):
        return None
    return lex.unit_of[_fold(match.group("unit"))], match.end()


def _currency_before(text: str, start: int, lex: _Lexicon) -> tuple[str, int] | None:
    """A currency written right before the number: "US$", "RMB ", "CNY" glued, "$"."""
    match = lex.units_before.search(text, max(0, start - 8), start)
    if match is None:
        return None
    unit = lex.unit_of[_fold(match.group("unit"))]
    return unit, match.start()


def _fold(written: str) -> str:
    return re.sub(r"[ \u00a0]+", " ", written).casefold()


def _glued_letters(text: str, end: int) -> str:
    probe = end
    while probe < len(text) and probe - end < 12 and text[probe].isalpha():
        probe += 1
    return text[end:probe]


def _read_digits(text: str, match: re.Match, lex: _Lexicon) -> Quantity | None:
    start, end = match.span()
    digits = match.group()
    # lists and versions: "1,2,3", "1.2.3", "3.5,"
    if end < len(text) - 1 and text[end] in ",." and text[end + 1].isdigit():
        return None
    before_char = text[start - 1] if start else " "
    currency = None
    if before_char.isalpha():
        currency = _currency_before(text, start, lex)
        if currency is None:
            return None                          # Qwen3, A100, COVID19
    if before_char in "-–/" and start >= 2 and text[start - 2].isalnum():
        return None                              # GPT-4, COVID-19, 010-6512, 2021-2025
    if before_char in "#№":
        return None
    if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
        return None                              # identifiers and phone numbers
    value = _parse_decimal(digits)
    if value is None:
        return None
    glued = _glued_letters(text, end)
    scale = Decimal(1)
    cursor = end
    unit = None
    if glued:
        low = glued.lower()
        if _ORDINAL.fullmatch(glued):
            return None                          # 10th, 2nd
        if low in lex.scale or low in lex.scale_glued:
            scale = lex.scale.get(low) or lex.scale_glued[low]
            cursor = end + len(glued)
        else:
            unit_here = _unit_after(text, end, lex, space=False)
            if unit_here is None:
                return None                      # 5G, 4K, 3D
            unit, cursor = unit_here
    if currency is None:
        currency = _currency_before(text, start, lex)
    low_value = high_value = None
    range_end = None
    # ranges: "18-20 percent", "1.2-1.5 trillion", "between 3 and 5"
    if unit is None and scale == 1:
        joined = _RANGE_JOIN.match(text, cursor)
        if joined and joined.group().strip() == "to" and _FROM.search(text, max(0, start - 30), start):
            joined = None
        if joined is None and _BETWEEN.search(text, max(0, start - 10), start):
            joined = re.compile(r"\s+and\s+").match(text, cursor)
        if joined:
            second = re.compile(r"(?:US\$|\$|¥|RMB\s?)?(\d+(?:,\d{3})*(?:\.\d+)?)(?![\d,]*\d)").match(text, joined.end())
            if second:
                high = _parse_decimal(second.group(1))
                if high is not None and value < high and (value == 0 or high / value < 100):
                    if _is_year(value, digits) and _is_year(high, second.group(1)):
                        return None              # 2021-2025
                    low_value, high_value = value, high
                    range_end = second.end()
                    cursor = range_end
    if scale == 1:
        scale_here = _scale_at(text, cursor, lex, after_currency=currency is not None)
        if scale_here:
            scale, cursor = scale_here
    if unit is None:
        unit_here = _unit_after(text, cursor, lex)
        if unit_here and not (currency and unit_here[0] not in ("CNY", "USD", "HKD", "EUR", "TWD", "GBP", "JPY", "KRW", "INR")):
            unit, cursor = unit_here
        elif cursor < len(text) and text[cursor] == "-":
            fold = re.compile(r"-fold\b", re.IGNORECASE).match(text, cursor)
            if fold:
                unit, cursor = "x", fold.end()
    if currency and unit in (None, "CNY", "USD", "HKD", "EUR", "TWD", "GBP", "JPY", "KRW", "INR"):
        unit = unit or currency[0]
        start = currency[1]
    word_before = _word_before(text, start)
    word_after = _word_after(text, cursor)
    if unit in ("MHz", "GHz") and word_after in ("band", "frequency", "spectrum", "bands"):
        return None                              # "the 700 MHz band" names a band
    if _AGE.search(text, max(0, start - 30), start):
        return None                              # "aged 18 to 35", "the age range of 18 to 35"
    plain = scale == 1 and unit is None
    if plain:
        if _is_year(value, digits) and low_value is None:
            return None
        if word_before.rstrip(".") in lex.months or word_before in lex.months:
            return None                          # June 20, Dec. 4
        if word_after.rstrip(".,") in lex.months:
            return None                          # 26 December
        if word_before in lex.not_before or word_before.rstrip(".") in lex.not_before:
            return None
        first = word_after.split("-")[0]
        if first in lex.time_units or word_after in lex.time_units:
            return None                          # two years, 18 months, 5-year
        if re.compile(r"-(?:year|month|day|week|hour|minute|digit)", re.IGNORECASE).match(text, cursor):
            return None
        if re.compile(r"\s*(?:and|or|to|-)\s+(?:above|over|older|under)\b", re.IGNORECASE).match(text, cursor) and word_before in ("aged", "age", "ages"):
            return None
    elif word_before in ("per", "no.", "no"):
        return None                              # per 10,000 people ("top 2 trillion dollars" is the verb)
    qualifier, after_end = _qualifier(text, start, cursor, lex)
    if low_value is not None:
        qualifier = "range"
    value_scaled = None if low_value is not None else value * scale
    counted = None
    if unit is None:
        counted = _counted_noun(text, cursor, lex)
        if counted and counted.split()[0].lower() in lex.time_units:
            return None
        if counted and qualifier == "exact":
            # "5,000 firms or more"
            qualifier, _ = _qualifier(text, start, _noun_end(text, cursor, counted), lex)
    exponent = min(0, value.as_tuple().exponent) if low_value is None else 0
    kind_hint = "multiple" if unit == "x" else None
    return Quantity(
        start=start,
        end=cursor,
        text=text[start:cursor],
        value=value_scaled,
        low=low_value * scale if low_value is not None else None,
        high=high_value * scale if high_value is not None else None,
        unit=unit or "count",
        qualifier=qualifier,
        precision=Decimal(10) ** exponent * scale,
        counted_noun=counted,
        kind_hint=kind_hint,
        unit_given=unit is not None or (counted is not None),
    )


def _is_year(value: Decimal, digits: str) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1800 <= value <= 2100


def _scale_at(text: str, position: int, lex: _Lexicon, *, after_currency: bool) -> tuple[Decimal, int] | None:
    match = re.compile(r"[ \u00a0-]?([A-Za-z]+)\b").match(text, position)
    if not match:
        return None
    word = match.group(1).lower()
    if word in lex.scale:
        return lex.scale[word], match.end()
    if after_currency and word in lex.scale_glued and match.group()[0] not in " \u00a0-":
        return lex.scale_glued[word], match.end()
    return None


def _qualifier(text: str, start: int, end: int, lex: _Lexicon) -> tuple[str, int]:
    qualifier = "exact"
    before = lex.qualifier_before.search(text, max(0, start - 30), start)
    if before:
        phrase = re.sub(r"\s+", " ", before.group().strip().lower())
        qualifier = lex.qualifier_names.get(phrase, "exact")
        if phrase == "up to" and _RISE_TO.search(text, max(0, before.start() - 12), before.start()):
            qualifier = "exact"                   # "has gone up to 50": rose to, not at most
    after = lex.qualifier_after.match(text, end)
    if after and qualifier == "exact":
        phrase = after.group().strip().lower()
        qualifier = lex.qualifier_after_names.get(phrase, "exact")
    return qualifier, end


def _counted_noun(text: str, position: int, lex: _Lexicon) -> str | None:
    """The plural noun phrase a bare number counts ("5,100 AI companies" -> "AI companies")."""
    words: list[str] = []
    head_index = -1
    cursor = position
    for _ in range(7):
        match = _NOUN_WORD.match(text, cursor)
        if not match or (match.start(1) == cursor and cursor == position and match.group()[:1] not in " \u00a0"):
            break
        if "\n" in text[cursor:match.start(1)]:
            break
        word = match.group(1)
        bare = word.strip("\"“”‘’'").rstrip(".")
        low = bare.lower()
        if word.startswith("("):
            cursor = match.end()
            continue
        if low == "and" and words:
            words.append(bare)
            cursor = match.end()
            continue
        if low == "such" and not words and not re.match(r"\s+as\b", text[match.end():match.end() + 4]):
            cursor = match.end()
            continue                              # "6,276 such patent families"
        if low in lex.noun_stop or not bare:
            break
        if bare[0].isdigit() and not re.fullmatch(r"\d+[A-Za-z+]+", bare):
            break
        words.append(bare)
        if _is_plural(low, lex):
            head_index = len(words) - 1
        cursor = match.end()
        if word.endswith((".", ",")):
            break
    if head_index < 0:
        return None
    return " ".join(words[: head_index + 1])


def _noun_end(text: str, position: int, noun: str) -> int:
    last = noun.split()[-1]
    found = text.find(last, position, position + len(noun) + 40)
    return found + len(last) if found >= 0 else position


def _is_plural(word: str, lex: _Lexicon) -> bool:
    if word in lex.irregular_plurals:
        return True
    return len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))


def _read_half_scale(text: str, match: re.Match, lex: _Lexicon) -> Quantity | None:
    scale_word = re.split(r"[- ]", match.group())[-1].lower()
    value = Decimal("0.5") * lex.scale[scale_word]
    end = match.end()
    unit_here = _unit_after(text, end, lex)
    if unit_here is None and end < len(text) and text[end] == "-":
        unit_here = _unit_after(text, end + 1, lex, space=False)
    unit, end = unit_here if unit_here else ("count", end)
    qualifier, _ = _qualifier(text, match.start(), end, lex)
    return Quantity(
        start=match.start(), end=end, text=text[match.start():end], value=value, low=None, high=None,
        unit=unit, qualifier=qualifier, precision=value, spelled=True, unit_given=unit_here is not None,
    )


def _read_fraction(text: str, match: re.Match, lex: _Lexicon) -> Quantity | None:
    phrase = re.sub(r"\s+", " ", match.group().lower())
    start, end = match.span()
    before = text[max(0, start - 20):start].lower()
    after = text[end:end + 20].lower()
    if re.search(r"(?:first|second|third|latter|former|last|past|this|next|1st|2nd|3rd|the)\s*$", before) and \
            ("half" in phrase or "quarter" in phrase):
        return None                              # first half of 2025, first three quarters
    if re.match(r"\s+(?:a|an)\s+(?:year|month|day|week|hour|century|decade|minute)\b", after):
        return None                              # half a year
    if re.match(r"[- ](?:year|month|day|hour|time|digit|way|hearted)", after):
        return None
    if re.match(r"\s+(?:the|its|their|his|her|that|as)\s+(?:\w+\s+)?(?:price|prices|cost|costs|size|level|amount|value|rate|speed|time|weight|capacity|figure|number|salary|wage|fee|fees)\b", after):
        value, unit, kind = lex.fractions[phrase] / 100, "x", "multiple"
    elif re.match(r"\s+(?:the|its|their|his|her|these|those)\b", after):
        value, unit, kind = lex.fractions[phrase], "%", "share"
    elif re.match(r"\s+of\b", after):
        value, unit, kind = lex.fractions[phrase], "%", "share"
    elif re.search(r"\bby\s+(?:more than|nearly|about|almost|over|at least)?\s*$", before):
        value, unit, kind = lex.fractions[phrase], "%", "growth"
    elif re.match(r"\s+(?:are|were|is|was|have|has|had|said|say|says|used|use|uses|own|owned|plan|plans|expect|"
                  r"expected|reported|live|lived|work|worked|come|came|chose|prefer|preferred|now|also|still)\b", after):
        value, unit, kind = lex.fractions[phrase], "%", "share"    # "about a quarter used them"
    else:
        return None
    if value == Decimal("0.333"):
        value = Decimal("0.333")
    qualifier, _ = _qualifier(text, start, end, lex)
    return Quantity(
        start=start, end=end, text=text[start:end], value=value, low=None, high=None, unit=unit,
        qualifier=qualifier, precision=None, kind_hint=kind, spelled=True,
    )


def _read_ratio(text: str, match: re.Match, lex: _Lexicon) -> Quantity | None:
    """"one in three (users)": a share of a group, 33.3%."""
    part, whole = (re.sub(r"\s+", " ", match.group().lower())).split(" in ")
    numerator = Decimal(part) if part.isdigit() else lex.words.get(part)
    denominator = Decimal(whole) if whole.isdigit() else lex.words.get(whole)
    if not numerator or not denominator or numerator >= denominator:
        return None
    if not re.match(r"\s+[A-Za-z]", text[match.end():match.end() + 3]):
        return None                              # "won 3 in 10" games, scores and the like
    if _word_after(text, match.end()) in lex.time_units:
        return None                              # "tripled in 5 years"
    start, end = match.span()
    qualifier, _ = _qualifier(text, start, end, lex)
    value = (numerator * 100 / denominator).quantize(Decimal("0.1"))
    return Quantity(start=start, end=end, text=text[start:end], value=value, low=None, high=None, unit="%",
                    qualifier=qualifier, precision=None, kind_hint="share", spelled=True)


def _read_multiple(text: str, match: re.Match, lex: _Lexicon) -> Quantity | None:
    word = match.group().lower()
    start, end = match.span()
    after = text[end:end + 12].lower()
    if re.match(r"[- ]?(?:digit|decker|check|standard|edged|click|room|bed|whammy)", after):
        return None                              # double-digit, double standard
    if word == "double" and not re.match(r"\s+(?:the|its|their|that|what)\b", after):
        return None
    qualifier, _ = _qualifier(text, start, end, lex)
    return Quantity(
        start=start, end=end, text=text[start:end], value=lex.multiples[word], low=None, high=None,
        unit="x", qualifier=qualifier, precision=Decimal(1), kind_hint="multiple", spelled=True,
    )


def _read_word(text: str, match: re.Match, lex: _Lexicon) -> Quantity | None:
    start, end = match.span()
    phrase = re.sub(r"\s+", " ", match.group().lower())
    value = _word_value(phrase, lex)
    if value is None:
        return None
    cursor = end
    scale_here = _scale_at(text, cursor, lex, after_currency=False)
    scale = Decimal(1)
    if scale_here:
        scale, cursor = scale_here
    elif phrase == "a":
        return None                              # the article "a"
    currency = _currency_before(text, start, lex)
    unit_here = _unit_after(text, cursor, lex)
    unit = None
    if unit_here:
        unit, cursor = unit_here
    elif text[cursor:cursor + 5].lower() == "-fold":
        unit, cursor = "x", cursor + 5
    if currency and unit is None:
        unit, start = currency[0], currency[1]
    word_after = _word_after(text, cursor)
    if unit is None and word_after.split("-")[0] in lex.time_units:
        return None                              # "two years", "for a thousand years": durations
    if unit is None and scale == 1:
        if _word_before(text, start) in lex.not_before:
            return None
    if phrase == "one" and unit is None and scale == 1:
        return None                              # "one of the", "one day"
    counted = _counted_noun(text, cursor, lex) if unit is None else None
    if unit is None and scale == 1 and counted is None:
        return None                              # bare number words are prose, not amounts
    qualifier, _ = _qualifier(text, start, cursor, lex)
    return Quantity(
        start=start, end=cursor, text=text[start:cursor], value=value * scale, low=None, high=None,
        unit=unit or "count", qualifier=qualifier, precision=scale, counted_noun=counted,
        kind_hint="multiple" if unit == "x" else None, spelled=True,
        unit_given=unit is not None or counted is not None,
    )


def _word_value(phrase: str, lex: _Lexicon) -> Decimal | None:
    parts = phrase.replace("-", " ").split()
    if parts == ["a", "dozen"]:
        return Decimal(12)
    total = Decimal(0)
    for part in parts:
        if part == "hundred":
            total = (total or Decimal(1)) * 100
        elif part in lex.words:
            total += lex.words[part]
        else:
            return None
    return total
