"""Benchmark: TIMEX3 extraction and normalisation on TempEval-3 training data.

Data: ``--data`` (default ``$STORYLINE_BENCH_DATA``, then ``../shared/data``) must hold
``temporal/tempeval3-train/{TimeBank,AQUAINT}/*.tml``. TimeBank is the development split
(rules were written looking at it); AQUAINT is the held-out dev split reported first.
Each document's TEXT is tagged as one-segment article body with its DCT given, sentences come
from a simple regex splitter (no spaCy), and the TempEval-3 task A scorer
(``shared/tools/scorers.py`` ``score_timexes``; local copy below when absent) scores it.

Prints per split: ``BENCH timex split=... strict_f1=... relaxed_f1=... value_f1=... type_acc=...
sentences_per_s=...`` (tagger speed on one core, excluding parsing).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from storyline.model import CleanArticle, Segment, Sentence  # noqa: E402
from storyline.stages import timex_rules  # noqa: E402
from storyline.stages.timexes import tag_timexes  # noqa: E402

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SENT = re.compile(r"[^\n]+?(?:[.!?]+[\"'`)]*(?=\s+[A-Z\"'`(])|$)", re.M)


@dataclass
class TimeMLDoc:
    """One TimeML document: plain TEXT, its DCT and gold TIMEX3s as dicts."""

    name: str
    text: str
    dct: str | None
    timexes: list[dict[str, object]]


def parse_timeml(raw: str, name: str = "") -> TimeMLDoc:
    """Plain text of the TEXT element with gold TIMEX3 spans (offsets into that text) and the DCT."""
    m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    dct = m.group(1)[:10] if m else None
    t0 = raw.find("<TEXT>")
    t1 = raw.find("</TEXT>")
    body = raw[t0 + 6 : t1] if t0 >= 0 and t1 > t0 else ""
    out: list[str] = []
    n = 0
    stack: list[tuple[int, dict[str, str]]] = []
    gold: list[dict[str, object]] = []
    pos = 0
    for tm in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tm.start()])
        out.append(chunk)
        n += len(chunk)
        pos = tm.end()
        closing, tag = tm.group(1), tm.group(2)
        if tag != "TIMEX3":
            continue
        if not closing:
            stack.append((n, dict(_ATTR.findall(tm.group(3)))))
        elif stack:
            start, attrs = stack.pop()
            gold.append({"start": start, "end": n, "type": attrs.get("type", ""), "value": attrs.get("value", "")})
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    for g in gold:
        g["text"] = text[int(g["start"]) : int(g["end"])]  # type: ignore[call-overload]
    return TimeMLDoc(name, text, dct, gold)


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences by a simple regex (end punctuation before a capital, or a line end)."""
    out = []
    for m in _SENT.finditer(text):
        s = m.group(0)
        lead = len(s) - len(s.lstrip())
        s2 = s.strip()
        if s2:
            out.append(Sentence(index=len(out), start=m.start() + lead, end=m.start() + lead + len(s2), text=s2))
    return tuple(out)


def article_of(text: str, name: str = "doc") -> CleanArticle:
    """A one-segment article whose body is the whole text."""
    return CleanArticle(id=name, origin=name, text=text, body=text, segments=(Segment(0, 0, len(text)),))


_NO_SPACE_BEFORE = re.compile(r"[,.:;!?%)\]}]+|'s|'re|'ve|'ll|'d|'m|n't|'|''")
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


def parse_meantime(path: Path) -> TimeMLDoc:
    """A MEANTIME (NewsReader CAT XML) document as TimeML: its tokens joined back into text (the
    title and the dateline on lines of their own), the TIMEX3s anchored on tokens, and the
    creation time as the DCT. Only the first six sentences are annotated, so the text stops after
    the last annotated one. Timexes without tokens (implicit ones) are left out, as TempEval does."""
    root = ET.parse(path).getroot()
    sent_of = {tok.get("t_id", ""): int(tok.get("sentence") or 0) for tok in root.iter("token")}
    # only the first sentences are annotated (title, dateline and four more): the text ends there
    last = max((sent_of.get(a.get("t_id", ""), 0) for a in root.iter("token_anchor")), default=0)
    spans: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    pos, prev_sent, prev_tok = 0, None, ""
    for tok in root.iter("token"):
        word = tok.text or ""
        sent = tok.get("sentence")
        if int(sent or 0) > last:
            break
        sep = "" if not parts else "\n" if sent != prev_sent and prev_sent in ("0", "1") else (
            "" if _NO_SPACE_BEFORE.fullmatch(word) or prev_tok in _NO_SPACE_AFTER else " ")
        parts.append(sep)
        pos += len(sep)
        spans[tok.get("t_id", "")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sent, prev_tok = sent, word
    text = "".join(parts)
    gold: list[dict[str, object]] = []
    dct = None
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME":
            dct = (el.get("value") or "")[:10] or None
        anchors = [spans[a.get("t_id", "")] for a in el.findall("token_anchor") if a.get("t_id", "") in spans]
        if not anchors:
            continue
        s, e = anchors[0][0], anchors[-1][1]
        if dct is None and text[:s].count("\n") == 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", el.get("value") or ""):
            dct = el.get("value")  # no creation time marked: the dateline under the title
        gold.append({"start": s, "end": e, "type": el.get("type", ""), "value": el.get("value", ""), "text": text[s:e]})
    return TimeMLDoc(path.name, text, dct, sorted(gold, key=lambda g: int(g["start"])))  # type: ignore[call-overload]


def load_split(data: Path, split: str, limit: int | None = None) -> list[TimeMLDoc]:
    """Parsed documents of one split (sorted by name): a TempEval-3 folder or a MEANTIME corpus."""
    if split.startswith("meantime-"):
        folder = data / "entities-events" / "meantime-dev" / "intra-doc_annotation" / f"corpus_{split[9:]}"
        return [parse_meantime(f) for f in sorted(folder.glob("*.xml"))[:limit]]
    folder = data / "temporal" / "tempeval3-train" / split
    files = sorted(folder.glob("*.tml"))[:limit]
    return [parse_timeml(f.read_text(encoding="utf-8"), f.name) for f in files]


def _local_score_timexes(docs: list[tuple[list[dict], list[dict]]]) -> dict:  # type: ignore[type-arg]
    """Copy of shared/tools/scorers.py score_timexes (TempEval-3 task A: strict/relaxed span match)."""
    g_n = p_n = strict = relaxed = val_ok = type_ok = 0
    for gold, pred in docs:
        g_n += len(gold)
        p_n += len(pred)
        used: set[int] = set()
        for g in gold:
            best = None
            for i, p in enumerate(pred):
                if i in used:
                    continue
                if (p["start"], p["end"]) == (g["start"], g["end"]):
                    best = i
                    break
                if best is None and p["start"] < g["end"] and g["start"] < p["end"]:
                    best = i
            if best is None:
                continue
            used.add(best)
            p = pred[best]
            relaxed += 1
            strict += (p["start"], p["end"]) == (g["start"], g["end"])
            val_ok += str(p.get("value", "")).strip() == str(g.get("value", "")).strip()
            type_ok += str(p.get("type", "")).upper() == str(g.get("type", "")).upper()

    def f1(tp: int) -> float:
        pr = tp / p_n if p_n else 0.0
        rc = tp / g_n if g_n else 0.0
        return 2 * pr * rc / (pr + rc) if pr + rc else 0.0

    return {"gold": g_n, "predicted": p_n, "strict_f1": f1(strict), "relaxed_f1": f1(relaxed),
            "value_accuracy": val_ok / relaxed if relaxed else 0.0,
            "type_accuracy": type_ok / relaxed if relaxed else 0.0, "value_f1": f1(val_ok)}


def scorer(data: Path) -> Callable[..., dict]:  # type: ignore[type-arg]
    """The shared reference scorer when ../shared/tools is there, else the local copy."""
    for tools in (data.parent / "tools", ROOT.parent / "shared" / "tools"):
        if (tools / "scorers.py").exists():
            sys.path.insert(0, str(tools))
            try:
                from scorers import score_timexes  # type: ignore[import-not-found]
            except ImportError:
                continue
            return score_timexes  # type: ignore[no-any-return]
    return _local_score_timexes


def run_split(docs: list[TimeMLDoc], score: Callable[..., dict], *, show_errors: int = 0) -> tuple[dict, float]:  # type: ignore[type-arg]
    """(scores, sentences per second) of the tagger over ``docs``."""
    pairs = []
    n_sent = 0
    elapsed = 0.0
    for d in docs:
        art = article_of(d.text, d.name)
        sents = split_sentences(d.text)
        n_sent += len(sents)
        t0 = time.perf_counter()
        pred = tag_timexes(art, sents, d.dct)
        elapsed += time.perf_counter() - t0
        p = [{"start": t.start, "end": t.end, "type": t.type, "value": t.value, "text": t.text} for t in pred]
        pairs.append((d.timexes, p))
        if show_errors:
            _print_errors(d, p, show_errors)
    return score(pairs), n_sent / elapsed if elapsed else 0.0


def _print_errors(d: TimeMLDoc, pred: list[dict], limit: int) -> None:  # type: ignore[type-arg]
    """Print missed, spurious and wrongly valued timexes of one document (development aid)."""
    for g in d.timexes[:limit]:
        hit = [p for p in pred if p["start"] < g["end"] and g["start"] < p["end"]]
        if not hit:
            print(f"MISS {d.dct} {g['text']!r} {g['type']} {g['value']}")
        elif hit[0]["value"] != g["value"] or hit[0]["text"] != g["text"]:
            print(f"DIFF {d.dct} gold {g['text']!r} {g['value']}  pred {hit[0]['text']!r} {hit[0]['value']}")
    for p in pred:
        if not any(p["start"] < g["end"] and g["start"] < p["end"] for g in d.timexes):
            print(f"SPUR {d.dct} {p['text']!r} {p['value']}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 0 (also when the data is absent: skipped with a message)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("STORYLINE_BENCH_DATA") or str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=None, help="documents per split")
    ap.add_argument("--split", choices=["AQUAINT", "TimeBank", "both", "meantime-airbus", "meantime-apple", "all"],
                    default="both", help="both: the TempEval-3 splits; all: those and the MEANTIME corpora")
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors per document (dev aid)")
    ap.add_argument("--repeat", type=int, default=1, help="time the tagger N times, report the fastest run")
    args = ap.parse_args(argv)
    data = Path(args.data)
    score = scorer(data)
    tempeval, meantime = ["AQUAINT", "TimeBank"], ["meantime-airbus", "meantime-apple"]
    splits = tempeval if args.split == "both" else tempeval + meantime if args.split == "all" else [args.split]
    for split in splits:
        docs = load_split(data, split, args.limit)
        if not docs:
            print(f"SKIP timex split={split}: no documents under {data}")
            continue
        timex_rules.clear_caches()  # every run starts cold: no sentence's tense cues from a run before
        res, speed = run_split(docs, score, show_errors=args.errors)
        for _ in range(args.repeat - 1):  # a shared machine's load only slows a run down
            timex_rules.clear_caches()
            speed = max(speed, run_split(docs, score)[1])
        print(f"BENCH timex split={split} docs={len(docs)} gold={res['gold']} predicted={res['predicted']} "
              f"strict_f1={res['strict_f1']:.3f} relaxed_f1={res['relaxed_f1']:.3f} value_f1={res['value_f1']:.3f} "
              f"type_acc={res['type_accuracy']:.3f} sentences_per_s={speed:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
