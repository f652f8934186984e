"""Kiosk mode: no escape by shortcuts or closing, the admin PIN with lockout, and the audit log."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtTest import QTest
from PyQt6.QtWidgets import QWidget

from base.clock import ManualClock
from kiosk.admin.pin import LOCKOUT_S, MAX_TRIES, AdminGate, hash_pin
from ui.app import application
from ui.kiosk_mode import KioskGuard

PIN_HASH = hash_pin("2468", salt=b"0123456789abcdef")


def audit_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_right_pin_unlocks_and_guessing_locks_out(tmp_path: Path) -> None:
    clock = ManualClock()
    gate = AdminGate(PIN_HASH, tmp_path / "audit.log", clock=clock)
    assert gate.try_pin("2468")
    for _ in range(MAX_TRIES):
        assert not gate.try_pin("0000")
    assert gate.locked_for() == LOCKOUT_S
    assert not gate.try_pin("2468"), "even the right PIN waits out the lockout"
    clock.advance(LOCKOUT_S + 1)
    assert gate.try_pin("2468")
    actions = [line["action"] for line in audit_lines(tmp_path / "audit.log")]
    assert actions == ["unlock", *["wrong_pin"] * MAX_TRIES, "locked_out", "unlock_refused", "unlock"]
    text = (tmp_path / "audit.log").read_text(encoding="utf-8")
    assert "2468" not in text and "0000" not in text, "PINs are never written"
    assert stat.S_IMODE((tmp_path / "audit.log").stat().st_mode) == 0o600


def test_no_configured_pin_means_no_unlocking(tmp_path: Path) -> None:
    gate = AdminGate("", tmp_path / "audit.log")
    assert not gate.try_pin("")
    assert audit_lines(tmp_path / "audit.log")[0]["why"] == "no admin PIN configured"


def test_pins_must_be_digits() -> None:
    for bad in ("abcd", "12", "1" * 13):
        with pytest.raises(ValueError):
            hash_pin(bad)


@pytest.fixture
def guarded(qtbot, tmp_path: Path):
    application()
    windows = [QWidget(), QWidget()]
    for window in windows:
        qtbot.addWidget(window)
        window.resize(800, 600)
        window.show()
    answers = {"pin": "2468", "exit": True}
    gate = AdminGate(PIN_HASH, tmp_path / "audit.log", clock=ManualClock())
    guard = KioskGuard(
        gate,
        windows,
        windows[0],
        ask_pin=lambda _parent: answers["pin"],
        confirm_exit=lambda _parent: answers["exit"],
        hold_ms=50,
    )
    yield guard, windows, answers, tmp_path / "audit.log"
    guard.unlocked = True  # let pytest-qt close the windows


@pytest.mark.parametrize(
    "key, modifier",
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    ],
)
def test_escape_shortcuts_are_swallowed(guarded, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    _, windows, _, _ = guarded
    seen = []
    windows[0].keyPressEvent = lambda event: seen.append(event.key())
    QTest.keyClick(windows[0], key, modifier)
    QTest.keyClick(windows[0], Qt.Key.Key_A)  # ordinary typing still arrives
    modifiers = (Qt.Key.Key_Alt, Qt.Key.Key_Control)  # pressing a modifier alone is harmless
    assert [k for k in seen if k not in modifiers] == [Qt.Key.Key_A]


def test_closing_is_refused_while_locked(guarded) -> None:
    _, windows, _, _ = guarded
    for window in windows:
        window.close()
        assert window.isVisible()


def test_a_long_press_on_a_corner_and_the_pin_leave_kiosk_mode(qtbot, guarded) -> None:
    _, windows, answers, audit = guarded
    answers["pin"] = "1111"
    QTest.mousePress(windows[0], Qt.MouseButton.LeftButton, pos=QPoint(400, 300))  # not a corner
    qtbot.wait(120)
    QTest.mouseRelease(windows[0], Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    assert not (audit.exists() and "admin_requested" in audit.read_text(encoding="utf-8"))
    QTest.mousePress(windows[0], Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: audit.exists() and "wrong_pin" in audit.read_text(encoding="utf-8"))
    QTest.mouseRelease(windows[0], Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert all(w.isVisible() for w in windows), "a wrong PIN changes nothing"
    answers["pin"] = "2468"
    QTest.mousePress(windows[0], Qt.MouseButton.LeftButton, pos=QPoint(795, 5))
    qtbot.waitUntil(lambda: not any(w.isVisible() for w in windows))
    assert [line["action"] for line in audit_lines(audit)][-2:] == ["unlock", "kiosk_exit"]


def test_the_admin_screen_installs_a_pack_the_live_kiosk_then_uses(qtbot, config, tmp_path: Path, pack_files) -> None:
    import dataclasses
    import shutil

    from PyQt6.QtWidgets import QLabel, QListWidget, QTableWidget

    from base.events import Role, VisitorMode
    from kiosk.session import Session
    from kiosk.store import TranscriptStore
    from kiosk.translation import kiosk_translator
    from ui.bridge import SessionBridge
    from ui.clerk_window import ClerkWindow

    application()
    config = dataclasses.replace(config, ui=dataclasses.replace(config.ui, admin_pin=PIN_HASH))
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock(), translator=kiosk_translator(config)[0])
    gate = AdminGate(PIN_HASH, config.store.audit_log)
    answers = {"pin": "9999"}
    clerk = ClerkWindow(session, SessionBridge(session), gate=gate, ask_pin=lambda _parent: answers["pin"])
    qtbot.addWidget(clerk)
    clerk.open_admin()
    assert clerk.admin is None and "PIN" in clerk.error.text()
    answers["pin"] = "2468"
    clerk.open_admin()
    admin = clerk.admin
    qtbot.addWidget(admin)
    languages = admin.findChild(QTableWidget, "admin_languages")
    assert languages.rowCount() == len(config.kiosk.languages)
    assert admin.findChild(QTableWidget, "admin_checks").rowCount() >= 10
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copy(pack_files["ko-en"], usb)
    admin.pick_folder = lambda _parent: usb
    admin._install()  # on the admin screen's worker thread
    qtbot.waitUntil(lambda: "✓ ko-en" in admin.findChild(QLabel, "admin_pack_result").text(), timeout=10_000)
    assert "ko-en" in admin.findChild(QListWidget, "admin_packs").item(0).text()
    session.choose("en", VisitorMode.TEXT)
    line = session.say(Role.CLERK, "안녕하세요 여기")
    assert (line.translations, line.provenance) == ({"en": "hello here"}, "machine"), "the live kiosk uses it"
    packs = admin.findChild(QListWidget, "admin_packs")
    packs.setCurrentRow(0)
    admin._remove(packs)
    qtbot.waitUntil(lambda: "없음" in admin.findChild(QListWidget, "admin_packs").item(0).text(), timeout=10_000)
    actions = [line["action"] for line in audit_lines(config.store.audit_log)]
    assert actions == ["wrong_pin", "unlock", "admin_opened", "pack_installed", "pack_removed"]
    store.close()
