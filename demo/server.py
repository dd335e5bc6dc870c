"""Serve a folder laid out by host (``<root>/<host>/<path>``) on 127.0.0.1, for the demo and tests.

A page saved as ``english.news.cn/business/index.htm`` is served at
``http://127.0.0.1:PORT/english.news.cn/business/``. The pages keep the real sites' absolute
links (``https://english.news.cn/20251226/<id>/c.html``); the server rewrites those that point
at a mirrored host so that a crawler following them stays on the mirror, and
:meth:`MirrorServer.real_url` turns a mirror URL back into the address the page stands for
(site rules, outlets and stored URLs key on the real host).

Each response has the Content-Type a real server would send: an HTML page's charset is the one
its own ``<meta>`` declares (so a GBK page is served as GBK), feeds are ``application/rss+xml``.
``/robots.txt`` and ``/<host>/robots.txt`` allow everything unless the host folder has its own.
Unknown paths are 404; a folder without its trailing slash is redirected like Apache does.

Run ``python -m demo.server`` to browse the bundled mirror.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from demo import MIRROR_DIR

LOOPBACK = "127.0.0.1"
# What a folder URL serves, in the order a TRS or WordPress site would look.
INDEX_FILES = ("index.htm", "index.html", "index.xml")
ALLOW_ALL_ROBOTS = b"User-agent: *\nAllow: /\n"
# Enough of the head to find the <meta charset> a browser would honour.
CHARSET_SNIFF_BYTES = 2048
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_TEXT_TYPES = {
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
}
_BINARY_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".gz": "application/gzip"}
_HTML_SUFFIXES = (".htm", ".html", ".shtml")
# How long stop() waits for the serving thread before giving up on it.
STOP_TIMEOUT_SECONDS = 5


class MirrorServer:
    """A threaded HTTP server for a mirror folder; use it as a context manager or start()/stop().

    ``port=0`` takes a free port. ``rewrite_links`` rewrites absolute links to mirrored hosts
    into mirror URLs in every text response (HTML, JSON, XML).
    """

    def __init__(self, root: str | Path = MIRROR_DIR, *, host: str = LOOPBACK, port: int = 0,
                 rewrite_links: bool = True) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise FileNotFoundError(f"mirror folder {self.root} does not exist")
        self.hosts = tuple(sorted(child.name for child in self.root.iterdir() if child.is_dir() and "." in child.name))
        self.rewrite_links = rewrite_links
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request, in order
        self._requests_lock = threading.Lock()
        self._httpd = _MirrorHTTPServer((host, port), _Handler, self)
        self._thread: threading.Thread | None = None
        self._links = _link_pattern(self.hosts)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/``"""
        return f"http://{self._httpd.server_address[0]}:{self.port}/"

    def url(self, real_url: str) -> str:
        """The mirror URL of a real address: ``https://english.news.cn/business/`` ->
        ``http://127.0.0.1:PORT/english.news.cn/business/``."""
        parts = urlsplit(real_url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.base_url}{parts.hostname}{parts.path or '/'}{query}"

    def real_url(self, mirror_url: str) -> str:
        """The address a mirror URL stands for (https); other URLs are returned unchanged."""
        if not mirror_url.startswith(self.base_url):
            return mirror_url
        host, _, rest = mirror_url[len(self.base_url):].partition("/")
        return f"https://{host}/{rest}" if host in self.hosts else mirror_url

    def start(self) -> MirrorServer:
        if self._thread is None:
            self._thread = threading.Thread(target=self._httpd.serve_forever, name=f"mirror-{self.port}", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close the socket and wait for the serving thread."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(STOP_TIMEOUT_SECONDS)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # Answering -------------------------------------------------------------------------

    def _record(self, method: str, path: str) -> None:
        with self._requests_lock:
            self.requests.append((method, path))

    def _answer(self, raw_path: str) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for a request path."""
        path = unquote(urlsplit(raw_path).path)
        segments = [segment for segment in path.split("/") if segment]
        if segments and segments[-1] == "robots.txt" and len(segments) <= 2:
            return self._robots(segments[0] if len(segments) == 2 else None)
        if not segments or segments[0] not in self.hosts or any(s in (".", "..") for s in segments):
            return _not_found()
        target = self.root.joinpath(*segments)
        if target.is_dir():
            if not path.endswith("/"):
                return HTTPStatus.MOVED_PERMANENTLY, {"Location": path + "/"}, b""
            target = next((target / name for name in INDEX_FILES if (target / name).is_file()), target)
        if not target.is_file():
            return _not_found()
        body = target.read_bytes()
        content_type = content_type_for(target, body)
        if self.rewrite_links and _is_text(content_type):
            body = self._rewrite(body)
        return HTTPStatus.OK, {"Content-Type": content_type, "ETag": _etag(body)}, body

    def _robots(self, host: str | None) -> tuple[int, dict[str, str], bytes]:
        own = self.root / host / "robots.txt" if host in self.hosts else None
        body = own.read_bytes() if own is not None and own.is_file() else ALLOW_ALL_ROBOTS
        if self.rewrite_links:
            body = self._rewrite(body)
        return HTTPStatus.OK, {"Content-Type": "text/plain; charset=utf-8"}, body

    def _rewrite(self, body: bytes) -> bytes:
        """Absolute links to mirrored hosts, pointed at this server."""
        base = self.base_url.encode()
        return self._links.sub(lambda match: base + match.group(1), body)


def content_type_for(path: Path, body: bytes) -> str:
    """The Content-Type a real server sends for ``path``: HTML with the charset its meta
    declares (UTF-8 when it declares none), RSS and Atom feeds by their root element."""
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES:
        declared = _META_CHARSET.search(body[:CHARSET_SNIFF_BYTES])
        charset = declared.group(1).decode("ascii").lower() if declared else "utf-8"
        return f"text/html; charset={charset}"
    if suffix == ".xml":
        head = body[:CHARSET_SNIFF_BYTES]
        if b"<rss" in head:
            return "application/rss+xml; charset=utf-8"
        if b"<feed" in head:
            return "application/atom+xml; charset=utf-8"
        return "application/xml; charset=utf-8"
    return _TEXT_TYPES.get(suffix) or _BINARY_TYPES.get(suffix) or "application/octet-stream"


def _is_text(content_type: str) -> bool:
    return content_type.startswith("text/") or "json" in content_type or "xml" in content_type


def _link_pattern(hosts: Iterable[str]) -> re.Pattern[bytes]:
    names = b"|".join(re.escape(host.encode()) for host in sorted(hosts, key=len, reverse=True))
    # A host name ends where a path, query, quote, tag or space begins.
    return re.compile(rb"https?://(" + (names or rb"(?!)") + rb")(?=[/\"'<>\s?#]|$)")


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def _not_found() -> tuple[int, dict[str, str], bytes]:
    body = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"
    return HTTPStatus.NOT_FOUND, {"Content-Type": "text/html; charset=utf-8"}, body


class _MirrorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # a client that keeps a connection open must not block stop()
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: type, mirror: MirrorServer) -> None:
        self.mirror = mirror
        super().__init__(address, handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Scrapy's HTTP/1.1 client expects
    server_version = "claimtrack-mirror"
    server: _MirrorHTTPServer

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _respond(self, *, with_body: bool) -> None:
        mirror = self.server.mirror
        mirror._record(self.command, self.path)
        status, headers, body = mirror._answer(self.path)
        if status == HTTPStatus.OK and headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
            status, body = HTTPStatus.NOT_MODIFIED, b""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body and body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the requests are in ``MirrorServer.requests``."""


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m demo.server", description="Serve a mirror folder on 127.0.0.1.")
    parser.add_argument("root", nargs="?", default=str(MIRROR_DIR), help="folder laid out by host (default: the bundled mirror)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    args = parser.parse_args(argv)
    with MirrorServer(args.root, port=args.port) as server:
        print(f"serving {server.root} at {server.base_url} (hosts: {', '.join(server.hosts)}); Ctrl-C stops", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
