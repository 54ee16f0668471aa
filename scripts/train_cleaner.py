"""Train the line models (body vs chrome) and write them to storyline/resources/.

Usage (the commands that reproduce the shipped files, about 10 minutes each on one core):
    python scripts/train_cleaner.py --data ../shared/data                 # line_model.json (text dumps)
    python scripts/train_cleaner.py --data ../shared/data --target html   # html_line_model.json

Data: the gold-text cleaning sets under ``DATA/cleaning`` (cleaneval-dev, cleanportaleval,
dragnet-train). Each HTML page is flattened with ``clean_html.flatten_html`` (what a scraper
stores) and classified by the hand-tuned cleaner (``clean.classify_lines``); every line without a
hard chrome reason is labelled body when at least half of its 4-token shingles (the whole line
for shorter lines) occur in the page's gold text. A line weighs its token count over the page's
gold token count (at least 50, capped at 0.5 per line), which is about what keeping or dropping it
moves the page's shingle precision and recall; every page then counts about the same, as in the
macro-averaged metric.

Both models also learn from the trafilatura evaluation set (``DATA/cleaning/trafilatura-eval``,
990 pages of 2019-2020 with "with"/"without" snippets, many German): the cleaning gold sets are
pages from 2007-2012, and a model trained on them alone kept only 0.77 of the "with" snippets of
modern pages. A line holding a "with" snippet of 10+ characters (or held by one) is body, one
holding a "without" snippet chrome, and every other line of such a page is left out; a page's
labelled lines weigh ``--snippet-weight`` together (default 1, about what a gold page weighs; 0
leaves the set out). The HTML model trained on the gold sets alone kept more chrome on those
pages than trafilatura's own alignment (held-back snippet pages: "without" dropped 0.851, the
alignment 0.884). The decision threshold
is then the best mean of the gold validation F1 and the snippet validation pages' balanced
accuracy (share of "with" kept and "without" dropped), so old and modern pages count alike.

The HTML model (``--target html``) sees the same flattened lines with more columns: where the
main texts of trafilatura's favor_recall and favor_precision modes lie on the page (the alignment
of ``clean_html.align_lines``, see ``line_model.flag_features``). It is trained on the pages where
the favor_recall text aligns with some line: on the others the HTML path never asks it.

Word log-odds (the ``lex_*`` columns): for each word (``clean._WORD``, lower-cased) the number of
training pages that have it on a body line against those that have it on a chrome line (a page
counts once per word; words of at least ``--word-min-pages`` pages, add-0.5 smoothing, clipped to
+-4). The rows a model is fitted on take them out of fold (five folds by a hash of the page name:
a page never sees its own labels through its words); the model written out carries the
vocabulary of all training pages (about 10,700 words, most of the model file). Validation
criterion without / with them: 0.871 / 0.882 (min pages 8; 4: 0.882, 20: 0.880, 40: 0.880; the
mean of the neighbours' words as well: 0.883, the line's mean against the page's mean: 0.881;
neither kept).

Model: gradient boosting of depth-3 trees (logistic loss, Newton leaf values, split points at
feature quantiles, histograms in numpy; ``line_model.LineModel`` kind "trees").

Split: ``line_model.split_of(set/name)`` (SHA-1 of the name; ``trafilatura-eval/<file>`` for
snippet pages) keeps about 20 % of the pages held back; they are never used here except for the final report written into the model file. Inside
the training pages a second hash picks a validation fifth that chooses the decision threshold by
the cleaner's macro shingle F1; the model is then refitted on all training pages. Everything is
deterministic (no sampling; ``--seed`` is recorded and seeds numpy for completeness).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import re
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cleaning import (  # type: ignore[import-not-found]  # noqa: E402
    gold_pages,
    scorer,
    snippet_counts,
    snippet_pages,
)

from storyline.model import RawDoc  # noqa: E402
from storyline.stages.clean import BatchContext, classify_lines, clean_text_dump  # noqa: E402
from storyline.stages.clean_html import (  # noqa: E402
    align_lines,
    clean_html_page,
    extract_main,
    flatten_html,
    html_flag_features,
    precise_main_text,
)
from storyline.stages.line_model import (  # noqa: E402
    LineModel,
    feature_names,
    features,
    split_of,
)

SETS = ("cleaneval-dev", "cleanportaleval", "dragnet-train")
SNIPPET_MIN_CHARS = 10
TOKEN = re.compile(r"\w+")
VOCAB_MIN_PAGES = 8  # a word's log-odds are learned from at least this many pages
VOCAB_FOLDS = 5
THRESHOLDS = {"text": (0.4, 0.5, 0.6, 0.7), "html": (0.3, 0.4, 0.5, 0.6)}


def load(data: Path, html: bool) -> list[dict]:
    """Pages of the gold sets: name, split, flattened dump, gold text (and the HTML for ``html``)."""
    pages = []
    for name in SETS:
        for stem, page, gold in gold_pages(data / "cleaning", name, None):
            key = f"{name}/{stem}"
            p = {"name": key, "split": split_of(key), "flat": flatten_html(page), "gold": gold}
            if html:
                p["html"] = page
            pages.append(p)
    return pages


def load_snippets(data: Path, html: bool) -> list[dict]:
    """Pages of the trafilatura evaluation set: name (its URL), split, flattened dump, the
    "with" and "without" snippets (and the HTML for ``html``)."""
    pages = []
    for split in ("train", "heldout"):
        for url, page, with_, without in snippet_pages(data / "cleaning", None, split):
            p = {"name": url, "split": split, "flat": flatten_html(page), "with": with_, "without": without}
            if html:
                p["html"] = page
            pages.append(p)
    return pages


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def label_snippet_lines(lines: list, with_: list[str], without: list[str]) -> np.ndarray:
    """1 for a line holding a "with" snippet (or held by one), 0 for a "without" one, -1 for a
    line that neither says anything about or that both claim. Snippets under 10 characters
    ("Home") would label chance lines and are not used."""
    keep = [t for t in map(_fold, with_) if len(t) >= SNIPPET_MIN_CHARS]
    drop = [t for t in map(_fold, without) if len(t) >= SNIPPET_MIN_CHARS]
    y = np.full(len(lines), -1.0)
    for i, ln in enumerate(lines):
        t = _fold(ln.text)
        pos = any(s in t or (len(t) >= 20 and t in s) for s in keep)
        neg = any(s in t or (len(t) >= 20 and t in s) for s in drop)
        if pos != neg:
            y[i] = 1.0 if pos else 0.0
    return y


def label_lines(lines: list, gold: str) -> tuple[np.ndarray, np.ndarray]:
    """(labels, token counts) of the lines: body when most of their shingles are in the gold."""
    toks = TOKEN.findall(gold)
    shingles = {tuple(toks[i : i + 4]) for i in range(len(toks) - 3)}
    joined = " " + " ".join(toks) + " "
    y, n = np.zeros(len(lines)), np.zeros(len(lines))
    for i, ln in enumerate(lines):
        t = TOKEN.findall(ln.text)
        n[i] = len(t)
        if len(t) >= 4:
            hits = sum(tuple(t[j : j + 4]) in shingles for j in range(len(t) - 3))
            y[i] = hits >= 0.5 * (len(t) - 3)
        elif t:
            y[i] = (" " + " ".join(t) + " ") in joined
    return y, n


def raw_of(p: dict) -> RawDoc:
    """The page as the cleaner gets it: the HTML for the HTML model, else the flattened dump."""
    if "html" in p:
        return RawDoc(id="t", origin=p["name"], data=b"", text=p["html"], content_type="html")
    return RawDoc(id="t", origin=p["name"], data=b"", text=p["flat"], content_type="text")


def classified(pages: list[dict]) -> None:
    """Classify each page's lines once (the hand-tuned cleaner) and note the words of its body
    lines and of its chrome lines (the gold or snippet labels), for the word log-odds."""
    for p in pages:
        lines, run, script = classify_lines(p["flat"], BatchContext())
        if "with" in p:
            y = label_snippet_lines(lines, p["with"], p["without"])
            n = np.zeros(len(lines))
        else:
            y, n = label_lines(lines, p["gold"])
        p["lines"], p["run"], p["script"], p["labels"], p["token_counts"] = lines, run, script, y, n
        p["words"] = ({w for ln, v in zip(lines, y, strict=True) if v == 1 for w in ln.tokens},
                      {w for ln, v in zip(lines, y, strict=True) if v == 0 for w in ln.tokens})


def build_vocab(pages: list[dict], min_pages: int = VOCAB_MIN_PAGES) -> dict[str, float]:
    """Word -> log-odds of "body": pages where the word is on a body line against pages where it is on
    a chrome line (each page counts once per word, words of at least ``min_pages`` pages, none for 0;
    add-0.5 smoothing, centred on the pages' prior, clipped to +-4, rounded as the model file stores it)."""
    if min_pages <= 0:
        return {}
    body: Counter[str] = Counter()
    chrome: Counter[str] = Counter()
    nb = nc = 0
    for p in pages:
        b, c = p["words"]
        body.update(b)
        chrome.update(c)
        nb, nc = nb + bool(b), nc + bool(c)
    prior = math.log((nb + 1) / (nc + 1))
    out = {}
    for w in body.keys() | chrome.keys():
        if body[w] + chrome[w] >= min_pages:
            v = math.log((body[w] + 0.5) / (chrome[w] + 0.5)) - prior
            out[w] = round(max(-4.0, min(4.0, v)), 3)
    return out


def fold_of(p: dict) -> int:
    """The page's fold for out-of-fold word log-odds."""
    return hashlib.sha1(p["name"].encode()).digest()[2] % VOCAB_FOLDS


def matrices(pages: list[dict], vocabs: dict[int, dict[str, float]], snippet_weight: float = 1.0) -> None:
    """Add feature matrix, labels and weights (lines without a hard chrome reason) to each page,
    with the word log-odds of ``vocabs[fold_of(page)]`` (learned without the page's fold); for the
    HTML model, pages without a favor_recall alignment get no rows (the model never sees them).
    A snippet page's rows are its labelled lines, weighing ``snippet_weight`` together."""
    for p in pages:
        lines, run, script, y = p["lines"], p["run"], p["script"], p["labels"]
        x = features(lines, run, script, vocab=vocabs[fold_of(p)])
        if "html" in p:
            doc, _ = extract_main(raw_of(p))
            main = (getattr(doc, "text", None) or "") if doc is not None else ""
            recall = align_lines(lines, main)
            extra, _ = html_flag_features(lines, recall, precise_main_text(raw_of(p)))
            x = np.hstack([x, extra]) if any(recall) else np.zeros((0, len(feature_names(True))))
            lines, y = (lines, y) if any(recall) else ([], y[:0])
        free = np.array([ln.reason is None for ln in lines], dtype=bool)
        if "with" in p:
            free &= y >= 0
            w = np.full(len(lines), snippet_weight / max(int(free.sum()), 1))
        else:
            w = np.minimum(p["token_counts"][: len(lines)] / max(len(TOKEN.findall(p["gold"])), 50.0), 0.5)
        p["x"], p["y"], p["w"] = x[free], y[free], w[free]


def stack(pages: list[dict], html: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows of all pages."""
    d = len(feature_names(html))
    xs = [p["x"] for p in pages if len(p["x"])] or [np.zeros((0, d))]
    return (np.vstack(xs), np.concatenate([p["y"] for p in pages]), np.concatenate([p["w"] for p in pages]))


def fit_trees(x: np.ndarray, y: np.ndarray, w: np.ndarray, trees: int = 200, depth: int = 3, lr: float = 0.1,
              lam: float = 1e-3, bins: int = 32, min_hess: float = 1e-5, html: bool = False) -> LineModel:
    """Gradient-boosted trees of one depth (logistic loss, Newton leaves, quantile split points).

    Grown level by level; the histograms of gradient and hessian per (node, feature, bin) come from
    one ``np.bincount`` per feature. A node without a useful split gets threshold +inf (all rows left).
    """
    n, d = x.shape
    w = w / w.sum()
    cuts = [np.unique(np.quantile(x[:, j], np.linspace(0, 1, bins + 1)[1:-1])) for j in range(d)]
    binned = np.stack([np.searchsorted(cuts[j], x[:, j], side="left") for j in range(d)]).astype(np.int64)
    valid = np.arange(bins)[None, :] < np.array([len(c) for c in cuts])[:, None]
    p0 = float(np.clip((w * y).sum(), 1e-6, 1 - 1e-6))
    bias = float(np.log(p0 / (1 - p0)))
    f = np.full(n, bias)
    inner = 2**depth - 1
    feats = np.zeros((trees, inner), dtype=np.int64)
    thrs = np.full((trees, inner), np.inf)
    leaves = np.zeros((trees, inner + 1))
    rows = np.arange(n)
    for t in range(trees):
        p = 1 / (1 + np.exp(-f))
        g, h = w * (p - y), w * p * (1 - p)
        node = np.zeros(n, dtype=np.int64)  # index inside the current level
        for lev in range(depth):
            nn = 2**lev
            code = node * bins
            gs = np.stack([np.bincount(code + binned[j], g, minlength=nn * bins) for j in range(d)])
            hs = np.stack([np.bincount(code + binned[j], h, minlength=nn * bins) for j in range(d)])
            gs = gs.reshape(d, nn, bins).transpose(1, 0, 2).cumsum(2)
            hs = hs.reshape(d, nn, bins).transpose(1, 0, 2).cumsum(2)
            gt, ht = gs[:, :, -1:], hs[:, :, -1:]
            gain = gs**2 / (hs + lam) + (gt - gs) ** 2 / (ht - hs + lam) - gt**2 / (ht + lam)
            gain = np.where(valid[None] & (hs > min_hess) & (ht - hs > min_hess), gain, -np.inf).reshape(nn, -1)
            best = gain.argmax(1)
            for q in range(nn):
                if np.isfinite(gain[q, best[q]]):
                    j, m = divmod(int(best[q]), bins)
                    feats[t, nn - 1 + q], thrs[t, nn - 1 + q] = j, cuts[j][m]
            pos = nn - 1 + node
            node = 2 * node + (x[rows, feats[t, pos]] > thrs[t, pos])
        gl = np.bincount(node, g, minlength=inner + 1)
        hl = np.bincount(node, h, minlength=inner + 1)
        leaves[t] = -lr * gl / (hl + lam)
        f += leaves[t][node]
    return LineModel("trees", tuple(feature_names(html)), 0.5, bias, tree_feature=feats, tree_threshold=thrs,
                     tree_leaf=leaves)


def cleaned_body(p: dict, method: str, model: LineModel | None = None) -> str:
    """The cleaner's body of a page (the HTML path for pages with HTML, where "heuristic" means
    the alignment)."""
    if "html" in p:
        return clean_html_page(raw_of(p), BatchContext(), method="align" if method == "heuristic" else "auto",
                               model=model).body
    return clean_text_dump(raw_of(p), BatchContext(), method=method, model=model).body


def evaluate(pages: list[dict], score, method: str, model: LineModel | None = None) -> dict[str, float]:
    """Macro shingle P/R/F1 of the cleaner on ``pages``."""
    pairs = [(p["gold"], cleaned_body(p, method, model)) for p in pages]
    return {k: round(float(v), 4) for k, v in score(pairs).items()}


def evaluate_snippets(pages: list[dict], method: str, model: LineModel | None = None) -> dict[str, float]:
    """Share of "with" snippets kept and "without" snippets dropped by the cleaner on ``pages``,
    and their mean ("balanced")."""
    counts = [0, 0, 0, 0]
    for p in pages:
        counts = [a + b for a, b in zip(counts, snippet_counts(cleaned_body(p, method, model), p["with"], p["without"]),
                                        strict=True)]
    kept, with_n, dropped, without_n = counts
    res = {"with": kept / max(with_n, 1), "without": dropped / max(without_n, 1)}
    res["balanced"] = (res["with"] + res["without"]) / 2
    return {k: round(v, 4) for k, v in res.items()}


def with_threshold(model: LineModel, t: float) -> LineModel:
    """The same model with another decision threshold."""

    return replace(model, threshold=t)


def main() -> None:
    """Train, choose, refit, report and write the model file."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--target", choices=("text", "html"), default="text", help="the dump model or the HTML model")
    ap.add_argument("--out", default=None, help="model file (default: the shipped one of --target)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--trees", type=int, default=200)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--snippet-weight", type=float, default=1.0,
                    help="total weight of a trafilatura-eval page's labelled lines (a gold page weighs about 1); "
                         "0 leaves that set out")
    ap.add_argument("--word-min-pages", type=int, default=VOCAB_MIN_PAGES,
                    help="learn a word's log-odds from at least this many pages (0: no word features)")
    args = ap.parse_args()
    np.random.seed(args.seed)
    t0 = time.time()
    data = Path(args.data)
    if not (data / "cleaning").is_dir():
        sys.exit(f"no cleaning data under {data}")
    score = scorer(data)
    html = args.target == "html"
    out_path = args.out or str(ROOT / "storyline" / "resources" / ("html_line_model.json" if html else "line_model.json"))
    sw = args.snippet_weight
    pages = load(data, html)
    snips = load_snippets(data, html) if sw > 0 else []
    classified(pages)
    classified(snips)
    learn = [p for p in pages + snips if p["split"] == "train"]
    vocabs = {k: build_vocab([p for p in learn if fold_of(p) != k], args.word_min_pages) for k in range(VOCAB_FOLDS)}
    matrices(pages, vocabs)
    matrices(snips, vocabs, sw)
    val_of = lambda p: hashlib.sha1(p["name"].encode()).digest()[1] % 5 == 0  # noqa: E731
    train = [p for p in pages if p["split"] == "train"]
    held = [p for p in pages if p["split"] == "heldout"]
    fit_pages, val_pages = [p for p in train if not val_of(p)], [p for p in train if val_of(p)]
    s_train = [p for p in snips if p["split"] == "train"]
    s_held = [p for p in snips if p["split"] == "heldout"]
    s_fit, s_val = [p for p in s_train if not val_of(p)], [p for p in s_train if val_of(p)]
    print(f"pages train={len(train)} (fit {len(fit_pages)}, validation {len(val_pages)}) heldout={len(held)};"
          f" snippet pages train={len(s_train)} (fit {len(s_fit)}, validation {len(s_val)}) heldout={len(s_held)}"
          f" loaded in {time.time() - t0:.0f}s", file=sys.stderr)
    print(f"  validation heuristic: {evaluate(val_pages, score, 'heuristic')}", file=sys.stderr)
    xf, yf, wf = stack(fit_pages + s_fit, html)
    fit = lambda x, y, w: fit_trees(x, y, w, args.trees, args.depth, args.lr, html=html)  # noqa: E731
    model = replace(fit(xf, yf, wf), vocab=build_vocab(fit_pages + s_fit, args.word_min_pages))
    print(f"  fitted {args.trees} trees on {len(xf)} lines in {time.time() - t0:.0f}s", file=sys.stderr)
    best = None
    for t in THRESHOLDS[args.target]:
        res = evaluate(val_pages, score, "model", with_threshold(model, t))
        crit = res["f1"]
        if s_val:  # gold pages and snippet pages count alike: old and modern sites
            res["snippets"] = evaluate_snippets(s_val, "model", with_threshold(model, t))
            crit = (res["f1"] + res["snippets"]["balanced"]) / 2
        print(f"  validation t={t}: {res}", file=sys.stderr)
        if best is None or crit > best[0]:
            best = (crit, t)
    assert best is not None
    best_run, threshold = best
    xa, ya, wa = stack(train + s_train, html)
    final = replace(fit(xa, ya, wa), threshold=threshold, vocab=build_vocab(learn, args.word_min_pages))
    report = {
        "heldout_pages": len(held),
        "align" if html else "heuristic": evaluate(held, score, "heuristic"),
        "model": evaluate(held, score, "model", final),
        "validation_criterion": round(best_run, 4),
    }
    if s_held:
        report["snippet_heldout_pages"] = len(s_held)
        report["snippets_" + ("align" if html else "heuristic")] = evaluate_snippets(s_held, "heuristic")
        report["snippets_model"] = evaluate_snippets(s_held, "model", final)
    print(f"held-out: {report}", file=sys.stderr)
    out = final.to_dict()
    out["provenance"] = {
        "data": [f"{args.data}/cleaning/{s}" for s in SETS + (("trafilatura-eval",) if snips else ())],
        "pages": {"train": len(train), "heldout": len(held), "snippet_train": len(s_train),
                  "snippet_heldout": len(s_held)},
        "split": "line_model.split_of: SHA-1(set/name)[0] % 5 == 0 is held out (trafilatura-eval/<file> for snippet pages)",
        "labels": "gold pages: line is body when >= half its 4-token shingles occur in the gold text; snippet pages: "
                  "a line holding (or held by) a 'with' snippet of 10+ characters is body, a 'without' one chrome, "
                  "other lines unused",
        "threshold": "best on the validation fifth: gold F1" + (", averaged with the snippet balanced accuracy"
                                                              if snips else ""),
        "snippet_weight": sw,
        "command": "python scripts/train_cleaner.py --data ../shared/data" + (" --target html" if html else ""),
        "seed": args.seed,
        "trees": args.trees,
        "depth": args.depth,
        "learning_rate": args.lr,
        "word_min_pages": args.word_min_pages,
        "word_folds": VOCAB_FOLDS,
        "weights": "line tokens / max(gold tokens, 50), at most 0.5",
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
        "seconds": round(time.time() - t0),
        "heldout_scores": report,
    }
    Path(out_path).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out_path} (trees, threshold {threshold}) in {time.time() - t0:.0f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
