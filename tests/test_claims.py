"""Claims: attributed quantities with subject, source and stated date, on hand-made sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import CleanArticle, Mention, Published, Segment, Timex
from storyline.stages.claims import extract_claims
from storyline.stages.nlp import load_nlp
from storyline.stages.quantities import find_quantities
from storyline.stages.sentences import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
C, P, ORG = "Country", "Person", "Organization"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _run(nlp, text, names=None, timexes=(), published=None):
    published = published or Published(date="2024-10-29")
    art = CleanArticle(
        id="t", origin="t", text=text, body=text, segments=(Segment(0, 0, len(text)),) if text else ()
    )
    doc = nlp(text)
    ments = []
    for name, kind in (names or {}).items():
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            ments.append(Mention(m.start(), m.end(), name, kind, name))
    ments = tuple(sorted(ments, key=lambda m: m.start))
    sents = split_sentences(art, doc)
    qs = find_quantities(art, doc, sents)
    return extract_claims(art, doc, sents, ments, qs, tuple(timexes), published), qs


@pytest.mark.parametrize(
    ("text", "names", "value", "unit", "source"),
    [
        (
            "According to the State Department, the DPRK has sent about 10,000 soldiers to Russia.",
            {"State Department": ORG, "DPRK": C, "Russia": C},
            10000,
            "soldiers",
            "the State Department",
        ),
        (
            "Western officers consider Pyongyang has despatched an estimated 11,000 troops to Russia.",
            {"Pyongyang": C, "Russia": C},
            11000,
            "troops",
            "Western officers",
        ),
        (
            "US State Department spokesman Matthew Miller said North Korea sent 8,000 soldiers to Kursk.",
            {"State Department": ORG, "Matthew Miller": P, "North Korea": C},
            8000,
            "soldiers",
            "US State Department spokesman Matthew Miller",
        ),
        (
            "The Pentagon said the new aid package is worth $425 million.",
            {"Pentagon": ORG},
            425e6,
            "USD",
            "The Pentagon",
        ),
        (
            "Moscow's security chief said North Korea will send thousands of workers to Kursk.",
            {"Moscow": C, "North Korea": C},
            1000,
            "workers",
            "Moscow's security chief",
        ),
        (
            "Ukraine's army lost 12% of its tanks, the ministry estimates.",
            {"Ukraine": C},
            12,
            "percent",
            "the ministry",
        ),
    ],
)
def test_claims_value_unit_and_source(nlp, text, names, value, unit, source):
    claims, qs = _run(nlp, text, names)
    assert len(claims) == 1, claims
    c = claims[0]
    assert c.value == pytest.approx(value)
    assert c.unit == unit
    assert c.source == source
    assert qs[c.quantity].value == c.value
    assert c.subject.strip()
    assert c.evidence[0].text == text


def test_claims_subject_describes_what_is_counted(nlp):
    claims, _ = _run(
        nlp,
        "According to the State Department, North Korea has sent about 10,000 soldiers to Russia.",
        {"State Department": ORG, "North Korea": C, "Russia": C},
    )
    subject = claims[0].subject
    assert "soldiers" in subject and "sent" in subject and "to Russia" in subject
    assert claims[0].approximate is True


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("", {}),
        ("North Korea sent 10,000 soldiers to Russia.", {"North Korea": C, "Russia": C}),
        ("The page has 28403 views, KCNA said.", {"KCNA": ORG}),
        ("The two countries met twice, KCNA said.", {"KCNA": ORG}),
        ("The war has lasted more than 6 months, officials said.", {}),
    ],
)
def test_claims_need_source_and_meaningful_unit(nlp, text, names):
    claims, _ = _run(nlp, text, names)
    assert claims == ()


def test_claims_stated_from_timex_on_reporting_verb(nlp):
    text = "Miller said on October 28 that 3,000 soldiers had arrived in Russia."
    tx = Timex(
        text.index("on October 28"), text.index("on October 28") + 13, "on October 28", "DATE", "2024-10-28"
    )
    claims, _ = _run(nlp, text, {"Miller": P, "Russia": C}, [tx], Published(date="2024-10-30"))
    assert [(c.source, c.stated) for c in claims] == [("Miller", "2024-10-28")]


def test_claims_stated_from_statement_in_same_paragraph(nlp):
    text = "Miller spoke during a briefing on October 28. He said 3,000 soldiers had arrived in Russia."
    i = text.index("on October 28")
    tx = Timex(i, i + 13, "on October 28", "DATE", "2024-10-28")
    claims, _ = _run(nlp, text, {"Miller": P, "Russia": C}, [tx], Published(date="2024-10-30"))
    assert [(c.source, c.stated) for c in claims] == [("Miller", "2024-10-28")]


def test_claims_stated_defaults_to_published(nlp):
    claims, _ = _run(nlp, "Officials said 3,000 soldiers had arrived.", {}, (), Published(date="2024-10-30"))
    assert [c.stated for c in claims] == ["2024-10-30"]


def test_claims_quote_closed_by_later_sentence(nlp):
    text = '"We believe 5,000 soldiers are there. They will fight soon," the spokesman said.'
    claims, _ = _run(nlp, text, {})
    assert [c.source for c in claims] == ["the spokesman"]


def test_claims_closing_attribution_line(nlp):
    text = "Russia has lost 600,000 soldiers in the war.\n\n- Zelensky said."
    claims, _ = _run(nlp, text, {"Russia": C, "Zelensky": P})
    assert [(c.value, c.source) for c in claims] == [(600000, "Zelensky")]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus absent")
@pytest.mark.parametrize(
    ("name", "value", "source_part"),
    [
        ("001_c1de8a3c946e0a0e.txt", 10000, "state department"),
        ("002_aeba68e1f049e457.txt", 11000, "western officers"),
    ],
)
def test_claims_on_seed_articles(nlp, name, value, source_part):
    types = {"PERSON": P, "ORG": ORG, "GPE": C}
    text = (SEEDS / name).read_text(encoding="utf-8")
    art = CleanArticle(id=name, origin=name, text=text, body=text, segments=(Segment(0, 0, len(text)),))
    doc = nlp(text)
    ments = tuple(
        Mention(e.start_char, e.end_char, e.text, types[e.label_], e.text)
        for e in doc.ents
        if e.label_ in types
    )
    sents = split_sentences(art, doc)
    qs = find_quantities(art, doc, sents)
    claims = extract_claims(art, doc, sents, ments, qs, (), Published(date="2024-10-29"))
    hits = [c for c in claims if c.value == value and source_part in (c.source or "").lower()]
    assert hits, [(c.value, c.source) for c in claims]
    assert hits[0].approximate


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(
        st.text(max_size=80),
        st.lists(
            st.sampled_from(
                [
                    " about 10,000 soldiers ",
                    " said ",
                    " according to ",
                    " Russia ",
                    " $5 million ",
                    " thousands of workers ",
                    "Kim",
                    "a",
                    ".",
                    "\n\n",
                    '"',
                    "-",
                    ",",
                ]
            ),
            max_size=16,
        ).map("".join),
    )
)
def test_claims_never_raise_and_spans_match(text):
    nlp = load_nlp()
    names = {w: C for w in set(re.findall(r"\b[A-Z][a-z]+\b", text))}
    claims, qs = _run(nlp, text, names)
    for c in claims:
        assert c.subject.strip() and c.source
        assert 0 <= c.quantity < len(qs)
        for sp in c.evidence:
            assert text[sp.start : sp.end] == sp.text
