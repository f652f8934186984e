"""The house rules of DESIGN.md §2, checked on the source: import direction and lazy heavy imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ("sign_models", "translations", "hardware")
HEAVY = ("mediapipe", "faster_whisper", "ctranslate2", "ai_edge_litert", "tensorflow", "cv2", "sounddevice")


def top_level_imports(path: Path) -> set[str]:
    """Modules imported at module level (not inside functions)."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def all_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", sources("ui"), ids=str)
def test_ui_talks_only_to_kiosk(path: Path) -> None:
    bad = {n for n in all_imports(path) if n.split(".")[0] in ENGINES}
    assert not bad, f"{path} imports engines directly: {bad}"


@pytest.mark.parametrize("path", [p for pkg in ("kiosk", *ENGINES) for p in sources(pkg)], ids=str)
def test_no_qt_outside_ui(path: Path) -> None:
    assert not {n for n in all_imports(path) if n.startswith("PyQt6")}, f"{path} imports PyQt6"


@pytest.mark.parametrize("path", [p for pkg in ENGINES for p in sources(pkg)], ids=str)
def test_engines_import_only_leaf_kiosk_modules(path: Path) -> None:
    bad = {
        n
        for n in all_imports(path)
        if n.split(".")[0] in ("ui",)
        or (n.startswith("kiosk") and n not in ("base.errors", "base.events", "base.clock"))
    }
    assert not bad, f"{path} imports {bad}"


@pytest.mark.parametrize("path", [p for pkg in ("kiosk", "ui", *ENGINES) for p in sources(pkg)], ids=str)
def test_heavy_libraries_are_imported_lazily(path: Path) -> None:
    heavy = {n for n in top_level_imports(path) if n.split(".")[0] in HEAVY}
    assert not heavy, f"{path} imports {heavy} at module level"


def test_importing_the_core_loads_no_heavy_library() -> None:
    code = (
        "import sys, cli.main, kiosk.runtime, kiosk.admin.doctor, bench.replay;"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m.startswith('PyQt6')))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_non_local_connection_fails_the_test() -> None:
    """conftest refuses non-local sockets, so any code path that reaches the network breaks its test."""
    import errno
    import socket

    with pytest.raises(OSError, match="non-local socket"):
        socket.create_connection(("93.184.216.34", 80), timeout=1)
    server = socket.create_server(("127.0.0.1", 0))
    with server:
        try:  # local sockets (e.g. a device server) are not refused by the guard
            socket.create_connection(server.getsockname(), timeout=1).close()
        except OSError as exc:  # under `unshare -n` even the loopback interface is down
            assert exc.errno == errno.ENETUNREACH, exc
