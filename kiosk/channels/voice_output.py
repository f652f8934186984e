"""Speaks the clerk's translated words on the visitor side, with mute, volume and speech rate.

Only visitors who hear get a voice: in sign and fingerspelling visits nothing is spoken. Synthesis and
playback run on one worker thread; a new line replaces one that is still waiting, and the speaker is
stopped first, so the voice never lags behind the conversation.

Each clerk line is read once, though the screens show it again and again (:class:`Recital`).
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass

from base.errors import KioskError
from base.events import Notice, Role, SessionEvent, StateChanged, TranscriptEntry, VisitorMode
from hardware.devices import Speaker
from hardware.null_speaker import NullSpeaker
from kiosk.config import VoiceOptions
from translations.tts import VoiceChain

log = logging.getLogger(__name__)
SILENT_MODES = (VisitorMode.SIGN, VisitorMode.FINGERSPELLING)


@dataclass(frozen=True)
class Utterance:
    text: str
    language: str


LineKey = tuple[int, float, str]  # entry id, time, original words: the same line through corrections and re-reads


class Recital:
    """Which clerk lines of the visit the visitor has heard, and whether a line shown (again) is to be read.

    The session shows a line again when the clerk corrects it, flips its speaker or taps a suggestion for it,
    and shows every line again when the visitor switches language. Decided:

    - A new clerk line is read (also a visitor's line the clerk flipped to themself, when it is the newest).
    - A line shown again is read again only when it is the newest clerk line and its words for the visitor
      changed in the same language: a corrected or suggested answer replaces the one just heard; an older
      line's correction is only shown (reading it would sound like the clerk's next words).
    - After a language switch the lines so far are not read again, except the newest clerk line, once, in the
      new language: the visitor switched because they did not follow, and it is the line waiting for their answer
      (the rest is on the screen).
    """

    def __init__(self) -> None:
        self._heard: dict[LineKey, tuple[str, str]] = {}  # line -> (language, words) last shown to the visitor
        self._away: dict[LineKey, tuple[str, str]] = {}  # the same, for clerk lines flipped to the visitor
        self._latest: LineKey | None = None
        self._reread: LineKey | None = None  # the newest line, to read once in the language switched to
        self._visit: str | None = None

    def follow(self, event: StateChanged, language: str | None) -> None:
        """The visit changed state; ``language``: the visitor's language before it."""
        if event.mode is None or event.session_id != self._visit:
            self._heard, self._away, self._latest, self._reread = {}, {}, None, None
            self._visit = event.session_id
        elif language is not None and event.language != language:
            self._reread = self._latest

    def shown(self, entry: TranscriptEntry, language: str, words: str) -> bool:
        """``entry`` is shown with ``words`` for a visitor reading ``language``: True when they are to be read."""
        key = (entry.entry_id, entry.time, entry.text)
        if entry.role is not Role.CLERK:  # flipped to the visitor: kept, in case it is flipped back
            if key in self._heard:
                self._away[key] = self._heard.pop(key)
            self._latest = None if self._latest == key else self._latest
            return False
        back = key in self._away
        before = self._heard.get(key) or self._away.pop(key, None)
        self._heard[key] = (language, words)
        if (before is None or back) and (entry.entry_id == 0 or entry.entry_id >= max(k[0] for k in self._heard)):
            self._latest = key
        if before is None:
            return bool(words) and key == self._latest
        if before[0] != language:  # shown again in the language switched to
            if key != self._reread:
                return False
            self._reread = None
            return bool(words)
        return bool(words) and words != before[1] and key == self._latest


class VoiceOutput:
    """The visitor-side voice: subscribe it to the session; the visitor screen sets volume and rate."""

    def __init__(
        self,
        speaker: Speaker,
        options: VoiceOptions,
        voices: VoiceChain | None = None,
        notify: Callable[[Notice], None] | None = None,
    ) -> None:
        self.speaker = speaker
        self.voices = voices or VoiceChain()
        self.muted = not options.enabled
        self.volume = options.volume
        self.rate = options.rate
        self.mode: VisitorMode | None = None
        self.language: str | None = None
        self._notify = notify  # voice failures go to the clerk's screen
        self._recital = Recital()
        self._lock = threading.Lock()
        self._queue: queue.Queue[Utterance | None] = queue.Queue(maxsize=1)
        self._thread = threading.Thread(target=self._work, name="kiosk-voice", daemon=True)
        self._thread.start()

    @classmethod
    def without_speaker(cls, options: VoiceOptions) -> VoiceOutput:
        """A voice whose speaker plays nothing (screenshots, machines without audio output)."""
        return cls(NullSpeaker(), options)

    def set_volume(self, volume: float) -> None:
        self.volume = min(1.0, max(0.0, volume))

    def set_rate(self, rate: float) -> None:
        self.rate = min(2.0, max(0.5, rate))

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted:
            self.speaker.stop()

    def on_event(self, event: SessionEvent) -> None:
        """Session listener: follow the visit's language and mode; speak each clerk line in that language, once."""
        if isinstance(event, StateChanged):
            self._recital.follow(event, self.language)
            self.language, self.mode = event.language, event.mode
            if event.mode is None:
                self._drop_waiting()
                self.speaker.stop()
            return
        if not isinstance(event, TranscriptEntry) or self.language is None:
            return
        text = event.translations.get(self.language) or (event.text if event.language == self.language else "")
        heard = self._recital.shown(event, self.language, text)  # noted also when muted or silent
        if heard and not self.muted and self.mode not in (None, *SILENT_MODES) and self.voices.supports(self.language):
            self.say(text, self.language)

    def say(self, text: str, language: str) -> None:
        """Speak ``text`` soon, replacing anything not yet started."""
        with self._lock:
            self._drop_waiting()
            self.speaker.stop()
            self._queue.put(Utterance(text, language))

    def close(self) -> None:
        with self._lock:
            self._drop_waiting()
            self._queue.put(None)
        self._thread.join(timeout=5)

    def _drop_waiting(self) -> None:
        with contextlib.suppress(queue.Empty):
            self._queue.get_nowait()

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            try:
                speech = self.voices.synthesize(item.text, item.language, self.rate)
                if not self.muted:
                    self.speaker.play(speech.samples * self.volume, speech.sample_rate)
            except KioskError as exc:
                log.warning("voice output failed: %s", exc.message_en)
                if self._notify:
                    self._notify(Notice("voice_failed", exc.message_ko, exc.message_en, "warning"))
