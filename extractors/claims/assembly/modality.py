"""Modality: actual, forecast or target.

Target and forecast cues (a strong cue of the figure's own clause first; modal verbs only
forward), a period that starts after publication or a deadline that ends after it, an
estimate earlier in the paragraph for the same period.
"""

from __future__ import annotations

from extractors.claims import periods
from extractors.claims.assembly.contract import ModalityCue, SentenceReading
from extractors.claims.assembly.state import AssemblyState, Draft, same_clause
from extractors.claims.quantity import Quantity


def cue_applies(cue: ModalityCue, reading: SentenceReading, quantity: Quantity) -> bool:
    if cue.scope == "sentence":
        return True
    if cue.strength == 1 and cue.start > quantity.start:
        return False                      # "could", "will" look forward: "21 airports ... is to halve"
    low, high = sorted((cue.start, quantity.start))
    return not any(low < b <= high for b in reading.clause_breaks)


def has_future_cue(reading: SentenceReading, quantity: Quantity) -> bool:
    return any(cue_applies(c, reading, quantity) for c in reading.modality)


def assign_modality(reading: SentenceReading, drafts: list[Draft], state: AssemblyState) -> None:
    for draft in drafts:
        quantity = draft.quantity
        best = None
        applying = [c for c in reading.modality if cue_applies(c, reading, quantity)]
        own_clause = [c for c in applying if c.strength >= 2 and same_clause(c.start, quantity.start, reading)]
        for cue in own_clause or applying:
            if best is None or cue.strength > best.strength:
                best = cue
        if best is not None and draft.period_source == "base" and before_reference_year(draft.period, state.reference):
            draft.modality = "actual"            # a past baseline in a goal: "up from 7.8 percent in 2020"
        elif best is not None and best.scope == "sentence" and not own_clause and draft.period_source == "mention" \
                and not same_clause(best.start, quantity.start, reading) and before_reference_year(draft.period, state.reference):
            draft.modality = "actual"            # a clause of its own about a past year: "..., when it grew 24 percent"
        elif best is not None:
            draft.modality = best.modality
        elif draft.period and _future_period(draft, state.reference):
            draft.modality = "forecast"
        elif (state.paragraph_forecast and draft.period == state.paragraph_forecast and not reading.current_state
              and not before_reference_year(draft.period, state.reference)):
            draft.modality = "forecast"          # "Moreover, it calculated 24 percent growth" after an estimate
        else:
            draft.modality = "actual"


def _future_period(draft: Draft, reference: periods.Reference) -> bool:
    """A period that starts after publication, or a deadline that ends after it."""
    bounds = periods.bounds(draft.period)
    if not bounds:
        return False
    now = (reference.published.year, reference.published.month) if reference.published else \
        ((reference.inferred_year, 12) if reference.inferred_year else None)
    if now is None:
        return False
    if bounds[0] > now:
        return True
    return draft.period_source == "deadline" and bounds[1] > now


def before_reference_year(period: str, reference: periods.Reference) -> bool:
    bounds = periods.bounds(period)
    return bool(bounds and reference.year and bounds[1][0] < reference.year)
