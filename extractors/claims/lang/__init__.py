"""One folder per language with claim rules (``en/``, ``zh/``), found by its name
(``extractors.language.CLAIM_LANGUAGES``); see ``extractors/claims/pipeline.py`` for what a
language folder holds."""
