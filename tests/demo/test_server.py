"""The mirror server: real HTTP on 127.0.0.1, answered the way the real sites answer."""

from __future__ import annotations

import http.client
import json
import socket

import pytest

from demo import MIRROR_DIR
from demo.manifest import load_manifest
from demo.server import ALLOW_ALL_ROBOTS, MirrorServer

MANIFEST = load_manifest()


@pytest.fixture(scope="module")
def server():
    with MirrorServer() as running:
        yield running


def fetch(server: MirrorServer, path: str, method: str = "GET", headers: dict | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def document(ref: str) -> dict:
    return next(item for item in MANIFEST["documents"] if item["ref"] == ref)


def test_section_page_links_point_into_the_mirror(server):
    response = fetch(server, "/english.news.cn/business/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    page = response.body.decode("utf-8")
    assert "https://english.news.cn" not in page
    assert f'href="{server.base_url}english.news.cn/20251226/' in page
    assert 'href="../20240620/' in page and 'href="20240912/' in page  # relative links stay relative


def test_every_page_of_the_manifest_is_served_with_its_bytes(server):
    for item in MANIFEST["documents"]:
        response = fetch(server, "/" + item["file"])
        assert response.status == 200, item["file"]
        if item["encoding"] == "pdf":
            assert response.getheader("Content-Type") == "application/pdf"
            assert response.body == (MIRROR_DIR / item["file"]).read_bytes()
        assert int(response.getheader("Content-Length")) == len(response.body)


def test_gbk_page_is_served_as_gbk(server):
    response = fetch(server, "/" + document("ZH1")["file"])
    assert response.getheader("Content-Type") == "text/html; charset=gbk"
    assert document("ZH1")["title"] in response.body.decode("gbk")


def test_channel_json_feed_and_sitemaps_have_their_types_and_mirror_links(server):
    listing = next(item for item in MANIFEST["listings"] if item["kind"] == "news.cn channel list (JSON)")
    response = fetch(server, "/" + listing["file"])
    assert response.getheader("Content-Type") == "application/json"
    urls = [row["publishUrl"] for row in json.loads(response.body)["datasource"]]
    assert any(url.startswith(server.base_url + "www.news.cn/tech/") for url in urls)
    assert any(not url.startswith("http") for url in urls)  # channel-relative rows stay relative
    feed = fetch(server, "/technode.com/feed/")
    assert feed.getheader("Content-Type") == "application/rss+xml; charset=utf-8"
    assert f"<link>{server.base_url}technode.com/2025/12/27/" in feed.body.decode()
    index = fetch(server, "/pandaily.com/sitemap_index.xml")
    assert index.getheader("Content-Type") == "application/xml; charset=utf-8"
    assert f"<loc>{server.base_url}pandaily.com/news-sitemap.xml</loc>" in index.body.decode()


def test_robots_txt_allows_everything_at_the_root_and_per_host(server):
    assert fetch(server, "/robots.txt").body == ALLOW_ALL_ROBOTS
    assert fetch(server, "/english.news.cn/robots.txt").body == ALLOW_ALL_ROBOTS
    own = fetch(server, "/pandaily.com/robots.txt").body.decode()
    assert "Disallow: /wp-admin/" in own and f"Sitemap: {server.base_url}pandaily.com/sitemap_index.xml" in own


@pytest.mark.parametrize("path", ["/english.news.cn/20991231/0/c.html", "/example.com/", "/MANIFEST.md",
                                  "/english.news.cn/../manifest.json", "/", "/english.news.cn/%2e%2e/manifest.json"])
def test_unknown_paths_are_404(server, path):
    assert fetch(server, path).status == 404


def test_a_folder_without_its_slash_is_redirected(server):
    response = fetch(server, "/www.caict.ac.cn/kxyj/qwfb/bps")
    assert (response.status, response.getheader("Location")) == (301, "/www.caict.ac.cn/kxyj/qwfb/bps/")


def test_head_and_conditional_requests(server):
    full = fetch(server, "/www.news.cn/tech/")
    head = fetch(server, "/www.news.cn/tech/", method="HEAD")
    assert head.status == 200 and head.body == b"" and head.getheader("Content-Length") == str(len(full.body))
    again = fetch(server, "/www.news.cn/tech/", headers={"If-None-Match": full.getheader("ETag")})
    assert again.status == 304 and again.body == b""


def test_requests_are_recorded(server):
    fetch(server, "/www.caict.ac.cn/kxyj/qwfb/bps/index_1.htm")
    assert ("GET", "/www.caict.ac.cn/kxyj/qwfb/bps/index_1.htm") in server.requests


def test_real_and_mirror_urls_map_both_ways(server):
    real = document("EN5")["url"]
    mirror = server.url(real)
    assert mirror == f"{server.base_url}english.news.cn/" + real.split("english.news.cn/", 1)[1]
    assert server.real_url(mirror) == real
    assert server.real_url("https://elsewhere.example/") == "https://elsewhere.example/"


def test_any_folder_laid_out_by_host_can_be_served_and_stop_closes_the_port(tmp_path):
    (tmp_path / "news.example.org" / "a").mkdir(parents=True)
    (tmp_path / "news.example.org" / "a" / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    (tmp_path / "not-a-host").mkdir()
    server = MirrorServer(tmp_path, rewrite_links=False).start()
    port = server.port
    try:
        assert server.hosts == ("news.example.org",)
        assert fetch(server, "/news.example.org/a/").body == b"<p>hello</p>"
    finally:
        server.stop()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError):
        MirrorServer(tmp_path / "missing")
