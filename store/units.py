"""Unit families: which units measure the same thing, and by what factor they differ."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache
from pathlib import Path

FAMILIES_FILE = Path(__file__).with_name("data") / "unit_families.toml"


@cache
def _families() -> dict[str, tuple[str, Decimal]]:
    table = tomllib.loads(FAMILIES_FILE.read_text(encoding="utf-8"))["units"]
    return {unit: (family, Decimal(str(factor))) for unit, (family, factor) in table.items()}


def unit_family(unit: str) -> tuple[str, Decimal]:
    """The family ``unit`` belongs to and its factor to the family's base unit.

    A unit missing from the table is its own family: currencies, "%", "pp", "count", "x".
    """
    return _families().get(unit, (unit, Decimal(1)))
