"""Exports: the DESIGN §4 objects, JSON / JSONL / CSV / GraphML writers, table and timeline rows."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline import export
from storyline.errors import QueryError, StorylineError
from storyline.model import (
    Alias,
    ArticleResult,
    ChromeSpan,
    Claim,
    CleanArticle,
    DateEvidence,
    Entity,
    Event,
    Evidence,
    LanguageSpan,
    Mention,
    Published,
    Quantity,
    Segment,
    Span,
    Story,
    StoryClaim,
    StoryEvent,
    Timex,
)

TEXT_A = ("Kim meets Putin\nViews 28855\n"
          "Kim Jong Un met Vladimir Putin in Pyongyang on June 19.\n"
          "About 10,000 soldiers were sent, the State Department said.\n")
TEXT_B = ("Troops sent\n"
          "Putin thanked North Korea.\n"
          "Kyiv said 12,000 soldiers were sent <script>alert(1)</script>.\n")


def _sp(text: str, needle: str, start: int = 0) -> Span:
    """The Span of ``needle`` in ``text``."""
    i = text.index(needle, start)
    return Span(i, i + len(needle), needle)


def _ev(aid: str, text: str, needle: str) -> Evidence:
    """Evidence of ``needle`` in ``text``."""
    s = _sp(text, needle)
    return Evidence(aid, s.start, s.end, s.text)


def _mention(text: str, needle: str, typ: str) -> Mention:
    """A Mention of ``needle`` in ``text``."""
    s = _sp(text, needle)
    return Mention(s.start, s.end, s.text, typ, s.text)


def _article(aid: str, origin: str, text: str, title: str, body_from: str, chrome: str | None) -> CleanArticle:
    """A CleanArticle whose body is the text from ``body_from`` on (one segment)."""
    start = text.index(body_from)
    body = text[start:].rstrip("\n")
    ch = ()
    if chrome:
        c = _sp(text, chrome)
        ch = (ChromeSpan(c.start, c.end, "view-counter"),)
    return CleanArticle(id=aid, origin=origin, text=text, body=body, segments=(Segment(0, start, len(body)),),
                        title=title, title_start=0, title_end=len(title), chrome=ch, outlet="UNN")


def make_story() -> tuple[list[ArticleResult], Story]:
    """Two articles, three entities, two events, two claims disagreeing on one subject."""
    a = _article("aaa", "001_a.txt", TEXT_A, "Kim meets Putin", "Kim Jong Un met", "Views 28855")
    b = _article("bbb", "002_b.txt", TEXT_B, "Troops sent", "Putin thanked", None)
    ma = tuple(_mention(TEXT_A, n, "Person") for n in ("Kim Jong Un", "Vladimir Putin", "State Department"))
    mb = (_mention(TEXT_B, "Putin", "Person"), _mention(TEXT_B, "North Korea", "Country"))
    q_a = _sp(TEXT_A, "About 10,000 soldiers")
    q_b = _sp(TEXT_B, "12,000 soldiers")
    sent_a = _sp(TEXT_A, "Kim Jong Un met Vladimir Putin in Pyongyang on June 19.")
    sent_b = _sp(TEXT_B, "Putin thanked North Korea.")
    claim_a = _sp(TEXT_A, "About 10,000 soldiers were sent, the State Department said.")
    claim_b = _sp(TEXT_B, "Kyiv said 12,000 soldiers were sent <script>alert(1)</script>.")
    tx = _sp(TEXT_A, "June 19")
    ra = ArticleResult(
        article=a, language="en", languages=(LanguageSpan(0, len(TEXT_A), "en", 0.99),),
        published=Published("2024-06-20", "2024-06-19", "2024-06-21", 0.8,
                            (DateEvidence(tx.start, tx.end, tx.text, "timex"),)),
        timexes=(Timex(tx.start, tx.end, tx.text, "DATE", "2024-06-19"),),
        mentions=ma, quantities=(Quantity(q_a.start, q_a.end, q_a.text, 10000.0, "soldiers", True, "about"),),
        events=(Event("CONSULT", "", _sp(TEXT_A, "met"), "Kim Jong Un met Vladimir Putin", (0,), (1,),
                      date="2024-06-19", evidence=(sent_a,)),),
        claims=(Claim("troops sent", 10000.0, "soldiers", True, 0, source="State Department",
                      stated="2024-06-20", evidence=(claim_a,)),),
        flags=("machine_translated",),
    )
    rb = ArticleResult(
        article=b, language="en", languages=(), published=Published(),
        mentions=mb, quantities=(Quantity(q_b.start, q_b.end, q_b.text, 12000.0, "soldiers"),),
        events=(Event("SUPPORT", "", _sp(TEXT_B, "thanked"), "Putin thanked North Korea", (0,), (1,),
                      date="2024-06", evidence=(sent_b,)),),
        claims=(Claim("troops sent", 12000.0, "soldiers", False, 0, source="Kyiv", evidence=(claim_b,)),),
    )
    ents = (
        Entity("e-kim", "Kim Jong Un", "Person", (Alias("Kim Jong Un", "exact", 1),), "Q56226", 1, ("aaa",),
               "2024-06-19", "2024-06-19"),
        Entity("e-putin", "Vladimir Putin", "Person",
               (Alias("Vladimir Putin", "exact"), Alias("Putin", "surname", 1)), "Q7747", 2, ("aaa", "bbb")),
        Entity("e-nk", "North Korea", "Country", (Alias("DPRK", "kb-alias", 3),), None, 1, ("bbb",)),
    )
    events = (
        StoryEvent("ev-2", "SUPPORT", "Putin thanked North Korea", "2024-06", ("e-putin", "e-nk"), ("bbb",),
                   (Evidence("bbb", sent_b.start, sent_b.end, sent_b.text),), members=(("bbb", 0),)),
        StoryEvent("ev-1", "CONSULT", "Kim Jong Un met Vladimir Putin", "2024-06-19", ("e-kim", "e-putin"),
                   ("aaa",), (Evidence("aaa", sent_a.start, sent_a.end, sent_a.text),), source="KCNA",
                   actors=("e-kim",), targets=("e-putin",), members=(("aaa", 0),)),
    )
    claims = (
        StoryClaim("c-2", "troops sent", 12000.0, "soldiers", False, "Kyiv", None, ("bbb",),
                   (Evidence("bbb", claim_b.start, claim_b.end, claim_b.text),)),
        StoryClaim("c-1", "troops sent", 10000.0, "soldiers", True, "State Department", "2024-06-20", ("aaa",),
                   (Evidence("aaa", claim_a.start, claim_a.end, claim_a.text),)),
    )
    m_ent = {("aaa", 0): "e-kim", ("aaa", 1): "e-putin", ("bbb", 0): "e-putin", ("bbb", 1): "e-nk"}
    story = Story(ents, events, claims, m_ent, {"bbb": "aaa"},
                  published={"bbb": Published("2024-06-21", "2024-06-20", "2024-06-22", 0.5)})
    return [rb, ra], story


EMPTY = Story((), (), (), {}, {})

REQUIRED = {
    "articles": {"id": str, "origin": str, "title": (str, type(None)), "body": str, "language": str,
                 "outlet": (str, type(None)), "published": dict, "flags": list, "copy_of": (str, type(None))},
    "entities": {"id": str, "name": str, "type": str, "aliases": list, "wikidata": (str, type(None)),
                 "articles": list, "mentions": int},
    "events": {"id": str, "type": str, "summary": str, "date": (str, type(None)), "participants": list,
               "articles": list, "evidence": list, "source": (str, type(None))},
    "claims": {"id": str, "subject": str, "value": (int, float), "unit": (str, type(None)), "approximate": bool,
               "source": (str, type(None)), "stated": (str, type(None)), "articles": list, "evidence": list},
}
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def test_export_story_dict_has_required_keys_and_types() -> None:
    results, story = make_story()
    data = export.story_dict(results, story)
    assert set(data) == {"articles", "entities", "events", "claims"}
    assert [len(data[k]) for k in ("articles", "entities", "events", "claims")] == [2, 3, 2, 2]
    for kind, fields in REQUIRED.items():
        for obj in data[kind]:
            for key, typ in fields.items():
                assert key in obj, (kind, key)
                assert isinstance(obj[key], typ), (kind, key, obj[key])
    for a in data["articles"]:
        assert set(a["published"]) >= {"date", "earliest", "latest", "confidence"}
    json.dumps(data, allow_nan=False)


def test_export_story_dict_values_and_order() -> None:
    results, story = make_story()
    data = export.story_dict(results, story)
    arts = {a["id"]: a for a in data["articles"]}
    assert [a["id"] for a in data["articles"]] == ["aaa", "bbb"]  # 2024-06-20 before refined 2024-06-21
    assert arts["bbb"]["published"]["date"] == "2024-06-21" and arts["bbb"]["published"]["refined"]
    assert arts["bbb"]["copy_of"] == "aaa" and arts["aaa"]["copy_of"] is None
    assert arts["aaa"]["flags"] == ["machine_translated"]
    assert [e["name"] for e in data["entities"]] == ["Vladimir Putin", "Kim Jong Un", "North Korea"]
    putin = data["entities"][0]
    assert putin["aliases"] == ["Putin"] and putin["alias_reasons"][1]["reason"] == "surname"
    assert [e["id"] for e in data["events"]] == ["ev-2", "ev-1"]  # "2024-06" sorts before "2024-06-19"
    assert [c["value"] for c in data["claims"]] == [10000, 12000]  # stated first, undated last
    assert isinstance(data["claims"][0]["value"], int)


def test_export_ids_stable_and_output_identical_across_calls() -> None:
    results, story = make_story()
    one = json.dumps(export.story_dict(results, story))
    two = json.dumps(export.story_dict(list(reversed(results)), story))
    assert one == two


def test_export_dates_are_iso_prefixes() -> None:
    results, story = make_story()
    data = export.story_dict(results, story)
    dates = [a["published"][k] for a in data["articles"] for k in ("date", "earliest", "latest")]
    dates += [e["date"] for e in data["events"]] + [c["stated"] for c in data["claims"]]
    dates += [e[k] for e in data["entities"] for k in ("first_seen", "last_seen")]
    assert all(d is None or ISO.match(d) for d in dates)
    assert {len(e["date"]) for e in data["events"]} == {7, 10}


def test_export_evidence_text_equals_article_slice() -> None:
    results, story = make_story()
    texts = {r.id: r.article.text for r in results}
    data = export.story_dict(results, story)
    evs = [e for kind in ("events", "claims") for item in data[kind] for e in item["evidence"]]
    assert len(evs) == 4
    for e in evs:
        assert texts[e["article"]][e["start"]:e["end"]] == e["text"]


def test_export_annotate_dict_resolves_entities_and_spans() -> None:
    results, story = make_story()
    rb = results[0]
    obj = export.annotate_dict(rb, story)
    assert set(obj) >= {"title", "body", "language", "outlet", "published", "chrome", "flags", "timexes",
                        "mentions", "events", "claims"}
    assert [m["entity"] for m in obj["mentions"]] == ["Vladimir Putin", "North Korea"]
    assert obj["published"]["date"] == "2024-06-21"
    assert obj["events"][0]["id"] == "ev-2" and obj["events"][0]["actors"] == ["Vladimir Putin"]
    assert obj["claims"][0]["id"] == "c-2" and obj["claims"][0]["value"] == 12000
    alone = export.annotate_dict(rb, None)
    assert [m["entity"] for m in alone["mentions"]] == ["Putin", "North Korea"]
    assert alone["published"]["date"] is None
    for r in results:
        o = export.annotate_dict(r, story)
        for key in ("timexes", "mentions"):
            for s in o[key]:
                assert r.article.text[s["start"]:s["end"]] == s["text"]
        for item in o["events"] + o["claims"]:
            for s in item["evidence"]:
                assert r.article.text[s["start"]:s["end"]] == s["text"]
        for ev in o["published"]["evidence"]:
            assert r.article.text[ev["start"]:ev["end"]] == ev["text"]


def test_export_jsonl_has_one_kind_per_line() -> None:
    results, story = make_story()
    buf = io.StringIO()
    export.write(results, story, "jsonl", buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert [x["kind"] for x in lines] == ["article"] * 2 + ["entity"] * 3 + ["event"] * 2 + ["claim"] * 2


def test_export_jsonl_survives_unicode_line_separators() -> None:
    results, story = make_story()
    odd = Entity("e-odd", "Line\u2028sep\u2029para\x85nel", "Other", mentions=99)
    story = Story((odd, *story.entities), story.events, story.claims, story.mention_entities, story.copies)
    buf = io.StringIO()
    export.write(results, story, "jsonl", buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert len(lines) == 10
    assert lines[2]["name"] == "Line\u2028sep\u2029para\x85nel"


def test_export_json_round_trips_to_story_dict(tmp_path: Path) -> None:
    results, story = make_story()
    out = tmp_path / "story.json"
    export.write(results, story, "json", out)
    assert json.loads(out.read_text(encoding="utf-8")) == export.story_dict(results, story)
    assert "<script>" in out.read_text(encoding="utf-8")  # ensure_ascii=False: text kept as is


def test_export_csv_folder_has_four_tables(tmp_path: Path) -> None:
    results, story = make_story()
    export.write(results, story, "csv", tmp_path / "tables")
    tables = {p.stem: list(csv.DictReader(p.open(encoding="utf-8", newline="")))
              for p in (tmp_path / "tables").glob("*.csv")}
    assert set(tables) == {"articles", "entities", "events", "claims"}
    assert [len(tables[k]) for k in ("articles", "entities", "events", "claims")] == [2, 3, 2, 2]
    assert json.loads(tables["events"][1]["participant_names"]) == ["Kim Jong Un", "Vladimir Putin"]
    assert tables["articles"][0]["published"] == "2024-06-20"


def test_export_csv_stream_is_events_table_and_csv_file_path_rejected(tmp_path: Path) -> None:
    results, story = make_story()
    buf = io.StringIO()
    export.write(results, story, "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [r["id"] for r in rows] == ["ev-2", "ev-1"]
    with pytest.raises(StorylineError, match="folder"):
        export.write(results, story, "csv", tmp_path / "x.csv")


def test_export_graphml_parses_with_weighted_edges() -> None:
    results, story = make_story()
    buf = io.StringIO()
    export.write(results, story, "graphml", buf)
    root = ET.fromstring(buf.getvalue().encode("utf-8"))
    ns = {"g": export.GRAPHML_NS}
    nodes = root.findall("g:graph/g:node", ns)
    edges = root.findall("g:graph/g:edge", ns)
    assert {n.get("id") for n in nodes} == {"e-kim", "e-putin", "e-nk"}
    pairs = {frozenset((e.get("source"), e.get("target"))): e for e in edges}
    assert set(pairs) == {frozenset({"e-kim", "e-putin"}), frozenset({"e-putin", "e-nk"})}
    edge = pairs[frozenset({"e-kim", "e-putin"})]
    vals = {d.get("key"): d.text for d in edge.findall("g:data", ns)}
    assert vals["e_weight"] == "1" and vals["e_label"] == "CONSULT"


def test_export_graphml_escapes_and_drops_xml_illegal_characters() -> None:
    results, story = make_story()
    bad = Entity("e-x", 'A <b>&"\x00\x0b', "Other", mentions=1)
    story = Story((*story.entities, bad), story.events, story.claims, story.mention_entities, story.copies)
    buf = io.StringIO()
    export.write(results, story, "graphml", buf)
    root = ET.fromstring(buf.getvalue().encode("utf-8"))
    names = [d.text for d in root.iter(f"{{{export.GRAPHML_NS}}}data") if d.get("key") == "n_name"]
    assert 'A <b>&"' in names


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_export_empty_story_gives_valid_output(fmt: str, tmp_path: Path) -> None:
    data = export.story_dict([], EMPTY)
    assert data == {"articles": [], "entities": [], "events": [], "claims": []}
    buf = io.StringIO()
    export.write([], EMPTY, fmt, buf)
    text = buf.getvalue()
    if fmt == "json":
        assert json.loads(text) == data
    elif fmt == "jsonl":
        assert text == ""
    elif fmt == "csv":
        assert list(csv.DictReader(io.StringIO(text))) == [] and text.startswith("id,")
    else:
        assert ET.fromstring(text.encode()).tag.endswith("graphml")
    export.write([], EMPTY, fmt, tmp_path / f"out.{fmt}" if fmt != "csv" else tmp_path / "out")
    for kind in ("timeline", "entities", "claims", "articles"):
        assert export.table_rows(kind, [], EMPTY) == []


def test_export_unknown_format_and_table_raise() -> None:
    results, story = make_story()
    with pytest.raises(StorylineError, match="unknown export format"):
        export.write(results, story, "xml", io.StringIO())
    with pytest.raises(QueryError):
        export.table_rows("people", results, story)


@pytest.mark.parametrize(("entity", "date_from", "date_to", "want"), [
    (None, None, None, ["ev-2", "ev-1"]),
    ("putin", None, None, ["ev-2", "ev-1"]),
    ("DPRK", None, None, ["ev-2"]),  # alias, case-insensitive
    ("kim jong un", None, None, ["ev-1"]),
    ("Nobody", None, None, []),
    (None, "2024-06-01", None, ["ev-2", "ev-1"]),  # "2024-06" overlaps June 1st
    (None, "2024-06-19", "2024-06-19", ["ev-2", "ev-1"]),
    (None, "2024-06-20", None, ["ev-2"]),  # month-precision event still possible, the day is not
    (None, None, "2024-05", []),
    (None, "2024", "2024", ["ev-2", "ev-1"]),
    (None, "2025", None, []),
    ("Kim", "2024-07", None, []),
])
def test_export_timeline_rows_filters(entity: str | None, date_from: str | None, date_to: str | None,
                                      want: list[str]) -> None:
    results, story = make_story()
    rows = export.timeline_rows(story, results, entity=entity, date_from=date_from, date_to=date_to)
    assert [r["id"] for r in rows] == want


def test_export_timeline_rows_show_names_and_origins() -> None:
    results, story = make_story()
    row = export.timeline_rows(story, results)[1]
    assert row["participants"] == ["Kim Jong Un", "Vladimir Putin"]
    assert row["articles"] == ["001_a.txt"] and row["precision"] == "day"
    assert export.timeline_rows(story, results)[0]["precision"] == "month"


@pytest.mark.parametrize("bad", ["June", "2024-6-1", "2024/06/01", "tomorrow"])
def test_export_timeline_rejects_bad_dates(bad: str) -> None:
    results, story = make_story()
    with pytest.raises(QueryError):
        export.timeline_rows(story, results, date_from=bad)


@pytest.mark.parametrize("kind", ["entities", "claims", "articles"])
def test_export_table_rows_match_export_order(kind: str) -> None:
    results, story = make_story()
    rows = export.table_rows(kind, results, story)
    assert [r["id"] for r in rows] == [x["id"] for x in export.story_dict(results, story)[kind]]
    json.dumps(rows)


@given(st.text())
def test_export_iso_prefix_never_raises(s: str) -> None:
    d = export.iso_prefix(s)
    assert d is None or (ISO.match(d) and len(d) in (4, 7, 10))
    assert export.date_precision(s) in ("day", "month", "year", "undated")


@given(st.text(max_size=12), st.text(max_size=12))
def test_export_timeline_bounds_raise_only_query_error(lo: str, hi: str) -> None:
    results, story = make_story()
    try:
        rows = export.timeline_rows(story, results, entity=lo or None, date_from=lo, date_to=hi)
    except QueryError:
        return
    assert all(r["date"] is not None for r in rows) or not (lo.strip() or hi.strip())
