"""Where the kiosk's files are: the bundle root in a source tree and in a PyInstaller folder."""

from __future__ import annotations

import sys
from pathlib import Path


def frozen() -> bool:
    """True in the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def bundle_root() -> Path:
    """The folder that holds ``kiosk/``, ``models/`` and ``assets/``.

    Frozen by PyInstaller (one-folder), data files sit under ``sys._MEIPASS``; in a source tree it is the
    repository root (the parent of the ``kiosk`` package).
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen() and frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def data_root() -> Path:
    """Where writable files (database, exports, packs) go by default.

    Frozen, this is the folder of the executable (``dist/kiosk/``), so city IT finds the data beside the
    program and not inside PyInstaller's ``_internal/``; in a source tree it is the repository root.
    """
    if frozen():
        return Path(sys.executable).resolve().parent
    return bundle_root()


def resolve(path: str | Path, root: Path | None = None) -> Path:
    """``path`` itself when absolute (``~`` expanded), else relative to ``root`` (default: the bundle root)."""
    candidate = Path(path).expanduser()
    if candidate.is_absolute():
        return candidate
    return (root or bundle_root()) / candidate


def bundled_fonts() -> list[Path]:
    """Font files the bundle carries in ``fonts/`` (Noto Sans CJK, so Hangul renders without fonts-noto-cjk)."""
    folder = bundle_root() / "fonts"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttc", ".ttf", ".otf"))
