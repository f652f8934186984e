"""``make bundle``: build ``dist/kiosk/`` with PyInstaller (only when an input changed) and its tarball.

    python -m installer.bundle [--no-tarball]

The build is reused when ``dist/kiosk/BUILD.json`` records the same fingerprint: the size and mtime of
every source, data and model file, the spec, and the installed Python packages with their versions.
After PyInstaller, the folder gets what belongs beside the executable: ``kiosk.example.toml`` (copy it to
``kiosk.toml`` there) and an empty ``data/packs/`` for language packs.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUNDLE = DIST / "kiosk"


def _packages() -> tuple[str, ...]:
    """The project's top-level packages, as pyproject.toml lists them (one list of what the kiosk is)."""
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    return tuple(dict.fromkeys(name.split(".")[0] for name in listed))


INPUTS = (*_packages(), "installer", "assets", "models/whisper-base")
INPUT_FILES = ("build_kiosk.spec", "kiosk.example.toml", "pyproject.toml")


def version() -> str:
    """The project version from ``pyproject.toml``."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def tarball_path() -> Path:
    return DIST / f"kiosk-{version()}-linux-x86_64.tar.gz"


def fingerprint() -> str:
    """Changes whenever a file or package that goes into the bundle changes."""
    digest = hashlib.sha256()
    files = [ROOT / name for name in INPUT_FILES]
    for folder in INPUTS:
        files += sorted(p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        stat = path.stat()
        digest.update(f"{path.relative_to(ROOT)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()


def up_to_date(expected: str) -> bool:
    """True when ``dist/kiosk`` was built from exactly these inputs."""
    stamp = BUNDLE / "BUILD.json"
    if not (BUNDLE / "kiosk").is_file() or not stamp.is_file():
        return False
    return json.loads(stamp.read_text(encoding="utf-8")).get("fingerprint") == expected


def build(expected: str) -> float:
    """Run PyInstaller on ``build_kiosk.spec``, finish the folder; return the seconds it took."""
    started = time.monotonic()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(ROOT / "build"), str(ROOT / "build_kiosk.spec")]
    subprocess.run(command, cwd=ROOT, check=True)
    shutil.copy2(ROOT / "kiosk.example.toml", BUNDLE / "kiosk.example.toml")
    (BUNDLE / "data" / "packs").mkdir(parents=True, exist_ok=True)
    seconds = time.monotonic() - started
    stamp = {"version": version(), "fingerprint": expected, "built": time.strftime("%Y-%m-%d %H:%M %Z")}
    (BUNDLE / "BUILD.json").write_text(json.dumps(stamp | {"build_seconds": round(seconds)}, indent=2) + "\n")
    return seconds


def write_tarball() -> Path:
    """``dist/kiosk-<version>-linux-x86_64.tar.gz`` with the folder ``kiosk/`` inside."""
    target = tarball_path()
    partial = target.with_suffix(".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname="kiosk")
    partial.replace(target)
    return target


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m installer.bundle", description=__doc__.splitlines()[0])
    parser.add_argument("--no-tarball", action="store_true", help="build the folder only (tests)")
    args = parser.parse_args(argv)
    expected = fingerprint()
    if up_to_date(expected):
        print(f"{BUNDLE} is up to date")
    else:
        print(f"building {BUNDLE} (PyInstaller; several minutes on 2 cores)", flush=True)
        print(f"built in {build(expected):.0f} s")
    print(f"{BUNDLE}: {folder_size(BUNDLE) / 1e6:.0f} MB")
    tarball = tarball_path()
    stale = not tarball.is_file() or tarball.stat().st_mtime < (BUNDLE / "BUILD.json").stat().st_mtime
    if not args.no_tarball and stale:
        started = time.monotonic()
        write_tarball()
        print(f"{tarball}: {tarball.stat().st_size / 1e6:.0f} MB in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
