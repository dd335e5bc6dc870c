"""Geo: the place each figure is about (China unless the text names another)."""

from __future__ import annotations

import re

from extractors.claims.assembly.state import same_clause, tokens_of
from extractors.claims.linking import geo_matcher


def assign_geo(text, sentence, reading, drafts, rules) -> None:
    """The place a figure is about: named right after it ("users worldwide", "in the United
    States"), else the nearest before it in its clause, else China."""
    matches = geo_matcher(rules.lang, rules.tokens).find(tokens_of(text, sentence, reading, rules))
    for draft in drafts:
        quantity = draft.quantity
        reach = (draft.reading.noun_end or quantity.end) + 15
        after = [m for m in matches if quantity.end <= m.start < reach and not re.search(r"[,;.()]", text[quantity.end:m.start])]
        before = [m for m in matches if m.end <= quantity.start and same_clause(m.start, quantity.start, reading)]
        if after:
            draft.geo = after[0].payload
        elif before:
            draft.geo = before[-1].payload
