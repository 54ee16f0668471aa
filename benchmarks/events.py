"""Benchmark cross-document event merging (``link.merge_events``) on ECB+ topics 1-35.

Usage: python benchmarks/events.py [--data DIR] [--topics dev|train|all]

Data: ``--data`` (default ``$STORYLINE_BENCH_DATA``, then ``../shared/data``) must hold
``entities-events/ecbplus-train-dev/`` (ECB+ release: ECB+/<topic>/<n>ecb(plus).xml and
ECBplus_coreference_sentences.csv). Absent data is skipped with a message.

Setting (say it whenever quoting the figure): gold event mentions in the validated sentences
(the Cybulska & Vossen 2015 setup), gold topics as blocks, and **gold entity clusters** as the
resolver's output (each event's participants are the gold-coreferent HUMAN_PART/NON_HUMAN_PART
mentions of its sentence, its location the first LOC). ECB+ has no normalised time values, so
every event is undated and merging must rely on the "strong agreement" rule; ECB+ has no roles
either, so all participants are actors. The event type is the PLOVER type of the trigger lemma
from ``resources/plover_verbs.csv`` when listed, else the lemma itself. So this measures the
merge rule given perfect entities, not the extraction stages.

Score: CoNLL F1 = mean of MUC, B-cubed and CEAF-e F1 (Pradhan et al. 2014 definitions), over all
event mentions; mentions without a CROSS_DOC_COREF chain are gold singletons. Baselines printed
side by side: all singletons, and same-lemma within a topic (the usual lemma baseline). Prints
``BENCH events-ecbplus-<split> conll_f1=... muc=... b3=... ceafe=... mentions=N`` lines.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from storyline.model import ArticleResult, CleanArticle, Event, Mention, Published, Segment, Span
from storyline.stages import link

DEV_TOPICS = {2, 5, 12, 18, 21, 23, 34, 35}
VERBS = Path(link.__file__).resolve().parent.parent / "resources" / "plover_verbs.csv"

# --------------------------------------------------------------------------- scoring


def _f1(p: float, r: float) -> float:
    """Harmonic mean of ``p`` and ``r``; 0.0 when both are 0."""
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: Sequence[set[str]], resp: Sequence[set[str]]) -> float:
    """MUC F1 of response clusters against key clusters (same mention universe)."""

    def score(a: Sequence[set[str]], b: Sequence[set[str]]) -> tuple[float, float]:
        """Numerator and denominator of MUC recall of ``b`` against ``a``."""
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0.0
        for c in a:
            parts = {where.get(m, ("single", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den

    rn, rd = score(key, resp)
    pn, pd = score(resp, key)
    return _f1(pn / pd if pd else 0.0, rn / rd if rd else 0.0)


def b_cubed(key: Sequence[set[str]], resp: Sequence[set[str]]) -> float:
    """B-cubed F1 (mention-averaged precision and recall)."""
    k = {m: c for c in key for m in c}
    r = {m: c for c in resp for m in c}
    ms = list(k)
    p = sum(len(r[m] & k[m]) / len(r[m]) for m in ms) / len(ms)
    rec = sum(len(r[m] & k[m]) / len(k[m]) for m in ms) / len(ms)
    return _f1(p, rec)


def ceaf_e(key: Sequence[set[str]], resp: Sequence[set[str]]) -> float:
    """Entity-based CEAF F1 with phi4 similarity and an optimal one-to-one alignment."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment  # installed with the spaCy stack here

    sim = np.zeros((len(key), len(resp)))
    index = {m: j for j, c in enumerate(resp) for m in c}
    for i, c in enumerate(key):
        for m in c:
            j = index[m]
            sim[i, j] += 1
    for i, c in enumerate(key):
        for j in np.nonzero(sim[i])[0]:
            sim[i, j] = 2 * sim[i, j] / (len(c) + len(resp[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    return float(_f1(total / len(resp), total / len(key)))


def conll(key: Sequence[set[str]], resp: Sequence[set[str]]) -> dict[str, float]:
    """MUC, B-cubed, CEAF-e and their mean (CoNLL F1), in percent."""
    out = {"muc": muc(key, resp), "b3": b_cubed(key, resp), "ceafe": ceaf_e(key, resp)}
    out["conll_f1"] = sum(out.values()) / 3
    return {k: 100 * v for k, v in out.items()}


# --------------------------------------------------------------------------- ECB+ reading


def _verbs() -> dict[str, str]:
    """PLOVER type of each verb lemma in the project's verb table."""
    with VERBS.open(encoding="utf-8") as fh:
        return {row["lemma"]: row["type"] for row in csv.DictReader(fh) if row.get("pos", "VERB") == "VERB"}


def _lemma(word: str, known: set[str]) -> str:
    """A crude verb lemma ("killed" -> "kill", "died" -> "die"), preferring ``known`` lemmas."""
    w = word.lower()
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)] + repl
            for cand in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
                if cand in known:
                    return cand
            return stem
    return w


def read_topic(
    folder: Path, valid: set[tuple[str, int]], verbs: dict[str, str]
) -> tuple[list[ArticleResult], dict[str, str], dict[str, str]]:
    """Results of one topic, gold event cluster per mention key, and the lemma per mention key."""
    results, gold, lemmas = [], {}, {}
    for path in sorted(folder.glob("*.xml")):
        doc = path.stem
        root = ET.parse(path).getroot()
        tokens = {}
        pieces, pos = [], 0
        for tok in root.iter("token"):
            text = tok.text or ""
            tokens[tok.get("t_id")] = (pos, pos + len(text), int(tok.get("sentence") or 0), text)
            pieces.append(text)
            pos += len(text) + 1
        full = " ".join(pieces)
        chain = {}
        for rel in root.iter("CROSS_DOC_COREF"):
            for src in rel.iter("source"):
                chain[src.get("m_id")] = rel.get("note")
        marks = []
        for m in root.find("Markables") or []:
            anchors = [tokens[a.get("t_id")] for a in m.iter("token_anchor") if a.get("t_id") in tokens]
            if anchors:
                marks.append((m.tag, m.get("m_id"), anchors))
        by_sent: dict[int, list[tuple[str, str, list[tuple[int, int, int, str]]]]] = defaultdict(list)
        for tag, mid, anchors in marks:
            sent = anchors[0][2]
            if (doc, sent) in valid:
                by_sent[sent].append((tag, mid, anchors))
        mentions: list[Mention] = []
        events: list[Event] = []
        for sent, items in sorted(by_sent.items()):
            ents: list[int] = []
            locs: list[int] = []
            for tag, mid, anchors in items:
                if tag.startswith(("HUMAN_PART", "NON_HUMAN_PART", "LOC")):
                    s, e = anchors[0][0], anchors[-1][1]
                    mentions.append(
                        Mention(s, e, full[s:e], "Other", full[s:e], entity_id=chain.get(mid, f"{doc}:{mid}"))
                    )
                    (locs if tag.startswith("LOC") else ents).append(len(mentions) - 1)
            sent_toks = [t for t in tokens.values() if t[2] == sent]
            sspan = Span(sent_toks[0][0], sent_toks[-1][1], full[sent_toks[0][0] : sent_toks[-1][1]])
            for tag, mid, anchors in items:
                if "ACTION" not in tag:
                    continue
                s, e = anchors[0][0], anchors[-1][1]
                lemma = _lemma(anchors[0][3], set(verbs))
                key = f"{doc}:{s}"
                gold[key] = chain.get(mid, key)
                lemmas[key] = lemma
                events.append(
                    Event(
                        type=verbs.get(lemma, "lemma:" + lemma),
                        mode="negated" if tag.startswith("NEG") else "",
                        trigger=Span(s, e, full[s:e]),
                        summary=sspan.text,
                        actors=tuple(ents),
                        location=locs[0] if locs else None,
                        evidence=(Span(s, e, full[s:e]),),
                    )
                )
        art = CleanArticle(
            id=doc, origin=path.name, text=full, body=full, segments=(Segment(0, 0, len(full)),)
        )
        results.append(
            ArticleResult(
                article=art,
                language="en",
                languages=(),
                published=Published(),
                mentions=tuple(mentions),
                events=tuple(events),
            )
        )
    return results, gold, lemmas


def _clusters(assign: dict[str, str]) -> list[set[str]]:
    """Clusters from a mention -> cluster label map."""
    out: dict[str, set[str]] = defaultdict(set)
    for m, c in assign.items():
        out[c].add(m)
    return list(out.values())


def run(data: Path, topics: Iterable[int]) -> dict[str, dict[str, float]] | None:
    """Scores of storyline and the two baselines over ``topics``; None when the data is absent."""
    root = data / "entities-events" / "ecbplus-train-dev"
    if not (root / "ECB+").is_dir():
        return None
    valid = set()
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            valid.add((f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
    verbs = _verbs()
    gold_all: dict[str, str] = {}
    ours: dict[str, str] = {}
    lemma_base: dict[str, str] = {}
    for t in topics:
        folder = root / "ECB+" / str(t)
        if not folder.is_dir():
            continue
        results, gold, lemmas = read_topic(folder, valid, verbs)
        gold_all.update({k: f"{t}:{v}" for k, v in gold.items()})
        lemma_base.update({k: f"{t}:{v}" for k, v in lemmas.items()})
        for ev in link.merge_events(results, {}):
            for aid, i in ev.members:
                r = next(x for x in results if x.id == aid)
                ours[f"{aid}:{r.events[i].trigger.start}"] = ev.id
    key = _clusters(gold_all)
    return {
        "storyline": conll(key, _clusters(ours)),
        "singletons": conll(key, _clusters({m: m for m in gold_all})),
        "same-lemma": conll(key, _clusters(lemma_base)),
        "mentions": {"n": float(len(gold_all))},
    }


def main() -> None:
    """Print one BENCH line per system for the chosen topics."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--data",
        default=os.environ.get("STORYLINE_BENCH_DATA") or "../shared/data",
        help="benchmark data folder",
    )
    ap.add_argument(
        "--topics",
        choices=("dev", "train", "all"),
        default="dev",
        help="ECB+ topic split (dev = 2,5,12,18,21,23,34,35)",
    )
    args = ap.parse_args()
    pick = {
        "dev": sorted(DEV_TOPICS),
        "train": [t for t in range(1, 36) if t not in DEV_TOPICS],
        "all": list(range(1, 36)),
    }
    scores = run(Path(args.data), pick[args.topics])
    if scores is None:
        print(f"skip events benchmark: no ECB+ under {args.data}", file=sys.stderr)
        return
    n = int(scores.pop("mentions")["n"])
    for name, s in scores.items():
        figures = " ".join(f"{k}={v:.1f}" for k, v in s.items())
        print(f"BENCH events-ecbplus-{args.topics} system={name} {figures} mentions={n}")


if __name__ == "__main__":
    main()
