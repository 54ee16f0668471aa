"""Cross-document resolution: KB, transliteration, damaged names, surnames, acronyms, corrections."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from storyline.model import ArticleResult, CleanArticle, Mention, Published
from storyline.stages import resolve
from storyline.stages.resolve import Correction, CorrectionError, link_mentions

ROOT = Path(__file__).resolve().parent.parent


def _m(text, typ="Person", name=None, kb_id=None, source="ner", metonymy=False):
    """A mention whose span is irrelevant to resolution."""
    return Mention(0, len(text), text, typ, name or text, None, kb_id, metonymy, source)


def _res(aid, mentions, date=None):
    art = CleanArticle(aid, aid, "", "", ())
    return ArticleResult(art, "en", (), Published(date=date), mentions=tuple(mentions))


def _entity_of(ents, mapping, aid, idx):
    eid = mapping[(aid, idx)]
    return next(e for e in ents if e.id == eid)


def test_resolve_empty_input():
    assert link_mentions([]) == ((), {})
    assert link_mentions([_res("a", [])]) == ((), {})


@pytest.mark.parametrize("damaged", ["Kim Jong -in", "Kim Jong Yin", "Kim Jong-un"])
def test_resolve_damaged_given_name_joins_kb_person(damaged):
    ents, mp = link_mentions([_res("a", [_m("Kim Jong Un", kb_id="Q56226")]), _res("b", [_m(damaged)])])
    e = _entity_of(ents, mp, "b", 0)
    assert e.name == "Kim Jong Un" and e.wikidata == "Q56226"
    assert damaged in {a.name for a in e.aliases}


@pytest.mark.parametrize("other", ["Kim Yo Jong", "Choe Son Hui", "Kim Jong Nam"])
def test_resolve_similar_korean_names_stay_apart(other):
    ents, mp = link_mentions([_res("a", [_m("Kim Jong Un", kb_id="Q56226")]), _res("b", [_m(other)])])
    assert mp[("a", 0)] != mp[("b", 0)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Andriy Belousov", "Andrei Belousov"),
        ("Ivan Kovalenka", "Ivan Kovalenko"),
        ("Oleksiy Tarasenko", "Aleksey Tarasenko"),
    ],
)
def test_resolve_transliteration_merge(a, b):
    ents, mp = link_mentions([_res("a", [_m(a)]), _res("b", [_m(b)])])
    assert mp[("a", 0)] == mp[("b", 0)]


def test_resolve_kb_canonical_name_for_unmatched_variant():
    ents, mp = link_mentions([_res("a", [_m("Andriy Belousov")])])
    assert ents[0].name == "Andrei Belousov"


@pytest.mark.parametrize(("a", "b"), [("John Smith", "Joan Smith"), ("Maria Petrova", "Daria Petrova")])
def test_resolve_different_people_similar_names_stay_apart(a, b):
    ents, mp = link_mentions([_res("a", [_m(a)]), _res("b", [_m(b)])])
    assert mp[("a", 0)] != mp[("b", 0)]


def test_resolve_surname_only_unique_and_ambiguous():
    ents, mp = link_mentions([_res("a", [_m("Oleh Tarasenko"), _m("Tarasenko")])])
    assert mp[("a", 0)] == mp[("a", 1)]
    e = _entity_of(ents, mp, "a", 1)
    assert {a.name: a.reason for a in e.aliases}["Tarasenko"] == "surname"
    ents, mp = link_mentions(
        [_res("a", [_m("Anna Smith")]), _res("b", [_m("Paul Smith")]), _res("c", [_m("Smith")])]
    )
    assert mp[("c", 0)] not in {mp[("a", 0)], mp[("b", 0)]}


def test_resolve_acronym_initials():
    ents, mp = link_mentions(
        [
            _res("a", [_m("Baltic Defence Research Agency", "Organization")]),
            _res("b", [_m("BDRA", "Organization")]),
        ]
    )
    assert mp[("a", 0)] == mp[("b", 0)]
    assert ents[0].name == "Baltic Defence Research Agency"
    assert ents[0].aliases[0].reason == "acronym"


def test_resolve_demonym_and_metonymy_reasons():
    ms = [
        _m("Russia", "Country", "Russia", "Q159", "gazetteer"),
        _m("Russian", "Country", "Russia", "Q159", "demonym"),
        _m("Moscow", "Country", "Russia", "Q159", "capital", metonymy=True),
    ]
    ents, mp = link_mentions([_res("a", ms)])
    assert len(ents) == 1 and ents[0].wikidata == "Q159"
    assert {a.name: a.reason for a in ents[0].aliases} == {"Russian": "demonym", "Moscow": "capital-metonymy"}


def test_resolve_stable_ids_and_seen_dates():
    rs = [_res("a", [_m("Ivan Petrenko")], "2024-07-19"), _res("b", [_m("Ivan Petrenko")], "2022-09-05")]
    e1, _ = link_mentions(rs)
    e2, _ = link_mentions(list(reversed(rs)))
    assert e1[0].id == e2[0].id == resolve.entity_id("Person", "Ivan Petrenko")
    assert (e1[0].first_seen, e1[0].last_seen, e1[0].mentions) == ("2022-09-05", "2024-07-19", 2)


def test_resolve_corrections():
    rs = [_res("a", [_m("Ivan Petrenko"), _m("Petro Ivanov"), _m("Petrenko")])]
    ents, mp = link_mentions(rs, [Correction("merge", "Ivan Petrenko", "Petro Ivanov")])
    assert mp[("a", 0)] == mp[("a", 1)]
    ents, mp = link_mentions(rs, [Correction("split", "Ivan Petrenko", "Petrenko")])
    assert mp[("a", 0)] != mp[("a", 2)]
    ents, mp = link_mentions(rs, [Correction("rename", "Ivan Petrenko", "Ivan P. Petrenko")])
    assert _entity_of(ents, mp, "a", 0).name == "Ivan P. Petrenko"
    with pytest.raises(CorrectionError):
        link_mentions(rs, [Correction("merge", "Nobody Here", "Ivan Petrenko")])
    with pytest.raises(CorrectionError):
        link_mentions(rs, [Correction("explode", "Ivan Petrenko")])


def test_resolve_scales_without_all_pairs():
    names = [f"Name{i % 997} Surname{i}" for i in range(20000)]
    rs = [_res(f"a{k}", [_m(names[(k * 7 + j) % len(names)]) for j in range(20)]) for k in range(1000)]
    t0 = time.perf_counter()
    ents, mp = link_mentions(rs)
    assert len(mp) == 20000
    assert time.perf_counter() - t0 < 15


@pytest.fixture(scope="module")
def seed_story():
    from storyline.stages import clean, entities, ingest, nlp

    results = []
    for p in sorted((ROOT / "examples" / "seeds").glob("*.txt")):
        art = clean.clean_article(ingest.read_article(p.read_bytes(), origin=p.name))
        ms = entities.find_mentions(art, nlp.parse(art), ())
        results.append(_res(p.name, ms))
    return link_mentions(results)


def test_resolve_seed_story_entities(seed_story):
    ents, _ = seed_story
    gold = json.loads((ROOT / "tests" / "data" / "seeds.gold.json").read_text())
    low = str.casefold
    for ge in gold["story"]["entities"]:
        canon = [e for e in ents if low(e.name) in {low(n) for n in ge["names"]} and e.type == ge["type"]]
        assert canon, ge["names"]
        e = canon[0]
        forms = {low(a.name) for a in e.aliases} | {low(e.name)}
        assert {low(v) for v in ge["variants"]} <= forms, (e.name, ge["variants"], forms)
        assert set(ge["documents"]) <= set(e.articles), (e.name, ge["documents"])
        if ge.get("wikidata"):
            assert e.wikidata == ge["wikidata"]


def test_resolve_name_typed_inconsistently_joins_its_commoner_type():
    # the NER model calls an organisation a person now and then
    arts = [_res(f"a{i}", [_m("Boeing", "Organization")]) for i in range(4)] + [_res("p", [_m("Boeing", "Person")])]
    ents, mp = link_mentions(arts)
    assert len(ents) == 1 and ents[0].type == "Organization"
    assert mp[("p", 0)] == mp[("a0", 0)] == ents[0].id


def test_resolve_name_used_with_two_types_about_equally_stays_apart():
    arts = [_res("a", [_m("Jordan", "Person")]), _res("b", [_m("Jordan", "Person")]),
            _res("c", [_m("Jordan", "Place")]), _res("d", [_m("Jordan", "Place")])]
    ents, _ = link_mentions(arts)
    assert sorted(e.type for e in ents) == ["Person", "Place"]


def test_resolve_surname_already_explained_is_not_retyped():
    # "Ford" the person joined "Harrison Ford"; the company "Ford" elsewhere stays a company
    arts = [_res("a", [_m("Harrison Ford"), _m("Ford")])] + [_res(f"c{i}", [_m("Ford", "Organization")]) for i in range(3)]
    ents, mp = link_mentions(arts)
    assert _entity_of(ents, mp, "a", 1).name == "Harrison Ford"
    assert _entity_of(ents, mp, "c0", 0).type == "Organization"


def test_resolve_short_org_name_joins_the_one_longer_name():
    arts = [_res("a", [_m("San Diego Chargers", "Organization")]), _res("b", [_m("Chargers", "Other")]),
            _res("c", [_m("Foreign Ministry", "Organization"), _m("Defence Ministry", "Organization")]),
            _res("d", [_m("Ministry", "Organization")])]
    ents, mp = link_mentions(arts)
    assert mp[("b", 0)] == mp[("a", 0)]
    assert mp[("d", 0)] not in (mp[("c", 0)], mp[("c", 1)])  # two candidates: left alone


def test_resolve_untyped_name_joins_its_only_typing():
    arts = [_res("a", [_m("Ellen DeGeneres", "Person")]), _res("b", [_m("Ellen DeGeneres", "Other")])]
    ents, mp = link_mentions(arts)
    assert len(ents) == 1 and ents[0].type == "Person"
