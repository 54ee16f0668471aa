"""Quantities: numbers with units and hedges, parsed with the real spaCy model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import CleanArticle, Segment
from storyline.stages.nlp import load_nlp
from storyline.stages.quantities import find_quantities


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _article(text: str) -> CleanArticle:
    return CleanArticle(
        id="t", origin="t", text=text, body=text, segments=(Segment(0, 0, len(text)),) if text else ()
    )


def _find(nlp, text: str):
    art = _article(text)
    return find_quantities(art, nlp(art.body), ())


@pytest.mark.parametrize(
    ("text", "qtext", "value", "unit", "hedge"),
    [
        (
            "The DPRK has sent about 10,000 soldiers to Russia.",
            "about 10,000 soldiers",
            10000,
            "soldiers",
            "about",
        ),
        (
            "Pyongyang sent an estimated 11,000 troops.",
            "an estimated 11,000 troops",
            11000,
            "troops",
            "an estimated",
        ),
        ("The war has lasted more than 6 months now.", "more than 6 months", 6, "months", "more than"),
        ("The US announced a package worth $425 million.", "$425 million", 425_000_000, "USD", None),
        (
            "North Korea promised to send thousands of workers.",
            "thousands of workers",
            1000,
            "workers",
            "thousands",
        ),
        (
            "They evacuated tens of thousands of people.",
            "tens of thousands of people",
            10000,
            "people",
            "tens of thousands",
        ),
        ("The DPRK sends three times more troops than expected.", "three times", 3, "times", None),
        ("The army of these two countries trained together.", "two countries", 2, "countries", None),
        ("Inflation rose to 3.5% in the spring.", "3.5%", 3.5, "percent", None),
        ("The EU pledged 1.5 billion euros for reconstruction.", "1.5 billion euros", 1.5e9, "EUR", None),
        ("The rate was 41.34 UAH at noon.", "41.34 UAH", 41.34, "UAH", None),
        (
            "Officials counted 10,000 North Korean soldiers.",
            "10,000 North Korean soldiers",
            10000,
            "soldiers",
            None,
        ),
    ],
)
def test_quantities_finds_value_unit_and_hedge(nlp, text, qtext, value, unit, hedge):
    qs = _find(nlp, text)
    match = [q for q in qs if q.text == qtext]
    assert match, [q.text for q in qs]
    q = match[0]
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.hedge == hedge
    assert q.approximate is (hedge is not None)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Russia invaded Ukraine in 2022.",
        "The troops arrived on 24 February.",
        "It happened on February 26 this year.",
        "This is the first attack of the war.",
        "The teaser was posted at 08:45 on 01.11.24.",
        "Indonesia decided to block the iPhone 16 after all.",
        "One of them left.",
    ],
)
def test_quantities_skips_dates_ordinals_and_non_counts(nlp, text):
    assert _find(nlp, text) == ()


def test_quantities_maps_body_offsets_to_source(nlp):
    source = "VIEWS 12345\nChrome line\nNorth Korea sent about 10,000 soldiers."
    body_start = source.index("North")
    body = source[body_start:]
    art = CleanArticle(
        id="t", origin="t", text=source, body=body, segments=(Segment(0, body_start, len(body)),)
    )
    qs = find_quantities(art, nlp(body), ())
    assert [q.text for q in qs] == ["about 10,000 soldiers"]
    assert source[qs[0].start : qs[0].end] == "about 10,000 soldiers"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_quantities_never_raise_and_spans_match(text):
    nlp = load_nlp()
    art = _article(text)
    for q in find_quantities(art, nlp(art.body), ()):
        assert art.text[q.start : q.end] == q.text
        assert q.start < q.end


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "about",
                "10,000",
                "$",
                "425",
                "million",
                "thousands",
                "of",
                "soldiers",
                "three",
                "%",
                "2024",
                "more",
                "than",
                "an",
                "estimated",
                "UAH",
                "tens",
                "1.5",
                "bn",
                "first",
                "the",
                ",",
                ".",
            ]
        ),
        max_size=12,
    )
)
def test_quantities_never_raise_on_number_soup(words):
    nlp = load_nlp()
    text = " ".join(words)
    art = _article(text)
    for q in find_quantities(art, nlp(art.body), ()):
        assert art.text[q.start : q.end] == q.text
