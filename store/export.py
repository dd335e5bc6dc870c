"""Exports for spreadsheets and notebooks: claims, articles or findings as CSV, JSON lines or Parquet.

Rows are streamed from one SELECT in batches, so an export of any size runs in constant
memory. Columns come from the tables' own definitions (a column a migration adds is exported
without a change here) and keep their SQL types: INTEGER columns are integers, REAL columns
floats, the rest text, in every format (Parquet declares them; pandas reads CSV and JSON lines
back to the same types). Claims carry their article's ``url``, ``outlet``, ``published``,
``source`` and ``original_id``; ``published`` stays ISO text (a date or a date-time with its
offset), since the two kinds cannot share one timestamp column without inventing a time.

Parquet needs pyarrow (the ``parquet`` extra).
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from store.errors import StoreError

EXPORTS = ("claims", "articles", "findings")
FORMATS = ("csv", "jsonl", "parquet")
BATCH_ROWS = 5_000
PARQUET_HINT = "pyarrow is not installed; install it with: pip install 'claimtrack[parquet]'"
# The article fields a claim is exported with.
CLAIM_ARTICLE_FIELDS = ("url", "outlet", "published", "source", "original_id")
# Article columns that only serve the republication index.
_INDEX_ONLY = ("fp_band",)


@dataclass
class Export:
    """Named, typed columns (``integer``, ``real`` or ``text``) and the rows, streamed."""

    name: str
    columns: list[tuple[str, str]]
    rows: Iterator[tuple]

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.columns]


def select_export(conn: sqlite3.Connection, name: str, *, include_superseded: bool = False) -> Export:
    """The rows of export ``name`` (one of EXPORTS), oldest publication first."""
    if name == "claims":
        claim_columns = _columns(conn, "claims")
        article_types = dict(_columns(conn, "articles"))
        columns = claim_columns + [(field, article_types[field]) for field in CLAIM_ARTICLE_FIELDS]
        select = ", ".join([f'claims."{column}"' for column, _ in claim_columns]
                           + [f'articles."{field}"' for field in CLAIM_ARTICLE_FIELDS])
        where = "" if include_superseded else "WHERE claims.superseded = 0"
        sql = (f"SELECT {select} FROM claims JOIN articles ON articles.id = claims.article_id {where} "
               "ORDER BY articles.published IS NULL, articles.published, claims.id")
    elif name == "articles":
        article_columns = [(column, kind) for column, kind in _columns(conn, "articles")
                           if not column.startswith(_INDEX_ONLY)]
        columns = article_columns + [("original_url", "text"), ("claims", "integer")]
        select = ", ".join(f'articles."{column}"' for column, _ in article_columns)
        sql = (f"SELECT {select}, originals.url, "
               "(SELECT count(*) FROM claims WHERE claims.article_id = articles.id AND claims.superseded = 0) "
               "FROM articles LEFT JOIN articles AS originals ON originals.id = articles.original_id "
               "ORDER BY articles.published IS NULL, articles.published, articles.id")
    elif name == "findings":
        finding_columns = [(column, kind) for column, kind in _columns(conn, "findings") if column != "key"]
        columns = finding_columns + [("claim_ids", "text"), ("urls", "text")]
        select = ", ".join(f'findings."{column}"' for column, _ in finding_columns)
        # The claims a finding rests on, and their articles, as space-separated lists.
        sql = (f"SELECT {select}, "
               "(SELECT group_concat(claim_id, ' ') FROM (SELECT finding_claims.claim_id FROM finding_claims "
               " WHERE finding_claims.finding_id = findings.id ORDER BY finding_claims.claim_id)), "
               "(SELECT group_concat(url, ' ') FROM (SELECT DISTINCT articles.url FROM finding_claims "
               " JOIN claims ON claims.id = finding_claims.claim_id JOIN articles ON articles.id = claims.article_id "
               " WHERE finding_claims.finding_id = findings.id ORDER BY articles.published, articles.url)) "
               "FROM findings ORDER BY findings.first_seen IS NULL, findings.first_seen, findings.id")
    else:
        raise StoreError(f"nothing to export called {name!r}; choose one of {', '.join(EXPORTS)}")
    return Export(name, columns, _stream(conn.execute(sql)))


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    return [(row[1], _affinity(row[2])) for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _affinity(declared: str) -> str:
    """SQLite's affinity rules, reduced to the three types an export knows."""
    declared = (declared or "").upper()
    if "INT" in declared:
        return "integer"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "real"
    return "text"


def _stream(cursor: sqlite3.Cursor) -> Iterator[tuple]:
    while batch := cursor.fetchmany(BATCH_ROWS):
        yield from batch


# Writing ------------------------------------------------------------------------------------


def parquet_available() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def write_export(export: Export, fmt: str, output: Path | None, stdout: IO[str]) -> int:
    """Write ``export`` as ``fmt`` to ``output`` (replaced whole, or left untouched on error)
    or, for csv and jsonl, to ``stdout``. Returns the number of rows."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if output is None:
            raise StoreError("--format parquet writes a file: give --output FILE")
        if not parquet_available():
            raise StoreError(PARQUET_HINT)
        with _replacing(output, "wb") as handle:
            return _write_parquet(export, handle)
    writer = _write_csv if fmt == "csv" else _write_jsonl
    if output is None:
        return writer(export, stdout)
    with _replacing(output, "w") as handle:
        return writer(export, handle)


@contextmanager
def _replacing(path: Path, mode: str) -> Iterator[IO[Any]]:
    """A temporary file beside ``path`` that takes its place only once fully written."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a file to write")
    if not path.parent.is_dir():
        raise StoreError(f"cannot write {path}: folder {path.parent} does not exist")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with open(descriptor, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _write_csv(export: Export, handle: IO[str]) -> int:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(export.names)
    count = 0
    for row in export.rows:
        writer.writerow(["" if value is None else value for value in row])
        count += 1
    return count


def _write_jsonl(export: Export, handle: IO[str]) -> int:
    names = export.names
    count = 0
    for row in export.rows:
        handle.write(json.dumps(dict(zip(names, row)), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_parquet(export: Export, handle: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"integer": pa.int64(), "real": pa.float64(), "text": pa.string()}
    schema = pa.schema([(name, types[kind]) for name, kind in export.columns])
    count = 0
    with pq.ParquetWriter(handle, schema) as writer:
        batch: list[tuple] = []
        for row in export.rows:
            batch.append(row)
            if len(batch) == BATCH_ROWS:
                writer.write_batch(_record_batch(batch, schema))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_batch(_record_batch(batch, schema))
            count += len(batch)
    return count


def _record_batch(rows: list[tuple], schema: Any) -> Any:
    import pyarrow as pa

    columns = list(zip(*rows)) if rows else [() for _ in schema]
    return pa.RecordBatch.from_arrays([pa.array(list(values), type=field.type) for values, field in zip(columns, schema)],
                                      schema=schema)
