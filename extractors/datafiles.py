"""The one reader of extractors' data files: TSV tables and TOML, from a package's ``data/``.

Files are found through ``importlib.resources`` by the dotted name of the package that owns
them, without importing that package (``read_toml("extractors.claims.lang.en", "cues.toml")``
does not build the English rules), so that an installed wheel reads them as a clone does.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


def data_file(package: str, name: str) -> Traversable:
    """``<package folder>/data/<name>`` for the dotted ``package`` ("extractors.pages")."""
    top, *folders = package.split(".")
    return resources.files(top).joinpath(*folders, "data", name)


def read_toml(package: str, name: str) -> dict[str, Any]:
    return tomllib.loads(data_file(package, name).read_text(encoding="utf-8"))


def read_tsv(package: str, name: str) -> list[dict[str, str]]:
    """Rows of ``<package folder>/data/<name>`` (see ``parse_tsv``)."""
    return parse_tsv(data_file(package, name).read_text(encoding="utf-8"), name)


def parse_tsv(text: str, name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated table as dicts keyed by its header line, fields stripped.

    Lines starting with ``#`` and blank lines are comments. Trailing empty fields may be
    left out (as the shared tables do); a row with more fields than the header, or with
    fewer than its first two, is an error in the data file, reported with its line number.
    No quoting: a field holds what is between its tabs, quotation marks included.
    """
    header: list[str] | None = None
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        if header is None:
            header = fields
            continue
        if len(fields) > len(header) or len(fields) < min(2, len(header)):
            raise ValueError(f"{name}:{number}: expected {len(header)} tab-separated fields, got {len(fields)}")
        rows.append(dict(zip(header, fields + [""] * (len(header) - len(fields)))))
    return rows
