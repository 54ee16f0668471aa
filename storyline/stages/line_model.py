"""Trained line model for text dumps: per-line features, context windows, and inference.

The hand-tuned dump cleaner (``clean.classify_lines``) decides body lines with a maximum-sum run
over hand-set line scores. This module turns the same per-line signals (length, stop-word
density, sentence-final punctuation, digit/upper-case/punctuation ratios, menu shape, position,
the heuristic's own score, run and decision) plus the same features of neighbouring lines and
window means into one numpy matrix per article, and scores it with a small additive model
trained by ``scripts/train_cleaner.py`` on public boilerplate sets (CleanEval-dev,
CleanPortalEval, Dragnet-train; see ``resources/line_model.json`` for provenance and held-out
scores). The model is a gradient-boosted stump ensemble (or a logistic regression), both
evaluated with numpy only: one vectorised pass per article, no per-line Python loop beyond the
feature row itself. Neither scikit-learn nor torch is needed at training or run time.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent.parent / "resources" / "line_model.json"

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NON_DIGIT = re.compile(r"\D+")
_NON_UPPER = re.compile(r"[^A-Z\u00c0-\u00de\u0410-\u042f]+")
_NON_PUNCT = re.compile(r"[^.,;:!?\"'()«»“”]+")
_BULLET = frozenset("•·|▪◦●-–—*>»›→#")

LINE_FEATURES = (
    "log_words", "stop_ratio", "sent_end", "ellipsis", "digit_ratio", "upper_ratio", "punct_ratio",
    "letter_ratio", "title_case_ratio", "heur_score", "hard_chrome", "other_script", "starts_bullet",
    "ends_colon", "pipe_count", "log_chars",
)  # fmt: skip
NEIGHBOUR_FEATURES = ("log_words", "sent_end", "stop_ratio", "heur_score", "hard_chrome", "title_case_ratio")
OFFSETS = (-3, -2, -1, 1, 2, 3)
WINDOWS = (2, 5, 12)
GLOBAL_FEATURES = (
    "rel_index", "in_run", "log_dist_run", "before_run", "after_run", "heur_body", "after_comment_header", "comment_above",
    "log_lines", "run_share", "doc_stop_ratio", "seen_share",
)  # fmt: skip


def feature_names() -> list[str]:
    """Names of the model's input columns, in order."""
    names = list(LINE_FEATURES)
    names += [f"{f}@{o:+d}" for o in OFFSETS for f in NEIGHBOUR_FEATURES]
    names += [f"win{w}_{f}" for w in WINDOWS for f in ("heur_score", "sent_end", "hard_chrome")]
    names += list(GLOBAL_FEATURES)
    return names


def split_of(name: str) -> str:
    """"heldout" for about 20 % of page names (stable hash), else "train"."""
    digest = hashlib.sha1(name.encode("utf-8")).digest()
    return "heldout" if digest[0] % 5 == 0 else "train"


def _line_row(ln: Any, script: str) -> list[float]:
    """The LINE_FEATURES of one ``clean._Line``."""
    text = ln.text
    n = len(text)
    w = ln.words
    words = _WORD.findall(text) if w else []
    caps = sum(1 for t in words if t[0].isupper())
    return [
        np.log1p(w),
        ln.stops / w if w else 0.0,
        1.0 if ln.sent else 0.0,
        1.0 if text.endswith(("...", "…")) else 0.0,
        len(_NON_DIGIT.sub("", text)) / n,
        len(_NON_UPPER.sub("", text)) / max(ln.letters, 1),
        len(_NON_PUNCT.sub("", text)) / n,
        ln.letters / n,
        caps / len(words) if words else 0.0,
        max(min(ln.score, 7.0), -3.0),
        1.0 if ln.reason else 0.0,
        1.0 if ln.script != script and ln.letters >= 3 else 0.0,
        1.0 if text[0] in _BULLET else 0.0,
        1.0 if text.endswith(":") else 0.0,
        min(text.count("|"), 5),
        np.log1p(n),
    ]


def features(lines: list[Any], run: tuple[int, int], script: str, seen: list[int] | None = None,
             documents: int = 0) -> np.ndarray:
    """Feature matrix (one row per line, columns ``feature_names()``) of a classified dump.

    ``lines`` and ``run`` come from ``clean.classify_lines``; ``seen`` are batch counts per line.
    """
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(feature_names())))
    base = np.array([_line_row(ln, script) for ln in lines], dtype=np.float64)
    idx = [LINE_FEATURES.index(f) for f in NEIGHBOUR_FEATURES]
    nb = base[:, idx]
    pad = np.zeros((3, nb.shape[1]))
    padded = np.vstack([pad, nb, pad])
    cols = [base]
    for o in OFFSETS:
        cols.append(padded[3 + o : 3 + o + n])
    hs, se, hc = (base[:, LINE_FEATURES.index(f)] for f in ("heur_score", "sent_end", "hard_chrome"))
    for w in WINDOWS:
        for v in (hs, se, hc):
            c = np.concatenate([[0.0], np.cumsum(v)])
            lo = np.clip(np.arange(n) - w, 0, n)
            hi = np.clip(np.arange(n) + w + 1, 0, n)
            cols.append(((c[hi] - c[lo]) / (hi - lo))[:, None])
    first, last = run
    i = np.arange(n, dtype=np.float64)
    in_run = (i >= first) & (i <= last)
    has_run = last >= first
    dist = np.where(in_run, 0.0, np.where(i < first, first - i, i - last)) if has_run else np.full(n, 50.0)
    reasons = [ln.reason for ln in lines]
    header = np.array([r == "comment-form" for r in reasons]) & (i > last if has_run else False)
    comment = (np.cumsum(header) - header) > 0  # a comment header after the body block precedes this line
    no_reason = np.array([r is None for r in reasons])
    stops = sum(ln.stops for ln in lines) / max(sum(ln.words for ln in lines), 1)
    if seen is not None and documents > 1:
        seen_share = (np.maximum(np.asarray(seen, dtype=np.float64), 1) - 1) / (documents - 1)
    else:
        seen_share = np.zeros(n)
    glob = np.column_stack([
        i / max(n - 1, 1),
        in_run.astype(float),
        np.log1p(dist),
        (has_run & (i < first)).astype(float),
        (has_run & (i > last)).astype(float),
        (in_run & no_reason).astype(float),
        comment.astype(float),
        (np.cumsum([r == "comment-form" for r in reasons]) > 0).astype(float),
        np.full(n, np.log1p(n)),
        np.full(n, (last - first + 1) / n if has_run else 0.0),
        np.full(n, stops),
        seen_share,
    ])
    cols.append(glob)
    return np.hstack(cols)


@dataclass(frozen=True)
class LineModel:
    """A trained additive line model: stumps (feature, threshold, left, right) or linear weights."""

    kind: str
    names: tuple[str, ...]
    threshold: float
    bias: float
    weights: np.ndarray | None = None
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None
    stump_feature: np.ndarray | None = None
    stump_threshold: np.ndarray | None = None
    stump_left: np.ndarray | None = None
    stump_right: np.ndarray | None = None
    run_threshold: float | None = None  # threshold inside the heuristic's body run (None: ``threshold``)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        """Model from the JSON layout written by ``to_dict``."""
        names = tuple(data["features"])
        run_t = data.get("run_threshold")
        run_t = float(run_t) if run_t is not None else None
        if names != tuple(feature_names()):
            raise ValueError("line model was trained on other features; retrain with scripts/train_cleaner.py")
        if data["kind"] == "logistic":
            return cls("logistic", names, float(data["threshold"]), float(data["bias"]),
                       weights=np.asarray(data["weights"], float), mean=np.asarray(data["mean"], float),
                       scale=np.asarray(data["scale"], float), run_threshold=run_t)
        st = np.asarray(data["stumps"], float).reshape(-1, 4)
        return cls("stumps", names, float(data["threshold"]), float(data["bias"]),
                   stump_feature=st[:, 0].astype(int), stump_threshold=st[:, 1], stump_left=st[:, 2],
                   stump_right=st[:, 3], run_threshold=run_t)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready parameters (provenance is added by the training script)."""
        out: dict[str, Any] = {"kind": self.kind, "features": list(self.names), "bias": self.bias,
                               "threshold": self.threshold, "run_threshold": self.run_threshold}
        if self.kind == "logistic":
            assert self.weights is not None and self.mean is not None and self.scale is not None
            out.update(weights=[round(float(x), 6) for x in self.weights],
                       mean=[round(float(x), 6) for x in self.mean], scale=[round(float(x), 6) for x in self.scale])
        else:
            assert self.stump_feature is not None and self.stump_threshold is not None
            assert self.stump_left is not None and self.stump_right is not None
            out["stumps"] = [[int(f), round(float(t), 6), round(float(a), 6), round(float(b), 6)]
                             for f, t, a, b in zip(self.stump_feature, self.stump_threshold, self.stump_left,
                                                   self.stump_right, strict=True)]
        return out

    def margin(self, x: np.ndarray) -> np.ndarray:
        """Log-odds of "body" for each row of ``x``."""
        if x.shape[0] == 0:
            return np.zeros(0)
        if self.kind == "logistic":
            assert self.weights is not None and self.mean is not None and self.scale is not None
            return ((x - self.mean) / self.scale) @ self.weights + self.bias
        assert self.stump_feature is not None and self.stump_threshold is not None
        right = x[:, self.stump_feature] > self.stump_threshold
        return np.where(right, self.stump_right, self.stump_left).sum(axis=1) + self.bias

    def proba(self, x: np.ndarray) -> np.ndarray:
        """Probability of "body" for each row of ``x``."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.margin(x), -30, 30)))


@functools.cache
def load_model(path: str | None = None) -> LineModel | None:
    """The shipped line model (cached); None when the file is absent or unreadable."""
    p = Path(path) if path else MODEL_PATH
    try:
        return LineModel.from_dict(json.loads(p.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
