"""The ``claimtrack`` command: thin commands over ClaimStore and the extractors.

Each command opens the store, calls one method and formats the result; there is no SQL
here. Heavy libraries (sqlite-utils, spaCy, trafilatura, Scrapy) are imported inside the
commands that use them, so ``claimtrack --help`` stays fast. Every error is one line on
stderr and a non-zero exit.
"""

from __future__ import annotations

import base64
import csv
import json
import math
import re
import sys
import textwrap
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from itertools import chain, islice
from pathlib import Path
from typing import Any

import click

from extractors.language import CLAIM_LANGUAGES

FORMATS = ("table", "json", "jsonl", "csv")
# A streamed table sizes its columns on this many rows; cells longer than this are cut.
TABLE_CHUNK = 1000
TABLE_CELL_CHARS = 60
USAGE_EXIT = 2

# Columns the table format shows (JSON, JSON lines and CSV carry every field).
CLAIM_COLUMNS = ("published", "outlet", "metric", "text", "value", "unit", "qualifier", "kind",
                 "period", "modality", "attribution", "geo")
HISTORY_COLUMNS = ("period", "published", "organisation", "text", "value", "unit", "qualifier",
                   "kind", "modality", "flag", "note", "findings")
EXTRACT_COLUMNS = ("path", "text", "value", "unit", "qualifier", "kind", "metric", "period",
                   "modality", "attribution")
SEARCH_COLUMNS = {"articles": ("published", "outlet", "title", "url", "snippet"), "claims": CLAIM_COLUMNS}
SOURCE_COLUMNS = ("name", "spider", "lang", "schedule", "configured", "articles", "last_crawl", "health")
STATUS_COLUMNS = ("name", "health", "last_started", "last_status", "pages", "articles_new",
                  "claims_new", "errors", "articles", "claims", "error")
CRAWL_SUMMARY_COUNTS = ("pages", "articles_new", "articles_changed", "claims_new", "errors", "requests", "skipped",
                        "excluded", "refused")
CRAWL_COLUMNS = ("source", "status", "pages", "articles_new", "claims_new", "errors", "seconds", "error")
FINDING_COLUMNS = ("id", "first_seen", "type", "status", "size", "explanation")
# The types of store/findings.py (TYPES), spelled out so that --help imports no store code.
FINDING_TYPES = ("revision", "discrepancy", "internal", "growth_mismatch", "conversion_mismatch", "forecast_outcome")
FINDINGS_LIMIT = 100
CHART_SUFFIXES = (".svg", ".png")



class ClaimtrackGroup(click.Group):
    """A click group whose errors are one line on stderr: ``Error: <what is wrong>``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # Caught before click's own handler, which prints an empty line first.
            raise Interrupted("interrupted") from None
        except Exception as error:
            # What SQLite raised about the file (damaged, locked, read-only) becomes the store's
            # one-line explanation, naming the database the command opened.
            sqlite = sys.modules.get("sqlite3")
            if sqlite is None or not isinstance(error, sqlite.Error):
                raise
            from config.defaults import BUSY_TIMEOUT_MS
            from store.diagnosis import explain

            raise explain(error, getattr(ctx.obj, "opened", None), busy_timeout_ms=BUSY_TIMEOUT_MS) from error

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any) -> Any:
        extra.pop("standalone_mode", None)
        try:
            result = super().main(args, prog_name, standalone_mode=False, **extra)
        except click.UsageError as error:
            _fail(error.format_message(), USAGE_EXIT)
        except click.ClickException as error:
            _fail(error.format_message(), error.exit_code)
        except click.Abort:
            _fail("aborted", 1)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head); nothing left to say
            sys.exit(1)
        except MemoryError:
            _fail("out of memory; the input is too large for this machine (split it, or free memory)", 1)
        except Exception as error:
            if not _is_user_error(error):
                raise
            _fail(str(error), 1)
        sys.exit(result if isinstance(result, int) else 0)


def _fail(message: str, code: int) -> None:
    click.echo(f"Error: {' '.join(printable(str(message)).split())}", err=True)
    sys.exit(code)


# C0 and C1 control characters and DEL, except line breaks and tabs: what a terminal would act on.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters written as ``\\x1b``, so that a title or a file name
    cannot move the cursor, retitle the window or clear the screen of whoever reads the output."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _is_user_error(error: Exception) -> bool:
    """Store and configuration errors carry a message meant for the user. Checked through
    sys.modules so that a command that never imported the store does not import it here."""
    kinds = []
    for module, name in (("store.errors", "StoreError"), ("config.loader", "ConfigError"),
                         ("cluster.connection", "ClusterUnavailable")):
        if module in sys.modules:
            kinds.append(getattr(sys.modules[module], name))
    return isinstance(error, tuple(kinds))


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.fail(f"{value!r} is not a date as YYYY-MM-DD", param, ctx)


class ArticleUrl(click.ParamType):
    """An http(s) URL with a host, or a file URL: what an article's address can be."""

    name = "URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(value)
            host = parts.hostname
        except ValueError:
            parts, host = None, None
        if parts is None or not ((parts.scheme in ("http", "https") and host) or (parts.scheme == "file" and parts.path)):
            self.fail(f"{value!r} is not an http(s) or file URL", param, ctx)
        return value


class SourceName(click.ParamType):
    """A source name by the configuration's rule (``[[sources]] name``)."""

    name = "NAME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from config.loader import SOURCE_NAME_RULE, is_source_name

        if not is_source_name(value):
            self.fail(f"{value!r} {SOURCE_NAME_RULE}", param, ctx)
        return value


class Settings:
    """Global options, with the configuration read only when a command needs it."""

    def __init__(self, db: Path | None, config_path: Path | None) -> None:
        self.db = db
        self.config_path = config_path
        self._config = None
        self.opened: Path | None = None   # the database a command opened, to name in errors

    @property
    def config(self):
        if self._config is None:
            from config import load_config

            self._config = load_config(self.config_path)
        return self._config

    @property
    def db_path(self) -> Path:
        return self.db if self.db is not None else self.config.store_path

    def open_for_query(self):
        from store import ClaimStore

        self.opened = self.db_path
        return ClaimStore.open_readonly(self.opened)

    def open_for_write(self):
        """Open (creating if needed) the store and register the configured sources."""
        from store import ClaimStore, StoreError

        path = self.opened = self.db_path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder of {path}: {error.strerror}") from None
        store = ClaimStore.open(path)
        try:
            store.register_sources(self.config.sources)
        except BaseException:
            store.close()
            raise
        return store


def format_option(default: str = "table", choices: Sequence[str] = FORMATS) -> Callable:
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format.")


@click.group(cls=ClaimtrackGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite database to use (default: [store] path of the configuration).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file (default: $CLAIMTRACK_CONFIG, ./claimtrack.toml, then the shipped example).")
@click.version_option(package_name="claimtrack")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, config_path: Path | None) -> None:
    """Track official numeric claims about China's AI and digital economy.

    Record articles (crawled, or local files with `ingest`), then query their claims,
    each figure's history across releases, full text, or the database with SQL.
    """
    if config_path is not None:
        from config.loader import find_config

        find_config(config_path)  # a --config file that does not exist is an error for every command
    ctx.obj = Settings(db, config_path)


# Recording ---------------------------------------------------------------------------


@cli.command()
@click.pass_obj
def init(settings: Settings) -> None:
    """Create the database (if needed) and register the configured sources.

    Example: claimtrack --config claimtrack.toml init
    """
    with settings.open_for_write() as store:
        count = len(store.sources(settings.config.sources))
    click.echo(f"database {settings.db_path} is ready; {count} sources registered")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--url", type=ArticleUrl(),
              help="URL the article was published at (one file only; default: the address a saved page names, "
                   "else the file's file:// URL).")
@click.option("--published", type=IsoDate(), help="Publication date, when the file does not carry one.")
@click.option("--source", type=SourceName(), help="Source name to record the articles under (default: manual).")
@click.option("--lang", type=click.Choice(CLAIM_LANGUAGES), help="Language of the text (default: detected).")
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...], url: str | None, published: date | None,
           source: str | None, lang: str | None) -> None:
    """Record local files (.html, .txt, .pdf) as articles, with their claims.

    Example: claimtrack ingest report.pdf --url https://www.caict.ac.cn/... --published 2025-12-15
    """
    from config.defaults import INGEST_SOURCE
    from extractors.claims import read_claims
    from store.recording import record_reading

    if url and len(paths) > 1:
        raise click.UsageError("--url names one article; give one file with it")
    settings.config  # noqa: B018 -- a bad configuration is reported before any work
    with _interrupted("interrupted while reading the files; nothing was recorded"):
        articles = [_read_article(path, url, published, lang) for path in paths]
        readings = read_claims(articles)
    for path, article, claims in zip(paths, articles, readings):
        if claims is None:
            click.echo(f"note: {path}: no claim rules for {_language_of(article)!r} text yet; "
                       "recorded without claims", err=True)
    counts: dict[str, int] = {}
    claims_added = 0
    with _interrupted(lambda: _recorded_so_far(settings, articles)), settings.open_for_write() as store:
        for number, (path, article, claims) in enumerate(zip(paths, articles, readings), 1):
            result = record_reading(store, article, claims, source=source or INGEST_SOURCE)
            counts[result.status] = counts.get(result.status, 0) + 1
            claims_added += result.claims_added
            if len(paths) > 1:
                copy = " (a republication)" if result.original_id else ""
                click.echo(f"[{number}/{len(paths)}] {path}: {result.status}, {result.claims_added} claims{copy}", err=True)
    summary = ", ".join(f"{count} {status}" for status, count in counts.items())
    click.echo(f"recorded {len(paths)} article{'s' if len(paths) > 1 else ''} ({summary}), {claims_added} claims added", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(CLAIM_LANGUAGES), help="Language of the text (default: detected).")
@click.option("--published", type=IsoDate(), help="Publication date, to resolve 'last year' and the like.")
@format_option(default="jsonl")
def extract(paths: tuple[Path, ...], lang: str | None, published: date | None, fmt: str) -> None:
    """Print the claims of files, one JSON object per claim; writes nothing.

    Example: claimtrack extract examples/core-ai-industry-2025.txt --published 2025-12-26
    """
    from extractors.claims import read_claims

    articles = [_read_article(path, None, published, lang) for path in paths]
    readings = read_claims(articles)
    for path, article, claims in zip(paths, articles, readings):
        if claims is None:
            raise click.ClickException(f"{path}: the claim extractor has no rules for {_language_of(article)!r} text yet")
    rows = [{**claim.to_dict(), "path": str(path)} for path, claims in zip(paths, readings) for claim in claims]
    emit(rows, fmt, EXTRACT_COLUMNS)


def _evaluate_findings(gold_dirs: tuple[Path, ...], langs: tuple[str, ...], fmt: str) -> None:
    from store.findings_evaluation import evaluate_findings, format_evaluation

    evaluation = evaluate_findings(gold_dirs or None, langs)
    if fmt == "json":
        click.echo(json.dumps(evaluation.figures(), ensure_ascii=False, indent=1, sort_keys=True))
    else:
        click.echo(format_evaluation(evaluation))


class Interrupted(click.ClickException):
    """Ctrl-C, said in one line with what was done; exit status 130 as for SIGINT."""

    exit_code = 130


@contextmanager
def _interrupted(message: str | Callable[[], str]) -> Iterator[None]:
    try:
        yield
    except KeyboardInterrupt:
        raise Interrupted(message() if callable(message) else message) from None


def _recorded_so_far(settings: Settings, articles: list[Any]) -> str:
    """What an interrupted ingest recorded, counted in the database: a count kept in the loop
    misses an article whose transaction committed just before the interrupt arrived."""
    from store import StoreError

    total = len(articles)
    try:
        with settings.open_for_query() as store:
            done = store.count_recorded(articles)
    except StoreError:  # nothing was created yet
        done = 0
    return (f"interrupted: {done} of {total} article{'s' if total > 1 else ''} were recorded; the other "
            f"{total - done} were not (run the same command again to record them)")


def _read_article(path: Path, url: str | None, published: date | None, lang: str | None):
    """The Article of a local file, or a one-line error naming the file."""
    from extractors.pages.files import PageFileError, article_from_file

    try:
        return article_from_file(path, url, published, lang)
    except PageFileError as error:
        raise click.ClickException(str(error)) from None


def _language_of(article: Any) -> str:
    from extractors.language import detect_language

    return article.lang or detect_language(article.text) or "unknown"


@cli.command()
@click.option("--gold", "gold_dirs", multiple=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="A folder of gold files (repeatable; default: ../shared/gold and tests/gold).")
@click.option("--lang", "langs", multiple=True, type=click.Choice(CLAIM_LANGUAGES), help="Only this language (repeatable).")
@click.option("--errors", is_flag=True, help="Also list every missed and extra claim and every wrong field.")
@click.option("--pin", is_flag=True, help="Record the scores as the floors of tests/eval_floors.json (a clone only).")
@click.option("--allow-regression", is_flag=True, help="With --pin: let a floor fall (after a deliberate change).")
@click.option("--findings", "of_findings", is_flag=True,
              help="Score the findings instead: those from extracted claims against those from labelled claims.")
@format_option(choices=("table", "json"))
def evaluate(gold_dirs: tuple[Path, ...], langs: tuple[str, ...], errors: bool, pin: bool, allow_regression: bool,
             of_findings: bool, fmt: str) -> None:
    """Score the claim extractor on the gold files: precision, recall, F1, field accuracy
    (with --findings: precision and recall of the findings its claims give).

    Example: claimtrack evaluate --lang zh --errors
    """
    if of_findings:
        _evaluate_findings(gold_dirs, langs, fmt)
        return
    from extractors import evaluation

    if allow_regression and not pin:
        raise click.UsageError("--allow-regression goes with --pin")
    if pin and gold_dirs:
        raise click.UsageError("--pin pins the gold sets of tests/eval_floors.json; leave out --gold")
    try:
        report = evaluation.score_gold(gold_dirs or None, langs)
        if pin:
            changes = evaluation.pin_floors(langs or sorted(report.by_language), allow_regression=allow_regression)
    except evaluation.GoldError as error:
        raise click.ClickException(str(error)) from None
    if fmt == "json":
        click.echo(json.dumps(report.figures(), indent=1, sort_keys=True))
    else:
        click.echo(evaluation.format_report(report))
    if errors:
        for line in report.error_lines():
            click.echo(line)
    if pin:
        for change in changes:
            click.echo(f"pinned {change}", err=True)
        click.echo(f"floors pinned in {evaluation.FLOORS_FILE} ({len(changes)} figures moved)", err=True)


@cli.command()
@click.argument("names", metavar="[SOURCE]...", nargs=-1)
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True),
              help="Seconds each source's crawl may run (default: [crawler] crawl_timeout).")
@click.option("--parallel", type=click.IntRange(min=1), help="Sources crawled at once (default: [crawler] parallel_crawls).")
@format_option(choices=("table", "json"))
@click.pass_obj
def crawl(settings: Settings, names: tuple[str, ...], timeout: float | None, parallel: int | None, fmt: str) -> int:
    """Crawl the configured sources now (all, or those named), each in its own process.

    Example: claimtrack crawl xinhua-en caict
    """
    from crawler.runner import run_crawls

    config = settings.config
    known = [source.name for source in config.sources]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise click.UsageError(f"no source named {', '.join(map(repr, unknown))} in {config.path} "
                               f"(configured: {', '.join(known) or 'none'})")
    if not known:
        raise click.ClickException(f"{config.path} configures no sources to crawl")
    settings.open_for_write().close()  # creates the database and registers the sources first
    outcomes = run_crawls(list(names) or known, config_path=config.path, db_path=settings.db_path,
                          timeout=timeout or config.crawler.crawl_timeout,
                          parallel=parallel or config.crawler.parallel_crawls, progress=_crawl_progress)
    rows = [{"source": outcome.source, "status": outcome.status, "seconds": round(outcome.seconds, 1),
             **{key: outcome.run.get(key) for key in CRAWL_SUMMARY_COUNTS}, "error": outcome.run.get("error"),
             "notes": outcome.run.get("notes")} for outcome in outcomes]
    emit(rows, fmt, CRAWL_COLUMNS)
    return 1 if any(outcome.failed for outcome in outcomes) else 0


def _crawl_progress(outcome: Any, finished: bool) -> None:
    run = outcome.run
    counts = (f"{run.get('pages') or 0} pages, {run.get('articles_new') or 0} new articles, "
              f"{run.get('claims_new') or 0} new claims, {run.get('errors') or 0} errors")
    if finished:
        click.echo(f"[{outcome.source}] {outcome.status} in {outcome.seconds:.1f} s: {counts}", err=True)
    else:
        click.echo(f"[{outcome.source}] running: {counts}", err=True)


# Querying ----------------------------------------------------------------------------


@cli.command()
@click.option("--metric", help="Only this metric (a key like ai_core_industry_size).")
@click.option("--geo", help="Only figures about this place (China, Beijing, global, ...).")
@click.option("--source", help="Only articles of this source.")
@click.option("--since", type=IsoDate(), help="Published on or after this date.")
@click.option("--until", type=IsoDate(), help="Published on or before this date.")
@click.option("--modality", multiple=True, type=click.Choice(["actual", "forecast", "target"]),
              help="Only these modalities (repeatable).")
@click.option("--all-versions", is_flag=True, help="Include claims of replaced article versions.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many claims.")
@format_option()
@click.pass_obj
def claims(settings: Settings, metric: str | None, geo: str | None, source: str | None, since: date | None,
           until: date | None, modality: tuple[str, ...], all_versions: bool, limit: int | None, fmt: str) -> None:
    """List claims, oldest publication first.

    Example: claimtrack claims --metric ai_core_industry_size --since 2025-01-01 --format csv
    """
    if since and until and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}: no date is in that range")
    with settings.open_for_query() as store:
        rows = store.claim_records(metric=metric, geo=geo, source=source, since=since, until=until,
                                   modalities=modality, include_superseded=all_versions, limit=limit)
        emit(rows, fmt, CLAIM_COLUMNS)


@cli.command()
@click.argument("metric")
@click.option("--geo", help="Only figures about this place.")
@click.option("--all-versions", is_flag=True, help="Include claims of replaced article versions.")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw the series to FILE.svg or FILE.png.")
@format_option()
@click.pass_obj
def history(settings: Settings, metric: str, geo: str | None, all_versions: bool, chart: Path | None,
            fmt: str) -> None:
    """Every figure of METRIC by period then publication, revisions and discrepancies marked,
    with the findings each takes part in.

    Example: claimtrack history ai_core_industry_size --geo China --chart core.svg
    """
    if chart is not None and chart.suffix.lower() not in CHART_SUFFIXES:
        raise click.UsageError(f"--chart {chart}: the file name must end in .svg or .png")
    with settings.open_for_query() as store:
        if chart is None:
            emit(_history_rows(store.history_records(metric, geo=geo, include_superseded=all_versions), fmt),
                 fmt, HISTORY_COLUMNS)
            return
        observations = store.history(metric, geo=geo, include_superseded=all_versions)
    emit(_history_rows((observation.to_dict() for observation in observations), fmt), fmt, HISTORY_COLUMNS)
    from store.charts import save_history_chart

    try:
        marks = save_history_chart(observations, chart, title=metric + (f" ({geo})" if geo else ""))
    except OSError as error:
        raise click.ClickException(f"cannot write {chart}: {error.strerror}") from None
    click.echo(f"chart of {marks} observations written to {chart}", err=True)


def _history_rows(rows: Iterable[dict[str, Any]], fmt: str) -> Iterator[dict[str, Any]]:
    """History records as printed: in a table, each observation's findings in a few words."""
    for row in rows:
        if fmt == "table":
            row = {**row, "findings": ", ".join(f"{f['type']} #{f['id']}" for f in row["findings"])}
        yield row


@cli.command()
@click.option("--type", "kind", type=click.Choice(FINDING_TYPES), help="Only findings of this type.")
@click.option("--metric", help="Only findings about this metric.")
@click.option("--since", type=IsoDate(), help="First seen on or after this date (UTC).")
@click.option("--until", type=IsoDate(), help="First seen on or before this date (UTC).")
@click.option("--open", "open_only", is_flag=True, help="Only findings that still hold.")
@click.option("--rebuild", is_flag=True, help="Recompute every finding first (shows progress).")
@click.option("--limit", type=click.IntRange(min=0), default=FINDINGS_LIMIT, show_default=True,
              help="At most this many findings, newest first; 0 for all.")
@format_option()
@click.pass_obj
def findings(settings: Settings, kind: str | None, metric: str | None, since: date | None, until: date | None,
             open_only: bool, rebuild: bool, limit: int, fmt: str) -> None:
    """List findings, newest first: revisions, discrepancies, growth and currency arithmetic
    that does not add up, headlines against bodies, forecast outcomes.

    Example: claimtrack findings --type growth_mismatch --since 2025-12-01 --open
    """
    if rebuild:
        from store import DatabaseMissing

        if not settings.db_path.exists():
            raise DatabaseMissing(settings.db_path)
        with settings.open_for_write() as store:
            count = store.rebuild_findings(progress=_show_progress)
        click.echo(f"\n{count} open findings", err=True)
    with settings.open_for_query() as store:
        rows = store.findings(type=kind, metric=metric, since=since, until=until, open_only=open_only,
                              limit=limit + 1 if limit else None)
    if limit and len(rows) > limit:
        rows = rows[:limit]
        click.echo(f"note: the newest {limit} findings; --limit 0 lists all", err=True)
    if fmt == "json":
        click.echo(json.dumps({"findings": rows}, ensure_ascii=False, indent=2))
        return
    if fmt == "table":
        rows = [{**row, "first_seen": (row["first_seen"] or "")[:16].replace("T", " "),
                 "size": "" if row["size"] is None else f"{row['size']:+.1%}"} for row in rows]
    emit(rows, fmt, FINDING_COLUMNS, whole=("explanation",))


def _show_progress(done: int, total: int) -> None:
    click.echo(f"\rrecomputing findings: {done:,}/{total:,} series", err=True, nl=False)


@cli.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--in", "target", type=click.Choice(["articles", "claims"]), default="articles", show_default=True,
              help="Search article titles and texts, or claim sentences.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@format_option()
@click.pass_obj
def search(settings: Settings, text: tuple[str, ...], target: str, limit: int, fmt: str) -> None:
    """Full-text search; every word must match (Chinese too).

    Example: claimtrack search "computing power" --in claims
    """
    with settings.open_for_query() as store:
        rows = store.search(" ".join(text), target=target, limit=limit)
    emit(rows, fmt, SEARCH_COLUMNS[target])


class Seconds(click.ParamType):
    """A finite number of seconds for user SQL, above 0 and at most ``SQL_MAX_TIME_LIMIT``
    (nan, inf and 0 are refused)."""

    name = "SECONDS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        from config.defaults import SQL_MAX_TIME_LIMIT  # imported when used: --help stays light

        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not (0 < seconds <= SQL_MAX_TIME_LIMIT):  # also false for nan
            self.fail(f"{value!r} is not a number of seconds above 0 and at most {SQL_MAX_TIME_LIMIT:g}", param, ctx)
        return seconds


@cli.command()
@click.argument("query")
@click.option("--time-limit", type=Seconds(), default=None,
              help="Seconds before the query, and writing its rows, is stopped (default 5).")
@format_option()
@click.pass_obj
def sql(settings: Settings, query: str, time_limit: float | None, fmt: str) -> None:
    """Run one read-only SELECT (or WITH) query.

    Example: claimtrack sql "SELECT metric, count(*) FROM claims GROUP BY metric"
    """
    from config.defaults import SQL_TIME_LIMIT
    from store.readonly import time_limit as limited_to

    seconds = time_limit or SQL_TIME_LIMIT
    with settings.open_for_query() as store, limited_to(seconds):
        columns, rows = store.sql(query, time_limit=seconds)
        emit([dict(zip(columns, row)) for row in rows], fmt, columns)


@cli.command()
@format_option()
@click.pass_obj
def sources(settings: Settings, fmt: str) -> None:
    """List the sources: settings, articles, last crawl and health.

    Example: claimtrack sources --format json
    """
    with settings.open_for_query() as store:
        rows = store.sources(settings.config.sources)
    emit(rows, fmt, SOURCE_COLUMNS)


@cli.command()
@format_option()
@click.pass_obj
def status(settings: Settings, fmt: str) -> None:
    """Show the database totals and each source's last crawl, counts and health.

    Example: claimtrack status
    """
    from scheduler import daemon_state

    with settings.open_for_query() as store:
        report = store.status(settings.config.sources)
    report["daemon"] = daemon_state(settings.db_path)
    if fmt == "json":
        click.echo(to_json(report, indent=2))
        return
    if fmt == "table":
        click.echo(printable(
            f"{report['database']}: {report['articles']} articles ({report['republications']} republications), "
            f"{report['claims']} claims ({report['superseded_claims']} superseded); "
            f"last fetched {report['last_fetched'] or 'never'}; schema {report['schema']}"
        ))
        click.echo(_daemon_line(report["daemon"]))
    emit(report["sources"], fmt, STATUS_COLUMNS)


@cli.command()
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("claimtrack-demo"),
              show_default=True, help="Folder for the demo's database, configuration and digests.")
@click.pass_context
def demo(ctx: click.Context, folder: Path) -> None:
    """Crawl the bundled mirror of the target sites and show what claimtrack finds.

    Serves the mirror on 127.0.0.1, crawls it with the real spiders into FOLDER/claimtrack.db,
    computes findings, writes a digest for each day of the mirror's history into
    FOLDER/digests, and prints a summary and one metric's history. No network needed.

    Example: claimtrack demo --dir claimtrack-demo
    """
    from demo.run import SHOWCASE_METRIC, run_demo, summary
    from store import ClaimStore

    result = run_demo(folder, progress=lambda line: click.echo(line, err=True))
    with ClaimStore.open_readonly(result.db_path) as store:
        figures = summary(store)
    click.echo(f"\nDatabase: {result.db_path}")
    click.echo(f"Configuration: {result.config_path}")
    click.echo(f"Digests: {result.digest_dir} ({len(result.digests)} days; open {result.digests[-1]} in a browser)"
               if result.digests else f"Digests: {result.digest_dir} (none written)")
    click.echo(f"\n{figures['articles']} articles ({figures['republications']} republications), "
               f"{figures['claims']} claims, from " + ", ".join(f"{name} {count}" for name, count
                                                            in figures["articles_by_source"].items()))
    click.echo("Open findings: " + (", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count
                                              in figures["findings"].items()) or "none"))
    click.echo(f"\nHistory of {SHOWCASE_METRIC} (claimtrack --config {result.config_path} history {SHOWCASE_METRIC}):")
    ctx.obj = Settings(result.db_path, result.config_path)
    ctx.invoke(history, metric=SHOWCASE_METRIC, geo=None, all_versions=False, fmt="table")
    if result.failed:
        raise click.ClickException(f"the crawls of {', '.join(result.failed)} failed; see `claimtrack --config "
                                   f"{result.config_path} status`")


@cli.command()
@click.pass_obj
def daemon(settings: Settings) -> None:
    """Run in the foreground: crawl each source on its schedule, write the digest daily.

    Stops on SIGTERM or Ctrl-C (exit 0), reloads the configuration on SIGHUP. One daemon
    per database: a second one is refused and told which process holds it.

    Example: claimtrack --config ~/claimtrack.toml daemon
    """
    from scheduler import Daemon, DaemonRunning

    try:
        exit_code = Daemon(settings.config, db_path=settings.db_path, config_path=settings.config.path).run()
    except DaemonRunning as error:
        raise click.ClickException(str(error)) from None
    sys.exit(exit_code)


@cli.command()
@click.option("--name", help="The node's name in the cluster (default: the host name).")
@click.pass_obj
def node(settings: Settings, name: str | None) -> None:
    """Crawl for a cluster: take part in every open run of the daemon's Redis frontier.

    Needs [cluster] redis_url in the configuration (the same file as the daemon's, sources
    included); never opens the database. Stops on SIGTERM or Ctrl-C (exit 0).

    Example: claimtrack --config /etc/claimtrack/claimtrack.toml node --name crawler-2
    """
    config = settings.config
    if config.cluster is None:
        raise click.ClickException(f"{config.path}: no [cluster] table: a node needs [cluster] redis_url")
    from cluster.node import Node

    sys.exit(Node(config, name=name).run())


@cli.command()
@click.option("--date", "day", type=IsoDate(), help="The day to write (default: yesterday in [digest] timezone).")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into (default: [digest] dir).")
@click.option("--by", "basis", type=click.Choice(["recorded", "published"]), default="recorded", show_default=True,
              help="The day's news: what the store first recorded that day, or what was published that day.")
@click.pass_obj
def digest(settings: Settings, day: date | None, folder: Path | None, basis: str) -> None:
    """Write the digest of one day: DIR/YYYY-MM-DD.md, .html and .json.

    The day is a calendar day in the configured time zone; the digest lists what the store
    first recorded that day (findings, new figures, new articles) and each source's health.

    Example: claimtrack digest --date 2025-12-26
    """
    from digest import local_today, write_digest

    config = settings.config
    day = day or local_today(config.digest.timezone) - timedelta(days=1)
    with settings.open_for_query() as store:
        paths = write_digest(store, day, folder or config.digest.dir, config.digest.timezone,
                             sources=config.sources, basis=basis)
    for path in paths.values():
        click.echo(str(path))


def _daemon_line(state: dict[str, Any] | None) -> str:
    if not state:
        return "daemon: not running on this database"
    upcoming = ", ".join(f"{job['job']} at {job['next_run']}" for job in state.get("jobs", [])[:4] if job["next_run"])
    running = f"; crawling {', '.join(state['running'])}" if state.get("running") else ""
    return f"daemon: pid {state['pid']}, running since {state['started']}{running}; next: {upcoming or 'nothing'}"


# Browsing and exporting ----------------------------------------------------------------


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), help="Port to listen on (default 8001).")
@click.option("--host", help="Address to listen on (default 127.0.0.1; 0.0.0.0 shares it on the network).")
@click.pass_obj
def serve(settings: Settings, port: int | None, host: str | None) -> None:
    """Browse the database in Datasette, with table descriptions, facets and views.

    Needs the datasette extra: pip install 'claimtrack[datasette]'.
    Example: claimtrack serve --port 8001
    """
    from store.browse import INSTALL_HINT, datasette_available, serve_datasette

    if not datasette_available():
        raise click.ClickException(INSTALL_HINT)
    with settings.open_for_query() as store:  # a missing, foreign or damaged database is refused before starting
        store.check_integrity()
    serve_datasette(settings.db_path, host=host, port=port)


@cli.command()
@click.argument("table", type=click.Choice(["claims", "articles", "findings"]))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True,
              help="Output format (parquet needs --output and the parquet extra).")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write, replaced only once complete (default: standard output).")
@click.option("--all-versions", is_flag=True, help="Claims: include claims of replaced article versions.")
@click.pass_obj
def export(settings: Settings, table: str, fmt: str, output: Path | None, all_versions: bool) -> None:
    """Export claims (with their article's url, outlet, published, source), articles or
    findings as CSV, JSON lines or Parquet, streamed.

    Example: claimtrack export claims --format parquet --output claims.parquet
    """
    from store.export import write_export

    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet writes a file: give --output FILE")
    with settings.open_for_query() as store:
        count = write_export(store.export(table, include_superseded=all_versions), fmt, output, sys.stdout)
    if output is not None:
        click.echo(f"wrote {count} {table} to {output}", err=True)


# Output ------------------------------------------------------------------------------


def emit(rows: Iterable[dict[str, Any]], fmt: str, table_columns: Iterable[str], *,
         whole: Collection[str] = ()) -> None:
    """Print ``rows`` as a table (``table_columns`` only), JSON, JSON lines or CSV.

    Rows are written as they come, so a long history or claim list takes the memory of a
    few rows, not of all of them. Nothing is written before the first row is read, so an
    error raised there leaves no half-written output.
    """
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        pending: Iterable[dict[str, Any]] = ()
    else:
        pending = chain((first,), rows)
    write = sys.stdout.write
    if fmt == "json":
        # Row by row, what json.dumps(all rows, indent=2) writes.
        separator = "[\n"
        for row in pending:
            write(separator + textwrap.indent(to_json(row, indent=2), "  "))
            separator = ",\n"
        write("[]\n" if first is None else "\n]\n")
    elif fmt == "jsonl":
        for row in pending:
            write(to_json(row) + "\n")
    elif fmt == "csv":
        columns = list(first) if first is not None else list(table_columns)
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in pending:
            writer.writerow([_cell(row.get(column)) for column in columns])
    else:
        for line in table_lines(pending, list(table_columns), whole=whole):
            write(line + "\n")


def table_lines(rows: Iterable[dict[str, Any]], columns: list[str], chunk: int = TABLE_CHUNK, *,
                whole: Collection[str] = ()) -> Iterator[str]:
    """A plain text table (tabulate's "simple" format): headers, dashes, then one line a row;
    numbers right-aligned, text left-aligned. Column widths come from the headers and the
    first ``chunk`` rows; a longer cell further down widens only its own line. Cells are cut
    at TABLE_CELL_CHARS, except in the ``whole`` columns (a finding's explanation)."""
    rows = iter(rows)
    limits = [None if column in whole else TABLE_CELL_CHARS for column in columns]
    head = [[_table_cell(row.get(column), limit) for column, limit in zip(columns, limits)]
            for row in islice(rows, chunk)]
    widths = [max([len(column), *(_display_width(str(cells[i])) for cells in head)]) for i, column in enumerate(columns)]
    numeric = [bool(head) and all(isinstance(cells[i], (int, float)) or cells[i] == "" for cells in head)
               for i in range(len(columns))]

    def line(cells: Sequence[Any]) -> str:
        padded = []
        for cell, width, number in zip(cells, widths, numeric):
            text = str(cell)
            if text.isascii():  # most cells: str's own padding, a character a column
                padded.append(text.rjust(width) if number else text.ljust(width))
                continue
            padding = " " * max(width - _display_width(text), 0)
            padded.append(padding + text if number else text + padding)
        return "  ".join(padded).rstrip()

    yield line([printable(column) for column in columns])
    yield line(["-" * width for width in widths])
    for cells in head:
        yield line(cells)
    for row in rows:
        yield line([_table_cell(row.get(column), limit) for column, limit in zip(columns, limits)])


def _display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: two for each wide (Chinese) character."""
    if text.isascii():
        return len(text)
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def to_json(value: Any, **options: Any) -> str:
    """JSON that every parser reads: blobs as Datasette writes them (``{"$base64": true,
    "encoded": ...}``), infinities and NaN as null (JSON has neither)."""
    return json.dumps(_json_ready(value), ensure_ascii=False, allow_nan=False, **options)


def _json_ready(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$base64": True, "encoded": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(item) for item in value]
    return value


def _cell(value: Any, width: int | None = None) -> Any:
    if isinstance(value, (list, dict)):
        value = to_json(value) if value else ""
    elif isinstance(value, bool):
        value = "yes" if value else "no"
    elif isinstance(value, (bytes, bytearray, memoryview)):
        value = base64.b64encode(bytes(value)).decode("ascii")
    if width and isinstance(value, str) and len(value) > width:
        value = value[: width - 1] + "…"
    return "" if value is None else value


def _table_cell(value: Any, width: int | None) -> Any:
    """A cell of the table format: blobs by size, control characters written out (see printable)."""
    if value.__class__ is str and len(value) <= (width or len(value)) and value.isprintable():
        return value  # most cells, as they are: a check at C speed instead of the steps below
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<blob of {len(bytes(value)):,} bytes>"
    value = _cell(value, width)
    return printable(value) if isinstance(value, str) else value


if __name__ == "__main__":
    cli()
