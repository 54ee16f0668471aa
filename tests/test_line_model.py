"""Tests for the trained line model of the dump cleaner (features, inference, model file)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import RawDoc
from storyline.stages.clean import BatchContext, classify_lines, clean_text_dump, model_keep
from storyline.stages.line_model import (
    FLAG_FEATURES,
    HTML_MODES,
    LineModel,
    feature_names,
    features,
    flag_features,
    lexical,
    load_model,
    split_of,
)

PROSE = (
    "The council approved the new budget on Tuesday after a long debate about the cost of the bridge repairs.",
    "Members said that the plan would be reviewed again in the spring, when the first contracts are signed.",
    "Residents who attended the meeting asked for more money for schools and for the public library.",
)
CHROME = ("Home", "News", "Sport", "Weather", "Contact us", "Sign in")


def _dump(lines: tuple[str, ...]) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize("text", ["", "\n\n", "   "])
def test_line_model_features_of_empty_input(text: str) -> None:
    lines, run, script = classify_lines(text)
    x = features(lines, run, script)
    assert x.shape == (0, len(feature_names()))


def test_line_model_features_have_one_row_per_line_and_named_columns() -> None:
    lines, run, script = classify_lines(_dump(CHROME + PROSE))
    x = features(lines, run, script)
    assert x.shape == (len(CHROME) + len(PROSE), len(feature_names()))
    assert np.isfinite(x).all()
    col = feature_names().index("sent_end")
    assert x[-1, col] == 1.0 and x[0, col] == 0.0
    prev = feature_names().index("sent_end@-1")
    assert x[len(CHROME) + 1, prev] == 1.0 and x[0, prev] == 0.0  # first line has no neighbour


def test_line_model_split_is_stable_and_about_a_fifth() -> None:
    names = [f"set/{i}" for i in range(2000)]
    held = sum(split_of(n) == "heldout" for n in names)
    assert 300 < held < 500
    assert [split_of(n) for n in names[:50]] == [split_of(n) for n in names[:50]]


def test_line_model_shipped_file_loads_and_separates_prose_from_menu() -> None:
    model = load_model()
    assert model is not None
    lines, run, script = classify_lines(_dump(CHROME + PROSE))
    p = model.proba(features(lines, run, script, vocab=model.vocab))
    # the median prose line beats every menu line (the last line of a tiny page is the model's weak spot)
    assert np.median(p[-len(PROSE) :]) > p[: len(CHROME)].max()


def test_line_model_word_log_odds_are_mean_min_max_of_known_words() -> None:
    lines, _, _ = classify_lines(_dump(("12:30", "Share this story on Twitter", "Nothing known here", "2024",
                                        "Twitter")))
    vocab = {"share": -2.0, "story": 1.0, "twitter": -3.0}
    x = lexical(lines, vocab)
    assert x[1].tolist() == [pytest.approx(-4 / 3), -3.0, 1.0]
    assert x[4].tolist() == [-3.0, -3.0, -3.0]
    assert not x[[0, 2, 3]].any()  # no word, no known word
    assert not lexical(lines, None).any()
    cols = features(lines, (1, 2), "latn", vocab=vocab)
    assert cols[1, feature_names().index("lex_min")] == -3.0
    assert cols[2, feature_names().index("p1_lex_mean")] == pytest.approx(-4 / 3)  # the line before


def test_line_model_shipped_vocabulary_reads_site_furniture_as_chrome() -> None:
    model = load_model()
    assert model is not None and model.vocab
    lines, _, _ = classify_lines(_dump(("Privacy Policy | Terms of Use | Powered by WordPress", PROSE[0])))
    x = lexical(lines, model.vocab)
    assert x[0, 0] < 0 < x[1, 0]


def test_line_model_trees_roundtrip_and_depths() -> None:
    names = tuple(feature_names())
    rng = np.random.default_rng(0)
    x = rng.normal(size=(9, len(names)))
    for depth in (1, 3):
        inner = 2**depth - 1
        feat = rng.integers(0, len(names), size=(4, inner))
        thr = rng.normal(size=(4, inner))
        thr[0, 0] = np.inf  # an unused split sends every row left
        leaf = rng.normal(size=(4, inner + 1))
        model = LineModel("trees", names, 0.5, 0.1, tree_feature=feat, tree_threshold=thr, tree_leaf=leaf,
                          vocab={"menu": -1.5, "said": 0.25})
        again = LineModel.from_dict(model.to_dict())
        assert np.allclose(again.margin(x), model.margin(x))
        assert again.vocab == model.vocab
        slow = np.full(len(x), 0.1)  # walk every tree row by row
        for r in range(len(x)):
            for t in range(4):
                k = 0
                while k < inner:
                    k = 2 * k + 1 + int(x[r, feat[t, k]] > thr[t, k])
                slow[r] += leaf[t, k - inner]
        assert np.allclose(model.margin(x), slow)


def test_line_model_logistic_roundtrip_and_threshold() -> None:
    names = tuple(feature_names())
    d = len(names)
    w = np.zeros(d)
    w[names.index("sent_end")] = 5.0
    model = LineModel("logistic", names, 0.5, -2.5, weights=w, mean=np.zeros(d), scale=np.ones(d))
    again = LineModel.from_dict(model.to_dict())
    x = np.zeros((2, d))
    x[1, names.index("sent_end")] = 1.0
    assert np.allclose(again.proba(x), model.proba(x))
    assert model.proba(x)[0] < 0.5 < model.proba(x)[1]


def test_line_model_rejects_other_feature_layout() -> None:
    with pytest.raises(ValueError):
        LineModel.from_dict({"kind": "logistic", "features": ["a"], "bias": 0, "threshold": 0.5, "weights": [1],
                             "mean": [0], "scale": [1]})


def test_line_model_heuristic_and_model_paths_both_keep_prose() -> None:
    raw = RawDoc(id="x", origin="x", data=b"", text=_dump((*CHROME, "A headline about the budget", *PROSE)),
                 content_type="text")
    for method in ("model", "heuristic"):
        art = clean_text_dump(raw, BatchContext(), method=method)
        assert sum(s in art.body for s in PROSE) >= (2 if method == "model" else 3), method
        assert "Weather" not in art.body, method
    with pytest.raises(ValueError):
        clean_text_dump(raw, method="nope")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=12))
def test_line_model_any_text_gives_finite_features_and_spans(parts: list[str]) -> None:
    text = "\n".join(parts)
    lines, run, script = classify_lines(text)
    x = features(lines, run, script)
    assert x.shape[0] == len(lines) and np.isfinite(x).all()
    art = clean_text_dump(RawDoc(id="h", origin="h", data=b"", text=text, content_type="text"))
    for seg in art.segments:
        assert art.text[seg.start : seg.start + seg.length] == art.body[seg.body_start : seg.body_start + seg.length]


def test_line_model_flag_features_windows_share_distance_and_inside() -> None:
    x = flag_features([[False, True, False, False, True, False], [False] * 6])
    cols = {name: i for i, name in enumerate(f"{m}_{f}" for m in HTML_MODES for f in FLAG_FEATURES)}
    r = HTML_MODES[0]
    assert x.shape == (6, len(cols))
    assert x[:, cols[f"{r}_flag"]].tolist() == [0, 1, 0, 0, 1, 0]
    assert x[:, cols[f"{r}_c1"]].tolist() == pytest.approx([1 / 2, 1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 2])
    assert x[:, cols[f"{r}_page_share"]].tolist() == pytest.approx([1 / 3] * 6)
    assert np.expm1(x[:, cols[f"{r}_log_dist"]]).round().tolist() == [1, 0, 1, 1, 0, 1]
    assert x[:, cols[f"{r}_inside"]].tolist() == [0, 0, 1, 1, 0, 0]  # flagged lines on both sides
    p = HTML_MODES[1]
    assert x[:, cols[f"{p}_flag"]].sum() == 0 and np.expm1(x[:, cols[f"{p}_log_dist"]]).round().max() == 50
    assert flag_features([[], []]).shape == (0, len(cols))


def test_line_model_html_file_loads_with_its_own_layout() -> None:
    model = load_model(html=True)
    assert model is not None and model.names == tuple(feature_names(html=True))
    dump_layout = load_model().to_dict()
    with pytest.raises(ValueError):  # the dump model is not an HTML model, nor the other way round
        LineModel.from_dict(dump_layout, html=True)
    with pytest.raises(ValueError):
        LineModel.from_dict(model.to_dict())


def test_line_model_keeps_an_article_that_follows_a_comment_form() -> None:
    # a sidebar blurb, a comment form, then the article: whatever the heuristic run settled on, the
    # model's own body lines after the form stay (the form line itself is hard chrome)
    lines, _, script = classify_lines(_dump(PROSE[:1] + ("Leave a Reply",) + PROSE[1:]))
    assert lines[1].reason == "comment-form"
    names = tuple(feature_names())
    keep_all = LineModel("trees", names, 0.5, 30.0, tree_feature=np.zeros((1, 7), dtype=np.int64),
                         tree_threshold=np.full((1, 7), np.inf), tree_leaf=np.zeros((1, 8)))
    keep = model_keep(lines, (0, 0), script, None, keep_all)
    assert keep == [True, False, True, True]


def test_line_model_unreadable_file_warns_and_gives_none(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text('{"kind": "trees", "features": ["a"]}', encoding="utf-8")
    with pytest.warns(RuntimeWarning, match="falls back"):
        assert load_model(str(bad)) is None
