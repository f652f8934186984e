"""The choice pages (start, the globe's languages) fit the screen they are in: their present parent's."""

from __future__ import annotations

from PyQt6.QtCore import QCoreApplication, QSize
from PyQt6.QtGui import QResizeEvent
from PyQt6.QtWidgets import QWidget

from ui.app import application
from ui.start_page import StartPage


def test_a_choice_page_follows_only_its_present_parent(qtbot) -> None:
    """It watched each new parent's resizes and never stopped watching the old one's."""
    application()
    old, new = QWidget(), QWidget()
    seen: list[QWidget] = []

    class Watching(StartPage):
        def eventFilter(self, watched, event) -> bool:
            seen.append(watched)
            return super().eventFilter(watched, event)

    page = Watching(["ko", "en"], ["ko", "en"], lambda _code, _mode: None)
    page.setParent(old)
    page.setParent(new)
    seen.clear()  # (the old parent's "child removed" passed the filter while it was still there)
    for parent in (old, new):
        QCoreApplication.sendEvent(parent, QResizeEvent(QSize(800, 600), QSize(640, 480)))
    assert old not in seen and new in seen
    for widget in (page, old, new):
        widget.deleteLater()
