"""Near-duplicate detection: wire copies, light edits and spun rewrites, but not related stories."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import ArticleResult, CleanArticle, Published, Segment
from storyline.stages import copies

# Hand-written test texts in wire style (not taken from any article).
ORIGINAL = """Flooding in the north of the country has forced more than 20,000 people from their homes, the interior ministry said on Tuesday, as rivers kept rising after a week of heavy rain.
Rescue teams used boats to reach villages cut off by the water, and the army sent helicopters to drop food and drinking water to families stranded on rooftops.
The prime minister visited the worst-hit province and promised compensation for farmers who lost their crops. Officials said at least 14 people had died and dozens were missing.
Forecasters expect more rain later this week, and authorities have told residents living near the river banks to move to higher ground."""

LIGHT_EDIT = (
    ORIGINAL.replace("on Tuesday", "on Tuesday (Reuters)")
    .replace("at least 14", "at least 15")
    .replace("Forecasters expect", "Weather forecasters expect")
)

# The same story passed through a synonym spinner (written by hand for this test, about one
# word in six replaced, the rate of real spun copies).
SPUN = """Flooding within the north of the nation has forced greater than 20,000 individuals from their homes, the interior ministry stated on Tuesday, as rivers kept rising after every week of heavy rain.
Rescue groups used boats to reach villages cut off by the water, and the navy despatched helicopters to drop meals and drinking water to households stranded on rooftops.
The prime minister visited the worst-hit province and promised compensation for farmers who misplaced their crops. Officers said at least 14 individuals had died and dozens were lacking.
Forecasters expect extra rain later this week, and authorities have informed residents living near the river banks to move to greater ground."""

# Another report of the same floods: same facts, different words.
RELATED = """Tens of thousands have fled their homes as swollen rivers burst their banks across northern provinces. Television footage showed soldiers carrying elderly residents through waist-deep water.
The death toll climbed to 14 on Tuesday. In the provincial capital, shops and schools were closed and the main bridge was shut after the current damaged its supports.
Farmers' unions warned that the harvest could be lost and asked the government for emergency credit. Meteorologists said the rainy season had started unusually early this year."""

UNRELATED = """The central bank raised its main interest rate by a quarter of a percentage point on Wednesday, its third increase this year, and signalled that further moves were possible if prices kept climbing.
Economists had expected the decision after inflation reached a ten-year high last month, driven by energy and food costs. The currency strengthened slightly after the announcement."""


def art(aid: str, body: str, published: str | None = None) -> ArticleResult:
    """An ArticleResult with ``body`` as its whole text."""
    a = CleanArticle(id=aid, origin=aid, text=body, body=body, segments=(Segment(0, 0, len(body)),))
    return ArticleResult(article=a, language="en", languages=(), published=Published(date=published))


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (ORIGINAL, True),
        (LIGHT_EDIT, True),
        (SPUN, True),
        (RELATED, False),
        (UNRELATED, False),
        ("", False),
        ("Flooding in the north.", False),  # too short to judge
    ],
)
def test_copies_is_copy(other: str, expected: bool) -> None:
    assert copies.is_copy(ORIGINAL, other) is expected
    assert copies.is_copy(other, ORIGINAL) is expected


def test_copies_spun_rewrite_is_found_by_character_shingles_only() -> None:
    w = copies.jaccard(copies.word_shingles(ORIGINAL), copies.word_shingles(SPUN))
    c = copies.jaccard(copies.char_shingles(ORIGINAL), copies.char_shingles(SPUN))
    k = copies.containment(copies.word_shingles(ORIGINAL), copies.word_shingles(SPUN))
    assert w < copies.WORD_MIN_JACCARD and k < copies.WORD_MIN_CONTAINMENT
    assert c >= copies.CHAR_MIN_JACCARD


def test_copies_truncated_copy_by_containment() -> None:
    head = ORIGINAL.rsplit("\n", 1)[0]
    assert copies.containment(copies.word_shingles(head), copies.word_shingles(ORIGINAL)) == 1.0
    assert copies.is_copy(head, ORIGINAL)


def test_copies_find_copies_maps_copies_to_the_earliest_original() -> None:
    results = [
        art("late", LIGHT_EDIT, "2024-05-03"),
        art("spun", SPUN, "2024-05-04"),
        art("first", ORIGINAL, "2024-05-02"),
        art("related", RELATED, "2024-05-02"),
        art("bank", UNRELATED, "2024-05-01"),
    ]
    assert dict(copies.find_copies(results)) == {"late": "first", "spun": "first"}
    assert dict(copies.find_copies(results[::-1])) == {"late": "first", "spun": "first"}


def test_copies_undated_ties_go_to_the_longest_body() -> None:
    results = [art("short", ORIGINAL.rsplit("\n", 1)[0]), art("long", ORIGINAL)]
    assert dict(copies.find_copies(results)) == {"short": "long"}


@pytest.mark.parametrize("results", [[], [art("one", ORIGINAL)], [art("a", ""), art("b", "")]])
def test_copies_empty_and_single_inputs(results: list[ArticleResult]) -> None:
    assert dict(copies.find_copies(results)) == {}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=4))
def test_copies_never_raise_and_map_to_known_ids(bodies: list[str]) -> None:
    results = [art(f"id{i}", b) for i, b in enumerate(bodies)]
    out = copies.find_copies(results)
    ids = {r.id for r in results}
    assert set(out) <= ids and set(out.values()) <= ids
    assert not set(out) & set(out.values())
