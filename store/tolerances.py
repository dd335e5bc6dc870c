"""Every tolerance of history marks and findings, in one place, with the pair that set it.

A figure is read as the interval of true values its words allow (store/intervals.py); two
figures disagree only when their intervals do not overlap, so most of what decides a flag
is here. The README's "Findings" section works through each with the real pairs below.

Two steps of a written number are used:

- its *precision* p, the size of its last written digit ("1.2 trillion": 0.1 trillion,
  "900 billion": 1 billion, "5,300": 1), for figures stated as they are;
- its *rounding step* r, the size of its last significant digit ("900 billion": 100
  billion, "5,300": 100, "20%": 10, "1.2 trillion": 0.1 trillion, "one trillion": 1
  trillion), for one-sided figures: a writer who says "more than 900 billion" rounded down
  to a round number, and would have said "more than 950 billion" or "nearly 1 trillion" had
  the figure been that high.
"""

from __future__ import annotations

from decimal import Decimal

# "about v": v ± max(p/2, APPROX_SHARE·|v|). "about 81 billion U.S. dollars" allows 77-85.
APPROX_SHARE = Decimal("0.05")

# "more than v", "at least v": up to half a rounding step above v, and the mirror image for
# "less than", "at most". Calibrated on: "more than 20%" must admit 24% (h03 against the
# seed), "more than 700" 702; "over 900 billion" must not reach "nearly 1 trillion" (an
# institute's own revision), so the bound is half a step, open at its far end.
ONE_SIDED_STEPS = Decimal("0.5")

# "nearly v": below v by at most half a rounding step and at most NEARLY_SHARE of v.
# Calibrated on the seed article: "nearly 1.2 trillion" is [1.15, 1.2) trillion, so 24%
# growth on 900 billion (1.116 trillion) does not reach it; "nearly 1 trillion" is
# [0.95, 1) trillion, not [0.5, 1).
NEARLY_SHARE = Decimal("0.05")

# An exchange rate implied by a currency equivalent is far from its period's rate when even
# the loosest reading of both figures lies beyond the year's published range
# (store/data/exchange_rates.toml) by more than RATE_SHARE of it: a wrong equivalent, not a
# rate taken on another day of the year.
RATE_SHARE = Decimal("0.05")

# A currency equivalent is the other currency's figure written right after (or before) the
# first: "1 trillion yuan (about 142 billion U.S. dollars)". At most this many characters
# between the two mentions.
EQUIVALENT_GAP = 40

# Revisions and discrepancies name who changed or disputes a figure. A claim without its own
# attribution is credited to the outlet that printed it (an outlet known only by its web
# address names nobody). Measured with `claimtrack evaluate --findings` on the 80 gold
# articles, crediting only claims that name their source gave 3 right discrepancies of 4;
# with the outlets standing in, 4 of 4 and one more found: the extractor's errors there were
# figures put in the wrong series, not missing sources. Set True to credit named sources only.
ATTRIBUTED_ONLY = False
