"""Read and check ``claimtrack.toml``.

Every problem is reported as a ConfigError naming the file, the key and what is wrong, e.g.
``claimtrack.toml: sources[2].schedule: '*/5 * *' is not a 5-field cron expression or
'every <n>s|m|h|d'``. Sources are numbered from 1 in the order they appear.
"""

from __future__ import annotations

import codecs
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from config import defaults


class ConfigError(Exception):
    """A configuration that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Schedule:
    text: str                        # as written: "*/30 * * * *" or "every 30m"
    every: timedelta | None = None   # set for "every <duration>"
    cron: str | None = None          # set for a 5-field cron expression


@dataclass(frozen=True)
class SourceConfig:
    name: str
    spider: str
    lang: str
    start_urls: tuple[str, ...]
    schedule: Schedule
    encoding: str | None = None
    keywords: tuple[str, ...] = ()
    recrawl: timedelta | None = None
    recrawl_text: str | None = None


@dataclass(frozen=True)
class DigestConfig:
    dir: Path
    time: str
    timezone: str


@dataclass(frozen=True)
class CrawlerConfig:
    """[crawler]: how every source is crawled. Times are in seconds."""
    contact: str | None = defaults.CRAWL_CONTACT
    request_timeout: float = defaults.CRAWL_REQUEST_TIMEOUT
    retry_after_max: float = defaults.CRAWL_RETRY_AFTER_MAX
    download_delay: float = defaults.CRAWL_DOWNLOAD_DELAY
    concurrency_per_domain: int = defaults.CRAWL_CONCURRENCY_PER_DOMAIN
    parallel_crawls: int = defaults.CRAWL_PARALLEL
    crawl_timeout: float = defaults.CRAWL_TIMEOUT


@dataclass(frozen=True)
class ClusterConfig:
    """[cluster]: crawl nodes sharing a frontier in Redis (see cluster/). Times are in seconds."""
    redis_url: str
    password: str | None = None
    key_prefix: str = defaults.CLUSTER_KEY_PREFIX
    lease_timeout: float = defaults.CLUSTER_LEASE_TIMEOUT


@dataclass(frozen=True)
class Config:
    path: Path                       # the file read
    store_path: Path
    digest: DigestConfig
    sources: tuple[SourceConfig, ...]
    crawler: CrawlerConfig = field(default_factory=CrawlerConfig)
    cluster: ClusterConfig | None = None   # None: crawls are local subprocesses, nothing needs Redis

    def source(self, name: str) -> SourceConfig | None:
        return next((source for source in self.sources if source.name == name), None)


_KEYS = {
    "": {"store", "digest", "sources", "crawler", "cluster"},
    "cluster": {"redis_url", "password", "key_prefix", "lease_timeout"},
    "crawler": {"contact", "request_timeout", "retry_after_max", "download_delay", "concurrency_per_domain",
                "parallel_crawls", "crawl_timeout"},
    "store": {"path"},
    "digest": {"dir", "time", "timezone"},
    "sources": {"name", "spider", "lang", "start_urls", "schedule", "encoding", "keywords", "recrawl"},
}
_REQUIRED_SOURCE_KEYS = ("name", "spider", "lang", "start_urls", "schedule")
_DURATION = re.compile(r"(?:(\d+)\s*(w|d|h|m|s)\s*)+?")
_DURATION_PART = re.compile(r"(\d+)\s*(w|d|h|m|s)")
_DURATION_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
_SOURCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
SOURCE_NAME_RULE = "may hold only letters, digits, '_', '.' and '-' (and starts with a letter or digit)"
_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")
_KEY_PREFIX = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
_REDIS_SCHEMES = ("redis", "rediss", "unix")


def find_config(explicit: str | Path | None = None) -> Path:
    """The configuration file to use: ``explicit`` (--config), then $CLAIMTRACK_CONFIG,
    then ./claimtrack.toml, then the example shipped with claimtrack."""
    for candidate in (explicit, os.environ.get(defaults.CONFIG_ENV_VAR) or None):
        if candidate is not None:
            path = Path(candidate).expanduser()
            if not path.is_file():
                raise ConfigError(f"{path}: configuration file not found")
            return path
    local = Path.cwd() / defaults.CONFIG_FILE_NAME
    return local if local.is_file() else defaults.EXAMPLE_CONFIG


def load_config(explicit: str | Path | None = None) -> Config:
    path = find_config(explicit)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from error
    return parse_config(data, path)


def parse_config(data: dict[str, Any], path: Path) -> Config:
    checker = _Checker(path)
    checker.keys(data, "", "")
    store = checker.table(data, "store")
    digest = checker.table(data, "digest")
    folder = path.resolve().parent
    sources_raw = data.get("sources", [])
    if not isinstance(sources_raw, list):
        checker.fail("sources", "must be an array of tables ([[sources]])")
    sources = tuple(checker.source(raw, f"sources[{number}]") for number, raw in enumerate(sources_raw, 1))
    seen: set[str] = set()
    for number, source in enumerate(sources, 1):
        if source.name in seen:
            checker.fail(f"sources[{number}].name", f"{source.name!r} is used by an earlier source")
        seen.add(source.name)
    return Config(
        path=path,
        store_path=_resolve(folder, checker.string(store, "store.path", "path", defaults.STORE_PATH)),
        digest=DigestConfig(
            dir=_resolve(folder, checker.string(digest, "digest.dir", "dir", defaults.DIGEST_DIR)),
            time=checker.time(checker.string(digest, "digest.time", "time", defaults.DIGEST_TIME), "digest.time"),
            timezone=checker.timezone(
                checker.string(digest, "digest.timezone", "timezone", defaults.DIGEST_TIMEZONE), "digest.timezone"
            ),
        ),
        sources=sources,
        crawler=checker.crawler(checker.table(data, "crawler")),
        cluster=checker.cluster(data),
    )


def parse_duration(text: str) -> timedelta | None:
    """ "30m", "10s", "7d", "1h30m" -> timedelta; None if ``text`` is not a duration."""
    compact = text.strip()
    if not compact or _DURATION.fullmatch(compact) is None:
        return None
    total = timedelta()
    try:
        for amount, unit in _DURATION_PART.findall(compact):
            total += timedelta(**{_DURATION_UNITS[unit]: int(amount)})
    except OverflowError:       # past timedelta's 999,999,999 days
        return None
    return total if total > timedelta() else None


def schedule_fires(schedule: Schedule) -> bool:
    """Whether ``schedule`` ever fires: a cron expression naming only impossible dates
    ("0 0 31 2 *") does not, nor an interval so long that its first run is past the year 9999."""
    now = datetime.now(UTC)
    if schedule.every is not None:
        try:
            now + schedule.every
        except OverflowError:
            return False
        return True
    from apscheduler.triggers.cron import CronTrigger

    return CronTrigger.from_crontab(schedule.cron, timezone="UTC").get_next_fire_time(None, now) is not None


def is_source_name(name: str) -> bool:
    """The rule for a source's name, in the configuration and on the command line."""
    return bool(_SOURCE_NAME.fullmatch(name))


def parse_schedule(text: str) -> Schedule | None:
    """A 5-field cron expression or ``every <duration>``; None if it is neither."""
    stripped = text.strip()
    if stripped.lower().startswith("every "):
        every = parse_duration(stripped[6:])
        return Schedule(text=stripped, every=every) if every else None
    if len(stripped.split()) != 5:
        return None
    from apscheduler.triggers.cron import CronTrigger  # only when a cron schedule is used

    try:
        CronTrigger.from_crontab(stripped, timezone="UTC")
    except ValueError:
        return None
    return Schedule(text=stripped, cron=stripped)


def _resolve(folder: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else folder / path


class _Checker:
    """Type and value checks that fail with the file and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> None:
        raise ConfigError(f"{self.path}: {key}: {problem}")

    def keys(self, table: dict[str, Any], section: str, prefix: str) -> None:
        for key in table:
            if key not in _KEYS[section]:
                self.fail(prefix + key, f"unknown key (known: {', '.join(sorted(_KEYS[section]))})")

    def table(self, data: dict[str, Any], name: str) -> dict[str, Any]:
        table = data.get(name, {})
        if not isinstance(table, dict):
            self.fail(name, f"must be a table ([{name}]), not {_type_name(table)}")
        self.keys(table, name, name + ".")
        return table

    def string(self, table: dict[str, Any], key: str, name: str, default: str | None = None) -> str:
        value = table.get(name, default)
        if not isinstance(value, str):
            self.fail(key, f"must be a string, not {_type_name(value)}")
        if not value.strip():
            self.fail(key, "must not be empty")
        return value

    def strings(self, table: dict[str, Any], key: str, name: str, *, required: bool) -> tuple[str, ...]:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            self.fail(key, f"must be a list of non-empty strings, not {_type_name(value)}")
        if required and not value:
            self.fail(key, "must list at least one URL")
        return tuple(value)

    def time(self, value: str, key: str) -> str:
        if not _TIME.fullmatch(value):
            self.fail(key, f"{value!r} is not a time of day as HH:MM")
        return value

    def timezone(self, value: str, key: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only a file that names a zone pays for it

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            self.fail(key, f"{value!r} is not a known time zone (like 'Asia/Shanghai')")
        return value

    def seconds(self, table: dict[str, Any], name: str, default: float, *, zero_ok: bool = False,
                section: str = "crawler") -> float:
        """A time as a duration ("30s", "2m") or a number of seconds."""
        key = f"{section}.{name}"
        value = table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fail(key, f"must be a duration like '30s' or a number of seconds, not {_type_name(value)}")
        if isinstance(value, str):
            zero = zero_ok and re.fullmatch(r"0+\s*[wdhms]?", value.strip())
            duration = parse_duration(value)
            if duration is None and not zero:
                self.fail(key, f"{value!r} is not a duration like '30s' or '2m'")
            value = duration.total_seconds() if duration else 0.0
        if value < 0 or (value == 0 and not zero_ok):
            self.fail(key, f"must be {'zero or more' if zero_ok else 'more than zero'}")
        return float(value)

    def count(self, table: dict[str, Any], name: str, default: int, maximum: int | None = None) -> int:
        key = f"crawler.{name}"
        value = table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"must be a whole number, not {_type_name(value)}")
        if value < 1 or (maximum is not None and value > maximum):
            self.fail(key, f"must be from 1 to {maximum}" if maximum else "must be 1 or more")
        return value

    def crawler(self, table: dict[str, Any]) -> CrawlerConfig:
        contact = table.get("contact")
        if contact is not None:
            contact = self.string(table, "crawler.contact", "contact")
            parts = urlsplit(contact)
            if parts.scheme not in ("http", "https", "mailto") or not (parts.netloc or parts.path):
                self.fail("crawler.contact", f"{contact!r} is not an http(s) or mailto URL")
        return CrawlerConfig(
            contact=contact,
            request_timeout=self.seconds(table, "request_timeout", defaults.CRAWL_REQUEST_TIMEOUT),
            retry_after_max=self.seconds(table, "retry_after_max", defaults.CRAWL_RETRY_AFTER_MAX, zero_ok=True),
            download_delay=self.seconds(table, "download_delay", defaults.CRAWL_DOWNLOAD_DELAY, zero_ok=True),
            concurrency_per_domain=self.count(table, "concurrency_per_domain", defaults.CRAWL_CONCURRENCY_PER_DOMAIN,
                                              defaults.CRAWL_CONCURRENCY_LIMIT),
            parallel_crawls=self.count(table, "parallel_crawls", defaults.CRAWL_PARALLEL),
            crawl_timeout=self.seconds(table, "crawl_timeout", defaults.CRAWL_TIMEOUT),
        )

    def cluster(self, data: dict[str, Any]) -> ClusterConfig | None:
        """[cluster], or None when the file has no such table (the usual one-machine setup)."""
        if "cluster" not in data:
            return None
        table = self.table(data, "cluster")
        if "redis_url" not in table:
            self.fail("cluster.redis_url", "is required in a [cluster] table")
        url = self.string(table, "cluster.redis_url", "redis_url")
        if urlsplit(url).scheme not in _REDIS_SCHEMES:
            self.fail("cluster.redis_url", f"{url!r} is not a redis://, rediss:// or unix:// URL")
        password = table.get("password")
        if password is not None:
            password = self.string(table, "cluster.password", "password")
        prefix = self.string(table, "cluster.key_prefix", "key_prefix", defaults.CLUSTER_KEY_PREFIX)
        if not _KEY_PREFIX.fullmatch(prefix):
            self.fail("cluster.key_prefix", f"{prefix!r} may hold only letters, digits, '_', '.', ':' and '-'")
        return ClusterConfig(
            redis_url=url,
            password=password,
            key_prefix=prefix,
            lease_timeout=self.seconds(table, "lease_timeout", defaults.CLUSTER_LEASE_TIMEOUT, section="cluster"),
        )

    def source(self, raw: Any, where: str) -> SourceConfig:
        if not isinstance(raw, dict):
            self.fail(where, f"must be a table, not {_type_name(raw)}")
        self.keys(raw, "sources", where + ".")
        for name in _REQUIRED_SOURCE_KEYS:
            if name not in raw:
                self.fail(f"{where}.{name}", "is required")
        name = self.string(raw, f"{where}.name", "name")
        if not is_source_name(name):
            self.fail(f"{where}.name", f"{name!r} {SOURCE_NAME_RULE}")
        spider = self.string(raw, f"{where}.spider", "spider")
        if spider not in defaults.SPIDERS:
            self.fail(f"{where}.spider", f"{spider!r} is not one of {', '.join(defaults.SPIDERS)}")
        lang = self.string(raw, f"{where}.lang", "lang")
        if lang not in defaults.LANGS:
            self.fail(f"{where}.lang", f"{lang!r} is not one of {', '.join(defaults.LANGS)}")
        start_urls = self.strings(raw, f"{where}.start_urls", "start_urls", required=True)
        for url in start_urls:
            parts = urlsplit(url)
            if parts.scheme not in defaults.URL_SCHEMES or not (parts.netloc or parts.scheme == "file"):
                self.fail(f"{where}.start_urls", f"{url!r} is not an http(s) or file URL")
        schedule_text = self.string(raw, f"{where}.schedule", "schedule")
        schedule = parse_schedule(schedule_text)
        if schedule is None:
            self.fail(
                f"{where}.schedule",
                f"{schedule_text!r} is not a 5-field cron expression or 'every <n>s|m|h|d'",
            )
        if not schedule_fires(schedule):
            self.fail(f"{where}.schedule", f"{schedule_text!r} never fires (no such date, or too far off)")
        encoding = raw.get("encoding")
        if encoding is not None:
            encoding = self.string(raw, f"{where}.encoding", "encoding")
            try:
                codecs.lookup(encoding)
            except LookupError:
                self.fail(f"{where}.encoding", f"{encoding!r} is not a known text encoding")
        recrawl_text = raw.get("recrawl")
        recrawl = None
        if recrawl_text is not None:
            recrawl_text = self.string(raw, f"{where}.recrawl", "recrawl")
            recrawl = parse_duration(recrawl_text)
            if recrawl is None:
                self.fail(f"{where}.recrawl", f"{recrawl_text!r} is not a duration like '12h' or '7d'")
        return SourceConfig(
            name=name,
            spider=spider,
            lang=lang,
            start_urls=start_urls,
            schedule=schedule,
            encoding=encoding,
            keywords=self.strings(raw, f"{where}.keywords", "keywords", required=False),
            recrawl=recrawl,
            recrawl_text=recrawl_text,
        )


def _type_name(value: Any) -> str:
    if value is None:
        return "missing"
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)
