"""Full pipeline over the bundled seed corpus, scored by the project's gold file.

The floors below are the acceptance bar of the end-to-end issue; ``golden_baseline.json``
records the last measured scores so a regression is visible in review.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from storyline import api, export

DATA = Path(__file__).resolve().parent / "data"
FLOORS = {
    "body": 1.0, "titles": 1.0, "persons": 1.0, "claims": 1.0,
    "merges": 7 / 9, "events": 6 / 12, "dates": 2 / 5, "dates_sound": 1.0, "dates_narrow": 3 / 5,
}


def _score(story_json: Path) -> dict[str, tuple[int, int]]:
    """Scores printed by check_seeds.py as {family: (got, total)}."""
    out = subprocess.run(
        [sys.executable, str(DATA / "check_seeds.py"), str(story_json), str(DATA / "seeds.gold.json")],
        capture_output=True, text=True, check=True,
    ).stdout
    line = [ln for ln in out.splitlines() if ln.startswith("seeds ")][-1]
    return {k: (int(a), int(b)) for k, a, b in re.findall(r"(\w+)=(\d+)/(\d+)", line)}


@pytest.mark.slow
def test_golden_seed_story_meets_floors(seed_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "story.json"
    api.export(seed_store, "json", out)
    scores = _score(out)
    low = {k: scores.get(k) for k, floor in FLOORS.items()
           if k not in scores or scores[k][0] < floor * scores[k][1] - 1e-9}
    assert not low, f"below the floor: {low}; all scores: {scores}"


@pytest.mark.slow
def test_golden_every_span_matches_its_text(seed_store: Path) -> None:
    data = api.load(seed_store)
    for r in data.results:
        obj = export.annotate_dict(r, data.story)
        text = r.article.text
        for key in ("timexes", "mentions", "chrome"):
            for span in obj[key]:
                if "text" in span:
                    assert text[span["start"]:span["end"]] == span["text"], (key, span)
        for ev in obj["published"]["evidence"]:
            if ev["end"] > ev["start"]:
                assert text[ev["start"]:ev["end"]] == ev["text"]
        for item in obj["events"] + obj["claims"]:
            for ev in item.get("evidence", []):
                assert text[ev["start"]:ev["end"]] == ev["text"]


@pytest.mark.slow
def test_golden_second_build_does_no_work(seed_store: Path, seeds_dir: Path) -> None:
    rep = api.build([seeds_dir], seed_store)
    assert (rep.added, rep.processed, rep.story_rebuilt) == (0, 0, False)
    assert rep.duplicates == 5


@pytest.mark.slow
def test_golden_export_ids_are_stable(seed_store: Path, tmp_path: Path, seeds_dir: Path) -> None:
    other = tmp_path / "again.db"
    api.build([seeds_dir], other)
    a = json.loads(_export_text(seed_store))
    b = json.loads(_export_text(other))
    for kind in ("articles", "entities", "events", "claims"):
        assert [x["id"] for x in a[kind]] == [x["id"] for x in b[kind]], kind


def _export_text(db: Path) -> str:
    import io

    buf = io.StringIO()
    api.export(db, "json", buf)
    return buf.getvalue()


@pytest.mark.slow
def test_golden_ids_are_unique(seed_store: Path) -> None:
    data = json.loads(_export_text(seed_store))
    for kind in ("articles", "entities", "events", "claims"):
        ids = [x["id"] for x in data[kind]]
        assert len(ids) == len(set(ids)), kind
