"""The command line: help, exit codes, errors, and each command on the seed store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.cli import cli

COMMANDS = ["build", "annotate", "timeline", "entities", "claims", "articles", "search", "export", "report", "serve"]


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help(command: str) -> None:
    res = CliRunner().invoke(cli, [command, "--help"], catch_exceptions=False)
    assert res.exit_code == 0
    assert "Usage:" in res.output and len(res.output.splitlines()) > 3


def test_cli_unknown_option_is_usage_error() -> None:
    res = CliRunner().invoke(cli, ["timeline", "--nope"])
    assert res.exit_code == 2


def test_cli_missing_store_is_clear_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["entities", "--db", str(tmp_path / "absent.db")])
    assert res.exit_code == 1
    assert "storyline build" in res.output


def test_cli_build_missing_source_is_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["build", str(tmp_path / "nothing-here"), "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 1
    assert "no such file" in res.output


def test_cli_annotate_bad_dct_is_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x")
    res = CliRunner().invoke(cli, ["annotate", str(f), "--dct", "yesterday"])
    assert res.exit_code == 2


@pytest.mark.slow
@pytest.mark.parametrize("command", ["timeline", "entities", "claims", "articles"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_cli_listing_commands_print_rows(seed_store: Path, command: str, fmt: str) -> None:
    res = CliRunner().invoke(cli, [command, "--db", str(seed_store), "--format", fmt], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    if fmt == "json":
        rows = json.loads(res.output)
        assert isinstance(rows, list) and rows
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(res.output)))
        assert rows
    else:
        assert res.output.strip()


@pytest.mark.slow
def test_cli_timeline_filters_by_date(seed_store: Path) -> None:
    res = CliRunner().invoke(cli, ["timeline", "--db", str(seed_store), "--format", "json", "--from", "2024-01-01"],
                             catch_exceptions=False)
    rows = json.loads(res.output)
    assert rows and all((r["date"] or "9999") >= "2024" for r in rows)


@pytest.mark.slow
def test_cli_search_finds_and_rejects_bad_syntax(seed_store: Path) -> None:
    ok = CliRunner().invoke(cli, ["search", "Pyongyang", "--db", str(seed_store), "--format", "json"])
    assert ok.exit_code == 0 and json.loads(ok.output)
    bad = CliRunner().invoke(cli, ["search", 'AND "unbalanced', "--db", str(seed_store)])
    assert bad.exit_code == 1 and "Traceback" not in bad.output


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "jsonl", "graphml"])
def test_cli_export_formats(seed_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"story.{fmt}"
    res = CliRunner().invoke(cli, ["export", "--db", str(seed_store), "--format", fmt, "--out", str(out)],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 100


@pytest.mark.slow
def test_cli_export_json_to_stdout_has_four_lists(seed_store: Path) -> None:
    res = CliRunner().invoke(cli, ["export", "--db", str(seed_store), "--format", "json"], catch_exceptions=False)
    data = json.loads(res.output)
    assert set(data) >= {"articles", "entities", "events", "claims"}
    assert len(data["articles"]) == 5


@pytest.mark.slow
def test_cli_report_writes_html(seed_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "story.html"
    res = CliRunner().invoke(cli, ["report", "--db", str(seed_store), "--out", str(out)], catch_exceptions=False)
    assert res.exit_code == 0
    assert out.read_text().lstrip().lower().startswith("<!doctype html")


@pytest.mark.slow
def test_cli_annotate_one_file_prints_json_with_matching_spans(seeds_dir: Path) -> None:
    f = sorted(seeds_dir.glob("*.txt"))[1]
    res = CliRunner().invoke(cli, ["annotate", str(f), "--dct", "2024-10-29"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    obj = json.loads(res.output)
    text = f.read_bytes().decode("utf-8")
    assert obj["published"]["date"] == "2024-10-29"
    for key in ("timexes", "mentions"):
        assert obj[key]
        for s in obj[key]:
            assert text[s["start"]:s["end"]] == s["text"]


@pytest.mark.slow
def test_cli_annotate_batch_resolves_across_files(seeds_dir: Path, tmp_path: Path) -> None:
    files = [str(p) for p in sorted(seeds_dir.glob("*.txt"))]
    res = CliRunner().invoke(cli, ["annotate", *files, "--out-dir", str(tmp_path)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    outs = sorted(tmp_path.glob("*.json"))
    assert len(outs) == 5
    per_file = [{m["entity"] for m in json.loads(p.read_text())["mentions"]} for p in outs]
    shared = set.intersection(*per_file)
    assert shared, "one entity named the same in every file of the story"


@pytest.mark.slow
def test_cli_build_reports_bad_inputs_and_keeps_good(tmp_path: Path, seeds_dir: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_bytes((seeds_dir / sorted(p.name for p in seeds_dir.iterdir())[0]).read_bytes())
    (src / "empty.txt").write_bytes(b"")
    (src / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    res = CliRunner().invoke(cli, ["build", str(src), "--db", str(tmp_path / "s.db"), "--quiet"])
    assert res.exit_code == 1
    assert "empty.txt" in res.output and "image.png" in res.output
    assert "1 added" in res.output


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of two seeds, private to the correction tests (they change it)."""
    from storyline import api

    root = Path(__file__).resolve().parent.parent / "examples" / "seeds"
    src = tmp_path_factory.mktemp("two")
    for p in sorted(root.glob("*.txt"))[2:4]:
        (src / p.name).write_bytes(p.read_bytes())
    db = tmp_path_factory.mktemp("twodb") / "s.db"
    api.build([src], db)
    return db


def _entity_rows(db: Path) -> list[dict]:
    res = CliRunner().invoke(cli, ["entities", "--db", str(db), "--format", "json"], catch_exceptions=False)
    return json.loads(res.output)


@pytest.mark.slow
def test_cli_entities_corrections_are_recorded_and_replayed(small_store: Path) -> None:
    from storyline import api

    rows = _entity_rows(small_store)
    persons = [r for r in rows if r["type"] == "Person"]
    a, b = persons[0]["name"], persons[1]["name"]
    res = CliRunner().invoke(cli, ["entities", "merge", a, b, "--db", str(small_store), "--note", "test"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    merged = {r["name"]: r for r in _entity_rows(small_store)}
    assert b not in merged
    assert merged[a]["mentions"] == persons[0]["mentions"] + persons[1]["mentions"]
    res = CliRunner().invoke(cli, ["entities", "rename", a, "Someone Renamed", "--db", str(small_store)],
                             catch_exceptions=False)
    assert res.exit_code == 0
    names = {r["name"] for r in _entity_rows(small_store)}
    assert "Someone Renamed" in names and a not in names
    # a rebuild that must recompute the story still applies the corrections
    from storyline.store.db import Store

    with Store(small_store) as store:
        store.conn.execute("UPDATE story SET fingerprint = 'stale'")
        store.conn.commit()
    api.build([], small_store)
    assert "Someone Renamed" in {r["name"] for r in _entity_rows(small_store)}
    hist = CliRunner().invoke(cli, ["entities", "history", "--db", str(small_store), "--format", "json"],
                              catch_exceptions=False)
    trail = json.loads(hist.output)
    assert [(t["action"], t["note"]) for t in trail] == [("merge", "test"), ("rename", None)]


@pytest.mark.slow
def test_cli_entities_bad_correction_is_refused_and_not_recorded(small_store: Path) -> None:
    before = json.loads(CliRunner().invoke(cli, ["entities", "history", "--db", str(small_store), "--format", "json"]).output)
    res = CliRunner().invoke(cli, ["entities", "split", "No Such Entity", "x", "--db", str(small_store)])
    assert res.exit_code == 1 and "No Such Entity" in res.output
    after = json.loads(CliRunner().invoke(cli, ["entities", "history", "--db", str(small_store), "--format", "json"]).output)
    assert after == before
