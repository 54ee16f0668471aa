"""Settings loading and documentation."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from storyline.errors import SettingsError
from storyline.settings import Settings, load_settings

DOC = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_settings_defaults_load() -> None:
    s = load_settings()
    assert s == Settings()


def test_settings_partial_file_overrides_one_key(tmp_path: Path) -> None:
    f = tmp_path / "s.toml"
    f.write_text("[link]\ncopy_threshold = 0.7\n")
    s = load_settings(f)
    assert s.link.copy_threshold == 0.7
    assert s.ingest == Settings().ingest


@pytest.mark.parametrize("text", ["[nope]\na = 1\n", "[link]\nnope = 1\n", "[link]\ncopy_threshold = 'x'\n", "not toml ["])
def test_settings_bad_file_is_clear_error(tmp_path: Path, text: str) -> None:
    f = tmp_path / "s.toml"
    f.write_text(text)
    with pytest.raises(SettingsError):
        load_settings(f)


def test_settings_missing_file_is_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="not found"):
        load_settings(tmp_path / "absent.toml")


def test_settings_every_setting_documented() -> None:
    doc = DOC.read_text()
    for sec in dataclasses.fields(Settings):
        for f in dataclasses.fields(getattr(Settings(), sec.name)):
            assert f"{sec.name}.{f.name}" in doc, f"{sec.name}.{f.name} missing from docs/settings.md"
