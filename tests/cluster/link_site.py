"""A loopback trade-press site for the cluster tests and benchmark, counting hits per path.

``http://127.0.0.1:PORT/technode.com/sitemap_index.xml`` (or another ``host``) lists ``sitemaps`` sitemaps, each
listing ``per_sitemap`` articles at TechNode's URL pattern
(``https://technode.com/2025/MM/DD/<slug>/``), served under ``/technode.com/...`` like the
project's mirrors (the crawler maps one to the other). Each article is a TechNode-style page
whose paragraphs carry real published figures, combined differently per article so that
no two texts are near duplicates. ``/robots.txt`` allows everything. Pages carry an ETag and
answer 304 to a request that sends it back, unless ``validators`` is off.

Every request is logged with its path and time; ``slow`` seconds of wait before each
article answer stretch a crawl so that a test can act in the middle of it.
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit

from loopback import LoopbackServer

HOST = "technode.com"     # the default; a second site takes another trade-press host

# Figures as published (MIIT, CNNIC, CAICT, CAC), in our own sentences.
PARAGRAPHS = (
    "China's core artificial intelligence industry exceeded 1 trillion yuan in the first 11 months of 2025, "
    "the Ministry of Industry and Information Technology said.",
    "The number of artificial intelligence companies in China has passed 5,300, according to the ministry.",
    "Users of generative AI products in China reached 515 million by June 2025, the China Internet Network "
    "Information Center said in its latest report.",
    "China's total computing power reached 280 EFLOPS by the end of 2024, ranking second in the world.",
    "The country's digital economy reached 53.9 trillion yuan in 2023, about 42.8 percent of GDP, according to "
    "the China Academy of Information and Communications Technology.",
    "A total of 302 generative AI services had completed their filing with the Cyberspace Administration of "
    "China by the end of 2024.",
    "China had built 4.25 million 5G base stations by the end of 2024, the ministry said.",
    "The scale of China's core AI industry reached nearly 600 billion yuan in 2023, officials said.",
)
TOPICS = ("chips", "models", "robotics", "cloud", "data centres", "smart factories", "autonomous driving",
          "healthcare", "education", "finance", "logistics", "energy")
# Words for each brief's own paragraph, so that no two briefs read as copies of one story
# (the store links near-duplicate texts as republications).
CITIES = ("Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Hefei", "Chengdu", "Wuhan", "Xi'an", "Suzhou", "Nanjing",
          "Guangzhou", "Tianjin", "Chongqing", "Changsha", "Zhengzhou", "Jinan", "Qingdao", "Xiamen", "Fuzhou",
          "Shenyang", "Dalian", "Harbin", "Kunming", "Guiyang", "Nanning", "Hohhot", "Urumqi", "Lanzhou", "Ningbo")
WORKS = ("a chip design house", "a robot maker", "a cloud provider", "a battery plant", "a hospital group",
         "a port operator", "a steel mill", "a bank's data team", "a university lab", "a car maker", "a drone maker",
         "an e-commerce platform", "a power grid company", "a logistics park", "a textile factory", "a seed company",
         "a mining group", "a video platform", "an airline", "a pharmaceutical firm", "a railway bureau")
SYLLABLES = ("an", "bo", "chen", "da", "fei", "gu", "hao", "jin", "kai", "lan", "ming", "nuo", "ping", "qi", "rui",
             "sheng", "tai", "wei", "xin", "yao", "zhi", "hua", "long", "mei", "run", "tong", "yun", "zhan", "kun", "lei")
DEEDS = ("trained its own model", "opened a computing centre", "automated its inspections", "cut its energy use",
         "hired its first data engineers", "moved its records to the cloud", "tested self-driving trucks",
         "built a digital twin of its plant", "began answering customers with a chatbot", "priced its risks with AI")


@dataclass(frozen=True)
class Hit:
    time: float       # time.monotonic() when the request arrived
    path: str


def article_path(number: int) -> str:
    return f"/2025/{number % 12 + 1:02d}/{number % 28 + 1:02d}/ai-industry-brief-{number}/"


def company_name(pick: random.Random) -> str:
    """A made-up company name (no digits: the claim reader would take them for figures)."""
    return "".join(pick.choice(SYLLABLES) for _ in range(3)).capitalize() + " " + pick.choice(
        ("Technology", "Intelligence", "Robotics", "Data", "Systems", "Digital"))


def article_html(number: int) -> bytes:
    topic = TOPICS[number % len(TOPICS)]
    chosen = [PARAGRAPHS[(number + step * 3) % len(PARAGRAPHS)] for step in range(2)]
    body = "".join(f"<p>{text}</p>\n" for text in dict.fromkeys(chosen))
    pick = random.Random(number)
    visits = " ".join(f"In {pick.choice(CITIES)}, {company_name(pick)}, {pick.choice(WORKS)}, {pick.choice(DEEDS)}."
                      for _ in range(8))
    title = f"AI industry brief {number}: what the latest figures say about {topic}"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} · TechNode</title>
<meta property="og:site_name" content="TechNode">
<meta property="article:published_time" content="2025-{number % 12 + 1:02d}-{number % 28 + 1:02d}T09:30:00+08:00">
</head><body><header><nav><a href="https://technode.com/">TechNode</a></nav></header>
<main><article><h1>{title}</h1><div class="entry-content">
<p>Brief number {number} looks at {topic}, where investment kept rising this year as companies put large
models to work.</p>
<p>{visits}</p>
{body}<p>Analysts asked for brief {number} expect spending on {topic} to keep growing next year.</p>
</div></article></main></body></html>
""".encode()


class LinkSite(LoopbackServer):
    def __init__(self, *, sitemaps: int = 4, per_sitemap: int = 10, slow: float = 0.0, host: str = HOST,
                 validators: bool = True) -> None:
        self.host = host
        self.validators = validators      # ETags and 304 answers, as most sites; off: always the full page
        self.sitemaps = sitemaps
        self.per_sitemap = per_sitemap
        self.slow = slow
        self.hits: list[Hit] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()

    # What it serves ---------------------------------------------------------------------

    @property
    def articles(self) -> int:
        return self.sitemaps * self.per_sitemap

    def article_urls(self) -> list[str]:
        """The site URLs of every article, as the store records them."""
        return [f"https://{self.host}{article_path(number)}" for number in range(self.articles)]

    def pages(self) -> list[str]:
        """Every path a crawl should fetch once (robots.txt aside)."""
        return ([f"/{self.host}/sitemap_index.xml"] + [f"/{self.host}/sitemap-{index}.xml" for index in range(self.sitemaps)]
                + [f"/{self.host}{article_path(number)}" for number in range(self.articles)])

    @property
    def start_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{self.host}/sitemap_index.xml"

    def answer(self, path: str) -> tuple[int, str, bytes]:
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        prefix = f"/{self.host}"
        if not path.startswith(prefix + "/"):
            return 404, "text/plain", b"not found"
        rest = path[len(prefix):]
        if rest == "/sitemap_index.xml":
            entries = "".join(f"<sitemap><loc>https://{self.host}/sitemap-{index}.xml</loc></sitemap>"
                              for index in range(self.sitemaps))
            return 200, "application/xml", (
                f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9">{entries}</sitemapindex>').encode()
        if rest.startswith("/sitemap-") and rest.endswith(".xml"):
            index = int(rest[len("/sitemap-"):-len(".xml")])
            numbers = range(index * self.per_sitemap, (index + 1) * self.per_sitemap)
            entries = "".join(f"<url><loc>https://{self.host}{article_path(number)}</loc></url>" for number in numbers)
            return 200, "application/xml", (
                f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9">{entries}</urlset>').encode()
        for number in range(self.articles):
            if rest == article_path(number):
                if self.slow:
                    self.stopping.wait(self.slow)
                return 200, "text/html; charset=utf-8", article_html(number)
        return 404, "text/plain", b"not found"

    # Counting ---------------------------------------------------------------------------

    def record(self, path: str) -> None:
        with self._lock:
            self.hits.append(Hit(time.monotonic(), path))

    def counts(self) -> Counter[str]:
        with self._lock:
            return Counter(hit.path for hit in self.hits)

    def hit_times(self) -> list[float]:
        with self._lock:
            return sorted(hit.time for hit in self.hits)

    def article_hits(self) -> int:
        with self._lock:
            return sum(1 for hit in self.hits if "/ai-industry-brief-" in hit.path)

    # Life -------------------------------------------------------------------------------

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        return type("Handler", (_Handler,), {"site": self})


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    site: LinkSite

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.site.record(path)
        status, content_type, body = self.site.answer(path)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        try:
            if status == 200 and self.site.validators and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if status == 200 and self.site.validators:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
