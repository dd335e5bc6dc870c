"""Scrapy settings of the claimtrack crawler: every politeness and safety setting in one place.

``scrapy crawl`` (through ``scrapy.cfg``) and ``python -m crawler`` both load this module.
The configuration's ``[crawler]`` section (contact, request timeout, Retry-After cap, delay,
concurrency) overrides the matching settings here when a spider starts: see
``configured_settings`` at the end, and ``config/defaults.py`` for the defaults.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

from config import defaults

BOT_NAME = "claimtrack"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
ADDONS: dict[str, int] = {}

# Identity --------------------------------------------------------------------------------
try:
    _VERSION = version("claimtrack")
except PackageNotFoundError:  # run from a checkout that was never installed
    _VERSION = "dev"
# A descriptive User-Agent; [crawler] contact adds the URL where site owners reach the operator.
USER_AGENT = f"claimtrack/{_VERSION} (news claims research crawler)"

# Politeness ------------------------------------------------------------------------------
ROBOTSTXT_OBEY = True                      # through StrictRobotsTxtMiddleware (below)
CONCURRENT_REQUESTS = 8                    # all sites together
CONCURRENT_REQUESTS_PER_DOMAIN = defaults.CRAWL_CONCURRENCY_PER_DOMAIN
DOWNLOAD_DELAY = defaults.CRAWL_DOWNLOAD_DELAY
DOWNLOAD_DELAY_JITTER = 0.5                # each delay varies by up to ±50%, as a person would
# AutoThrottle adapts the delay to the site's latency; it never goes below DOWNLOAD_DELAY and
# never sends more than about one request at a time per site on average.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# No cookies: a challenge page's cookie is how a firewall lets a browser in; a crawler that
# keeps it would be working around the block (the spider reports blocks instead).
COOKIES_ENABLED = False

# Time limits -----------------------------------------------------------------------------
# 30 s a request and one retry: a page that never answers costs about a minute of the crawl
# (Scrapy's 180 s and two retries would cost nine).
DOWNLOAD_TIMEOUT = defaults.CRAWL_REQUEST_TIMEOUT
DNS_TIMEOUT = 20
RETRY_ENABLED = True
RETRY_TIMES = 1
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# The longest Retry-After (429, 503) waited for before the retry; longer ends the request.
CLAIMTRACK_RETRY_AFTER_MAX = defaults.CRAWL_RETRY_AFTER_MAX
REDIRECT_MAX_TIMES = 5                     # a redirect loop ends after five hops
METAREFRESH_MAXDELAY = 10

# Size limits -----------------------------------------------------------------------------
# About 20 MB a response, decompressed size included (a gzip bomb stops at the cap); the
# largest CAICT white papers are around 15 MB.
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
DOWNLOAD_FAIL_ON_DATALOSS = True           # a truncated body is an error, never half an article

# Components ------------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.StrictRobotsTxtMiddleware": 100,
    # process_response runs from high to low: this sees 429/503 before RetryMiddleware (550).
    "crawler.middlewares.RetryAfterMiddleware": 560,
}
ITEM_PIPELINES = {
    "crawler.pipelines.ExtractArticlePipeline": 100,
    "crawler.pipelines.KeywordFilterPipeline": 200,
    "crawler.pipelines.ReadClaimsPipeline": 300,
    "crawler.pipelines.RecordPipeline": 400,
}
EXTENSIONS = {
    "crawler.extensions.CrawlRunRecorder": 100,
    "scrapy.extensions.telnet.TelnetConsole": None,
}
# Nothing listens on a port: no telnet console, no remote-control server.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
# Pages dropped on purpose (known, excluded by keywords, refused) are no warnings.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"

# Reactor and output ----------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
# Seconds between progress writes to the run's crawl_runs row.
CLAIMTRACK_PROGRESS_INTERVAL = 5.0


def configured_settings(crawler_config: Any) -> dict[str, Any]:
    """The settings that the configuration's ``[crawler]`` section sets (``config.CrawlerConfig``)."""
    user_agent = USER_AGENT
    if crawler_config.contact:
        user_agent = f"claimtrack/{_VERSION} (news claims research crawler; +{crawler_config.contact})"
    return {
        "USER_AGENT": user_agent,
        "DOWNLOAD_TIMEOUT": crawler_config.request_timeout,
        "CLAIMTRACK_RETRY_AFTER_MAX": crawler_config.retry_after_max,
        "DOWNLOAD_DELAY": crawler_config.download_delay,
        "AUTOTHROTTLE_START_DELAY": max(crawler_config.download_delay, min(AUTOTHROTTLE_START_DELAY, crawler_config.download_delay * 2)),
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawler_config.concurrency_per_domain,
    }
