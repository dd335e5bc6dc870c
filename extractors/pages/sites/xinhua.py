"""Xinhua's datelines: part of the story's text, never its title.

English wire copy opens "BEIJING, Dec. 26 (Xinhua) -- ", Chinese copy "新华社北京12月26日电".
Republishers keep the dateline, so it stays in the text (it also ties a copy to its wire
original); but a page without a proper headline element must not have it taken for one.
"""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"^\s*(?:"
    r"[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\((?:Xinhua|XINHUA)\)\s*(?:--|—|–)"
    r"|新华社[^\s，。]{0,12}?\d{1,2}月\d{1,2}日电"
    r")"
)


def is_dateline(text: str) -> bool:
    return bool(DATELINE.match(text))
