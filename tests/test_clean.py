"""Tests for the CLEAN stage: text dumps, HTML pages, offsets, seeds."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import CleanArticle, RawDoc
from storyline.stages.clean import BatchContext, classify_lines, clean_article, template_key
from storyline.stages.clean_html import clean_html_page, flatten_html

ROOT = Path(__file__).resolve().parent.parent

P1 = (
    "The regional council approved the new budget on Tuesday after a long debate about schools, "
    "roads and the hospital that has been waiting for repairs since the storm last winter."
)
P2 = (
    "Opposition members said the plan was too optimistic about tax revenue, but they agreed that "
    "the hospital repairs could not wait any longer and voted for that part of the bill."
)
P3 = (
    "The budget will now go to the governor, who has ten days to sign it or send it back to the "
    "council with his objections, according to the council's press office."
)
TITLE = "Regional council approves budget after long debate"


def raw(text: str, content_type: str = "text", **kw: object) -> RawDoc:
    """A RawDoc for ``text``."""
    return RawDoc(id="t", origin="t.txt", data=text.encode("utf-8", "surrogatepass"), text=text, content_type=content_type, **kw)  # type: ignore[arg-type]


def dump(*lines: str) -> str:
    """Lines joined the way scrapers store them (blank line between blocks)."""
    return "\n\n".join(lines)


def reasons(article: CleanArticle) -> dict[str, str]:
    """Removed line text -> reason."""
    return {article.text[c.start : c.end]: c.reason for c in article.chrome}


def check_offsets(article: CleanArticle) -> None:
    """Every segment, chrome span, teaser and the title match the source text."""
    for seg in article.segments:
        assert article.body[seg.body_start : seg.body_start + seg.length] == article.text[seg.start : seg.start + seg.length]
    starts = [seg.start for seg in article.segments]
    assert starts == sorted(starts)
    for c in article.chrome:
        assert 0 <= c.start < c.end <= len(article.text)
        assert article.text[c.start : c.end].strip() == article.text[c.start : c.end]
    for t in article.teasers:
        assert article.text[t.start : t.end] == t.text
        if t.ts_start is not None and t.ts_end is not None:
            assert 0 <= t.ts_start < t.ts_end <= len(article.text)
    if article.title_start is not None and article.title_end is not None:
        assert article.text[article.title_start : article.title_end] == article.title


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "\r\n \t\r\n"])
def test_clean_empty_input_gives_empty_body(text: str) -> None:
    art = clean_article(raw(text))
    assert art.body == "" and art.segments == () and art.title is None


@pytest.mark.parametrize(
    ("chrome_line", "reason"),
    [
        ("\u00a0•\u00a028403 views", "view-counter"),
        ("regional-council-approves-budget-after-long-debate", "slug"),
        ("Tags: budget, council, hospital", "tags"),
        ("Tags:", "tags"),
        ("Read also: Flood warnings issued for the coast", "list-header"),
        ("Please enter your comment!", "comment-form"),
        ("Source link", "navigation"),
        ("Previous articleFlood warnings issued for the coast", "navigation"),
        ("Photo by Jane Doe / Reuters", "credit"),
        ("Foto: dpa", "credit"),
        ("5 min read", "reading-time"),
        ("Lesezeit: 4 Minuten", "reading-time"),
        ("Das könnte dich auch interessieren:", "list-header"),
    ],
)
def test_clean_removes_chrome_line(chrome_line: str, reason: str) -> None:
    text = dump(TITLE, chrome_line, P1, P2, P3, chrome_line)
    art = clean_article(raw(text))
    assert chrome_line.strip() not in art.body
    assert reasons(art).get(chrome_line.strip()) == reason
    assert P1 in art.body and P3 in art.body
    check_offsets(art)


def test_clean_removes_currency_ticker() -> None:
    ticker = ["USD", "41.34 UAH ▼0.28%", "EUR", "43.95 UAH ▲0.88%"]
    art = clean_article(raw("\n".join([*ticker, "", TITLE, "", P1, "", P2])))
    assert "UAH" not in art.body and "USD" not in art.body
    assert set(reasons(art).values()) == {"ticker"}
    assert art.title == TITLE


def test_clean_keeps_teaser_with_glued_timestamp() -> None:
    teaser = "Governor promises to sign the budget quickly01.11.24, 19:31"
    art = clean_article(raw(dump(TITLE, P1, P2, teaser)))
    assert "Governor promises" not in art.body
    (t,) = art.teasers
    assert t.text == "Governor promises to sign the budget quickly"
    assert t.timestamp == "2024-11-01T19:31"
    assert art.text[t.ts_start : t.ts_end] == "01.11.24, 19:31"  # type: ignore[misc]
    assert reasons(art)[teaser] == "teaser"


def test_clean_drops_popular_list_and_duplicate_title() -> None:
    headlines = ["Storm damages bridge in the north", "Local team wins the cup final", "Prices of bread rise again"]
    counters = [f" • {n} views" for n in (120, 4521, 98)]
    tail = [x for pair in zip(headlines, counters, strict=True) for x in pair]
    art = clean_article(raw(dump(TITLE, P1, P2, P3, "Popular", TITLE, *tail)))
    got = reasons(art)
    assert got["Popular"] == "list-header"
    assert all(got[h] == "popular-list" for h in headlines)
    assert list(got.values()).count("duplicate-title") == 1
    assert art.body == "\n\n".join([P1, P2, P3])


def test_clean_drops_truncated_lede_copy() -> None:
    lede = P1[:60].rsplit(" ", 1)[0] + " bu..."
    art = clean_article(raw(dump(lede, TITLE, P1, P2)))
    assert reasons(art)[lede] == "truncated-lede"
    assert art.title == TITLE
    assert art.body.startswith(P1)


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        ((TITLE, P1, P2), TITLE),
        (("regional-council-approves-budget", TITLE, " • 17 views", P1, P2), TITLE),
        ((P1, P2, P3), None),
        (("Washington: " + P1, P2), None),
    ],
)
def test_clean_finds_title_above_body(lines: tuple[str, ...], title: str | None) -> None:
    art = clean_article(raw(dump(*lines)))
    assert art.title == title
    if title:
        assert title not in art.body
    check_offsets(art)


def test_clean_keeps_dateline_and_short_quote_attribution() -> None:
    text = dump(TITLE, "Kyiv: " + P1, '"We will sign it next week', "- the governor said.", P2)
    art = clean_article(raw(text))
    assert art.body.startswith("Kyiv: ")
    assert "- the governor said." in art.body


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (dump(TITLE, P1[:-1] + ", ABC News reports.", P2), "ABC News"),
        (dump(TITLE, P1, P2), None),
    ],
)
def test_clean_finds_outlet_in_text(text: str, outlet: str | None) -> None:
    assert clean_article(raw(text)).outlet == outlet


def test_clean_outlet_from_url_host() -> None:
    art = clean_article(raw(dump(TITLE, P1, P2), url="https://www.example-news.org/a/1"))
    assert art.outlet == "example-news.org"


def test_clean_template_lines_repeated_across_batch() -> None:
    menu = "World Politics Business Sport Culture"
    docs = [dump(menu, TITLE, P1, P2), dump(menu, "Another headline for the test", P3, P2[::-1]), dump(menu, P3)]
    ctx = BatchContext.from_texts(docs)
    assert ctx.seen(menu) == 3 and ctx.seen("never seen") == 0
    art = clean_article(raw(docs[0]), ctx)
    assert reasons(art)[menu] == "template-repeat"
    assert template_key(" 12 Views ") == template_key("98 views")


def test_clean_does_not_remove_prose_of_copies_in_batch() -> None:
    doc = dump(TITLE, P1, P2, P3)
    ctx = BatchContext.from_texts([doc, doc, dump("Other", P3)])
    art = clean_article(raw(doc), ctx)
    assert art.body == "\n\n".join([P1, P2, P3])
    assert art.title == TITLE


def test_clean_comment_header_ends_body() -> None:
    comment = "I think the council should have spent the money on the schools first, as it promised last year."
    art = clean_article(raw(dump(TITLE, P1, P2, P3, "12 Comments", "Anna", comment, "Reply", comment + " Really.")))
    assert art.body == "\n\n".join([P1, P2, P3])
    assert reasons(art)["12 Comments"] == "comment-form"


def test_clean_keeps_hard_wrapped_prose() -> None:
    wrapped = ["The regional council approved the new budget on", "Tuesday after a long debate about schools, roads and the", "hospital."]
    art = clean_article(raw("\n".join(["Menu", "Home", *wrapped, P2])))
    assert all(w in art.body for w in wrapped)
    assert "Menu" not in art.body


def test_clean_short_line_in_other_script_is_chrome() -> None:
    other = "Новини партнерів сьогодні"
    art = clean_article(raw(dump(TITLE, P1, P2, P3, other)))
    assert other not in art.body
    assert reasons(art)[other] == "other-script"


def test_clean_rejects_wrong_input_type() -> None:
    with pytest.raises(TypeError):
        clean_article("plain text")  # type: ignore[arg-type]


HTML = f"""<!DOCTYPE html><html><head><title>{TITLE}</title>
<meta property="og:title" content="{TITLE}"><meta property="article:published_time" content="2024-03-05">
<script>var x = "not visible";</script><style>p {{color: red}}</style></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>{TITLE}</h1><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>
<aside><h3>Most read</h3><ul><li><a href="/x">Storm damages bridge in the north</a></li></ul></aside>
<footer><p>© 2024 Example News. All rights reserved.</p></footer></body></html>"""


def test_clean_flatten_html_puts_blocks_on_lines() -> None:
    flat = flatten_html(HTML)
    lines = flat.split("\n")
    assert "Home" in lines and P1 in lines and TITLE in lines
    assert "not visible" not in flat and "color" not in flat
    assert flatten_html("") == "" and flatten_html("<?xml version='1.0'?>") == ""


def test_clean_html_page_uses_main_text() -> None:
    art = clean_article(raw(HTML, content_type="html", url="https://www.example.com/news/1"))
    assert art.content_type == "html"
    assert art.text == flatten_html(HTML)
    assert P1 in art.body and P3 in art.body
    assert "Storm damages bridge" not in art.body and "Home" not in art.body
    assert art.title == TITLE
    assert art.published_hint == "2024-03-05"
    check_offsets(art)


def test_clean_html_alignment_claims_main_text_once() -> None:
    # a teaser repeating the lede (with an ellipsis and an author) before the article, and a second
    # copy of the article's paragraphs further down (a print version): the main text matches the
    # article's own lines once, not the near-copies by word overlap
    from storyline.stages.clean import lexicon, split_lines
    from storyline.stages.clean_html import align_lines

    teaser = P1[:-1] + "… - Staff Writer"
    page = "\n".join(["Home", teaser, TITLE, P1, P2, P3, "Print version", P1 + " (print)", P2 + " (print)"])
    lines = split_lines(page, lexicon()[2])
    flags = align_lines(lines, "\n".join([P1, P2, P3]))
    kept = [ln.text for ln, f in zip(lines, flags, strict=True) if f]
    assert kept == [P1, P2, P3]


def test_clean_html_alignment_survives_a_header_line_repeated_at_the_end() -> None:
    # a header line that the main text also holds at its very end must not become the first anchor
    # (every later line would then be out of order and the short subheading lost)
    from storyline.stages.clean import lexicon, split_lines
    from storyline.stages.clean_html import align_lines

    header = "Annual Conference for Pastors 2013"
    page = "\n".join([header, TITLE, P1, "What it means", P2, P3])
    lines = split_lines(page, lexicon()[2])
    flags = align_lines(lines, "\n".join([P1, "What it means", P2, P3, "Register now: " + header]))
    kept = [ln.text for ln, f in zip(lines, flags, strict=True) if f]
    assert kept == [P1, "What it means", P2, P3]


@pytest.mark.parametrize("html", ["", "<html></html>", "<p>short</p>", "<<<>>>", "<html><body>" + "<div>" * 400 + "x"])
def test_clean_html_odd_pages_do_not_raise(html: str) -> None:
    art = clean_article(raw(html, content_type="html"))
    check_offsets(art)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_clean_any_text_keeps_offsets(text: str) -> None:
    art = clean_article(raw(text))
    check_offsets(art)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("<>/ph1 ab&;\n\"=")) | st.characters(), max_size=300))
def test_clean_html_any_markup_keeps_offsets(html: str) -> None:
    art = clean_article(raw(html, content_type="html"))
    assert art.text == flatten_html(html)
    check_offsets(art)


def test_clean_title_hint_used_when_no_title_line() -> None:
    art = clean_article(raw(dump(P1, P2), title_hint="  Budget   approved "))
    assert art.title == "Budget approved"
    assert art.title_start is None and art.body.startswith(P1)


LINE = st.sampled_from([P1, P2, P3, TITLE, "Popular", " • 12 views", "USD", "1.2 UAH ▼0.3%", "Tags: a, b", "Short", ""])


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE, max_size=12), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_clean_dumps_keep_offsets_and_are_idempotent(lines: list[str], sep: str) -> None:
    art = clean_article(raw(sep.join(lines)))
    check_offsets(art)
    again = clean_article(raw(art.body))
    assert again.body == art.body


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip()



def test_clean_seeds_meet_gold() -> None:
    gold = json.loads((ROOT / "tests" / "data" / "seeds.gold.json").read_text(encoding="utf-8"))["documents"]
    texts = {name: (ROOT / "examples" / "seeds" / name).read_text(encoding="utf-8") for name in gold}
    ctx = BatchContext.from_texts(texts.values())
    for name, g in gold.items():
        art = clean_article(RawDoc(id=name, origin=name, data=b"", text=texts[name], content_type="text"), ctx)
        check_offsets(art)
        body = _norm(art.body)
        for s in g.get("body_must_contain", []):
            assert _norm(s) in body, (name, s)
        for s in g.get("body_must_not_contain", []):
            assert _norm(s) not in body, (name, s)
        assert _norm(art.title) == _norm(g.get("title")), name
        if "outlet" in g:
            assert art.outlet == g["outlet"], name


def test_clean_title_is_the_headline_repeating_the_page_title() -> None:
    # the dump starts with the HTML <title> ("Headline | Site"); the h1 says it again higher up,
    # while the line nearest the body is a photo caption that also looks like a headline
    page = dump(f"{TITLE} | The Daily Example", "Home", "News", "Sport", TITLE, "By Anna Muster",
                "The new bridge seen from the river at night", P1, P2)
    art = clean_article(raw(page))
    assert art.title == TITLE
    assert art.title_start is not None and art.text[art.title_start:art.title_end] == TITLE
    assert art.title_start > len(TITLE)  # the h1, not the <title> line


def test_clean_title_repeat_found_far_above_the_body() -> None:
    page = dump(f"{TITLE} | The Daily Example", TITLE, *[f"Menu item {i}" for i in range(80)], "Photo caption here",
                P1, P2)
    art = clean_article(raw(page))
    assert art.title == TITLE and art.title_start is not None and art.title_start > len(TITLE)


WAYBACK = [
    "success", "fail", "Dec", "JAN", "Apr", "09", "2013", "2014", "2015", "5 captures", "09 Jan 2014 - 01 Jan 2017",
    "About this capture", "COLLECTED BY", "Organization: Internet Archive",
    "These crawls are part of an effort to archive pages as they are created and archive the pages that they "
    "refer to. That way, as the pages that are referenced are changed or taken from the web, a link to the "
    "version that was live when the page was written will be preserved.",
    "The goal is to fix all broken links on the web.", "TIMESTAMPS",
]


def test_clean_wayback_toolbar_is_chrome() -> None:
    # a page saved from the Wayback Machine: its toolbar (with prose of its own) sits above the article
    art = clean_article(raw(dump(f"{TITLE} | The Daily Example", *WAYBACK, "Home", TITLE, P1, P2)))
    assert "These crawls are part" not in art.body and art.body.startswith(P1[:40])
    assert art.title == TITLE
    assert any(c.reason == "archive-banner" for c in art.chrome)


def test_clean_default_uses_line_model_on_long_dumps_only() -> None:
    # a full page (menus, article, link lists: 50+ lines) goes through the trained line model; a
    # short dump through the hand-tuned run, which keeps its prose
    menu = [f"Section {i}" for i in range(30)]
    links = [f"Read more: story number {i}" for i in range(20)]
    long_art = clean_article(raw("\n".join([*menu, TITLE, P1, P2, P3, *links])))
    assert "line-model" in long_art.steps
    assert P1 in long_art.body and "Section 3" not in long_art.body
    short = clean_article(raw("\n".join(["Menu", TITLE, P1, P2])))
    assert "line-model" not in short.steps and P1 in short.body


def test_clean_auto_never_empties_a_page_the_run_keeps() -> None:
    from storyline.stages.clean import clean_text_dump
    from storyline.stages.line_model import load_model

    model = load_model()
    assert model is not None
    never = dataclasses.replace(model, threshold=2.0)  # a model that keeps no line at all
    page = "\n".join([*(f"Section {i}" for i in range(50)), TITLE, P1, P2])
    art = clean_text_dump(raw(page), None, model=never)
    assert "line-model-empty" in art.steps and P1 in art.body
    assert clean_text_dump(raw(page), None, method="model", model=never).body == ""


def _constant_html_model(bias: float):
    """An HTML line model whose every line gets probability sigmoid(bias) (one tree of zero leaves)."""
    import numpy as np

    from storyline.stages.line_model import LineModel, feature_names

    feat, thr, leaf = np.zeros((1, 7), dtype=np.int64), np.full((1, 7), np.inf), np.zeros((1, 8))
    return LineModel("trees", tuple(feature_names(html=True)), 0.5, bias, tree_feature=feat, tree_threshold=thr,
                     tree_leaf=leaf)


def test_clean_html_line_model_is_the_default_and_align_the_alternative() -> None:
    page = raw(HTML, content_type="html", url="https://www.example.com/news/1")
    for method in ("auto", "align"):
        art = clean_html_page(page, method=method)
        assert P1 in art.body and P3 in art.body and "Storm damages bridge" not in art.body, method
        assert art.title == TITLE, method
        assert ("html-line-model" in art.steps) == (method == "auto"), method
        check_offsets(art)
    with pytest.raises(ValueError):
        clean_html_page(page, method="model")


def test_clean_html_line_model_that_keeps_nothing_falls_back_to_the_alignment() -> None:
    page = raw(HTML, content_type="html")
    art = clean_html_page(page, model=_constant_html_model(-30.0))
    assert "html-line-model-empty" in art.steps
    assert art.body == clean_html_page(page, method="align").body


def test_clean_html_hard_chrome_line_is_body_only_when_both_trafilatura_modes_keep_it() -> None:
    from storyline.stages.clean_html import html_model_keep

    share = "Share this article"  # a "share" pattern line
    lines, run, script = classify_lines("\n".join([TITLE, P1, share, P2]))
    assert lines[2].reason is not None
    recall = [True] * 4
    keep_all = _constant_html_model(30.0)
    both = html_model_keep(lines, run, script, None, keep_all, recall, "\n".join([P1, share, P2]))
    assert both == [True] * 4
    one = html_model_keep(lines, run, script, None, keep_all, recall, "\n".join([P1, P2]))
    assert one == [True, True, False, True]


def test_clean_title_repeated_inside_the_pages_first_line_wins_over_a_nearer_headline() -> None:
    # the page's <title> line names the site first; the h1 repeats the headline; a teaser headline
    # sits nearer the body
    text = "\n".join([f"Example Gazette: {TITLE}", "Home", TITLE, "Mayor opens a new bridge downtown", P1, P2])
    art = clean_article(raw(text))
    assert art.title == TITLE
    check_offsets(art)


def test_clean_title_skips_a_byline_between_headline_and_body() -> None:
    text = "\n".join(["Home", TITLE, "Posted on July 23, 2012 by Jane Doe", P1, P2])
    art = clean_article(raw(text))
    assert art.title == TITLE
    check_offsets(art)


@pytest.mark.parametrize("chrome", ["Pin It", "View Profile", "Photo by Sara Bjork", "Categories Iceland, Photo Essays"])
def test_clean_title_skips_a_short_line_between_headline_and_body(chrome: str) -> None:
    # share buttons, profile links and photo credits are headline-shaped but shorter than headlines
    art = clean_article(raw("\n".join(["Home", TITLE, chrome, P1, P2])))
    assert art.title == TITLE
    check_offsets(art)


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("from the dept on Monday July 23, @08:24PM", True),
        ("Posted on July 23, 2012 by Jane Doe", True),
        ("Foto: Anna Muster", True),
        ("Tags: budget, council", True),
        ("Regional council approves budget after long debate", False),
        ("Photographers gather for the annual show", False),
    ],
)
def test_clean_title_candidates_exclude_bylines_credits_and_tag_lines(line: str, byline: bool) -> None:
    from storyline.stages.clean import _BYLINE_SHAPE

    assert bool(_BYLINE_SHAPE.search(line)) is byline


def test_clean_title_may_be_short_when_nothing_longer_is_there() -> None:
    art = clean_article(raw("\n".join(["Home", "Instagramming Iceland", P1, P2])))
    assert art.title == "Instagramming Iceland"


def test_clean_title_is_sought_above_the_models_body_not_the_runs() -> None:
    import numpy as np

    from storyline.stages.clean import clean_text_dump
    from storyline.stages.line_model import LineModel, feature_names

    names = tuple(feature_names())
    weights = np.zeros(len(names))
    weights[names.index("lower_start")] = 60.0  # keeps exactly the lines that start in lower case
    model = LineModel("logistic", names, 0.5, -30.0, weights=weights, mean=np.zeros(len(names)),
                      scale=np.ones(len(names)))
    headline = "iPhone makers face a new tariff fight"
    rest = "the second part of the page goes on here with many more words and a full stop."
    art = clean_text_dump(raw("\n".join([TITLE, P1, P2, headline, rest])), method="model", model=model)
    assert art.title == headline  # the run sits on P1-P2, the model's body starts at the headline
    assert art.body == rest
    check_offsets(art)
    # a stray line the model keeps in a list far above the article does not start its body
    stray = "more stories from the harbour"
    art = clean_text_dump(raw("\n".join([TITLE, stray, "Home", "News", "Sport", "Weather", headline, rest, rest])),
                          method="model", model=model)
    assert art.title == headline
    check_offsets(art)


def test_clean_title_is_not_taken_from_inside_a_body_that_starts_the_dump() -> None:
    # the eighth line of a dump whose body run starts at its first line is inside the body
    art = clean_article(raw("\n".join([P1, P2, P3, P1, P2, P3, P1, TITLE, P2])))
    assert art.title is None
    assert TITLE in art.body


@given(st.lists(st.sampled_from(["a", "b", " ", "\t", "\n", "\r", "\r\n", "\u2028", "\x85", "\x0c", "\u00a0", "é"]),
                max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_split_lines_are_the_stripped_non_blank_lines_at_their_offsets(text: str) -> None:
    """A dump's lines break at \\n, \\r and \\r\\n only; each line is stripped of whitespace
    (str.strip's) and keeps the offset of its first character."""
    from storyline.stages.clean import split_lines

    expected, pos = [], 0
    for piece in re.split(r"(\r\n|\r|\n)", text):
        if piece not in ("\r\n", "\r", "\n") and piece.strip():
            expected.append((pos + len(piece) - len(piece.lstrip()), piece.strip()))
        pos += len(piece)
    lines = split_lines(text)
    assert [(ln.start, ln.text) for ln in lines] == expected
    assert all(text[ln.start : ln.end] == ln.text for ln in lines)
