"""Tell Chinese text from English text without a model.

Counting scripts is enough here: our sources publish in Chinese or English, and a Chinese
article quoting "GPT-4" or "EFLOPS" is still mostly Han characters.
"""

from __future__ import annotations

import unicodedata

# Share of letters that must be Han (or kana-free CJK) for text to count as Chinese.
# Low on purpose: a Chinese report full of Latin product names and units stays Chinese.
CHINESE_SHARE = 0.2
SAMPLE_CHARS = 20_000


def detect_language(text: str) -> str | None:
    """Return "zh", "en" or None (no letters at all) for ``text``."""
    han = latin = 0
    for char in text[:SAMPLE_CHARS]:
        if is_han(char):
            han += 1
        elif char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
            latin += 1
    if han + latin == 0:
        return None
    return "zh" if han / (han + latin) >= CHINESE_SHARE else "en"


def is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF       # CJK Unified Ideographs
        or 0x3400 <= code <= 0x4DBF    # Extension A
        or 0xF900 <= code <= 0xFAFF    # Compatibility Ideographs
        or 0x20000 <= code <= 0x2FA1F  # Extensions B-F and compatibility supplement
    )
