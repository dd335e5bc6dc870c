"""Chinese and Arabic numerals to exact values: "1.2万亿", "一千二百", "两三", "三点五".

``NUMBER_RUN`` finds runs of characters that numbers are written with; ``tokenize`` splits
a run into numbers and ``parse`` reads one: its value in base units (亿 = 1e8), the size of
its last stated digit, and whether it is spelled in Chinese numerals, carries a scale
word, or is a scale word alone (万亿, 百余). The words around a number (units,
qualifiers, what makes it no claim) are read by ``lang/zh/numbers.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.claims.lang.zh.lexicon import units
from extractors.claims.lang.zh.text import TextView

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
CN_SCALES = {"万": 10**4, "亿": 10**8, "兆": 10**12}
CN_DECIMAL_POINT = "点"

# A run of characters that may belong to one number or to several numbers side by side;
# it is split and parsed in Python. A plain character class cannot backtrack.
NUMBER_RUN = re.compile("[0-9.,%s%s%s%s]+" % ("".join(CN_DIGITS), "".join(CN_MULTIPLIERS), "".join(CN_SCALES), CN_DECIMAL_POINT))
# Runs longer than this are digit strings (IDs, hashes, junk), not amounts.
MAX_RUN = 40
# Digits before the decimal point beyond which a number is an identifier.
MAX_INTEGER_DIGITS = 15


@dataclass(frozen=True)
class Atom:
    kind: str            # "num" (a digit or an Arabic number), "mult" (十百千), "scale" (万亿兆), "point" (三点五's 点五)
    value: Decimal
    start: int
    end: int
    decimals: int = 0
    spelled: bool = False


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: Decimal | None
    precision: Decimal
    low: Decimal | None = None
    high: Decimal | None = None
    spelled: bool = False
    bare: bool = False           # no digit at all: 万亿, 百余
    scaled: bool = False         # carries 万/亿/兆
    lone_one: bool = False       # the numeral 一 alone: an article ("一个"), not an amount
    first_atom: str = "num"      # kind of the first atom ("mult" for 十几, 数百)
    trailing_scale: Decimal = Decimal(1)  # the scale word(s) at the end: 3到5万 scales the 3


def tokenize(text: str, start: int, end: int, view: TextView) -> list[list[Atom]] | None:
    """Split the run ``text[start:end]`` into numbers (lists of atoms).

    Returns None when the run is not an amount at all (a version number such as 3.5.2, an
    over-long digit string); a separator that fits no number ends one number and starts
    the next ("31,30" is two numbers, "1,234" one).
    """
    if end - start > MAX_RUN:
        return None
    numbers: list[list[Atom]] = []
    atoms: list[Atom] = []
    unit_words = units()[0]
    index = start
    while index < end:
        char = text[index]
        if char.isdigit():
            stop = index
            while stop < end and text[stop].isdigit():
                stop += 1
            integer_digits = stop - index
            # Thousands groups: an ASCII comma (a Chinese full-width comma is a clause
            # break even between digits), then exactly three digits.
            while (
                stop + 3 < end
                and text[stop] == ","
                and view.original[view.to_original(stop)] == ","
                and text[stop + 1:stop + 4].isdigit()
                and (stop + 4 == end or not text[stop + 4].isdigit())
            ):
                stop += 4
                integer_digits += 3
            decimals = 0
            if stop + 1 < end and text[stop] == "." and text[stop + 1].isdigit():
                fraction_end = stop + 1
                while fraction_end < end and text[fraction_end].isdigit():
                    fraction_end += 1
                decimals = fraction_end - stop - 1
                stop = fraction_end
                if stop + 1 < end and text[stop] == "." and text[stop + 1].isdigit():
                    return None  # 3.5.2: a version or a date, not an amount
            literal = text[index:stop].replace(",", "")
            if integer_digits > MAX_INTEGER_DIGITS or (literal[0] == "0" and integer_digits > 1):
                return None  # an identifier or a code with a leading zero (010-...)
            if atoms and atoms[-1].kind == "num":
                numbers.append(atoms)
                atoms = []
            atoms.append(Atom("num", Decimal(literal), index, stop, decimals=decimals))
            index = stop
        elif char in CN_DIGITS:
            atoms.append(Atom("num", Decimal(CN_DIGITS[char]), index, index + 1, spelled=True))
            index += 1
        elif char in CN_MULTIPLIERS or char in CN_SCALES:
            # "百分点", "千瓦", "兆瓦": the character starts a unit, not a multiplier.
            unit = unit_words.starting_at(text, index)
            if unit is not None and len(unit[0]) > 1:
                break
            kind = "mult" if char in CN_MULTIPLIERS else "scale"
            value = CN_MULTIPLIERS.get(char) or CN_SCALES[char]
            atoms.append(Atom(kind, Decimal(value), index, index + 1, spelled=True))
            index += 1
        elif char == CN_DECIMAL_POINT and atoms and atoms[-1].spelled and index + 1 < end and text[index + 1] in CN_DIGITS:
            stop = index + 1
            while stop < end and text[stop] in CN_DIGITS:
                stop += 1
            digits = "".join(str(CN_DIGITS[c]) for c in text[index + 1:stop])
            atoms.append(Atom("point", Decimal("0." + digits), index, stop, decimals=len(digits), spelled=True))
            index = stop
        else:
            # A separator that no number used, or a 点 that is not a decimal point.
            if atoms:
                numbers.append(atoms)
                atoms = []
            if char == CN_DECIMAL_POINT:
                break
            index += 1
    if atoms:
        numbers.append(atoms)
    return numbers


def combine(atoms: list[Atom]) -> tuple[Decimal, Decimal, bool] | None:
    """Value, precision and bareness of one number's atoms, or None if they are no number.

    Chinese numbers are read section by section: 十/百/千 multiply the digit before them
    inside a section, 万/亿/兆 close a section. A scale larger than any before it
    multiplies everything so far (1万亿 = 1e4 * 1e8), a smaller one adds a section
    (一亿二千万 = 1e8 + 2000 * 1e4). A digit after the last multiplier with nothing
    between stands for the next lower place (一千二 = 1200, 一万二 = 12000).
    """
    total = section = current = Decimal(0)
    pending: Decimal | None = None
    pending_spelled = False
    place = Decimal(1)
    last_multiplier: Decimal | None = None
    last_scale: Decimal | None = None
    largest_scale = Decimal(0)
    previous: str | None = None
    zero_seen = False
    bare = False
    for position, atom in enumerate(atoms):
        if atom.kind == "num":
            if pending is not None or previous == "point":
                return None
            if atom.spelled and atom.value == 0:
                zero_seen = True  # 一千零五: the zero only holds a place
            else:
                pending = atom.value
                pending_spelled = atom.spelled
                place = Decimal(1).scaleb(-atom.decimals)
        elif atom.kind == "point":
            if previous not in ("num", "mult"):
                return None
            pending = current + (pending or 0) + atom.value
            current = Decimal(0)
            pending_spelled = False
            last_multiplier = None
            place = Decimal(1).scaleb(-atom.decimals)
        elif atom.kind == "mult":
            if last_multiplier is not None and atom.value >= last_multiplier:
                return None
            if pending is None:
                if position == 0 and atom.value != 10:
                    bare = True  # 百余家, 千亿: no digit before the multiplier
                elif not (atom.value == 10 and previous in (None, "scale") or zero_seen):
                    return None
                digit = Decimal(1)
                place = Decimal(1)
            else:
                digit = pending
            current += digit * atom.value
            place *= atom.value
            pending = None
            last_multiplier = atom.value
        else:  # scale
            if previous == "scale" and last_scale is not None and atom.value <= last_scale:
                return None  # 亿万, 万万
            amount = current + (pending or 0)
            if amount == 0:
                if position == 0:
                    bare = True
                    amount = Decimal(1)
                    place = Decimal(1)
                elif previous != "scale":
                    return None
            if atom.value > largest_scale:
                total = (total + section + amount) * atom.value
                section = Decimal(0)
                largest_scale = atom.value
            else:
                section += amount * atom.value
            place *= atom.value
            current = Decimal(0)
            pending = None
            last_multiplier = None
            last_scale = atom.value
        previous = atom.kind
    if pending is not None and pending_spelled and previous == "num" and len(atoms) > 1:
        before = atoms[-2]
        if before.kind == "mult" and before.value >= 100:
            pending *= before.value / 10
            place = before.value / 10
        elif before.kind == "scale":
            pending *= before.value / 10
            place = before.value / 10
    value = total + section + current + (pending or 0)
    return value, place, bare


def parse(atoms: list[Atom]) -> Number | None:
    """One number from its atoms, reading two neighbouring digits (两三, 三四十) as a range."""
    start, end = atoms[0].start, atoms[-1].end
    spelled = all(atom.spelled for atom in atoms)
    scaled = any(atom.kind == "scale" for atom in atoms)
    trailing_scale = Decimal(1)
    for atom in reversed(atoms):
        if atom.kind != "scale":
            break
        trailing_scale *= atom.value
    common = dict(spelled=spelled, scaled=scaled, first_atom=atoms[0].kind, trailing_scale=trailing_scale)
    combined = combine(atoms)
    if combined is not None:
        value, place, bare = combined
        lone_one = len(atoms) == 1 and atoms[0].spelled and value == 1
        return Number(start, end, value, place, bare=bare, lone_one=lone_one, **common)
    for index in range(len(atoms) - 1):
        first, second = atoms[index], atoms[index + 1]
        if (
            first.kind == second.kind == "num" and first.spelled and second.spelled
            and first.value > 0 and second.value == first.value + 1
        ):
            low = combine(atoms[:index + 1] + atoms[index + 2:])
            high = combine(atoms[:index] + atoms[index + 1:])
            if low is not None and high is not None:
                return Number(start, end, None, high[1], low=low[0], high=high[0], **common)
    return None
