"""Schema migrations for the SQLite store: named functions, each applied once and recorded.

The pattern of sqlite-utils' companion ``sqlite-migrate`` (``Migrations`` with named steps
recorded in a table): a migration is a plain function of the connection, registered in order;
``apply_migrations`` runs the pending ones, each in its own ``BEGIN IMMEDIATE`` transaction
together with its ``_migrations`` row, so two processes opening a new store at once cannot both
apply a step and a crash mid-step leaves the schema as it was. Never edit an applied migration:
add a new one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

__all__ = ["APPLICATION_ID", "MIGRATIONS", "applied_migrations", "apply_migrations", "pending_migrations"]

# PRAGMA application_id marks a file as a storyline store ("STLN").
APPLICATION_ID = 0x53544C4E

Migration = Callable[[sqlite3.Connection], None]


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute each statement of ``script`` (inside the caller's transaction, unlike executescript)."""
    stmt = ""
    for line in script.splitlines(keepends=True):
        stmt += line
        if sqlite3.complete_statement(stmt):
            conn.execute(stmt)
            stmt = ""
    if stmt.strip():
        raise ValueError(f"incomplete SQL statement in migration: {stmt[:80]!r}")


def m001_initial(conn: sqlite3.Connection) -> None:
    """Raw documents, problems, per-article results, articles with FTS5, and the story tables."""
    _run_script(conn, f"""
PRAGMA application_id = {APPLICATION_ID};
CREATE TABLE raw_docs (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    url TEXT,
    fetched_at TEXT,
    content_type TEXT NOT NULL,
    encoding TEXT NOT NULL,
    published_hint TEXT,
    title_hint TEXT,
    data BLOB NOT NULL,
    text TEXT,
    ingested_at TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '{{}}'
);
CREATE TABLE problems (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    stage TEXT NOT NULL,
    error TEXT NOT NULL,
    message TEXT NOT NULL,
    article_id TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX problems_unique ON problems(origin, stage, error, message, coalesce(article_id, ''));
CREATE INDEX problems_article ON problems(article_id);
CREATE TABLE results (
    article_id TEXT PRIMARY KEY REFERENCES raw_docs(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    data TEXT NOT NULL,
    processed_at TEXT NOT NULL
);
CREATE INDEX results_version ON results(version);
CREATE TABLE articles (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE REFERENCES results(article_id) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    url TEXT,
    title TEXT,
    body TEXT NOT NULL,
    language TEXT,
    outlet TEXT,
    published_date TEXT,
    published_earliest TEXT,
    published_latest TEXT,
    confidence REAL,
    flags TEXT NOT NULL DEFAULT '[]',
    copy_of TEXT
);
CREATE INDEX articles_published ON articles(published_date);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='n', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.n, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.n, old.title, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.n, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.n, new.title, new.body);
END;
CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES results(article_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    entity_id TEXT,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE TABLE story (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    version TEXT NOT NULL,
    built_at TEXT NOT NULL
);
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    wikidata TEXT,
    mentions INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE TABLE entity_aliases (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    reason TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX entity_aliases_name ON entity_aliases(name COLLATE NOCASE);
CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    mode TEXT NOT NULL,
    summary TEXT NOT NULL,
    date TEXT,
    source TEXT,
    location TEXT
);
CREATE INDEX events_date ON events(date);
CREATE TABLE event_entities (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    role TEXT NOT NULL
);
CREATE INDEX event_entities_entity ON event_entities(entity_id);
CREATE INDEX event_entities_event ON event_entities(event_id);
CREATE TABLE event_articles (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    PRIMARY KEY (event_id, article_id)
);
CREATE INDEX event_articles_article ON event_articles(article_id);
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    value REAL,
    unit TEXT,
    approximate INTEGER NOT NULL,
    source TEXT,
    source_entity TEXT,
    stated TEXT
);
CREATE TABLE claim_articles (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    PRIMARY KEY (claim_id, article_id)
);
""")


def m002_corrections(conn: sqlite3.Connection) -> None:
    """Entity corrections (merge, split, rename): the review loop's audit trail, replayed on every rebuild."""
    _run_script(conn, """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('merge', 'split', 'rename')),
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL
);
""")


MIGRATIONS: tuple[tuple[str, Migration], ...] = (
    ("m001_initial", m001_initial),
    ("m002_corrections", m002_corrections),
)

_TABLE = """CREATE TABLE IF NOT EXISTS _migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)"""


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in ``_migrations``, in order; empty when there is no such table."""
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone()
    if not has:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]


def pending_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of known migrations not yet applied, in order."""
    done = set(applied_migrations(conn))
    return [name for name, _ in MIGRATIONS if name not in done]


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations, one transaction each; returns the names applied now.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    done_now: list[str] = []
    for name, fn in MIGRATIONS:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(_TABLE)
            if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("COMMIT")
                continue
            fn(conn)
            conn.execute(
                "INSERT INTO _migrations(name, applied_at) VALUES (?, ?)",
                (name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done_now.append(name)
    return done_now
