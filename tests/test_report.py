"""The static HTML report: content, anchors, escaping of hostile text, empty story."""

from __future__ import annotations

import dataclasses
import html
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_export import EMPTY, make_story

from storyline import export, report
from storyline.model import Entity, Segment, Story

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
]


class _Audit(HTMLParser):
    """Collects tags, attributes and ids of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        for k, v in attrs:
            if k == "id" and v:
                self.ids.append(v)
            if k in ("href", "src") and v is not None:
                self.hrefs.append(v)


def _audit(page: str) -> _Audit:
    """The parsed page."""
    a = _Audit()
    a.feed(page)
    a.close()
    return a


def _assert_safe(page: str) -> _Audit:
    """Fail when the page has a script, an event-handler attribute, a javascript: link or an asset."""
    a = _audit(page)
    assert "script" not in a.tags
    assert not {"svg", "img", "iframe", "object", "embed", "link"} & set(a.tags)
    assert not [k for k, _ in a.attrs if k.lower().startswith("on")]
    assert not [h for h in a.hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
    assert not [h for h in a.hrefs if not h.startswith(("#", "https://www.wikidata.org/", "https://", "http://"))]
    return a


def _hostile_story() -> tuple[list, Story]:
    """The test story with hostile text in article bodies, titles, entity names, summaries and claims."""
    results, story = make_story()
    evil = " ".join(HOSTILE)
    out = []
    for r in results:
        a = r.article
        text = a.text + evil + "\n"
        body = a.body + "\n\n" + evil
        seg = Segment(len(a.body) + 2, len(a.text), len(evil))
        art = dataclasses.replace(a, text=text, body=body, segments=(*a.segments, seg), title=(a.title or "") + evil, outlet=evil,
                                  url="javascript:alert(1)")
        out.append(dataclasses.replace(r, article=art, language=evil))
    ents = tuple(dataclasses.replace(e, name=e.name + " " + HOSTILE[1], wikidata=HOSTILE[2]) for e in story.entities)
    ents += (Entity("e-evil", HOSTILE[0], HOSTILE[3], mentions=1, articles=("javascript:alert(1)",)),)
    evs = tuple(dataclasses.replace(e, summary=e.summary + HOSTILE[2], source=HOSTILE[0], type=HOSTILE[1])
                for e in story.events)
    cls = tuple(dataclasses.replace(c, subject=HOSTILE[3] + c.subject, unit=HOSTILE[1]) for c in story.claims)
    return out, Story(ents, evs, cls, story.mention_entities, {"bbb": "javascript:alert(1)"})


def test_report_contains_every_event_summary_and_entity_name() -> None:
    results, story = make_story()
    data = export.story_dict(results, story)
    page = report.render_report(data, {r.id: r.article.text for r in results})
    assert page.lstrip().lower().startswith("<!doctype html")
    for ev in data["events"]:
        assert html.escape(ev["summary"]) in page
    for e in data["entities"]:
        assert html.escape(e["name"]) in page
    _assert_safe(page)


def test_report_marks_evidence_at_original_offsets_and_links_resolve() -> None:
    results, story = make_story()
    data = export.story_dict(results, story)
    page = report.render_report(data, {r.id: r.article.text for r in results})
    a = _audit(page)
    ids = set(a.ids)
    assert len(a.ids) == len(ids), "ids are unique"
    for kind in ("events", "claims"):
        for item in data[kind]:
            for ev in item["evidence"]:
                assert f"ev-{ev['article']}-{ev['start']}-{ev['end']}" in ids
    internal = [h[1:] for h in a.hrefs if h.startswith("#")]
    assert internal and all(h in ids for h in internal)
    assert "Views 28855" not in page.split('id="art-aaa"')[1].split("<details>")[0]  # chrome left out of body
    assert "view-counter" in page and "sources disagree" in page


def test_report_claims_disagreement_shown_side_by_side() -> None:
    results, story = make_story()
    page = report.render_report(export.story_dict(results, story))
    group = page.split('class="claim-group disagree"')[1].split('class="claim-group')[0]
    assert "10,000" in group and "12,000" in group and "≈" in group


def test_report_unmarkable_evidence_links_to_its_article() -> None:
    results, story = make_story()
    data = export.story_dict(results, story)
    data["events"][1]["evidence"][0]["text"] = "not in the article"
    for raw in ({r.id: r.article.text for r in results}, None):
        a = _audit(report.render_report(data, raw))
        internal = [h[1:] for h in a.hrefs if h.startswith("#")]
        assert all(h in set(a.ids) for h in internal)
        assert "art-aaa" in internal


def test_report_without_raw_texts_finds_evidence_in_body() -> None:
    results, story = make_story()
    data = export.story_dict(results, story)
    page = report.render_report(data)
    ev = data["events"][1]["evidence"][0]
    assert f'id="ev-{ev["article"]}-{ev["start"]}-{ev["end"]}"' in page


@pytest.mark.parametrize("with_raw", [True, False])
def test_report_escapes_hostile_content(with_raw: bool) -> None:
    results, story = _hostile_story()
    data = export.story_dict(results, story)
    page = report.render_report(data, {r.id: r.article.text for r in results} if with_raw else None)
    a = _assert_safe(page)
    assert a.tags.count("html") == 1
    shown = "".join(a.text)
    for h in HOSTILE:
        assert h in shown  # shown as text
    for h in HOSTILE[:3]:
        assert h not in page  # never as markup
    body = page.split('id="art-aaa"')[1].split("</article>")[0]
    assert html.escape(HOSTILE[0]) in body
    assert 'href="javascript' not in page.lower()


def test_report_empty_story_is_valid_page() -> None:
    page = report.render_report(export.story_dict([], EMPTY))
    _assert_safe(page)
    assert "No events." in page and "No articles." in page and "<strong>0</strong> articles" in page


def test_report_marked_text_handles_overlaps_and_hidden() -> None:
    text = "abcdefghij"
    out = report._marked_text(text, [(1, 5, "m1"), (3, 7, "m2"), (8, 9, "m3")], [(7, 8), (9, 10)])
    assert str(out) == 'a<span id="m2"></span><mark id="m1">bcde</mark>fg <mark id="m3">i</mark>'


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80), st.lists(st.tuples(st.integers(-3, 90), st.integers(-3, 90)), max_size=5))
def test_report_marked_text_never_raises_and_escapes(text: str, spans: list[tuple[int, int]]) -> None:
    marks = [(s, e, f"m{i}") for i, (s, e) in enumerate(spans)]
    out = str(report._marked_text(text, marks, spans[:2]))
    assert "<" not in out.replace("<mark", "").replace("</mark>", "").replace("<span", "").replace("</span>", "")
    _assert_safe(out)
