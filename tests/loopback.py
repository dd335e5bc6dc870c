"""What the tests that run real servers and processes share: an HTTP server on 127.0.0.1 in a
thread, a wait for a condition with a deadline, and a read of a database another process is
writing."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class LoopbackServer:
    """A ``ThreadingHTTPServer`` on a free loopback port, served from a daemon thread, usable
    as a context manager. A subclass says which handler answers (``handler_class``) and sets
    ``stopping``, which handlers that sleep or hang wait on so that ``stop`` ends them."""

    stopping: threading.Event
    _httpd: ThreadingHTTPServer | None = None

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError

    @property
    def port(self) -> int:
        assert self._httpd is not None
        return self._httpd.server_address[1]

    def start(self):
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self.handler_class())
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_for(condition: Callable[[], object], timeout: float, what: str,
             details: Callable[[], str] | None = None) -> object:
    """``condition()``'s first true result, polled until ``timeout`` seconds; past it an
    AssertionError naming ``what``, with ``details()`` (logs, say) when given."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}"
                         + (f"\n{details()}" if details is not None else ""))


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of ``sql`` on a database another process writes, read-only; none while the file
    or its schema does not exist yet."""
    if not db.exists():
        return []
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10) as conn:
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError:   # the schema is still being created
            return []
