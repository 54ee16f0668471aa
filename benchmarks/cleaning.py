"""Benchmark the CLEAN stage on public boilerplate-removal sets and the seed gold.

Usage: python benchmarks/cleaning.py [--data DIR] [--corpus DIR] [--limit N] [--split all|heldout]

Data: ``--data`` (default ``$STORYLINE_BENCH_DATA``, then ``../shared/data``) must hold
``cleaning/`` with CleanEval-dev and CleanPortalEval (HTML + CleanEval-format gold text),
Dragnet training pages (HTML + plain gold; comments after a marker line are not body) and the
trafilatura evaluation set (HTML + "with"/"without" snippets). Each page is run three ways:

- clean-text: the page flattened to a text dump (``flatten_html``, what a scraper stores), then
  the dump cleaner (``clean_text_dump``, default ``method="auto"``: the trained line model on
  dumps of 50 lines or more, the hand-tuned run on shorter ones) alone: the figure for scraped
  text files (until 2026-12-05 the default was the hand-tuned run, now ``clean-text-heuristic``);
- clean-text-heuristic: the same dump through the hand-tuned run alone (``method="heuristic"``);
- clean-text-model: the same dump through the trained line model alone (``method="model"``);
- clean-html: the HTML path of ``clean_article`` (default ``method="auto"``: the HTML line model
  over the flattened lines and the alignments of trafilatura's favor_recall and favor_precision
  main texts; until 2026-12-05 the favor_recall alignment alone, now ``clean-html-align``);
- clean-html-align: the HTML path with ``method="align"`` (trafilatura + line alignment);
- clean-trafilatura: ``trafilatura.extract`` alone, side by side.

Score: the ScrapingHub article-extraction shingle metric (4-token shingles, per-document
multiset P/R, macro averages, F1 of the averages) as defined in shared/tools/scorers.py
(imported from ``DATA/../tools`` when present, else the copy below). The trafilatura set has no
gold text, so it reports snippet accuracy (share of "with" kept, "without" dropped).
``--split heldout`` keeps only the pages the line models never saw in training
(``line_model.split_of``, about 20 % of the gold pages and of the snippet set's pages: since
2026-12-05 the dump model also learns from the other snippet pages). Prints one
``BENCH`` line per method plus articles/s; absent sets are skipped with a message.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storyline.model import RawDoc
from storyline.stages.clean import BatchContext, clean_article, clean_text_dump
from storyline.stages.clean_html import clean_html_page, flatten_html
from storyline.stages.line_model import split_of

TOKEN = re.compile(r"\w+", re.UNICODE)
COMMENTS_MARK = "!@#$%^&*()  COMMENTS"
METHODS = ("text", "text-heuristic", "text-model", "html", "html-align", "trafilatura")


def _local_shingle_prf(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Macro shingle P/R/F1 of (gold, predicted) pairs; copy of shared/tools/scorers.py shingle_prf."""

    def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
        toks = TOKEN.findall(text or "")
        if len(toks) < n:
            return Counter([tuple(toks)]) if toks else Counter()
        return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))

    ps, rs = [], []
    for gold, pred in pairs:
        t, p = shingles(gold), shingles(pred)
        tp, fp, fn = sum((t & p).values()), sum((p - t).values()), sum((t - p).values())
        if fp == 0 and fn == 0:
            ps.append(1.0)
            rs.append(1.0)
            continue
        if tp + fp > 0:
            ps.append(tp / (tp + fp))
        if tp + fn > 0:
            rs.append(tp / (tp + fn))
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n": len(pairs)}


def scorer(data: Path) -> Callable[[list[tuple[str, str]]], dict[str, float]]:
    """The shared reference shingle scorer when the tools folder is there, else the local copy."""
    tools = data.resolve().parent / "tools"
    if (tools / "scorers.py").exists():
        sys.path.insert(0, str(tools))
        try:
            from scorers import shingle_prf  # type: ignore[import-not-found]

            return shingle_prf  # type: ignore[no-any-return]
        except ImportError:
            pass
    return _local_shingle_prf


def decode(data: bytes) -> str:
    """Page bytes as text (trafilatura's charset guessing)."""
    from trafilatura.utils import decode_file

    return str(decode_file(data))


def decode_text(data: bytes) -> str:
    """Gold text bytes as text: UTF-16 when they start with a byte-order mark, else UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    return data.decode("utf-8-sig", "replace")


def cleaneval_gold(text: str) -> str:
    """CleanEval gold text without the URL line and the <p>/<h>/<l> markers."""
    lines = [ln for ln in text.splitlines() if not ln.startswith("URL:")]
    return "\n".join(re.sub(r"^\s*<[phl]>\s*", "", ln) for ln in lines)


def gold_pages(root: Path, name: str, limit: int | None, split: str = "all") -> Iterator[tuple[str, str, str]]:
    """(id, html, gold text) of one gold-text set (``split`` "heldout": only held-back pages)."""
    folder = root / name
    if not (folder / "input").is_dir():
        print(f"skip {name}: {folder} not found", file=sys.stderr)
        return
    files = sorted((folder / "input").glob("*.html.gz"))[:limit]
    for f in files:
        stem = f.name[: -len(".html.gz")]
        if split != "all" and split_of(f"{name}/{stem}") != split:
            continue
        g = folder / "GoldStandard" / f"{stem}.txt.gz"
        if not g.exists():
            continue
        gold = decode_text(gzip.decompress(g.read_bytes()))
        gold = gold.split(COMMENTS_MARK)[0] if name.startswith("dragnet") else cleaneval_gold(gold)
        yield stem, decode(gzip.decompress(f.read_bytes())), gold


def run_methods(html: str, url: str | None, timing: dict[str, float]) -> dict[str, str]:
    """Body text of one page by each method; adds seconds spent to ``timing``."""
    import trafilatura

    out: dict[str, str] = {}
    t0 = time.perf_counter()
    flat = flatten_html(html)
    t1 = time.perf_counter()
    raw_text = RawDoc(id="b", origin=url or "page", data=b"", text=flat, content_type="text", url=url)
    out["text"] = clean_text_dump(raw_text, BatchContext()).body
    t2 = time.perf_counter()
    out["text-heuristic"] = clean_text_dump(raw_text, BatchContext(), method="heuristic").body
    t2a = time.perf_counter()
    out["text-model"] = clean_text_dump(raw_text, BatchContext(), method="model").body
    t2b = time.perf_counter()
    raw_html = RawDoc(id="b", origin=url or "page", data=b"", text=html, content_type="html", url=url)
    out["html"] = clean_article(raw_html).body
    t3 = time.perf_counter()
    out["html-align"] = clean_html_page(raw_html, BatchContext(), method="align").body
    t3a = time.perf_counter()
    out["trafilatura"] = trafilatura.extract(html, url=url, include_comments=False) or ""
    t4 = time.perf_counter()
    timing["flatten"] += t1 - t0
    timing["text"] += t2 - t1
    timing["text-heuristic"] += t2a - t2
    timing["text-model"] += t2b - t2a
    timing["html"] += t3 - t2b
    timing["html-align"] += t3a - t3
    timing["trafilatura"] += t4 - t3a
    return out


def snippet_counts(body: str, with_: list[str], without: list[str]) -> tuple[int, int, int, int]:
    """("with" snippets the body keeps, their number, "without" snippets it drops, their number),
    whitespace folded on both sides."""
    text = " ".join(body.split())
    kept = sum(" ".join(w.split()) in text for w in with_)
    dropped = sum(" ".join(w.split()) not in text for w in without)
    return kept, len(with_), dropped, len(without)


def snippet_pages(root: Path, limit: int | None, split: str = "all") -> Iterator[tuple[str, str, list[str], list[str]]]:
    """(url, html, with, without) of the trafilatura evaluation set (``split`` "heldout" or
    "train": only those pages, by ``split_of("trafilatura-eval/<file>")``); nothing when absent."""
    folder = root / "trafilatura-eval"
    if not (folder / "evaldata.json").exists():
        print(f"skip trafilatura-eval: {folder} not found", file=sys.stderr)
        return
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    for url, entry in list(data.items())[:limit]:
        if split != "all" and split_of(f"trafilatura-eval/{entry['file']}") != split:
            continue
        for sub in ("eval", "cache"):
            path = folder / sub / f"{entry['file']}.gz"
            if path.exists():
                yield url, decode(gzip.decompress(path.read_bytes())), entry.get("with", []), entry.get("without", [])
                break


def seed_check(corpus: Path) -> str | None:
    """``must=a/b title=c/d`` over the seed gold, or None when the corpus is absent."""
    gold_path = corpus / "seeds.gold.json"
    if not gold_path.exists():
        print(f"skip seeds: {gold_path} not found", file=sys.stderr)
        return None
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["documents"]
    texts = {name: (corpus / "seeds" / name).read_text(encoding="utf-8") for name in gold}
    ctx = BatchContext.from_texts(texts.values())
    norm = lambda s: re.sub(r"\s+", " ", s or "").strip()  # noqa: E731
    ok = tot = t_ok = t_tot = 0
    for name, g in gold.items():
        art = clean_article(RawDoc(id=name, origin=name, data=b"", text=texts[name], content_type="text"), ctx)
        body = norm(art.body)
        checks = [norm(s) in body for s in g.get("body_must_contain", [])]
        checks += [norm(s) not in body for s in g.get("body_must_not_contain", [])]
        ok, tot = ok + sum(checks), tot + len(checks)
        t_tot += 1
        t_ok += norm(art.title) == norm(g.get("title"))
    return f"must={ok}/{tot} title={t_ok}/{t_tot}"


def _resolve(path: str) -> Path:
    """``path`` as given, or relative to the repository root when it does not exist from here."""
    p = Path(path)
    alt = Path(__file__).resolve().parent.parent / path
    return p if p.exists() or p.is_absolute() or not alt.exists() else alt


def main() -> None:
    """Run every available set and print the BENCH lines."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_data = os.environ.get("STORYLINE_BENCH_DATA") or "../shared/data"
    ap.add_argument("--data", default=default_data, help="benchmark data folder (holds cleaning/)")
    ap.add_argument("--corpus", default=os.environ.get("STORYLINE_CORPUS") or "../shared/corpus", help="seed corpus")
    ap.add_argument("--limit", type=int, default=None, help="at most N pages per set")
    ap.add_argument("--split", choices=("all", "heldout"), default="all", help="heldout: pages never trained on")
    args = ap.parse_args()
    data, corpus = _resolve(args.data), _resolve(args.corpus)
    root = data / "cleaning"
    score = scorer(data)
    seeds = seed_check(corpus)
    if seeds:
        print(f"BENCH clean-seeds {seeds}")
    if not root.is_dir():
        print(f"skip cleaning benchmark: {root} not found", file=sys.stderr)
        return
    timing: dict[str, float] = Counter()
    pairs: dict[str, list[tuple[str, str]]] = {m: [] for m in METHODS}
    for name in ("cleaneval-dev", "cleanportaleval", "dragnet-train"):
        per: dict[str, list[tuple[str, str]]] = {m: [] for m in METHODS}
        for _, html, gold in gold_pages(root, name, args.limit, args.split):
            outs = run_methods(html, None, timing)
            for m in METHODS:
                per[m].append((gold, outs[m]))
                pairs[m].append((gold, outs[m]))
        if per["text"]:
            figs = " ".join(f"{m}={score(per[m])['f1']:.3f}" for m in METHODS)
            print(f"  {name}: n={len(per['text'])} f1 {figs}")
    snippets = {m: [0, 0, 0, 0] for m in METHODS}  # with kept, with total, without dropped, without total
    n_snip = 0
    for url, html, with_, without in snippet_pages(root, args.limit, args.split):
        n_snip += 1
        outs = run_methods(html, url, timing)
        for m in METHODS:
            snippets[m] = [a + b for a, b in zip(snippets[m], snippet_counts(outs[m], with_, without), strict=True)]
    n = len(pairs["text"]) + n_snip
    for m in METHODS:
        res = score(pairs[m]) if pairs[m] else {"f1": 0.0, "precision": 0.0, "recall": 0.0}
        secs = timing[m] + (timing["flatten"] if m.startswith("text") else 0.0)
        rate = n / secs if secs else 0.0
        s = snippets[m]
        snip = f" with={s[0] / s[1]:.3f} without={s[2] / s[3]:.3f}" if s[1] and s[3] else ""
        print(
            f"BENCH clean-{m} f1={res['f1']:.3f} precision={res['precision']:.3f} recall={res['recall']:.3f}"
            f" n={len(pairs[m])}{snip} snippet_pages={n_snip} articles/s={rate:.1f}"
        )
    dump_rate = n / timing["text"] if timing["text"] else 0.0
    run_rate = n / timing["text-heuristic"] if timing["text-heuristic"] else 0.0
    print(f"  dump cleaner alone (flattening excluded): {dump_rate:.1f} articles/s on one core"
          f" (heuristic path {run_rate:.1f})")


if __name__ == "__main__":
    main()
