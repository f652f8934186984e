"""The visitor's own camera picture on the sign and fingerspelling screens, with a guide and what it sees.

A deaf visitor needs to see themselves as the camera does: the self-view takes at least 40 % of the screen's
width, a dashed frame marks where the hands and face should be, and a line along its bottom says what the kiosk
sees: hands seen, step into the frame, or too dark. That comes from the sign or fingerspelling input's own
landmark results (:class:`~base.events.CameraView`, the same for both), not from the picture shown here. The
letter being held in fingerspelling is drawn large (140 px, 120 px at least on a short view) in the picture's
corner, where the visitor is already looking, and the word spelled so far along the picture's top beside it (on
a short screen at 200 % the word under the camera is a scroll away; here it is always seen, its end kept).
"""

from __future__ import annotations

import numpy as np
from PyQt6.QtCore import QRectF, QSize, Qt
from PyQt6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPixmap
from PyQt6.QtWidgets import QLabel

from base.events import CameraView as Seen
from ui.strings import tr

SHARE = 0.42  # of the window's width
MIN_HEIGHT = 240  # the self-view on a short screen at 200 % text
BAND_PX = 56  # the cue along the bottom
LETTER_PX, MIN_LETTER_PX = 140, 120
LEAST_HEIGHT = round(MIN_LETTER_PX * 1.3) + 12 + BAND_PX  # the held letter's box above the cue, where rows are short
NO_LETTER_LEAST_HEIGHT = 3 * BAND_PX  # no letter held (signing; a hand not read as one): the guide and the cue
# (1366x768 at 200 %: whole signs, and the "not recognised" hint whole in view beside the letters)
WORD_PX = 40  # the word spelled so far, along the top


class CameraView(QLabel):
    """The self-view; :meth:`show_frame` with each camera picture, :meth:`show_view` with what the input read."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("camera_view")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.language: str | None = None
        self.letter = ""
        self.word = ""
        self.spelling = False  # the fingerspelling screen (its held letter's box): else the sign screen
        self.seen = Seen(hands=False, dark=False)

    def fit(self, window_width: int, window_height: int) -> None:
        """42 % of the width; as tall as 4:3 allows within 45 % of the height, and less when a short screen
        needs the room (never under ``MIN_HEIGHT``; the picture is cropped to fill)."""
        width = max(320, int(window_width * SHARE))
        self.setFixedWidth(width)
        self.setMinimumHeight(MIN_HEIGHT)
        self.setMaximumHeight(max(MIN_HEIGHT, min(width * 3 // 4, int(window_height * 0.45))))

    def yield_to(self, room: int) -> None:
        """At least :data:`MIN_HEIGHT` high when ``room`` allows it, else ``room`` down to :data:`LEAST_HEIGHT`
        (:data:`NO_LETTER_LEAST_HEIGHT` where no letter's box is drawn: the sign screen, a hand not read)."""
        least = LEAST_HEIGHT if self.spelling and self.letter else NO_LETTER_LEAST_HEIGHT
        self.setMinimumHeight(max(least, min(MIN_HEIGHT, room)))

    def sizeHint(self) -> QSize:
        """As tall as :meth:`fit` allows: the layout gives the self-view its full size when the screen has room."""
        return QSize(self.width(), self.maximumHeight())

    def show_frame(self, image: np.ndarray) -> None:
        height, width, _ = image.shape
        qimage = QImage(image.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
        scaled = QPixmap.fromImage(qimage).scaled(
            self.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation
        )
        x, y = (scaled.width() - self.width()) // 2, (scaled.height() - self.height()) // 2
        self.setPixmap(scaled.copy(x, y, self.width(), self.height()))  # the middle, filling the view

    def show_view(self, seen: Seen) -> None:
        self.seen = seen
        self.update()

    def show_letter(self, letter: str) -> None:
        """The fingerspelled letter being held now ("" none)."""
        self.letter = letter
        self.update()

    def show_word(self, word: str) -> None:
        """The word fingerspelled so far ("" none)."""
        self.word = word
        self.update()

    def cue(self) -> str:
        if self.seen.dark:
            return tr("cam_dark", self.language)
        return tr("cam_hands" if self.seen.hands else "cam_step_in", self.language)

    def clear(self) -> None:
        super().clear()
        self.letter, self.word, self.seen = "", "", Seen(hands=False, dark=False)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = float(self.width()), float(self.height())
        painter.setPen(QPen(QColor("#FFD400"), 4, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(QRectF(w * 0.15, h * 0.08, w * 0.7, h * 0.8), 24, 24)  # face and hands go here
        band = QRectF(0, h - BAND_PX, w, BAND_PX)
        painter.fillRect(band, QColor(0, 0, 0, 170))
        font = QFont(self.font())
        font.setPixelSize(32)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, self.cue())
        side = max(MIN_LETTER_PX * 1.3, min(LETTER_PX * 1.3, h - BAND_PX - 24))  # the held letter's box
        if self.word:  # left of the letter's box; a long word keeps its end, the newest letters
            font.setPixelSize(WORD_PX)
            painter.setFont(font)
            strip = QRectF(12, 12, max(0.0, w - side - 36), WORD_PX * 1.6)
            painter.fillRect(strip, QColor(0, 0, 0, 170))
            text = painter.fontMetrics().elidedText(self.word, Qt.TextElideMode.ElideLeft, int(strip.width()) - 16)
            painter.drawText(strip.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter, text)
        if self.letter:  # 140 px, or as large as fits above the cue on a short view (120 px at least)
            font.setPixelSize(int(side / 1.3))
            painter.setFont(font)
            box = QRectF(w - side - 12, 12, side, side)
            painter.fillRect(box, QColor(0, 0, 0, 170))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.letter)
