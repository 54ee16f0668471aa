"""Trained line model for text dumps: per-line features, context windows, and inference.

The hand-tuned dump cleaner (``clean.classify_lines``) decides body lines with a maximum-sum run
over hand-set line scores. This module turns the same per-line signals (length, stop-word
density, sentence-final punctuation, character-class ratios computed in one vectorised pass over
the dump, menu shape, the heuristic's own score and decision, and the mean, lowest and highest
learned log-odds of the line's words: "privacy", "logout", "kommentare" lean chrome, "sagte",
"approximately" body, a vocabulary the training script counts over the training pages and ships
in the model file) plus context into one numpy matrix
per article: neighbour lines (±1..3), centred/preceding/following window means (1..25 lines),
the cumulative text-density profile (share of the page's prose words before and after the line),
the enclosing block of prose lines (its share of the page's prose, whether it is the densest
block, the distance to that block), the distance to the heuristic's body run and to the title
line above it, and comment-header position. A gradient-boosted ensemble of depth-3 trees
(logistic loss, trained by ``scripts/train_cleaner.py`` on public boilerplate sets: CleanEval-dev,
CleanPortalEval, Dragnet-train; see ``resources/line_model.json`` for provenance and held-out
scores) scores the matrix with a handful of vectorised numpy operations per tree level, for all
trees at once. Neither scikit-learn nor torch is needed at training or run time.
"""

from __future__ import annotations

import functools
import hashlib
import json
import warnings
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import attrgetter
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent.parent / "resources" / "line_model.json"
HTML_MODEL_PATH = MODEL_PATH.with_name("html_line_model.json")

_BULLET = np.array([ord(c) for c in "•·|▪◦●-–—*>»›→#"], dtype=np.uint32)
_PUNCT = np.array([ord(c) for c in ".,;:!?\"'()«»“”"], dtype=np.uint32)
_CONT_END = np.array([ord(c) for c in ",;-–—("], dtype=np.uint32)
_CAP_PREV = np.array([ord(c) for c in " \n\"'(“«‘"], dtype=np.uint32)

LINE_FEATURES = (
    "log_words", "stop_ratio", "sent_end", "ellipsis", "digit_ratio", "upper_ratio", "punct_ratio",
    "letter_ratio", "title_case_ratio", "heur_score", "hard_chrome", "other_script", "starts_bullet",
    "ends_colon", "pipe_count", "log_chars", "lower_start", "open_end", "long", "prose", "dup_in_page",
    "seen_share", "continues", "lex_mean", "lex_min", "lex_max",
)  # fmt: skip
NEIGHBOUR_FEATURES = (
    "log_words", "sent_end", "stop_ratio", "heur_score", "hard_chrome", "title_case_ratio", "lower_start",
    "open_end", "dup_in_page",
)  # fmt: skip
OFFSETS = (-3, -2, -1, 1, 2, 3)
WINDOWS = (1, 3, 6, 12, 25)
WINDOW_SIDES = ("c", "p", "n")  # centred, preceding, following
WINDOW_FEATURES = ("heur_score", "sent_end", "hard_chrome", "log_words", "prose", "lex_mean")
GLOBAL_FEATURES = (
    "rel_index", "in_run", "log_dist_run", "before_run", "after_run", "comment_above_body", "comment_above",
    "log_lines", "run_share", "doc_stop_ratio", "prose_before", "prose_after", "words_before", "words_after",
    "block_share", "in_densest_block", "block_log_lines", "block_pos", "log_dist_densest", "before_densest",
    "after_densest", "densest_share", "log_dist_prev_prose", "log_dist_next_prose", "rel_title", "after_title",
    "run_prose_share",
)  # fmt: skip
BLOCK_GAP = 3  # prose lines at most this many lines apart belong to one block
# HTML model only: which flattened lines trafilatura's main text holds, in two of its modes
# (favor_recall, favor_precision), each as the flag, its centred window means, the page's share,
# the distance to the nearest flagged line and whether flagged lines lie on both sides
HTML_MODES = ("recall", "precision")
FLAG_FEATURES = ("flag", "c1", "c3", "c6", "page_share", "log_dist", "inside")
FLAG_WINDOWS = (1, 3, 6)


def feature_names(html: bool = False) -> list[str]:
    """Names of the model's input columns, in order (``html``: the HTML model's, with trafilatura's flags)."""
    names = list(LINE_FEATURES)
    names += [f"{f}@{o:+d}" for o in OFFSETS for f in NEIGHBOUR_FEATURES]
    names += [f"{s}{w}_{f}" for w in WINDOWS for s in WINDOW_SIDES for f in WINDOW_FEATURES]
    names += list(GLOBAL_FEATURES)
    if html:
        names += [f"traf_{m}_{f}" for m in HTML_MODES for f in FLAG_FEATURES]
    return names


def flag_features(flag_sets: list[list[bool]]) -> np.ndarray:
    """The HTML model's extra columns (``FLAG_FEATURES`` per set, in order) from per-line flags."""
    cols: list[np.ndarray] = []
    for flags in flag_sets:
        f = np.asarray(flags, dtype=np.float64)
        n = len(f)
        ar = np.arange(n)
        c = np.concatenate([[0.0], np.cumsum(f)])
        cols.append(f)
        for r in FLAG_WINDOWS:
            lo, hi = np.maximum(ar - r, 0), np.minimum(ar + r + 1, n)
            cols.append((c[hi] - c[lo]) / np.maximum(hi - lo, 1))
        cols.append(np.full(n, f.mean() if n else 0.0))
        idx = np.flatnonzero(f)
        if len(idx):
            j = np.clip(np.searchsorted(idx, ar), 1, max(len(idx) - 1, 1))
            dist = np.minimum(np.abs(ar - idx[j - 1]), np.abs(ar - idx[np.minimum(j, len(idx) - 1)]))
        else:
            dist = np.full(n, 50)
        cols.append(np.log1p(np.minimum(dist, 50)))
        cols.append(((c[1:] - f) > 0) & ((c[-1] - c[1:]) > 0))
    return np.column_stack(cols).astype(np.float64) if cols else np.zeros((0, 0))


def split_of(name: str) -> str:
    """"heldout" for about 20 % of page names (stable hash), else "train"."""
    digest = hashlib.sha1(name.encode("utf-8")).digest()
    return "heldout" if digest[0] % 5 == 0 else "train"


# character classes as bit flags of one lookup table over the code points up to CLASS_LIMIT (none
# of the classes holds a higher one): one gather per dump instead of a comparison pass per range
_UPPER, _LOWER, _DIGIT, _PUNCT_BIT, _CAP_PREV_BIT, _PIPE = 1, 2, 4, 8, 16, 32
CLASS_LIMIT = 0x2020


def _class_table() -> np.ndarray:
    t = np.zeros(CLASS_LIMIT + 1, dtype=np.uint8)
    for lo, hi in ((65, 90), (0xC0, 0xDE), (0x410, 0x42F)):
        t[lo : hi + 1] |= _UPPER
    for lo, hi in ((97, 122), (0xDF, 0xFF), (0x430, 0x44F)):
        t[lo : hi + 1] |= _LOWER
    t[0xD7] &= ~np.uint8(_UPPER)  # ×
    t[0xF7] &= ~np.uint8(_LOWER)  # ÷
    t[48:58] |= _DIGIT
    t[_PUNCT] |= _PUNCT_BIT
    t[_CAP_PREV] |= _CAP_PREV_BIT
    t[124] |= _PIPE
    t[CLASS_LIMIT] = 0  # every higher code point is clipped to this empty entry
    return t


_CLASSES = _class_table()


def lexical(lines: list[Any], vocab: dict[str, float] | None) -> np.ndarray:
    """(lines, 3): mean, lowest and highest learned log-odds of "body" over each line's known words
    (``vocab``; lines without one, or no vocabulary, get zeros). One dictionary pass over all the
    dump's words and segment reductions per line, no per-line Python."""
    out = np.zeros((len(lines), 3))
    if not vocab or not lines:
        return out
    tokens = [ln.tokens for ln in lines]
    sizes = np.array(list(map(len, tokens)), dtype=np.int64)
    words = list(chain.from_iterable(tokens))
    vals = np.fromiter(map(vocab.get, words, repeat(np.nan)), dtype=np.float64, count=len(words))
    if not words:
        return out
    known = ~np.isnan(vals)
    has = sizes > 0
    starts = (np.cumsum(sizes) - sizes)[has]  # reduceat needs non-empty segments
    n_known = np.add.reduceat(known.astype(np.float64), starts)
    total = np.add.reduceat(np.where(known, vals, 0.0), starts)
    low = np.minimum.reduceat(np.where(known, vals, np.inf), starts)
    high = np.maximum.reduceat(np.where(known, vals, -np.inf), starts)
    some = n_known > 0
    rows = np.flatnonzero(has)[some]
    out[rows, 0] = total[some] / n_known[some]
    out[rows, 1] = low[some]
    out[rows, 2] = high[some]
    return out


_WORDS = attrgetter("words")
_NUMERIC = attrgetter("words", "stops", "letters", "sent", "score")  # the numeric attributes of ``clean._Line``


def _line_matrix(lines: list[Any], script: str, seen: list[int] | None, documents: int,
                 vocab: dict[str, float] | None = None) -> np.ndarray:
    """The LINE_FEATURES of the lines: attributes of ``clean._Line`` plus per-line character counts
    taken from one code-point array of the joined texts (no per-line regular expressions)."""
    n = len(lines)
    texts = [ln.text for ln in lines]
    w, stops, letters, sent, score = np.array(list(map(_NUMERIC, lines)), dtype=np.float64).reshape(n, 5).T
    score = np.clip(score, -3.0, 7.0)
    hard = np.array([ln.reason is not None for ln in lines], dtype=np.float64)
    other = np.array([ln.script != script and ln.letters >= 3 for ln in lines], dtype=np.float64)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    cp = np.frombuffer("\n".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    starts = np.concatenate([[0], np.cumsum(lens + 1)[:-1]])
    ends = starts + lens

    flags = _CLASSES[np.minimum(cp, CLASS_LIMIT)]
    upper = (flags & _UPPER) != 0
    prev_cap = np.concatenate([[True], (flags[:-1] & _CAP_PREV_BIT) != 0])  # a line starts after "\n"
    # per-line counts of five classes from one cumulative sum over the dump
    marks = np.zeros((5, len(cp) + 1), dtype=np.int32)  # one row per class, a leading zero column
    for row, mark in enumerate((upper, (flags & _DIGIT) != 0, (flags & _PUNCT_BIT) != 0, upper & prev_cap,
                                (flags & _PIPE) != 0)):
        np.cumsum(mark, dtype=np.int32, out=marks[row, 1:])
    n_upper, n_digit, n_punct, caps, n_pipe = (marks[:, ends] - marks[:, starts]).astype(np.float64)
    lower = (flags & _LOWER) != 0
    first, last = cp[starts], cp[ends - 1]
    chars = lens.astype(np.float64)
    wz = np.maximum(w, 1.0)
    ellipsis = np.array([t.endswith(("...", "…")) for t in texts], dtype=np.float64)
    lower_start = lower[starts].astype(np.float64)
    open_end = (np.isin(last, _CONT_END) | upper[ends - 1] | lower[ends - 1]) * (1.0 - sent)
    counts: dict[str, int] = {}
    for t in texts:
        counts[t] = counts.get(t, 0) + 1
    dup = np.array([counts[t] > 1 for t in texts], dtype=np.float64)
    if seen is not None and documents > 1:
        seen_share = (np.maximum(np.asarray(seen, dtype=np.float64), 1) - 1) / (documents - 1)
    else:
        seen_share = np.zeros(n)
    continues = np.concatenate([[0.0], (1.0 - sent[:-1]) * lower_start[1:]])
    return np.column_stack([
        np.log1p(w), stops / wz, sent, ellipsis, n_digit / chars, n_upper / np.maximum(letters, 1),
        n_punct / chars, letters / chars, caps / wz, score, hard, other,
        np.isin(first, _BULLET).astype(np.float64), (last == 58).astype(np.float64),
        np.minimum(n_pipe, 5.0), np.log1p(chars), lower_start, open_end, (w >= 10).astype(np.float64),
        (score > 1.0).astype(np.float64), dup, seen_share, continues, lexical(lines, vocab),
    ])  # fmt: skip


def _blocks(prose: np.ndarray, pw: np.ndarray, n: int) -> list[np.ndarray]:
    """Block features: share, densest flag, log length, position inside, distances to the densest
    block and to the nearest prose lines (blocks: prose lines at most BLOCK_GAP lines apart)."""
    ar = np.arange(n)
    pidx = np.flatnonzero(prose)
    tot = max(float(pw.sum()), 1.0)
    if not len(pidx):
        far = np.full(n, np.log1p(50.0))
        zero = np.zeros(n)
        return [zero, zero, zero, zero, far, zero, zero, zero, far, far]
    gaps = np.diff(pidx) > BLOCK_GAP
    bid = np.concatenate([[0], np.cumsum(gaps)])
    bstart = np.concatenate([[pidx[0]], pidx[1:][gaps]])
    bend = np.concatenate([pidx[:-1][gaps], [pidx[-1]]])
    bw = np.bincount(bid, pw[pidx])
    big = int(np.argmax(bw))
    k = np.searchsorted(bstart, ar, side="right") - 1  # last block starting at or before the line
    inside = (k >= 0) & (ar <= bend[np.maximum(k, 0)])
    kk = np.maximum(k, 0)
    share = np.where(inside, bw[kk] / tot, 0.0)
    densest = (inside & (kk == big)).astype(np.float64)
    blen = np.where(inside, np.log1p(bend[kk] - bstart[kk] + 1), 0.0)
    bpos = np.where(inside, (ar - bstart[kk]) / np.maximum(bend[kk] - bstart[kk], 1), 0.0)
    bs, be = bstart[big], bend[big]
    dist = np.where(ar < bs, bs - ar, np.where(ar > be, ar - be, 0))
    j = np.searchsorted(pidx, ar, side="left")
    prev_p = np.where(j > 0, pidx[np.maximum(j - 1, 0)], -100)
    jn = np.searchsorted(pidx, ar, side="right")
    next_p = np.where(jn < len(pidx), pidx[np.minimum(jn, len(pidx) - 1)], n + 100)
    return [share, densest, blen, bpos, np.log1p(dist), (ar < bs).astype(np.float64), (ar > be).astype(np.float64),
            np.full(n, bw[big] / tot), np.log1p(np.minimum(ar - prev_p, 50)), np.log1p(np.minimum(next_p - ar, 50))]


_WINDOW_COLS = [LINE_FEATURES.index(f) for f in WINDOW_FEATURES]


def _window_bounds(n: int) -> tuple[np.ndarray, np.ndarray]:
    """(lo, hi) line bounds, shape (windows x sides, n), of every window of ``features`` in
    column order: for each r of WINDOWS the centred, preceding and following r lines."""
    ar = np.arange(n)
    r = np.asarray(WINDOWS)[:, None]
    a, b = np.maximum(ar - r, 0), np.minimum(ar + 1 + r, n)
    lo = np.stack([a, a, np.broadcast_to(ar + 1, a.shape)], axis=1).reshape(-1, n)
    hi = np.stack([b, np.broadcast_to(ar, b.shape), b], axis=1).reshape(-1, n)
    return lo, hi


def features(lines: list[Any], run: tuple[int, int], script: str, seen: list[int] | None = None,
             documents: int = 0, vocab: dict[str, float] | None = None) -> np.ndarray:
    """Feature matrix (one row per line, columns ``feature_names()``) of a classified dump.

    ``lines`` and ``run`` come from ``clean.classify_lines``; ``seen`` are batch counts per line;
    ``vocab`` the model's learned word log-odds (``LineModel.vocab``).
    """
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(feature_names())))
    base = _line_matrix(lines, script, seen, documents, vocab)
    nb = base[:, [LINE_FEATURES.index(f) for f in NEIGHBOUR_FEATURES]]
    pad = np.zeros((3, nb.shape[1]))
    padded = np.vstack([pad, nb, pad])
    cols = [base] + [padded[3 + o : 3 + o + n] for o in OFFSETS]
    wv = base[:, _WINDOW_COLS]
    c = np.vstack([np.zeros((1, wv.shape[1])), np.cumsum(wv, 0)])
    ar = np.arange(n)
    lo, hi = _window_bounds(n)  # centred, preceding and following windows of r lines, cut at the dump's ends
    means = (c[hi] - c[lo]) / np.maximum(hi - lo, 1)[:, :, None]  # (windows, lines, features), one gather
    cols.append(means.transpose(1, 0, 2).reshape(n, -1))
    first, last = run
    i = ar.astype(np.float64)
    has_run = last >= first
    in_run = (i >= first) & (i <= last)
    dist = np.where(in_run, 0.0, np.where(i < first, first - i, i - last)) if has_run else np.full(n, 50.0)
    cf = np.array([ln.reason == "comment-form" for ln in lines])
    header = cf & (i > last) if has_run else np.zeros(n, dtype=bool)
    comment = (np.cumsum(header) - header) > 0  # a comment header after the body block precedes this line
    w = np.fromiter(map(_WORDS, lines), dtype=np.float64, count=n)
    prose = base[:, LINE_FEATURES.index("prose")]
    pw = w * prose
    tot_pw, tot_w = max(float(pw.sum()), 1.0), max(float(w.sum()), 1.0)
    cpw, cw = np.cumsum(pw), np.cumsum(w)
    t_idx = -1  # the title: the nearest headline-like line (no reason, 2-30 words, no final stop) above the run
    for j in range(first - 1, max(first - 9, -1), -1) if has_run else ():
        ln = lines[j]
        if ln.reason is None and 2 <= ln.words <= 30 and not ln.sent:
            t_idx = j
            break
    glob = [
        i / max(n - 1, 1), in_run, np.log1p(dist), has_run & (i < first), has_run & (i > last), comment,
        np.cumsum(cf) > 0, np.full(n, np.log1p(n)), np.full(n, (last - first + 1) / n if has_run else 0.0),
        np.full(n, float(base[:, 1] @ w) / tot_w), (cpw - pw) / tot_pw, (tot_pw - cpw) / tot_pw, (cw - w) / tot_w,
        (tot_w - cw) / tot_w, *_blocks(prose > 0, pw, n),
        np.clip(i - t_idx, -30, 30) if t_idx >= 0 else np.full(n, -31.0), (i > t_idx) & (t_idx >= 0),
        np.full(n, pw[max(first, 0) : last + 1].sum() / tot_pw if has_run else 0.0),
    ]  # fmt: skip
    cols.append(np.column_stack(glob).astype(np.float64))
    return np.hstack(cols)


_BIT_VALUES = (1 << np.arange(7)).astype(np.uint8)


@dataclass(frozen=True)
class LineModel:
    """A trained additive line model: boosted trees (complete binary trees of one depth, stored
    level by level: node ``k`` has children ``2k+1``/``2k+2``) or logistic regression weights."""

    kind: str
    names: tuple[str, ...]
    threshold: float
    bias: float
    weights: np.ndarray | None = None
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None
    tree_feature: np.ndarray | None = None  # (trees, inner nodes) column index
    tree_threshold: np.ndarray | None = None  # (trees, inner nodes): go right when value > threshold
    tree_leaf: np.ndarray | None = None  # (trees, leaves) log-odds contributions
    vocab: dict[str, float] | None = field(default=None, compare=False)  # word -> log-odds of "body"

    @classmethod
    def from_dict(cls, data: dict[str, Any], html: bool = False) -> LineModel:
        """Model from the JSON layout written by ``to_dict`` (``html``: the HTML model's features)."""
        names = tuple(data["features"])
        if names != tuple(feature_names(html)):
            raise ValueError("line model was trained on other features; retrain with scripts/train_cleaner.py")
        if data["kind"] == "logistic":
            return cls("logistic", names, float(data["threshold"]), float(data["bias"]),
                       weights=np.asarray(data["weights"], float), mean=np.asarray(data["mean"], float),
                       scale=np.asarray(data["scale"], float))
        if data["kind"] != "trees":
            raise ValueError(f"unknown line model kind {data['kind']!r}")
        trees = data["trees"]
        feat = np.asarray([t[0] for t in trees], dtype=np.int64)
        thr = np.asarray([t[1] for t in trees], dtype=np.float64)
        leaf = np.asarray([t[2] for t in trees], dtype=np.float64)
        if feat.ndim != 2 or leaf.shape != (feat.shape[0], feat.shape[1] + 1) or feat.max(initial=0) >= len(names):
            raise ValueError("malformed tree ensemble")
        vocab = {str(k): float(v) for k, v in data.get("vocab", {}).items()}
        return cls("trees", names, float(data["threshold"]), float(data["bias"]), tree_feature=feat,
                   tree_threshold=thr, tree_leaf=leaf, vocab=vocab or None)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready parameters (provenance is added by the training script)."""
        out: dict[str, Any] = {"kind": self.kind, "features": list(self.names), "bias": self.bias,
                               "threshold": self.threshold}
        if self.kind == "logistic":
            assert self.weights is not None and self.mean is not None and self.scale is not None
            out.update(weights=[round(float(x), 6) for x in self.weights],
                       mean=[round(float(x), 6) for x in self.mean], scale=[round(float(x), 6) for x in self.scale])
        else:
            assert self.tree_feature is not None and self.tree_threshold is not None and self.tree_leaf is not None
            out["trees"] = [[[int(f) for f in fs], [_num(t) for t in ts], [round(float(v), 6) for v in vs]]
                            for fs, ts, vs in zip(self.tree_feature, self.tree_threshold, self.tree_leaf, strict=True)]
            if self.vocab:
                out["vocab"] = {k: round(v, 3) for k, v in sorted(self.vocab.items())}
        return out

    def margin(self, x: np.ndarray) -> np.ndarray:
        """Log-odds of "body" for each row of ``x``."""
        if x.shape[0] == 0:
            return np.zeros(0)
        if self.kind == "logistic":
            assert self.weights is not None and self.mean is not None and self.scale is not None
            return ((x - self.mean) / self.scale) @ self.weights + self.bias
        assert self.tree_feature is not None and self.tree_threshold is not None and self.tree_leaf is not None
        feat, leaf = self.tree_feature, self.tree_leaf
        n, (trees, inner) = x.shape[0], feat.shape
        tests, node_test = self._tests
        split = (x[:, tests[0]] > tests[1]).T[node_test].reshape(trees, inner, n)  # every inner node's test at once
        if inner == 7:  # depth 3: the seven test bits of a tree as one number, read through a table
            code = np.einsum("tkn,k->tn", split.view(np.uint8), _BIT_VALUES)
            return self._leaf_table.ravel()[code + (np.arange(trees) * 128)[:, None]].sum(axis=0) + self.bias
        split = split.transpose(2, 0, 1)  # (rows, trees, inner nodes)
        offset = np.arange(trees) * (inner + 1)
        node = np.zeros((n, trees), dtype=np.int64)
        while True:  # one level per pass, all trees at once
            node = 2 * node + 1 + np.take_along_axis(split, node[:, :, None], 2)[:, :, 0]
            if node[0, 0] >= inner:
                break
        node -= inner
        return leaf.ravel()[node + offset].sum(axis=1) + self.bias

    @functools.cached_property
    def _leaf_table(self) -> np.ndarray:
        """(trees, 128): the leaf value each pattern of a depth-3 tree's seven test bits reaches
        (bit k: inner node k goes right)."""
        assert self.tree_leaf is not None
        bits = (np.arange(128)[:, None] >> np.arange(7)) & 1  # (pattern, node)
        node = np.zeros(128, dtype=np.int64)
        for _ in range(3):
            node = 2 * node + 1 + bits[np.arange(128), node]
        return self.tree_leaf[:, node - 7]

    @functools.cached_property
    def _tests(self) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
        """The distinct (column, threshold) tests of the trees (a third of their inner nodes) and,
        per inner node, which of them it is: each test is computed once per row."""
        assert self.tree_feature is not None and self.tree_threshold is not None
        pairs = np.stack([self.tree_feature.ravel().astype(np.float64), self.tree_threshold.ravel()])
        uniq, inverse = np.unique(pairs, axis=1, return_inverse=True)
        return (uniq[0].astype(np.int64), uniq[1]), inverse.ravel()

    def proba(self, x: np.ndarray) -> np.ndarray:
        """Probability of "body" for each row of ``x``."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.margin(x), -30, 30)))


def _num(t: float) -> float | str:
    """A threshold for JSON (exact, so rows on a cut go the trained way); infinity (an unused split) as "inf"."""
    return float(t) if np.isfinite(t) else "inf"


@functools.cache
def load_model(path: str | None = None, html: bool = False) -> LineModel | None:
    """The shipped line model (cached; ``html``: the HTML page model); None when absent or unreadable."""
    p = Path(path) if path else HTML_MODEL_PATH if html else MODEL_PATH
    try:
        return LineModel.from_dict(json.loads(p.read_text(encoding="utf-8")), html)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as ex:
        # said once per file (cached): the cleaner then falls back to the hand-tuned run
        warnings.warn(f"line model {p.name} not loaded ({ex}); cleaning falls back to the hand-tuned rules",
                      RuntimeWarning, stacklevel=2)
        return None
