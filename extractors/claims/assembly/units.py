"""Units in assembly: which units measure one dimension (a figure restated in another of
them is the same claim), which fit a metric's family, and the unit of a bare scaled number.
"""

from __future__ import annotations

from extractors.claims.assembly.state import ArticleFacts, AssemblyState, Draft
from extractors.claims.linking import registry

CURRENCIES = frozenset({"CNY", "USD", "HKD", "EUR", "TWD", "GBP", "JPY", "KRW", "INR"})


# Units of one dimension: a figure restated in another of them is the same claim.
DIMENSIONS = {
    "ZFLOPS": "computing", "EFLOPS": "computing", "PFLOPS": "computing", "TFLOPS": "computing", "FLOPS": "computing",
    "ZB": "storage", "EB": "storage", "PB": "storage", "TB": "storage", "GB": "storage",
    "GW": "power", "MW": "power", "kW": "power",
}


def same_dimension(unit: str, other: str) -> bool:
    return unit == other or (DIMENSIONS.get(unit) is not None and DIMENSIONS.get(unit) == DIMENSIONS.get(other))


def compatible(metric: str, unit: str, kind: str, families: dict[str, str]) -> bool:
    family = families.get(metric)
    if family is None or kind in ("growth", "share", "multiple") or unit in ("%", "pp", "x"):
        return True
    if family == "money":
        return unit in CURRENCIES
    if family == "count":
        return unit == "count"
    if family == "computing":
        return DIMENSIONS.get(unit) == "computing"
    return True


def assign_units(drafts: list[Draft], state: AssemblyState, article: ArticleFacts) -> None:
    """A bare scaled number takes the currency of its metric, or of the figure it pairs with."""
    families = registry()
    for index, draft in enumerate(drafts):
        quantity = draft.quantity
        if quantity.unit_given or quantity.unit != "count" or draft.reading.count_phrase:
            continue                      # "the number of enterprises ... exceeded 38,000": a count
        partner = next((d for d in reversed(drafts[:index]) if d.unit in CURRENCIES and d.kind == draft.kind), None)
        if partner is not None and partner.metric == draft.metric:
            draft.unit = partner.unit
        elif families.get(draft.metric or "") == "money":
            draft.unit = "CNY"
