"""Number mentions in Chinese text: ``find_quantities(text) -> list[Quantity]``.

Reads Arabic digits (with thousands separators and decimals, full-width too), Chinese
numerals (一千二百, 两千, 十二, 三点五), mixed forms with scale words (1.2万亿, 5784亿, 419万),
ranges (18%至20%, 3到5家, 两三个, 三四十家), fractions (三成, 八成, 半数, 三分之一, 百分之三十),
doublings (翻番, 翻两番), and the words next to a number: qualifiers (超过, 余, 以上, 近,
约, 左右, 不足, ...), units and measure words (``extractors/claims/lang/zh/data/units.tsv``).

What is returned (offsets index ``text`` as given; traditional script, full-width forms
and pinyin glosses are read through ``extractors.claims.lang.zh.text.readable_view``):

* ``value``/``low``/``high`` are exact Decimals in base units (亿 = 1e8; 成 = 10 %);
  ``precision`` is the size of the last stated digit (1.2万亿 -> 1e11).
* ``unit`` follows CLAIMS.md: ISO codes for money, ``%``, ``pp``, ``x``, ``count``, unit
  symbols (EFLOPS, EB, ms, ...). Counts carry ``counted_noun``: the measure word followed
  by the noun after it when one is readable ("个大模型", "家").
* A number with a scale word and no unit ("31亿", "5000亿") gets ``unit_given=False`` and
  a best guess of ``count`` or ``CNY`` from the words around it (see numbers_zh.toml).
* Values are never negative except for an explicit minus sign: a decline (下降, 减少) is
  a cue for the claim assembly (``data/kinds.tsv`` carries the sign).

Numbers that are not claims are not returned at all: years, dates and times (2025年,
1-11月, 12月26日, 14:23), durations (三年, 十二个月), ordinals and ranks (第二, 第六届,
四次会议, 前五), names with digits (5G, GPT-4, Qwen3, 十四五 in quotes), citation markers
([1]), page counts (23页), indefinite amounts (数百, 几十, 上千, 百亿级), numerals used as
articles (一个, 一家), enumerations in prose (五个方面), pairs (中美两国, 两个大国), and numbers touching a character
lost to mojibake (?0%). Every scan is a single pass over the text or a bounded look
around one number, so the cost is linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from extractors.claims.lang.zh.lexicon import UnitWord, WordTable, flag_table, number_context, qualifiers, units
from extractors.claims.lang.zh.numerals import (
    CN_DECIMAL_POINT,
    CN_DIGITS,
    CN_MULTIPLIERS,
    CN_SCALES,
    NUMBER_RUN,
    Number,
    parse,
    tokenize,
)
from extractors.claims.lang.zh.text import TextView, readable_view
from extractors.claims.quantity import Quantity
from extractors.patterns import alternation

# Dates, times and citation markers: numbers inside these are never read.
NOT_AMOUNT_PATTERNS = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"        # 2025-12-26, 2025/12/26, 2025.12.26
    r"|\d{1,2}:\d{2}(?::\d{2})?"             # 14:23, 14:23:05
    r"|\[\d{1,3}\]|【\d{1,3}】"               # citation markers
)
RANGE_CONNECTORS = frozenset("-–—~〜至到")
SPACES = frozenset(" \t\u3000")
LOST_CHARACTER = frozenset("?\ufffd")
# Horizontal resolutions that "P" follows in "1080P": not petaflops.
VIDEO_LINES = frozenset({480, 720, 1080, 1440, 2160})
MINUS_SIGNS = frozenset("-−")


# --- reading the words around a number -----------------------------------------------

@dataclass
class _Mention:
    start: int                     # view offsets
    end: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    precision: Decimal | None
    qualifier: str = "exact"
    counted_noun: str | None = None
    kind_hint: str | None = None
    unit_given: bool = True
    spelled: bool = False


@dataclass(frozen=True)
class _Rules:
    """The context words of numbers_zh.toml, prepared for lookups."""

    ordinal_before: WordTable[bool]
    rank_before: WordTable[bool]
    demonstrative_before: WordTable[bool]
    indefinite_before: WordTable[bool]
    indefinite_after: WordTable[bool]
    weekday_before: WordTable[bool]
    caption_before: WordTable[bool]
    quote_before: frozenset[str]
    idioms: re.Pattern[str] | None
    rhetorical_prefix: tuple[str, ...]
    rhetorical_exact: frozenset[str]
    pair_numerals: frozenset[str]
    pair_prefix: tuple[str, ...]
    count_after: tuple[str, ...]
    cues: WordTable[str]              # unitless scaled numbers: cue -> "count" or "CNY"
    money_from: Decimal
    cue_window: int
    clause_ends: frozenset[str]
    noun_stops: WordTable[bool]
    noun_chars: int
    qualifier_guards: dict[str, frozenset[str]]
    multiples: dict[str, Decimal]
    halves: dict[str, Decimal]
    halves_more_than: frozenset[str]
    halves_not_after: frozenset[str]
    words: re.Pattern[str]
    after_units: WordTable[UnitWord]
    before_units: WordTable[UnitWord]


def _literal_alternation(words: list[str]) -> re.Pattern[str] | None:
    return re.compile(alternation(words)) if words else None


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = number_context()
    not_claims = data["not_claims"]
    scaled = data["unitless_scaled"]
    words = data["words"]
    multiples = {word: Decimal(str(value)) for word, value in words["multiples"].items()}
    halves = {word: Decimal(str(value)) for word, value in words["halves"].items()}
    cues = [(cue, "count") for cue in scaled["count_before"]] + [(cue, "CNY") for cue in scaled["money_before"]]
    after_units, before_units = units()
    return _Rules(
        ordinal_before=flag_table(not_claims["ordinal_before"]),
        rank_before=flag_table(not_claims["rank_before"]),
        demonstrative_before=flag_table(not_claims["demonstrative_before"]),
        indefinite_before=flag_table(not_claims["indefinite_before"]),
        indefinite_after=flag_table(not_claims["indefinite_after"]),
        weekday_before=flag_table(not_claims["weekday_before"]),
        caption_before=flag_table(not_claims["caption_before"]),
        quote_before=frozenset(not_claims["quote_before"]),
        idioms=_literal_alternation(not_claims["idioms"]),
        rhetorical_prefix=tuple(data["rhetorical_nouns"]["prefix"]),
        rhetorical_exact=frozenset(data["rhetorical_nouns"]["exact"]),
        pair_numerals=frozenset(data["pair_nouns"]["numerals"]),
        pair_prefix=tuple(data["pair_nouns"]["prefix"]),
        count_after=tuple(scaled["count_after"]),
        cues=WordTable(cues),
        money_from=Decimal(str(scaled["money_from"])),
        cue_window=int(scaled["window"]),
        clause_ends=frozenset(scaled["clause_ends"]),
        noun_stops=flag_table(data["counted_noun"]["stops"]),
        noun_chars=int(data["counted_noun"]["max_chars"]),
        qualifier_guards={word: frozenset(guards) for word, guards in data["qualifier_guards"].items()},
        multiples=multiples,
        halves=halves,
        halves_more_than=frozenset(words["halves_more_than"]),
        halves_not_after=frozenset(words["halves_not_after"]),
        words=_literal_alternation(list(multiples) + list(halves)),
        after_units=after_units,
        before_units=before_units,
    )


def _skip_spaces_back(text: str, index: int, limit: int = 2) -> int:
    while limit and index > 0 and text[index - 1] in SPACES:
        index -= 1
        limit -= 1
    return index


def _skip_spaces(text: str, index: int, limit: int = 2) -> int:
    while limit and index < len(text) and text[index] in SPACES:
        index += 1
        limit -= 1
    return index


def _qualifier_before(text: str, index: int, rules: _Rules) -> str | None:
    """The qualifier word ending right before ``index`` (a "了" may stand between)."""
    index = _skip_spaces_back(text, index, 1)
    if index > 0 and text[index - 1] == "了":
        index -= 1
    match = qualifiers()["before"].ending_at(text, index)
    if match is None:
        return None
    word, qualifier = match
    start = index - len(word)
    if start > 0 and text[start - 1] in rules.qualifier_guards.get(word, ()):
        return None  # 通过, 签约: the character belongs to another word
    return qualifier


def _pick_qualifier(*candidates: str | None) -> str:
    """The first qualifier that says more than "exact"; "exact" if none does."""
    for candidate in candidates:
        if candidate is not None and candidate != "exact":
            return candidate
    return "exact"


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _name_around(text: str, start: int, end: int) -> bool:
    """Digits glued to Latin letters or underscores are part of a name (GPT-4, Qwen3, H20)."""
    before = text[start - 1] if start > 0 else ""
    if _is_latin(before) or before == "_":
        return True
    if before in "-." and start > 1 and (_is_latin(text[start - 2]) or text[start - 2].isdigit()):
        return True  # GPT-4, V2.1, a date's tail
    after = text[end] if end < len(text) else ""
    return after == "_"


def _read_noun(text: str, index: int, rules: _Rules) -> str | None:
    """The noun after a measure word, up to a function word or punctuation."""
    index = _skip_spaces(text, index, 1)
    stop = index
    limit = index + rules.noun_chars
    while stop < min(limit, len(text)):
        char = text[stop]
        if char in SPACES:
            # A space is kept only between a Latin word and what follows ("5G 基站").
            if stop > index and text[stop - 1].isascii() and stop + 1 < len(text) and text[stop + 1] not in SPACES:
                stop += 1
                continue
            break
        if not (char.isalnum() and (char.isascii() or "\u4e00" <= char <= "\u9fff")):
            break
        if stop > index and rules.noun_stops.starting_at(text, stop) is not None:
            break
        stop += 1
    noun = text[index:stop].strip()
    return noun or None


def _scale_words(text: str, index: int) -> tuple[int, Decimal]:
    """Scale words at ``index`` (万, 亿, 万亿): where they end and what they multiply by."""
    scale = Decimal(1)
    while index < len(text) and text[index] in CN_SCALES:
        scale *= CN_SCALES[text[index]]
        index += 1
    return index, scale


def _unit_at(text: str, index: int, rules: _Rules) -> UnitWord | None:
    match = rules.after_units.starting_at(text, index)
    if match is None:
        return None
    word, unit = match
    follower = text[index + len(word)] if index + len(word) < len(text) else ""
    if word.isascii() and word[-1].isalpha() and (follower.isascii() and follower.isalnum()):
        return None  # "3Pro", "5GB" read as P + "ro": a Latin word, not a unit
    return unit


def _unitless_unit(text: str, number_start: int, after: int, value: Decimal, rules: _Rules) -> tuple[str, str | None]:
    """Unit and counted noun for a scaled number written without a unit ("31亿")."""
    noun = _read_noun(text, after, rules)
    if noun is not None and noun.startswith(rules.count_after):
        return "count", noun
    end = number_start
    lowest = max(0, number_start - rules.cue_window)
    while end > lowest:
        if text[end - 1] in rules.clause_ends:
            break
        match = rules.cues.ending_at(text, end)
        if match is not None:
            return match[1], (noun if match[1] == "count" else None)
        end -= 1
    return ("CNY", None) if value >= rules.money_from else ("count", noun)


def _not_a_claim_before(text: str, start: int, number: Number, rules: _Rules) -> bool:
    index = _skip_spaces_back(text, start)
    before = text[index - 1] if index > 0 else ""
    if before in LOST_CHARACTER:
        return True
    for table in (rules.ordinal_before, rules.rank_before, rules.demonstrative_before):
        if table.ending_at(text, index) is not None:
            return True
    if number.spelled and number.first_atom != "num" and rules.indefinite_before.ending_at(text, index):
        return True
    if number.spelled and rules.weekday_before.ending_at(text, index) and number.value is not None and number.value <= 7:
        return True
    if number.spelled and before in rules.quote_before:
        return True
    caption = rules.caption_before.ending_at(text, index)
    if caption is not None and _starts_line(text, index - len(caption[0])):
        return True
    return False


def _starts_line(text: str, index: int) -> bool:
    return index == 0 or text[index - 1] in "\n\r\t "


def _read_number(
    text: str, number: Number, rules: _Rules, numbers_at: Callable[[int], Number | None]
) -> tuple[_Mention | None, int]:
    """The mention a parsed number makes with the words around it, and where it ends.

    The second value is the view offset up to which the text has been used (a range uses
    its second number), also when the number turns out not to be a claim.
    """
    start, end = number.start, number.end
    if _name_around(text, start, end) or _not_a_claim_before(text, start, number, rules):
        return None, end
    if end < len(text) and text[end] in LOST_CHARACTER:
        return None, end
    value, precision, low, high = number.value, number.precision, number.low, number.high
    if start > 1 and text[start - 1] in MINUS_SIGNS and value is not None:
        sign_before = text[start - 2]
        if not (sign_before.isdigit() or _is_latin(sign_before) or sign_before == "%"):
            value, start = -value, start - 1

    # Between the number and its unit: a scale word after a space ("5000 亿"), 余/多/来,
    # and a scale word after those (3000余万).
    cursor = _skip_spaces(text, end)
    cursor, scale_after = _scale_words(text, cursor) if cursor > end else (cursor, Decimal(1))
    if scale_after == 1:
        cursor = _skip_spaces(text, end)
    between_qualifier = None
    between = qualifiers()["between"].starting_at(text, cursor)
    if between is not None:
        after_between, between_scale = _scale_words(text, cursor + len(between[0]))
        # 多 and 来 also start other words (来自): they qualify only before a unit or a
        # scale word, or after a number that needs no unit.
        if (
            between_scale != 1 or number.scaled or scale_after != 1 or number.bare
            or _unit_at(text, _skip_spaces(text, after_between), rules)
        ):
            between_qualifier = between[1]
            cursor = after_between
            scale_after *= between_scale
    if rules.indefinite_after.starting_at(text, cursor):
        return None, cursor + 1  # 十几家
    if scale_after != 1 and value is not None:
        value, precision = value * scale_after, precision * scale_after

    unit_start = _skip_spaces(text, cursor)
    unit = _unit_at(text, unit_start, rules)
    unit_end = unit_start + len(unit.surface) if unit else cursor
    if unit is None and unit_start < len(text) and _is_latin(text[unit_start]):
        return None, unit_start  # 5G, 4K, 14th: a name; "12 billion": English, not ours
    if unit is not None and unit.surface == "P" and value in VIDEO_LINES:
        return None, unit_end  # 1080P

    # A range: 18%至20%, 3到5家, 1.2-1.5万亿元, 两到三年.
    if unit_end < len(text) and text[unit_end] in RANGE_CONNECTORS and value is not None and not number.bare:
        partner = numbers_at(_skip_spaces(text, unit_end + 1, 1))
        if partner is not None and partner.value is not None and not partner.bare:
            partner_unit_start = _skip_spaces(text, partner.end)
            partner_unit = _unit_at(text, partner_unit_start, rules)
            partner_end = partner_unit_start + len(partner_unit.surface) if partner_unit else partner.end
            if partner_unit is not None and not partner_unit.is_claim and (unit is None or not unit.is_claim):
                return None, partner_end  # 2012-2018年, 1-11月, 两到三年
            first = value if number.scaled or not partner.scaled else value * partner.trailing_scale
            if partner_unit is not None and (unit is None or unit.unit == partner_unit.unit) and first < partner.value:
                unit, unit_end = partner_unit, partner_end
                low, high, value = first, partner.value, None
                precision = partner.precision

    if unit is not None and not unit.is_claim:
        return None, unit_end

    mention_start = start
    prefix = rules.before_units.ending_at(text, _skip_spaces_back(text, start, 1))
    if prefix is not None:
        mention_start = _skip_spaces_back(text, start, 1) - len(prefix[0])
        if unit is None:
            unit = prefix[1]
    qualifier_before = _qualifier_before(text, mention_start, rules)

    if unit is None and (not (number.scaled or scale_after != 1) or number.bare or value is None):
        return None, end  # a figure without a unit: a year, a code, a list number
    if number.bare and between_qualifier is None and (unit is None or qualifier_before is None):
        # A scale word alone is an order of magnitude (千家万户, 百亿级) unless a word
        # around it makes it a figure (超万亿元, 逾百家, 百余家).
        return None, unit_end

    after = qualifiers()["after"].starting_at(text, _skip_spaces(text, unit_end, 1))
    if low is not None:
        qualifier = "range"
    else:
        qualifier = _pick_qualifier(qualifier_before, between_qualifier, after[1] if after else None)

    unit_given = True
    counted_noun = None
    kind_hint = None
    factor = Decimal(1)
    if unit is None:
        unit_name, counted_noun = _unitless_unit(text, mention_start, cursor, value, rules)
        unit_given = False
        mention_end = cursor
    else:
        unit_name = unit.unit
        kind_hint = unit.kind_hint
        factor = unit.factor
        mention_end = unit_end
        if unit.type == "count":
            if number.lone_one:
                return None, unit_end  # 一个, 一家: an article, not an amount
            noun = _read_noun(text, unit_end, rules)
            if noun is not None and (noun in rules.rhetorical_exact or noun.startswith(rules.rhetorical_prefix)):
                return None, unit_end  # 五个方面, 三个关键
            counted_noun = unit.surface + (noun or "")
            if text[start:end] in rules.pair_numerals and counted_noun.startswith(rules.pair_prefix):
                return None, unit_end  # 中美两国, 两个大国: the two parties named, not a count

    def in_units(amount: Decimal | None) -> Decimal | None:
        return _tidy(amount * factor) if amount is not None else None

    mention = _Mention(
        start=mention_start,
        end=mention_end,
        value=in_units(value),
        low=in_units(low),
        high=in_units(high),
        unit=unit_name,
        precision=_tidy(precision * factor),
        qualifier=qualifier,
        counted_noun=counted_noun,
        kind_hint=kind_hint,
        unit_given=unit_given,
        spelled=number.spelled,
    )
    return mention, mention_end


def _tidy(number: Decimal) -> Decimal:
    """Integral values without exponent or trailing zeros ("1.2E+12" -> 1200000000000)."""
    if number == number.to_integral_value() and number.adjusted() < 27:
        return number.quantize(Decimal(1))
    return number.normalize()


# --- words that are numbers ----------------------------------------------------------

FRACTION_WORD = "分之"
FRACTION_DENOMINATORS = {"百": 100, "千": 1000, "万": 10000}


def _spelled_or_digits(text: str, start: int, end: int, view: TextView) -> Number | None:
    atoms_list = tokenize(text, start, end, view)
    if not atoms_list or len(atoms_list) != 1:
        return None
    return parse(atoms_list[0])


def _fractions(text: str, view: TextView, rules: _Rules) -> list[_Mention]:
    """百分之三十 (30 %), 三分之一 (33.3 %), 千分之五 (0.5 %)."""
    found = []
    number_chars = set(CN_DIGITS) | set(CN_MULTIPLIERS) | set(CN_SCALES) | set("0123456789.") | {CN_DECIMAL_POINT}
    for match in re.finditer(FRACTION_WORD, text):
        den_start = match.start()
        while den_start > max(0, match.start() - 6) and text[den_start - 1] in number_chars:
            den_start -= 1
        num_end = match.end()
        while num_end < min(len(text), match.end() + 8) and text[num_end] in number_chars:
            num_end += 1
        if den_start == match.start() or num_end == match.end():
            continue
        denominator_text = text[den_start:match.start()]
        if denominator_text in FRACTION_DENOMINATORS:
            denominator = Decimal(FRACTION_DENOMINATORS[denominator_text])
        else:
            parsed = _spelled_or_digits(text, den_start, match.start(), view)
            if parsed is None or parsed.value is None or parsed.value == 0:
                continue
            denominator = parsed.value
        numerator = _spelled_or_digits(text, match.end(), num_end, view)
        if numerator is None or numerator.value is None or numerator.bare and numerator.value != 100:
            continue
        percent = numerator.value * 100 / denominator
        if denominator in (100, 1000, 10000):
            precision = numerator.precision * 100 / denominator
            kind_hint = None
        else:
            percent = percent.quantize(Decimal("0.1"))
            precision = Decimal("0.1")
            kind_hint = "share"
        after = qualifiers()["after"].starting_at(text, num_end)
        found.append(_Mention(
            start=den_start, end=num_end, value=_tidy(percent), low=None, high=None, unit="%",
            precision=_tidy(precision), kind_hint=kind_hint, spelled=numerator.spelled,
            qualifier=_pick_qualifier(_qualifier_before(text, den_start, rules), after[1] if after else None),
        ))
    return found


def _word_numbers(text: str, rules: _Rules) -> list[_Mention]:
    """翻番 (x2), 翻两番 (x4), 半数 / 一半 / 过半 (50 %)."""
    found = []
    for match in rules.words.finditer(text):
        word = match.group()
        after = qualifiers()["after"].starting_at(text, match.end())
        before = _qualifier_before(text, match.start(), rules)
        if word in rules.multiples:
            found.append(_Mention(
                start=match.start(), end=match.end(), value=rules.multiples[word], low=None, high=None,
                unit="x", precision=Decimal(1), kind_hint="multiple", spelled=True,
            ))
            continue
        if match.start() > 0 and text[match.start() - 1] in rules.halves_not_after:
            continue
        own = "more_than" if word in rules.halves_more_than else None
        found.append(_Mention(
            start=match.start(), end=match.end(), value=rules.halves[word], low=None, high=None,
            unit="%", precision=Decimal(1), kind_hint="share", spelled=True,
            qualifier=_pick_qualifier(own, before, after[1] if after else None),
        ))
    return found


# --- the scan ------------------------------------------------------------------------

def _blocked(text: str, rules: _Rules) -> bytearray:
    """A mask of the characters no number may be read from: dates, times, idioms."""
    mask = bytearray(len(text))
    patterns = [NOT_AMOUNT_PATTERNS] + ([rules.idioms] if rules.idioms else [])
    for pattern in patterns:
        for match in pattern.finditer(text):
            mask[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    return mask


def _mentions(view: TextView) -> list[_Mention]:
    text = view.text
    rules = _rules()
    mask = _blocked(text, rules)
    mentions = _fractions(text, view, rules) + _word_numbers(text, rules)
    for mention in mentions:
        mask[mention.start:mention.end] = b"\x01" * (mention.end - mention.start)

    def numbers_at(index: int) -> Number | None:
        run = NUMBER_RUN.match(text, index)
        if run is None or any(mask[run.start():run.end()]):
            return None
        atoms_list = tokenize(text, run.start(), run.end(), view)
        return parse(atoms_list[0]) if atoms_list else None

    used_until = 0
    for run in NUMBER_RUN.finditer(text):
        if run.end() <= used_until:
            continue
        atoms_list = tokenize(text, run.start(), run.end(), view)
        if not atoms_list:
            continue
        for atoms in atoms_list:
            if atoms[0].start < used_until or any(mask[atoms[0].start:atoms[-1].end]):
                continue
            number = parse(atoms)
            if number is None:
                continue
            mention, used = _read_number(text, number, rules, numbers_at)
            used_until = max(used_until, used)
            if mention is not None:
                mentions.append(mention)
    mentions.sort(key=lambda mention: mention.start)
    _shared_points(text, mentions)
    return mentions


def _shared_points(text: str, mentions: list[_Mention]) -> None:
    """"高4.7个和1.6个百分点": the first figure's 个 is the points unit written once."""
    for first, second in zip(mentions, mentions[1:]):
        if first.unit == "count" and second.unit == "pp" and text[first.end - 1:first.end] == "个" \
                and text[first.end:second.start].strip() in ("和", "、", "与", "及", ","):
            first.unit, first.counted_noun = "pp", None


def find_quantities(text: str) -> list[Quantity]:
    """Every number mention in Chinese ``text`` that may be a claim, in text order.

    ``start``/``end`` index ``text`` as given (traditional script, full-width digits and
    pinyin glosses included); ``text[start:end]`` is the mention: number, scale word,
    余/多, unit, and a currency written before the number; qualifier words before the
    number and after the unit (超过, 以上) stay outside it.
    """
    view = readable_view(text)
    quantities = []
    for mention in _mentions(view):
        start, end = view.span_to_original(mention.start, mention.end)
        quantities.append(Quantity(
            start=start,
            end=end,
            text=text[start:end],
            value=mention.value,
            low=mention.low,
            high=mention.high,
            unit=mention.unit,
            qualifier=mention.qualifier,
            precision=mention.precision,
            counted_noun=mention.counted_noun,
            kind_hint=mention.kind_hint,
            unit_given=mention.unit_given,
            spelled=mention.spelled,
        ))
    return quantities
