"""Size limits of the pages stage: what is too big to parse, and too small to be an article."""

from __future__ import annotations

import re

from extractors.language import han_characters

# Size caps, checked before any parsing: a body over its cap is reported, not read.
MAX_HTML_BYTES = 10 * 1024 * 1024
MAX_PDF_BYTES = 50 * 1024 * 1024
# A text file (ingest, extract) is an article's text as it is: no more than a page's worth.
MAX_TEXT_BYTES = 10 * 1024 * 1024
# Main text below this many "units" is no article (a Han character counts 3, any other
# non-space character 1): about 35 Chinese characters or 20 English words, so a one-line
# Xinhua flash with a figure still counts while a challenge or login page does not.
MIN_TEXT_UNITS = 100


def text_units(text: str) -> int:
    """Size of a text for the "too short to be an article" test (see MIN_TEXT_UNITS)."""
    # Counted in C: this runs on every page, and a loop over its characters showed in profiles.
    return len(_SPACE.sub("", text)) + 2 * len(han_characters(text))


_SPACE = re.compile(r"\s+")
