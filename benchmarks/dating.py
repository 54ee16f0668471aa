"""Benchmark: publication-date inference with the true date hidden.

Data: ``--data`` (default ``$STORYLINE_BENCH_DATA``, then ``../shared/data``):
- ``temporal/tempeval3-train/{TimeBank,AQUAINT}``: the TEXT of each document, DCT hidden;
- ``cleaning/trafilatura-eval``: pages with a gold ``date`` in evaldata.json, flattened to their
  visible text (scripts, styles, <meta> and the attributes of <time> dropped), then cleaned by
  the clean stage like any text dump.

Prints one line per set: ``BENCH dating set=... n=... exact=... within1=... within7=... within31=...
year=... abstain=... covered=... wrong=... median_width_days=...``. Shares are over all documents;
``covered`` counts windows with at least one bound that hold the truth, ``excluded`` those that
miss it, ``wrong`` dated answers
more than a day off, ``median_width_days`` is over windows with both bounds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import html
import json
import os
import re
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from temporal import article_of, load_split, split_sentences  # noqa: E402

from storyline.errors import StorylineError  # noqa: E402
from storyline.model import CleanArticle, Published, RawDoc  # noqa: E402
from storyline.stages.dating import _full_dates, infer_published  # noqa: E402
from storyline.stages.timexes import tag_timexes  # noqa: E402

_DROP = re.compile(r"<(script|style|noscript|template|svg|head)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK = re.compile(r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|nav|aside|"
                    r"blockquote|pre|figure|figcaption|dd|dt|dl|form|main|title)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def flatten_html(page: str) -> str:
    """Visible text of a page, one block per line (tags, <meta>, time attributes dropped)."""
    m = re.search(r"<title[^>]*>(.*?)</title>", page, re.S | re.I)
    title = html.unescape(_TAG.sub("", m.group(1))).strip() if m else ""
    body = _DROP.sub(" ", page)
    body = _BLOCK.sub("\n", body)
    body = html.unescape(_TAG.sub(" ", body))
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in body.split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    return (title + "\n\n" + text) if title else text


def _clean(text: str, name: str) -> CleanArticle:
    """The clean stage's article for a text dump; a one-segment article if cleaning fails."""
    from storyline.stages import clean

    raw = RawDoc(id=hashlib.sha256(text.encode()).hexdigest(), origin=name, data=text.encode(), text=text,
                 content_type="text")
    try:
        return clean.clean_article(raw)
    except StorylineError:
        return article_of(text, name)


def tempeval_docs(data: Path, limit: int | None) -> Iterator[tuple[CleanArticle, tuple, str]]:  # type: ignore[type-arg]
    """(article, sentences, true date) of TempEval-3 documents, DCT hidden."""
    for split in ("AQUAINT", "TimeBank"):
        if not (data / "temporal" / "tempeval3-train" / split).is_dir():
            return
        for d in load_split(data, split, limit):
            if d.dct:
                yield article_of(d.text, d.name), split_sentences(d.text), d.dct


def in_half(name: str, half: str) -> bool:
    """Deterministic dev/held split by the page's file name hash ("all": every page)."""
    if half == "all":
        return True
    dev = hashlib.sha256(name.encode()).digest()[0] % 2 == 0
    return dev if half == "dev" else not dev


def trafilatura_docs(data: Path, limit: int | None, half: str = "all") -> Iterator[tuple[CleanArticle, tuple, str]]:  # type: ignore[type-arg]
    """(article, sentences, true date) of trafilatura-eval pages with a gold date (of one split half)."""
    base = data / "cleaning" / "trafilatura-eval"
    gold_path = base / "evaldata.json"
    if not gold_path.exists():
        return
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    n = 0
    for _url, g in sorted(gold.items()):
        date = (g.get("date") or "").strip()
        try:
            dt.date.fromisoformat(date[:10])
        except ValueError:  # empty or malformed gold date
            continue
        if not in_half(g["file"], half):
            continue
        path = next((p for p in (base / "eval" / (g["file"] + ".gz"), base / "cache" / (g["file"] + ".gz"))
                     if p.exists()), None)
        if path is None:
            continue
        page = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        art = _clean(flatten_html(page), g["file"])
        yield art, (), date[:10]
        n += 1
        if limit and n >= limit:
            return


def states_date(text: str, truth: str) -> bool:
    """True when the page writes its gold date anywhere as a full date (any format the dating
    stage reads): the issue's "pages whose text holds date evidence"."""
    return any(t.value[:10] == truth for line in text.split("\n") for t in _full_dates(line, 0))


def score(results: list[tuple[Published, str]]) -> dict[str, float]:
    """Shares within 0/1/7/31 days, same year, abstentions, covered windows, median width."""
    n = len(results)
    c = {k: 0 for k in ("exact", "within1", "within7", "within31", "year", "abstain", "covered", "excluded",
                        "wrong")}
    widths = []
    for p, truth in results:
        t = dt.date.fromisoformat(truth)
        if p.date:
            diff = abs((dt.date.fromisoformat(p.date[:10]) - t).days)
            c["exact"] += diff == 0
            c["within1"] += diff <= 1
            c["within7"] += diff <= 7
            c["within31"] += diff <= 31
            c["year"] += p.date[:4] == truth[:4]
            c["wrong"] += diff > 1
        else:
            c["abstain"] += 1
        if p.earliest or p.latest:
            holds = (not p.earliest or p.earliest[:10] <= truth) and (not p.latest or truth <= p.latest[:10])
            c["covered"] += holds
            c["excluded"] += not holds
        if p.earliest and p.latest:
            widths.append((dt.date.fromisoformat(p.latest[:10]) - dt.date.fromisoformat(p.earliest[:10])).days)
    out = {k: v / n if n else 0.0 for k, v in c.items()}
    out["n"] = n
    out["median_width_days"] = statistics.median(widths) if widths else float("nan")
    out["bounded"] = len(widths) / n if n else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 0 (also when the data is absent: skipped with a message)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("STORYLINE_BENCH_DATA") or str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=None, help="documents per set (fast run)")
    ap.add_argument("--half", choices=("all", "dev", "held"), default="all",
                    help="trafilatura pages: dev half (looked at), held half (only scored), or all")
    ap.add_argument("--sets", default="tempeval3,trafilatura", help="comma-separated sets to run")
    ap.add_argument("--show", type=int, default=0, help="print up to N misses per set (dev aid)")
    args = ap.parse_args(argv)
    data = Path(args.data)
    sets = {"tempeval3": tempeval_docs,
            "trafilatura": lambda d, lim: trafilatura_docs(d, lim, args.half)}
    ran = False
    for name, gen in sets.items():
        if name not in args.sets.split(","):
            continue
        results, stated = [], []
        shown = 0
        for art, sents, truth in gen(data, args.limit):
            p = infer_published(art, tag_timexes(art, sents, None))
            results.append((p, truth))
            if name == "trafilatura" and states_date(art.text, truth):
                stated.append((p, truth))
            if shown < args.show and (not p.date or p.date[:10] != truth):
                shown += 1
                print(f"  {art.origin} truth={truth} got={p.date} [{p.earliest}, {p.latest}] "
                      f"{[e.why for e in p.evidence][:3]}")
        if not results:
            print(f"SKIP dating set={name}: no data under {data}")
            continue
        ran = True
        label = f"{name}-{args.half}" if name == "trafilatura" and args.half != "all" else name
        for lab, res in ((label, results), (label + "-stated", stated)):
            if not res:
                continue  # the "-stated" line: only the pages that write their gold date somewhere
            s = score(res)
            print(f"BENCH dating set={lab} n={s['n']} exact={s['exact']:.3f} within1={s['within1']:.3f} "
                  f"within7={s['within7']:.3f} within31={s['within31']:.3f} year={s['year']:.3f} "
                  f"abstain={s['abstain']:.3f} covered={s['covered']:.3f} excluded={s['excluded']:.3f} "
                  f"wrong={s['wrong']:.3f} bounded={s['bounded']:.3f} median_width_days={s['median_width_days']}")
    if not ran:
        print(f"SKIP dating: no benchmark data under {data}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
