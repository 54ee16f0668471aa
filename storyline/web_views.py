"""Indexes and view helpers behind ``storyline serve`` (see ``web.py`` for the routes).

The web app answers many small requests over one unchanging store, so the story is shaped
once per store load into ``StoryIndex``: ``export.story_dict`` (the same ids and fields as
``storyline export``) plus lookup tables (entity -> events, article -> entities, outlets per
event, folded names -> entity ids). Views then only filter and slice precomputed lists; nothing
recomputes the whole story per request. ``StoreCache`` reloads the index when the store file
(or its WAL) changes, checked at most once a second.

Article bodies are rendered here as HTML: every slice of article text goes through
``html.escape`` before it is wrapped in ``<mark>``/``<p>`` tags we write ourselves, and only
the assembled string is marked safe. Search snippets come from SQLite with private-use
sentinel characters around the matches; they are escaped first and the sentinels replaced by
``<mark>`` afterwards, so no markup from an article can survive.
"""

from __future__ import annotations

import gc
import html
import itertools
import re
import sqlite3
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

from storyline import api
from storyline.export import _check_bound, _fold, _in_range, date_precision, story_dict
from storyline.model import ArticleResult

__all__ = ["StoreCache", "StoryIndex", "article_html", "date_precision", "day_chart", "parse_span", "safe_snippet",
           "safe_url"]

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use sentinels; stripped from text before use
_SENTINELS = re.compile("[\ue000\ue001]")
_MARKED = re.compile("\ue000([^\ue000\ue001]*)\ue001")
_HTTP = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)
_RELATED_PER_ENTITY = 100  # articles scanned per shared entity: bounds the cost on huge stores
_RELATED_ENTITIES = 8  # the article's rarest entities used to find related articles


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) URL, else None (never javascript: or data:)."""
    if url and _HTTP.fullmatch(url.strip()):
        return url.strip()
    return None


def safe_snippet(snippet: str | None) -> Markup:
    """Escaped snippet HTML with the sentinel-delimited matches wrapped in <mark>; empty for None."""
    if not snippet:
        return Markup("")
    escaped = html.escape(snippet, quote=True)
    marked = _MARKED.sub(lambda m: f"<mark>{m.group(1)}</mark>", escaped)
    return Markup(_SENTINELS.sub("", marked))


def parse_span(value: str | None) -> tuple[int, int] | None:
    """``(start, end)`` from "start-end" with 0 <= start < end, or None."""
    m = re.fullmatch(r"(\d{1,9})-(\d{1,9})", value or "")
    if not m:
        return None
    s, e = int(m.group(1)), int(m.group(2))
    return (s, e) if s < e else None


def _pieces(lo: int, hi: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Split [lo, hi) at span edges: ``(start, end, covering spans)`` pieces in order."""
    cuts = {lo, hi}
    inside = [(s, e) for s, e in spans if s < hi and e > lo]
    for s, e in inside:
        cuts.update(x for x in (s, e) if lo < x < hi)
    edges = sorted(cuts)
    return [(a, b, [sp for sp in inside if sp[0] <= a and sp[1] >= b]) for a, b in itertools.pairwise(edges)]


def _marked(text: str, lo: int, hi: int, spans: Sequence[tuple[int, int]], active: tuple[int, int] | None) -> str:
    """Escaped ``text[lo:hi]`` with the evidence spans in it wrapped in <mark> elements."""
    out = []
    for a, b, cover in _pieces(lo, hi, spans):
        chunk = html.escape(_SENTINELS.sub("", text[a:b]), quote=True)
        if not cover:
            out.append(chunk)
            continue
        first = min(cover, key=lambda sp: sp[1] - sp[0])
        keys = " ".join(f"{s}-{e}" for s, e in cover)
        cls = "ev active" if active in cover else "ev"
        out.append(f'<mark class="{cls}" data-start="{first[0]}" data-end="{first[1]}" data-spans="{keys}">{chunk}</mark>')
    return "".join(out)


def article_html(result: ArticleResult, spans: Iterable[tuple[int, int]], active: tuple[int, int] | None) -> Markup:
    """The article's text as HTML: body paragraphs, chrome in collapsed <details>, evidence marked.

    Text outside the body and the title is shown as removed chrome with its reason (or
    "outside body" when the cleaner gave none); consecutive chrome pieces share one <details>.
    """
    a = result.article
    text = a.text
    spans = sorted({(s, e) for s, e in spans if 0 <= s < e <= len(text)} | ({active} if active else set()))
    blocks: list[tuple[int, int, str | None]] = [(g.start, g.start + g.length, None) for g in a.segments if g.length]
    blocks += [(c.start, c.end, c.reason) for c in a.chrome if c.start < c.end]
    if a.title_start is not None and a.title_end is not None:
        blocks.append((a.title_start, a.title_end, "title"))
    blocks.sort()
    filled: list[tuple[int, int, str | None]] = []
    pos = 0
    for s, e, reason in blocks:
        s = max(s, pos)
        if s >= e:
            continue
        if text[pos:s].strip():
            filled.append((pos, s, "outside body"))
        filled.append((s, e, reason))
        pos = e
    if text[pos:].strip():
        filled.append((pos, len(text), "outside body"))
    out: list[str] = []
    group: list[tuple[int, int, str]] = []

    def flush() -> None:
        """Emit the pending chrome pieces as one collapsed <details>."""
        if not group:
            return
        reasons = ", ".join(dict.fromkeys(r for _, _, r in group))
        has_active = active is not None and any(s <= active[0] < e for s, e, _ in group)
        out.append(f'<details class="chrome"{" open" if has_active else ""}><summary>Removed page chrome '
                   f"({html.escape(reasons)})</summary>")
        for s, e, r in group:
            out.append(f'<p class="chrome-piece" title="{html.escape(r)}">{_marked(text, s, e, spans, active)}</p>')
        out.append("</details>")
        group.clear()

    for s, e, reason in filled:
        if reason is None:
            flush()
            out.append(f'<p class="body">{_marked(text, s, e, spans, active)}</p>')
        elif reason != "title":
            group.append((s, e, reason))
    flush()
    return Markup("\n".join(out))


class StoryIndex:
    """The story of one store load, shaped for the views (read-only after construction)."""

    def __init__(self, loaded: api.Loaded) -> None:
        results, story = loaded.results, loaded.story
        data = story_dict(results, story)
        self.results = {r.id: r for r in results}
        self.articles = data["articles"]
        self.article = {a["id"]: a for a in self.articles}
        self.entities = data["entities"]
        self.entity = {e["id"]: e for e in self.entities}
        self.events = data["events"]
        self.event = {ev["id"]: ev for ev in self.events}
        self.claims = data["claims"]
        self.origin = {a["id"]: a["origin"] for a in self.articles}
        self.copies_of: dict[str, list[str]] = defaultdict(list)
        for a in self.articles:
            if a["copy_of"]:
                self.copies_of[a["copy_of"]].append(a["id"])
        self.article_entities: dict[str, Counter[str]] = defaultdict(Counter)
        for (aid, _idx), eid in story.mention_entities.items():
            self.article_entities[aid][eid] += 1
        self.entity_events: dict[str, list[str]] = defaultdict(list)
        self.article_events: dict[str, list[str]] = defaultdict(list)
        self.event_outlets: dict[str, set[str]] = {}
        for ev in self.events:
            for eid in dict.fromkeys([*ev["participants"], *ev["actors"], *ev["targets"],
                                      *([ev["location"]] if ev["location"] else [])]):
                self.entity_events[eid].append(ev["id"])
            for aid in ev["articles"]:
                self.article_events[aid].append(ev["id"])
            self.event_outlets[ev["id"]] = {self.article[a]["outlet"] for a in ev["articles"]
                                            if a in self.article and self.article[a]["outlet"]}
        self.article_claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in self.claims:
            for aid in c["articles"]:
                self.article_claims[aid].append(c)
        self.names: dict[str, set[str]] = defaultdict(set)
        for e in self.entities:
            for n in (e["name"], *e["aliases"]):
                self.names[_fold(n)].add(e["id"])
        self.event_types = sorted({ev["type"] for ev in self.events})
        self.outlets = Counter(a["outlet"] for a in self.articles if a["outlet"])
        self.languages = Counter(a["language"] for a in self.articles if a["language"])
        self._related: dict[str, list[tuple[str, int]]] = {}
        self._cooccur: dict[str, list[tuple[str, int]]] = {}
        self._lock = threading.Lock()
        self.overview = self._overview()

    # ---------------------------------------------------------------- lookups

    def entity_name(self, eid: str | None) -> str:
        """The canonical name of entity ``eid`` (the id itself when unknown, "" for None)."""
        if not eid:
            return ""
        e = self.entity.get(eid)
        return e["name"] if e else eid

    def title(self, aid: str) -> str:
        """A readable title for article ``aid``: its title, else its origin, else the id."""
        a = self.article.get(aid)
        return (a["title"] or a["origin"] or aid) if a else aid

    def match_entities(self, name: str) -> set[str]:
        """Entity ids for an id, a name or alias (case-insensitive), else substring matches."""
        if name in self.entity:
            return {name}
        want = _fold(name)
        if want in self.names:
            return set(self.names[want])
        return {eid for n, ids in self.names.items() if want and want in n for eid in ids}

    # ---------------------------------------------------------------- filters

    def filter_events(self, *, entity: str | None = None, type: str | None = None, date_from: str | None = None,
                      date_to: str | None = None, outlet: str | None = None) -> list[dict[str, Any]]:
        """Events in date order matching every given filter; QueryError for a bad date bound."""
        lo, hi = _check_bound(date_from, "from"), _check_bound(date_to, "to")
        pool: Iterable[dict[str, Any]] = self.events
        if entity:
            ids = self.match_entities(entity)
            wanted = {evid for eid in ids for evid in self.entity_events.get(eid, ())}
            pool = [ev for ev in self.events if ev["id"] in wanted]
        return [ev for ev in pool
                if (not type or ev["type"] == type.upper())
                and (not outlet or outlet in self.event_outlets[ev["id"]])
                and _in_range(ev["date"], lo, hi)]

    def filter_articles(self, *, language: str | None = None, outlet: str | None = None) -> list[dict[str, Any]]:
        """Articles (export order) in ``language`` and from ``outlet`` when given."""
        return [a for a in self.articles
                if (not language or a["language"] == language) and (not outlet or a["outlet"] == outlet)]

    # ---------------------------------------------------------------- shaped records

    def article_summary(self, aid: str) -> dict[str, Any]:
        """An article without its body: id, title, origin, outlet, language, published, flags, copy_of."""
        a = self.article[aid]
        return {k: a[k] for k in ("id", "origin", "title", "outlet", "language", "published", "flags", "copy_of", "url")}

    def event_row(self, ev: dict[str, Any]) -> dict[str, Any]:
        """An export event plus participant names and the first 10 reporting articles' titles and outlets."""
        return {**ev, "participant_names": [self.entity_name(p) for p in ev["participants"]],
                "reports": [{"id": a, "title": self.title(a), "outlet": self.article.get(a, {}).get("outlet")}
                            for a in ev["articles"][:10]], "report_count": len(ev["articles"])}

    def article_entity_list(self, aid: str) -> list[dict[str, Any]]:
        """Entities mentioned in article ``aid``, most mentioned first: {id, name, type, count}."""
        return [{"id": eid, "name": self.entity_name(eid), "type": self.entity.get(eid, {}).get("type"), "count": n}
                for eid, n in self.article_entities.get(aid, Counter()).most_common()]

    def related_articles(self, aid: str, limit: int = 6) -> list[tuple[str, int]]:
        """Other articles sharing entities with ``aid``, most shared first: ``(id, shared)``."""
        with self._lock:
            if aid in self._related:
                return self._related[aid][:limit]
        score: Counter[str] = Counter()
        ents = sorted(self.article_entities.get(aid, ()), key=lambda e: len(self.entity.get(e, {}).get("articles", ())))
        for eid in ents[:_RELATED_ENTITIES]:
            for other in self.entity.get(eid, {}).get("articles", ())[:_RELATED_PER_ENTITY]:
                if other != aid and other in self.article:
                    score[other] += 1
        found = score.most_common(20)
        with self._lock:
            self._related[aid] = found
        return found[:limit]

    def cooccurring(self, eid: str, limit: int = 15) -> list[tuple[str, int]]:
        """Entities named in the same articles as ``eid``: ``(entity id, shared articles)``."""
        with self._lock:
            if eid in self._cooccur:
                return self._cooccur[eid][:limit]
        score: Counter[str] = Counter()
        for aid in self.entity.get(eid, {}).get("articles", ())[:2000]:
            for other in self.article_entities.get(aid, ()):
                if other != eid:
                    score[other] += 1
        found = score.most_common(40)
        with self._lock:
            self._cooccur[eid] = found
        return found[:limit]

    def claim_groups(self) -> list[dict[str, Any]]:
        """Claims grouped by folded subject; ``disagree`` when one unit carries different values."""
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in self.claims:
            groups[_fold(c["subject"] or "")].append(c)
        out = []
        for items in groups.values():
            by_unit: dict[Any, set[Any]] = defaultdict(set)
            for c in items:
                by_unit[c["unit"]].add(c["value"])
            disagree = any(len(v) > 1 for v in by_unit.values())
            items = sorted(items, key=lambda c: (c["stated"] or "", c["source"] or ""))
            out.append({"subject": items[0]["subject"], "claims": items, "disagree": disagree})
        out.sort(key=lambda g: (not g["disagree"], -len(g["claims"]), g["subject"] or ""))
        return out

    def _overview(self) -> dict[str, Any]:
        """The overview page's figures: date range, articles per day, top lists, languages, outlets."""
        days = Counter(a["published"]["date"] for a in self.articles
                       if a["published"]["date"] and len(a["published"]["date"]) == 10)
        dated = sorted(d for a in self.articles for d in [a["published"]["date"]] if d)
        top_events = sorted(self.events, key=lambda ev: (-len(ev["articles"]), ev["date"] or "9999", ev["id"]))[:10]
        latest_claims = sorted(self.claims, key=lambda c: (c["stated"] or "", c["id"]), reverse=True)[:8]
        return {
            "articles": len(self.articles), "entities": len(self.entities), "events": len(self.events),
            "claims": len(self.claims), "first": dated[0] if dated else None, "last": dated[-1] if dated else None,
            "per_day": sorted(days.items()), "top_entities": self.entities[:12], "top_events": top_events,
            "latest_claims": latest_claims, "languages": self.languages.most_common(),
            "outlets": self.outlets.most_common(20),
        }


def day_chart(per_day: Sequence[tuple[str, int]], width: int = 600, height: int = 120) -> dict[str, Any]:
    """Bar geometry for an articles-per-day SVG: {width, height, bars: [{x, y, w, h, day, n}]}."""
    if not per_day:
        return {"width": width, "height": height, "bars": []}
    per_day = list(per_day)[-120:]
    top = max(n for _, n in per_day)
    w = min(width / len(per_day), 40.0)
    bars = []
    for i, (day, n) in enumerate(per_day):
        h = max(2.0, (height - 20) * n / top)
        bars.append({"x": round(i * w + 1, 1), "y": round(height - 14 - h, 1), "w": round(max(w - 2, 1), 1),
                     "h": round(h, 1), "day": day, "n": n})
    return {"width": width, "height": height, "bars": bars, "first": per_day[0][0], "last": per_day[-1][0]}


class StoreCache:
    """The StoryIndex of one store, rebuilt when the store file or its WAL changes."""

    def __init__(self, db_path: str | Path, check_every_s: float = 1.0) -> None:
        self.path = Path(db_path)
        self.check_every_s = check_every_s
        self._lock = threading.Lock()
        self._index: StoryIndex | None = None
        self._sig: tuple[int, ...] | None = None
        self.checked = 0.0
        self.generation = 0
        self._probe: sqlite3.Connection | None = None
        self._probe_ino: int | None = None

    def _signature(self) -> tuple[int, ...]:
        """Identity of the store's content: the main file's inode, mtime and size, plus SQLite's
        ``data_version`` seen by a long-lived read connection (it changes when any other
        connection commits, even into the WAL). File times of the WAL are not used: merely
        opening another reader (as search does) touches them, which would reload the index."""
        try:
            st = self.path.stat()
        except OSError:
            self._close_probe()
            return (0, 0, 0, 0)
        sig = [st.st_ino, st.st_mtime_ns, st.st_size]
        if self._probe_ino != st.st_ino:  # a new file at this path: start over
            self._close_probe()
        try:
            if self._probe is None:
                self._probe = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
                self._probe_ino = st.st_ino
            sig.append(self._probe.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            self._close_probe()
            sig.append(-1)
        return tuple(sig)

    def _close_probe(self) -> None:
        if self._probe is not None:
            self._probe.close()
        self._probe, self._probe_ino = None, None

    def ready(self) -> bool:
        """True when the loaded index is known to be current: checked within ``check_every_s``, or
        found unchanged by a probe now (a stat and a pragma, microseconds). Never waits and never
        loads, so the event loop may call it; False means "call ``get()`` in a worker thread"."""
        if self._index is None:
            return False
        if time.monotonic() - self.checked < self.check_every_s:
            return True
        if not self._lock.acquire(blocking=False):  # a (re)load is under way
            return False
        try:
            if self._signature() != self._sig:
                return False
            self.checked = time.monotonic()
            return True
        finally:
            self._lock.release()

    def current(self) -> StoryIndex:
        """The loaded index as it is, unchecked (call after ``ready()`` said True)."""
        assert self._index is not None
        return self._index

    def get(self) -> StoryIndex:
        """The current index; loads (StoreError when the store is missing or invalid) or reloads on change."""
        now = time.monotonic()
        idx = self._index
        if idx is not None and now - self.checked < self.check_every_s:
            return idx
        with self._lock:
            sig = self._signature()
            self.checked = time.monotonic()
            if self._index is None or sig != self._sig:
                self._index = StoryIndex(api.load(self.path))
                self._sig = sig
                self.generation += 1
                # The index is millions of long-lived objects: keep the cyclic GC from re-walking
                # them on every full collection (seconds-long pauses on a 10,000-article store).
                gc.collect()
                gc.freeze()
            return self._index

