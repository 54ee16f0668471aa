"""Tests for paragraph and article language detection."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import CleanArticle, Segment
from storyline.stages.detect import detect_language, detect_languages

EN = "The regional council approved the new budget on Tuesday after a long debate about schools and roads."
UK = "Обласна рада ухвалила новий бюджет у вівторок після довгої дискусії про школи та дороги."
RU = "Областной совет утвердил новый бюджет во вторник после долгой дискуссии о школах и дорогах."
DE = "Der Regionalrat hat am Dienstag nach einer langen Debatte über Schulen und Straßen den neuen Haushalt beschlossen."
FR = "Le conseil régional a approuvé mardi le nouveau budget après un long débat sur les écoles et les routes."
ES = "El consejo regional aprobó el martes el nuevo presupuesto tras un largo debate sobre escuelas y carreteras."


def article(*paragraphs: str, prefix: str = "Some title\n\n") -> CleanArticle:
    """A CleanArticle whose body is ``paragraphs``, placed after ``prefix`` in the source text."""
    text = prefix + "\n\n".join(paragraphs)
    segments, pos, body_pos = [], len(prefix), 0
    for p in paragraphs:
        segments.append(Segment(body_start=body_pos, start=pos, length=len(p)))
        pos += len(p) + 2
        body_pos += len(p) + 2
    return CleanArticle(id="a", origin="a.txt", text=text, body="\n\n".join(paragraphs), segments=tuple(segments))


@pytest.mark.parametrize(("text", "lang"), [(EN, "en"), (UK, "uk"), (RU, "ru"), (DE, "de"), (FR, "fr"), (ES, "es")])
def test_detect_paragraph_language(text: str, lang: str) -> None:
    got, conf = detect_language(text)
    assert got == lang
    assert 0.5 <= conf <= 1.0


@pytest.mark.parametrize("text", ["", "Kim Jong Un", "12345 67890 !!!", "a b c d e f g"])
def test_detect_short_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == ("und", 0.0)


def test_detect_article_uses_letter_weighted_majority() -> None:
    lang, spans = detect_languages(article(EN, EN + " " + EN, UK, "Short line."))
    assert lang == "en"
    assert [s.language for s in spans] == ["en", "en", "uk", "und"]


def test_detect_spans_match_source_paragraphs() -> None:
    art = article(DE, FR)
    _, spans = detect_languages(art)
    assert [art.text[s.start : s.end] for s in spans] == [DE, FR]


@pytest.mark.parametrize("paragraphs", [(), ("ok",), ("12:30",)])
def test_detect_empty_or_short_article_is_undetermined(paragraphs: tuple[str, ...]) -> None:
    lang, spans = detect_languages(article(*paragraphs))
    assert lang == "und"
    assert all(s.language == "und" for s in spans)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_detect_never_raises(text: str) -> None:
    lang, conf = detect_language(text)
    assert isinstance(lang, str) and 0.0 <= conf <= 1.0
