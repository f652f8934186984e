"""TOML values checked against a setting's type, and errors that name the key and its line."""

from __future__ import annotations

import typing
from pathlib import Path

from base.errors import ConfigError


def coerce(value: object, hint: object) -> object:
    """Check ``value`` against a field's type and convert TOML values (list -> tuple, str -> Path)."""
    origin = typing.get_origin(hint)
    if hint is bool:
        if not isinstance(value, bool):
            raise TypeError(f"expected true or false, got {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected a whole number, got {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"expected a number, got {value!r}")
        return float(value)
    if hint is str:
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise TypeError(f"expected a string, got {value!r}")
        return str(value)
    if hint is Path:
        if not isinstance(value, str) or not value:
            raise TypeError(f"expected a path string, got {value!r}")
        return Path(value)
    if origin is tuple:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError(f"expected a list of strings, got {value!r}")
        return tuple(value)
    raise TypeError(f"unsupported setting type {hint!r}")


def key_error(source: Path, text: str, section: str, key: str | None, why: str) -> ConfigError:
    """A bilingual error naming ``[section] key`` and the line of ``source`` where it is set."""
    name = f"{section}.{key}" if key else f"[{section}]"
    line = _line_of(text, section, key)
    where = f"{source}, line {line}" if line else str(source)
    return ConfigError(
        f"설정 값이 잘못되었습니다: {name} ({where})",
        f"bad setting {name} in {where}: {why}",
    )


def _line_of(text: str, section: str, key: str | None) -> int | None:
    """The 1-based line where ``key`` is set inside ``[section]`` (or the section header)."""
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = line.strip("[] ")
            if key is None and current == section:
                return number
            continue
        if key is not None and current == section and line.split("=", 1)[0].strip() == key:
            return number
    return None
