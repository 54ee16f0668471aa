"""The ``storyline`` command: thin click commands over ``storyline.api``.

Each command parses options, calls one api function, prints, and turns StorylineError into a
clear message. Exit codes: 0 ok, 1 error (or some inputs failed), 2 usage (click's own) or
nearly all inputs failed.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from storyline import __version__, api
from storyline.errors import StorylineError

DB_OPTION = click.option(
    "--db", "db_path", default="storyline.db", show_default=True, type=click.Path(dir_okay=False),
    help="The SQLite store to read or write.",
)


def _fail(ex: Exception) -> None:
    """Raise a ClickException (exit 1) carrying the error's message."""
    raise click.ClickException(str(ex)) from ex


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A progress callback drawing a rich progress bar on stderr (nothing when disabled)."""
    if not enabled:
        yield api._noop
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    bar = Progress(TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=console, transient=True)
    tasks: dict[str, Any] = {}

    def update(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = bar.add_task(phase, total=total or None)
        bar.update(tasks[phase], completed=done, total=total or None)

    with bar:
        yield update


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    """Print rows as a table, JSON or CSV."""
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        buf = io.StringIO()
        keys = list(rows[0].keys()) if rows else columns
        w = csv.DictWriter(buf, fieldnames=keys, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                        for k, v in r.items()})
        click.echo(buf.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[_cell(r.get(c)) for c in columns])
    Console().print(table)


def _cell(v: Any) -> str:
    """A table cell's text (markup-safe)."""
    from rich.markup import escape

    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        v = ", ".join(str(x) for x in v)
    return escape(str(v))


FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
    help="Output format.",
)


@click.group()
@click.version_option(__version__, prog_name="storyline")
def cli() -> None:
    """storyline: an evidence-backed picture of a developing news story from scraped pages.

    Start with `storyline build FOLDER`, then `storyline report --out story.html`.
    """


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@click.option("--settings", "settings_path", type=click.Path(dir_okay=False), help="A TOML settings file.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def build(sources: tuple[str, ...], db_path: str, settings_path: str | None, quiet: bool) -> None:
    """Ingest SOURCE files or folders (text, HTML, JSONL, WARC) and build the story, incrementally.

    A second build of the same sources does no work; an interrupted build resumes.
    """
    from storyline.settings import load_settings

    try:
        settings = load_settings(settings_path)
        with _progress(not quiet and sys.stderr.isatty()) as progress:
            rep = api.build(sources, db_path, settings=settings, progress=progress)
    except StorylineError as ex:
        _fail(ex)
    for p in rep.problems:
        click.echo(f"skipped {p.origin}: [{p.stage}/{p.error}] {p.message}", err=True)
    click.echo(
        f"{rep.added} added, {rep.duplicates} already stored, {rep.processed} processed, "
        f"{len(rep.problems)} problems; {rep.articles} articles in {db_path}"
        f"{'' if rep.story_rebuilt else ' (story unchanged)'} [{rep.seconds:.1f}s]"
    )
    sys.exit(rep.exit_code)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--dct", help="Document creation date YYYY-MM-DD to resolve relative dates against.")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True,
              help="Output format.")
@click.option("--out-dir", type=click.Path(file_okay=False), help="Write DIR/<stem>.json for each input.")
def annotate(files: tuple[str, ...], dct: str | None, fmt: str, out_dir: str | None) -> None:
    """Print the per-document JSON of each FILE (HTML or text, `-` for stdin); no store.

    Several inputs are one story: their entities are resolved across the batch.
    """
    import datetime as dt

    if dct:
        try:
            dt.date.fromisoformat(dct)
        except ValueError:
            raise click.BadParameter(f"{dct!r} is not a date like 2024-10-28", param_hint="--dct") from None
    if len(files) > 1 and not out_dir:
        raise click.UsageError("several inputs need --out-dir DIR")
    inputs: list[tuple[str, bytes]] = []
    for f in files:
        if f == "-":
            inputs.append(("stdin", sys.stdin.buffer.read()))
            continue
        p = Path(f)
        if not p.is_file():
            raise click.BadParameter(f"no such file: {f}", param_hint="FILES")
        inputs.append((p.name, p.read_bytes()))
    try:
        outputs, problems = api.annotate(inputs, dct=dct)
    except StorylineError as ex:
        _fail(ex)
    for p in problems:
        click.echo(f"skipped {p.origin}: [{p.stage}/{p.error}] {p.message}", err=True)
    if out_dir:
        d = Path(out_dir)
        d.mkdir(parents=True, exist_ok=True)
        for name, obj in outputs:
            stem = Path(name).stem or "stdin"
            (d / f"{stem}.json").write_text(json.dumps(obj, ensure_ascii=False, indent=2), encoding="utf-8")
        click.echo(f"{len(outputs)} written to {d}", err=True)
    elif outputs:
        click.echo(json.dumps(outputs[0][1], ensure_ascii=False, indent=2))
    if problems:
        sys.exit(2 if not outputs else 1)


@cli.command()
@DB_OPTION
@click.option("--entity", help="Only events with this participant (name or alias).")
@click.option("--from", "date_from", help="Earliest date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="Latest date (YYYY, YYYY-MM or YYYY-MM-DD).")
@FORMAT_OPTION
def timeline(db_path: str, entity: str | None, date_from: str | None, date_to: str | None, fmt: str) -> None:
    """Events in date order, each with its participants, source and reporting articles."""
    try:
        rows = api.timeline(db_path, entity=entity, date_from=date_from, date_to=date_to)
    except StorylineError as ex:
        _fail(ex)
    _emit(rows, fmt, ["date", "type", "summary", "participants", "source", "articles"])


@cli.group(invoke_without_command=True)
@DB_OPTION
@FORMAT_OPTION
@click.pass_context
def entities(ctx: click.Context, db_path: str, fmt: str) -> None:
    """People, organisations, countries and places, resolved across articles.

    Without a subcommand: list them. Corrections (merge, split, rename) are recorded in the
    store with an audit trail (`entities history`) and applied again on every rebuild.
    """
    if ctx.invoked_subcommand is not None:
        return
    try:
        rows = api.entities(db_path)
    except StorylineError as ex:
        _fail(ex)
    _emit(rows, fmt, ["name", "type", "mentions", "aliases", "wikidata"])


def _correct(db_path: str, action: str, a: str, b: str, note: str | None) -> None:
    """Record one correction and say what was done."""
    try:
        row = api.correct_entity(db_path, action, a, b, note=note)
    except StorylineError as ex:
        _fail(ex)
    click.echo(f"correction #{row['id']}: {action} {a!r} {b!r} recorded; story rebuilt")


NOTE_OPTION = click.option("--note", help="Why: kept in the audit trail.")


@entities.command("merge")
@click.argument("entity")
@click.argument("other")
@DB_OPTION
@NOTE_OPTION
def entities_merge(entity: str, other: str, db_path: str, note: str | None) -> None:
    """Merge entity OTHER into ENTITY (ids or names), e.g. entities merge "Kim Jong Un" "Kim"."""
    _correct(db_path, "merge", entity, other, note)


@entities.command("split")
@click.argument("entity")
@click.argument("alias")
@DB_OPTION
@NOTE_OPTION
def entities_split(entity: str, alias: str, db_path: str, note: str | None) -> None:
    """Split ALIAS off ENTITY into an entity of its own."""
    _correct(db_path, "split", entity, alias, note)


@entities.command("rename")
@click.argument("entity")
@click.argument("name")
@DB_OPTION
@NOTE_OPTION
def entities_rename(entity: str, name: str, db_path: str, note: str | None) -> None:
    """Give ENTITY the canonical name NAME."""
    _correct(db_path, "rename", entity, name, note)


@entities.command("history")
@DB_OPTION
@FORMAT_OPTION
def entities_history(db_path: str, fmt: str) -> None:
    """The audit trail of entity corrections, oldest first."""
    try:
        rows = api.corrections(db_path)
    except StorylineError as ex:
        _fail(ex)
    _emit(rows, fmt, ["id", "created_at", "action", "a", "b", "note"])


@cli.command()
@DB_OPTION
@FORMAT_OPTION
def claims(db_path: str, fmt: str) -> None:
    """Attributed numeric claims, grouped by subject."""
    try:
        rows = api.claims(db_path)
    except StorylineError as ex:
        _fail(ex)
    _emit(rows, fmt, ["subject", "value", "unit", "approximate", "source", "stated"])


@cli.command()
@DB_OPTION
@FORMAT_OPTION
def articles(db_path: str, fmt: str) -> None:
    """Articles with title, outlet, language and inferred publication date."""
    try:
        rows = api.articles(db_path)
    except StorylineError as ex:
        _fail(ex)
    _emit(rows, fmt, ["published", "language", "outlet", "title", "origin"])


@cli.command()
@click.argument("query")
@DB_OPTION
@click.option("--limit", default=20, show_default=True, help="Most results to show.")
@FORMAT_OPTION
def search(query: str, db_path: str, limit: int, fmt: str) -> None:
    """Full-text search over article bodies (SQLite FTS5 syntax; plain words work)."""
    try:
        rows = api.search(db_path, query, limit=limit)
    except StorylineError as ex:
        _fail(ex)
    _emit(rows, fmt, ["title", "snippet", "origin"])


@cli.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "graphml"]), required=True,
              help="Export format (csv writes a folder of tables; give --out DIR).")
@click.option("--out", type=click.Path(), help="Output file (default: standard output).")
def export(db_path: str, fmt: str, out: str | None) -> None:
    """Export the whole story (articles, entities, events, claims)."""
    try:
        if out:
            api.export(db_path, fmt, out)
        else:
            api.export(db_path, fmt, sys.stdout)
    except StorylineError as ex:
        _fail(ex)


@cli.command()
@DB_OPTION
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
def report(db_path: str, out: str) -> None:
    """Write one self-contained HTML report: timeline, entities, claims, articles with evidence."""
    try:
        path = api.report(db_path, out)
    except StorylineError as ex:
        _fail(ex)
    click.echo(f"wrote {path}", err=True)


@cli.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
def serve(db_path: str, host: str, port: int) -> None:
    """Browse the story in a local web UI with a JSON API (OpenAPI at /docs)."""
    try:
        from storyline import web
    except ImportError as ex:
        raise click.ClickException(
            f"the web UI needs its extra: pip install 'storyline[web]' ({ex})"
        ) from ex
    try:
        web.serve(db_path, host=host, port=port)
    except StorylineError as ex:
        _fail(ex)


if __name__ == "__main__":
    cli()
