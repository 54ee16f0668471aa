"""Benchmark: time expressions in German, French, Spanish, Russian and Ukrainian news sentences.

Data: ``benchmarks/data/timex_multilingual*.tsv`` (``--file``; see ``benchmarks/data/README.md``: three
development samples and a held-out one), news-style sentences written for this benchmark by
contributors who did not see the tagger's rules, one row per gold TIMEX3 (columns
lang, dct, sentence, timex, type, value, mod; a sentence without any has one row with an empty
timex). No public TimeML corpus for these five languages is available here, so this is a small
hand-labelled sample: it shows coverage of the common expression families, not a corpus-level F1.

Scored as TempEval-3 task A (``shared/tools/scorers.py`` ``score_timexes`` through
``temporal.scorer``), creation date given, per language and overall. For scale, dateparser's
``search_dates`` (its locale data is what the issue names) runs on the same sentences with the
creation date as its relative base: its hits are dates, not TIMEX3 values, so a hit counts as a
correct value when its datetime lies inside the gold value's day, ISO week, month or year (a
lenient reading in dateparser's favour; durations, sets and vague references it cannot express).

Prints ``BENCH timex-multilingual set=... lang=... sentences=... gold=... strict_f1=... relaxed_f1=...
value_f1=... dateparser_value_f1=...`` per language and for all.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from temporal import TimeMLDoc, article_of, scorer  # noqa: E402

from storyline.model import Sentence  # noqa: E402
from storyline.stages.timexes import tag_timexes  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
DEFAULT_FILES = [DATA / "timex_multilingual.tsv", DATA / "timex_multilingual_dev2.tsv",
                 DATA / "timex_multilingual_dev3.tsv", DATA / "timex_multilingual_heldout.tsv"]
LANGS = ("de", "fr", "es", "ru", "uk")


def load(path: Path) -> dict[str, list[TimeMLDoc]]:
    """Documents (one per sentence and creation date) by language, gold spans found in the sentence."""
    docs: dict[str, dict[tuple[str, str], TimeMLDoc]] = defaultdict(dict)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            lang, dct, text = row["lang"].strip(), row["dct"].strip(), row["sentence"].strip()
            doc = docs[lang].setdefault((dct, text), TimeMLDoc(f"{lang}-{len(docs[lang])}", text, dct, []))
            timex = (row.get("timex") or "").strip()
            if not timex:
                continue
            taken = {int(g["start"]) for g in doc.timexes if g["text"] == timex}  # type: ignore[call-overload]
            start = text.find(timex)
            while start in taken:
                start = text.find(timex, start + 1)
            if start < 0:
                print(f"skip row: {timex!r} not in {text!r}", file=sys.stderr)
                continue
            doc.timexes.append({"start": start, "end": start + len(timex), "text": timex,
                                "type": row["type"].strip(), "value": row["value"].strip()})
    return {lang: list(d.values()) for lang, d in docs.items()}


def storyline_preds(doc: TimeMLDoc) -> list[dict[str, object]]:
    """storyline's timexes of one sentence, creation date given."""
    sents = (Sentence(0, 0, len(doc.text), doc.text),)
    return [{"start": t.start, "end": t.end, "type": t.type, "value": t.value, "text": t.text}
            for t in tag_timexes(article_of(doc.text, doc.name), sents, doc.dct)]


def _consistent(when: dt.datetime, value: str) -> bool:
    """True when ``when`` lies inside the TIMEX3 ``value`` (a day, ISO week, month, year or minute)."""
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        y, w, _ = when.date().isocalendar()
        return (y, w) == (int(m[1]), int(m[2]))
    if re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value):
        return when.date().isoformat().startswith(value)
    if m := re.fullmatch(r"(\d{4}-\d\d-\d\d)T(\d\d)(?::(\d\d))?", value):
        return when.date().isoformat() == m[1] and when.hour == int(m[2]) and when.minute == int(m[3] or 0)
    return False


def dateparser_preds(doc: TimeMLDoc, lang: str) -> list[dict[str, object]]:
    """dateparser's hits, each given the gold value it is consistent with (else its own ISO date)."""
    from dateparser.search import search_dates

    base = dt.datetime.fromisoformat(doc.dct) if doc.dct else dt.datetime(2024, 1, 1)
    try:
        hits = search_dates(doc.text, languages=[lang], settings={"RELATIVE_BASE": base}) or []
    except Exception:  # noqa: BLE001 - a third-party parser's failure on one sentence is a miss
        hits = []
    out: list[dict[str, object]] = []
    pos = 0
    for surface, when in hits:
        start = doc.text.find(surface, pos)
        if start < 0:
            start = doc.text.find(surface)
        if start < 0:
            continue
        pos = start + len(surface)
        end = start + len(surface)
        overlap = [g for g in doc.timexes if int(g["start"]) < end and start < int(g["end"])]  # type: ignore[call-overload]
        value = next((str(g["value"]) for g in overlap if _consistent(when, str(g["value"]))), when.date().isoformat())
        out.append({"start": start, "end": end, "type": overlap[0]["type"] if overlap else "DATE", "value": value,
                    "text": surface})
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 0 (skipped with a message when the file is absent)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", action="append", help="a hand-labelled TSV (repeatable; default: the three "
                    "development samples and the held-out one)")
    ap.add_argument("--data", default=os.environ.get("STORYLINE_BENCH_DATA") or str(ROOT.parent / "shared" / "data"),
                    help="where shared/tools/scorers.py is looked for (its parent)")
    ap.add_argument("--errors", action="store_true", help="print storyline's misses and wrong values")
    args = ap.parse_args(argv)
    score = scorer(Path(args.data))
    for path in [Path(f) for f in args.file] if args.file else DEFAULT_FILES:
        if not path.exists():
            print(f"SKIP timex-multilingual: {path} not found")
            continue
        run_file(path, score, errors=args.errors)
    return 0


def run_file(path: Path, score: Callable[..., dict], *, errors: bool = False) -> None:  # type: ignore[type-arg]
    """Score storyline and dateparser on one sample; print a BENCH line per language and for all."""
    by_lang = load(path)
    label = path.stem
    totals: dict[str, list[tuple[list[dict], list[dict]]]] = {"storyline": [], "dateparser": []}  # type: ignore[type-arg]
    secs = {"storyline": 0.0, "dateparser": 0.0}
    n_all = 0
    for lang in [*LANGS, *sorted(set(by_lang) - set(LANGS))]:
        docs = by_lang.get(lang, [])
        if not docs:
            continue
        pairs: dict[str, list[tuple[list[dict], list[dict]]]] = {"storyline": [], "dateparser": []}  # type: ignore[type-arg]
        for d in docs:
            t0 = time.perf_counter()
            ours = storyline_preds(d)
            t1 = time.perf_counter()
            theirs = dateparser_preds(d, lang)
            t2 = time.perf_counter()
            secs["storyline"] += t1 - t0
            secs["dateparser"] += t2 - t1
            pairs["storyline"].append((d.timexes, ours))
            pairs["dateparser"].append((d.timexes, theirs))
            if errors:
                _print_errors(d, ours)
        for k in pairs:
            totals[k] += pairs[k]
        n_all += len(docs)
        _report(label, lang, len(docs), score(pairs["storyline"]), score(pairs["dateparser"]))
    if n_all:
        _report(label, "all", n_all, score(totals["storyline"]), score(totals["dateparser"]),
                f" sentences_per_s={n_all / secs['storyline']:.0f}"
                f" dateparser_sentences_per_s={n_all / secs['dateparser']:.0f}")


def _report(label: str, lang: str, n: int, ours: dict, theirs: dict, extra: str = "") -> None:  # type: ignore[type-arg]
    print(f"BENCH timex-multilingual set={label} lang={lang} sentences={n} gold={ours['gold']} predicted={ours['predicted']} "
          f"strict_f1={ours['strict_f1']:.3f} relaxed_f1={ours['relaxed_f1']:.3f} value_f1={ours['value_f1']:.3f} "
          f"dateparser_relaxed_f1={theirs['relaxed_f1']:.3f} dateparser_value_f1={theirs['value_f1']:.3f}{extra}")


def _print_errors(d: TimeMLDoc, pred: list[dict]) -> None:  # type: ignore[type-arg]
    """Misses, wrong values and spurious timexes of one sentence."""
    for g in d.timexes:
        hit = [p for p in pred if int(p["start"]) < int(g["end"]) and int(g["start"]) < int(p["end"])]
        if not hit:
            print(f"MISS {d.dct} {g['text']!r} {g['type']} {g['value']} :: {d.text}")
        elif hit[0]["value"] != g["value"] or hit[0]["text"] != g["text"]:
            print(f"DIFF {d.dct} gold {g['text']!r} {g['value']} pred {hit[0]['text']!r} {hit[0]['value']} :: {d.text}")
    for p in pred:
        if not any(int(p["start"]) < int(g["end"]) and int(g["start"]) < int(p["end"]) for g in d.timexes):
            print(f"SPUR {d.dct} {p['text']!r} {p['value']} :: {d.text}")


if __name__ == "__main__":
    raise SystemExit(main())
