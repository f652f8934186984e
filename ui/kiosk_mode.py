"""Kiosk mode: full screen, no way out to the desktop but the admin PIN.

:class:`KioskGuard` is an application-wide event filter. While locked it swallows the shortcuts that
would leave or switch away (Alt+F4, Ctrl+Q, Ctrl+W, Escape, F11, Alt+Tab) and ignores close requests of
the guarded windows. Holding a finger on a top corner of the visitor screen for ``HOLD_MS`` asks for the
admin PIN (:class:`~kiosk.admin.pin.AdminGate`: lockout after repeated wrong PINs, every try audited); the
right PIN offers to leave kiosk mode. Operating-system gestures (edge swipes, Ctrl+Alt+F1) must be turned
off in the counter PC's session setup: see the README's install section.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PyQt6.QtGui import QKeyEvent
from PyQt6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from kiosk.admin.pin import AdminGate

HOLD_MS = 3000
CORNER_PX = 80
_ANY = None
BLOCKED_KEYS = {
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Escape, _ANY),
    (Qt.Key.Key_F11, _ANY),
}


def ask_pin_dialog(parent: QWidget) -> str | None:
    """The PIN dialog (digits hidden); None when cancelled."""
    pin, ok = QInputDialog.getText(parent, "관리자 / Admin", "관리자 PIN / admin PIN", QLineEdit.EchoMode.Password)
    return pin if ok else None


def confirm_exit_dialog(parent: QWidget) -> bool:
    answer = QMessageBox.question(parent, "관리자 / Admin", "키오스크를 종료할까요? / Leave kiosk mode?")
    return answer == QMessageBox.StandardButton.Yes


class KioskGuard(QObject):
    """Keeps the kiosk's windows in front until an admin unlocks it."""

    def __init__(
        self,
        gate: AdminGate,
        windows: list[QWidget],
        corner_widget: QWidget,
        *,
        ask_pin: Callable[[QWidget], str | None] = ask_pin_dialog,
        confirm_exit: Callable[[QWidget], bool] = confirm_exit_dialog,
        hold_ms: int = HOLD_MS,
    ) -> None:
        super().__init__()
        self.gate, self.windows, self.corner_widget = gate, windows, corner_widget
        self.ask_pin, self.confirm_exit = ask_pin, confirm_exit
        self.unlocked = False
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(hold_ms)
        self._hold.timeout.connect(self.admin_request)
        for window in windows:
            shown = window.isVisible()
            window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            if shown:  # changing window flags hides a window
                window.show()
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.unlocked:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and self._blocked(event):  # type: ignore[arg-type]
            return True
        if kind == QEvent.Type.Close and obj in self.windows:
            event.ignore()
            return True
        if obj is self.corner_widget and kind == QEvent.Type.MouseButtonPress:
            if self._in_corner(event.position().toPoint()):  # type: ignore[attr-defined]
                self._hold.start()
        elif kind == QEvent.Type.MouseButtonRelease:
            self._hold.stop()
        return False

    def admin_request(self) -> None:
        """A long press on a corner: the PIN, then the admin's choice."""
        self.gate.audit("admin_requested")
        pin = self.ask_pin(self.corner_widget)
        if pin is None or not self.gate.try_pin(pin):
            return
        if self.confirm_exit(self.corner_widget):
            self.gate.audit("kiosk_exit")
            self.unlocked = True
            for window in self.windows:
                window.close()
        else:
            self.gate.audit("admin_cancelled")

    def _blocked(self, event: QKeyEvent) -> bool:
        modifiers = event.modifiers()
        return any(event.key() == key and (modifier is _ANY or modifiers & modifier) for key, modifier in BLOCKED_KEYS)

    def _in_corner(self, point: QPoint) -> bool:
        width = self.corner_widget.width()
        return point.y() < CORNER_PX and (point.x() < CORNER_PX or point.x() > width - CORNER_PX)
