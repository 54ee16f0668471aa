"""The static HTML report: one self-contained file (inline CSS, no scripts, no external assets).

Rendered with Jinja2 (``templates/report.html.j2``) with autoescape on, so every string taken
from articles is escaped by default. The one piece of HTML built here, an article's text with
its evidence spans wrapped in ``<mark>``, is assembled from ``html.escape``d slices and only then
marked safe. Anchors and hrefs are built from ids passed through ``_anchor`` (letters, digits,
``-`` and ``_`` only); external links are only made for http(s) URLs and Wikidata QIDs. The
input is ``export.story_dict`` output, so the report shows exactly what the JSON export holds.
Collapsible parts use ``<details>``, which needs no JavaScript.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from storyline.export import date_precision

__all__ = ["render_report"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_QID = re.compile(r"Q[1-9]\d*")
_HTTP = re.compile(r"https?://[^\s\"'<>]+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    """The Jinja2 environment (autoescape on, strict undefined), built once."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )


def _anchor(*parts: Any) -> str:
    """An id/fragment made only of [A-Za-z0-9_-] from ``parts`` joined by "-"."""
    return "-".join(re.sub(r"[^A-Za-z0-9_-]", "_", str(p)) for p in parts)


def _safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) URL, else None (never a javascript: or data: link)."""
    if url and _HTTP.fullmatch(url.strip()):
        return url.strip()
    return None


def _fmt_value(value: Any) -> str:
    """A claim value for reading: thousands separators, no trailing .0; "?" for None."""
    if value is None:
        return "?"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}"
    return f"{value:,.6g}" if isinstance(value, float) else str(value)


def _marked_text(text: str, marks: list[tuple[int, int, str]], hidden: list[tuple[int, int]]) -> Markup:
    """``text`` escaped, spans in ``marks`` wrapped in <mark id=...>, ``hidden`` spans left out.

    Overlapping marks keep the first (an empty anchor carries the other id); text inside a mark is
    shown even when it lies in a hidden span. A hidden piece becomes a paragraph break when it held
    a line break, else a space; runs of blank lines are collapsed.
    """
    n = len(text)
    kept: list[tuple[int, int, str]] = []
    extra_ids: dict[int, list[str]] = defaultdict(list)
    for s, e, ident in sorted({(max(0, s), min(n, e), i) for s, e, i in marks if 0 <= s < e}):
        if kept and s < kept[-1][1]:
            extra_ids[kept[-1][0]].append(ident)
            continue
        kept.append((s, e, ident))
    hidden = sorted((max(0, s), min(n, e)) for s, e in hidden if s < e)
    out: list[str] = []
    pos = 0

    def plain(a: int, b: int) -> None:
        for hs, he in hidden:
            if he <= a or hs >= b:
                continue
            if hs > a:
                out.append(html.escape(text[a:hs]))
            gap = text[max(a, hs):min(b, he)]
            out.append("\n\n" if "\n" in gap else " ")
            a = max(a, he)
        if a < b:
            out.append(html.escape(text[a:b]))

    for s, e, ident in kept:
        plain(pos, s)
        anchors = "".join(f'<span id="{html.escape(x)}"></span>' for x in extra_ids.get(s, []))
        out.append(f'{anchors}<mark id="{html.escape(ident)}">{html.escape(text[s:e])}</mark>')
        pos = e
    plain(pos, n)
    joined = re.sub(r"[ \t]*\n[ \t]*\n\s*", "\n\n", "".join(out))
    return Markup(joined.strip())


def _hidden_spans(article: Mapping[str, Any], n: int) -> list[tuple[int, int]]:
    """Spans of the original text to leave out: all but the body when its spans are known, else chrome."""
    body = sorted((b["start"], b["end"]) for b in article.get("body_spans") or [])
    if not body:
        return [(c["start"], c["end"]) for c in article.get("chrome", [])]
    hidden: list[tuple[int, int]] = []
    pos = 0
    for s, e in body:
        if s > pos:
            hidden.append((pos, s))
        pos = max(pos, e)
    if pos < n:
        hidden.append((pos, n))
    return hidden


def _body_fallback_marks(body: str, evidence: list[dict[str, Any]], aid: str) -> list[tuple[int, int, str]]:
    """Marks for evidence texts found in the body (first occurrence), ids with original offsets."""
    marks: list[tuple[int, int, str]] = []
    for ev in evidence:
        t = ev.get("text") or ""
        i = body.find(t) if t else -1
        if i >= 0:
            marks.append((i, i + len(t), _anchor("ev", aid, ev["start"], ev["end"])))
    return marks


def _view(data: Mapping[str, Any], raw_texts: Mapping[str, str] | None) -> dict[str, Any]:
    """The template's view of an export object: names resolved, anchors built, claims grouped."""
    raw_texts = raw_texts or {}
    arts = list(data.get("articles", []))
    ents = list(data.get("entities", []))
    evs = list(data.get("events", []))
    cls = list(data.get("claims", []))
    names = {e["id"]: e["name"] for e in ents}
    art_by_id = {a["id"]: a for a in arts}

    def art_ref(aid: str) -> dict[str, str]:
        a = art_by_id.get(aid)
        label = (a.get("origin") or a.get("title") or aid) if a else aid
        return {"href": "#" + _anchor("art", aid), "label": str(label)}

    def ev_refs(evidence: list[dict[str, Any]]) -> list[dict[str, str]]:
        return [{"href": "#" + _anchor("ev", e["article"], e["start"], e["end"]), "text": e.get("text") or "",
                 "article": art_ref(e["article"])["label"], "article_id": e["article"]} for e in evidence]

    spans: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in evs + cls:
        for e in item.get("evidence", []):
            spans[e["article"]].append(e)

    timeline = [{
        "id": _anchor("event", ev["id"]), "date": ev.get("date") or "undated",
        "precision": date_precision(ev.get("date")), "type": ev.get("type") or "", "mode": ev.get("mode") or "",
        "summary": ev.get("summary") or "", "source": ev.get("source"),
        "participants": [names.get(p, p) for p in ev.get("participants", [])],
        "articles": [art_ref(a) for a in ev.get("articles", [])], "evidence": ev_refs(ev.get("evidence", [])),
    } for ev in evs]

    entities = [{
        "id": _anchor("ent", e["id"]), "name": e["name"], "type": e.get("type") or "",
        "aliases": [{"name": r["name"], "reason": r.get("reason") or "", "count": r.get("count", 1)}
                    for r in e.get("alias_reasons", []) if r["name"] != e["name"]]
        or [{"name": x, "reason": "", "count": 1} for x in e.get("aliases", [])],
        "wikidata": e.get("wikidata"),
        "wikidata_url": (f"https://www.wikidata.org/wiki/{e['wikidata']}"
                         if e.get("wikidata") and _QID.fullmatch(str(e["wikidata"])) else None),
        "mentions": e.get("mentions", 0), "first_seen": e.get("first_seen"), "last_seen": e.get("last_seen"),
        "articles": [art_ref(a) for a in e.get("articles", [])],
    } for e in ents]

    groups: dict[str, list[dict[str, Any]]] = {}
    for c in cls:
        key = " ".join(str(c.get("subject") or "").casefold().split())
        groups.setdefault(key, []).append({
            "subject": c.get("subject") or "", "value": _fmt_value(c.get("value")), "raw_value": c.get("value"),
            "unit": c.get("unit") or "", "approximate": bool(c.get("approximate")), "source": c.get("source"),
            "stated": c.get("stated"), "articles": [art_ref(a) for a in c.get("articles", [])],
            "evidence": ev_refs(c.get("evidence", [])),
        })
    claim_groups = [{
        "subject": items[0]["subject"], "claims": items,
        "disagree": len({(i["raw_value"], i["unit"].casefold()) for i in items}) > 1,
    } for items in groups.values()]

    articles = []
    marked: set[str] = set()
    for a in arts:
        raw = raw_texts.get(a["id"])
        ev_list = spans.get(a["id"], [])
        if raw is not None:
            marks = [(e["start"], e["end"], _anchor("ev", a["id"], e["start"], e["end"])) for e in ev_list
                     if e["start"] < e["end"] and raw[e["start"]:e["end"]] == e.get("text")]
            body = _marked_text(raw, marks, _hidden_spans(a, len(raw)))
        else:
            marks = _body_fallback_marks(a.get("body") or "", ev_list, a["id"])
            body = _marked_text(a.get("body") or "", marks, [])
        original = raw is not None
        marked.update(m[2] for m in marks)
        pub = a.get("published") or {}
        chrome = [{"reason": c.get("reason") or "", "text": raw[c["start"]:c["end"]] if raw is not None else "",
                   "start": c["start"], "end": c["end"]} for c in a.get("chrome", [])]
        copy_of = a.get("copy_of")
        articles.append({
            "id": _anchor("art", a["id"]), "title": a.get("title") or a.get("origin") or a["id"],
            "origin": a.get("origin") or "", "outlet": a.get("outlet"), "language": a.get("language"),
            "url": a.get("url"), "url_href": _safe_url(a.get("url")),
            "date": pub.get("date"), "earliest": pub.get("earliest"), "latest": pub.get("latest"),
            "confidence": pub.get("confidence"), "refined": bool(pub.get("refined")),
            "date_evidence": [{"text": e.get("text") or "", "why": e.get("why") or ""}
                              for e in pub.get("evidence", [])],
            "flags": list(a.get("flags", [])), "copy_of": art_ref(copy_of) if copy_of else None,
            "body": body, "original": original, "chrome": chrome,
            "teasers": [{"text": t.get("text") or "", "timestamp": t.get("timestamp")}
                        for t in a.get("teasers", [])],
        })

    # evidence that could not be marked links to its article instead of a missing anchor
    for ref in [q for ev in timeline for q in ev["evidence"]] + [
            q for g in claim_groups for c in g["claims"] for q in c["evidence"]]:
        if ref["href"][1:] not in marked:
            ref["href"] = "#" + _anchor("art", ref["article_id"])
    dates = sorted(d for d in [ev.get("date") for ev in evs] if d)
    pub_dates = sorted(d for d in [(a.get("published") or {}).get("date") for a in arts] if d)
    return {
        "event_range": (dates[0], dates[-1]) if dates else None,
        "pub_range": (pub_dates[0], pub_dates[-1]) if pub_dates else None,
        "counts": {"articles": len(arts), "entities": len(ents), "events": len(evs), "claims": len(cls)},
        "languages": Counter(a.get("language") or "und" for a in arts).most_common(),
        "outlets": Counter(a.get("outlet") or "unknown" for a in arts).most_common(),
        "timeline": timeline, "entities": entities, "claim_groups": claim_groups, "articles": articles,
    }


def render_report(data: Mapping[str, Any], raw_texts: Mapping[str, str] | None = None,
                  *, title: str = "Story report") -> str:
    """One self-contained HTML page for a story.

    Args:
        data: ``export.story_dict`` output.
        raw_texts: article id -> the article's original text; with it, article bodies are shown
            from the original text with evidence marked at its exact offsets and chrome left out
            (listed, collapsed). Without it the cleaned body is shown and evidence is found by text.
        title: the page title.

    Returns:
        The HTML document (``<!doctype html>`` ...); no scripts, no external assets.
    """
    return _env().get_template("report.html.j2").render(title=title, **_view(data, raw_texts))
