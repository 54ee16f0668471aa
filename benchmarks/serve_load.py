"""Load test for ``storyline serve``: many concurrent clients on loopback, bounded in time.

The store (``--articles``, default 10,000) is made from real articles: the bundled seeds go
through the whole pipeline once, then each result is cloned with its text varied by
length-preserving, context-free character maps (digits rotated, so numbers and dates in the
text change; capital letters shifted, so names change) plus a unique reference line appended
after the last span. Because the maps work character by character, ``text[start:end] == span
text`` still holds for every span, so the clones are valid ArticleResults without rerunning the
NLP pipeline on 10,000 texts. Publication dates are shifted per clone so the story spans months.
The cross-document story is the seed story (built by the real ``api.build_story``) mapped onto
the clones: one entity, event and claim per seed item and character table, since clones with the
same table carry the same names. ``--real-story`` runs ``api.build_story`` over all clones instead;
it is far too slow for 10,000 articles today (404 s for 500 clones, measured 2026-11-23).
Everything is saved with ``storyline.store.db.Store``.

The server runs in a subprocess (uvicorn, one process, like ``storyline serve``); asyncio
clients (``--clients``, default 200; a minimal HTTP/1.1 client, or httpx with ``--client httpx``) loop for ``--seconds`` (default 60) with no think time,
each request picking at random a timeline page or API call (15 URLs), a search (15 queries) or
one of 5,000 article pages and API calls. The server keeps rendered responses per store load, so
after one warm-up pass the timeline and search URLs are cache hits while most article requests
are first visits (rendered). Before the load, every page and API endpoint of the contract is
requested once (``BENCH serve-pages``; a failure there counts as an error). Prints::

    BENCH serve-pages ok=20/20 slowest_ms=... slowest=...
    BENCH serve clients=200 seconds=60 articles=10000 requests=... rps=... timeline_p50_ms=...
    timeline_p95_ms=... timeline_p99_ms=... search_p99_ms=... article_p99_ms=... errors=0

    python benchmarks/serve_load.py                          # build /tmp store, 200 clients, 60 s
    python benchmarks/serve_load.py --db /tmp/load.db        # reuse (or create) this store
    python benchmarks/serve_load.py --articles 500 --clients 20 --seconds 10   # quick run
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Text fields whose content is a slice of the article text (or derived from it) and so get the map.
TEXT_FIELDS = {"text", "body", "title", "name", "summary", "subject", "source", "entity"}


def _table(k: int) -> dict[int, str]:
    """A per-character translation: digits rotated by k, capitals shifted by k (identity for k=0)."""
    t = {ord(d): str((int(d) + k) % 10) for d in "0123456789"}
    t.update({ord(c): UPPER[(i + k) % 26] for i, c in enumerate(UPPER)})
    return t


def _vary(obj: Any, table: dict[int, str]) -> Any:
    """``obj`` (a dataclass tree) with TEXT_FIELDS strings translated; offsets are unchanged."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in dataclasses.fields(obj):
            v = getattr(obj, f.name)
            if isinstance(v, str) and f.name in TEXT_FIELDS:
                changes[f.name] = v.translate(table)
            elif isinstance(v, tuple) or dataclasses.is_dataclass(v):
                changes[f.name] = _vary(v, table)
        return dataclasses.replace(obj, **changes)
    if isinstance(obj, tuple):
        return tuple(_vary(v, table) for v in obj)
    return obj


def _shift(date: str | None, days: int) -> str | None:
    """An ISO day ``date`` moved by ``days``; other precisions and None unchanged."""
    if not date or len(date) != 10:
        return date
    try:
        return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return date


def clone_story(seed_story: Any, clones: list[tuple[str, str, int]]) -> Any:
    """The seed story mapped onto clones ``(clone id, seed article id, table)``: one entity, event
    and claim per seed item and character table (same names merge, as resolution would merge them).
    """
    from storyline.model import Alias, Entity, Evidence, Story, StoryClaim, StoryEvent

    by_seed: dict[tuple[str, int], list[str]] = {}
    for cid, sid, t in clones:
        by_seed.setdefault((sid, t), []).append(cid)
    tables = sorted({t for _, _, t in clones})
    maps = {t: _table(t) for t in tables}

    def arts(seed_ids: tuple[str, ...], t: int) -> tuple[str, ...]:
        return tuple(c for sid in seed_ids for c in by_seed.get((sid, t), ()))

    entities, events, claims = [], [], []
    mention_entities: dict[tuple[str, int], str] = {}
    for t in tables:
        tr = maps[t]
        for e in seed_story.entities:
            a = arts(e.articles, t)
            if a:
                entities.append(Entity(f"{e.id}-t{t}", e.name.translate(tr), e.type,
                                       tuple(Alias(al.name.translate(tr), al.reason, al.count * len(a))
                                             for al in e.aliases), e.wikidata, e.mentions * len(a), a,
                                       e.first_seen, e.last_seen))
        for ev in seed_story.events:
            a = arts(ev.articles, t)
            if not a:
                continue
            evidence = tuple(Evidence(c, x.start, x.end, x.text.translate(tr)) for x in ev.evidence
                             for c in by_seed.get((x.article, t), ())[:3])
            date = _shift(ev.date, 7 * t)
            events.append(StoryEvent(f"{ev.id}-t{t}", ev.type, ev.summary.translate(tr), date,
                                     tuple(f"{p}-t{t}" for p in ev.participants), a, evidence,
                                     ev.source.translate(tr) if ev.source else None, ev.mode,
                                     tuple(f"{p}-t{t}" for p in ev.actors), tuple(f"{p}-t{t}" for p in ev.targets),
                                     f"{ev.location}-t{t}" if ev.location else None))
        for c in seed_story.claims:
            a = arts(c.articles, t)
            if a:
                evidence = tuple(Evidence(x, e.start, e.end, e.text.translate(tr)) for e in c.evidence
                                 for x in by_seed.get((e.article, t), ())[:3])
                claims.append(StoryClaim(f"{c.id}-t{t}", c.subject.translate(tr), c.value, c.unit, c.approximate,
                                         c.source.translate(tr) if c.source else None, c.stated, a, evidence,
                                         f"{c.source_entity}-t{t}" if c.source_entity else None))
    for cid, sid, t in clones:
        for (aid, idx), eid in seed_story.mention_entities.items():
            if aid == sid:
                mention_entities[(cid, idx)] = f"{eid}-t{t}"
    return Story(tuple(entities), tuple(events), tuple(claims), mention_entities, {})


def build_store(db: Path, n: int, *, real_story: bool = False) -> None:
    """Write a store of ``n`` articles cloned and varied from the pipeline's results on the seeds.

    The story is the seed story mapped onto the clones (``clone_story``); with ``real_story``
    it is built by ``api.build_story`` over all clones instead (slow: minutes for 500 articles).
    """
    from storyline import api
    from storyline.stages.ingest import read_article
    from storyline.store.db import Store

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        seed_db = Path(tmp) / "seeds.db"
        api.build([ROOT / "examples" / "seeds"], seed_db)
        with Store(seed_db, readonly=True) as s:
            seeds = s.load_results()
            seed_story = s.load_story()
    print(f"seeds processed in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    results, clones = [], []
    with Store(db) as store:
        for i in range(n):
            r = seeds[i % len(seeds)]
            k = i // len(seeds)
            t = k % 26 if k % 3 else k % 10
            table = _table(t)
            varied = _vary(r.article, table)
            text = varied.text + f"\n\nRef. {i:07d}"
            raw = read_article(text.encode("utf-8"), origin=f"load/{i:07d}_{r.article.origin}")
            art = dataclasses.replace(varied, id=raw.id, origin=raw.origin, text=raw.text)
            days = (k * 3) % 180
            pub = r.published
            pub = dataclasses.replace(pub, date=_shift(pub.date, days), earliest=_shift(pub.earliest, days),
                                      latest=_shift(pub.latest, days))
            res = dataclasses.replace(_vary(r, table), article=art, published=pub)
            store.add_raw(raw)
            store.save_result(res, "load")
            results.append(res)
            clones.append((res.id, r.id, t))
            if (i + 1) % 1000 == 0:
                print(f"  {i + 1} articles saved ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
        t1 = time.perf_counter()
        story = api.build_story(results) if real_story else clone_story(seed_story, clones)
        print(f"story {'built' if real_story else 'cloned'} in {time.perf_counter() - t1:.1f}s: "
              f"{len(story.entities)} entities, {len(story.events)} events, {len(story.claims)} claims", file=sys.stderr)
        store.save_story(story, f"load-{n}")
    print(f"store {db} ready in {time.perf_counter() - t0:.0f}s", file=sys.stderr)


def _free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(xs: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of ``xs`` in ms; 0 when empty."""
    if not xs:
        return 0.0
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s)) - 1))] * 1000


class RawClient:
    """A minimal HTTP/1.1 keep-alive GET client on asyncio streams, for load generation.

    A load generator sharing the CPUs with the server should spend as little CPU as it can
    (wrk-style); httpx costs several times more per request than the server's cached path.
    Handles Content-Length and chunked bodies, which is all uvicorn sends.
    """

    def __init__(self, base: str, timeout: float = 30.0) -> None:
        host, _, port = base.removeprefix("http://").partition(":")
        self.host, self.port, self.timeout = host, int(port or 80), timeout
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        """Status code of GET ``path`` (the body is read and dropped); reconnects once if closed."""
        for attempt in (0, 1):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            try:
                return await asyncio.wait_for(self._get(path), self.timeout)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def _get(self, path: str) -> int:
        assert self.reader is not None and self.writer is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = self.reader = None


async def _drive(base: str, clients: int, seconds: float, targets: dict[str, list[str]],
                 offset: int = 0, think_s: float = 0.0, client_kind: str = "raw") -> dict[str, Any]:
    """Run ``clients`` request loops for ``seconds``; latencies per kind and error count."""
    import httpx

    lat: dict[str, list[float]] = {k: [] for k in targets}
    errors: list[str] = []
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)

    async def loop(get: Any, rng: random.Random) -> None:
        if think_s:  # users arrive spread over one think time, not all in the same millisecond
            await asyncio.sleep(rng.uniform(0, think_s))
        while time.monotonic() < stop:
            kind = rng.choice(list(targets))
            url = rng.choice(targets[kind])
            t = time.perf_counter()
            try:
                status = await get(url)
                if status != 200:
                    errors.append(f"{status} {url}")
            except (TimeoutError, httpx.HTTPError, OSError, asyncio.IncompleteReadError, ValueError) as ex:
                errors.append(f"{type(ex).__name__} {url}")
                continue
            lat[kind].append(time.perf_counter() - t)
            if think_s:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think_s)

    async def one(i: int) -> None:
        rng = random.Random(offset + i)
        if client_kind == "raw":
            client = RawClient(base)
            try:
                await loop(client.get, rng)
            finally:
                await client.close()
            return
        # one connection per simulated client: a shared httpx pool serialises badly at high concurrency
        async with httpx.AsyncClient(limits=limits, timeout=30.0) as hc:
            async def get(url: str) -> int:
                return (await hc.get(base + url)).status_code
            await loop(get, rng)

    await asyncio.gather(*(one(i) for i in range(clients)))
    return {"lat": lat, "errors": errors}


def _drive_part(args: tuple[str, int, float, dict[str, list[str]], int, float, str]) -> dict[str, Any]:
    """``_drive`` in a worker process (seeded so processes pick different URLs)."""
    base, clients, seconds, targets, seed, think_s, client_kind = args
    return asyncio.run(_drive(base, clients, seconds, targets, offset=seed * 10_000, think_s=think_s,
                              client_kind=client_kind))


def drive(base: str, clients: int, seconds: float, targets: dict[str, list[str]], procs: int,
          think_s: float = 0.0, client_kind: str = "raw") -> dict[str, Any]:
    """Spread ``clients`` over ``procs`` client processes (one Python process cannot drive 200
    connections fast enough to load the server) and merge their latencies and errors."""
    import multiprocessing

    procs = max(1, min(procs, clients))
    shares = [clients // procs + (1 if i < clients % procs else 0) for i in range(procs)]
    with multiprocessing.get_context("spawn").Pool(procs) as pool:
        parts = pool.map(_drive_part, [(base, n, seconds, targets, i, think_s, client_kind)
                                        for i, n in enumerate(shares)])
    lat: dict[str, list[float]] = {k: [] for k in targets}
    errors: list[str] = []
    for part in parts:
        for k, xs in part["lat"].items():
            lat[k] += xs
        errors += part["errors"]
    return {"lat": lat, "errors": errors}


def check_every_page(base: str) -> list[str]:
    """Request every page and API endpoint of the contract once (first visits, before the load);
    print one line per failure and a BENCH line with the count and the slowest; the failures."""
    import httpx

    with httpx.Client(timeout=120) as c:
        art = c.get(base + "/api/articles", params={"limit": 1}).json()["items"][0]["id"]
        ent = c.get(base + "/api/entities", params={"limit": 1}).json()["items"][0]["id"]
        paths = ["/", "/timeline", "/entities", f"/entities/{ent}", "/claims", "/articles", f"/articles/{art}",
                 "/search?q=Russia", "/docs", "/openapi.json", "/api/overview", "/api/articles",
                 f"/api/articles/{art}", "/api/entities", f"/api/entities/{ent}", "/api/events", "/api/claims",
                 "/api/claims?grouped=true", "/api/timeline", "/api/search?q=Russia"]
        failed, times = [], []
        for p in paths:
            t = time.perf_counter()
            r = c.get(base + p)
            times.append((time.perf_counter() - t, p))
            if r.status_code != 200:
                failed.append(f"{r.status_code} {p}")
                print(f"  FAILED {r.status_code} {p}", file=sys.stderr)
    slow_s, slow_p = max(times)
    print(f"BENCH serve-pages ok={len(paths) - len(failed)}/{len(paths)} slowest_ms={slow_s * 1000:.0f} "
          f"slowest={slow_p}")
    return failed


def _targets(base: str) -> dict[str, list[str]]:
    """Request paths per kind, chosen from the running server's own API."""
    import httpx

    with httpx.Client(timeout=120) as c:
        total = c.get(base + "/api/articles", params={"limit": 1}).json()["total"]
        arts = [a for off in range(0, total, 1000)
                for a in c.get(base + "/api/articles", params={"limit": 1000, "offset": off}).json()["items"]]
        ents = c.get(base + "/api/entities", params={"limit": 30}).json()["items"]
        types = sorted({e["type"] for e in c.get(base + "/api/events", params={"limit": 2000}).json()["items"]})
    rng = random.Random(1)
    timeline = ["/timeline", "/api/timeline?limit=50", "/timeline?offset=50"]
    timeline += [f"/timeline?entity={quote(e['name'])}" for e in ents[:10]]
    timeline += [f"/timeline?type={t}" for t in types] + ["/timeline?from=2024-11&to=2025-01"]
    words = ["Russia", "soldiers", "Kim", "Ukraine", "consultations", "troops AND Kursk", "\"North Korea\"", "missile*",
             "Putin OR Shoigu", "State Department"]
    search = [f"/search?q={quote(w)}" for w in words] + [f"/api/search?q={quote(w)}" for w in words[:5]]
    article = [f"/articles/{a['id']}" for a in rng.sample(arts, min(4000, len(arts)))]
    article += [f"/api/articles/{a['id']}" for a in rng.sample(arts, min(1000, len(arts)))]
    return {"timeline": timeline, "search": search, "article": article}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", type=Path, default=None, help="store to reuse (built there when missing)")
    ap.add_argument("--client-procs", type=int, default=min(4, os.cpu_count() or 1),
                    help="client processes sharing the --clients (default: up to 4, one per CPU)")
    ap.add_argument("--think-ms", type=float, default=0.0,
                    help="mean pause between a client's requests (0: back to back, a throughput test)")
    ap.add_argument("--client", choices=("raw", "httpx"), default="raw",
                    help="load generator: a minimal asyncio HTTP/1.1 client (default, cheap on CPU) or httpx")
    ap.add_argument("--real-story", action="store_true",
                    help="build the story with api.build_story over all clones (slow) instead of cloning the seed story")
    args = ap.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"storyline-load-{args.articles}.db"
    if db.exists():
        from storyline.errors import StoreError
        from storyline.store.db import Store

        try:
            Store(db, readonly=True).close()
        except StoreError as ex:
            if args.db is not None:
                raise SystemExit(f"{ex} (or delete it: this benchmark rebuilds a missing --db)") from ex
            print(f"rebuilding the cached store: {ex}", file=sys.stderr)
            for p in db.parent.glob(db.name + "*"):
                p.unlink()
    if not db.exists():
        build_store(db, args.articles, real_story=args.real_story)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "serve", "--db", str(db), "--host", "127.0.0.1",
                             "--port", str(port)], cwd=ROOT)
    try:
        import httpx

        while True:
            try:
                httpx.get(base + "/api/overview", timeout=5).raise_for_status()
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.perf_counter() - t0 > 600:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
        startup = time.perf_counter() - t0
        overview = httpx.get(base + "/api/overview", timeout=30).json()
        page_failures = check_every_page(base)
        targets = _targets(base)
        # one pass over the timeline and search URLs before measuring (the server keeps rendered
        # pages per store load); article URLs are many more, so most article requests are first visits
        for kind in ("timeline", "search"):
            for u in targets[kind]:
                httpx.get(base + u, timeout=120)
        cpu0 = _cpu_seconds(proc.pid)
        res = drive(base, args.clients, args.seconds, targets, args.client_procs, args.think_ms / 1000, args.client)
        server_cpu = _cpu_seconds(proc.pid) - cpu0
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    lat, errors = res["lat"], res["errors"]
    n = sum(len(v) for v in lat.values())
    fields = [f"clients={args.clients}", f"seconds={args.seconds:g}", f"think_ms={args.think_ms:g}",
              f"cpus={os.cpu_count()}", f"client={args.client}", f"articles={overview['articles']}",
              f"events={overview['events']}", f"startup_s={startup:.1f}", f"requests={n}", f"rps={n / args.seconds:.0f}"]
    for kind in ("timeline", "search", "article"):
        xs = lat[kind]
        fields += [f"{kind}_p50_ms={_pct(xs, 50):.0f}", f"{kind}_p95_ms={_pct(xs, 95):.0f}",
                   f"{kind}_p99_ms={_pct(xs, 99):.0f}"]
    fields.append(f"server_cpu_ms_per_request={server_cpu * 1000 / max(n, 1):.2f}")
    fields.append(f"errors={len(errors) + len(page_failures)}")
    if errors:
        print(json.dumps(statistics.multimode(errors)[:5]), file=sys.stderr)
    print("BENCH serve " + " ".join(fields))


if __name__ == "__main__":
    main()
