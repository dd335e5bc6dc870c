"""Regular expressions built from phrase lists (the cue words of the data files)."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(phrases: Iterable[str], *, spaces: str | None = None) -> str:
    """A regular expression that matches any of ``phrases``, the longest first, so that "more
    than" wins over "more" and 超过 over 超; each phrase is escaped. With ``spaces``, a space in a
    phrase matches that expression instead (r"\\s+": any run of white space)."""
    escaped = (re.escape(phrase) for phrase in sorted(set(phrases), key=len, reverse=True))
    if spaces is not None:
        escaped = (phrase.replace(r"\ ", spaces) for phrase in escaped)
    return "|".join(escaped)
