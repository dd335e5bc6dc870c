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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import click

from extractors.language import CLAIM_LANGUAGES

FORMATS = ("table", "json", "jsonl", "csv")
USAGE_EXIT = 2

# Columns the table format shows (JSON, JSON lines and CSV carry every field).
CLAIM_COLUMNS = ("published", "outlet", "metric", "text", "value", "unit", "qualifier", "kind",
                 "period", "modality", "attribution", "geo")
HISTORY_COLUMNS = ("period", "published", "organisation", "text", "value", "unit", "qualifier",
                   "kind", "modality", "flag", "note")
EXTRACT_COLUMNS = ("path", "text", "value", "unit", "qualifier", "kind", "metric", "period",
                   "modality", "attribution")
SEARCH_COLUMNS = {"articles": ("published", "outlet", "title", "url", "snippet"), "claims": CLAIM_COLUMNS}
SOURCE_COLUMNS = ("name", "spider", "lang", "schedule", "configured", "articles", "last_crawl", "health")
STATUS_COLUMNS = ("name", "health", "last_started", "last_status", "pages", "articles_new",
                  "claims_new", "errors", "articles", "claims")



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
    for module, name in (("store.errors", "StoreError"), ("config.loader", "ConfigError")):
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
    from extractors.claims import EXTRACTOR_VERSION, read_claims

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
            # An article no extractor read keeps extractor_version NULL, so that a later
            # ingest with claim rules for its language reads it.
            version = EXTRACTOR_VERSION if claims is not None else None
            result = store.record_article(article, claims or [], source=source or INGEST_SOURCE,
                                          extractor_version=version)
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
@format_option(choices=("table", "json"))
def evaluate(gold_dirs: tuple[Path, ...], langs: tuple[str, ...], errors: bool, pin: bool, allow_regression: bool,
             fmt: str) -> None:
    """Score the claim extractor on the gold files: precision, recall, F1, field accuracy.

    Example: claimtrack evaluate --lang zh --errors
    """
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
        rows = store.claims(metric=metric, geo=geo, source=source, since=since, until=until,
                            modalities=modality, include_superseded=all_versions, limit=limit)
    emit(rows, fmt, CLAIM_COLUMNS)


@cli.command()
@click.argument("metric")
@click.option("--geo", help="Only figures about this place.")
@click.option("--all-versions", is_flag=True, help="Include claims of replaced article versions.")
@format_option()
@click.pass_obj
def history(settings: Settings, metric: str, geo: str | None, all_versions: bool, fmt: str) -> None:
    """Every figure of METRIC by period then publication, revisions and discrepancies marked.

    Example: claimtrack history ai_core_industry_size --geo China
    """
    with settings.open_for_query() as store:
        observations = store.history(metric, geo=geo, include_superseded=all_versions)
    emit([observation.to_dict() for observation in observations], fmt, HISTORY_COLUMNS)


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
    with settings.open_for_query() as store:
        report = store.status(settings.config.sources)
    if fmt == "json":
        click.echo(to_json(report, indent=2))
        return
    if fmt == "table":
        click.echo(printable(
            f"{report['database']}: {report['articles']} articles ({report['republications']} republications), "
            f"{report['claims']} claims ({report['superseded_claims']} superseded); "
            f"last fetched {report['last_fetched'] or 'never'}; schema {report['schema']}"
        ))
    emit(report["sources"], fmt, STATUS_COLUMNS)


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


def emit(rows: list[dict[str, Any]], fmt: str, table_columns: Iterable[str]) -> None:
    """Print ``rows`` as a table (``table_columns`` only), JSON, JSON lines or CSV."""
    if fmt == "json":
        click.echo(to_json(rows, indent=2))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(to_json(row))
    elif fmt == "csv":
        columns = list(rows[0]) if rows else list(table_columns)
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(column)) for column in columns])
    else:
        from tabulate import tabulate

        columns = list(table_columns)
        click.echo(tabulate([[_table_cell(row.get(c), 60) for c in columns] for row in rows],
                            headers=[printable(c) for c in columns], disable_numparse=True))


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


def _table_cell(value: Any, width: int) -> Any:
    """A cell of the table format: blobs by size, control characters written out (see printable)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<blob of {len(bytes(value)):,} bytes>"
    value = _cell(value, width)
    return printable(value) if isinstance(value, str) else value


if __name__ == "__main__":
    cli()
