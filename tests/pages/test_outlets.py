"""One outlet table: the site rules and the store call a site by the same name."""

from extractors.outlets import outlet_for_host, outlet_for_url
from extractors.pages.sites import _RULES, rule_for
from store.outlets import outlet_for_url as store_outlet_for_url


def test_site_rules_and_store_name_every_host_of_a_site_alike():
    assert _RULES
    for rule in _RULES:
        assert rule.outlet, rule.name
        for host in rule.hosts:
            for url in (f"https://{host}/a.html", f"https://www.{host}/a.html", f"https://en.{host}/a.html"):
                assert rule_for(url).outlet == store_outlet_for_url(url) == rule.outlet, url


def test_people_s_daily_online_is_one_outlet():
    assert outlet_for_url("http://en.people.cn/n3/2025/a.html") == outlet_for_url(
        "http://paper.people.com.cn/rmrb/a.html") == "People's Daily Online"


def test_unlisted_hosts_fall_back_to_the_bare_host_and_files_to_none():
    assert outlet_for_host("example.org") is None
    assert outlet_for_url("https://www.example.org/a") == "example.org"
    assert outlet_for_url("file:///tmp/a.html") is None
