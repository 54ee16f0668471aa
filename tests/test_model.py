"""The shared data model: offset maps and (de)serialisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.model import (
    ArticleResult,
    CleanArticle,
    DateEvidence,
    LanguageSpan,
    Mention,
    Published,
    Segment,
    from_dict,
    to_dict,
)


def _article(text: str, lines: list[tuple[int, int]]) -> CleanArticle:
    parts, segs, pos = [], [], 0
    for s, e in lines:
        if parts:
            pos += 2
        segs.append(Segment(body_start=pos, start=s, length=e - s))
        parts.append(text[s:e])
        pos += e - s
    return CleanArticle(id="a", origin="a.txt", text=text, body="\n\n".join(parts), segments=tuple(segs))


def test_model_to_source_maps_each_paragraph() -> None:
    text = "MENU\nFirst paragraph here.\nAds\nSecond one."
    a = _article(text, [(5, 26), (31, 42)])
    assert a.body == "First paragraph here.\n\nSecond one."
    b = a.body.index("Second")
    s, e = a.to_source(b, b + 6)
    assert text[s:e] == "Second"
    s, e = a.to_source(0, 5)
    assert text[s:e] == "First"
    assert a.source_to_body(31) == b
    assert a.source_to_body(0) is None


def test_model_to_source_end_of_paragraph() -> None:
    text = "xx Alpha yy Beta"
    a = _article(text, [(3, 8), (12, 16)])
    s, e = a.to_source(0, 5)
    assert text[s:e] == "Alpha"


def test_model_empty_article() -> None:
    a = CleanArticle(id="a", origin="a", text="", body="", segments=())
    assert a.to_source(0, 0) == (0, 0)
    assert list(a.paragraphs()) == []


@given(st.lists(st.text(alphabet="abc ", min_size=1, max_size=8), min_size=1, max_size=5))
def test_model_to_source_property(pieces: list[str]) -> None:
    text = "##".join(pieces)
    lines, pos = [], 0
    for p in pieces:
        lines.append((pos, pos + len(p)))
        pos += len(p) + 2
    a = _article(text, lines)
    for seg in a.segments:
        for i in range(seg.length):
            for j in range(i + 1, seg.length + 1):
                s, e = a.to_source(seg.body_start + i, seg.body_start + j)
                assert text[s:e] == a.body[seg.body_start + i : seg.body_start + j]


def test_model_round_trip() -> None:
    a = _article("Hello world", [(0, 11)])
    r = ArticleResult(
        article=a, language="en", languages=(LanguageSpan(0, 11, "en", 0.9),),
        published=Published("2024-01-02", "2024-01-01", "2024-01-03", 0.5,
                             (DateEvidence(0, 5, "Hello", "test", None, None, 1.0),)),
        mentions=(Mention(0, 5, "Hello", "Person", "Hello", kb_id="Q1"),),
        flags=("spun",),
    )
    back = from_dict(ArticleResult, to_dict(r))
    assert back == r


@pytest.mark.parametrize("value", [None, {}, {"a": 1}])
def test_model_from_dict_passes_empty_values(value: object) -> None:
    assert from_dict(dict, value) == (None if value is None else value)
