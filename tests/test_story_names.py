"""Story-level names: names the story's articles tagged, found again where an article's tagging missed them."""

from __future__ import annotations

from storyline.api import build_story
from storyline.export import annotate_dict
from storyline.model import ArticleResult, CleanArticle, Mention, Published, Segment
from storyline.stages.story_names import story_gazetteer, story_mentions, with_story_mentions


def _result(aid: str, body: str, names: tuple[tuple[str, str], ...] = (), prefix: str = "") -> ArticleResult:
    """An article whose body follows ``prefix`` in the source, with ``names`` (text, type) tagged
    at their first occurrence in the body, as NER would have."""
    text = prefix + body
    art = CleanArticle(aid, f"{aid}.txt", text, body, (Segment(0, len(prefix), len(body)),))
    ms = []
    for name, typ in names:
        s = text.index(name, len(prefix))
        ms.append(Mention(s, s + len(name), name, typ, name))
    return ArticleResult(art, "en", (), Published(), mentions=tuple(ms))


TAGGED = (
    _result("a1", "The San Diego Chargers released Jamal Williams.", (("San Diego Chargers", "Organization"),
                                                                      ("Jamal Williams", "Person"))),
    _result("a2", "Jamal Williams played for the San Diego Chargers.", (("Jamal Williams", "Person"),
                                                                        ("San Diego Chargers", "Organization"))),
)


def test_story_names_found_again_where_the_tagger_missed_them() -> None:
    untagged = _result("b", "Police stopped Jamal Williams on Sunday.\n\nThe Chargers said they knew.",
                       prefix="Menu\nHome\n")
    added = story_mentions([*TAGGED, untagged])
    assert set(added) == {"b"}
    got = {(m.text, m.type, m.name, m.source) for m in added["b"]}
    assert got == {("Jamal Williams", "Person", "Jamal Williams", "story"),
                   ("Chargers", "Organization", "San Diego Chargers", "story")}
    for m in added["b"]:  # offsets index the source text
        assert untagged.article.text[m.start : m.end] == m.text


def test_story_names_need_two_tagged_uses_and_skip_common_nouns() -> None:
    once = _result("c", "Acme Widgets opened a plant.", (("Acme Widgets", "Organization"),))
    other = _result("d", "Acme Widgets hired staff; the widgets were sold.")
    assert story_mentions([once, other]) == {}  # tagged once: not a story name
    common = _result("e", "The chargers of the phones and the Chargers fans.")
    assert "e" not in story_mentions([*TAGGED, common])  # "chargers" is a common noun here
    assert ("Chargers",) in story_gazetteer(TAGGED)


def test_story_names_never_overlap_an_articles_own_mentions() -> None:
    own = _result("f", "Jamal Williams met reporters.", (("Jamal Williams", "Person"),))
    assert "f" not in story_mentions([*TAGGED, own])


def test_story_names_join_entities_and_reach_the_export() -> None:
    untagged = _result("g", "The Chargers said on Monday that the season was over.")
    results = [*TAGGED, untagged]
    story = build_story(results)
    assert [m.text for m in story.mentions["g"]] == ["Chargers"]
    extended = with_story_mentions(untagged, story)
    assert len(extended.mentions) == 1 and not untagged.mentions
    eid = story.mention_entities[("g", 0)]
    team = next(e for e in story.entities if e.id == eid)
    assert team.name == "San Diego Chargers" and "g" in team.articles
    assert any(al.name == "Chargers" and al.reason == "story-name" for al in team.aliases)  # why it joined
    exported = annotate_dict(untagged, story)
    assert [(m["text"], m["entity"]) for m in exported["mentions"]] == [("Chargers", "San Diego Chargers")]


def test_story_names_skip_offices_the_tagger_took_for_names() -> None:
    tagged = (_result("h1", "The Surgeon General spoke.", (("Surgeon General", "Organization"),)),
              _result("h2", "A new Surgeon General was named.", (("Surgeon General", "Organization"),)))
    assert story_mentions([*tagged, _result("h3", "Critics of the Surgeon General wrote letters.")]) == {}


def test_story_names_lower_case_words_in_urls_are_no_common_nouns() -> None:
    page = _result("u", "usatoday.com/sports/nfl/chargers/2009-williams\n\nThe Chargers said the season was over.")
    added = story_mentions([*TAGGED, page])
    assert [m.text for m in added["u"]] == ["Chargers"]
