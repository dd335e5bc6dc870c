"""Which languages claimtrack reads, and which one a text is in, without a model.

The languages are found by convention, as spaCy finds ``spacy.lang.<code>``: every folder
``extractors/claims/lang/<code>/`` with an ``__init__.py`` is a language with claim rules.
``CLAIM_LANGUAGES`` is derived once from those folder names (through ``importlib.resources``,
without importing the rules, so that ``claimtrack --help`` stays light) and used by the claim
pipeline, the configuration, the CLI's ``--lang`` choices and the pages stage alike.

Counting scripts is enough to tell them apart: our sources publish in Chinese or English,
and a Chinese article quoting "GPT-4" or "EFLOPS" is still mostly Han characters. Japanese
(kana beside the Han characters) and Korean (hangul) have no rules: they are ``UNKNOWN``,
never Chinese. A Latin-script text is English unless the function words of another
language (``extractors/data/function_words.toml``: French, German, Spanish, ...) clearly
outnumber the English ones, so that a French text file is not read with the English rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from importlib import resources

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
    folder = resources.files("extractors").joinpath("claims", "lang")
    return tuple(sorted(entry.name for entry in folder.iterdir()
                        if _LANGUAGE_CODE.fullmatch(entry.name) and entry.joinpath("__init__.py").is_file()))


# The languages with claim rules, as their ISO 639-1 codes ("en", "zh").
CLAIM_LANGUAGES: tuple[str, ...] = _language_folders()


def detect_language(text: str) -> str | None:
    """Return "zh", "en", ``UNKNOWN`` (Japanese, Korean) or None (no letters at all) for ``text``."""
    han = latin = kana_hangul = 0
    for char in text[:SAMPLE_CHARS]:
        if is_han(char):
            han += 1
        elif is_kana_or_hangul(char):
            kana_hangul += 1
        elif char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
            latin += 1
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
