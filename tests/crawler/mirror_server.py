"""A loopback HTTP server for crawl tests: a mirror laid out by host, and hostile answers.

``http://127.0.0.1:PORT/<host>/<path>`` serves ``<root>/<host>/<path>`` (a folder serves its
index.html, index.htm or index.xml; a ``<file>.headers`` beside a file adds or replaces
headers), with an ETag and Last-Modified and 304 answers to conditional requests, the way
a real site would. Under ``/technode.com/hostile/<case>/`` it answers the way sites go
wrong (see ``HOSTILE``). robots.txt forbids ``/technode.com/private/`` and answers 500 to a
request made as ``localhost`` (another host name for the same server).

Bound to 127.0.0.1 on a free port, served from daemon threads; a hanging answer waits at
most ``hang_seconds`` and ends when the server stops. Every request is logged with its time.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

from loopback import LoopbackServer

CONTENT_TYPES = {".htm": "text/html", ".html": "text/html", ".shtml": "text/html", ".xml": "application/xml",
                 ".json": "application/json", ".gz": "application/gzip", ".pdf": "application/pdf",
                 ".txt": "text/plain"}
INDEX_FILES = ("index.html", "index.htm", "index.xml")
ROBOTS = b"User-agent: *\nDisallow: /technode.com/private/\n"
HOSTILE_PREFIX = "/technode.com/hostile/"
CHALLENGE_PAGE = (Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "caict-412-challenge.html")
HUGE_BYTES = 50 * 1024 * 1024
BOMB_BYTES = 64 * 1024 * 1024     # three times the crawler's 20 MB cap

# Good pages the hostile cases link beside their bad one: real figures, our own sentences.
GOOD_PARAGRAPHS = (
    "China's core artificial intelligence industry exceeded 1 trillion yuan in the first 11 months of 2025, "
    "the Ministry of Industry and Information Technology said on Friday.",
    "The country is home to more than 5,300 AI enterprises, and the China Academy of Information and "
    "Communications Technology expects the industry to reach about 1.2 trillion yuan for the whole year.",
)


@dataclass(frozen=True)
class Hit:
    time: float
    method: str
    path: str
    host: str
    headers: dict[str, str]


class MirrorServer(LoopbackServer):
    def __init__(self, root: Path, *, hang_seconds: float = 8.0) -> None:
        self.root = Path(root)
        self.hang_seconds = hang_seconds
        self.hits: list[Hit] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._bomb: bytes | None = None

    # Life -------------------------------------------------------------------------------

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        return type("Handler", (_Handler,), {"server_state": self})

    def start(self) -> MirrorServer:
        self.gzip_bomb()   # built before any request, so that serving it never looks like a hang
        return super().start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}/{path.lstrip('/')}"

    # Assertions' helpers ----------------------------------------------------------------

    def hits_under(self, prefix: str) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.hits if hit.path.startswith(prefix)]

    def clear(self) -> None:
        with self._lock:
            self.hits.clear()
            self._counts.clear()

    def _record(self, hit: Hit) -> int:
        with self._lock:
            self.hits.append(hit)
            self._counts[hit.path] = self._counts.get(hit.path, 0) + 1
            return self._counts[hit.path]

    def gzip_bomb(self) -> bytes:
        if self._bomb is None:
            self._bomb = gzip.compress(b" " * BOMB_BYTES, compresslevel=6)
        return self._bomb


def good_page(case: str) -> bytes:
    paragraphs = "".join(f"<p>{text}</p>\n" for text in GOOD_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Core AI industry tops 1 trillion yuan ({case}) · TechNode</title>
<meta property="og:site_name" content="TechNode"><meta property="article:published_time" content="2025-12-26T18:00:00+08:00">
</head><body><main><article><h1>Core AI industry tops 1 trillion yuan ({case})</h1>
<div class="entry-content">{paragraphs}</div></article></main></body></html>
""".encode()


def feed(*paths: str, age_days: float = 0) -> bytes:
    """An RSS feed of ``paths`` on technode.com, its newest item ``age_days`` old."""
    newest = time.time() - age_days * 86400
    items = "".join(f"<item><title>Item {n}</title><link>https://technode.com/{path.lstrip('/')}</link>"
                    f"<pubDate>{formatdate(newest - 3600 * n, usegmt=True)}</pubDate></item>\n"
                    for n, path in enumerate(paths, 1))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>TechNode</title>'
            f'<link>https://technode.com</link>\n{items}</channel></rss>\n').encode()


ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 <url><loc>https://technode.com/hostile/entity-bomb/&lol9;</loc></url>
</urlset>
"""

BROKEN_FEED_HEAD = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>TechNode</title><link>https://technode.com</link>
<item><title>Salvaged</title><link>https://technode.com/hostile/broken-feed/good/</link></item>
<item><title>Cut off <b>here</title><link>https://technode.com/hostile/broken-feed/lost/</link>
"""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    server_state: MirrorServer

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        host = self.headers.get("Host", "")
        count = self.server_state._record(Hit(time.monotonic(), "GET", path, host, dict(self.headers.items())))
        try:
            if path == "/robots.txt":
                if host.startswith("localhost"):
                    self._send(500, b"internal error", "text/plain")
                else:
                    self._send(200, ROBOTS, "text/plain")
            elif path.startswith(HOSTILE_PREFIX):
                self._hostile(path[len(HOSTILE_PREFIX):], count)
            else:
                self._static(path)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler hung up (a size cap, a timeout): what these answers are for

    # Answers -------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _static(self, path: str) -> None:
        root = self.server_state.root.resolve()
        target = (root / path.lstrip("/")).resolve()
        if root not in target.parents and target != root:
            self._send(404, b"not found", "text/plain")
            return
        if target.is_dir():
            target = next((target / name for name in INDEX_FILES if (target / name).is_file()), target)
        if not target.is_file() or target.name.endswith(".headers"):
            self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html")
            return
        body = target.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = {"ETag": etag, "Last-Modified": formatdate(target.stat().st_mtime, usegmt=True)}
        content_type = CONTENT_TYPES.get(target.suffix.lower(), "application/octet-stream")
        sidecar = target.with_name(target.name + ".headers")
        if sidecar.is_file():
            for line in sidecar.read_text(encoding="utf-8").splitlines():
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-type":
                    content_type = value.strip()
                elif name.strip():
                    headers[name.strip()] = value.strip()
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(200, body, content_type, headers)

    def _hostile(self, rest: str, count: int) -> None:
        case, _, tail = rest.partition("/")
        state = self.server_state
        if tail.startswith("good"):
            self._send(200, good_page(case), "text/html; charset=utf-8")
        elif tail == "feed.xml":
            self._send(200, feed(*HOSTILE[case]), "application/rss+xml")
        elif tail == "old-feed.xml":   # a feed frozen years ago, like one of english.news.cn's
            self._send(200, feed(*HOSTILE[case], age_days=2900), "application/rss+xml")
        elif case == "retry-after":
            if count == 1:
                self._send(429, b"slow down", "text/plain", {"Retry-After": "2"})
            else:
                self._send(200, good_page("after the wait"), "text/html; charset=utf-8")
        elif case == "unavailable":
            if count == 1:
                self._send(503, b"<html><body>Service Unavailable</body></html>", "text/html")
            else:
                self._send(200, good_page("after a 503"), "text/html; charset=utf-8")
        elif case == "hang":
            state.stopping.wait(state.hang_seconds)     # never answers within the crawler's timeout
        elif case == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "20000")
            self.end_headers()
            self.wfile.write(good_page("truncated")[:300])
            self.wfile.flush()
        elif case == "gzip-bomb":
            self._send(200, state.gzip_bomb(), "text/html", {"Content-Encoding": "gzip"})
        elif case == "huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()            # no length: the body runs until the connection closes
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            sent = 0
            while sent < HUGE_BYTES and not state.stopping.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
        elif case == "redirect-loop":
            target = "b" if tail.endswith("a") else "a"
            self.send_response(302)
            self.send_header("Location", f"/technode.com/hostile/redirect-loop/{target}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif case == "challenge":
            self._send(412, CHALLENGE_PAGE.read_bytes(), "text/html; charset=utf-8")
        elif case == "gbk-header-utf8":
            self._send(200, GBK_PAGE, "text/html; charset=utf-8")
        elif case == "entity-bomb":
            self._send(200, ENTITY_BOMB, "application/xml")
        elif case == "broken-feed":
            self._send(200, BROKEN_FEED_HEAD, "application/rss+xml")
        else:
            self._send(404, b"no such case", "text/plain")


GBK_PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>我国人工智能企业数量超过5300家-新华网</title></head><body>
<div class="h-title">我国人工智能企业数量超过5300家</div>
<div class="h-info"><span class="h-time">2025-12-26 16:00:00</span></div>
<div id="p-detail"><p>　　新华社北京12月26日电 记者从工业和信息化部获悉，目前我国人工智能企业数量超过5300家，人工智能核心产业规模已超过1万亿元。</p>
<p>　　中国信息通信研究院预计，2025年我国人工智能核心产业规模有望达到1.2万亿元。</p></div>
</body></html>
""".encode("gbk")

# Each hostile case's feed: the bad URL, then a good article that must still be stored.
HOSTILE: dict[str, tuple[str, ...]] = {
    "retry-after": ("hostile/retry-after/page", "hostile/retry-after/good"),
    "unavailable": ("hostile/unavailable/page", "hostile/unavailable/good"),
    "hang": ("hostile/hang/page", "hostile/hang/good"),
    "truncated": ("hostile/truncated/page", "hostile/truncated/good"),
    "gzip-bomb": ("hostile/gzip-bomb/page", "hostile/gzip-bomb/good"),
    "huge": ("hostile/huge/page", "hostile/huge/good"),
    "redirect-loop": ("hostile/redirect-loop/a", "hostile/redirect-loop/good"),
    "robots-forbidden": ("private/2025/12/26/secret-figures/", "hostile/robots-forbidden/good"),
    "challenge": ("hostile/challenge/page", "hostile/challenge/good"),
    "gbk-header-utf8": ("hostile/gbk-header-utf8/page", "hostile/gbk-header-utf8/good"),
    "entity-bomb": ("hostile/entity-bomb/good",),
    "robots-unreachable": ("hostile/robots-unreachable/good",),
    "stale-feed": ("hostile/stale-feed/good",),
}
