"""Build over a few hundred real pages storyline has never seen: nothing lost, nothing crashed.

Takes real web pages from the public cleaning sets (trafilatura-eval's HTML in many languages,
CleanEval and Dragnet pages), writes half of them as HTML files and half flattened to text dumps
(the way scrapers save them), adds a few broken inputs (empty, binary, truncated gzip, bad
encodings), builds them in one store, and checks that every readable page became an article with
a body and a language and that every other input was reported.

    python benchmarks/robustness.py --data ../shared/data --n 300

Prints ``BENCH robustness inputs=... articles=... with_body=... with_language=... problems=...
unaccounted=... crashed_stages=... seconds=... languages=...``.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def data_dir(arg: str | None) -> Path | None:
    """The benchmark data folder: --data, $STORYLINE_BENCH_DATA, or ../shared/data."""
    for cand in (arg, os.environ.get("STORYLINE_BENCH_DATA"), str(ROOT.parent / "shared" / "data")):
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


def pages(data: Path) -> list[tuple[str, bytes]]:
    """(name, html bytes) of the real pages found in the cleaning sets."""
    out: list[tuple[str, bytes]] = []
    for p in sorted((data / "cleaning" / "trafilatura-eval" / "cache").glob("*.html.gz")):
        try:
            out.append((p.name[:-3], gzip.decompress(p.read_bytes())))
        except (OSError, EOFError):
            continue
    for sub in ("cleaneval-dev/input", "dragnet-train/input", "cleanportaleval/input"):
        d = data / "cleaning" / sub
        if d.is_dir():
            for p in sorted(d.iterdir()):
                if not p.is_file():
                    continue
                blob = p.read_bytes()
                if p.suffix == ".gz":
                    try:
                        blob = gzip.decompress(blob)
                    except (OSError, EOFError):
                        continue
                out.append((f"{sub.split('/')[0]}-{p.name.removesuffix('.gz')}", blob))
    return out


def flatten(html: bytes) -> str:
    """The page's visible text, one block per line (what a text scraper saves)."""
    from storyline.stages import clean_html

    return clean_html.flatten_html(html.decode("utf-8", errors="replace"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    data = data_dir(args.data)
    if data is None:
        print("BENCH robustness skipped: no benchmark data (give --data DIR)")
        return
    from storyline import api

    rng = random.Random(args.seed)
    found = pages(data)
    rng.shuffle(found)
    chosen = found[: args.n]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "pages"
        src.mkdir()
        for i, (name, html) in enumerate(chosen):
            stem = f"{i:04d}_{Path(name).stem}"[:80]
            if i % 2:
                (src / f"{stem}.txt").write_text(flatten(html), encoding="utf-8")
            else:
                (src / f"{stem}.html").write_bytes(html)
        broken = {
            "empty.txt": b"",
            "binary.txt": bytes(range(256)) * 20,
            "truncated.html.gz": gzip.compress(b"<html><body><p>cut</p></body></html>" * 50)[:40],
            "latin1.txt": "Gr\u00fc\u00dfe aus K\u00f6ln. Die Stadt feiert heute.\n".encode("latin-1") * 5,
            "cp1251.txt": "\u041a\u0438\u0457\u0432 \u0437\u0430\u044f\u0432\u0438\u0432 \u0441\u044c\u043e\u0433\u043e\u0434\u043d\u0456 \u043f\u0440\u043e \u043d\u043e\u0432\u0456 \u0443\u0433\u043e\u0434\u0438.\n".encode("cp1251") * 5,
            "tags-only.html": b"<html><head><title>x</title></head><body><script>var a=1;</script></body></html>",
        }
        for name, blob in broken.items():
            (src / name).write_bytes(blob)
        n_inputs = len(list(src.iterdir()))
        db = Path(tmp) / "r.db"
        t0 = time.perf_counter()
        rep = api.build([src], db)
        secs = time.perf_counter() - t0
        con = sqlite3.connect(db)
        rows = con.execute("SELECT id, origin, body, language FROM articles").fetchall()
        con.close()
    origins_ok = {Path(r[1]).name for r in rows}
    origins_bad = {Path(p.origin).name for p in rep.problems if p.stage in ("ingest", "clean")}
    unaccounted = n_inputs - len(origins_ok | origins_bad)
    crashed = Counter(p.stage for p in rep.problems if p.stage not in ("ingest", "clean"))
    langs = Counter(r[3] for r in rows)
    print(
        f"BENCH robustness inputs={n_inputs} articles={len(rows)} "
        f"with_body={sum(1 for r in rows if r[2].strip())} "
        f"with_language={sum(1 for r in rows if r[3] and r[3] != 'und')} problems={len(rep.problems)} "
        f"unaccounted={unaccounted} crashed_stages={dict(crashed)} seconds={secs:.0f} "
        f"languages={dict(langs.most_common(8))}"
    )
    for p in rep.problems[:20]:
        print(f"  problem {p.origin}: {p.stage}/{p.error}: {p.message[:100]}")


if __name__ == "__main__":
    main()
