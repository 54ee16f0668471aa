"""Store: round trips, idempotent ingest, FTS search, migrations and crash safety (kill -9)."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import QueryError, StoreError
from storyline.model import (
    Alias,
    ArticleResult,
    Claim,
    CleanArticle,
    DateEvidence,
    Entity,
    Event,
    Evidence,
    LanguageSpan,
    Mention,
    Problem,
    Published,
    Quantity,
    Segment,
    Sentence,
    Span,
    Story,
    StoryClaim,
    StoryEvent,
    Timex,
)
from storyline.stages.ingest import read_article
from storyline.store import migrations
from storyline.store.db import Store, quote_query

ROOT = Path(__file__).resolve().parent.parent


def make_result(raw_id: str, text: str, origin: str = "a.txt", *, title: str | None = None) -> ArticleResult:
    """A hand-built ArticleResult whose body is ``text`` after an optional first title line."""
    start = 0
    if title:
        text = title + "\n\n" + text
        start = len(title) + 2
    body = text[start:]
    art = CleanArticle(
        id=raw_id, origin=origin, text=text, body=body, segments=(Segment(0, start, len(body)),),
        title=title, title_start=0 if title else None, title_end=len(title) if title else None,
        outlet="UNN", steps=("test",),
    )
    i = text.find("Kyiv")
    mentions = (Mention(i, i + 4, "Kyiv", "Place", "Kyiv", kb_id="Q1899"),) if i >= 0 else ()
    q = text.find("10,000")
    quantities = (Quantity(q, q + 6, "10,000", 10000.0, "soldiers", approximate=True, hedge="about"),) if q >= 0 else ()
    claims = (Claim("troops", 10000.0, "soldiers", True, 0, source="KCNA", evidence=(Span(q, q + 6, "10,000"),)),
              ) if q >= 0 else ()
    events = (Event("CONSULT", "", Span(start, start + 3, text[start:start + 3]), "talks", actors=(0,),
                    date="2024-10-28", evidence=(Span(start, start + 3, text[start:start + 3]),)),) if mentions else ()
    return ArticleResult(
        article=art, language="en", languages=(LanguageSpan(start, len(text), "en", 0.9),),
        published=Published("2024-10-28", "2024-10-27", "2024-10-29", 0.8,
                            (DateEvidence(0, 4, text[:4], "dateline", "2024-10-27", "2024-10-29", 0.5),)),
        sentences=(Sentence(0, start, len(text), body),),
        timexes=(Timex(start, start + 2, text[start:start + 2], "DATE", "2024-10-28", anchor="2024-10-28"),),
        mentions=mentions, quantities=quantities, events=events, claims=claims, flags=("syndicated",),
        problems=(Problem(origin, "events", "ValueError", "boom", raw_id),),
    )


def add_doc(store: Store, text: str, origin: str = "a.txt", **kw: object) -> ArticleResult:
    """Ingest ``text`` and save a hand-built result for it."""
    raw = read_article(text.encode(), origin=origin)
    store.add_raw(raw)
    res = make_result(raw.id, raw.text, origin, **kw)  # type: ignore[arg-type]
    store.save_result(res, "v1")
    return res


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "s.db"


def test_store_result_round_trip(db: Path):
    with Store(db) as s:
        res = add_doc(s, "About 10,000 soldiers reached Kyiv, KCNA said.", title="Troops")
        assert s.load_result(res.id) == res
        assert s.load_results() == [res]
        assert s.load_result("missing") is None
    with Store(db, readonly=True) as s:
        assert s.load_results() == [res]
        row = s.conn.execute("SELECT title, body, published_date, flags FROM articles").fetchone()
        assert row == ("Troops", res.article.body, "2024-10-28", '["syndicated"]')


def test_store_add_raw_is_idempotent(db: Path):
    raw = read_article(b"Same bytes twice.", origin="a.txt")
    with Store(db) as s:
        assert not s.has_raw(raw.id)
        assert s.add_raw(raw) is True
        assert s.add_raw(raw) is False
        assert s.add_raw(read_article(b"Same bytes twice.", origin="b.txt")) is False
        assert s.has_raw(raw.id)
        assert s.counts()["raw_docs"] == 1
        assert s.load_raw(raw.id) == raw
        with pytest.raises(StoreError):
            s.load_raw("nope")


def test_store_keeps_legacy_encodings_and_extra(db: Path):
    raw = read_article("Новини: війська на фронті.".encode("cp1251"), origin="u.txt", extra={"k": [1, "x"]})
    with Store(db) as s:
        s.add_raw(raw)
        back = s.load_raw(raw.id)
        assert back == raw and back.encoding == "cp1251"
        assert list(s.iter_raw_texts()) == [raw.text]


def test_store_raw_ids_needing_and_versions(db: Path):
    with Store(db) as s:
        a = add_doc(s, "First article about Kyiv.", "a.txt")
        b = read_article(b"Second article, not processed.", origin="b.txt")
        s.add_raw(b)
        assert s.raw_ids_needing("v1") == [b.id]
        assert s.raw_ids_needing("v2") == [a.id, b.id]
        s.save_result(dataclasses.replace(a, language="de"), "v2")
        assert s.raw_ids_needing("v2") == [b.id]
        assert s.counts()["results"] == 1 and s.counts()["articles"] == 1
        assert s.load_result(a.id).language == "de"
        assert s.result_versions() == [(a.id, "v2")]


def test_store_save_result_needs_its_raw_doc(db: Path):
    with Store(db) as s, pytest.raises(StoreError):
        s.save_result(make_result("0" * 64, "Orphan text."), "v1")


def test_store_problems_recorded_once(db: Path):
    p = Problem("x.png", "ingest", "binary", "binary input: a PNG image")
    with Store(db) as s:
        assert s.add_problem(p) is True
        assert s.add_problem(p) is False
        assert s.add_problem(Problem("y.png", "ingest", "binary", "binary input: a PNG image")) is True
        assert s.problems() == [p, Problem("y.png", "ingest", "binary", "binary input: a PNG image")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Kyiv", {"en.txt"}),
        ("soldiers AND kyiv", {"en.txt"}),
        ("Пхеньян", {"ru.txt"}),
        ("пхеньян", {"ru.txt"}),
        ("войск*", {"ru.txt"}),
        ("cafe", {"fr.txt"}),
        ('"reached Kyiv"', {"en.txt"}),
        ("nothingmatches", set()),
    ],
)
def test_store_search(db: Path, query: str, expected: set[str]):
    with Store(db) as s:
        add_doc(s, "About 10,000 soldiers reached Kyiv, KCNA said.", "en.txt", title="Troops")
        add_doc(s, "Пхеньян направил войска в Курскую область.", "ru.txt")
        add_doc(s, "Le café de la gare est fermé.", "fr.txt")
        hits = s.search(query)
    assert {h["origin"] for h in hits} == expected
    for h in hits:
        assert "[" in h["snippet"] + (h["title_highlight"] or "")


def test_store_search_snippet_marks_the_match(db: Path):
    with Store(db) as s:
        add_doc(s, "About 10,000 soldiers reached Kyiv, KCNA said.", "en.txt")
        (hit,) = s.search("kyiv", mark=("<b>", "</b>"))
    assert "<b>Kyiv</b>" in hit["snippet"]


@pytest.mark.parametrize("query", ['"unbalanced', "AND", "title:", "a NEAR(", "(kyiv", "", "   "])
def test_store_search_bad_syntax_raises_query_error(db: Path, query: str):
    with Store(db) as s:
        add_doc(s, "About 10,000 soldiers reached Kyiv.", "en.txt")
        with pytest.raises(QueryError):
            s.search(query)


@pytest.mark.parametrize(("query", "n"), [('"unbalanced', 0), ("(kyiv", 1), ("AND kyiv", 1), ("kyiv:", 1)])
def test_store_search_quote_mode_accepts_any_text(db: Path, query: str, n: int):
    with Store(db) as s:
        add_doc(s, "About 10,000 soldiers reached Kyiv.", "en.txt")
        if query == "AND kyiv":
            add_doc(s, "The word and appears here with Kyiv.", "b.txt")
            n = 1
        assert len(s.search(query, quote=True)) == n


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("fts") / "s.db"
    with Store(path) as s:
        add_doc(s, "About 10,000 soldiers reached Kyiv, KCNA said.", "en.txt")
        add_doc(s, "Пхеньян направил войска в Курскую область.", "ru.txt")
    with Store(path, readonly=True) as s:
        yield s


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_store_search_raises_only_query_error(small_store: Store, query: str):
    for quote in (False, True):
        try:
            hits = small_store.search(query, quote=quote)
        except QueryError as ex:
            assert str(ex)
            assert not quote or not query.replace("\x00", " ").split(), "quote mode accepts any non-blank text"
        else:
            assert all(h["origin"] in ("en.txt", "ru.txt") for h in hits)


def test_store_quote_query_escapes_quotes():
    assert quote_query('say "hi" now') == '"say" """hi""" "now"'
    assert quote_query("  ") == ""


def test_store_story_round_trip_and_query_tables(db: Path):
    with Store(db) as s:
        res = add_doc(s, "About 10,000 soldiers reached Kyiv, KCNA said.", "en.txt")
        aid = res.id
        story = Story(
            entities=(Entity("e1", "Kyiv", "Place", (Alias("Kyiv", "exact", 1), Alias("Kiev", "kb-alias")),
                             "Q1899", 1, (aid,), "2024-10-28", "2024-10-28"),),
            events=(StoryEvent("ev1", "CONSULT", "talks", "2024-10-28", ("e1",), (aid,),
                               (Evidence(aid, 0, 5, "About"),), actors=("e1",), members=((aid, 0),)),),
            claims=(StoryClaim("c1", "troops", 10000.0, "soldiers", True, "KCNA", "2024-10-28", (aid,),
                               (Evidence(aid, 6, 12, "10,000"),)),),
            mention_entities={(aid, 0): "e1"}, copies={},
            published={aid: Published("2024-10-28", "2024-10-28", "2024-10-28", 0.9)},
            mentions={aid: (Mention(46, 50, "KCNA", "Organization", "Korean Central News Agency", kb_id="Q1",
                                    source="story"),)},
        )
        assert s.load_story() is None and s.story_fingerprint() is None
        s.save_story(story, "fp1")
        s.save_story(dataclasses.replace(story, copies={aid: "other"}), "fp0")
        assert s.conn.execute("SELECT copy_of FROM articles").fetchone() == ("other",)
        s.save_story(story, "fp1")  # rewriting replaces, never duplicates
        assert s.conn.execute("SELECT copy_of FROM articles").fetchone() == (None,)
        assert s.load_story() == story
        assert s.story_fingerprint() == "fp1"
        c = s.conn
        assert c.execute("SELECT entity_id FROM mentions WHERE article_id = ? AND idx = 0", (aid,)).fetchone() == ("e1",)
        # the story's own mention follows the article's (one stored once, however often the story is saved)
        own = len(s.load_results()[0].mentions)
        assert c.execute("SELECT idx, text, name FROM mentions WHERE article_id = ? AND idx >= ?", (aid, own)).fetchall() \
            == [(own, "KCNA", "Korean Central News Agency")]
        timeline = c.execute(
            "SELECT e.date, e.type FROM events e JOIN event_entities x ON x.event_id = e.id "
            "JOIN entity_aliases al ON al.entity_id = x.entity_id "
            "WHERE al.name = ? COLLATE NOCASE AND x.role = 'participant' ORDER BY e.date", ("kiev",)).fetchall()
        assert timeline == [("2024-10-28", "CONSULT")]
        assert s.counts()["claims"] == 1 and s.counts()["entities"] == 1


def test_store_migrations_applied_once(db: Path):
    with Store(db) as s:
        names = [r[0] for r in s.conn.execute("SELECT name FROM _migrations")]
    assert names == [name for name, _ in migrations.MIGRATIONS]
    with Store(db) as s:
        assert migrations.apply_migrations(s.conn) == []
        assert [r[0] for r in s.conn.execute("SELECT name FROM _migrations")] == names
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_store_refuses_foreign_and_corrupt_files(tmp_path: Path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a storyline store"):
        Store(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is certainly not sqlite" * 100)
    with pytest.raises(StoreError):
        Store(junk)
    assert junk.read_bytes() == b"this is certainly not sqlite" * 100
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.db", readonly=True)
    with pytest.raises(StoreError):
        Store(tmp_path / "no-such-dir" / "s.db")


def test_store_readonly_refuses_writes(db: Path):
    Store(db).close()
    with Store(db, readonly=True) as s, pytest.raises(StoreError, match="read-only"):
        s.add_problem(Problem("a", "ingest", "empty", "m"))


def test_store_empty_store(db: Path):
    with Store(db) as s:
        assert s.load_results() == [] and s.problems() == [] and s.raw_ids_needing("v") == []
        assert set(s.counts().values()) == {0}
        assert s.search("anything") == []
        assert s.integrity_check() == ["ok"]


# --------------------------------------------------------------------------- crash safety

CHILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
    from test_store import make_result
    from storyline.stages.ingest import read_article
    from storyline.store.db import Store

    class SlowStore(Store):
        def _write_mentions(self, c, result):
            super()._write_mentions(c, result)
            if {hang} and result.article.origin == "doc5.txt":
                print("in-transaction", flush=True)
                time.sleep(60)

    with SlowStore({db!r}) as s:
        raws = [read_article(("Kyiv report number %d. " % i * 400).encode(), origin="doc%d.txt" % i)
                for i in range(300)]
        for r in raws:
            s.add_raw(r)
        print("ingested", flush=True)
        for i, r in enumerate(raws):
            s.save_result(make_result(r.id, r.text, r.origin), "v1")
            print("saved", i, flush=True)
            time.sleep(0.002)  # leave the parent time to kill mid-build on a fast machine
""")


@pytest.mark.parametrize("hang", [False, True], ids=["mid-build", "mid-transaction"])
def test_store_survives_kill_9(db: Path, hang: bool):
    code = CHILD.format(root=str(ROOT), tests=str(ROOT / "tests"), db=str(db), hang=hang)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    saved = 0
    for line in proc.stdout:
        if line.startswith("saved"):
            saved += 1
        if (hang and line.startswith("in-transaction")) or (not hang and saved >= 5):
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with Store(db) as s:
        assert s.integrity_check() == ["ok"]
        needing = s.raw_ids_needing("v1")
        done = [rid for rid, _ in s.result_versions()]
        assert len(done) >= 5 and needing, "the kill landed after the build finished"
        assert set(needing).isdisjoint(done) and len(needing) + len(done) == 300
        assert s.counts()["articles"] == len(done) == s.counts()["mentions"]
        assert s.counts()["raw_docs"] == 300
        if hang:  # the transaction of doc5 was open: nothing of it may remain
            assert len(done) == 5
            assert s.conn.execute("SELECT count(*) FROM articles WHERE origin = 'doc5.txt'").fetchone() == (0,)
        for rid in needing[:3]:  # the next build picks up where the last stopped
            raw = s.load_raw(rid)
            s.save_result(make_result(raw.id, raw.text, raw.origin), "v1")
        assert len(s.raw_ids_needing("v1")) == len(needing) - 3
        assert len(s.search("kyiv", limit=1000)) == len(done) + 3
