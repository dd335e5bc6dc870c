"""A read-only connection with the two reading methods of sqlite-utils' Database.

Queries (``claimtrack history``, ``claims``, ``search``) run on this instead of a sqlite-utils
``Database``, whose import pulls in numpy and pandas when they are installed: ten times
the interpreter's own start-up, for a command that runs one SELECT.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any


class ReadConnection:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Each row as a dict of column name to value, as ``Database.query`` yields them."""
        cursor = self.conn.execute(sql, params)
        keys = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row))

    def close(self) -> None:
        self.conn.close()
