"""The Python API: what the CLI and the web app call.

``build`` ingests sources into a store and brings the story up to date incrementally:
1. read every source; store raw bytes first (re-ingesting the same bytes is a no-op) and record
   every unreadable input as a Problem;
2. run the per-article pipeline on the documents that have no result at the current pipeline
   version, one transaction per article (an interrupted build resumes here);
3. when any result changed, rebuild the cross-document story (resolve entities, merge events,
   link copies, refine dates) in one transaction.
A second build of the same sources does no work.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from storyline.errors import InputError, StorylineError
from storyline.model import ArticleResult, Problem, RawDoc, Story
from storyline.pipeline import PIPELINE_VERSION, Context, run_article
from storyline.settings import Settings, load_settings

Progress = Callable[[str, int, int], None]  # (phase, done, total)

__all__ = [
    "BuildReport",
    "annotate",
    "articles",
    "build",
    "build_story",
    "claims",
    "correct_entity",
    "corrections",
    "entities",
    "export",
    "load",
    "report",
    "search",
    "timeline",
]


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did."""

    added: int
    duplicates: int
    processed: int
    failed: int
    problems: tuple[Problem, ...]
    articles: int
    story_rebuilt: bool
    seconds: float
    inputs: int = 0

    @property
    def exit_code(self) -> int:
        """0 when every input became an article, 1 when some failed, 2 when (nearly) all failed."""
        bad = len(self.problems)
        total = max(self.inputs, 1)
        if bad == 0:
            return 0
        return 2 if bad >= 0.9 * total and self.articles == 0 else 1


def _noop(phase: str, done: int, total: int) -> None:
    """Progress callback that does nothing."""


def _batch_context(texts: Iterable[str]) -> Any:
    """The cleaner's batch evidence (lines repeated across documents) for these texts."""
    from storyline.stages import clean

    return clean.BatchContext.from_texts(texts)


def build(
    sources: Sequence[str | Path],
    db_path: str | Path = "storyline.db",
    *,
    settings: Settings | None = None,
    progress: Progress = _noop,
) -> BuildReport:
    """Ingest ``sources`` into the store at ``db_path`` and update the story.

    Args:
        sources: files or folders (text dumps, HTML, JSONL, WARC).
        db_path: the SQLite store; created when missing.
        settings: settings (defaults when None).
        progress: called as ``progress(phase, done, total)``.

    Returns:
        A BuildReport; ``exit_code`` follows the share of failed inputs.

    Raises:
        InputError: a source path does not exist.
        StoreError: the store cannot be opened or written.
    """
    from storyline.stages import ingest
    from storyline.store.db import Store

    t0 = time.perf_counter()
    settings = settings or load_settings()
    for src in sources:
        if not Path(src).exists():
            raise InputError(f"no such file or folder: {src}")
    problems: list[Problem] = []
    added = dups = inputs = 0
    with Store(db_path) as store:
        for item in ingest.iter_sources(sources, max_bytes=settings.ingest.max_article_bytes):
            inputs += 1
            if isinstance(item, Problem):
                problems.append(item)
                store.add_problem(item)
            elif store.add_raw(item):
                added += 1
            else:
                dups += 1
            progress("ingest", inputs, 0)
        todo = store.raw_ids_needing(PIPELINE_VERSION)
        processed = failed = 0
        if todo:
            ctx = Context(settings=settings, batch=_batch_context(store.iter_raw_texts()))
            for i, rid in enumerate(todo):
                raw = store.load_raw(rid)
                out = run_article(raw, ctx)
                if isinstance(out, Problem):
                    failed += 1
                    problems.append(out)
                    store.add_problem(out)
                else:
                    store.save_result(out, PIPELINE_VERSION)
                    processed += 1
                    for p in out.problems:
                        store.add_problem(p)
                progress("process", i + 1, len(todo))
        progress("story", 0, 1)
        rebuilt = _update_story(store, settings)
        progress("story", 1, 1)
        n_articles = store.counts().get("articles", 0)
    return BuildReport(
        added=added, duplicates=dups, processed=processed, failed=failed,
        problems=tuple(problems), articles=n_articles, story_rebuilt=rebuilt,
        seconds=time.perf_counter() - t0, inputs=inputs,
    )


def _fingerprint(versions: Iterable[tuple[str, str]], settings: Settings, corrections: Sequence[Any] = ()) -> str:
    """A digest of the stored results, settings and corrections; equal digests mean the story is current."""
    h = hashlib.sha256()
    for aid, ver in sorted(versions):
        h.update(f"{aid}:{ver};".encode())
    h.update(json.dumps(dataclasses.asdict(settings), sort_keys=True).encode())
    for c in corrections:
        h.update(f"|{c.action}\x00{c.a}\x00{c.b}".encode())
    return h.hexdigest()


def _corrections(store: Any) -> list[Any]:
    """The store's recorded entity corrections as resolver Corrections, oldest first."""
    from storyline.stages.resolve import Correction

    return [Correction(r["action"], r["a"], r["b"]) for r in store.corrections()]


def _update_story(store: Any, settings: Settings) -> bool:
    """Rebuild and save the story when results, settings or corrections changed; True when rebuilt."""
    corrections = _corrections(store)
    fingerprint = _fingerprint(store.result_versions(), settings, corrections)
    if store.story_fingerprint() == fingerprint:
        return False
    story = build_story(store.load_results(), settings=settings, corrections=corrections)
    store.save_story(story, fingerprint)
    return True


def build_story(
    results: Sequence[ArticleResult], *, settings: Settings | None = None, corrections: Sequence[Any] = ()
) -> Story:
    """The cross-document story of ``results``: entities, merged events, claims, copies.

    ``corrections`` (``resolve.Correction``) are the user's entity fixes, applied in order.
    """
    from storyline.stages import link, resolve, story_names

    added = story_names.story_mentions(results)
    results = [story_names.with_story_mentions(r, added) for r in results]
    entities_, mention_entities = resolve.link_mentions(results, corrections)
    return dataclasses.replace(link.link_story(results, entities_, mention_entities), mentions=added)


CORRECTION_ACTIONS = ("merge", "split", "rename")


def correct_entity(
    db_path: str | Path, action: str, a: str, b: str, *, note: str | None = None,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """Record an entity correction and rebuild the story with it.

    Args:
        action: ``merge`` (entity ``a`` absorbs entity ``b``), ``split`` (alias ``b`` of entity
            ``a`` becomes its own entity) or ``rename`` (entity ``a`` is called ``b``).
        a, b: entity ids or names (and an alias or new name, as the action needs).
        note: why, kept in the audit trail.

    Returns:
        The correction as recorded (id, action, a, b, note, created_at).

    Raises:
        QueryError: unknown action, or the correction names no entity of the story (nothing is recorded).
        StoreError: no store at ``db_path``.
    """
    from storyline.errors import QueryError, StoreError
    from storyline.stages.resolve import Correction, CorrectionError
    from storyline.store.db import Store

    if action not in CORRECTION_ACTIONS:
        raise QueryError(f"unknown correction {action!r}: use one of {', '.join(CORRECTION_ACTIONS)}")
    if not a.strip() or not b.strip():
        raise QueryError("a correction needs two non-empty names")
    if not Path(db_path).is_file():
        raise StoreError(f"no store at {db_path} - run `storyline build SOURCE --db {db_path}` first")
    settings = settings or load_settings()
    with Store(db_path) as store:
        corrections = [*_corrections(store), Correction(action, a, b)]
        try:
            story = build_story(store.load_results(), settings=settings, corrections=corrections)
        except CorrectionError as ex:
            raise QueryError(str(ex)) from ex
        cid = store.add_correction(action, a, b, note)
        store.save_story(story, _fingerprint(store.result_versions(), settings, corrections))
        return next(r for r in store.corrections() if r["id"] == cid)


def corrections(db_path: str | Path) -> list[dict[str, Any]]:
    """The audit trail of entity corrections, oldest first."""
    from storyline.errors import StoreError
    from storyline.store.db import Store

    if not Path(db_path).is_file():
        raise StoreError(f"no store at {db_path} - run `storyline build SOURCE --db {db_path}` first")
    with Store(db_path) as store:
        return store.corrections()


# --------------------------------------------------------------------------- annotate (no store)


def annotate(
    inputs: Sequence[tuple[str, bytes]],
    *,
    dct: str | None = None,
    settings: Settings | None = None,
    progress: Progress = _noop,
) -> tuple[list[tuple[str, dict[str, Any]]], list[Problem]]:
    """Annotate documents as one story, without a store.

    Args:
        inputs: ``(name, raw bytes)`` pairs; HTML or text is detected.
        dct: a creation date (YYYY-MM-DD) to resolve relative expressions against.

    Returns:
        ``[(name, annotate_dict), ...]`` in input order, and the problems of inputs that failed.
    """
    from storyline import export as export_mod
    from storyline.stages import ingest

    settings = settings or load_settings()
    raws: list[tuple[str, RawDoc]] = []
    problems: list[Problem] = []
    for name, data in inputs:
        try:
            raws.append((name, ingest.read_article(data, origin=name, max_bytes=settings.ingest.max_article_bytes)))
        except InputError as ex:
            problems.append(Problem(name, "ingest", getattr(ex, "code", "input"), str(ex)))
    ctx = Context(settings=settings, batch=_batch_context(r.text for _, r in raws))
    results: list[tuple[str, ArticleResult]] = []
    for i, (name, raw) in enumerate(raws):
        out = run_article(raw, ctx, dct=dct)
        if isinstance(out, Problem):
            problems.append(out)
        else:
            results.append((name, out))
        progress("annotate", i + 1, len(raws))
    story = build_story([r for _, r in results], settings=settings)
    return [(name, export_mod.annotate_dict(r, story)) for name, r in results], problems


# --------------------------------------------------------------------------- reading the store


@dataclass(slots=True)
class Loaded:
    """A store's results and story, loaded once."""

    results: list[ArticleResult]
    story: Story
    raw_texts: dict[str, str] = field(default_factory=dict)


def load(db_path: str | Path) -> Loaded:
    """The results and story of the store at ``db_path``.

    Raises:
        StoreError: the store does not exist or is not a storyline store.
    """
    from storyline.errors import StoreError
    from storyline.store.db import Store

    if not Path(db_path).is_file():
        raise StoreError(f"no store at {db_path} - run `storyline build SOURCE --db {db_path}` first")
    if os.access(db_path, os.W_OK):
        with Store(db_path):
            pass  # applies pending migrations, so a store made by an older storyline opens
    with Store(db_path, readonly=True) as store:
        results = store.load_results()
        story = store.load_story()
    if story is None:
        story = build_story(results)
    return Loaded(results=results, story=story)


def export(db_path: str | Path, fmt: str, out: TextIO | str | Path) -> None:
    """Write the story in ``fmt`` (json, jsonl, csv, graphml) to ``out``."""
    from storyline import export as export_mod

    data = load(db_path)
    export_mod.write(data.results, data.story, fmt, out)


def _rows(kind: str, db_path: str | Path, **filters: Any) -> list[dict[str, Any]]:
    """Table rows of one kind (timeline, entities, claims, articles)."""
    from storyline import export as export_mod

    data = load(db_path)
    if kind == "timeline":
        return export_mod.timeline_rows(data.story, data.results, **filters)
    return export_mod.table_rows(kind, data.results, data.story)


def timeline(db_path: str | Path, *, entity: str | None = None, date_from: str | None = None,
             date_to: str | None = None) -> list[dict[str, Any]]:
    """Events in date order, optionally filtered by entity name and date range."""
    return _rows("timeline", db_path, entity=entity, date_from=date_from, date_to=date_to)


def entities(db_path: str | Path) -> list[dict[str, Any]]:
    """Resolved entities as table rows."""
    return _rows("entities", db_path)


def claims(db_path: str | Path) -> list[dict[str, Any]]:
    """Numeric claims as table rows."""
    return _rows("claims", db_path)


def articles(db_path: str | Path) -> list[dict[str, Any]]:
    """Articles as table rows."""
    return _rows("articles", db_path)


def search(db_path: str | Path, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over article bodies.

    Raises:
        QueryError: the query is not valid search syntax.
    """
    from storyline.errors import StoreError
    from storyline.store.db import Store

    if not Path(db_path).is_file():
        raise StoreError(f"no store at {db_path} - run `storyline build SOURCE --db {db_path}` first")
    with Store(db_path, readonly=True) as store:
        return store.search(query, limit=limit)


def report(db_path: str | Path, out: str | Path) -> Path:
    """Write the self-contained HTML report; returns its path."""
    from storyline import export as export_mod
    from storyline import report as report_mod

    data = load(db_path)
    story = export_mod.story_dict(data.results, data.story)
    raw_texts = {r.id: r.article.text for r in data.results}
    html = report_mod.render_report(story, raw_texts)
    path = Path(out)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path


def ensure_error(ex: BaseException) -> StorylineError:
    """The StorylineError to show for ``ex``."""
    return ex if isinstance(ex, StorylineError) else StorylineError(str(ex))
