"""Two microphones at one counter: the louder channel decides who spoke, and only its audio is decoded.

At a counter both microphones hear both people: the clerk's microphone hears the visitor a few dB quieter
and the other way round. Captioning each microphone on its own would turn one utterance into two captions.
:class:`LouderChannel` compares the two time-aligned channels over the utterance and routes it to one side:

- Silero VAD on the sum of the two channels marks the voiced 32 ms frames (either person talking; its copy of a
  soft voice raised, :class:`translations.vad.VadGain`, while the energies below are of the audio as heard);
- from the first voiced frame on, both channels are *held* (with the transcriber's pre-roll and look-back before
  it, :func:`held_before_s`: before that, the transcribers get silence) while the energy of
  each channel over the voiced frames is summed; once ``DECIDE_S`` of voiced audio is heard and one channel is
  louder by ``MARGIN_DB``, the utterance belongs to that side; if the margin is still not reached after
  ``UNSURE_S`` of voiced audio (or at the pause), it goes to the shared-microphone rule (language detection,
  :mod:`translations.attribution`) with the louder channel's audio;
- the held audio is released to the chosen side only, so each utterance is decoded once; the other
  transcribers get silence of the same length (all stay on one time line);
- the side keeps the turn until nobody has spoken for ``release_s`` (longer than the transcriber's
  end-of-speech silence, so its utterance ends on its own audio).

Holding delays the first partial caption by ``DECIDE_S`` (``UNSURE_S`` when the channels are close); the final
caption is not delayed.
Overlapping speech stays with the side that started; a turn changes only at a pause.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass

import numpy as np

from base.events import Caption, Role
from kiosk.channels.speech import CLERK, SHARED, VISITOR, SpeechChannel, ask_to_speak_up
from kiosk.session import Session
from translations.asr import AsrOptions, SpeechRecognizer
from translations.utterance import start_reach_s
from translations.vad import WINDOW, WINDOW_S, SpeakUpWatch, StreamingVad

log = logging.getLogger(__name__)

MARGIN_DB = 6.0  # a counter microphone hears its own person this much louder than the other one, at least
DECIDE_S = 0.3  # voiced audio compared before an utterance is given to a side
UNSURE_S = 1.0  # no margin after this much voiced audio: the language decides (shared-microphone rule)
HELD_EXTRA_S = 0.1  # audio kept before the first voiced frame beyond what the transcriber may start on
RELEASE_EXTRA_S = 0.3  # a side keeps the turn this much longer than the transcriber's end-of-speech silence
VOICED_P = 0.5
EPS = 1e-12
SIDES = (CLERK, VISITOR, SHARED)


@dataclass(frozen=True)
class Routed:
    """A stretch of audio for one side (``CLERK``, ``VISITOR``, ``SHARED``; None: nobody speaks)."""

    side: str | None
    audio: np.ndarray


class LouderChannel:
    """Routes two time-aligned 16 kHz channels, utterance by utterance, to the louder side."""

    def __init__(
        self,
        release_s: float,
        before_s: float,
        vad: StreamingVad | None = None,
        margin_db: float = MARGIN_DB,
    ) -> None:
        """``before_s``: audio kept before the first voiced frame (:func:`held_before_s` of the recogniser)."""
        self.vad = vad or StreamingVad()
        self.margin_db, self.release_frames = margin_db, max(1, round(release_s / WINDOW_S))
        self.before_frames = max(1, round(before_s / WINDOW_S))
        self.decisions: deque[tuple[str, float]] = deque(maxlen=100)  # (side, clerk minus visitor dB), latest
        self.reset()

    def reset(self) -> None:
        """Forget the stream (between visits)."""
        self.vad.reset()
        self._pending = np.zeros((2, 0), np.float32)  # samples not yet a whole frame
        self._held: list[np.ndarray] = []  # (2, WINDOW) frames waiting for a decision
        self._side: str | None = None
        self._louder = 0  # 0: clerk channel, 1: visitor channel
        self._energy = np.zeros(2)
        self._voiced = 0
        self._quiet = 0

    @property
    def busy(self) -> bool:
        """An utterance is held for a decision or has a side."""
        return self._side is not None or self._voiced > 0

    def push(self, clerk: np.ndarray, visitor: np.ndarray) -> list[Routed]:
        """Add equally long stretches of both channels; returns the audio that can go out now, in order."""
        if clerk.size != visitor.size:
            raise ValueError(f"channels must be time-aligned: {clerk.size} != {visitor.size} samples")
        both = np.vstack([np.asarray(clerk, np.float32), np.asarray(visitor, np.float32)])
        self._pending = np.concatenate([self._pending, both], axis=1)
        count = self._pending.shape[1] // WINDOW
        if count == 0:
            return []
        frames = self._pending[:, : count * WINDOW].reshape(2, count, WINDOW).transpose(1, 0, 2)
        self._pending = self._pending[:, count * WINDOW :]
        voiced = self.vad.push(frames.sum(axis=1).reshape(-1)) >= VOICED_P
        routed: list[Routed] = []
        for frame, is_voiced in zip(frames, voiced, strict=True):
            routed += self._step(frame, bool(is_voiced))
        return _merged(routed)

    def flush(self) -> list[Routed]:
        """The stream ended: decide on what is held and release it."""
        if self._voiced and self._side is None:
            return _merged(self._decide(force=True))
        held, self._held = self._held, []
        return [Routed(None, np.concatenate([f[0] for f in held]))] if held else []

    def _step(self, frame: np.ndarray, voiced: bool) -> list[Routed]:
        if self._side is None and not self._voiced:  # nobody speaks: keep a pre-roll, let the rest go
            self._held.append(frame)
            if voiced:
                return self._listen(frame)
            keep = self.before_frames
            out, self._held = self._held[:-keep], self._held[-keep:]
            return [Routed(None, np.concatenate([f[0] for f in out]))] if out else []
        if self._side is None:  # an utterance began and no side has it yet
            self._held.append(frame)
            return self._listen(frame) if voiced else self._pause()
        self._quiet = 0 if voiced else self._quiet + 1
        if self._quiet >= self.release_frames:
            self._end_turn()
        return [Routed(self._side, frame[self._louder])] if self._side else [Routed(None, frame[0])]

    def _listen(self, frame: np.ndarray) -> list[Routed]:
        self._energy += np.square(frame.astype(np.float64)).sum(axis=1)
        self._voiced += 1
        self._quiet = 0
        return self._decide(force=False)

    def _pause(self) -> list[Routed]:
        self._quiet += 1
        return self._decide(force=True) if self._quiet >= self.release_frames else []

    def _decide(self, force: bool) -> list[Routed]:
        heard = self._voiced * WINDOW_S
        difference = float(10 * np.log10((self._energy[0] + EPS) / (self._energy[1] + EPS)))
        if abs(difference) >= self.margin_db and (heard >= DECIDE_S or force):
            side = CLERK if difference > 0 else VISITOR
        elif heard >= UNSURE_S or force:
            side = SHARED
        else:
            return []
        self._side, self._louder = side, 0 if difference > 0 else 1
        self.decisions.append((side, difference))
        log.debug("utterance to %s: clerk channel %+.1f dB over %.2f s voiced", side, difference, heard)
        held, self._held = self._held, []
        routed = Routed(side, np.concatenate([f[self._louder] for f in held]))
        if self._quiet >= self.release_frames:  # decided at the pause: the turn is over
            self._end_turn()
        return [routed]

    def _end_turn(self) -> None:
        """Nobody holds the turn; the next voiced frame starts a new utterance and a new comparison."""
        self._side, self._voiced, self._energy = None, 0, np.zeros(2)


def held_before_s(options: AsrOptions) -> float:
    """How much audio before its VAD trigger a transcriber may start an utterance on: its pre-roll, and the
    look-back over loud audio the VAD scored low (reverberant speech); held a little longer than that."""
    return start_reach_s(options) + HELD_EXTRA_S


def _merged(routed: list[Routed]) -> list[Routed]:
    """Adjacent stretches for the same side joined (fewer, larger pushes)."""
    merged: list[Routed] = []
    for item in routed:
        if merged and merged[-1].side == item.side:
            merged[-1] = Routed(item.side, np.concatenate([merged[-1].audio, item.audio]))
        else:
            merged.append(item)
    return merged


class TwoMicrophoneSpeech:
    """The clerk's and the visitor's microphones -> one caption per utterance, for the louder side.

    Three speech channels share one recogniser: the clerk's (Korean), the visitor's (their language) and a
    shared one for utterances the loudness cannot decide. In push-to-talk mode the held side's microphone
    goes to the shared channel, which gives the line to whoever holds the button.
    """

    def __init__(self, session: Session, recognizer: SpeechRecognizer, *, partials: bool = True) -> None:
        self.session = session
        self.push_to_talk = session.config.speech.mode == "push_to_talk"
        self.channels = {side: SpeechChannel(session, recognizer, side, partials=partials) for side in SIDES}
        options = recognizer.options
        self.louder = LouderChannel(
            options.end_silence_s + RELEASE_EXTRA_S,
            held_before_s(options),
            StreamingVad(max_gain_db=options.vad_gain_db),  # its levels are compared on the audio as heard
        )
        self.watch = SpeakUpWatch()  # a soft voice is never routed: it is watched on both microphones' sum
        self.louder.vad.watch = self.watch
        for channel in self.channels.values():
            channel.transcriber.vad.watch = None

    def feed(self, clerk: np.ndarray, visitor: np.ndarray | None) -> list[Caption]:
        """Push both channels' new audio (equally long; ``visitor`` None while the visitor's microphone is
        missing: the clerk's is then a shared one); returns the captions delivered."""
        if not self.session.listening or visitor is None:  # the next visit (or pair) starts afresh
            self.louder.reset()
        if not self.session.listening:
            return []
        if visitor is None or self.push_to_talk:
            held = self.session.talking
            return self.channels[SHARED].feed(visitor if held is Role.VISITOR and visitor is not None else clerk)
        captions = self._route(self.louder.push(clerk, visitor))
        speaking = any(channel.transcriber.in_speech for channel in self.channels.values())
        ask_to_speak_up(self.session, self.watch, captions, speaking or self.louder.busy)
        return captions

    def finish(self) -> list[Caption]:
        """The streams ended: decode what is left."""
        captions = self._route(self.louder.flush())
        for channel in self.channels.values():
            captions += channel.finish()
        return captions

    def _route(self, routed: list[Routed]) -> list[Caption]:
        captions: list[Caption] = []
        for item in routed:
            silence = np.zeros_like(item.audio)
            for side, channel in self.channels.items():
                captions += channel.feed(item.audio if side == item.side else silence)
        return captions
