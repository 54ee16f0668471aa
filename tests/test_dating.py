"""Publication-date inference on small hand-made articles."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import CleanArticle, Published, Segment, Teaser
from storyline.stages.dating import _from_offices, _page_vote, infer_published, refine_published
from storyline.stages.timexes import tag_timexes


def _article(title: str, body: str, after: str = "", *, hint: str | None = None,
             teasers: list[tuple[str, str]] = ()) -> CleanArticle:  # type: ignore[assignment]
    """Title line, body paragraph, then chrome lines; teasers are (text, iso timestamp) found in ``after``."""
    text = f"{title}\n\n{body}\n\n{after}"
    b0 = len(title) + 2
    tz = []
    for t_text, ts in teasers:
        s = text.index(t_text)
        tz.append(Teaser(start=s, end=s + len(t_text), text=t_text, timestamp=ts))
    return CleanArticle(id="a", origin="a.txt", text=text, body=body, segments=(Segment(0, b0, len(body)),),
                        title=title or None, title_start=0 if title else None, title_end=len(title) if title else None,
                        teasers=tuple(tz), published_hint=hint)


def _infer(art: CleanArticle, **kw: str) -> Published:
    """Infer with the article's own unresolved timexes."""
    return infer_published(art, tag_timexes(art, (), None), **kw)


def _within(p: Published, day: str) -> bool:
    """True when the window holds ``day``."""
    return (p.earliest is None or p.earliest <= day) and (p.latest is None or day <= p.latest)


def test_dating_empty_article_has_no_evidence() -> None:
    assert _infer(_article("", "")) == Published()


@pytest.mark.parametrize("body", ["The minister said on Friday that talks went well.", "Nothing dated here."])
def test_dating_abstains_without_evidence(body: str) -> None:
    p = _infer(_article("Title", body))
    assert p.date is None and p.earliest is None and p.latest is None


@pytest.mark.parametrize(
    ("teaser_ts", "expected"),
    [("2024-11-01T19:31", "2024-11-01"), ("2024-10-29T08:45", "2024-10-29")],
)
def test_dating_adjacent_teaser_dates_article(teaser_ts: str, expected: str) -> None:
    art = _article("Title", "The minister spoke with his counterpart.", "Aid package announced 01.11.24, 19:31",
                   teasers=[("Aid package announced", teaser_ts)])
    p = _infer(art)
    assert p.date == expected
    assert p.confidence >= 0.5
    assert _within(p, expected)
    lo, hi = dt.date.fromisoformat(p.earliest or ""), dt.date.fromisoformat(p.latest or "")
    assert (hi - lo).days <= 6


def test_dating_chrome_after_body_never_wins() -> None:
    filler = "\n".join(f"Popular story number {i} with many views" for i in range(20))
    art = _article("Title", "The minister spoke with his counterpart.", filler + "\nOld teaser headline",
                   teasers=[("Old teaser headline", "2026-03-01T10:00")])
    p = _infer(art)
    assert p.date is None
    assert p.latest is None or p.latest < "2026-02-01"


def test_dating_hint_beats_conflicting_teaser() -> None:
    art = _article("Title", "The minister spoke.", "Other news", hint="2021-05-04",
                   teasers=[("Other news", "2023-01-01T00:00")])
    assert _infer(art).date == "2021-05-04"


def test_dating_body_dates_bound_window_and_weekday_picks_year() -> None:
    body = ("US President Joe Biden's spokesman said during a briefing on October 28 that ministers "
            "will hold talks on Thursday, October 31.")
    p = _infer(_article("Title", body))
    assert p.date is None  # not confident
    # Biden's term holds only 2024 with Thursday, October 31 (2019 is before it): the window is in that year
    assert p.earliest is not None and p.latest is not None
    assert "2023-10-01" <= p.earliest <= "2024-10-28" and p.latest == "2024-10-31"


def test_dating_office_bounds_window() -> None:
    p = _infer(_article("Title", "US President Joe Biden said the aid was approved."))
    assert p.date is None
    assert p.earliest == "2021-01-20" and p.latest is not None and p.latest <= "2025-02-28"


def test_dating_surname_right_after_the_title_bounds_window() -> None:
    p = _infer(_article("Title", "Prime Minister Blair met the unions in London."))
    assert p.earliest == "1997-05-02" and p.latest is not None and "2007-06-27" <= p.latest <= "2007-07-31"


def test_dating_surname_away_from_the_title_is_no_evidence() -> None:
    # "President" belongs to Biden; Trump is named without a title of his own
    p = _infer(_article("Title", "US President Joe Biden said Trump was wrong about the aid."))
    assert p.earliest == "2021-01-20" and p.latest is not None and p.latest <= "2025-02-28"
    assert not any(e.text == "Trump" for e in p.evidence)


def test_dating_one_surname_for_two_officeholders_allows_both_terms() -> None:
    # "President Bush": the father (1989-1993) or the son (2001-2009); 1992 and 2005 both stay possible
    p = _infer(_article("Title", "President Bush signed the bill on the lawn."))
    assert (p.earliest is None or p.earliest <= "1992-01-01") and p.latest is not None
    assert "2009-01-20" <= p.latest <= "2009-02-28"


def test_dating_former_officeholder_is_no_evidence() -> None:
    p = _infer(_article("Title", "Former President Joe Biden said the aid was approved."))
    assert p.earliest is None and p.latest is None


def test_dating_known_event_with_this_year() -> None:
    p = _infer(_article("Title", "Let us tell you that on 24 February this year Russia invaded Ukraine."))
    assert p.date is None
    assert p.earliest == "2022-02-24" and p.latest == "2022-12-31"


@pytest.mark.parametrize("last", ["last year", "final yr"])  # "final yr": a synonym spinner's "last year"
def test_dating_known_event_with_last_year(last: str) -> None:
    p = _infer(_article("Title", f"Russia invaded Ukraine in February {last}, and the war goes on."))
    assert p.earliest == "2023-01-01" and p.latest == "2023-12-31"


def test_dating_event_of_another_year_is_ignored() -> None:
    p = _infer(_article("Title", "Russia's 2014 invasion of Ukraine's Crimea was condemned."))
    assert p.earliest is None or p.earliest < "2015-01-01"


def test_dating_dateline_by_title() -> None:
    art = _article("Headline of the story\nNovember 3, 2023", "The council met and voted.")
    p = _infer(art)
    assert p.date == "2023-11-03"


def test_dating_fetch_date_is_upper_bound() -> None:
    p = _infer(_article("Title", "Prices rose in February 2022, the bank said."), fetched_at="2022-06-01")
    assert p.earliest == "2022-02-01" and p.latest == "2022-06-01"
    assert p.date is None


def test_dating_refine_from_story() -> None:
    cur = Published(earliest="2024-01-01", latest=None, confidence=0.1)
    rel = [Published(date="2024-10-29", earliest="2024-10-28", latest="2024-10-30", confidence=0.8)]
    got = refine_published(cur, rel)
    assert got.date is None
    assert got.earliest == "2024-10-22" and got.latest == "2024-11-05"
    assert got.evidence[-1].why == "story: dated reports of the same event"


@pytest.mark.parametrize(
    "current",
    [Published(date="2020-01-01", earliest="2020-01-01", latest="2020-01-01", confidence=0.9),
     Published(earliest="2030-01-01", latest="2030-12-31")],
)
def test_dating_refine_keeps_dated_or_conflicting(current: Published) -> None:
    rel = [Published(date="2024-10-29")]
    assert refine_published(current, rel) == current


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_dating_property_never_raises(body: str) -> None:
    p = _infer(_article("T", body))
    if p.earliest and p.latest:
        assert p.earliest <= p.latest
    if p.date:
        assert _within(p, p.date)
    for ev in p.evidence:
        assert _article("T", body).text[ev.start : ev.end] == ev.text


def _page(pre: str, title: str, body: str, after: str = "") -> CleanArticle:
    """Chrome lines, a title, a body paragraph and chrome after it, as a flattened page gives them."""
    head = f"{pre}\n{title}\n" if pre else f"{title}\n"
    text = f"{head}{body}\n{after}"
    t0, b0 = len(head) - len(title) - 1, len(head)
    return CleanArticle(id="p", origin="p.txt", text=text, body=body, segments=(Segment(0, b0, len(body)),),
                        title=title, title_start=t0, title_end=t0 + len(title))


_BODY = "The council met and talked about the new road. Work goes on."


@pytest.mark.parametrize(
    ("pre", "after", "expected"),
    [
        ("Home | News\nVeröffentlicht am 5. April 2017\n" + "Menu item\n" * 20, "", "2017-04-05"),
        ("Published: March 12, 2019", "", "2019-03-12"),
        ("Posted by Anna on 2019-03-12 10:00", "", "2019-03-12"),
        ("11.01.2022, 09:50 Uhr / Aktualisiert am 21.01.2022, 11:39 Uhr", "", "2022-01-11"),
        ("", "Erstellt am: 01.11.2023", "2023-11-01"),
        ("Geschrieben von Cooper am 25.08.2015 22:30 ( 1599 x gelesen )", "", "2015-08-25"),
        ("by Jake Goulding on January 20, 2020", "", "2020-01-20"),
        ("Posted in Datenschutz by someone on August 3, 2019", "", "2019-08-03"),
        ("Rubrik: Politik\nErscheinungsdatum: 07.02.2022", "", "2022-02-07"),
        # the publication verb after the date
        ("", "Dieser Eintrag wurde am 19. Mai 2010 um 23:03 Uhr gepostet und unter Kultur abgelegt.", "2010-05-19"),
        # a time of day between the cue and the date
        ("By Rob Picheta, CNN\nUpdated 2010 GMT (0410 HKT) March 14, 2021", "", "2021-03-14"),
        # an author line right under a line that ends with the date
        ("What is the secret to its recovery? Monday, 6 January 2020\nBy Michael Hingston", "", "2020-01-06"),
        # the cue alone on the line above the date
        ("Un documentaire\nde Kristen Falc'hon\nMise en ligne\n23 mai 2019\nEnregistrements", "", "2019-05-23"),
        # an author byline with a separator, the date after it; a long line, so no short date line
        ("Ergebnisse der Meisterschaft in der Halle und im Freien\nvon Marc Muster | 20. Mai 2007 | Ergebnisse, "
         "Leichtathletik, Halle, Kreis, Jugend, Schüler", "", "2007-05-20"),
    ],
)
def test_dating_publication_cue_dates_page(pre: str, after: str, expected: str) -> None:
    p = _infer(_page(pre, "Council plans road", _BODY, after))
    assert p.date == expected
    assert any("cue" in e.why for e in p.evidence)


@pytest.mark.parametrize(
    ("pre", "expected"),
    [
        ("Startseite\n12.03.2019", "2019-03-12"),
        ("Anna Muster | 12. März 2019", "2019-03-12"),
        ("March 12, 2019 at 7:01 pm", "2019-03-12"),
    ],
)
def test_dating_short_date_line_by_title(pre: str, expected: str) -> None:
    p = _infer(_page(pre, "Council plans road", _BODY))
    assert p.date == expected


@pytest.mark.parametrize(
    ("pre", "after"),
    [
        # a list of cued dates after the body: teasers of other articles, no byline
        ("", "Veröffentlicht am 3. Mai 2018\nOther story\nVeröffentlicht am 9. Juni 2018\nMore"),
        # the end of a range, a date inside a sentence, an uncued date far after the body
        ("Wochenbericht 14. - 20. Januar 2022", ""),
        ("WoB 31. Dezember 2021-06. Januar 2022", ""),  # the start of a range, too
        ("Version 5 was released on November 5, 2019", ""),
        ("", "x" * 300 + "\n12.10.2022"),
        # a cue word inside another word ("Geburtsdatum", a birth date) is no cue, and the line is far from the title
        ("Geburtsdatum: 14.08.2017\n" + "Menu item\n" * 80, ""),
    ],
)
def test_dating_weak_page_dates_do_not_date(pre: str, after: str) -> None:
    p = _infer(_page(pre, "Council plans road", _BODY, after))
    assert p.date is None


def test_dating_cue_conflicting_with_body_is_not_dated_earlier() -> None:
    body = "The council met on 3 June 2019 and talked about the new road."
    p = _infer(_page("Published: March 12, 2019", "Council plans road", body))
    assert p.date != "2019-03-12"


def test_dating_short_date_line_early_in_body() -> None:
    body = "Share | Print\nDienstag, 28. April 2020\n" + _BODY
    p = _infer(_page("", "Council plans road", body))
    assert p.date == "2020-04-28"


def test_dating_two_short_date_lines_abstain() -> None:
    body = "12.03.2019\nOther item\n14.05.2019\n" + _BODY
    assert _infer(_page("", "Council plans road", body)).date is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Anna Muster | Dezember 26, 2019", "2019-12-26"),
        ("4 de maio de 2022, 05:34 h", "2022-05-04"),
        ("2019年3月12日 10:00", "2019-03-12"),
        ("Okt 13, 2022 | Umwelt", "2022-10-13"),
        ("01. Dez. 2022 | 14:08 Uhr | von Anna", "2022-12-01"),
        ("Опубликовано: 12.03.2019", "2019-03-12"),
        ("19 Febbraio 2020", "2020-02-19"),
    ],
)
def test_dating_byline_in_many_forms_and_languages(line: str, expected: str) -> None:
    p = _infer(_page("Home | News\n" + line, "Council plans road", _BODY))
    assert p.date == expected
    assert _within(p, expected)


def test_dating_slashed_date_order_from_the_page() -> None:
    # 25/03/2019 can only be day first: the ambiguous 04/03/2019 byline is 4 March
    p = _infer(_page("04/03/2019", "Council plans road", _BODY, "Archive 25/03/2019"))
    assert p.date == "2019-03-04"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The council met and talked about the new road and the bridge of the town.", "2019-04-03"),
        ("Der Rat hat über die neue Straße gesprochen, die Arbeit geht weiter.", "2019-03-04"),
    ],
)
def test_dating_slashed_date_order_from_the_language(body: str, expected: str) -> None:
    p = _infer(_page("04/03/2019", "Council plans road", body))
    assert p.date == expected


def test_dating_byline_outvotes_comment_timestamps() -> None:
    comments = "\n".join(f"Reader{i} {10 + i}. Mai 2021 um 1{i}:00 Uhr\nNice text." for i in range(5))
    p = _infer(_page("Menu\nAnna Muster\n3. Mai 2021", "Council plans road", _BODY, "Kommentare\n" + comments))
    assert p.date == "2021-05-03"
    assert p.evidence and p.evidence[-1].text == "3. Mai 2021"


def test_dating_header_date_line_nearest_the_title_wins() -> None:
    pre = "Mittwoch, 26.02.2020\n" + "Menu item\n" * 20 + "Kultur\n01.05.2017"
    p = _infer(_page(pre, "Council plans road", _BODY))
    assert p.date == "2017-05-01"


def test_dating_published_beats_updated_after_the_body() -> None:
    p = _infer(_page("", "Council plans road", _BODY, "Published: 03 December 2019\nUpdated: 06 December 2019"))
    assert p.date == "2019-12-03"


def test_dating_future_page_dates_do_not_vote() -> None:
    assert _page_vote(_page("Menu\n25.10.2099", "Council plans road", _BODY)) is None
    assert _page_vote(_page("Menu\n25.10.2019", "Council plans road", _BODY)) is not None


def test_dating_tied_page_dates_abstain() -> None:
    p = _infer(_page("", "Council plans road", _BODY, "Tags\n12.03.2019 Other story\n14.05.2019 Third story"))
    assert p.date is None


@pytest.mark.parametrize(("body", "earliest", "latest"), [
    # the anchor is a known event of the same sentence; "more than N" allows N to N+1 units
    ("It has been more than six months since Russia invaded Ukraine.", "2022-08-24", "2022-09-24"),
    # an anaphoric "since the war": the known event of the sentence before
    ("On 24 February Russia invaded Ukraine. Nearly two years into the war, talks have stalled.",
     "2023-02-24", "2024-02-24"),
    # a full date after "since"; a plain count allows half a unit either side
    ("The strike goes on. It has been 100 days since March 1, 2023, when it began.", "2023-06-09", "2023-06-09"),
    ("Officials said a year has passed since the Hamas attack on Israel of 7 October.", "2024-04-07",
     "2025-04-07"),
])
def test_dating_elapsed_time_since_an_anchor(body: str, earliest: str, latest: str) -> None:
    p = _infer(_article("Title", body))
    assert (p.earliest, p.latest) == (earliest, latest)
    assert any("since" in e.why or "into" in e.why for e in p.evidence)


@pytest.mark.parametrize("body", [
    "It could be six months since Russia invaded Ukraine before talks resume.",  # hypothetical
    "It has been six months since the storm, residents said.",  # no dated anchor
    "It has been six months since Russia's 2014 invasion of Ukraine began in Crimea.",  # another instance
])
def test_dating_elapsed_time_needs_a_dated_anchor(body: str) -> None:
    p = _infer(_article("Title", body))
    assert not any("written that long after" in e.why for e in p.evidence)


def test_dating_elapsed_time_in_narrative_past_bounds_from_below_only() -> None:
    p = _infer(_article("Title", "By then it had been six months since Russia invaded Ukraine."))
    assert p.earliest == "2022-08-08" and p.latest is None


def test_dating_stronger_point_wins_over_a_day_later_header_date() -> None:
    # a header date widget (the scrape day) a day after the cued publication date: the cue's day
    p = _infer(_page("Login\nMay 11, 2022\nBREAKING\nCrime Published On May 10, 2022 01:52 PM", "Council plans road",
                     _BODY))
    assert p.date == "2022-05-10"
    assert p.earliest is not None and p.earliest <= "2022-05-10" <= (p.latest or "9999")


@pytest.mark.parametrize("line", ["A post shared by Esme Merlot (@esme) on Apr 21, 2019 at 4:47 PDT",
                                  "Ein Beitrag geteilt von Esme Merlot (@esme) am Apr 21, 2019 um 4:47 PDT"])
def test_dating_embedded_post_is_no_publication_cue(line: str) -> None:
    # "shared by NAME on DATE" dates an embedded social post, not the article
    p = _infer(_page(line, "Council plans road", _BODY))
    assert not any("cue" in e.why for e in p.evidence)


def test_dating_embedded_posts_in_the_body_are_no_reported_dates() -> None:
    # "Posted by NAME on DATE" lines in the body stamp embedded posts or comments (here days after the
    # article): they neither veto the cued date nor count as events the article reports
    body = _BODY + "\nRead more…\nPosted by Some Party on Monday, February 7, 2022\nLoad all content"
    p = _infer(_page("Veröffentlicht am 04. Februar 2022", "Council plans road", body))
    assert p.date == "2022-02-04"


def test_dating_dated_list_in_body_is_not_reported_past() -> None:
    # a "latest news" list the cleaner left in the body does not veto the cued date
    body = _BODY + "\nAktuelles\n11.02.2020 Was ist Handysucht? 09.02.2020 Kinder-Apps im Test"
    p = _infer(_page("Veröffentlicht am 23.01.2020", "Council plans road", body))
    assert p.date == "2020-01-23"


def test_dating_date_opening_a_body_paragraph_with_a_dash_is_a_dateline() -> None:
    body = ("Die Branche legt ihre Zahlen vor und warnt vor neuen Regeln für Anlagen im ganzen Land.\n"
            "29.11.2022 – Mehrfach und vehement hatte die Branche gewarnt. " + _BODY)
    p = _infer(_page("", "Council plans road", body))
    assert p.date == "2022-11-29"
    assert any(e.why == "dateline by the title" for e in p.evidence)  # not merely the page-date vote


def test_dating_date_under_an_earlier_copy_of_the_title() -> None:
    # the headline appears in a header block with its date, and again right above the body
    title = "Council plans road"
    text = (f"{title} | Radio Example\nSkip to content\n11/11/2021\nMenu\n{title}\n23/10/2020\nShare\n"
            + "Nav item\n" * 60 + f"{title}\n{_BODY}\n")
    b0 = text.rindex(_BODY)
    t0 = b0 - len(title) - 1
    art = CleanArticle(id="p", origin="p.txt", text=text, body=_BODY, segments=(Segment(0, b0, len(_BODY)),),
                       title=title, title_start=t0, title_end=t0 + len(title))
    p = _infer(art)
    assert p.date == "2020-10-23"
    assert any(e.why == "a date beside a copy of the headline" for e in p.evidence)


def _titled(text_before: str, title: str, body: str, text_after: str) -> CleanArticle:
    """A page: chrome, the title line, the body, chrome after it."""
    text = f"{text_before}{title}\n{body}\n{text_after}"
    t0 = len(text_before)
    b0 = t0 + len(title) + 1
    return CleanArticle(id="p", origin="p.txt", text=text, body=body, segments=(Segment(0, b0, len(body)),),
                        title=title, title_start=t0, title_end=t0 + len(title))


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # a "recent posts" list after the body: this article's headline with its date on the next line
        ("", "Aktuelle Beiträge\nCouncil plans a new road\n12 Dezember, 2015\nOther post\n8 April, 2014", "2015-12-12"),
        # the page title (first line) holds the headline and the date
        ("Council plans a new road - News - 23/05/2022 - The Daily Example\n" + "Menu\n" * 80, "", "2022-05-23"),
        # a "latest news" list after the body: the headline and its date and time on one line
        ("", "Aktuelle Meldungen\nCouncil plans a new road 20.10.2021 - 10:24\nFire crews train 14.10.2021 - 11:49\n"
             "Fire crews train 14.10.2021 - 11:49\nNew trucks 11.10.2021 - 15:22", "2021-10-20"),
    ],
)
def test_dating_date_beside_a_copy_of_the_headline(before: str, after: str, expected: str) -> None:
    p = _infer(_titled(before, "Council plans a new road", _BODY, after))
    assert p.date == expected
    assert any(e.why == "a date beside a copy of the headline" for e in p.evidence)


def test_dating_compound_date_cue_alone_on_the_line_above() -> None:
    p = _infer(_page("Themenstarter\nPepemaus\nBeginndatum\n27. September 2018\nPepemaus\nForenprofi",
                     "Council plans road", _BODY))
    assert p.date == "2018-09-27" and any("cue" in e.why for e in p.evidence)


def test_dating_headline_copy_dates_a_page_whose_title_zone_holds_a_list() -> None:
    # a teaser list with many dates just above the title (no dateline), and in it this article's headline
    before = ("Food\nNovember 1, 2023\nA chef comes to town\nNovember 4, 2023\nCouncil plans a new road\n"
              "November 6, 2023\nPop-up deals\nNovember 9, 2023\n")
    p = _infer(_titled(before, "Council plans a new road", _BODY, ""))
    assert p.date == "2023-11-06"
    assert any(e.why == "a date beside a copy of the headline" for e in p.evidence)


def test_dating_single_cued_date_in_an_author_box_below_the_body() -> None:
    # blogs put "published" and the date in an author box after the article, past share buttons
    after = "Teilen\n" + "Facebook\nTwitter\nE-Mail\n" * 20 + "erstellt von Dominique\nveröffentlicht\n28.01.2022 06:00"
    p = _infer(_page("", "Council plans road", _BODY, after))
    assert p.date == "2022-01-28" and any("cue" in e.why for e in p.evidence)


def test_dating_two_cued_dates_far_below_the_body_date_nothing() -> None:
    after = ("Teilen\n" + "Facebook\nTwitter\n" * 30 + "Veröffentlicht am 3. Mai 2018\nOther\n"
             "Veröffentlicht am 9. Juni 2018")
    p = _infer(_page("", "Council plans road", _BODY, after))
    assert not any("cue" in e.why for e in p.evidence)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("El gobierno acusa a la oposición de aliarse con el sindicato y de fomentar el conflicto en el puerto.",
         "2022-05-11"),  # Spanish: day first
        ("The council met on Tuesday and talked about the new road that the town has wanted for years.",
         "2022-11-05"),  # English: month first
    ],
)
def test_dating_ambiguous_slash_dateline_read_in_the_page_order(body: str, expected: str) -> None:
    title = "Council plans a new road"
    p = _infer(_titled(f"{title} - News - 11/05/2022 - The Daily Example\n" + "Menu\n" * 80, title, body, ""))
    assert p.date == expected
    assert p.confidence == 0.74  # from the date beside the headline's copy, not the weaker page-date vote


def test_dating_slash_dateline_in_a_foreign_headline_is_read_once() -> None:
    # the tagger already reads "11/05/2022" day first in Spanish text: dating must not swap it again
    title = "El gobierno acusa a la oposición de fomentar el conflicto"
    body = "El gobierno acusa a la oposición de aliarse con el sindicato y de fomentar el conflicto en el puerto."
    p = _infer(_titled(f"{title} - Noticias - 11/05/2022 - El Diario\n" + "Menú\n" * 80, title, body, ""))
    assert p.date == "2022-05-11"


def test_dating_by_name_on_date_inside_a_sentence_is_no_byline() -> None:
    # "by NAME on DATE" far into a line of prose is what the article reports, not its byline
    body = ("A mural commemorates a man who died in custody after he was restrained by Metropolitan Police "
            "officers on 9 March 2018, in Lewisham, south London. " + _BODY)
    p = _infer(_page("Political Editor\nMonday 28 September 2020 19:27", "Council plans road", body))
    assert p.date == "2020-09-28"


def test_dating_publication_cue_beats_a_later_teaser_timestamp() -> None:
    # an explicit "Veröffentlicht:" date and a teaser card next to the body stamped a week later
    # (an update or a related item): the cued date is the publication date
    art = _article("Title", "The minister spoke with his counterpart.",
                   "Veröffentlicht: 26.12.2022\nAid package announced 02.01.23 09:51",
                   teasers=[("Aid package announced", "2023-01-02T09:51")])
    assert _infer(art).date == "2022-12-26"


def test_dating_published_then_modified_date_on_one_line() -> None:
    # "28. Juni 2019 14. Januar 2020 | NAME": the first date is the publication, the later one an update
    p = _infer(_page("Blog\n28. Juni 2019 14. Januar 2020 | Anna Muster", "Council plans road", _BODY))
    assert p.date == "2019-06-28"


def test_dating_body_date_a_few_days_after_the_dateline_does_not_veto_it() -> None:
    # a tense slip ("was presented on" for an event days ahead) must not void a dateline; a body
    # date weeks later still does (test_dating_cue_conflicting_with_body_is_not_dated_earlier)
    body = "The study was presented on 14 November 2021 and talked about the new road."
    p = _infer(_page("News\nNovember 10, 2021", "Council plans road", body))
    assert p.date == "2021-11-10"



def _two_part_body(text: str, first: str, title: str) -> CleanArticle:
    """An article of ``text`` whose body is ``first`` and _BODY (their first occurrences)."""
    a, b = text.index(first), text.index(_BODY)
    t0 = text.index(title)
    return CleanArticle(id="p", origin="p.txt", text=text, body=f"{first}\n\n{_BODY}",
                        segments=(Segment(0, a, len(first)), Segment(len(first) + 2, b, len(_BODY))),
                        title=title, title_start=t0, title_end=t0 + len(title))


_OTHER_DATES = "More news\n12.03.2020\n03.04.2019\n"  # a list's timestamps: the page's dates disagree


def test_dating_short_date_line_under_the_lede_is_a_dateline() -> None:
    # the lede is body, the date a chrome line under it, then the rest of the body
    lede = "The council wants a new road to the harbour, and work could start in spring."
    art = _two_part_body(f"Council plans road\n{lede}\n15.12.2022\n{_BODY}\n{_OTHER_DATES}", lede, "Council plans road")
    p = _infer(art)
    assert p.date == "2022-12-15"
    assert "dateline by the title" in {e.why for e in p.evidence}


def test_dating_body_line_kept_above_the_title_does_not_move_the_body_start() -> None:
    # the cleaner kept a teaser headline from a list far above the article as body
    teaser = "Another story about the harbour and its many ships"
    text = f"{teaser}\n" + "Menu item\n" * 60 + f"15 May 2021\nCouncil plans road\n{_BODY}\n{_OTHER_DATES}"
    assert _infer(_two_part_body(text, teaser, "Council plans road")).date == "2021-05-15"


@pytest.mark.parametrize(
    ("footer", "expected"),
    [
        # blog software's entry footer: categories and tags between the cue and the date
        ("Dieser Eintrag wurde veröffentlicht in Inland , Politik und getaggt mit Verkehr , Rat am 11. Dezember 2012 "
         "von Mathias .", "2012-12-11"),
        ("This entry was posted in Local News, Politics and tagged council, roads on March 5, 2012 by admin.",
         "2012-03-05"),
    ],
)
def test_dating_blog_entry_footer_below_the_body(footer: str, expected: str) -> None:
    after = (f"{footer}\n3 Kommentare\nanna 14. Dezember 2012 um 11:07\nGood point.\n"
             "jo 15. Dezember 2012 um 12:57\nI agree with that.\nArchiv\nDezember 2012\nNovember 2012")
    p = _infer(_page("", "Council plans road", _BODY, after))
    assert p.date == expected
    assert any(e.why == "publication cue before a full date" for e in p.evidence)


def _index_page(stamps: list[str]) -> CleanArticle:
    """A blog page holding several entries, each a headline, a cued date line and a paragraph."""
    intro = "Welcome to the blog of our group, where we write about the camps and the marches. " * 5
    body = intro + "\n" + "\n".join(f"Entry number {i}\nPubliziert am {s} von uriebe\n{_BODY}"
                                     for i, s in enumerate(stamps))
    return _page("Menu\nBlog", "Occupy Blog", body)


def test_dating_index_page_newest_first_is_dated_by_its_top_entry() -> None:
    p = _infer(_index_page(["13. Januar 2014", "23. Juli 2013", "10. Juli 2013", "26. Mai 2013"]))
    assert p.date == "2014-01-13"
    assert any("top entry" in e.why for e in p.evidence)


def test_dating_cued_dates_oldest_first_are_no_index() -> None:
    # comment stamps run oldest first: they date no page
    p = _infer(_index_page(["26. Mai 2013", "10. Juli 2013", "23. Juli 2013", "13. Januar 2014"]))
    assert not any("top entry" in e.why for e in p.evidence)


def test_dating_all_terms_of_one_officeholder_count() -> None:
    cons = _from_offices(_article("Title", "Russian President Vladimir Putin spoke in Moscow."), ())
    assert len(cons) == 1
    starts = [lo.isoformat() for lo, _hi in cons[0].allowed]
    assert starts == ["2000-05-07", "2012-05-07"]  # both terms, not the Medvedev years between


@pytest.mark.parametrize(
    ("body", "earliest"),
    [
        ("Schools closed again as covid cases rose in the city.", "2020-02-11"),
        ("The Deepwater Horizon spill still hurts fishermen along the coast.", "2010-04-20"),
    ],
)
def test_dating_known_event_is_a_lower_bound(body: str, earliest: str) -> None:
    p = _infer(_article("Title", body))
    assert p.date is None and p.earliest == earliest and p.latest is None


def test_dating_known_event_in_a_month_without_year_bounds_the_year_after() -> None:
    p = _infer(_article("Title", "The two countries signed a strategic partnership agreement in June when Putin "
                                 "visited Pyongyang."))
    assert p.earliest == "2024-06-19" and p.latest is not None and p.latest <= "2025-06-30"


@pytest.mark.parametrize("body", ["Eight of the 14 killings since 1993 were already under investigation.",
                                  "Die Kammer informiert ihre Mitglieder über die Lage. Seit dem 10. Januar 1993 gilt "
                                  "die neue Regel für alle Betriebe."])
def test_dating_a_period_since_a_date_started_before_the_article(body: str) -> None:
    p = _infer(_article("Title", body))
    assert p.earliest is not None and p.earliest.startswith("1993-01") and p.latest is None


@pytest.mark.parametrize(
    ("stamp", "fetched", "day"),
    [
        ("3 hours ago", "2024-10-29T15:00:00Z", "2024-10-29"),
        ("Updated 20 hours ago", "2024-10-29T08:00:00Z", "2024-10-28"),
        ("2 days ago", "2024-10-29", "2024-10-27"),
        ("vor 5 Stunden", "2024-10-29T10:00:00Z", "2024-10-29"),
        ("il y a 2 jours", "2024-10-29", "2024-10-27"),
        ("hace 3 días", "2024-10-29", "2024-10-26"),
        ("2 дня назад", "2024-10-29", "2024-10-27"),
        ("5 годин тому", "2024-10-29T03:00:00Z", "2024-10-28"),
    ],
)
def test_dating_relative_stamp_counts_back_from_the_fetch_time(stamp: str, fetched: str, day: str) -> None:
    art = _article("Minister resigns over budget", f"{stamp}\n\nThe minister resigned, officials said.")
    p = _infer(art, fetched_at=fetched)
    assert p.date == day
    assert any(e.why == "relative stamp counted back from the fetch time" for e in p.evidence)


def test_dating_relative_stamp_needs_a_fetch_time_and_its_own_line() -> None:
    assert _infer(_article("Minister resigns", "3 hours ago\n\nThe minister resigned.")).date is None
    body = "Two days ago the minister resigned, officials said on the record."
    p = _infer(_article("Minister resigns", body), fetched_at="2024-10-29")
    assert not any(e.why.startswith("relative stamp") for e in p.evidence)
