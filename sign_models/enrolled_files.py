"""Reading a data folder's taught examples: its manifest and the example files it lists.

A damaged manifest line or example file is reported in the recogniser's ``problems`` and skipped; it never stops
the recogniser. An example stored by an older feature version is recomputed from its landmarks.
"""

from __future__ import annotations

import json
import logging
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from base.errors import KioskError
from sign_models.enrollment import (
    FEATURE_VERSION,
    MANIFEST,
    MIRRORED_COPIES,
    matching_features,
    stored_sign,
    widened_features,
)

if TYPE_CHECKING:
    from sign_models.fewshot import EnrolledSigns

log = logging.getLogger(__name__)


def read_examples(data_dir: Path, enrolled: EnrolledSigns) -> None:
    """Add to ``enrolled`` every readable example listed in ``data_dir/manifest.jsonl`` (no folder or manifest:
    none)."""
    manifest = data_dir / MANIFEST
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
    except (OSError, UnicodeDecodeError) as exc:
        _problem(enrolled, f"{manifest}: {exc}")
        lines = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            _read_line(data_dir, line, f"{manifest}:{number}", enrolled)


def _read_line(data_dir: Path, line: str, where: str, enrolled: EnrolledSigns) -> None:
    try:
        record = json.loads(line)
        gloss, file = str(record["gloss"]), str(record["file"])
        if Path(file).name != file:
            raise ValueError(f"file name {file!r} leaves the data folder")
        with np.load(data_dir / file, allow_pickle=False) as data:
            current = "version" in data and int(data["version"]) == FEATURE_VERSION
            if current:
                features, widened, mirrored = data["features"], list(data["widened"]), data["mirrored"]
            else:  # stored by an older feature version: recompute from the landmarks
                frames, left = stored_sign(data), bool(data["left_handed"])
                features, mirrored = matching_features(frames, left_handed=left), MIRRORED_COPIES
                widened = list(widened_features(frames, np.random.default_rng(len(frames)), left_handed=left))
            seconds = float(record.get("seconds", 0.0))
            enrolled.add(gloss, features, str(record.get("signer", "")), file, widened, seconds, mirrored)
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile, KioskError) as exc:
        _problem(enrolled, f"{where}: {type(exc).__name__}: {exc}")


def _problem(enrolled: EnrolledSigns, message: str) -> None:
    log.warning("skipped enrolled sign example: %s", message)
    enrolled.problems.append(message)
