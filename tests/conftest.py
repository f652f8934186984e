"""Shared fixtures: offscreen Qt, a config whose writable paths live in a temporary folder."""

from __future__ import annotations

import dataclasses
import os
import socket
import time
from pathlib import Path

import pytest

from kiosk.config import KioskConfig, load_config

pytest_plugins = ["tests.ui_kiosk"]  # the `kiosk` fixture: both screens on a real Session, no devices

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LOCAL_HOSTS = ("127.0.0.1", "::1", "localhost", "")
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address: object) -> bool:
    return isinstance(address, str | bytes) or (isinstance(address, tuple) and address[0] in LOCAL_HOSTS)


def _guarded(real):
    def connect(self: socket.socket, address: object):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address):
            raise OSError(f"test tried to open a non-local socket to {address!r}: the kiosk must work offline")
        return real(self, address)

    return connect


socket.socket.connect = _guarded(_real_connect)  # every test, and everything it imports, stays offline
socket.socket.connect_ex = _guarded(_real_connect_ex)


def wait_for(predicate, seconds: float = 30.0) -> None:
    """Poll ``predicate`` until it holds (background threads at work); fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


ROOT = Path(__file__).resolve().parents[1]
SPEECH = ROOT.parent / "shared" / "testdata" / "speech"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KioskConfig:
    """Defaults, with the database and exports in ``tmp_path`` and no device probing."""
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    base = load_config(cwd=tmp_path)
    store = dataclasses.replace(
        base.store,
        path=tmp_path / "db" / "t.sqlite3",
        export_dir=tmp_path / "exports",
        audit_log=tmp_path / "audit.log",
    )
    devices = dataclasses.replace(base.devices, camera="demo", microphone="demo", speaker="none")
    models = dataclasses.replace(  # what the admin screen writes stays in the test's folder
        base.models, packs_dir=tmp_path / "packs", enrolled_dir=tmp_path / "signs", recordings_dir=tmp_path / "rec"
    )
    return dataclasses.replace(base, store=store, devices=devices, models=models)


KO_EN = {"안녕하세요": "hello", "서류": "document", "여기": "here", "서명": "sign", "주세요": "please"}
KO_EN["창구"] = "counter"
EN_JA = {"hello": "こんにちは", "document": "書類", "here": "ここ", "sign": "署名", "please": "ください"}
EN_JA["counter"] = "窓口"


@pytest.fixture(scope="session")
def pack_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny real Argos packs (SentencePiece + CTranslate2, word for word): ko-en and en-ja."""
    from translations.pack_builder import build_pack

    folder = tmp_path_factory.mktemp("argosmodels")
    return {
        "ko-en": build_pack(folder / "translate-ko_en.argosmodel", "ko", "en", KO_EN),
        "en-ja": build_pack(folder / "translate-en_ja.argosmodel", "en", "ja", EN_JA),
    }


def live_channel(config: KioskConfig, channel_type: type):
    """Yields (session, a live camera channel of ``channel_type``, the session's events) on a real store; no
    visit chosen yet (for fixtures: ``yield from``)."""
    from base.clock import ManualClock
    from kiosk.session import Session
    from kiosk.store import TranscriptStore

    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock())
    events: list = []
    session.subscribe(events.append)
    channel = channel_type(session)
    yield session, channel, events
    channel.close()
    store.close()


@pytest.fixture
def spelling(config: KioskConfig):
    """(session, the live spelling channel, the session's events)."""
    from kiosk.channels.fingerspelling import SpellingChannel

    yield from live_channel(config, SpellingChannel)


def taught_once(folder: Path, glosses: list[str]):
    """An :class:`~sign_models.fewshot.EnrolledSigns` with each of ``glosses`` taught once in ``folder`` by one
    synthetic teacher (seeds 5000+, apart from the signing the tests replay)."""
    import numpy as np

    from sign_models.enrollment import enroll_frames
    from sign_models.fewshot import EnrolledSigns
    from sign_models.synthetic_signs import render_signs

    for i, gloss in enumerate(glosses):
        enroll_frames(render_signs([gloss], np.random.default_rng(5000 + i)).frames, gloss, folder, "teacher")
    return EnrolledSigns.load(folder)
