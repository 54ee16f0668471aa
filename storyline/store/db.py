"""The SQLite store: raw bytes first, then one result per article, then the story.

Why SQLite (stdlib ``sqlite3``): one file, no server, FTS5 for search (Cyrillic included with
``unicode61 remove_diacritics 2``), and transactions that survive ``kill -9``. WAL mode lets the
web UI read while a build writes; ``synchronous=NORMAL`` in WAL keeps every committed
transaction across a process crash (only a power cut can lose the last ones, never consistency).

Every write method is one transaction (``BEGIN IMMEDIATE``): an article's result JSON, its
``articles`` row, its FTS row and its mentions are written together or not at all, so an
interrupted build leaves a valid store and ``raw_ids_needing`` finds what is left to do. The full
dataclasses are kept as JSON (``model.to_dict``) and read back with ``model.from_dict``; the
other tables are query copies (timeline by date, entity filters, search) rewritten from them.
All SQL is parameterised; sqlite3 errors surface as ``StoreError`` (``QueryError`` for bad
search syntax).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, ParamSpec, TypeVar

from storyline import __version__
from storyline.errors import QueryError, StoreError
from storyline.model import ArticleResult, Mention, Problem, Published, RawDoc, Story, from_dict, to_dict
from storyline.store.migrations import (
    APPLICATION_ID,
    MIGRATIONS,
    applied_migrations,
    apply_migrations,
    pending_migrations,
)

__all__ = ["Store", "quote_query"]

P = ParamSpec("P")
T = TypeVar("T")


def _now() -> str:
    """The current UTC time as an ISO string (seconds)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _dumps(obj: Any) -> str:
    """Compact JSON text (non-ASCII kept, unknown objects as strings)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)


def _guard(fn: Callable[P, T]) -> Callable[P, T]:
    """Wrap a method so that sqlite3 errors become StoreError."""

    @functools.wraps(fn)
    def inner(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return fn(*args, **kwargs)
        except sqlite3.Error as ex:
            store = args[0]
            raise StoreError(f"store {getattr(store, 'path', '?')}: {ex}") from ex

    return inner


def quote_query(text: str) -> str:
    """``text`` as a safe FTS5 query: every word a quoted string (all words must match); "" when none."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in text.replace("\x00", " ").split())


class Store:
    """A storyline store in one SQLite file; use as a context manager.

    Args:
        path: the database file; created (and migrated) when missing unless ``readonly``.
        readonly: open for reading only (no migrations, no writes).
        timeout_ms: how long to wait for another writer (``busy_timeout``).

    Raises:
        StoreError: the file cannot be opened, is not a storyline store, is corrupt, or (read
            only) is missing or needs an upgrade.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout_ms: int = 10_000) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.timeout_ms = int(timeout_ms)
        if readonly and not self.path.is_file():
            raise StoreError(f"no store at {self.path} - run `storyline build SOURCE --db {self.path}` first")
        try:
            if readonly:
                self.conn = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
            else:
                self.conn = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as ex:
            raise StoreError(f"cannot open the store {self.path}: {ex}") from ex
        try:
            self._setup()
        except sqlite3.DatabaseError as ex:
            self.conn.close()
            raise StoreError(f"{self.path} is not a storyline store or is damaged ({ex})") from ex
        except StoreError:
            self.conn.close()
            raise

    def _setup(self) -> None:
        """Check the file is ours, set pragmas, apply migrations (or refuse when read-only and stale)."""
        c = self.conn
        c.execute(f"PRAGMA busy_timeout = {self.timeout_ms}")
        app_id = c.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and ("_migrations" not in tables or app_id != APPLICATION_ID):
            raise StoreError(
                f"{self.path} is an SQLite database but not a storyline store - give --db a new file name"
            )
        c.execute("PRAGMA foreign_keys = ON")
        if self.readonly:
            if pending_migrations(c):
                raise StoreError(f"{self.path} was made by an older storyline - run `storyline build` once to upgrade it")
        else:
            c.execute("PRAGMA journal_mode = WAL")
            c.execute("PRAGMA synchronous = NORMAL")
            apply_migrations(c)
        known = {name for name, _ in MIGRATIONS}
        unknown = [m for m in applied_migrations(c) if m not in known]
        if unknown:
            raise StoreError(f"{self.path} was written by a newer storyline (migrations {unknown}) - upgrade storyline")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self.conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any exception."""
        if self.readonly:
            raise StoreError(f"store {self.path} is open read-only")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ------------------------------------------------------------------ raw documents and problems

    @_guard
    def has_raw(self, id: str) -> bool:
        """True when a raw document with this id is stored."""
        return self.conn.execute("SELECT 1 FROM raw_docs WHERE id = ?", (id,)).fetchone() is not None

    @_guard
    def add_raw(self, raw: RawDoc) -> bool:
        """Store a raw document; False (and nothing written) when its id is already stored."""
        decoded = _try_decode(raw.data, raw.encoding)
        with self._tx() as c:
            cur = c.execute(
                "INSERT OR IGNORE INTO raw_docs (id, origin, url, fetched_at, content_type, encoding, "
                "published_hint, title_hint, data, text, ingested_at, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (raw.id, raw.origin, raw.url, raw.fetched_at, raw.content_type, raw.encoding, raw.published_hint,
                 raw.title_hint, raw.data, None if decoded == raw.text else raw.text, _now(), _dumps(dict(raw.extra))),
            )
            return cur.rowcount == 1

    @_guard
    def load_raw(self, id: str) -> RawDoc:
        """The stored raw document ``id``; StoreError when there is none."""
        row = self.conn.execute(
            "SELECT id, origin, data, text, content_type, encoding, url, fetched_at, published_hint, title_hint, extra "
            "FROM raw_docs WHERE id = ?", (id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no raw document {id} in {self.path}")
        return _raw_from_row(row)

    def iter_raw_texts(self, batch: int = 200) -> Iterator[str]:
        """The decoded text of every raw document in ingestion order (read in batches, no open cursor)."""
        last = 0
        while True:
            try:
                rows = self.conn.execute(
                    "SELECT n, data, text, encoding FROM raw_docs WHERE n > ? ORDER BY n LIMIT ?", (last, batch)
                ).fetchall()
            except sqlite3.Error as ex:
                raise StoreError(f"store {self.path}: {ex}") from ex
            if not rows:
                return
            for _n, data, text, enc in rows:
                yield text if text is not None else (_try_decode(data, enc) or "")
            last = rows[-1][0]

    @_guard
    def add_problem(self, p: Problem) -> bool:
        """Record a problem; False when the same problem is already recorded."""
        with self._tx() as c:
            cur = c.execute(
                "INSERT OR IGNORE INTO problems (origin, stage, error, message, article_id, created_at) "
                "VALUES (?,?,?,?,?,?)", (p.origin, p.stage, p.error, p.message, p.article_id, _now()),
            )
            return cur.rowcount == 1

    @_guard
    def add_correction(self, action: str, a: str, b: str, note: str | None = None) -> int:
        """Record an entity correction in the audit trail; returns its id."""
        with self._tx() as c:
            cur = c.execute(
                "INSERT INTO corrections (action, a, b, note, created_at) VALUES (?,?,?,?,?)",
                (action, a, b, note, _now()),
            )
            return int(cur.lastrowid or 0)

    @_guard
    def corrections(self) -> list[dict[str, Any]]:
        """Every recorded correction, oldest first, as dicts (id, action, a, b, note, created_at)."""
        rows = self.conn.execute("SELECT id, action, a, b, note, created_at FROM corrections ORDER BY id")
        return [dict(zip(("id", "action", "a", "b", "note", "created_at"), r, strict=True)) for r in rows]

    @_guard
    def problems(self) -> list[Problem]:
        """Every recorded problem, oldest first."""
        rows = self.conn.execute("SELECT origin, stage, error, message, article_id FROM problems ORDER BY id")
        return [Problem(*r) for r in rows]

    # ------------------------------------------------------------------ per-article results

    @_guard
    def raw_ids_needing(self, version: str) -> list[str]:
        """Ids of raw documents without a result at ``version``, in ingestion order."""
        rows = self.conn.execute(
            "SELECT r.id FROM raw_docs r LEFT JOIN results s ON s.article_id = r.id AND s.version = ? "
            "WHERE s.article_id IS NULL ORDER BY r.n", (version,),
        )
        return [r[0] for r in rows]

    @_guard
    def save_result(self, result: ArticleResult, version: str) -> None:
        """Store one article's result in one transaction (replacing older versions and their problems).

        Writes the result JSON, the ``articles`` row (and through its trigger the FTS row) and
        the mentions; the raw document must be stored first.
        """
        if not isinstance(result, ArticleResult):
            raise TypeError(f"save_result expects an ArticleResult, got {type(result).__name__}")
        a, pub = result.article, result.published
        data = _dumps(to_dict(result))
        with self._tx() as c:
            aid = a.id
            c.execute("DELETE FROM articles WHERE id = ?", (aid,))
            c.execute("DELETE FROM mentions WHERE article_id = ?", (aid,))
            c.execute("DELETE FROM results WHERE article_id = ?", (aid,))
            c.execute("DELETE FROM problems WHERE article_id = ? AND stage != 'ingest'", (aid,))
            c.execute("INSERT INTO results (article_id, version, data, processed_at) VALUES (?,?,?,?)",
                      (aid, version, data, _now()))
            c.execute(
                "INSERT INTO articles (id, origin, url, title, body, language, outlet, published_date, "
                "published_earliest, published_latest, confidence, flags, copy_of) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (aid, a.origin, a.url, a.title, a.body, result.language, a.outlet, pub.date, pub.earliest,
                 pub.latest, pub.confidence, _dumps(list(result.flags)), result.copy_of),
            )
            self._write_mentions(c, result)

    def _write_mentions(self, c: sqlite3.Connection, result: ArticleResult) -> None:
        """Insert the article's mentions (inside the caller's transaction)."""
        c.executemany(
            'INSERT INTO mentions (article_id, idx, start, "end", text, type, name, entity_id) VALUES (?,?,?,?,?,?,?,?)',
            [(result.id, i, m.start, m.end, m.text, m.type, m.name, m.entity_id) for i, m in enumerate(result.mentions)],
        )

    @_guard
    def load_result(self, id: str) -> ArticleResult | None:
        """The stored result of article ``id``, or None."""
        row = self.conn.execute("SELECT data FROM results WHERE article_id = ?", (id,)).fetchone()
        return _result_from_json(row[0]) if row else None

    @_guard
    def load_results(self) -> list[ArticleResult]:
        """Every stored result, in ingestion order."""
        rows = self.conn.execute(
            "SELECT s.data FROM results s JOIN raw_docs r ON r.id = s.article_id ORDER BY r.n"
        ).fetchall()
        return [_result_from_json(r[0]) for r in rows]

    @_guard
    def result_versions(self) -> list[tuple[str, str]]:
        """``(article id, version)`` of every stored result."""
        return [(r[0], r[1]) for r in self.conn.execute("SELECT article_id, version FROM results ORDER BY article_id")]

    # ------------------------------------------------------------------ the story

    @_guard
    def save_story(self, story: Story, fingerprint: str) -> None:
        """Replace the story and its query tables (entities, events, claims...) in one transaction."""
        with self._tx() as c:
            for table in ("claim_articles", "claims", "event_articles", "event_entities", "events",
                          "entity_aliases", "entities", "story"):
                c.execute(f"DELETE FROM {table}")
            c.execute("INSERT INTO story (id, data, fingerprint, version, built_at) VALUES (1,?,?,?,?)",
                      (_dumps(_story_to_dict(story)), fingerprint, __version__, _now()))
            c.executemany(
                "INSERT OR REPLACE INTO entities (id, name, type, wikidata, mentions, first_seen, last_seen) "
                "VALUES (?,?,?,?,?,?,?)",
                [(e.id, e.name, e.type, e.wikidata, e.mentions, e.first_seen, e.last_seen) for e in story.entities],
            )
            c.executemany(
                "INSERT INTO entity_aliases (entity_id, name, reason, count) VALUES (?,?,?,?)",
                [(e.id, al.name, al.reason, al.count) for e in story.entities for al in e.aliases],
            )
            c.executemany(
                "INSERT OR REPLACE INTO events (id, type, mode, summary, date, source, location) VALUES (?,?,?,?,?,?,?)",
                [(ev.id, ev.type, ev.mode, ev.summary, ev.date, ev.source, ev.location) for ev in story.events],
            )
            roles = {(ev.id, eid, role) for ev in story.events
                     for role, ids in (("participant", ev.participants), ("actor", ev.actors),
                                       ("target", ev.targets), ("location", (ev.location,) if ev.location else ()))
                     for eid in ids}
            c.executemany("INSERT INTO event_entities (event_id, entity_id, role) VALUES (?,?,?)", sorted(roles))
            c.executemany("INSERT OR IGNORE INTO event_articles (event_id, article_id) VALUES (?,?)",
                          [(ev.id, aid) for ev in story.events for aid in ev.articles])
            c.executemany(
                "INSERT OR REPLACE INTO claims (id, subject, value, unit, approximate, source, source_entity, stated) "
                "VALUES (?,?,?,?,?,?,?,?)",
                [(cl.id, cl.subject, cl.value, cl.unit, int(cl.approximate), cl.source, cl.source_entity, cl.stated)
                 for cl in story.claims],
            )
            c.executemany("INSERT OR IGNORE INTO claim_articles (claim_id, article_id) VALUES (?,?)",
                          [(cl.id, aid) for cl in story.claims for aid in cl.articles])
            # the story's own mentions (stages/story_names.py) follow each article's: replace them
            c.execute("DELETE FROM mentions WHERE idx >= (SELECT json_array_length(s.data, '$.mentions') "
                      "FROM results s WHERE s.article_id = mentions.article_id)")
            own = dict(c.execute("SELECT article_id, json_array_length(data, '$.mentions') FROM results").fetchall())
            c.executemany(
                'INSERT OR REPLACE INTO mentions (article_id, idx, start, "end", text, type, name) VALUES (?,?,?,?,?,?,?)',
                [(aid, own[aid] + k, m.start, m.end, m.text, m.type, m.name)
                 for aid, ms in story.mentions.items() if aid in own for k, m in enumerate(ms)],
            )
            c.execute("UPDATE mentions SET entity_id = NULL")
            c.executemany("UPDATE mentions SET entity_id = ? WHERE article_id = ? AND idx = ?",
                          [(eid, aid, idx) for (aid, idx), eid in story.mention_entities.items()])
            c.execute("UPDATE articles SET copy_of = (SELECT json_extract(s.data, '$.copy_of') FROM results s "
                      "WHERE s.article_id = articles.id)")
            c.executemany("UPDATE articles SET copy_of = ? WHERE id = ?",
                          [(src, aid) for aid, src in story.copies.items()])

    @_guard
    def load_story(self) -> Story | None:
        """The stored story, or None before the first one is built."""
        row = self.conn.execute("SELECT data FROM story WHERE id = 1").fetchone()
        return _story_from_dict(json.loads(row[0])) if row else None

    @_guard
    def story_fingerprint(self) -> str | None:
        """The fingerprint given with the stored story, or None when there is none."""
        row = self.conn.execute("SELECT fingerprint FROM story WHERE id = 1").fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ search and counts

    def search(self, query: str, limit: int = 20, *, quote: bool = False,
               mark: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
        """Full-text search over article titles and bodies, best match first.

        Args:
            query: FTS5 syntax (words, "phrases", AND/OR/NOT, prefix*, NEAR(...)).
            quote: treat ``query`` as plain words (every word quoted) instead of FTS5 syntax.
            mark: the strings put around matched words in ``snippet`` and ``title_highlight``.

        Returns:
            Dicts with id, origin, title, title_highlight, snippet, published, outlet, language, rank.

        Raises:
            QueryError: empty query or invalid FTS5 syntax (the message suggests the quoted form).
        """
        q = quote_query(query) if quote else query.strip()
        if not q:
            raise QueryError("empty search query - give one or more words")
        sql = (
            "SELECT a.id, a.origin, a.title, highlight(articles_fts, 0, ?, ?), "
            "snippet(articles_fts, 1, ?, ?, '…', 16), a.published_date, a.outlet, a.language, articles_fts.rank "
            "FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY articles_fts.rank LIMIT ?"
        )
        try:
            rows = self.conn.execute(sql, (mark[0], mark[1], mark[0], mark[1], q, int(limit))).fetchall()
        except sqlite3.OperationalError as ex:
            raise QueryError(
                f"invalid search query {query!r} ({ex}). Use words, \"exact phrases\", AND/OR/NOT, prefix* or "
                f"NEAR(a b); to search the words literally, quote them: {quote_query(query)}"
            ) from ex
        except sqlite3.Error as ex:
            raise StoreError(f"store {self.path}: {ex}") from ex
        keys = ("id", "origin", "title", "title_highlight", "snippet", "published", "outlet", "language", "rank")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    @_guard
    def counts(self) -> dict[str, int]:
        """Row counts: raw_docs, results, articles, problems, mentions, entities, events, claims."""
        names = ("raw_docs", "results", "articles", "problems", "mentions", "entities", "events", "claims")
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in names}

    @_guard
    def integrity_check(self) -> list[str]:
        """SQLite's integrity check plus the FTS index check; ["ok"] when all is well."""
        rows = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
        if not self.readonly:
            self.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        return rows


# ---------------------------------------------------------------------- (de)serialisation helpers


def _try_decode(data: bytes, encoding: str) -> str | None:
    """``data`` decoded with ``encoding`` (bad bytes as U+FFFD, as ingest does), or None for an unknown codec."""
    try:
        return data.decode(encoding, "replace")
    except (UnicodeDecodeError, LookupError):
        return None


def _raw_from_row(row: tuple[Any, ...]) -> RawDoc:
    """A RawDoc from a raw_docs row (id, origin, data, text, content_type, encoding, url, ...)."""
    rid, origin, data, text, ctype, enc, url, fetched, pub, title, extra = row
    if text is None:
        text = _try_decode(data, enc) or ""
    return RawDoc(id=rid, origin=origin, data=bytes(data), text=text, content_type=ctype, encoding=enc, url=url,
                  fetched_at=fetched, published_hint=pub, title_hint=title, extra=json.loads(extra))


def _result_from_json(text: str) -> ArticleResult:
    """An ArticleResult from its stored JSON."""
    result: ArticleResult = from_dict(ArticleResult, json.loads(text))
    return result


def _story_to_dict(story: Story) -> dict[str, Any]:
    """``to_dict(story)`` with the tuple-keyed mention map as ``[article, index, entity]`` triples."""
    d: dict[str, Any] = to_dict(story)
    d["mention_entities"] = [[aid, idx, eid] for (aid, idx), eid in story.mention_entities.items()]
    return d


def _story_from_dict(d: dict[str, Any]) -> Story:
    """The Story written by ``_story_to_dict``."""
    triples = d.pop("mention_entities", [])
    published = d.pop("published", {})
    added = d.pop("mentions", {})
    story: Story = from_dict(Story, {**d, "mention_entities": {}, "published": {}, "mentions": {}})
    return dataclasses.replace(
        story,
        mention_entities={(aid, int(idx)): eid for aid, idx, eid in triples},
        published={aid: from_dict(Published, p) for aid, p in published.items()},
        mentions={aid: tuple(from_dict(Mention, m) for m in ms) for aid, ms in added.items()},
    )
