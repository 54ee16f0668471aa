"""Cross-document linking: event merging, story claims, refined dates, and article flags."""

from __future__ import annotations

import dataclasses
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import (
    ArticleResult,
    Claim,
    CleanArticle,
    Event,
    Mention,
    Published,
    Quantity,
    Segment,
    Span,
)
from storyline.stages import flags, link

# --------------------------------------------------------------------------- builders


def _span(text: str, phrase: str, nth: int = 0) -> Span:
    """Span of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), phrase)


def make_result(
    aid: str,
    text: str,
    *,
    published: str | None = None,
    mentions: tuple[Mention, ...] = (),
    events: tuple[Event, ...] = (),
    quantities: tuple[Quantity, ...] = (),
    claims: tuple[Claim, ...] = (),
    language: str = "en",
) -> ArticleResult:
    """An ArticleResult whose body is its whole text."""
    art = CleanArticle(
        id=aid, origin=f"{aid}.txt", text=text, body=text, segments=(Segment(0, 0, len(text)),)
    )
    pub = Published(
        date=published, earliest=published, latest=published, confidence=0.9 if published else 0.0
    )
    return ArticleResult(
        article=art,
        language=language,
        languages=(),
        published=pub,
        mentions=mentions,
        events=events,
        quantities=quantities,
        claims=claims,
    )


def mention(text: str, phrase: str, entity: str, kind: str = "Person", nth: int = 0) -> Mention:
    """A Mention of ``phrase`` already resolved to ``entity``."""
    s = _span(text, phrase, nth)
    return Mention(s.start, s.end, s.text, kind, phrase, entity_id=entity)


def event(
    text: str,
    trigger: str,
    kind: str,
    actors: tuple[int, ...],
    targets: tuple[int, ...] = (),
    *,
    date: str | None = None,
    date_source: str = "timex",
    mode: str = "",
    summary: str | None = None,
) -> Event:
    """An Event triggered by ``trigger`` whose evidence is the trigger's sentence."""
    trig = _span(text, trigger)
    start = text.rfind(". ", 0, trig.start)
    start = 0 if start < 0 else start + 2
    end = text.find(".", trig.end)
    end = len(text) if end < 0 else end + 1
    sentence = Span(start, end, text[start:end])
    return Event(
        type=kind,
        mode=mode,
        trigger=trig,
        summary=summary or sentence.text,
        actors=actors,
        targets=targets,
        date=date,
        date_source=date_source,
        evidence=(sentence,),
    )


A_TEXT = "Putin visited Pyongyang in June 2024 and signed a defence pact with Kim Jong Un."
B_TEXT = "Kim signed an accord with Russian leader Putin in June last year, state media said."


def summit(
    a_date: str | None = "2024-06", b_date: str | None = "XXXX-06", b_type: str = "AGREE"
) -> list[ArticleResult]:
    """Two articles reporting the same signing, with the given dates and B's type."""
    a = make_result(
        "a",
        A_TEXT,
        published="2024-06-20",
        mentions=(mention(A_TEXT, "Putin", "E-putin"), mention(A_TEXT, "Kim Jong Un", "E-kim")),
        events=(event(A_TEXT, "signed", "AGREE", (0, 1), date=a_date),),
    )
    b = make_result(
        "b",
        B_TEXT,
        published="2025-07-12",
        mentions=(mention(B_TEXT, "Kim", "E-kim"), mention(B_TEXT, "Putin", "E-putin")),
        events=(event(B_TEXT, "signed", b_type, (0, 1), date=b_date),),
    )
    return [a, b]


def links_of(results: list[ArticleResult]) -> dict[tuple[str, int], str]:
    """The mention -> entity map the resolver would give for hand-built results."""
    return {(r.id, i): m.entity_id for r in results for i, m in enumerate(r.mentions) if m.entity_id}


def story_of(results: list[ArticleResult]):  # type: ignore[no-untyped-def]
    """link_story over hand-built results."""
    return link.link_story(results, (), links_of(results))


# --------------------------------------------------------------------------- events


def test_link_empty_input() -> None:
    story = link.link_story([], (), {})
    assert (
        story.events == () and story.claims == () and dict(story.copies) == {} and dict(story.published) == {}
    )


def test_link_merges_one_event_from_two_articles_and_fills_the_year() -> None:
    story = story_of(summit())
    assert len(story.events) == 1
    ev = story.events[0]
    assert ev.date == "2024-06"
    assert ev.articles == ("a", "b")
    assert set(ev.participants) == {"E-putin", "E-kim"}
    assert ev.members == (("a", 0), ("b", 0))
    assert {e.article for e in ev.evidence} == {"a", "b"}


@pytest.mark.parametrize(
    ("a_date", "b_date", "b_type", "merged"),
    [
        ("2024-06", "XXXX-06", "AGREE", True),
        ("2024-06", "2024-06-19", "AGREE", True),
        ("2024-06", "XXXX-06", "CONSULT", True),  # compatible pair in plover_compat.json
        ("2024-06", "XXXX-06", "ASSAULT", False),  # different, incompatible type
        ("2024-06", "2024-07", "AGREE", False),  # contradicting months
        ("2024-06", "2023-06", "AGREE", False),  # contradicting years
        ("2024-06", None, "AGREE", True),  # undated: same type and the same two participants
        ("2024-06", None, "CONSULT", False),  # undated needs the same type
    ],
)
def test_link_merge_decisions(a_date: str, b_date: str | None, b_type: str, merged: bool) -> None:
    story = story_of(summit(a_date, b_date, b_type))
    assert (len(story.events) == 1) is merged


def test_link_no_merge_for_disjoint_participants() -> None:
    a, b = summit()
    other = make_result(
        "b",
        B_TEXT,
        mentions=(mention(B_TEXT, "Kim", "E-other"), mention(B_TEXT, "Putin", "E-someone")),
        events=b.events,
    )
    assert len(story_of([a, other]).events) == 2


@pytest.mark.parametrize(
    ("entities", "trigger", "merged"),
    [
        (("E-kim",), "signed", True),  # same trigger, B names no one A lacks
        (("E-kim",), "accord", False),  # one shared actor but another trigger: too weak undated
        (("E-kim", "E-lavrov"), "signed", False),  # B names someone A does not
    ],
)
def test_link_undated_needs_strong_agreement(entities: tuple[str, ...], trigger: str, merged: bool) -> None:
    a, _ = summit("2024-06", None)
    names = ("Kim", "Putin")
    ments = tuple(mention(B_TEXT, n, e) for n, e in zip(names, entities, strict=False))
    b = make_result(
        "b", B_TEXT, mentions=ments, events=(event(B_TEXT, trigger, "AGREE", tuple(range(len(ments)))),)
    )
    assert (len(story_of([a, b]).events) == 1) is merged


def test_link_no_merge_when_roles_are_reversed_for_a_directed_type() -> None:
    t1 = "Russia attacked Ukraine on 24 February 2022."
    t2 = "Ukraine attacked Russia in February 2022."
    r1 = make_result(
        "x",
        t1,
        mentions=(mention(t1, "Russia", "E-ru", "Country"), mention(t1, "Ukraine", "E-ua", "Country")),
        events=(event(t1, "attacked", "ASSAULT", (0,), (1,), date="2022-02-24"),),
    )
    r2 = make_result(
        "y",
        t2,
        mentions=(mention(t2, "Ukraine", "E-ua", "Country"), mention(t2, "Russia", "E-ru", "Country")),
        events=(event(t2, "attacked", "ASSAULT", (0,), (1,), date="2022-02"),),
    )
    assert len(story_of([r1, r2]).events) == 2
    same = make_result(
        "y", t1, mentions=r1.mentions, events=(event(t1, "attacked", "ASSAULT", (0,), (1,), date="2022-02"),)
    )
    merged = story_of([r1, same]).events
    assert len(merged) == 1 and merged[0].date == "2022-02-24"
    assert merged[0].actors == ("E-ru",) and merged[0].targets == ("E-ua",)


def test_link_undated_report_does_not_chain_two_months() -> None:
    a, b = summit("2024-06", None)
    c_text = A_TEXT.replace("June", "July")
    c = make_result(
        "c", c_text, mentions=a.mentions, events=(event(c_text, "signed", "AGREE", (0, 1), date="2024-07"),)
    )
    events = story_of([a, b, c]).events
    dated = {e.date: e for e in events}
    assert set(dated) >= {"2024-06", "2024-07"}
    assert not set(dated["2024-06"].articles) & set(dated["2024-07"].articles)


def test_link_merges_the_same_event_twice_in_one_article() -> None:
    text = "Kim met Lavrov on Saturday. The meeting of Kim and Lavrov lasted two hours."
    ments = (
        mention(text, "Kim", "E-kim"),
        mention(text, "Lavrov", "E-lav"),
        mention(text, "Kim", "E-kim", nth=1),
        mention(text, "Lavrov", "E-lav", nth=1),
    )
    r = make_result(
        "k",
        text,
        mentions=ments,
        events=(
            event(text, "met", "CONSULT", (0,), (1,), date="2025-07-12"),
            event(text, "meeting", "CONSULT", (2, 3), date="2025-07-12", date_source="published"),
        ),
    )
    events = story_of([r]).events
    assert len(events) == 1 and events[0].members == (("k", 0), ("k", 1))


def test_link_event_ids_are_stable_and_order_independent() -> None:
    results = summit()
    first = story_of(results)
    shuffled = results[:]
    random.Random(3).shuffle(shuffled)
    shuffled.reverse()
    second = story_of(shuffled)
    assert [e.id for e in first.events] == [e.id for e in second.events]
    assert all(re.fullmatch(r"ev-[0-9a-f]{12}", e.id) for e in first.events)
    apart = story_of(summit(b_type="ASSAULT"))
    assert {e.id for e in apart.events}.isdisjoint({e.id for e in first.events})


def test_link_evidence_spans_match_their_article_text() -> None:
    results = summit()
    texts = {r.id: r.article.text for r in results}
    for ev in story_of(results).events:
        for e in ev.evidence:
            assert texts[e.article][e.start : e.end] == e.text


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("XXXX-02-24", "2022-02", "2022-02-24"),
        ("2024-06", "XXXX-06", "2024-06"),
        ("2024-06", "2024-06-18", "2024-06-18"),
        ("2024-06", "2024-07", None),
        ("2024", None, "2024"),
        ("XXXX-06-01", "XXXX-06-02", None),
    ],
)
def test_link_unify_dates(a: str, b: str | None, expected: str | None) -> None:
    assert link.unify_dates(a, b) == expected
    assert link.unify_dates(b, a) == expected


@given(st.text(alphabet="0123456789X-", max_size=10), st.text(alphabet="0123456789X-", max_size=10))
def test_link_unify_dates_is_symmetric_and_consistent(a: str, b: str) -> None:
    x, y = link.normalise_date(a), link.normalise_date(b)
    u = link.unify_dates(x, y)
    assert u == link.unify_dates(y, x)
    if u is not None and x is not None:
        assert link.unify_dates(u, x) == u


# --------------------------------------------------------------------------- claims


WIRE = (
    "North Korea has sent about 10,000 soldiers to Russia, the State Department said on Monday. "
    "Officials said the troops were training in the east of the country and could soon be used in combat."
)


def claim_result(aid: str, text: str, published: str) -> ArticleResult:
    """An article with one claim: about 10,000 soldiers, attributed to the State Department."""
    q = _span(text, "10,000 soldiers")
    src = _span(text, "State Department")
    return make_result(
        aid,
        text,
        published=published,
        mentions=(Mention(src.start, src.end, src.text, "Organization", src.text, entity_id="E-state"),),
        quantities=(Quantity(q.start, q.end, q.text, 10000.0, "soldiers", True, "about"),),
        claims=(
            Claim(
                "North Korean troops sent to Russia",
                10000.0,
                "soldiers",
                True,
                0,
                "State Department",
                0,
                "2024-10-28",
                (_span(text, "North Korea has sent about 10,000 soldiers to Russia"),),
            ),
        ),
    )


def test_link_claims_one_per_article_claim_with_source_entity() -> None:
    other = "Seoul said on Tuesday that North Korea has sent about 10,000 soldiers to Russia, citing the State Department."
    story = story_of([claim_result("p", WIRE, "2024-10-28"), claim_result("q", other, "2024-10-29")])
    assert len(story.claims) == 2  # not copies: two statements, kept apart
    for c in story.claims:
        assert re.fullmatch(r"cl-[0-9a-f]{12}", c.id)
        assert c.source_entity == "E-state" and len(c.articles) == 1


def test_link_claims_of_copies_collapse() -> None:
    copy = WIRE.replace("on Monday", "on Monday (AP)")
    story = story_of([claim_result("q", copy, "2024-10-29"), claim_result("p", WIRE, "2024-10-28")])
    assert dict(story.copies) == {"q": "p"}
    assert len(story.claims) == 1
    claim = story.claims[0]
    assert claim.articles == ("p", "q")
    assert {e.article for e in claim.evidence} == {"p", "q"}
    q = WIRE.index("10,000 soldiers")
    assert claim.id == link.claim_id("p", q, q + len("10,000 soldiers"))  # the original's id


# --------------------------------------------------------------------------- refined dates


def test_link_refines_an_undated_article_from_a_dated_report() -> None:
    a, b = summit("2024-06-19", "XXXX-06-19")
    undated = make_result("b", B_TEXT, mentions=b.mentions, events=b.events)
    story = story_of([a, undated])
    assert set(story.published) == {"b"}
    pub = story.published["b"]
    assert pub.earliest == "2024-06-19" and pub.date is None
    assert pub.evidence[-1].why.startswith("story: dated reports of the same event")
    ev = pub.evidence[-1]
    assert B_TEXT[ev.start : ev.end] == ev.text


def test_link_does_not_refine_dated_or_unlinked_articles() -> None:
    assert dict(story_of(summit("2024-06-19", "XXXX-06-19")).published) == {}
    a, b = summit("2024-06-19", "XXXX-06-19", b_type="ASSAULT")
    undated = make_result("b", B_TEXT, mentions=b.mentions, events=b.events)
    assert dict(story_of([a, undated]).published) == {}


# --------------------------------------------------------------------------- flags

# Written for these tests in plain wire style (not taken from any article); it deliberately
# contains the clean uses of words spinners abuse: navy, troopers, final, chief, in keeping with.
CLEAN_WIRE = """The European Central Bank left interest rates unchanged on Thursday, saying inflation in the euro zone was falling in line with its forecasts but that wage growth remained too strong to declare victory.

ECB President Christine Lagarde told reporters in Frankfurt that policymakers had not discussed cutting rates and would keep them at record highs "for as long as necessary". According to the bank's staff projections, inflation will average 2.7% next year and reach its 2% target in 2025.

- the bank said in a statement.

Separately, the Navy said on Wednesday that a destroyer had intercepted three drones over the Red Sea. No sailors were injured, a navy spokesman said. The ship's crew had been on alert since last month, when a similar attack forced a commercial tanker to change course.

Germany's economy shrank in the third quarter, the federal statistics office said, as consumers cut spending and exporters struggled with weak demand from China. Last year the economy grew by 1.8%. The chief economist of a Berlin think tank said the final months of the year would be difficult, in keeping with the gloomy mood among purchasing managers.

State troopers closed the highway for six hours after the crash, and the state's attorney general opened an investigation. In its final week of session, the legislature passed a bill on supply chains. No decision has been made on whether the road will reopen."""

SPUN = """The central financial institution left charges unchanged on Thursday, in keeping with an announcement, and its chief informed reporters that inflation had fallen final month.
The White Home stated the Overseas Minister would journey to the summit subsequent week, after a cope with lawmakers on the protection price range.
Police stated a gunman opened hearth at a college final yr, and the loss of life toll rose to 5, the information company reported."""

MACHINE = """It is reported that the delegation of the ministry arrived to the capital on Monday . The head of the delegation Lee Jae -myung passed greetings from the president.
No other information about the results of the negotiations is not provided in the message. It is emphasized that the sides discussed the cooperation."""


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (CLEAN_WIRE, "en", ()),
        (SPUN, "en", ("spun",)),
        (MACHINE, "en", ("machine_translated",)),
        (MACHINE, "uk", ()),  # only English is judged
        ("", "en", ()),
        ("Final week.", "en", ()),
    ],
)
def test_link_flags_on_hand_written_text(text: str, language: str, expected: tuple[str, ...]) -> None:
    assert flags.detect_flags(make_result("f", text, language=language)) == expected


def test_link_flags_one_substitution_is_not_spun() -> None:
    assert flags.spin_score(CLEAN_WIRE) < flags.SPUN_MIN_SCORE
    assert not flags.is_spun(CLEAN_WIRE + " Officials informed reporters on Friday.")


def test_link_flags_syndicated_from_copies() -> None:
    r = make_result("c", CLEAN_WIRE)
    assert flags.detect_flags(r, {"c": "o"}) == ("syndicated",)
    assert flags.detect_flags(r, {"x": "c"}) == ("syndicated",)
    assert flags.detect_flags(r, {"x": "y"}) == ()


@given(st.text(max_size=400))
def test_link_flags_never_raise(text: str) -> None:
    out = flags.detect_flags(make_result("h", text))
    assert set(out) <= {"spun", "machine_translated"}


_PEOPLE = ("Ann", "Bob", "Cem", "Dai")
_DATES = (None, "2024", "2024-06", "XXXX-06", "2024-06-18", "2024-07", "XXXX-06-18", "P1Y", "PAST_REF")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(("AGREE", "CONSULT", "ASSAULT", "AID")),
            st.lists(st.integers(0, 3), min_size=0, max_size=3),
            st.sampled_from(_DATES),
            st.sampled_from(("timex", "published")),
            st.sampled_from(("met", "signed", "attacked")),
        ),
        max_size=8,
    )
)
def test_link_every_event_lands_in_exactly_one_story_event(specs: list) -> None:  # type: ignore[type-arg]
    text = "Ann met Bob and Cem signed with Dai; they attacked. " * 2
    ments = tuple(mention(text, p, f"E-{p}") for p in _PEOPLE)
    results = []
    for n, (kind, people, date, source, trig) in enumerate(specs):
        ev = event(text, trig, kind, tuple(sorted(set(people))), date=date, date_source=source)
        results.append(make_result(f"art{n % 3}-{n}", text, mentions=ments, events=(ev,)))
    story = story_of(results)
    members = [m for ev in story.events for m in ev.members]
    assert sorted(members) == sorted((r.id, 0) for r in results)
    assert len({ev.id for ev in story.events}) == len(story.events)
    for ev in story.events:
        assert all(text[e.start : e.end] == e.text for e in ev.evidence)
        assert ev.date is None or re.fullmatch(r"[\dX]{4}(-[\dX]{2}){0,2}", ev.date)


@pytest.mark.parametrize(
    ("kind", "merged"),
    [
        ("Person", True),  # one shared person and the same trigger: enough for undated reports
        ("Country", False),  # one shared country says little: every event of the story has it
    ],
)
def test_link_undated_same_trigger_needs_a_specific_shared_participant(kind: str, merged: bool) -> None:
    t1 = "Lee met Park and Choi in Seoul on 3 March 2024."
    t2 = "Lee met reporters later."
    r1 = make_result(
        "m1",
        t1,
        mentions=(
            mention(t1, "Lee", "E-lee", kind),
            mention(t1, "Park", "E-park"),
            mention(t1, "Choi", "E-choi"),
        ),
        events=(event(t1, "met", "CONSULT", (0,), (1, 2), date="2024-03-03"),),
    )
    r2 = make_result(
        "m2", t2, mentions=(mention(t2, "Lee", "E-lee", kind),), events=(event(t2, "met", "CONSULT", (0,)),)
    )
    assert (len(story_of([r1, r2]).events) == 1) is merged


def test_link_event_cannot_postdate_an_article_reporting_it() -> None:
    a, b = summit("2024-06", None)
    old = make_result("b", B_TEXT, published="2023-01-05", mentions=b.mentions, events=b.events)
    assert len(story_of([a, old]).events) == 2
    assert len(story_of([a, b]).events) == 1  # b is published after June 2024


@pytest.mark.parametrize(("mode_a", "mode_b", "merged"), [("", "future", True), ("", "hypothetical", False)])
def test_link_modes(mode_a: str, mode_b: str, merged: bool) -> None:
    a, b = summit()
    a = make_result("a", A_TEXT, mentions=a.mentions, events=(dataclasses.replace(a.events[0], mode=mode_a),))
    b = make_result("b", B_TEXT, mentions=b.mentions, events=(dataclasses.replace(b.events[0], mode=mode_b),))
    assert (len(story_of([a, b]).events) == 1) is merged
