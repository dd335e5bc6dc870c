"""The outlet an article came from, named from its URL when the extractor named none.

The names are the extractors' one outlet table (``extractors/data/outlets.toml``), so that the
store and the site rules never call one site by two names.
"""

from extractors.outlets import outlet_for_url

__all__ = ["outlet_for_url"]
