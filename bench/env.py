"""A throw-away kiosk for the benches: writable files in a temporary folder, no real devices, no voice.

When no language pack is installed, the tiny ko->en test pack (:mod:`translations.pack_builder`, the real
SentencePiece + CTranslate2 path with hand-set weights) is built so that translation is measured; every
report says which packs were used.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kiosk.config import KioskConfig
from kiosk.translation import installed

TINY_WORDS = {"여기": "here", "서명": "sign", "주세요": "please", "서류": "document", "안녕하세요": "hello"}


def isolated(config: KioskConfig, folder: Path, *, packs: bool = True) -> tuple[KioskConfig, str]:
    """``config`` with its database, exports and audit log in ``folder``, devices and voice off; and which
    packs translate ("installed" or the tiny test pack)."""
    store = dataclasses.replace(
        config.store, path=folder / "bench.sqlite3", export_dir=folder / "exports", audit_log=folder / "audit.log"
    )
    devices = dataclasses.replace(config.devices, camera="none", microphone="none", visitor_microphone="none")
    devices = dataclasses.replace(devices, speaker="none")
    models, source = config.models, "installed"
    if packs and not installed(config)[0]:
        models = dataclasses.replace(models, packs_dir=tiny_packs(folder / "packs"))
        source = "tiny ko->en test pack (no pack installed)"
    voice = dataclasses.replace(config.voice, enabled=False)
    return dataclasses.replace(config, store=store, devices=devices, models=models, voice=voice), source


def tiny_packs(folder: Path) -> Path:
    """A pack folder holding the tiny ko->en pack."""
    from translations.pack_builder import build_pack_folder

    build_pack_folder(folder / "translate-ko_en", "ko", "en", TINY_WORDS)
    return folder
