"""The clerk's desk work beside the conversation: print the transcript, open the admin screen, and the dialogs that
ask the clerk (end the visit? the right words for a line?)."""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import Qt
from PyQt6.QtGui import QTextDocument
from PyQt6.QtPrintSupport import QPrinter, QPrinterInfo
from PyQt6.QtWidgets import QInputDialog, QMessageBox, QWidget

from base.errors import KioskError
from kiosk.admin.actions import AdminActions
from kiosk.admin.pin import AdminGate
from kiosk.admin.recorder import FrameRecorder
from kiosk.channels.signing import SignChannel
from kiosk.session import Session
from ui.admin_window import AdminWindow


def print_transcript(session: Session, say: Callable[[str], None]) -> None:
    """Print this visit's transcript (the visitor agreed); without a printer it is saved as a file. ``say``: the
    outcome or the refusal, for the clerk's message line."""
    try:
        path = session.export("html")
    except (KioskError, OSError) as exc:
        say(getattr(exc, "message_ko", str(exc)))
        return
    if not QPrinterInfo.availablePrinters():
        say(f"프린터가 없어 파일로 저장했습니다: {path}")
        return
    document = QTextDocument()
    document.setHtml(path.read_text(encoding="utf-8"))
    document.print(QPrinter(QPrinter.PrinterMode.HighResolution))
    say("인쇄를 보냈습니다")


def open_admin(
    session: Session,
    gate: AdminGate,
    ask_pin: Callable[[], str | None],
    say: Callable[[str], None],
    parts: tuple[FrameRecorder | None, SignChannel | None],
) -> AdminWindow | None:
    """The admin screen (shown), after the admin PIN (without a configured PIN only outside kiosk mode); ``parts``: the
    recorder and the sign channel it works with. None, and why in ``say``, where it stays closed."""
    if gate.enabled:
        pin = ask_pin()
        if pin is None or not gate.try_pin(pin):
            say("관리자 PIN이 맞지 않습니다" if gate.locked_for() == 0 else "잠시 후 다시 시도하세요")
            return None
    elif session.config.ui.fullscreen:
        say("관리자 PIN이 설정되어 있지 않습니다 (kiosk admin hash-pin)")
        return None
    gate.audit("admin_opened")
    admin = AdminWindow(AdminActions(session, gate, *parts))
    admin.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)  # above the kiosk-mode windows
    admin.resize(1200, 800)
    admin.show()
    return admin


def confirm_dialog(parent: QWidget, question: str) -> bool:
    """상담 종료? asked in a dialog: yes or no."""
    answer = QMessageBox.question(parent, "상담 종료", question)
    return answer == QMessageBox.StandardButton.Yes


def ask_correction(parent: QWidget, current: str) -> str | None:
    """The right words for a line, asked in a dialog (None: cancelled)."""
    text, ok = QInputDialog.getText(parent, "고치기", "바른 내용을 입력하세요 (원문은 남습니다):", text=current)
    return text if ok else None
