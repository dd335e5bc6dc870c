"""The known names nearest to a name the user typed: for an unknown metric (matched on its key
and on the words claims used for it, "AI companies" for ``ai_enterprises``) or source."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

# A known name is suggested when it is at least this similar to the one typed (difflib's ratio),
# or when it holds at least this share of the typed words.
SIMILARITY = 0.6
_WORD = re.compile(r"[^\W_]+")


def nearest_names(typed: str, names: Mapping[str, Iterable[str]], limit: int = 3) -> list[str]:
    """Keys of ``names`` (each with the other names it goes by) nearest to ``typed``, best first."""
    typed_words = _words(typed)
    scored = []
    for key, aliases in names.items():
        best = 0.0
        for alias in (key, *aliases):
            words = _words(alias)
            ratio = difflib.SequenceMatcher(None, " ".join(typed_words), " ".join(words)).ratio()
            shared = len(set(typed_words) & set(words)) / len(set(typed_words)) if typed_words else 0.0
            best = max(best, ratio, shared)
        if best >= SIMILARITY:
            scored.append((-best, key))
    return [key for _, key in sorted(scored)[:limit]]


def _words(name: str) -> list[str]:
    return _WORD.findall(name.casefold())
