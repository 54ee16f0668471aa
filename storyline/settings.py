"""Settings: frozen dataclasses with one section per stage, read from defaults.toml.

``load_settings(path=None, **overrides)`` reads the packaged ``defaults.toml`` first, so a
partial user file only overrides the keys it sets (trafilatura's ``use_config`` pattern);
a missing file is an error; keyword overrides (``ingest__max_article_bytes=...``) apply last.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.errors import SettingsError

DEFAULTS = Path(__file__).with_name("defaults.toml")


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """How inputs are read."""

    max_article_bytes: int = 20_000_000


@dataclass(frozen=True, slots=True)
class DateSettings:
    """Bounds for publication dates."""

    earliest: str = "1990-01-01"


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """Cross-document linking."""

    copy_threshold: float = 0.5


@dataclass(frozen=True, slots=True)
class BuildSettings:
    """The build runner."""

    batch_size: int = 16


@dataclass(frozen=True, slots=True)
class Settings:
    """All of storyline's settings, one section per concern."""

    ingest: IngestSettings = field(default_factory=IngestSettings)
    dates: DateSettings = field(default_factory=DateSettings)
    link: LinkSettings = field(default_factory=LinkSettings)
    build: BuildSettings = field(default_factory=BuildSettings)


def _section(cls: Any, values: dict[str, Any], where: str) -> Any:
    """A section dataclass from a TOML table; unknown keys or wrong types raise SettingsError."""
    names = {f.name: f for f in dataclasses.fields(cls)}
    for key, val in values.items():
        if key not in names:
            raise SettingsError(f"unknown setting {where}.{key} - see docs/settings.md")
        default = getattr(cls(), key)
        if type(default) is float and isinstance(val, int):
            continue
        if type(val) is not type(default):
            raise SettingsError(f"setting {where}.{key} must be {type(default).__name__}, got {val!r}")
    return cls(**{**{k: getattr(cls(), k) for k in names}, **values})


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Settings from defaults.toml, then the user file at ``path``, then ``section__key=value`` overrides.

    Raises:
        SettingsError: the file is missing, not TOML, or names an unknown setting.
    """
    merged: dict[str, dict[str, Any]] = {}
    files = [DEFAULTS] + ([Path(path)] if path is not None else [])
    for p in files:
        if not p.is_file():
            raise SettingsError(f"settings file not found: {p}")
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as ex:
            raise SettingsError(f"{p} is not valid TOML: {ex}") from ex
        for sec, table in data.items():
            if not isinstance(table, dict):
                raise SettingsError(f"{p}: [{sec}] must be a table")
            merged.setdefault(sec, {}).update(table)
    for key, val in overrides.items():
        sec, _, name = key.partition("__")
        merged.setdefault(sec, {})[name] = val
    kwargs = {}
    sections = {f.name: f for f in dataclasses.fields(Settings)}
    for sec, table in merged.items():
        if sec not in sections:
            raise SettingsError(f"unknown settings section [{sec}] - see docs/settings.md")
        kwargs[sec] = _section(type(getattr(Settings(), sec)), table, sec)
    return Settings(**kwargs)
