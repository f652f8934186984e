"""The offer to switch the visit's language, when the visitor was heard speaking a third language.

A caption carries ``switch_to`` when the shared microphone heard the visitor clearly in a language other than
the one chosen (:mod:`translations.attribution`). The visitor's screen then asks, in that language and in the
current one, whether to switch. It is the first row of the list under the chat (where suggestions appear),
not an overlay: the conversation goes on around it. The question is a line of its own above the two answers, which
keep the list's full width (beside them, at 200 % on 1366x768, the question took four lines and the answers three).
While it is shown, the chat yields and, where the offer is not whole in the list's view with the text-size bar on
screen, the bar makes way (:class:`ui.conversation_fit.ConversationFit`), as for suggestions. One tap switches the visit
(:meth:`Session.switch_language`, on the line worker: the lines so far are translated again into the new language);
"no" dismisses it, and the same language is not offered again in this visit.
"""

from __future__ import annotations

from collections.abc import Callable

from PyQt6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from base.events import Caption, Role, SessionState, StateChanged
from base.languages import name_in
from kiosk.line_worker import LineWorker
from ui.bridge import SessionBridge
from ui.phrase_breaks import keep_each, set_wrapped
from ui.strings import STRINGS, tr
from ui.wrap_button import WrapButton


class SwitchOffer(QFrame):
    """ "Switch the screen to English?" in the heard and the current language, with Switch and No."""

    def __init__(
        self,
        lines: LineWorker,
        bridge: SessionBridge,
        codes: list[str],
        on_show: Callable[[], None] = lambda: None,
    ) -> None:
        """``lines``: the worker that switches (off the Qt thread); ``codes``: the languages the visitor's screen has
        text for (only those are offered); ``on_show``: bring the offer into view (the list may have been scrolled)."""
        super().__init__()
        self.on_show = on_show
        self.setObjectName("switch_offer")
        self.lines, self.session, self.codes = lines, lines.session, codes
        self.offered: str | None = None
        self._declined: set[str] = set()
        self.question = QLabel()
        self.question.setObjectName("switch_question")
        self.question.setWordWrap(True)
        self.yes, self.no = WrapButton(), WrapButton()
        self.yes.setObjectName("switch_yes")
        self.no.setObjectName("switch_no")
        self.yes.clicked.connect(self._switch)
        self.no.clicked.connect(self._decline)
        rows = QVBoxLayout(self)
        rows.addWidget(self.question)
        answers = QHBoxLayout()
        answers.addWidget(self.no, 1)
        answers.addWidget(self.yes, 1)
        rows.addLayout(answers)
        bridge.caption.connect(self.on_caption)
        bridge.state_changed.connect(self.on_state)
        self.hide()

    def on_caption(self, caption: Caption) -> None:
        """A final visitor caption in a clearly heard third language: offer it (once per language and visit)."""
        heard, current = caption.switch_to, self.session.language
        if not caption.final or caption.role is not Role.VISITOR or heard is None or not self.session.listening:
            return
        if heard == current or heard in self._declined or heard not in self.codes:
            return
        self.offered = heard
        set_wrapped(self.question, _both("switch_question", heard, current, joiner="\n", named=heard), None)
        self.yes.setText(_both("switch_yes", heard, current))
        self.no.setText(_both("switch_no", heard, current))
        self.show()
        self.on_show()

    def on_state(self, event: StateChanged) -> None:
        """A new visit forgets what was declined; any change of visit or language withdraws the offer."""
        if event.state in (SessionState.IDLE, SessionState.CHOSEN):
            self._declined.clear()
        self.hide()

    def _switch(self) -> None:
        language, self.offered = self.offered, None
        self.hide()
        if language is not None:
            self.lines.switch_language(language)  # refused (the visit ended meanwhile): a Notice, as for a line

    def _decline(self) -> None:
        if self.offered is not None:
            self._declined.add(self.offered)
        self.offered = None
        self.hide()


def _both(key: str, heard: str, current: str | None, joiner: str = " / ", named: str | None = None) -> str:
    """The text in the heard language, then in the current one (once when they read the same); ``named``: the
    language whose name each fills in, as that text's language writes it. Each part breaks only between its own
    phrases ("いい/え" otherwise)."""
    readers = [code if code in STRINGS[key] else "ko" for code in (heard, current)]  # tr's fallback: Korean
    texts = ((tr(key, reader, **({"name": name_in(named, reader)} if named else {})), reader) for reader in readers)
    return keep_each(texts, joiner)
