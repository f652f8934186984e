"""Speaks the clerk's translated words on the visitor side, with mute, volume and speech rate.

Only visitors who hear get a voice: in sign and fingerspelling visits nothing is spoken. Synthesis and
playback run on one worker thread; a new line replaces one that is still waiting, and the speaker is
stopped first, so the voice never lags behind the conversation.
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
        """Session listener: follow the visit's language and mode; speak each clerk line in that language."""
        if isinstance(event, StateChanged):
            self.language, self.mode = event.language, event.mode
            if event.mode is None:
                self._drop_waiting()
                self.speaker.stop()
            return
        if not isinstance(event, TranscriptEntry) or event.role is not Role.CLERK:
            return
        if self.muted or self.mode is None or self.mode in SILENT_MODES or self.language is None:
            return
        text = event.translations.get(self.language) or (event.text if event.language == self.language else "")
        if text and self.voices.supports(self.language):
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
