"""The visitor switches language while a line is on its way: the line still reaches them in the new language.

Real Session, real SQLite store, the kiosk's real translator chain (phrasebook and templates; no pack here). Two
ways a line is not yet in the saved transcript when the switch comes: its translation is being made (speech
finished on the microphone thread while the switch runs on the line worker), or the store refused it (a full
disk) and it waits in memory to be written.
"""

from __future__ import annotations

import threading

from base.clock import ManualClock
from base.events import Modality, Role, TranscriptEntry, VisitorMode
from kiosk.config import KioskConfig
from kiosk.session import Session
from kiosk.store import TranscriptStore
from kiosk.translation import kiosk_translator
from tests.test_session import FlakyStore
from translations.mt import Translation, Translator


class Held:
    """The kiosk's translator, whose first translation waits until the test lets it finish."""

    def __init__(self, translator: Translator) -> None:
        self._translator = translator
        self.started, self.go = threading.Event(), threading.Event()

    def supports(self, source: str, target: str) -> bool:
        return self._translator.supports(source, target)

    def translate(self, text: str, source: str, target: str) -> Translation:
        if not self.started.is_set():
            self.started.set()
            assert self.go.wait(10)
        return self._translator.translate(text, source, target)


def test_a_line_translated_while_the_visitor_switches_reaches_them_in_the_new_language(config: KioskConfig) -> None:
    store = TranscriptStore(config.store.path)
    held = Held(kiosk_translator(config)[0])
    session = Session(config, store, clock=ManualClock(), translator=held)
    sign = session.phrasebook.get("sign_here").texts
    session.choose("vi", VisitorMode.SPEECH)
    shown: list[TranscriptEntry] = []
    session.subscribe(lambda e: shown.append(e) if isinstance(e, TranscriptEntry) else None)
    said = threading.Thread(target=session.say, args=(Role.CLERK, sign["ko"], Modality.SPEECH))
    said.start()
    assert held.started.wait(10), "the clerk's line is being translated into Vietnamese"
    session.switch_language("en")
    held.go.set()
    said.join(10)
    (line,) = session.entries
    assert line.translations.get("en") == sign["en"], "the visitor now reads English"
    assert shown[-1] == line, "the screens were given the line as it reads now"
    assert store.entries(session.session_id)[0].translations.get("en") == sign["en"]
    store.close()


def test_a_line_the_store_refused_is_switched_with_the_others_and_saved_so(config: KioskConfig) -> None:
    store = FlakyStore(config.store.path)
    session = Session(config, store, clock=ManualClock(), translator=kiosk_translator(config)[0])
    sign, wait = (session.phrasebook.get(p).texts for p in ("sign_here", "id_please"))
    session.choose("vi", VisitorMode.SPEECH)
    saved = session.say(Role.CLERK, wait["ko"], Modality.SPEECH)
    store.broken = True
    kept = session.say(Role.CLERK, sign["ko"], Modality.SPEECH)
    assert saved.saved and not kept.saved and kept.translations == {"vi": sign["vi"]}
    shown: list[TranscriptEntry] = []
    session.subscribe(lambda e: shown.append(e) if isinstance(e, TranscriptEntry) else None)
    session.switch_language("en")
    assert [e.translations.get("en") for e in shown] == [wait["en"], sign["en"]], "both lines are shown again"
    assert [e.translations.get("en") for e in session.entries] == [wait["en"], sign["en"]]
    store.broken = False
    session.say(Role.VISITOR, "thank you", Modality.TEXT)  # the next line writes the kept one first
    stored = store.entries(session.session_id)
    assert [e.text for e in stored] == [wait["ko"], sign["ko"], "thank you"]
    assert [e.translations.get("en") for e in stored[:2]] == [wait["en"], sign["en"]]
    assert all(e.saved for e in session.entries)
    store.close()
