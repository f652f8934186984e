"""Argos Translate language packs (``.argosmodel``): checked, installed atomically, listed, removed.

A pack is a zip of one folder holding ``metadata.json`` (``from_code``, ``to_code``,
``package_version``; optional ``target_prefix``), a CTranslate2 model in ``model/`` and a
``sentencepiece.model``. This module reads that format itself instead of calling
``argostranslate.package.install_from_path``, which extracts straight into the live pack folder with no
size limit and no rollback. Before anything is written, every zip entry is checked: no absolute paths,
no ``..``, no symlinks, no duplicate names, bounded sizes and compression ratios (zip bombs). The pack is
extracted into a hidden temporary folder beside the installed packs, checked again, and renamed into
place; a bad pack never touches the installed ones.

The pack folder is ``[models] packs_dir`` of the config, overridden, as in Argos, by the
``ARGOS_PACKAGES_DIR`` environment variable.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from base.errors import PackError

ENV = "ARGOS_PACKAGES_DIR"
MAX_PACK_BYTES = 2 * 1024**3  # unpacked; the largest Argos packs are ~400 MB
MAX_ENTRIES = 2000
MAX_RATIO = 200  # uncompressed / compressed per entry above 1 MB: a zip bomb, not a model
CHUNK = 1024 * 1024
_CODE = re.compile(r"^[a-z]{2,3}$")
Progress = Callable[[int, int], None]  # (bytes done, bytes total)


@dataclass(frozen=True)
class InstalledPack:
    """An installed pack folder and what its metadata says."""

    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return (self.from_code, self.to_code)

    @property
    def code(self) -> str:
        return f"{self.from_code}-{self.to_code}"

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def sentencepiece(self) -> Path:
        return self.path / "sentencepiece.model"


def pack_folder(configured: Path) -> Path:
    """Where packs live: ``$ARGOS_PACKAGES_DIR`` when set, else the configured folder."""
    env = os.environ.get(ENV)
    return Path(env).expanduser() if env else configured


def read_pack(folder: Path, name: str | None = None) -> InstalledPack:
    """Check an unpacked pack folder and read its metadata; :class:`PackError` says what is wrong.

    ``name`` is what error messages call the pack (default: the folder's name).
    """
    name = name or folder.name
    try:
        meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _bad(name, "metadata.json가 없습니다", "metadata.json is missing") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad(name, "metadata.json을 읽을 수 없습니다", f"metadata.json is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise _bad(name, "metadata.json 형식이 잘못되었습니다", "metadata.json is not an object")
    for key in ("from_code", "to_code"):
        if not isinstance(meta.get(key), str) or not _CODE.match(meta[key]):
            raise _bad(name, f"metadata.json의 {key} 값이 잘못되었습니다", f"metadata.json: bad or missing {key}")
    if (folder / "bpe.model").exists() and not (folder / "sentencepiece.model").exists():
        raise _bad(
            name, "BPE 방식 팩은 지원하지 않습니다", "BPE-tokenised packs are not supported (SentencePiece only)"
        )
    required = ["sentencepiece.model", "model/model.bin", "model/config.json"]
    missing = [name for name in required if not (folder / name).is_file()]
    if not any((folder / "model" / v).is_file() for v in ("shared_vocabulary.json", "shared_vocabulary.txt")) and not (
        any((folder / "model").glob("source_vocabulary.*")) and any((folder / "model").glob("target_vocabulary.*"))
    ):
        missing.append("model/*vocabulary*")
    if missing:
        raise _bad(name, f"필요한 파일이 없습니다: {', '.join(missing)}", f"missing files: {', '.join(missing)}")
    return InstalledPack(
        folder, meta["from_code"], meta["to_code"], str(meta.get("package_version", "")), meta.get("target_prefix", "")
    )


def installed_packs(folder: Path) -> tuple[list[InstalledPack], list[PackError]]:
    """The valid packs in ``folder`` and the errors of the broken ones (never raises for one bad pack)."""
    packs, errors = [], []
    for child in sorted(folder.iterdir()) if folder.is_dir() else []:
        if child.is_dir() and not child.name.startswith("."):
            try:
                packs.append(read_pack(child))
            except PackError as exc:
                errors.append(exc)
    return packs, errors


def pack_files(paths: Iterable[Path]) -> list[Path]:
    """The ``.argosmodel`` files named, or found directly inside named folders (a USB stick)."""
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix == ".argosmodel" and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise PackError(f"파일이 없습니다: {path}", f"no such file or folder: {path}")
    if not found:
        raise PackError("설치할 .argosmodel 파일이 없습니다", "no .argosmodel files found")
    return found


def install(archive: Path, folder: Path, progress: Progress | None = None) -> InstalledPack:
    """Check and install one pack file atomically; a pack for the same pair is replaced."""
    members = _checked_members(archive)
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=folder))
    try:
        _extract(archive, members, staging, progress)
        tops = [p for p in staging.iterdir()]
        root = tops[0] if len(tops) == 1 and tops[0].is_dir() else staging
        pack = read_pack(root, archive.name)
        target = folder / f"translate-{pack.from_code}_{pack.to_code}"
        old = [p for p, _ in _existing(folder, pack.pair)]
        aside = [p.rename(folder / f".old-{p.name}-{os.getpid()}") for p in old]
        try:
            root.rename(target)
        except OSError:
            for original, moved in zip(old, aside, strict=True):
                moved.rename(original)
            raise
        for moved in aside:
            shutil.rmtree(moved, ignore_errors=True)
        return read_pack(target)
    except OSError as exc:
        raise _bad(archive.name, f"설치하지 못했습니다: {exc}", f"could not install: {exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove(code: str, folder: Path) -> list[Path]:
    """Remove the pack(s) for ``code`` (``ko-en``); the folders removed."""
    source, _, target = code.partition("-")
    found = [path for path, _ in _existing(folder, (source, target))]
    if not found:
        raise PackError(f"설치된 {code} 팩이 없습니다", f"no installed pack {code}", hint="kiosk packs list")
    for path in found:
        shutil.rmtree(path)
    return found


def _existing(folder: Path, pair: tuple[str, str]) -> list[tuple[Path, InstalledPack]]:
    packs, _ = installed_packs(folder)
    return [(p.path, p) for p in packs if p.pair == pair]


def _checked_members(archive: Path) -> list[zipfile.ZipInfo]:
    """Every entry of the zip, checked for the attacks a pack file could carry.

    Names, sizes and compression ratios come from the central directory, so a zip bomb is refused
    before anything is inflated; only then does ``testzip()`` decompress every entry to check its CRC.
    """
    if not zipfile.is_zipfile(archive):
        raise _bad(archive.name, "zip 형식의 언어 팩이 아닙니다", "not a zip archive (.argosmodel)")
    try:
        with zipfile.ZipFile(archive) as zf:
            members = zf.infolist()
            _check_declared(archive, members)
            broken = zf.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _bad(archive.name, "손상된 언어 팩입니다", f"damaged archive ({exc})") from None
    if broken:
        raise _bad(archive.name, f"손상된 파일이 있습니다: {broken}", f"damaged entry (bad CRC): {broken}")
    return members


def _check_declared(archive: Path, members: list[zipfile.ZipInfo]) -> None:
    """Entry count, names, sizes and compression ratios as the central directory declares them."""
    if len(members) > MAX_ENTRIES:
        raise _bad(archive.name, "파일이 너무 많습니다", f"more than {MAX_ENTRIES} entries")
    names, total = set(), 0
    for info in members:
        _check_name(archive, info, names)
        total += info.file_size
        if info.file_size > CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _bad(
                archive.name, "압축 비율이 비정상적입니다(zip 폭탄)", f"{info.filename}: compression ratio too high"
            )
    if total > MAX_PACK_BYTES:
        raise _bad(archive.name, "언어 팩이 너무 큽니다", f"unpacked size {total} bytes exceeds {MAX_PACK_BYTES}")


def _check_name(archive: Path, info: zipfile.ZipInfo, seen: set[str]) -> None:
    name = info.filename
    path = PurePosixPath(name)
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\\" in name or ".." in path.parts:
        raise _bad(archive.name, f"허용되지 않는 경로입니다: {name}", f"unsafe path in archive: {name}")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise _bad(archive.name, f"심볼릭 링크는 허용되지 않습니다: {name}", f"symbolic link in archive: {name}")
    key = name.rstrip("/").casefold()
    if key in seen:
        raise _bad(archive.name, f"같은 이름의 파일이 두 번 있습니다: {name}", f"duplicate entry: {name}")
    seen.add(key)


def _extract(archive: Path, members: list[zipfile.ZipInfo], staging: Path, progress: Progress | None) -> None:
    """Extract, counting real bytes (headers can lie) against the declared sizes."""
    total, done = sum(m.file_size for m in members), 0
    with zipfile.ZipFile(archive) as zf:
        for info in members:
            target = staging / info.filename
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            with zf.open(info) as src, open(target, "wb") as dst:
                while chunk := src.read(CHUNK):
                    written += len(chunk)
                    if written > info.file_size:
                        raise _bad(archive.name, "선언된 크기보다 큽니다", f"{info.filename} is larger than declared")
                    dst.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)


def _bad(name: str, ko: str, en: str) -> PackError:
    return PackError(f"언어 팩 {name}: {ko}", f"language pack {name}: {en}")
