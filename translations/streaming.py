"""Streaming transcription: ``push(audio)``, ``poll() -> [Caption]``, ``flush()``.

Silero VAD marks speech in 32 ms windows. An utterance starts after 64 ms of speech, with the audio before it
(pre-roll and look-back, :mod:`translations.utterance`), and ends after ``end_silence_s`` of silence or at the hard
cap ``max_utterance_s``. While it goes on, :meth:`StreamingTranscriber.poll` decodes it again every
``partial_interval_s`` of new audio (less often when decoding is slow, see ``_partial``) and emits a partial caption;
words on which two consecutive hypotheses agree are committed and never change on screen again (local agreement).

Speculative endpointing: when a pause starts (``SPECULATE_S``), the utterance is decoded at once; if no more speech
comes before ``end_silence_s``, that decoding *is* the final caption, so the final appears about when the silence wait
ends instead of one decoding later. When that decoding ends no sentence (no full stop, question or exclamation mark:
"등본을" of "등본을... 떼러 왔는데요"), the utterance waits up to ``unended_silence_s`` for the rest, so that a question
said in two breaths is decoded whole, not as two halves each without the other. When whisper ended the first breath with
a full stop ("He hoped there would be."), the second, starting within ``unended_silence_s`` of it, is decoded after it
(``context_after_final``: the first's audio before its own, its tokens forced; only the new words come out), unless the
first's confidence is below ``LOW_CONFIDENCE`` (a caption the clerk is asked to check: a wrong first half led the second
astray); such a first and the second are then decoded again as one once the second is shown
(:mod:`translations.revision`). Otherwise the finished utterance is decoded once more. When the speaker's voice
(voiced windows about as loud as the words before, not quieter voices behind them) follows the last word, the final
is decoded on from its own text (``continue_after_stop``; it needs the final's word timestamps, which are then made
even with the word guard off); then it is cut, guarded and term-corrected (:mod:`translations.final_text`; revised
finals are term-corrected too) and dropped when it is judged silence (:mod:`translations.text_guards`).

``push`` is cheap (VAD only); all decoding happens in ``poll``, so a worker that reads everything the
microphone has before each ``poll`` never falls further behind than one decoding.
"""

from __future__ import annotations

import logging
from itertools import takewhile

import numpy as np

from base.audio import SAMPLE_RATE
from base.events import LOW_CONFIDENCE, Caption, Role
from base.languages import lookup
from translations.asr import AsrOptions, Context, Hypothesis, SpeechRecognizer
from translations.final_text import decode_on, final_text
from translations.revision import Shown, follows, revisable, revised
from translations.text_guards import cut_repetitions, ends_sentence, is_hallucination, text_units, voiced_after_words
from translations.utterance import Finished, PreRoll, Utterance
from translations.vad import WINDOW, WINDOW_S, StreamingVad

log = logging.getLogger(__name__)

SPECULATE_S = 0.15  # a pause this long triggers a decoding that the final caption can reuse


class StreamingTranscriber:
    """One audio channel (clerk or visitor) turned into partial and final captions."""

    def __init__(
        self,
        recognizer: SpeechRecognizer,
        role: Role,
        *,
        language: str | None,
        allowed: tuple[str, ...],
        options: AsrOptions | None = None,
        vad: StreamingVad | None = None,
    ) -> None:
        self.recognizer, self.role = recognizer, role
        self.options = options or recognizer.options
        self.allowed = allowed
        self.language = language
        self.vad = vad or StreamingVad(max_gain_db=self.options.vad_gain_db)
        self.dropped = 0  # utterances dropped: too little voice (``min_speech_s``), or their final by the guards
        self._unseen_drops = 0  # ... not yet taken by :meth:`take_drops`
        self.corrected = 0  # finals with a civil-service term corrected
        self.speculated = 0  # finals that are the decoding made at the pause (nothing decoded after the end)
        self.continued = 0  # finals decoded on past a full stop (voiced audio after the last word)
        self.decoded_on = 0  # decodings made for that, kept or not (each costs a final-quality decoding)
        self.revisions = 0  # pairs of finals sent again as their joined decoding reads them
        self._time = 0.0
        self._buffer = np.zeros(0, np.float32)
        self._preroll = PreRoll(self.options)
        self._current: Utterance | None = None
        self._finished: list[Finished] = []
        self._partial_interval = self.options.partial_interval_s
        self._previous: Shown | None = None  # the previous final (a next one may be decoded after it)
        self._revision: tuple[Shown, Shown] | None = None  # two finals to decode again as one, when nobody speaks

    def set_language(self, language: str | None) -> None:
        """Fix the language (None: detect among ``allowed``); applies from the next utterance."""
        if language is not None and language not in self.allowed:
            raise ValueError(f"language {language!r} is not among {self.allowed}")
        self.language = language

    @property
    def in_speech(self) -> bool:
        return self._current is not None

    def take_drops(self) -> int:
        """How many utterances were dropped since the last call: nobody is to see their words (a partial shown
        of one is taken back) and their voice went uncaptioned (the speak-up hint)."""
        drops, self._unseen_drops = self._unseen_drops, 0
        return drops

    # -- audio in ------------------------------------------------------------------------------------------
    def push(self, samples: np.ndarray) -> None:
        """Add 16 kHz mono float32 audio; cheap (runs the VAD only)."""
        self._buffer = np.concatenate([self._buffer, np.asarray(samples, np.float32).reshape(-1)])
        count = self._buffer.size // WINDOW
        if count == 0:
            return
        windows = self._buffer[: count * WINDOW].reshape(count, WINDOW)
        self._buffer = self._buffer[count * WINDOW :]
        for window, probability in zip(windows, self.vad.push(windows.reshape(-1)), strict=True):
            self._time += WINDOW_S
            self._step(window, float(probability))

    def _step(self, window: np.ndarray, probability: float) -> None:
        threshold = self.options.vad_threshold
        current = self._current
        voiced, speech = probability >= threshold - 0.15, probability >= threshold
        if current is None:
            self._current = self._preroll.push(window, voiced, speech, self._time)
            if self._current is not None:
                self._revision = None  # someone speaks: the new utterance's captions come first
            return
        current.add(window, voiced, speech)
        if current.silent_windows * WINDOW_S >= self._end_silence_s(current):
            self._finish(trailing=current.silent_windows)
        elif current.seconds >= self.options.max_utterance_s:
            self._finish(trailing=0)
            self._current = Utterance(self._time, voiced_windows=1, language=current.language)

    def _end_silence_s(self, utterance: Utterance) -> float:
        """The silence that ends ``utterance``: ``end_silence_s``, or ``unended_silence_s`` when its decoding at
        the pause (done, of all its speech) ends no sentence."""
        decoded = utterance.hypothesis is not None and utterance.hypothesis_end == utterance.speech_end
        if decoded and self.options.unended_silence_s > 0 and not ends_sentence(utterance.hypothesis.text):
            return max(self.options.end_silence_s, self.options.unended_silence_s)
        return self.options.end_silence_s

    def _finish(self, trailing: int) -> None:
        assert self._current is not None
        self._finished.append(self._current.finished(trailing, self._time))
        self._current = None

    # -- captions out --------------------------------------------------------------------------------------
    def poll(self) -> list[Caption]:
        """Decode what is due: finished utterances (finals), then one partial of the current one."""
        finished, self._finished = self._finished, []
        captions = [c for f in finished if (c := self._final(f)) is not None]
        current = self._current
        if not captions and current is None:
            captions = self._revised()  # after the second final was shown, while nobody speaks
        if current is None or current.voiced_windows * WINDOW_S < self.options.min_speech_s:
            return captions  # not an utterance (yet): a click or a door is neither shown nor decoded
        due = current.seconds - current.decoded_at >= self._partial_interval
        if self.options.quiet_partials and current.silent_windows:
            due = False  # a pause may be the end: a greedy partial started now would delay the final (issue 16)
        pausing = current.silent_windows * WINDOW_S >= SPECULATE_S and current.hypothesis_end != current.speech_end
        if due or pausing:
            captions.append(self._partial(current, final_quality=pausing))
        return captions

    def flush(self) -> list[Caption]:
        """End of the stream: finish the current utterance and decode everything left."""
        if self._current is not None:
            self._finish(trailing=self._current.silent_windows)
        self.vad.reset()
        self._buffer = np.zeros(0, np.float32)
        captions = self.poll()
        return captions + self._revised()

    def _partial(self, utterance: Utterance, final_quality: bool) -> Caption:
        """A live caption. At a pause it is decoded like a final (and may become the final); otherwise
        with greedy search, which is cheaper and only shown until the next update."""
        audio = utterance.audio()
        utterance.decoded_at = utterance.seconds
        hypothesis = self._decode(utterance, audio, beam_size=None if final_quality else 1)
        # Never spend more than about half of real time on partials: the final caption must not queue
        # behind them. On a slow machine partials then come less often than ``partial_interval_s``.
        self._partial_interval = max(self.options.partial_interval_s, 2.0 * hypothesis.seconds)
        words = text_units(cut_repetitions(hypothesis.text), hypothesis.language)
        agreed = _common_prefix(utterance.previous, words)
        if len(agreed) > len(utterance.committed):
            utterance.committed = agreed
        utterance.previous = words
        shown = utterance.committed + words[len(utterance.committed) :]
        return Caption(
            self.role,
            _join(shown, hypothesis.language),
            hypothesis.language,
            utterance.start,
            self._time,
            final=False,
            confidence=hypothesis.confidence,
            language_p=utterance.language_p,
        )

    def _final(self, finished: Finished) -> Caption | None:
        utterance = finished.utterance
        voiced = utterance.voiced_windows * WINDOW_S
        if voiced < self.options.min_speech_s or finished.audio.size < SAMPLE_RATE * 0.2:
            return self._drop()
        if utterance.hypothesis is not None and utterance.hypothesis_end == utterance.speech_end:
            hypothesis = utterance.hypothesis  # decoded during the closing silence: nothing new was said since
            self.speculated += 1
        else:
            hypothesis = self._decode(utterance, finished.audio)
        context = self._context(utterance, hypothesis.language, finished.audio.size)  # what it was decoded after
        if self.options.continue_after_stop and voiced_after_words(
            hypothesis.words, utterance.voiced, WINDOW_S, utterance.levels()
        ):
            # the speaker's voice after the last word: the decoder stopped at a full stop; let it go on from there
            more = decode_on(self.recognizer, hypothesis, finished.audio, context)
            self.decoded_on += 1
            if more is not None:
                hypothesis = more
                self.continued += 1
        final = final_text(hypothesis, utterance.voiced, WINDOW_S, self.options, self.role)
        text, self.corrected = final.text, self.corrected + final.corrected
        silent = hypothesis.no_speech_prob >= self.options.no_speech_threshold
        previous, self._previous = self._previous, None
        if not text or (is_hallucination(text) and (silent or voiced < 1.0 or hypothesis.no_speech_prob > 0.3)):
            log.info("dropped a %s caption judged silence (no-speech %.2f)", self.role.value, hypothesis.no_speech_prob)
            return self._drop()
        caption = Caption(
            self.role,
            text,
            hypothesis.language,
            utterance.start,
            finished.end,
            final=True,
            confidence=hypothesis.confidence,
            language_p=utterance.language_p,
        )
        voiced_windows = tuple(utterance.voiced[: finished.audio.size // WINDOW])
        self._previous = Shown(caption, finished.audio, voiced_windows, hypothesis.tokens, context)
        if previous is not None and revisable(previous, self._previous, self.options):
            self._revision = (previous, self._previous)
        return caption

    def _drop(self) -> None:
        self.dropped += 1
        self._unseen_drops += 1

    def _revised(self) -> list[Caption]:
        """The pending pair of finals as their joined decoding reads them ([]: none, or read the same)."""
        pair, self._revision = self._revision, None
        captions = revised(self.recognizer, *pair, WINDOW_S, self.options.term_correction) if pair else []
        self.revisions += bool(captions)
        self._previous = None if captions else self._previous  # a next breath goes alone (revision.py says why)
        return captions

    def _decode(self, utterance: Utterance, audio: np.ndarray, beam_size: int | None = None) -> Hypothesis:
        """Decode; the language is fixed, or detected: at the first partial, then kept for the greedy partials,
        and again on the whole audio for a final-quality decoding (its detection decides who spoke), with word
        timestamps for the word guard and the continuation. A decoding with the configured beam is remembered so
        that the final caption can reuse it."""
        language = self.language if beam_size is None else utterance.language or self.language
        words = beam_size is None and (self.options.word_guard or self.options.continue_after_stop)
        context = self._context(utterance, language, audio.size) if beam_size is None else None
        hypothesis = self.recognizer.decode(audio, language, self.allowed, beam_size, words=words, context=context)
        utterance.language = hypothesis.language
        if hypothesis.language_p is not None:
            utterance.language_p = hypothesis.language_p
        if beam_size is None:
            utterance.hypothesis, utterance.hypothesis_end = hypothesis, utterance.speech_end
        return hypothesis

    def _context(self, utterance: Utterance, language: str | None, samples: int) -> Context | None:
        """The previous final, when ``context_after_final`` is on, this utterance (``samples`` long) is a second
        breath of it (:func:`~translations.revision.follows`) and the clerk is not asked to check it (a wrong
        first half led the second astray)."""
        previous = self._previous
        if not self.options.context_after_final or not follows(
            previous, utterance.start, language, samples, self.options
        ):
            return None
        sure = previous.caption.confidence >= LOW_CONFIDENCE
        return Context(previous.tokens, previous.audio, previous.caption.language) if sure else None


def _join(tokens: list[str], language: str) -> str:
    return " ".join(tokens) if lookup(language).spaced else "".join(tokens)


def _common_prefix(first: list[str], second: list[str]) -> list[str]:
    return [a for a, _ in takewhile(lambda pair: pair[0] == pair[1], zip(first, second, strict=False))]
