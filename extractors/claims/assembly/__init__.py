"""Claim assembly: turn number mentions into claims, the same way for every language.

``LanguageRules`` (``contract.py``) is what a language supplies (``lang/<code>/rules.py``);
everything here is shared. ``assemble.py`` walks the article's sentences in order and, with
the article's state (``state.py``), gives each figure its metric (``metric.py``), period
(``period.py``), unit (``units.py``), modality (``modality.py``), attribution
(``attribution.py``) and place (``geo.py``); each module's docstring states its rules.
"""

from extractors.claims.assembly.assemble import assemble_claims
from extractors.claims.assembly.contract import ClaimReading, Credit, LanguageRules, ModalityCue, SentenceReading

__all__ = ["ClaimReading", "Credit", "LanguageRules", "ModalityCue", "SentenceReading", "assemble_claims"]
