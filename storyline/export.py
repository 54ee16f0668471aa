"""Exports: the story as plain data (DESIGN §4) and as JSON, JSON Lines, CSV tables and GraphML.

Everything goes through ``story_dict`` (the export object) or ``annotate_dict`` (one document),
so every format shows the same facts with the same ids. Only the standard library is used:
``json``, ``csv`` and ``xml.etree`` already write valid, escaped output, and a store of a few
thousand articles fits in memory as one dict. Ordering is deterministic (articles by published
date then origin; entities by mentions then name; events by date, undated last, then id; claims
by subject then stated date) so two exports of the same store are byte-identical.

CSV: a CSV file holds one table, so ``write(..., "csv", DIR)`` writes four files
(articles.csv, entities.csv, events.csv, claims.csv) into the folder DIR; writing CSV to a
stream writes the events table only (the timeline, the table most worth piping).
"""

from __future__ import annotations

import csv
import json
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from storyline.errors import QueryError, StorylineError
from storyline.model import ArticleResult, Evidence, Published, Quantity, Span, Story
from storyline.stages.story_names import with_story_mentions

__all__ = [
    "FORMATS",
    "annotate_dict",
    "date_precision",
    "story_dict",
    "table_rows",
    "timeline_rows",
    "write",
]

FORMATS = ("json", "jsonl", "csv", "graphml")
TABLES = ("timeline", "entities", "claims", "articles")
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_KINDS = {"articles": "article", "entities": "entity", "events": "event", "claims": "claim"}
# JSON leaves these unescaped with ensure_ascii=False, but str.splitlines() splits on them.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

# --------------------------------------------------------------------------- small helpers


def iso_prefix(value: str | None) -> str | None:
    """The leading ISO date prefix of ``value`` ("2024", "2024-06", "2024-06-01"), or None."""
    if not value:
        return None
    m = _ISO.match(value.strip())
    return m.group(0) if m else None


def date_precision(value: str | None) -> str:
    """"day", "month" or "year" for an ISO prefix by its length; "undated" for None."""
    d = iso_prefix(value)
    if d is None:
        return "undated"
    return {4: "year", 7: "month"}.get(len(d), "day")


def _number(value: float | None) -> int | float | None:
    """A JSON-safe number: integral floats become int, NaN/inf become None."""
    if value is None or not math.isfinite(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def _span(s: Span | Quantity) -> dict[str, Any]:
    """A span as {start, end, text}."""
    return {"start": s.start, "end": s.end, "text": s.text}


def _evidence(ev: Iterable[Evidence]) -> list[dict[str, Any]]:
    """Evidence as [{article, start, end, text}]."""
    return [{"article": e.article, "start": e.start, "end": e.end, "text": e.text} for e in ev]


def _published(pub: Published, *, with_evidence: bool = True) -> dict[str, Any]:
    """A publication date as {date, earliest, latest, confidence[, evidence]}."""
    out: dict[str, Any] = {
        "date": iso_prefix(pub.date),
        "earliest": iso_prefix(pub.earliest),
        "latest": iso_prefix(pub.latest),
        "confidence": round(float(pub.confidence), 3) if math.isfinite(pub.confidence) else 0.0,
    }
    if with_evidence:
        out["evidence"] = [{"start": e.start, "end": e.end, "text": e.text, "why": e.why}
                           for e in pub.evidence]
    return out


def _date_key(d: str | None) -> tuple[bool, str]:
    """Sort key putting undated items last."""
    return (d is None, d or "")


def _entity_names(story: Story | None) -> dict[str, str]:
    """Entity id -> canonical name (empty without a story)."""
    return {e.id: e.name for e in story.entities} if story else {}


# --------------------------------------------------------------------------- the export object


def _article_dict(r: ArticleResult, story: Story) -> dict[str, Any]:
    """One article of the export object."""
    a = r.article
    refined = story.published.get(r.id)
    pub = _published(refined or r.published)
    pub["refined"] = refined is not None
    return {
        "id": r.id,
        "origin": a.origin,
        "title": a.title,
        "body": a.body,
        "language": r.language,
        "outlet": a.outlet,
        "published": pub,
        "flags": list(r.flags),
        "copy_of": story.copies.get(r.id) or r.copy_of,
        "url": a.url,
        "languages": [{"start": s.start, "end": s.end, "language": s.language,
                       "confidence": round(float(s.confidence), 3)} for s in r.languages],
        "chrome": [{"start": c.start, "end": c.end, "reason": c.reason} for c in a.chrome],
        "title_span": ({"start": a.title_start, "end": a.title_end}
                       if a.title_start is not None and a.title_end is not None else None),
        "body_spans": [{"start": g.start, "end": g.start + g.length} for g in a.segments if g.length > 0],
        "teasers": [{"start": t.start, "end": t.end, "text": t.text, "timestamp": t.timestamp}
                    for t in a.teasers],
        "counts": {"sentences": len(r.sentences), "mentions": len(with_story_mentions(r, story).mentions),
                   "timexes": len(r.timexes),
                   "events": len(r.events), "claims": len(r.claims)},
    }


def story_dict(results: Sequence[ArticleResult], story: Story) -> dict[str, Any]:
    """The export object of DESIGN §4.

    Args:
        results: every article's per-document result.
        story: the cross-document story (entities, merged events, claims, copies, refined dates).

    Returns:
        ``{"articles": [...], "entities": [...], "events": [...], "claims": [...]}``, plain
        JSON-ready data in a deterministic order.
    """
    articles = [_article_dict(r, story) for r in results]
    articles.sort(key=lambda a: (*_date_key(a["published"]["date"]), a["origin"] or "", a["id"]))
    entities = []
    for e in sorted(story.entities, key=lambda e: (-e.mentions, e.name, e.id)):
        aliases: list[str] = []
        for al in e.aliases:
            if al.name != e.name and al.name not in aliases:
                aliases.append(al.name)
        entities.append({
            "id": e.id, "name": e.name, "type": e.type, "aliases": aliases,
            "alias_reasons": [{"name": al.name, "reason": al.reason, "count": al.count} for al in e.aliases],
            "wikidata": e.wikidata, "articles": list(e.articles), "mentions": e.mentions,
            "first_seen": iso_prefix(e.first_seen), "last_seen": iso_prefix(e.last_seen),
        })
    events = []
    for ev in sorted(story.events, key=lambda ev: (*_date_key(iso_prefix(ev.date)), ev.id)):
        date = iso_prefix(ev.date)
        events.append({
            "id": ev.id, "type": ev.type, "summary": ev.summary, "date": date,
            "precision": date_precision(date), "participants": list(ev.participants),
            "articles": list(ev.articles), "evidence": _evidence(ev.evidence), "source": ev.source,
            "mode": ev.mode, "actors": list(ev.actors), "targets": list(ev.targets), "location": ev.location,
        })
    claims = []
    for c in sorted(story.claims, key=lambda c: (c.subject, *_date_key(iso_prefix(c.stated)), c.id)):
        claims.append({
            "id": c.id, "subject": c.subject, "value": _number(c.value), "unit": c.unit,
            "approximate": bool(c.approximate), "source": c.source, "stated": iso_prefix(c.stated),
            "articles": list(c.articles), "evidence": _evidence(c.evidence), "source_entity": c.source_entity,
        })
    return {"articles": articles, "entities": entities, "events": events, "claims": claims}


# --------------------------------------------------------------------------- one document


def annotate_dict(result: ArticleResult, story: Story | None = None) -> dict[str, Any]:
    """The per-document object of DESIGN §4 (``storyline annotate``).

    Args:
        result: the article's per-document result.
        story: the story of the batch; gives mentions their canonical entity names, events and
            claims their story ids, and the refined publication date. None: per-document only.

    Returns:
        ``{title, body, language, outlet, published, chrome, flags, timexes, mentions, events,
        claims}`` plus extras (id, origin, copy_of); every span indexes the original text.
    """
    result = with_story_mentions(result, story)  # names the story found again in this article
    a = result.article
    names = _entity_names(story)
    m_ent = story.mention_entities if story else {}

    def ent_id(i: int) -> str | None:
        if 0 <= i < len(result.mentions):
            return m_ent.get((result.id, i)) or result.mentions[i].entity_id
        return None

    def ent_name(i: int | None) -> str | None:
        if i is None or not 0 <= i < len(result.mentions):
            return None
        m = result.mentions[i]
        eid = ent_id(i)
        return (names.get(eid) if eid else None) or m.entity or m.name

    ev_ids: dict[tuple[str, int], str] = {}
    claim_ids: dict[tuple[Any, ...], str] = {}
    if story:
        for sev in story.events:
            for member in sev.members:
                ev_ids.setdefault((member[0], member[1]), sev.id)
        for sc in story.claims:
            for aid in sc.articles:
                first = next(((e.start, e.end) for e in sc.evidence if e.article == aid), None)
                claim_ids.setdefault((aid, sc.subject, _number(sc.value), first), sc.id)
    refined = story.published.get(result.id) if story else None
    events = []
    for i, ev in enumerate(result.events):
        events.append({
            "id": ev_ids.get((result.id, i)), "type": ev.type, "mode": ev.mode, "summary": ev.summary,
            "date": iso_prefix(ev.date), "date_source": ev.date_source,
            "actors": [ent_name(k) for k in ev.actors], "targets": [ent_name(k) for k in ev.targets],
            "location": ent_name(ev.location), "source": ev.source, "trigger": _span(ev.trigger),
            "evidence": [_span(s) for s in ev.evidence],
        })
    claims = []
    for c in result.claims:
        first = (c.evidence[0].start, c.evidence[0].end) if c.evidence else None
        q = result.quantities[c.quantity] if 0 <= c.quantity < len(result.quantities) else None
        claims.append({
            "id": claim_ids.get((result.id, c.subject, _number(c.value), first)),
            "subject": c.subject, "value": _number(c.value), "unit": c.unit, "approximate": bool(c.approximate),
            "source": c.source, "stated": iso_prefix(c.stated),
            "quantity": _span(q) if q else None, "evidence": [_span(s) for s in c.evidence],
        })
    return {
        "id": result.id,
        "origin": a.origin,
        "title": a.title,
        "body": a.body,
        "language": result.language,
        "outlet": a.outlet,
        "published": _published(refined or result.published),
        "chrome": [{"start": c.start, "end": c.end, "reason": c.reason} for c in a.chrome],
        "flags": list(result.flags),
        "copy_of": (story.copies.get(result.id) if story else None) or result.copy_of,
        "timexes": [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
                     "mod": t.mod} for t in result.timexes],
        "mentions": [{"start": m.start, "end": m.end, "text": m.text, "type": m.type, "entity": ent_name(i),
                      "entity_id": ent_id(i), "kb_id": m.kb_id, "role": m.role}
                     for i, m in enumerate(result.mentions)],
        "events": events,
        "claims": claims,
    }


# --------------------------------------------------------------------------- table rows (CLI)


def _check_bound(value: str | None, flag: str) -> str | None:
    """A validated ISO date bound, or None; raises QueryError on anything else."""
    if value is None or value == "":
        return None
    d = iso_prefix(value)
    if d is None or d != value.strip():
        raise QueryError(f"{flag} {value!r} is not a date like 2024, 2024-06 or 2024-06-01")
    return d


def _in_range(date: str | None, lo: str | None, hi: str | None) -> bool:
    """Whether ``date`` overlaps [lo, hi], each compared at the coarser of the two precisions."""
    if lo is None and hi is None:
        return True
    if date is None:
        return False
    if lo is not None:
        n = min(len(date), len(lo))
        if date[:n] < lo[:n]:
            return False
    if hi is not None:
        n = min(len(date), len(hi))
        if date[:n] > hi[:n]:
            return False
    return True


def _fold(s: str) -> str:
    """Case- and space-insensitive form of a name."""
    return " ".join(s.casefold().split())


def _matching_entities(story: Story, name: str) -> set[str]:
    """Ids of entities named or aliased ``name``; substring matches when nothing matches exactly."""
    want = _fold(name)
    forms = {e.id: {_fold(e.name)} | {_fold(a.name) for a in e.aliases} for e in story.entities}
    exact = {eid for eid, fs in forms.items() if want in fs}
    if exact or not want:
        return exact
    return {eid for eid, fs in forms.items() if any(want in f for f in fs)}


def timeline_rows(story: Story, results: Sequence[ArticleResult], entity: str | None = None,
                  date_from: str | None = None, date_to: str | None = None) -> list[dict[str, Any]]:
    """Timeline rows: events in date order (undated last), optionally filtered.

    Args:
        story: the story whose events to list.
        results: the articles (for origins).
        entity: keep events with a participant, actor, target or location of this name or alias
            (case-insensitive; a substring when no name matches exactly).
        date_from, date_to: keep dated events overlapping this range; "2024-06" is inside
            ``date_from="2024-06-01"`` (compared at the coarser precision).

    Returns:
        ``[{id, date, precision, type, mode, summary, participants (names), source,
        articles (origins), article_ids, evidence (texts)}]``.

    Raises:
        QueryError: a date bound is not an ISO date prefix.
    """
    lo, hi = _check_bound(date_from, "--from"), _check_bound(date_to, "--to")
    names = _entity_names(story)
    origins = {r.id: r.article.origin for r in results}
    wanted = _matching_entities(story, entity) if entity is not None else None
    rows = []
    for ev in sorted(story.events, key=lambda ev: (*_date_key(iso_prefix(ev.date)), ev.id)):
        date = iso_prefix(ev.date)
        if not _in_range(date, lo, hi):
            continue
        involved = {*ev.participants, *ev.actors, *ev.targets, *([ev.location] if ev.location else [])}
        if wanted is not None and not involved & wanted:
            continue
        rows.append({
            "id": ev.id, "date": date, "precision": date_precision(date), "type": ev.type, "mode": ev.mode,
            "summary": ev.summary, "participants": [names.get(p, p) for p in ev.participants],
            "source": ev.source, "articles": [origins.get(a, a) for a in ev.articles],
            "article_ids": list(ev.articles), "evidence": [e.text for e in ev.evidence],
        })
    return rows


def table_rows(kind: str, results: Sequence[ArticleResult], story: Story) -> list[dict[str, Any]]:
    """Rows for ``storyline timeline|entities|claims|articles``.

    Args:
        kind: "timeline", "entities", "claims" or "articles".

    Returns:
        Flat dicts (lists of names/origins stay lists), in the export order.

    Raises:
        QueryError: ``kind`` is not one of the four tables.
    """
    if kind == "timeline":
        return timeline_rows(story, results)
    if kind not in TABLES:
        raise QueryError(f"unknown table {kind!r} - use one of {', '.join(TABLES)}")
    data = story_dict(results, story)
    origins = {a["id"]: a["origin"] for a in data["articles"]}
    if kind == "entities":
        return [{"id": e["id"], "name": e["name"], "type": e["type"], "mentions": e["mentions"],
                 "aliases": e["aliases"], "wikidata": e["wikidata"],
                 "articles": [origins.get(a, a) for a in e["articles"]],
                 "first_seen": e["first_seen"], "last_seen": e["last_seen"]} for e in data["entities"]]
    if kind == "claims":
        return [{"id": c["id"], "subject": c["subject"], "value": c["value"], "unit": c["unit"],
                 "approximate": c["approximate"], "source": c["source"], "stated": c["stated"],
                 "articles": [origins.get(a, a) for a in c["articles"]]} for c in data["claims"]]
    return [{"id": a["id"], "published": a["published"]["date"], "earliest": a["published"]["earliest"],
             "latest": a["published"]["latest"], "confidence": a["published"]["confidence"],
             "language": a["language"], "outlet": a["outlet"], "title": a["title"], "origin": a["origin"],
             "flags": a["flags"], "copy_of": a["copy_of"]} for a in data["articles"]]


# --------------------------------------------------------------------------- writers


_CSV_COLUMNS = {
    "articles": ["id", "origin", "title", "language", "outlet", "published", "earliest", "latest",
                 "confidence", "flags", "copy_of", "url", "body"],
    "entities": ["id", "name", "type", "aliases", "wikidata", "mentions", "articles", "first_seen", "last_seen"],
    "events": ["id", "date", "precision", "type", "mode", "summary", "participants", "participant_names",
               "source", "articles", "evidence"],
    "claims": ["id", "subject", "value", "unit", "approximate", "source", "stated", "articles", "evidence"],
}


def _csv_tables(data: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The four CSV tables of an export object (list cells stay lists until written)."""
    names = {e["id"]: e["name"] for e in data["entities"]}
    arts = []
    for a in data["articles"]:
        row = {k: a.get(k) for k in _CSV_COLUMNS["articles"] if k in a}
        row.update(published=a["published"]["date"], earliest=a["published"]["earliest"],
                   latest=a["published"]["latest"], confidence=a["published"]["confidence"])
        arts.append(row)
    events = [{**ev, "participant_names": [names.get(p, p) for p in ev["participants"]]} for ev in data["events"]]
    return {"articles": arts, "entities": list(data["entities"]), "events": events, "claims": list(data["claims"])}


def _write_csv(rows: Iterable[Mapping[str, Any]], columns: list[str], out: TextIO) -> None:
    """One CSV table; list and dict cells are JSON, None is empty."""
    w = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                    for k, v in r.items() if k in columns})


def _xml_text(value: Any) -> str:
    """Text safe for XML 1.0 (characters XML forbids are dropped)."""
    return _XML_BAD.sub("", "" if value is None else str(value))


def graphml_tree(data: Mapping[str, Any]) -> ET.Element:
    """An undirected GraphML graph: entities as nodes, co-participation in events as weighted edges."""
    ET.register_namespace("", GRAPHML_NS)
    q = f"{{{GRAPHML_NS}}}"
    root = ET.Element(f"{q}graphml")
    keys = [("name", "node", "string"), ("type", "node", "string"), ("wikidata", "node", "string"),
            ("mentions", "node", "int"), ("weight", "edge", "int"), ("label", "edge", "string"),
            ("events", "edge", "string")]
    for name, domain, typ in keys:
        ET.SubElement(root, f"{q}key", {"id": f"{domain[0]}_{name}", "for": domain,
                                        "attr.name": name, "attr.type": typ})
    graph = ET.SubElement(root, f"{q}graph", {"id": "story", "edgedefault": "undirected"})

    def data_el(parent: ET.Element, key: str, value: Any) -> None:
        d = ET.SubElement(parent, f"{q}data", {"key": key})
        d.text = _xml_text(value)

    ids: set[str] = set()
    for e in data["entities"]:
        ids.add(e["id"])
        node = ET.SubElement(graph, f"{q}node", {"id": _xml_text(e["id"])})
        data_el(node, "n_name", e["name"])
        data_el(node, "n_type", e["type"])
        if e.get("wikidata"):
            data_el(node, "n_wikidata", e["wikidata"])
        data_el(node, "n_mentions", int(e.get("mentions") or 0))
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for ev in data["events"]:
        parts = sorted({p for p in ev["participants"] if p in ids})
        for i, a in enumerate(parts):
            for b in parts[i + 1:]:
                pairs[(a, b)].append(ev)
    for n, ((a, b), evs) in enumerate(sorted(pairs.items())):
        edge = ET.SubElement(graph, f"{q}edge", {"id": f"e{n}", "source": _xml_text(a), "target": _xml_text(b)})
        data_el(edge, "e_weight", len(evs))
        data_el(edge, "e_label", ", ".join(sorted(Counter(ev["type"] for ev in evs))))
        data_el(edge, "e_events", " ".join(ev["id"] for ev in evs))
    return root


def _write_stream(data: dict[str, Any], fmt: str, out: TextIO) -> None:
    """Write one export object in ``fmt`` (csv: the events table) to a text stream."""
    if fmt == "json":
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        for kind, singular in _KINDS.items():
            for obj in data[kind]:
                line = json.dumps({"kind": singular, **obj}, ensure_ascii=False)
                out.write(line.translate(_LINE_BREAKS) + "\n")
    elif fmt == "csv":
        _write_csv(_csv_tables(data)["events"], _CSV_COLUMNS["events"], out)
    else:
        root = graphml_tree(data)
        ET.indent(root)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(ET.tostring(root, encoding="unicode"))
        out.write("\n")


def write(results: Sequence[ArticleResult], story: Story, fmt: str, out: TextIO | str | Path) -> None:
    """Write the story in ``fmt`` to a stream or a path.

    Args:
        results: every article's result.
        story: the cross-document story.
        fmt: "json" (one object, indent 2), "jsonl" (one object per line with a "kind" field:
            article, entity, event or claim), "csv" or "graphml" (entity co-participation graph).
        out: a text stream or a path. For csv a path is a folder (created when missing) that
            receives articles.csv, entities.csv, events.csv and claims.csv; a stream receives the
            events table only.

    Raises:
        StorylineError: unknown format, or a csv path that is an existing file or ends in .csv,
            or the output cannot be written.
    """
    if fmt not in FORMATS:
        raise StorylineError(f"unknown export format {fmt!r} - use one of {', '.join(FORMATS)}")
    data = story_dict(results, story)
    if not isinstance(out, (str, Path)):
        _write_stream(data, fmt, out)
        return
    path = Path(out)
    try:
        if fmt == "csv":
            if path.is_file() or (path.suffix.lower() == ".csv" and not path.is_dir()):
                raise StorylineError(f"csv export writes four tables into a folder - give --out DIR, not {path}")
            path.mkdir(parents=True, exist_ok=True)
            for name, rows in _csv_tables(data).items():
                with (path / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
                    _write_csv(rows, _CSV_COLUMNS[name], fh)
            return
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            _write_stream(data, fmt, fh)
        tmp.replace(path)
    except OSError as ex:
        raise StorylineError(f"cannot write {path}: {ex}") from ex
