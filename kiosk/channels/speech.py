"""Speech wiring: microphones -> streaming transcribers -> the Session (partials and final lines).

Two layouts:
- one shared microphone (``visitor_microphone = "none"``): in ``auto`` mode every utterance's language is
  detected among all the kiosk's languages and :func:`translations.attribution.attribute` decides who spoke:
  confidently Korean -> clerk; the visitor's language -> visitor; a third language or a doubtful Korean ->
  visitor, with the detected language and its probability on the caption (``Caption.language``,
  ``language_p``) and, for a clear third language, ``Caption.switch_to`` for the visitor screen's switch
  offer (the screens' part). In ``push_to_talk`` mode only audio heard while a talk button is held is captioned, for the
  role holding it.
- two microphones: :mod:`kiosk.channels.two_microphones` gives each utterance to the louder microphone and
  feeds only that side's channel: ``CLERK`` (fixed to Korean) or ``VISITOR`` (fixed to their language), or
  ``SHARED`` (the language rule above) when neither is clearly louder.

A voice heard but too soft to caption (:class:`translations.vad.SpeakUpWatch`: no utterance started, or it was
dropped) gets the ``speak_up`` notice: the screens ask to come closer to the microphone or speak louder.

Deaf visitors (sign, fingerspelling) and Korean caption readers do not speak to the kiosk: all speech is
then the clerk's. Nothing is decoded while no visit is open.

A final the recogniser heard again with the next one (``Caption.revised``, :mod:`translations.revision`) revises
the line it was committed as (:meth:`kiosk.session.Session.revise`), with that line's speaker.
"""

from __future__ import annotations

import logging
import math
from dataclasses import replace

import numpy as np

from base.errors import KioskError
from base.events import Caption, Modality, Notice, Role, VisitorMode
from kiosk.config import KioskConfig
from kiosk.session import Session
from translations.asr import AsrOptions, SpeechRecognizer, load_terms
from translations.attribution import attribute
from translations.streaming import StreamingTranscriber
from translations.vad import SpeakUpWatch

log = logging.getLogger(__name__)

SHARED, CLERK, VISITOR = "shared", "clerk", "visitor"
SPEAK_UP = Notice(
    "speak_up",
    "말소리가 작아 인식하지 못했습니다. 마이크 가까이에서 말씀해 주세요.",
    "A voice was too soft to recognise: please speak closer to the microphone.",
)


def asr_options(config: KioskConfig) -> AsrOptions:
    """Recogniser settings from ``[speech]`` and ``[models]``."""
    speech = config.speech
    terms = load_terms(speech.terms_file) if speech.terms_prompt and speech.terms_file.is_file() else ()
    return AsrOptions(
        model_dir=config.models.whisper_dir,
        cpu_threads=speech.cpu_threads,
        beam_size=speech.beam_size,
        end_silence_s=speech.end_silence_s,
        unended_silence_s=speech.unended_silence_s,
        vad_gain_db=speech.vad_gain_db,
        max_utterance_s=speech.max_utterance_s,
        partial_interval_s=speech.partial_interval_s,
        hotwords_ko=terms,
    )


def ask_to_speak_up(session: Session, watch: SpeakUpWatch, delivered: list[Caption], in_speech: bool) -> None:
    """After new audio: a final caption means what ``watch`` heard was captioned (a partial does not: its utterance
    may yet be dropped); none, no utterance under way, and a soft voice that paused mean the screens ask to come
    closer or speak louder."""
    if any(caption.final for caption in delivered):
        watch.clear()
    elif not in_speech and watch.due():
        session.notify(SPEAK_UP)


class SpeechChannel:
    """One microphone's audio turned into captions for the session."""

    def __init__(
        self, session: Session, recognizer: SpeechRecognizer, source: str = SHARED, *, partials: bool = True
    ) -> None:
        """``partials=False`` decodes only at pauses and ends (replay: the result then depends on the audio
        alone, not on how fast this machine decodes): no partial interval ever comes due."""
        self.session, self.source = session, source
        self.clerk_language = session.config.kiosk.clerk_language
        self.push_to_talk = session.config.speech.mode == "push_to_talk"
        options = recognizer.options if partials else replace(recognizer.options, partial_interval_s=math.inf)
        self.transcriber = StreamingTranscriber(
            recognizer, Role.CLERK, language=self.clerk_language, allowed=(self.clerk_language,), options=options
        )
        self._visit: tuple[str | None, str | None] | None = None
        self._held: Role | None = None
        self._open: Caption | None = None  # the partial on the screens, until its final or its taking back
        self.watch = SpeakUpWatch()
        self.transcriber.vad.watch = self.watch
        self._lines: dict[float, int] = {}  # the newest finals' lines by their start (a revision names its start)

    def feed(self, samples: np.ndarray) -> list[Caption]:
        """Push audio and deliver what is ready; returns the captions delivered (for tests and the bench)."""
        switched = self._follow_session()
        return [] if switched is None else switched + self._heard(samples)

    def finish(self) -> list[Caption]:
        """The stream ended: decode what is left."""
        switched = self._follow_session()
        return [] if switched is None else switched + self._decoded(flush=True)

    def _heard(self, samples: np.ndarray) -> list[Caption]:
        held = self.session.talking if self.push_to_talk else None
        if self.push_to_talk and held != self._held:
            delivered = self._decoded(flush=True) if self._held is not None else []
            self._held = held
            if held is None:
                return delivered
            self._configure(held)
        if self.push_to_talk and held is None:
            return []
        self.transcriber.push(samples)
        delivered = self._decoded()
        ask_to_speak_up(self.session, self.watch, delivered, self.transcriber.in_speech)
        return delivered

    def _decoded(self, *, flush: bool = False) -> list[Caption]:
        """Decode what is due (``flush``: everything) and deliver it. A partial on the screens whose utterance
        ended and was dropped by the recogniser's guards (too little voice, a known hallucination) is taken back
        first: nobody said those words. A final delivered now replaces it instead (taken back first, the screens
        would blank the words for a moment)."""
        captions = self.transcriber.flush() if flush else self.transcriber.poll()
        ended = self.transcriber.take_drops() > 0 or not self.transcriber.in_speech
        if self._open is not None and ended and not any(caption.final for caption in captions):
            self.session.show_caption(replace(self._open, text="", final=True))
            self._open = None
        return self._deliver(captions)

    def _follow_session(self) -> list[Caption] | None:
        """Reconfigure for a new visit or language: None while no visit is open, else the captions of speech that was
        under way at a language switch (heard as before the switch). Speech of an ended visit is dropped unseen."""
        if not self.session.listening:
            self._visit = None
            return None
        visit = (self.session.session_id, self.session.language)  # a switched language is heard from now on
        if visit == self._visit:
            return []
        same_visit = self._visit is not None and self._visit[0] == visit[0]
        self._visit = visit
        if same_visit:
            switched = self._decoded(flush=True)
        else:
            self.transcriber.flush()
            switched, self._open = [], None
        self._configure(None)
        return switched

    def _configure(self, held: Role | None) -> None:
        visitor_language = self.session.language or self.clerk_language
        speaking_visitor = self.session.mode is VisitorMode.SPEECH and visitor_language != self.clerk_language
        if self.source == CLERK or not speaking_visitor or held is Role.CLERK:
            languages: tuple[str, ...] = (self.clerk_language,)
        elif self.source == VISITOR or held is Role.VISITOR:
            languages = (visitor_language,)
        else:  # shared microphone: any offered language may be heard; attribute() decides who spoke
            others = [code for code in self.session.config.kiosk.languages if code not in (self.clerk_language,)]
            languages = tuple(dict.fromkeys([self.clerk_language, visitor_language, *others]))
        self.transcriber.allowed = languages
        self.transcriber.set_language(languages[0] if len(languages) == 1 else None)

    def _attributed(self, caption: Caption) -> Caption:
        if self._held is not None:
            return replace(caption, role=self._held)
        if self.source in (VISITOR, CLERK):
            return replace(caption, role=Role.VISITOR if self.source == VISITOR else Role.CLERK)
        if len(self.transcriber.allowed) == 1:  # nobody but the clerk speaks (sign, captions, no visitor language)
            return replace(caption, role=Role.CLERK)
        visitor_language = self.session.language or self.clerk_language
        who = attribute(
            caption.language,
            caption.language_p,
            self.clerk_language,
            visitor_language,
            seconds=caption.end - caption.start,
        )
        return replace(caption, role=who.role, switch_to=who.switch_to)

    def _deliver(self, captions: list[Caption]) -> list[Caption]:
        delivered = []
        for caption in captions:
            if caption.revised:
                delivered += self._revise(caption)
                continue
            caption = self._attributed(caption)
            self._open = None if caption.final else caption
            if not caption.final:
                self.session.show_caption(caption)
            else:
                try:
                    entry = self.session.say(
                        caption.role,
                        caption.text,
                        Modality.SPEECH,
                        language=caption.language,
                        confidence=caption.confidence,
                    )
                except KioskError as exc:  # the visit ended while the last words were decoded
                    log.info("caption not committed: %s", exc.message_en)
                    continue
                self._lines = {**dict(list(self._lines.items())[-3:]), caption.start: entry.entry_id}
                self.session.show_caption(caption)
            delivered.append(caption)
        return delivered

    def _revise(self, caption: Caption) -> list[Caption]:
        """Revise the line of the final that started at ``caption.start`` (none: it was not committed)."""
        entry_id = self._lines.get(caption.start)
        if entry_id is None:
            return []
        try:
            entry = self.session.revise(entry_id, caption.text, caption.confidence)
        except KioskError as exc:  # the visit ended, or the line was never saved
            log.info("revision not committed: %s", exc.message_en)
            return []
        return [replace(caption, role=entry.role)]
