"""The visitor's fixed action bar: Talk (with the live microphone level and what the kiosk is doing), Type, Finish.

It sits at the bottom of the conversation screen outside every scroll area, so it never scrolls away and is
always within reach of a seated visitor. The Talk button says, in the visitor's language, whether the kiosk is
listening, translating, or the clerk is speaking, and a bar along its bottom edge moves with the microphone
level, so a visitor sees at once that the kiosk hears them (Papago's and Google Translate's conversation modes
show both). In ``auto`` speech mode the kiosk listens all the time and a tap on Talk only marks the visitor's
turn; in ``push_to_talk`` mode the button is held down (checked) while the visitor speaks. Finish asks first:
"Finish" with the same look as a phrase ended visits by accident; the question restates what happens.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtCore import QRectF, Qt
from PyQt6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PyQt6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from ui.phrase_breaks import set_wrapped
from ui.strings import tr
from ui.theme import TARGET_PX
from ui.widgets import PageStack, StackPage, restyle
from ui.wrap_button import WrapButton

MIC_PX = 44


class TalkButton(WrapButton):
    """A wide button with a microphone drawn on its left and the microphone level along its bottom.

    ``other``: the state shown while the other party speaks (the clerk's screen has its own button).
    """

    def __init__(self, name: str = "visitor_talk", other: str = "clerk_speaking") -> None:
        super().__init__()
        self.setObjectName(name)
        self.other = other
        self.setCheckable(True)
        self.level = 0.0
        self.state = "listening"
        self.layout().setContentsMargins(MIC_PX + 28, 6, 12, 16)

    def set_level(self, level: float) -> None:
        self.level = max(0.0, min(1.0, level))
        self.update()

    def set_state(self, state: str, language: str | None) -> None:
        self.state = state
        short = tr("talk_listening_short", language) if state == "listening" else ""
        self.setText(tr(f"talk_{state}", language), language, short)
        restyle(self, "state", state)

    def show_state(self, other_speaking: bool, translating: bool, push_to_talk: bool, language: str | None) -> None:
        """The other party is speaking / translating / listening (or, push-to-talk and not held, "tap to talk")."""
        if other_speaking:
            state = self.other
        elif translating:
            state = "translating"
        elif push_to_talk and not self.isChecked():
            state = "hold"
        else:
            state = "listening"
        self.set_state(state, language)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.label.palette().color(self.label.foregroundRole())
        painter.setPen(QPen(colour, 4))
        top = (self.height() - MIC_PX) / 2
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(24, top, MIC_PX * 0.45, MIC_PX * 0.6), 9, 9)  # the capsule
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(16, top + MIC_PX * 0.2, MIC_PX * 0.8, MIC_PX * 0.6), 180 * 16, 180 * 16)
        middle = 24 + MIC_PX * 0.225
        painter.drawLine(int(middle), int(top + MIC_PX * 0.8), int(middle), int(top + MIC_PX))
        if self.level > 0.02:  # the live level, along the bottom edge
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#2EB84B"))
            painter.drawRoundedRect(QRectF(12, self.height() - 14, (self.width() - 24) * self.level, 8), 4, 4)


class ActionBar(PageStack):
    """Talk / Type / Finish, or the question "end this conversation?" with yes and no."""

    def __init__(self, on_talk: Callable[[bool], None], on_type: Callable[[bool], None], on_finish: Callable[[], None]):
        super().__init__()
        self.setObjectName("action_bar")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # room left goes to the phrases
        self.talk = TalkButton()
        self.talk.toggled.connect(on_talk)
        self.type = _wrap("keyboard_toggle")
        self.type.setCheckable(True)
        self.type.toggled.connect(on_type)
        self.finish = _wrap("end_visit")
        self.finish.clicked.connect(lambda: self.setCurrentIndex(1))
        self.question = QLabel()
        self.question.setObjectName("finish_question")
        self.question.setWordWrap(True)
        self.yes = _wrap("finish_yes")
        self.yes.clicked.connect(lambda: (self.setCurrentIndex(0), on_finish()))
        self.no = _wrap("finish_no")
        self.no.clicked.connect(lambda: self.setCurrentIndex(0))
        actions, confirm = StackPage(), StackPage()  # the question is taller than Talk/Type/Finish
        row = QHBoxLayout(actions)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.talk, 2)  # at 3 of 5, Finish wrapped to three lines at 200 % on a half screen
        row.addWidget(self.type, 1)
        row.addWidget(self.finish, 1)
        ask = QVBoxLayout(confirm)  # the question on its own line: the answers keep the bar's full width
        ask.setContentsMargins(0, 0, 0, 0)
        ask.addWidget(self.question)
        answers = QHBoxLayout()
        answers.addWidget(self.no, 1)
        answers.addWidget(self.yes, 1)
        ask.addLayout(answers)
        self.addWidget(actions)
        self.addWidget(confirm)
        for button in (self.talk, self.type, self.finish):
            button.setMinimumHeight(int(1.5 * TARGET_PX))

    def set_language(self, language: str | None) -> None:
        self.setCurrentIndex(0)
        for button, key in {self.type: "keyboard", self.yes: "finish_yes", self.no: "finish_no"}.items():
            button.setText(tr(key, language), language)
        self.finish.setText(tr("finish", language), language, tr("finish_short", language))  # "Kết thúc phiên": 2 lines
        set_wrapped(self.question, tr("finish_question", language), language)
        self.talk.set_state(self.talk.state, language)

    def buttons(self) -> list[QPushButton]:
        return [self.talk, self.type, self.finish, self.yes, self.no]


def _wrap(name: str) -> WrapButton:
    button = WrapButton()
    button.setObjectName(name)
    return button
