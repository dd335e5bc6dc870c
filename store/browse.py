"""The database in Datasette, described by the metadata shipped with claimtrack.

``store/data/datasette-metadata.json`` describes the tables, views and columns, sets the
facets that make sense (metric, source, unit, modality, ...) and a canned query; it names the
database ``claimtrack``, and :func:`metadata_for` files it under the name Datasette gives the
actual file (its stem). Datasette is an optional dependency (``claimtrack[datasette]``),
imported only when serving.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from config.defaults import DATASETTE_HOST, DATASETTE_PORT, SQL_TIME_LIMIT

METADATA_FILE = Path(__file__).resolve().parent / "data" / "datasette-metadata.json"
METADATA_DATABASE = "claimtrack"
INSTALL_HINT = "Datasette is not installed; install it with: pip install 'claimtrack[datasette]'"


def metadata_for(db_path: str | Path) -> dict[str, Any]:
    """The shipped metadata, with its database entry under ``db_path``'s Datasette name."""
    metadata = json.loads(METADATA_FILE.read_text(encoding="utf-8"))
    metadata["databases"] = {Path(db_path).stem: metadata["databases"][METADATA_DATABASE]}
    return metadata


def datasette_available() -> bool:
    try:
        import datasette  # noqa: F401
    except ImportError:
        return False
    return True


def serve_datasette(db_path: str | Path, *, host: str | None = None, port: int | None = None) -> None:
    """Run Datasette on ``db_path`` until it is stopped (Ctrl-C or SIGTERM)."""
    from datasette.cli import cli as datasette_cli

    with tempfile.TemporaryDirectory(prefix="claimtrack-datasette-") as folder:
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(json.dumps(metadata_for(db_path), ensure_ascii=False), encoding="utf-8")
        datasette_cli.main(
            ["serve", str(db_path), "--metadata", str(metadata),
             "--host", host or DATASETTE_HOST, "--port", str(port or DATASETTE_PORT),
             # the same limit as `claimtrack sql`
             "--setting", "sql_time_limit_ms", str(int(SQL_TIME_LIMIT * 1000))],
            prog_name="datasette", standalone_mode=False,
        )
