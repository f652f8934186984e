"""The visitor's conversation screen, top to bottom: who gets how much of the height, fitted again after every
change of the room (one mechanism: the window's and its pages' layout requests and resizes, not a call per change).

The chat reaches 40 % down the window (:data:`CAPTION_SHARE`), so every control sits below that line (wheelchair
reach); less the suggestions' heading when it heads the list below (a label may sit above the line), and not
while the keyboard is open (the keys need the room). Suggestions on offer: the first one whole in view below the
line, the others whole or a scroll away (:meth:`SuggestionBar.arrange` puts them one under another when side by
side they are taller than that room). Where even then the first is not whole (200 % text on 1366x768: 101 px
between the reach line and the list's bottom for a 126 px button), the text-size bar makes way while they are on
offer, and comes back with the next line. So too on the globe's choice of language, whose way back is a row of
its own under the languages: where the languages, that row and the bar do not all fit below the reach line (200 %
on 1366x768), the bar makes way while the choice is open. The fingerspelled word's line in the list is shown only
where it is whole in view (:meth:`SpellingPanel.fit`); its letters' line always is (the list is at least that high),
and so is the first row of signs (:meth:`SignPanel.chips_end`) and, where they head the list, of the quick phrases
(:meth:`PhrasePanel.first_row_end`: in Japanese and Vietnamese at 200 % on 1366x768 the list showed nothing of them).
The chat and the self-view beside it never reach into the list's least height (they overlapped it by 41-46 px
in fingerspelling and signing at 200 % on 1366x768, the letters' line and the self-view's cue cut): the chat
yields, down to two rows, the self-view down to its letter and cue (:meth:`CameraView.yield_to`), and where even
that is too much (a demo's banner on top), the demo banner and then the notice banner take their short forms (never
hidden for room: :class:`DemoBanner`, :class:`NoticeBanner`), then the quick phrases' first row goes a scroll away;
only then does the text-size bar make way (the speak-up hint at 200 % on 1366x768 under a two-line Talk button).
The switch offer, at the head of the list, is answered at once: while it is shown the chat yields as for suggestions,
and the bar makes way where the offer is not whole in the list's view with it (200 % on 1366x768).
The letter seen (fingerspelling) and the unknown sign's hint start below the list's fold where it would halve them
(:func:`ui.fold.below_fold`). A suggestion under the first starts below the list's fold when it would be cut there
(:meth:`SuggestionBar.start_below`): whole in view or a scroll away.
"""

from __future__ import annotations

from PyQt6.QtCore import QEvent, QObject, QPoint, QTimer
from PyQt6.QtWidgets import QScrollArea, QWidget

from ui.chat_view import ChatView
from ui.fold import below_fold
from ui.language_picker import LanguagePicker
from ui.phrase_panel import PhrasePanel
from ui.sign_panel import SignPanel
from ui.spelling_panel import SpellingPanel
from ui.suggestion_bar import SuggestionBar
from ui.theme import TARGET_PX
from ui.visitor_notice import NoticeBanner
from ui.voice_controls import VoiceControls
from ui.widgets import DemoBanner

CAPTION_SHARE = 0.4  # the chat reaches down to here, so every control sits below (wheelchair reach)
LIST_PX = TARGET_PX + 8  # the list under the chat: one row and the scroll bar, on the smallest panel


class ConversationFit(QObject):
    """Fits ``window``'s chat and suggestions to the window's height (:meth:`fit`), again after every change of
    the room they have (:meth:`watch`)."""

    def __init__(
        self,
        window: QWidget,
        chat: ChatView,
        middle: QScrollArea,
        suggestions: SuggestionBar,
        keyboard: QWidget,
        switch_offer: QWidget,
        display: QWidget,
        picker: LanguagePicker,
        spelling: SpellingPanel,
        signs: SignPanel,
        camera: QWidget,
        voice: VoiceControls,
        phrases: PhrasePanel,
        banner: DemoBanner | None,
        notice: NoticeBanner,
    ) -> None:
        """``middle``: the list under the chat that holds ``suggestions`` (and ``switch_offer``, which heads it) and
        the ``spelling`` and ``signs`` panels; ``display``: the text-size bar at the window's bottom; ``picker``: the
        globe's choice of language; ``camera``: the self-view beside the chat; ``voice``: the voice buttons at the
        list's end; ``phrases``: the quick phrases above them; ``banner``: the demo banner (None: not a demo);
        ``notice``: the notice banner on top."""
        super().__init__(window)
        self.window, self.chat, self.middle, self.suggestions = window, chat, middle, suggestions
        self.keyboard, self.switch_offer, self.display, self.picker = keyboard, switch_offer, display, picker
        self.spelling, self.signs, self.camera, self.voice, self.banner = spelling, signs, camera, voice, banner
        self.phrases, self.notice = phrases, notice
        self.phrases_first = True  # the list is as high as the quick phrases' first row where they head it (_make_way)
        self.later = QTimer(self)  # one fit after a burst of changes, once Qt has laid them out
        self.later.setSingleShot(True)
        self.later.setInterval(0)
        self.later.timeout.connect(lambda: self.fit(settled=True))

    def watch(self, *widgets: QWidget) -> None:
        """Fit again whenever one of ``widgets`` is resized or its layout is redone: a line, a banner, the error
        line, the camera, suggestions, the keyboard shown or hidden, another text size or language, a page shown.
        (Qt redoes a widget's layout when anything in it changes size or is shown or hidden.)"""
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()  # before this layout pass (the keyboard shown: the chat yields now, not a pass later)
            self.later.start()  # and once more with the places it gives
        return False

    def fit(self, settled: bool = False) -> None:
        """The chat's height, then the suggestions' arrangement and whether the text-size bar makes way (for them, or
        for the newest line's first line under who said it: signing at 200 % on 1366x768 with the demo banner); on the
        globe's choice of language, whether the bar makes way for it; ``settled`` (once Qt has laid out the last
        change, its places are not stale): what makes way for the newest line's first line (:meth:`_make_way`)."""
        window, reach = self.window, int(CAPTION_SHARE * self.window.height())
        if not self.chat.isVisible():  # (its place is known only while the conversation is on screen)
            self.display.setVisible(not self.picker.isVisible() or self._picker_fits(reach))
            return
        top = self.chat.mapTo(window, QPoint(0, 0)).y() if self.keyboard.isHidden() else window.height()
        above = self.suggestions.room_above() if self.switch_offer.isHidden() else 0
        rows = ((self.spelling, self.spelling.letters_end), (self.signs, self.signs.chips_end))
        whole = max((panel.y() + end() for panel, end in rows if panel.isVisible()), default=0)  # letters, signs
        chrome = self.middle.height() - self.middle.viewport().height()
        heads = (self.switch_offer, self.suggestions, self.spelling, self.signs)
        tabs = 0  # the px the phrases' first row adds to the list's least height, where they head it
        row = self.phrases.first_row_end() if self.phrases.isVisible() else 0
        headed = any(w.isVisible() for w in heads)  # under a panel: a row of phrases whole in the list's view
        least = max(LIST_PX, whole + chrome, row + chrome if headed else 0)
        if self.phrases.isVisible() and not headed:
            tabs = max(0, self.phrases.y() + row + chrome - least)
        self.middle.setMinimumHeight(least + (tabs if self.phrases_first else 0))
        offered = not self.suggestions.isHidden()  # (then the first suggestion comes first: whole below the reach line)
        asked = not self.switch_offer.isHidden()  # (and so the switch offer)
        first, room = self.chat.newest_px(lines=1), window.height()
        want = max(2 * TARGET_PX, reach - top + 8 - above, first if offered or asked else self.chat.newest_px())
        if not self.middle.isHidden():  # never more than leaves the list its least height: the rows must not overlap
            room = self.middle.geometry().bottom() + 1 - self.middle.minimumHeight() - self._spacing() - self.chat.y()
            want = max(2 * TARGET_PX, min(want, room), first)  # at least who said it and the words' first line
            if self.camera.isVisible():
                self.camera.yield_to(room)
            self.chat.fit_prompt(room)  # (before any line: the prompt whole in view, or its short form)
            if settled:
                bar = 0 if self.display.isVisible() or offered else self._bar()
                self._make_way(max(2 * TARGET_PX, first) + bar - room, tabs)
        self.chat.setMinimumHeight(want)
        self.spelling.fit(self.middle.viewport().height() - self.spelling.y())  # its word line whole, or not shown
        offer = self.suggestions.isHidden() or self.middle.isHidden() or self._offer_fits(reach)
        question = not asked or self.middle.isHidden() or self._question_fits()
        fits = offered or first <= room - (0 if self.display.isVisible() else self._bar())
        self.display.setVisible(offer and question and fits)
        port = self.middle.viewport()  # the buttons under the first suggestion, the rows of phrases and the voice
        if not self.suggestions.isHidden():  # buttons under them: whole in the list's view or below it
            self.suggestions.start_below(self.suggestions.mapFrom(port, QPoint(0, port.height())).y())
        for hint in (self.spelling.holding, self.signs.hint):  # the letter seen, "unknown sign": whole or a scroll away
            if hint.isVisible():
                self.middle.widget().layout().activate()  # (the word line just shown or hidden: its place is not stale)
                below_fold(hint, hint.mapFrom(port, QPoint(0, port.height())).y())
        if self.phrases.isVisible():  # each phrase whole in the list's view (fewer a row), and whole or a scroll away
            self.phrases.fit_columns(port.height())
            self.phrases.start_below(self.phrases.holder.mapFrom(port, QPoint(0, port.height())).y())
        if self.voice.isVisible():
            self.middle.widget().layout().activate()  # (the rows above it placed anew: its fold is not stale)
            self.voice.start_below(self.voice.mapFrom(port, QPoint(0, port.height())).y())

    def _make_way(self, missing: int, tabs: int) -> None:
        """While the rows lack ``missing`` px (> 0) for the newest line's first line with the text-size bar on screen,
        the demo banner, then the notice banner take their short forms, then the quick phrases' first row (``tabs`` px
        more of the list's least height) goes a scroll away; all come back in the reverse order where they fit again.
        Only then does the bar make way (:meth:`fit`). Neither banner is hidden for room: hidden, the demo banner left
        fingerspelling and signing at 200 % on 1366x768 with no word of the demo, and the speak-up hint ended where the
        newest line was the largest (200 % on 1366x768), so the visitor who needs large text the most never read it."""
        banners = [b for b in (self.banner, self.notice) if b is not None and not b.isHidden()]
        if missing > 0:
            whole = [b for b in banners if not b.compacted and b.saved_px() > 0]
            if whole:
                whole[0].compact(True)
            elif tabs:
                self.phrases_first = False
        elif not self.phrases_first:
            self.phrases_first = -missing >= tabs
        else:
            fits = [b for b in reversed(banners) if b.compacted and -missing >= b.saved_px()]
            if fits:
                fits[0].compact(False)

    def _spacing(self) -> int:
        """The gap between the chat's row and the list under it."""
        return self.middle.parentWidget().layout().spacing()

    def _bar(self) -> int:
        """The text-size bar's height and the gap above it."""
        return self.display.layout().totalHeightForWidth(self.display.width()) + self.window.layout().spacing()

    def _picker_fits(self, reach: int) -> bool:
        """Whether the languages start below the reach line with the text-size bar on screen (the choice keeps them
        at the bottom of its view, and the way back is a row under it)."""
        top = min(button.mapTo(self.window, QPoint(0, 0)).y() for button in self.picker.buttons.values())
        return top - (0 if self.display.isVisible() else self._bar()) >= reach

    def _question_fits(self) -> bool:
        """Whether the switch offer, at the head of the list, is whole in the list's view with the text-size bar on
        screen (its question and both answers: it is read and answered at once, not a scroll away)."""
        offer, port = self.switch_offer, self.middle.viewport()
        need = offer.y() + offer.heightForWidth(offer.width())
        return need <= port.height() - (0 if self.display.isVisible() else self._bar())

    def _offer_fits(self, reach: int) -> bool:
        """Whether the first suggestion is whole in view below the reach line with the text-size bar on screen;
        arranged for the room there is with the bar, or else without it."""
        port = self.middle.viewport()
        top = port.mapTo(self.window, QPoint(0, 0)).y()
        bar = self._bar()
        start = max(reach, top + self.suggestions.room_above())
        room = top + port.height() - start - (0 if self.display.isVisible() else bar)  # with the bar shown
        if self.suggestions.arrange(room) <= room:
            return True
        self.suggestions.arrange(room + bar)
        return False
