"""The benchmark's reading of gold extents (benchmarks/entities.py), which decides what is scored."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from dating import states_date  # type: ignore[import-not-found]
from entities import _capitalised, extent_head  # type: ignore[import-not-found]
from temporal import parse_meantime  # type: ignore[import-not-found]


@pytest.mark.parametrize(
    ("extent", "head"),
    [
        ("a mountain in New Zealand", "mountain"),
        ("waters of the Gulf of Aden", "waters"),
        ("outside a Sam 's Club store in Bloomington", "store"),
        ("in the Gulf of Aden", "Aden"),  # "of" inside a name
        ("Minister for Trade", "Trade"),
        ("Singapore Airlines ( SIA )", "Airlines"),
        ("Irish low cost airline , Ryanair", "Ryanair"),  # appositive: last word
        ("Eric Allen Kirkpatrick , 61", "Kirkpatrick"),  # an age is not a head
        ("in Queens", "Queens"),
        ("Boeing", "Boeing"),
    ],
)
def test_extent_head(extent: str, head: str) -> None:
    assert extent_head(extent.split()) == head


def test_capitalised_allows_numbered_street_names_only() -> None:
    assert _capitalised("117th Street") and _capitalised("Queens")
    assert not _capitalised("2 people") and not _capitalised("117th")


def test_training_labels_of_snippet_pages() -> None:
    """scripts/train_cleaner.py: which lines of a trafilatura-eval page the snippets label."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from train_cleaner import label_snippet_lines  # type: ignore[import-not-found]

    from storyline.stages.clean import classify_lines

    text = "\n".join([
        "Home",  # "without" but under 10 characters: no label
        "The council approved the budget on Tuesday after a long debate.",  # holds a "with" snippet
        "Read more about the budget",  # holds a "without" snippet
        "Both claim this line: the budget and the debate",  # with and without: no label
        "An unrelated line about nothing in particular",  # no snippet: no label
        "short words",  # held by a "with" snippet, but under 20 characters: no label
    ])
    lines, _, _ = classify_lines(text)
    with_ = ["approved  the budget on tuesday", "Both claim this line", "a  short words here"]
    without = ["Home", "read more about", "the budget and the debate"]
    assert label_snippet_lines(lines, with_, without).tolist() == [-1.0, 1.0, 0.0, -1.0, -1.0, -1.0]


def test_snippet_counts_fold_whitespace() -> None:
    from cleaning import snippet_counts  # type: ignore[import-not-found]

    body = "The council approved\nthe budget.\n\nShare this"
    assert snippet_counts(body, ["approved  the budget", "not here"], ["Share this", "Home"]) == (1, 2, 1, 2)


_CAT = """<?xml version="1.0" ?><Document doc_name="x">
<token sentence="0" t_id="1">Boeing</token><token sentence="0" t_id="2">wins</token>
<token sentence="1" t_id="3">March</token><token sentence="1" t_id="4">01</token><token sentence="1" t_id="5">,</token>
<token sentence="1" t_id="6">2008</token>
<token sentence="2" t_id="7">Boeing</token><token sentence="2" t_id="8">'s</token><token sentence="2" t_id="9">plane</token>
<token sentence="2" t_id="10">flew</token><token sentence="2" t_id="11">(</token><token sentence="2" t_id="12">again</token>
<token sentence="2" t_id="13">)</token><token sentence="2" t_id="14">last</token><token sentence="2" t_id="15">week</token>
<token sentence="2" t_id="16">.</token>
<token sentence="3" t_id="17">Unannotated</token><token sentence="3" t_id="18">tomorrow</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2008-03-01">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2008-W08"><token_anchor t_id="14"/><token_anchor t_id="15"/>
</TIMEX3>
<TIMEX3 TAG_DESCRIPTOR="May 2006" functionInDocument="NONE" m_id="3" type="DATE" value="2006-05"/>
</Markables></Document>"""


def test_meantime_reader_rebuilds_text_dct_and_spans(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_text(_CAT, encoding="utf-8")
    doc = parse_meantime(path)
    # title and dateline on lines of their own, tokens joined as written; the text stops after the
    # last annotated sentence
    assert doc.text == "Boeing wins\nMarch 01, 2008\nBoeing's plane flew (again) last week."
    assert doc.dct == "2008-03-01"
    assert [(g["text"], g["value"]) for g in doc.timexes] == [("March 01, 2008", "2008-03-01"),
                                                               ("last week", "2008-W08")]


@pytest.mark.parametrize(
    ("text", "truth", "expected"),
    [
        ("Menu\nVeröffentlicht am 5. Mai 2021\nDer Rat tagte.", "2021-05-05", True),
        ("Menu\n05/05/2021 10:31\nThe council met.", "2021-05-05", True),
        ("Menu\nVeröffentlicht am 5. Mai 2021\nDer Rat tagte.", "2021-05-06", False),
        ("© 2021 Example News", "2021-05-05", False),  # a year alone does not state the day
    ],
)
def test_dating_benchmark_knows_which_pages_state_their_date(text: str, truth: str, expected: bool) -> None:
    assert states_date(text, truth) is expected


def test_multilingual_sample_reading(tmp_path: Path) -> None:
    """Rows become one document per sentence; a repeated expression gets its next occurrence."""
    from temporal_multilingual import load  # type: ignore[import-not-found]

    tsv = tmp_path / "s.tsv"
    tsv.write_text("lang\tdct\tsentence\ttimex\ttype\tvalue\tmod\n"
                   "de\t2024-10-29\tAm Montag und am Montag.\tMontag\tDATE\t2024-10-28\t\n"
                   "de\t2024-10-29\tAm Montag und am Montag.\tMontag\tDATE\t2024-11-04\t\n"
                   "fr\t2024-10-29\tRien.\t\t\t\t\n", encoding="utf-8")
    docs = load(tsv)
    (de,), (fr,) = docs["de"], docs["fr"]
    assert [g["start"] for g in de.timexes] == [3, 17]
    assert fr.timexes == [] and fr.dct == "2024-10-29"


def test_dateparser_hits_count_at_the_gold_granularity() -> None:
    import datetime as dt

    from temporal_multilingual import _consistent  # type: ignore[import-not-found]

    monday = dt.datetime(2024, 10, 21, 0, 0)
    assert _consistent(monday, "2024-W43") and not _consistent(monday, "2024-W44")
    assert _consistent(monday, "2024-10") and _consistent(monday, "2024") and _consistent(monday, "2024-10-21")
    assert not _consistent(monday, "2024-10-22") and not _consistent(monday, "P1D")
    assert _consistent(dt.datetime(2024, 10, 21, 17, 30), "2024-10-21T17:30")


def test_train_cleaner_word_log_odds_count_pages_not_lines() -> None:
    """scripts/train_cleaner.py: a word's log-odds compare the pages that have it on a body line
    with those that have it on a chrome line; rare words are left out."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from train_cleaner import build_vocab  # type: ignore[import-not-found]

    pages = [{"words": ({"budget", "council"}, {"share", "council"})} for _ in range(6)]
    pages += [{"words": ({"budget"}, {"share"})} for _ in range(4)]
    pages += [{"words": ({"rare"}, set())}]
    vocab = build_vocab(pages, min_pages=8)
    assert "rare" not in vocab  # on one page only
    assert vocab["budget"] > 2 > -2 > vocab["share"]  # 10 body pages and none, against the reverse
    assert vocab["council"] == pytest.approx(0.0, abs=0.1)  # as often on both sides as the pages are
    assert max(map(abs, vocab.values())) <= 4.0
    assert build_vocab(pages, min_pages=0) == {}  # 0: no word features
