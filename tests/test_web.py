"""Web app: every page and API endpoint on a hand-built store, the error shape, CSP, escaping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from storyline.model import (
    Alias,
    ArticleResult,
    ChromeSpan,
    CleanArticle,
    DateEvidence,
    Entity,
    Evidence,
    LanguageSpan,
    Mention,
    Published,
    Segment,
    Story,
    StoryClaim,
    StoryEvent,
)
from storyline.stages.ingest import read_article
from storyline.store.db import Store

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '"><svg onload=alert(1)>',
    "' OR 1=1 --",
]


def _article(origin: str, title: str, paragraphs: list[str], chrome: list[tuple[str, str]], *, outlet: str,
             url: str | None = None) -> tuple[bytes, CleanArticle]:
    """Raw bytes and a CleanArticle: title line, body paragraphs, then chrome lines with reasons."""
    text = "\n\n".join([title, *paragraphs, *(c for c, _ in chrome)])
    data = text.encode("utf-8")
    raw = read_article(data, origin=origin)
    segs, body, pos = [], [], len(title) + 2
    for p in paragraphs:
        segs.append(Segment(len("\n\n".join(body)) + (2 if body else 0), pos, len(p)))
        body.append(p)
        pos += len(p) + 2
    spans = []
    for c, reason in chrome:
        spans.append(ChromeSpan(pos, pos + len(c), reason))
        pos += len(c) + 2
    art = CleanArticle(id=raw.id, origin=origin, text=raw.text, body="\n\n".join(body), segments=tuple(segs),
                       title=title, title_start=0, title_end=len(title), chrome=tuple(spans), outlet=outlet, url=url)
    return data, art


def _ev(art: CleanArticle, phrase: str) -> Evidence:
    """Evidence for the first occurrence of ``phrase`` in the article text."""
    i = art.text.index(phrase)
    return Evidence(art.id, i, i + len(phrase), phrase)


def _mentions(art: CleanArticle, names: dict[str, str]) -> tuple[Mention, ...]:
    """A mention for every occurrence of each name (name -> type)."""
    out = []
    for name, typ in names.items():
        for m in re.finditer(re.escape(name), art.text):
            out.append(Mention(m.start(), m.end(), name, typ, name))
    return tuple(sorted(out, key=lambda m: m.start))


def make_story(hostile: bool = False) -> tuple[list[tuple[bytes, ArticleResult]], Story]:
    """Three articles (one a copy), two entities, three events, two disagreeing claims."""
    bad = " ".join(HOSTILE) if hostile else ""
    who = ("Kim Jong Un" + (" <b>" + HOSTILE[0] + "</b>" if hostile else ""))
    p1 = [f"Kim Jong Un met officials of Russia in Pyongyang on Monday. {bad}".strip(),
          "According to the State Department, about 10,000 soldiers were sent to Russia."]
    p2 = ["Russia shelled the port in June 2024, officials said.",
          f"Kyiv says 12,000 soldiers were sent to Russia. {bad}".strip()]
    t1 = "Kim meets Russian envoys" + (" " + HOSTILE[3] if hostile else "")
    d1, a1 = _article("one.txt", t1, p1, [("Most read: 1,234 views", "view-counter")], outlet="Daily Wire Service",
                      url="javascript:alert(1)" if hostile else "https://example.org/one")
    d2, a2 = _article("two.txt", "Port shelled", p2, [(f"Related: other news {bad}".strip(), "teaser")],
                      outlet="Kyiv Times" + (" " + HOSTILE[1] if hostile else ""))
    d3, a3 = _article("three.txt", t1 + " (copy)", p1, [], outlet="Echo News")
    names = {"Kim Jong Un": "Person", "Russia": "Country"}
    results = []
    for data, art, date in ((d1, a1, "2024-10-28"), (d2, a2, "2024-06-15"), (d3, a3, "2024-10-29")):
        i = art.text.index("Monday") if "Monday" in art.text else art.text.index("June")
        pub = Published(date, date, date, 0.8, (DateEvidence(i, i + 4, art.text[i:i + 4], "dateline", date, date, 0.8),))
        results.append((data, ArticleResult(article=art, language="en", languages=(LanguageSpan(0, len(art.text), "en", .9),),
                                            published=pub, mentions=_mentions(art, names))))
    ids = [r.id for _, r in results]
    mention_entities = {(r.id, i): ("e-kim" if m.text.startswith("Kim") else "e-ru")
                        for _, r in results for i, m in enumerate(r.mentions)}
    entities = (
        Entity("e-ru", "Russia" + (" " + HOSTILE[2] if hostile else ""), "Country",
               (Alias("Russia", "exact", 5), Alias("Moscow" + (HOSTILE[4] if hostile else ""), "capital-metonymy", 1)),
               "Q159", 6, tuple(ids), "2024-06-15", "2024-10-29"),
        Entity("e-kim", who, "Person", (Alias("Kim Jong Un", "exact", 2), Alias("Kim", "surname", 1)),
               "Q56226", 2, (ids[0], ids[2]), "2024-10-28", "2024-10-29"),
    )
    events = (
        StoryEvent("ev-meet", "CONSULT", "Kim Jong Un met officials of Russia" + (" " + HOSTILE[0] if hostile else ""),
                   "2024-10-28", ("e-kim", "e-ru"), (ids[0], ids[2]),
                   (_ev(a1, "Kim Jong Un met officials of Russia"), _ev(a3, "Kim Jong Un met officials of Russia")),
                   source="KCNA" + (HOSTILE[3] if hostile else ""), actors=("e-kim",), targets=("e-ru",)),
        StoryEvent("ev-shell", "ASSAULT", "Russia shelled the port", "2024-06", ("e-ru",), (ids[1],),
                   (_ev(a2, "Russia shelled the port"),), actors=("e-ru",)),
        StoryEvent("ev-send", "MOBILIZE", "soldiers sent to Russia", "2024", ("e-ru",), (ids[1],),
                   (_ev(a2, "soldiers were sent to Russia"),)),
    )
    claims = (
        StoryClaim("cl-1", "soldiers sent to Russia", 10000.0, "soldiers", True, "the State Department", "2024-10-28",
                   (ids[0],), (_ev(a1, "about 10,000 soldiers were sent to Russia"),)),
        StoryClaim("cl-2", "soldiers sent to Russia", 12000.0, "soldiers", False, "Kyiv" + (HOSTILE[1] if hostile else ""),
                   "2024-06-15", (ids[1],), (_ev(a2, "12,000 soldiers were sent to Russia"),)),
    )
    story = Story(entities, events, claims, mention_entities, {ids[2]: ids[0]})
    return results, story


def write_store(path: Path, hostile: bool = False) -> Path:
    """Write the hand-built story into a store file at ``path``."""
    results, story = make_story(hostile)
    with Store(path) as store:
        for data, r in results:
            store.add_raw(read_article(data, origin=r.article.origin))
            store.save_result(r, "test")
        store.save_story(story, "test")
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(tmp_path_factory.mktemp("web") / "s.db")


@pytest.fixture(scope="module")
def hostile_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(tmp_path_factory.mktemp("webh") / "h.db", hostile=True)


@pytest.fixture(scope="module")
def client(store_path: Path) -> TestClient:
    from storyline.web import create_app

    return TestClient(create_app(store_path), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def hclient(hostile_path: Path) -> TestClient:
    from storyline.web import create_app

    return TestClient(create_app(hostile_path), raise_server_exceptions=False)


def _ids(client: TestClient) -> tuple[str, str]:
    """(first article id, an entity id) from the API."""
    return client.get("/api/articles").json()["items"][0]["id"], "e-ru"


PAGES = ["/", "/timeline", "/entities", "/entities/e-ru", "/entities/e-kim", "/claims", "/articles", "/search?q=Russia",
         "/search?q=", "/docs", "/timeline?entity=Kim&type=CONSULT&from=2024-10&to=2024-12&outlet=Echo+News"]
API = ["/api/overview", "/api/articles", "/api/articles?language=en&outlet=Echo+News&limit=1&offset=0",
       "/api/entities", "/api/entities/e-ru", "/api/events", "/api/events?entity=Russia&type=ASSAULT&from=2024&to=2024-07",
       "/api/claims", "/api/claims?grouped=true", "/api/timeline", "/api/search?q=soldiers", "/openapi.json"]


@pytest.mark.parametrize("path", PAGES + API)
def test_web_every_page_and_endpoint_answers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]


@pytest.mark.parametrize("article", [0, 1, 2])
def test_web_article_pages(client: TestClient, article: int) -> None:
    aid = client.get("/api/articles").json()["items"][article]["id"]
    assert client.get(f"/articles/{aid}").status_code == 200
    data = client.get(f"/api/articles/{aid}").json()
    assert data["ok"] and data["article"]["id"] == aid


@pytest.mark.parametrize("path", ["/api/articles/nope", "/api/entities/nope", "/api/no-such-endpoint"])
def test_web_404_error_shape(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    body = r.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False and body["status"] == 404 and body["error"]["code"] == 404
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


@pytest.mark.parametrize(("path", "status"), [
    ("/api/search?q=%22unterminated", 400), ("/api/search?q=AND", 400), ("/api/events?from=yesterday", 400),
    ("/api/articles?limit=0", 422), ("/api/search", 422), ("/api/articles?offset=-1", 422),
])
def test_web_bad_requests_have_the_error_shape(client: TestClient, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    body = r.json()
    assert body["ok"] is False and body["status"] == status and body["error"]["code"] == status
    assert body["error"]["message"]


@pytest.mark.parametrize("path", ["/nope", "/articles/nope", "/entities/nope"])
def test_web_pages_404_as_html(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/", "/timeline", "/api/articles", "/api/nope", "/static/style.css", "/nope",
                                  "/search?q=%22x"])
def test_web_security_headers_everywhere(client: TestClient, path: str) -> None:
    h = client.get(path).headers
    csp = h["content-security-policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
                      "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/static/../web.py", "/static/%2e%2e/web.py", "/static/..%2fweb.py"])
def test_web_static_cannot_escape_its_folder(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "def create_app" not in r.text


def test_web_search_marks_matches_and_falls_back_on_bad_syntax(client: TestClient) -> None:
    html = client.get("/search?q=shelled").text
    assert "<mark>shelled</mark>" in html
    r = client.get("/search?q=%22unterminated")
    assert r.status_code == 200 and "searched literally" in r.text
    hits = client.get("/api/search?q=shelled").json()["items"]
    assert hits and "[shelled]" in hits[0]["snippet"]


def test_web_timeline_filters(client: TestClient) -> None:
    assert [e["id"] for e in client.get("/api/events?type=ASSAULT").json()["items"]] == ["ev-shell"]
    assert {e["id"] for e in client.get("/api/events?entity=Kim").json()["items"]} == {"ev-meet"}
    assert {e["id"] for e in client.get("/api/events?outlet=Kyiv+Times").json()["items"]} == {"ev-shell", "ev-send"}
    # a year-precise event overlaps any range inside its year
    assert [e["id"] for e in client.get("/api/events?from=2024-10").json()["items"]] == ["ev-send", "ev-meet"]
    assert [e["id"] for e in client.get("/api/events?from=2024-06-01&to=2024-06-30").json()["items"]] == [
        "ev-send", "ev-shell"]
    page = client.get("/timeline?type=ASSAULT").text
    assert "Russia shelled the port" in page and "Kim Jong Un met officials" not in page


def test_web_timeline_shows_precision_and_evidence_links(client: TestClient) -> None:
    page = client.get("/timeline").text
    for prec in ("day", "month", "year"):
        assert f"prec-{prec}" in page
    links = re.findall(r'href="/articles/([0-9a-f]+)#span=(\d+)-(\d+)"', page)
    assert links
    for aid, s, e in links:
        text = client.get(f"/api/articles/{aid}").json()["article"]["text"]
        assert text[int(s):int(e)] in page


def test_web_article_highlights_span_without_js(client: TestClient) -> None:
    items = client.get("/api/events?type=ASSAULT").json()["items"]
    ev = items[0]["evidence"][0]
    html = client.get(f"/articles/{ev['article']}?span={ev['start']}-{ev['end']}").text
    m = re.search(r'<mark class="ev active"[^>]*>([^<]*)</mark>', html)
    assert m and m.group(1) == ev["text"]
    assert '<details class="chrome"' in html and "teaser" in html


def test_web_claims_disagreement_highlighted(client: TestClient) -> None:
    html = client.get("/claims").text
    assert "claim-group disagree" in html and "10,000" in html and "12,000" in html
    groups = client.get("/api/claims?grouped=true").json()["items"]
    assert groups[0]["disagree"] is True and len(groups[0]["claims"]) == 2


def test_web_entity_page_shows_alias_reasons_and_copies(client: TestClient) -> None:
    html = client.get("/entities/e-ru").text
    assert "capital-metonymy" in html and "Q159" in html and "Kim Jong Un" in html
    arts = client.get("/api/articles").json()["items"]
    copy = next(a for a in arts if a["copy_of"])
    assert "near-duplicate" in client.get(f"/articles/{copy['id']}").text


def test_web_overview_has_chart(client: TestClient) -> None:
    html = client.get("/").text
    assert '<svg class="chart"' in html and html.count('<rect class="bar"') == 3


@pytest.mark.parametrize("path", [*PAGES, "/articles/{0}", "/articles/{1}", "/articles/{2}", "/entities/e-kim",
                                  "/search?q=alert", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E"])
def test_web_hostile_strings_escaped(hclient: TestClient, path: str) -> None:
    ids = [a["id"] for a in hclient.get("/api/articles").json()["items"]]
    r = hclient.get(path.format(*ids))
    assert r.status_code == 200
    html = r.text
    for raw in ("<script>alert", "<img src=x", "<svg onload", 'href="javascript:', "<b>"):
        assert raw not in html, (path, raw)
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/app.js" defer>']
    assert "style=" not in html


@pytest.mark.parametrize("q", HOSTILE)
def test_web_hostile_search_answers(hclient: TestClient, q: str) -> None:
    r = hclient.get("/search", params={"q": q})
    assert r.status_code == 200
    assert "<script>alert" not in r.text
    api = hclient.get("/api/search", params={"q": q, "literal": "true"})
    assert api.status_code == 200 and api.json()["ok"] is True


def test_web_reloads_when_store_changes(tmp_path: Path) -> None:
    from storyline.web import create_app

    path = write_store(tmp_path / "r.db")
    app = create_app(path)
    app.state.cache.check_every_s = 0.0
    c = TestClient(app)
    assert c.get("/api/overview").json()["articles"] == 3
    results, story = make_story()
    with Store(path) as store:
        store.save_story(Story(story.entities[:1], story.events, story.claims, {}, {}), "changed")
    assert c.get("/api/overview").json()["entities"] == 1


def test_web_search_does_not_reload_the_index(tmp_path: Path) -> None:
    # opening another reader (search does) touches the WAL files but changes no content
    from storyline.web import create_app

    path = write_store(tmp_path / "r.db")
    app = create_app(path)
    app.state.cache.check_every_s = 0.0
    c = TestClient(app)
    assert c.get("/api/overview").status_code == 200
    generation = app.state.cache.generation
    for q in ("Russia", "troops AND Kursk", "Kim"):
        assert c.get("/api/search", params={"q": q}).status_code == 200
        with Store(path, readonly=True) as other:
            other.counts()
        assert c.get("/api/overview").status_code == 200
    assert app.state.cache.generation == generation


def test_web_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    from storyline.web import create_app

    c = TestClient(create_app(tmp_path / "none.db"), raise_server_exceptions=False)
    r = c.get("/api/articles")
    assert r.status_code == 503 and "storyline build" in r.json()["error"]["message"]


def test_web_empty_store(tmp_path: Path) -> None:
    from storyline.web import create_app

    path = tmp_path / "e.db"
    with Store(path) as store:
        store.save_story(Story((), (), (), {}, {}), "empty")
    c = TestClient(create_app(path))
    for p in ("/", "/timeline", "/entities", "/claims", "/articles", "/api/timeline", "/api/articles"):
        assert c.get(p).status_code == 200, p


@pytest.mark.parametrize("max_bytes", [0, 20_000])
def test_web_response_cache_stays_within_its_byte_budget(store_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         max_bytes: int) -> None:
    from storyline import web

    monkeypatch.setattr(web, "CACHE_MAX_BYTES", max_bytes)
    app = web.create_app(store_path)
    c = TestClient(app)
    first = c.get("/timeline?offset=0").text
    for i in range(30):
        assert c.get(f"/timeline?offset={i}").status_code == 200
    cache = next(m for m in _middlewares(app) if isinstance(m, web.ResponseCache))
    assert cache.bytes <= max_bytes and cache.bytes == sum(e[2] for e in cache.entries.values())
    assert c.get("/timeline?offset=0").text == first


def _middlewares(app: object) -> list[object]:
    """The ASGI middleware objects wrapped around a built app."""
    out, node = [], app.middleware_stack  # type: ignore[attr-defined]
    while node is not None:
        out.append(node)
        node = getattr(node, "app", None)
    return out


def test_web_renders_in_the_event_loop_and_loads_the_store_in_a_worker_thread(tmp_path: Path) -> None:
    # pages are rendered inline while the index is current; a (re)load (seconds on a big store)
    # must never run on the event loop's thread
    import threading

    from storyline.web import create_app

    path = write_store(tmp_path / "r.db")
    app = create_app(path)
    cache = app.state.cache
    calls: list[tuple[str, int]] = []
    loop_thread: list[int] = []
    for name in ("get", "current"):
        orig = getattr(cache, name)

        def spy(orig=orig, name=name):  # type: ignore[no-untyped-def]
            calls.append((name, threading.get_ident()))
            return orig()
        setattr(cache, name, spy)

    async def probe(scope, receive, send):  # type: ignore[no-untyped-def]
        loop_thread.append(threading.get_ident())
        await app(scope, receive, send)

    c = TestClient(probe)
    assert c.get("/api/entities").status_code == 200  # nothing loaded yet: loads in a worker
    assert calls and all(name == "get" and t != loop_thread[-1] for name, t in calls)
    calls.clear()
    assert c.get("/api/entities?limit=2").status_code == 200  # loaded and current: inline
    assert calls == [("current", loop_thread[-1])]
    calls.clear()
    assert c.get("/api/entities?limit=1000").status_code == 200  # a big page: built in a worker
    assert calls and all(name == "get" and t != loop_thread[-1] for name, t in calls)
    calls.clear()
    cache.check_every_s = 0.0
    results, story = make_story()
    with Store(path) as store:
        store.save_story(Story(story.entities[:1], story.events, story.claims, {}, {}), "changed")
    r = c.get("/api/entities?limit=3")
    assert r.json()["total"] == 1
    assert calls and all(name == "get" and t != loop_thread[-1] for name, t in calls)
