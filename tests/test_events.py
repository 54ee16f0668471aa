"""Events: PLOVER triggers, participants, mode, dates and sources on hand-made sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import CleanArticle, Mention, Published, Segment, Timex
from storyline.stages.events import extract_events, load_lexicon
from storyline.stages.nlp import load_nlp
from storyline.stages.sentences import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _mentions(text: str, names: dict[str, str]) -> tuple[Mention, ...]:
    out = []
    for name, kind in names.items():
        for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
            out.append(Mention(m.start(), m.end(), name, kind, name))
    return tuple(sorted(out, key=lambda m: m.start))


def _run(nlp, text, names, timexes=(), published=None):
    published = published or Published()
    art = CleanArticle(
        id="t", origin="t", text=text, body=text, segments=(Segment(0, 0, len(text)),) if text else ()
    )
    doc = nlp(text)
    ments = _mentions(text, names)
    evs = extract_events(art, doc, split_sentences(art, doc), ments, tuple(timexes), published)
    return evs, ments


def _names(ids, ments):
    return {ments[i].text for i in ids}


def _timex(text, phrase, value):
    i = text.index(phrase)
    return Timex(i, i + len(phrase), phrase, "DATE", value)


C, P, ORG, L = "Country", "Person", "Organization", "Place"


@pytest.mark.parametrize(
    ("text", "names", "etype", "actors", "targets"),
    [
        (
            "Kim and Lavrov met in Wonsan.",
            {"Kim": P, "Lavrov": P, "Wonsan": L},
            "CONSULT",
            {"Kim", "Lavrov"},
            set(),
        ),
        ("Umerov spoke with Austin.", {"Umerov": P, "Austin": P}, "CONSULT", {"Umerov"}, {"Austin"}),
        (
            "Kim received Kryvoruchko in Pyongyang.",
            {"Kim": P, "Kryvoruchko": P, "Pyongyang": L},
            "CONSULT",
            {"Kim"},
            {"Kryvoruchko"},
        ),
        ("Austin held talks with Umerov.", {"Austin": P, "Umerov": P}, "CONSULT", {"Austin"}, {"Umerov"}),
        ("North Korea promised to stop the tests.", {"North Korea": C}, "AGREE", {"North Korea"}, set()),
        (
            "Germany praised Ukraine for its courage.",
            {"Germany": C, "Ukraine": C},
            "SUPPORT",
            {"Germany"},
            {"Ukraine"},
        ),
        (
            "Russia lifted sanctions on Belarus.",
            {"Russia": C, "Belarus": C},
            "CONCEDE",
            {"Russia"},
            {"Belarus"},
        ),
        ("Kim signed an agreement with Putin.", {"Kim": P, "Putin": P}, "COOPERATE", {"Kim"}, {"Putin"}),
        (
            "North Korea and Russia deepened military cooperation.",
            {"North Korea": C, "Russia": C},
            "COOPERATE",
            {"North Korea", "Russia"},
            set(),
        ),
        (
            "The United States sent weapons to Ukraine.",
            {"United States": C, "Ukraine": C},
            "AID",
            {"United States"},
            {"Ukraine"},
        ),
        (
            "Russia withdrew its troops from Kherson.",
            {"Russia": C, "Kherson": L},
            "RETREAT",
            {"Russia"},
            {"Kherson"},
        ),
        (
            "Zelensky urged Germany to act.",
            {"Zelensky": P, "Germany": C},
            "REQUEST",
            {"Zelensky"},
            {"Germany"},
        ),
        (
            "Ukraine accused Russia of war crimes.",
            {"Ukraine": C, "Russia": C},
            "ACCUSE",
            {"Ukraine"},
            {"Russia"},
        ),
        ("Moscow rejected the proposal from Kyiv.", {"Moscow": C, "Kyiv": C}, "REJECT", {"Moscow"}, {"Kyiv"}),
        ("Russia threatened Moldova.", {"Russia": C, "Moldova": C}, "THREATEN", {"Russia"}, {"Moldova"}),
        ("Serbia protested to Croatia.", {"Serbia": C, "Croatia": C}, "PROTEST", {"Serbia"}, {"Croatia"}),
        (
            "The European Union imposed sanctions on Iran.",
            {"European Union": ORG, "Iran": C},
            "SANCTION",
            {"European Union"},
            {"Iran"},
        ),
        (
            "North Korea sent troops to Russia.",
            {"North Korea": C, "Russia": C},
            "MOBILIZE",
            {"North Korea"},
            {"Russia"},
        ),
        (
            "Russia detained Gershkovich.",
            {"Russia": C, "Gershkovich": P},
            "COERCE",
            {"Russia"},
            {"Gershkovich"},
        ),
        ("Russia invaded Ukraine.", {"Russia": C, "Ukraine": C}, "ASSAULT", {"Russia"}, {"Ukraine"}),
        (
            "Putin launched a full-scale invasion of Ukraine.",
            {"Putin": P, "Ukraine": C},
            "ASSAULT",
            {"Putin"},
            {"Ukraine"},
        ),
    ],
)
def test_events_plover_families(nlp, text, names, etype, actors, targets):
    evs, ments = _run(nlp, text, names)
    match = [e for e in evs if e.type == etype]
    assert match, [(e.type, e.summary) for e in evs]
    ev = match[0]
    assert _names(ev.actors, ments) == actors
    assert targets <= _names(ev.targets, ments)
    assert ev.mode == ""
    assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text


def test_events_light_verb_and_noun_make_one_event(nlp):
    evs, _ = _run(nlp, "Putin launched a full-scale invasion of Ukraine.", {"Putin": P, "Ukraine": C})
    assert [e.type for e in evs] == ["ASSAULT"]


def test_events_location_from_in_place(nlp):
    evs, ments = _run(nlp, "Kim and Lavrov met in Wonsan.", {"Kim": P, "Lavrov": P, "Wonsan": L})
    assert ments[evs[0].location].text == "Wonsan"


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Russia did not attack Ukraine.", "negated"),
        ("Russia never attacked Ukraine.", "negated"),
        ("Russia may invade Ukraine.", "hypothetical"),
        ("Russia will invade Ukraine.", "future"),
        ("Russia plans to invade Ukraine.", "future"),
        ("Russia invaded Ukraine.", ""),
    ],
)
def test_events_mode(nlp, text, mode):
    evs, _ = _run(nlp, text, {"Russia": C, "Ukraine": C})
    assert [e.mode for e in evs if e.type == "ASSAULT"] == [mode]


@pytest.mark.parametrize(
    "text",
    ["", "Troops were sent.", "KCNA said.", "The meeting was long.", "They met on Monday."],
)
def test_events_need_a_participant_and_reporting_is_not_an_event(nlp, text):
    evs, _ = _run(nlp, text, {"KCNA": ORG})
    assert evs == ()


@pytest.mark.parametrize(
    ("text", "names", "source"),
    [
        (
            "According to the State Department, North Korea sent troops to Russia.",
            {"State Department": ORG, "North Korea": C, "Russia": C},
            "State Department",
        ),
        ("Kim and Lavrov met on Saturday, KCNA reported.", {"Kim": P, "Lavrov": P, "KCNA": ORG}, "KCNA"),
        (
            "Kim received Kryvoruchko. Reuters writes about it.",
            {"Kim": P, "Kryvoruchko": P, "Reuters": ORG},
            "Reuters",
        ),
        (
            "Trump told NBC that the US will send weapons to Ukraine.",
            {"Trump": P, "NBC": ORG, "US": C, "Ukraine": C},
            "Trump",
        ),
        (
            "Western officials believe Pyongyang sent troops to Russia.",
            {"Pyongyang": C, "Russia": C},
            "Western officials",
        ),
        ("North Korea sent troops to Russia.", {"North Korea": C, "Russia": C}, None),
    ],
)
def test_events_attribution_forms(nlp, text, names, source):
    evs, _ = _run(nlp, text, names)
    assert evs
    assert evs[0].source == source


def test_events_date_from_attached_timex(nlp):
    text = "Kim and Lavrov met on Saturday in Wonsan."
    tx = _timex(text, "on Saturday", "2025-07-12")
    evs, _ = _run(nlp, text, {"Kim": P, "Lavrov": P, "Wonsan": L}, [tx])
    assert (evs[0].date, evs[0].date_source, evs[0].timex) == ("2025-07-12", "timex", 0)


def test_events_date_each_trigger_takes_its_nearest_timex(nlp):
    text = "Russia invaded Ukraine in February, and Kim met Putin in June."
    txs = [_timex(text, "in February", "2022-02"), _timex(text, "in June", "2024-06")]
    evs, _ = _run(nlp, text, {"Russia": C, "Ukraine": C, "Kim": P, "Putin": P}, txs)
    dates = {e.type: e.date for e in evs}
    assert dates == {"ASSAULT": "2022-02", "CONSULT": "2024-06"}


def test_events_lede_gets_published_date_only_in_first_sentences(nlp):
    text = "Umerov spoke with Austin. The weather was fine. It rained. Umerov spoke with Austin again."
    evs, _ = _run(nlp, text, {"Umerov": P, "Austin": P}, published=Published(date="2024-11-01"))
    assert [(e.date, e.date_source) for e in evs] == [("2024-11-01", "published"), (None, None)]


def test_events_subject_through_relative_and_infinitive(nlp):
    text = "North Korea was the only country to recognize the independence of Donetsk."
    evs, ments = _run(nlp, text, {"North Korea": C, "Donetsk": L})
    ev = next(e for e in evs if e.type == "COOPERATE")
    assert _names(ev.actors, ments) == {"North Korea"}


def test_events_pronoun_subject_is_the_speaker(nlp):
    evs, ments = _run(nlp, "Trump said he met Putin.", {"Trump": P, "Putin": P})
    ev = next(e for e in evs if e.type == "CONSULT")
    assert _names(ev.actors, ments) == {"Trump"}
    assert ev.summary.startswith("Trump met")


def test_events_evidence_is_the_sentence(nlp):
    text = "The sky was grey. Russia invaded Ukraine."
    evs, _ = _run(nlp, text, {"Russia": C, "Ukraine": C})
    assert [e.evidence[0].text for e in evs] == ["Russia invaded Ukraine."]
    assert evs[0].sentence == 1


def test_events_lexicon_types_are_plover():
    lex = load_lexicon()
    assert {e.type for entries in lex.values() for e in entries} == PLOVER


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus absent")
def test_events_on_seed_articles(nlp):
    types = {"PERSON": P, "ORG": ORG, "GPE": C, "LOC": L, "FAC": L}
    total = 0
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        art = CleanArticle(
            id=path.stem, origin=path.name, text=text, body=text, segments=(Segment(0, 0, len(text)),)
        )
        doc = nlp(text)
        ments = tuple(
            Mention(e.start_char, e.end_char, e.text, types[e.label_], e.text)
            for e in doc.ents
            if e.label_ in types
        )
        evs = extract_events(art, doc, split_sentences(art, doc), ments, (), Published())
        total += len(evs)
        for e in evs:
            assert e.actors or e.targets
            assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        if path.name.startswith("002"):
            consult = [
                e
                for e in evs
                if e.type == "CONSULT" and {"Kim", "Lavrov"} <= {ments[i].text for i in e.actors}
            ]
            assert consult
    assert total >= 20


def test_events_first_person_in_quote_is_the_closing_speaker(nlp):
    text = "I held a video call with Austin. I am grateful to our partners.\n\n- Umerov said."
    evs, ments = _run(nlp, text, {"Austin": P, "Umerov": P})
    ev = next(e for e in evs if e.type == "CONSULT")
    assert _names(ev.actors, ments) == {"Umerov"}
    assert _names(ev.targets, ments) == {"Austin"}
    assert ev.source == "Umerov"


def test_events_nominal_trigger_with_participial_timex(nlp):
    text = "Kryvoruchko thanked Putin, who at the meeting held on Thursday expressed his gratitude."
    tx = _timex(text, "on Thursday", "2024-07-18")
    evs, ments = _run(nlp, text, {"Kryvoruchko": P, "Putin": P}, [tx])
    meeting = [e for e in evs if e.trigger.text == "meeting"]
    assert meeting and meeting[0].type == "CONSULT"
    assert meeting[0].date == "2024-07-18"
    assert _names(meeting[0].actors, ments) == {"Putin"}


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(
        st.text(max_size=80),
        st.lists(
            st.sampled_from(
                [
                    " met ",
                    " sent troops to ",
                    " invaded ",
                    " Russia ",
                    " said ",
                    " on Monday ",
                    " not ",
                    " will ",
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
def test_events_never_raise_and_spans_match(text):
    nlp = load_nlp()
    names = {w: C for w in set(re.findall(r"\b[A-Z][a-z]+\b", text))}
    evs, ments = _run(nlp, text, names)
    for e in evs:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert all(0 <= i < len(ments) for i in (*e.actors, *e.targets))
        for sp in e.evidence:
            assert text[sp.start : sp.end] == sp.text


def _tx(text: str, phrase: str, value: str) -> Timex:
    i = text.index(phrase)
    return Timex(i, i + len(phrase), phrase, "DATE", value)


def test_events_timex_dates_the_verb_it_modifies(nlp) -> None:
    text = ("He noted that Canada and Mexico will hold talks on Thursday, October 31, during which "
            "they will discuss the deployment of troops.")
    evs, ments = _run(nlp, text, {"Canada": "Country", "Mexico": "Country"},
                      [_tx(text, "Thursday, October 31", "2024-10-31")])
    talks = [e for e in evs if e.trigger.text == "hold"]
    assert talks and talks[0].date == "2024-10-31"


@pytest.mark.parametrize("report", [
    "This was stated by spokesman John Smith during a briefing on October 28.",
    "This was announced by the ministry on October 28, the agency reports.",
])
def test_events_anaphoric_report_dates_previous_sentence(nlp, report: str) -> None:
    text = "Canada is holding consultations with Mexico on the crisis. " + report
    evs, _ = _run(nlp, text, {"Canada": "Country", "Mexico": "Country"},
                  [_tx(text, "October 28", "2024-10-28")])
    consult = [e for e in evs if e.type == "CONSULT"]
    assert consult and consult[0].date == "2024-10-28" and consult[0].date_source == "report"


def test_events_unrelated_next_sentence_gives_no_date(nlp) -> None:
    text = "Canada is holding consultations with Mexico on the crisis. Officials met again on October 28."
    evs, _ = _run(nlp, text, {"Canada": "Country", "Mexico": "Country"},
                  [_tx(text, "October 28", "2024-10-28")])
    consult = [e for e in evs if e.trigger.text == "holding"]
    assert consult and consult[0].date is None


@pytest.mark.parametrize("text, person, country", [
    ("Ruritanian President Karl Weiss visited Borduria on Monday.", "Karl Weiss", "Ruritanian"),
    ("Ruritania Secretary of Defense Karl Weiss met Borduria's leaders.", "Karl Weiss", "Ruritania"),
])
def test_events_nationality_of_an_office_is_not_a_participant(nlp, text: str, person: str, country: str) -> None:
    evs, ments = _run(nlp, text, {person: "Person", country: "Country", "Borduria": "Country"})
    assert evs
    actors = {ments[i].text for i in evs[0].actors}
    assert person in actors and country not in actors


def test_events_coordinated_country_stays_a_participant(nlp) -> None:
    text = "Ruritania and President Karl Weiss signed an agreement with Borduria."
    evs, ments = _run(nlp, text, {"Karl Weiss": "Person", "Ruritania": "Country", "Borduria": "Country"})
    actors = {ments[i].text for e in evs for i in e.actors}
    assert "Ruritania" in actors
