"""claimtrack.toml: keys, lookup order, relative paths, and one-line errors."""

from __future__ import annotations

import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from config import ConfigError, find_config, load_config, parse_duration, parse_schedule
from config.defaults import EXAMPLE_CONFIG

SOURCE = """
[[sources]]
name = "xinhua-en"
spider = "xinhua"
lang = "en"
start_urls = ["http://127.0.0.1:8765/china/"]
schedule = "every 10s"
"""


def write(folder: Path, text: str, name: str = "claimtrack.toml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_shipped_example_has_the_real_sources():
    config = load_config(EXAMPLE_CONFIG)
    by_name = {source.name: source for source in config.sources}
    assert {"xinhua-zh", "xinhua-en", "caict"} <= set(by_name)
    assert {source.spider for source in config.sources} == {"xinhua", "caict", "feeds"}
    assert "https://www.news.cn/tech/" in by_name["xinhua-zh"].start_urls
    assert by_name["caict"].start_urls[0].startswith("https://www.caict.ac.cn/kxyj/qwfb/")
    assert by_name["xinhua-en"].schedule.every == timedelta(minutes=30)
    assert by_name["xinhua-zh"].schedule.cron == "*/30 * * * *"
    assert by_name["caict"].recrawl == timedelta(days=30)
    assert (config.digest.time, config.digest.timezone) == ("07:30", "Asia/Shanghai")
    assert config.store_path == Path("~/.local/share/claimtrack/claimtrack.db").expanduser()


def test_relative_paths_resolve_against_the_config_folder(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    path = write(folder, '[store]\npath = "data/claims.db"\n[digest]\ndir = "out"\n' + SOURCE)
    config = load_config(path)
    assert config.store_path == folder.resolve() / "data" / "claims.db"
    assert config.digest.dir == folder.resolve() / "out"
    assert config.sources[0].start_urls == ("http://127.0.0.1:8765/china/",)
    assert config.sources[0].schedule.every == timedelta(seconds=10)


def test_lookup_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMTRACK_CONFIG", raising=False)
    assert find_config() == EXAMPLE_CONFIG
    local = write(tmp_path, SOURCE)
    assert find_config() == local
    env = write(tmp_path, SOURCE, "env.toml")
    monkeypatch.setenv("CLAIMTRACK_CONFIG", str(env))
    assert find_config() == env
    explicit = write(tmp_path, SOURCE, "explicit.toml")
    assert find_config(explicit) == explicit
    monkeypatch.setenv("CLAIMTRACK_CONFIG", str(tmp_path / "gone.toml"))
    with pytest.raises(ConfigError, match="gone.toml: configuration file not found"):
        find_config()


@pytest.mark.parametrize(("text", "message"), [
    ("[store]\npth = 'x.db'\n", r"store\.pth: unknown key \(known: path\)"),
    ("colour = 'blue'\n", r"colour: unknown key"),
    ("[store]\npath = 3\n", r"store\.path: must be a string, not an integer"),
    ("[digest]\ntime = '7:30'\n", r"digest\.time: '7:30' is not a time of day as HH:MM"),
    ("[digest]\ntimezone = 'Asia/Beijing'\n", r"digest\.timezone: 'Asia/Beijing' is not a known time zone"),
    ("store = 'x.db'\n", r"store: must be a table"),
    (SOURCE.replace('spider = "xinhua"', 'spider = "youtube"'), r"sources\[1\]\.spider: 'youtube' is not one of xinhua, caict, feeds"),
    (SOURCE.replace('lang = "en"', 'lang = "fr"'), r"sources\[1\]\.lang: 'fr' is not one of en, zh"),
    (SOURCE.replace('schedule = "every 10s"', 'schedule = "*/5 * *"'), r"sources\[1\]\.schedule: '\*/5 \* \*' is not a 5-field cron"),
    (SOURCE.replace('schedule = "every 10s"', 'schedule = "61 * * * *"'), r"sources\[1\]\.schedule"),
    (SOURCE.replace('schedule = "every 10s"', 'schedule = "every now and then"'), r"sources\[1\]\.schedule"),
    (SOURCE.replace('start_urls = ["http://127.0.0.1:8765/china/"]', 'start_urls = "http://x/"'), r"sources\[1\]\.start_urls: must be a list of non-empty strings, not a string"),
    (SOURCE.replace('start_urls = ["http://127.0.0.1:8765/china/"]', 'start_urls = []'), r"sources\[1\]\.start_urls: must list at least one URL"),
    (SOURCE.replace('start_urls = ["http://127.0.0.1:8765/china/"]', 'start_urls = ["ftp://x/"]'), r"'ftp://x/' is not an http\(s\) or file URL"),
    (SOURCE + 'encoding = "klingon"\n', r"sources\[1\]\.encoding: 'klingon' is not a known text encoding"),
    (SOURCE + 'keywords = ["AI", 5]\n', r"sources\[1\]\.keywords: must be a list"),
    (SOURCE + 'recrawl = "soon"\n', r"sources\[1\]\.recrawl: 'soon' is not a duration"),
    (SOURCE + 'shedule = "every 1h"\n', r"sources\[1\]\.shedule: unknown key"),
    (SOURCE.replace('name = "xinhua-en"\n', ''), r"sources\[1\]\.name: is required"),
    (SOURCE + SOURCE, r"sources\[2\]\.name: 'xinhua-en' is used by an earlier source"),
    ("[store\npath = 'x'\n", r"invalid TOML: .*line 1"),
])
def test_bad_configs_name_the_file_and_key(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value)


def test_durations_and_schedules():
    assert parse_duration("30m") == timedelta(minutes=30)
    assert parse_duration("1h30m") == timedelta(hours=1, minutes=30)
    assert parse_duration("7d") == timedelta(days=7)
    assert parse_duration("0s") is None and parse_duration("m30") is None and parse_duration("") is None
    assert parse_schedule("every 10s").every == timedelta(seconds=10)
    assert parse_schedule("0 7 * * mon-fri").cron == "0 7 * * mon-fri"
    assert parse_schedule("0 7 * *") is None
