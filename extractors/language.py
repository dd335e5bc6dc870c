"""Which languages claimtrack reads, and which one a text is in, without a model.

The languages are found by convention, as spaCy finds ``spacy.lang.<code>``: every folder
``extractors/claims/lang/<code>/`` with an ``__init__.py`` is a language with claim rules.
``CLAIM_LANGUAGES`` is derived once from those folder names (a directory scan, without
importing the rules, so that ``claimtrack --help`` stays light) and used by the claim
pipeline, the configuration, the CLI's ``--lang`` choices and the pages stage alike.

Counting scripts is enough to tell them apart: our sources publish in Chinese or English,
and a Chinese article quoting "GPT-4" or "EFLOPS" is still mostly Han characters. Japanese
(kana beside the Han characters) and Korean (hangul) have no rules: they are ``UNKNOWN``,
never Chinese. A Latin-script text is English unless the function words of another
language (``extractors/data/function_words.toml``: French, German, Spanish, ...) clearly
outnumber the English ones, so that a French text file is not read with the English rules.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from functools import cache

# Share of letters that must be Han (or kana-free CJK) for text to count as Chinese.
# Low on purpose: a Chinese report full of Latin product names and units stays Chinese.
CHINESE_SHARE = 0.2
# Share of the East Asian characters that, in kana or hangul, makes a text Japanese or Korean:
# a Chinese article may quote a Japanese brand (ソニー) or a Korean one, not one word in ten.
KANA_HANGUL_SHARE = 0.1
SAMPLE_CHARS = 20_000
# Another Latin-script language wins over English with at least this many of its function
# words in the sample, and more than English's: a French name in an English text ("Banque de
# France") is one or two words, a French paragraph a dozen.
MIN_FUNCTION_WORDS = 5
_WORD = re.compile(r"[^\W\d_]+")
# What detect_language answers for text in a script that has no claim rules.
UNKNOWN = "unknown"
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def _language_folders() -> tuple[str, ...]:
    # A plain directory scan (the package is installed as files): importlib.resources would
    # add a tenth to the start-up of every command, --help included.
    folder = os.path.join(os.path.dirname(__file__), "claims", "lang")
    return tuple(sorted(entry.name for entry in os.scandir(folder)
                        if _LANGUAGE_CODE.fullmatch(entry.name) and os.path.isfile(os.path.join(entry.path, "__init__.py"))))


# The languages with claim rules, as their ISO 639-1 codes ("en", "zh").
CLAIM_LANGUAGES: tuple[str, ...] = _language_folders()


def detect_language(text: str) -> str | None:
    """Return "zh", "en", ``UNKNOWN`` (Japanese, Korean) or None (no letters at all) for ``text``."""
    sample = text[:SAMPLE_CHARS]
    # Counted by regular expressions, in C: a loop over the characters in Python cost more
    # than the rest of recording a text file.
    han = len(_HAN.findall(sample))
    kana_hangul = len(_KANA_HANGUL.findall(sample))
    latin = len(_LATIN.findall(sample))
    east_asian = han + kana_hangul
    if east_asian + latin == 0:
        return None
    if east_asian / (east_asian + latin) < CHINESE_SHARE:
        return _latin_language(text[:SAMPLE_CHARS])
    return UNKNOWN if kana_hangul >= KANA_HANGUL_SHARE * east_asian else "zh"


def _latin_language(text: str) -> str:
    """"en", or the code of the language whose function words clearly outnumber English's."""
    counts = Counter(word for word in _WORD.findall(text.lower()))
    hits = {language: sum(counts[word] for word in words) for language, words in _function_words().items()}
    english = hits.pop("en", 0)
    language, count = max(hits.items(), key=lambda item: item[1], default=("en", 0))
    return language if count >= MIN_FUNCTION_WORDS and count > english else "en"


@cache
def _function_words() -> dict[str, frozenset[str]]:
    from extractors.datafiles import read_toml  # only when a Latin-script text is met

    return {language: frozenset(words) for language, words in read_toml("extractors", "function_words.toml")["words"].items()}


def choose_language(declared: str | None, text: str) -> str | None:
    """The page's declared language unless its text is plainly in another language with claim
    rules; undeclared, the detected one (None when that has no rules: Japanese, Korean)."""
    detected = detect_language(text)
    if detected not in CLAIM_LANGUAGES:
        detected = None
    if declared in CLAIM_LANGUAGES and detected and detected != declared:
        return detected
    return declared or detected


# The ranges of is_han and is_kana_or_hangul below, and the Latin letters (those whose Unicode
# names start with LATIN, as Python 3.11's Unicode database lists them).
_HAN_RANGES = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f"
_KANA_HANGUL_RANGES = "\u3041-\u30fa\u31f0-\u31ff\uff66-\uff9d\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e"
_HAN = re.compile(f"[{_HAN_RANGES}]")
_KANA_HANGUL = re.compile(f"[{_KANA_HANGUL_RANGES}]")
_LATIN = re.compile(
    "[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1d00-\u1d25\u1d62-\u1d65\u1d6b-\u1d77\u1d79-\u1d9a"
    "\u1e00-\u1eff\u2090-\u209c\u2184\u2c60-\u2c7c\u2c7e-\u2c7f\ua722-\ua76f\ua771-\ua787\ua78b-\ua7ca"
    "\ua7d0-\ua7d1\ua7d3\ua7d5-\ua7d9\ua7f5-\ua7f7\ua7fa-\ua7ff\uab30-\uab5a\uab60-\uab64\uab66-\uab68"
    "\ufb00-\ufb06\U0001df00-\U0001df1e]"
)


def han_characters(text: str) -> list[str]:
    """The Han characters of ``text``, in order (found in C, not character by character)."""
    return _HAN.findall(text)


def is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF       # CJK Unified Ideographs
        or 0x3400 <= code <= 0x4DBF    # Extension A
        or 0xF900 <= code <= 0xFAFF    # Compatibility Ideographs
        or 0x20000 <= code <= 0x2FA1F  # Extensions B-F and compatibility supplement
    )


def is_kana_or_hangul(char: str) -> bool:
    """Japanese kana or Korean hangul; not the katakana middle dot and prolonged sound mark,
    which Chinese text uses in foreign names (迈克尔・乔丹)."""
    code = ord(char)
    return (
        (0x3041 <= code <= 0x30FA)     # Hiragana and Katakana
        or 0x31F0 <= code <= 0x31FF    # Katakana phonetic extensions
        or 0xFF66 <= code <= 0xFF9D    # half-width Katakana
        or 0xAC00 <= code <= 0xD7A3    # Hangul syllables
        or 0x1100 <= code <= 0x11FF    # Hangul Jamo
        or 0x3131 <= code <= 0x318E    # Hangul compatibility Jamo
    )
