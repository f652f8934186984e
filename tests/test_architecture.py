"""The house rules of docs/architecture.md, checked on the source: layers, import direction, sizes, one table.

Layers, bottom to top: ``base`` <- engines (``hardware``, ``translations``, ``sign_models``) <- ``kiosk``
<- ``ui`` <- ``cli`` / ``bench``. An arrow may only point down.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from base.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ("hardware", "translations", "sign_models")
PROJECT = ("base", *ENGINES, "kiosk", "ui", "cli", "bench", "installer")
# What each layer may import of the project (besides itself).
ALLOWED = {
    "base": set(),
    **{engine: {"base"} for engine in ENGINES},
    "kiosk": {"base", *ENGINES},
    "ui": {"base", "kiosk"},
    "cli": set(PROJECT),
    "bench": set(PROJECT),
    "installer": set(PROJECT),
}
HEAVY = ("mediapipe", "faster_whisper", "ctranslate2", "ai_edge_litert", "tensorflow", "cv2", "sounddevice")
MAX_LINES = 400
MAX_CORE_LINES = 300  # kiosk/: the visit core stays small enough to read in one sitting
LANGUAGE_TABLE = ROOT / "base" / "languages.py"
# Settings, not facts: a list of languages that a city chooses may be written where the setting lives.
LANGUAGE_SETTINGS = {("kiosk/config.py", ("ko", "en", "zh", "vi", "ja"))}  # default [kiosk] languages


def imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    """Absolute module names imported by ``path`` (only at module level when ``top_level_only``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def sources(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (ROOT / package).rglob("*.py"))


def layer(path: Path) -> str:
    return path.relative_to(ROOT).parts[0]


@pytest.mark.parametrize("path", sources(*ALLOWED), ids=str)
def test_imports_point_down_the_layers(path: Path) -> None:
    own = layer(path)
    project = {name for name in imports(path) if name.split(".")[0] in PROJECT}
    bad = {name for name in project if name.split(".")[0] not in ALLOWED[own] | {own}}
    assert not bad, f"{path.relative_to(ROOT)} ({own}) may import only {sorted(ALLOWED[own])}, imports {bad}"


@pytest.mark.parametrize("path", sources(*ALLOWED), ids=str)
def test_qt_only_in_ui(path: Path) -> None:
    if layer(path) in ("ui", "bench", "cli"):
        return  # bench and cli reach Qt only through ui/ (checked by the import rule above)
    assert not {n for n in imports(path) if n.startswith("PyQt6")}, f"{path} imports PyQt6"


@pytest.mark.parametrize("path", sources("bench", "cli"), ids=str)
def test_tools_reach_qt_only_through_ui(path: Path) -> None:
    assert not {n for n in imports(path) if n.startswith("PyQt6")}, f"{path} imports PyQt6 directly"


@pytest.mark.parametrize("path", sources(*ALLOWED), ids=str)
def test_heavy_libraries_are_imported_lazily(path: Path) -> None:
    heavy = {n for n in imports(path, top_level_only=True) if n.split(".")[0] in HEAVY}
    assert not heavy, f"{path} imports {heavy} at module level"


@pytest.mark.parametrize("path", sources(*ALLOWED, "tests"), ids=str)
def test_modules_stay_small(path: Path) -> None:
    limit = MAX_CORE_LINES if layer(path) == "kiosk" else MAX_LINES
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= limit, f"{path.relative_to(ROOT)} has {lines} lines (limit {limit}): split it by job"


def language_lists(path: Path) -> list[tuple[int, list[str]]]:
    """Literal tuples, lists and sets of two or more language codes (or scripts) in ``path``."""
    facts = set(LANGUAGES) | {row.script for row in LANGUAGES.values()}
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Tuple | ast.List | ast.Set) and len(node.elts) >= 2:
            values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(values) == len(node.elts) and set(values) <= facts:
                found.append((node.lineno, values))
        elif isinstance(node, ast.Dict) and len(node.keys) >= 6:
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
            if len(keys) == len(node.keys) and set(keys) <= set(LANGUAGES):
                found.append((node.lineno, keys))  # a per-language table beyond the 5 reviewed UI languages
    return found


@pytest.mark.parametrize("path", [p for p in sources(*ALLOWED) if p != LANGUAGE_TABLE], ids=str)
def test_one_language_table(path: Path) -> None:
    """Facts about languages (which exist, their scripts, spacing, names) live only in base/languages.py."""
    name = path.relative_to(ROOT).as_posix()
    lists = [(line, values) for line, values in language_lists(path) if (name, tuple(values)) not in LANGUAGE_SETTINGS]
    assert not lists, f"{path.relative_to(ROOT)} hard-codes languages {lists}: read base.languages instead"


def test_the_language_check_can_fail(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('UNSPACED = ("zh", "ja", "th")\nOK = ("send", "ko")\n', encoding="utf-8")
    assert language_lists(sample) == [(1, ["zh", "ja", "th"])]


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
