"""Build storyline/resources/countries.csv from mledoze/countries (ODbL 1.0).

Usage: python scripts/build_kb.py [--source PATH/countries.json]

The source defaults to ../shared/data/kb/mledoze-countries/countries.json. Wikidata QIDs come
from the curated storyline/resources/country_qids.csv, extra English aliases from
country_extra_aliases.csv; the output is deterministic (sorted by cca3). The derived table is
shared under the ODbL 1.0 like its source (attribution: mledoze/countries).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RES = ROOT / "storyline" / "resources"
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "kb" / "mledoze-countries" / "countries.json"
# Latin or Cyrillic only: the gazetteer matches English text and Russian/Ukrainian quotes.
_SCRIPT = re.compile(r"^[\sA-Za-z\u00c0-\u024f\u0400-\u04ff.'’,()-]+$")


def _csv(name: str) -> list[dict[str, str]]:
    """Rows of a resource CSV."""
    with open(RES / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _alias_ok(alias: str) -> bool:
    """True when an alternative spelling is usable as a gazetteer alias."""
    return len(alias) >= 3 and bool(_SCRIPT.match(alias)) and "," not in alias


def build(source: Path) -> list[dict[str, str]]:
    """One output row per country of the source file."""
    data = json.loads(source.read_text(encoding="utf-8"))
    qids = {r["cca3"]: r["qid"] for r in _csv("country_qids.csv")}
    extra: dict[str, list[str]] = {}
    for r in _csv("country_extra_aliases.csv"):
        extra.setdefault(r["cca3"], []).append(r["alias"])
    rows = []
    for c in sorted(data, key=lambda c: c["cca3"]):
        name = c["name"]["common"]
        aliases: list[str] = []
        cands = [c["name"]["official"], *c.get("altSpellings", []), *extra.get(c["cca3"], [])]
        rus = c.get("translations", {}).get("rus", {})
        cands += [rus.get("common", ""), rus.get("official", "")]
        for a in cands:
            a = a.strip()
            if a and a != name and a not in aliases and (_alias_ok(a) or a in extra.get(c["cca3"], [])):
                aliases.append(a)
        dem = c.get("demonyms", {}).get("eng", {})
        demonyms = sorted({d for d in (dem.get("m", ""), dem.get("f", "")) if d})
        rows.append(
            {
                "cca3": c["cca3"],
                "cca2": c.get("cca2", ""),
                "name": name,
                "qid": qids.get(c["cca3"], ""),
                "aliases": "|".join(aliases),
                "capitals": "|".join(c.get("capital", [])),
                "demonyms": "|".join(demonyms),
                "currencies": "|".join(sorted(c.get("currencies", {}) or {})),
                "source": "mledoze/countries 5e9f370 (ODbL 1.0)"
                + ("; QID: Wikidata" if c["cca3"] in qids else ""),
            }
        )
    return rows


def main() -> None:
    """Write countries.csv."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = ap.parse_args()
    rows = build(args.source)
    with open(RES / "countries.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} countries to {RES / 'countries.csv'}")


if __name__ == "__main__":
    main()
