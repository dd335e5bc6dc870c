"""The outlet an article came from, named from its URL when the extractor named none, and
the organisation an outlet is when it stands in for a figure's missing source.

The names are the extractors' one outlet table (``extractors/data/outlets.toml``) and their
organisation table (``organisations.tsv``), so that the store and the extractors never call
one site or one body by two names.
"""

from extractors.outlets import credited_name, outlet_for_url

__all__ = ["credited_name", "outlet_for_url"]
