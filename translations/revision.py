"""Two finals heard again as one utterance (issue 16: a question said in two breaths).

A first breath the clerk is asked to check (below ``LOW_CONFIDENCE``) gives the second no context: the second is
decoded alone, and the first's own errors, made without what followed, would stay on screen. When such a final is
followed within ``unended_silence_s`` by the next final of the same transcriber, in its language, both are decoded
again as one utterance (the first's audio, then the second's) once the second is shown and while nobody speaks
(:class:`~translations.streaming.StreamingTranscriber` drops it when a new utterance starts; one decoding of at most
30 s, which CTranslate2 cannot cut short), after the final the first was decoded after, if any, with that final's
closing mark left to the decoder (measured: en reverb +0.8 -> +0.0 points, docs/bench.md). Its words are split
between the two lines at the end of the first's audio by their timestamps; the word guard and the repetition cut
apply to each part. When a part is empty or a known hallucination the lines stay as they are; when the text differs
and the joined decoding is surer than the first (its confidence above the first's), both lines are sent again with
``Caption.revised`` and that confidence (a revision the clerk is asked to check shows as such). Korean parts get the
civil-service term correction a final gets (:func:`translations.glossary.fix_terms`, ``term_correction``) before
they are compared. After a revision the next breath is decoded alone and paired with nothing: the second line now
reads as the joined decoding's second part, which has no tokens of its own to decode after, and pairing the second
again would replace a reading made with the first's words by one made without them (judged against the second's own,
doubtful, first reading). The screens mark a revised line and the store keeps the first reading
(:mod:`kiosk.store_schema`).
Measured (SYNTHETIC, docs/bench.md, eleventh session): revising after a confident first too made the joined and
breaths English sets worse (whisper without timestamps dropped or repeated a sentence of the joined audio).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from base.audio import SAMPLE_RATE
from base.events import LOW_CONFIDENCE, Caption
from translations.asr import MAX_SAMPLES, AsrOptions, Context, SpeechRecognizer
from translations.final_text import words_text
from translations.text_guards import is_hallucination


@dataclass(frozen=True)
class Shown:
    """A final caption on the screens and what it was decoded from."""

    caption: Caption
    audio: np.ndarray
    voiced: tuple[bool, ...]  # one flag per VAD window of ``audio``
    tokens: tuple[int, ...]
    context: Context | None = None  # what it was decoded after (the final before it), if anything


def in_window(before: int, samples: int) -> bool:
    """Whether ``samples`` of audio decoded after ``before`` samples of context fit in whisper's window whole."""
    return before + samples <= MAX_SAMPLES


def follows(previous: Shown | None, start: float, language: str | None, samples: int, options: AsrOptions) -> bool:
    """True when an utterance (``samples`` long) starting at ``start`` s in ``language`` is a second breath of
    ``previous``: it started at most ``unended_silence_s`` after its end, in its language, and both fit in
    whisper's window."""
    if previous is None:
        return False
    fits = in_window(previous.audio.size, samples) and language == previous.caption.language
    return fits and start - previous.caption.end <= options.unended_silence_s


def revisable(first: Shown, second: Shown, options: AsrOptions) -> bool:
    """True when ``first`` and ``second`` are to be decoded again as one: ``revise_after_final`` is on, ``first``
    is a caption the clerk is asked to check (``second`` was decoded without it) and ``second`` :func:`follows` it."""
    sure = first.caption.confidence is None or first.caption.confidence >= LOW_CONFIDENCE
    return (
        options.revise_after_final
        and not sure
        and follows(first, second.caption.start, second.caption.language, second.audio.size, options)
    )


def revised(recognizer: SpeechRecognizer, first: Shown, second: Shown, window_s: float, terms: bool) -> list[Caption]:
    """``first`` and ``second`` as the joined decoding reads them (revised captions; ``terms``: Korean civil-service
    terms corrected), or [] when it reads them the same, no surer than ``first`` was read, or cannot split them.
    The pair is decoded after ``first.context``, its closing mark left open, when it fits in whisper's window:
    without the final before ``first`` "ask not" (said after "Americans!") read "And not", after "Americans!"
    still "And not", after "Americans" "ask not" (issue 16)."""
    audio = np.concatenate([first.audio, second.audio])
    context = first.context
    if context is not None:  # heard with what follows it now: its closing mark is the decoder's to write
        context = replace(context, open_end=True) if in_window(context.audio.size, audio.size) else None
    hypothesis = recognizer.decode(audio, second.caption.language, words=True, context=context)
    cut = first.audio.size / SAMPLE_RATE
    voiced = (*first.voiced, *second.voiced)
    halves = (
        [w for w in hypothesis.words if (w[1] + w[2]) / 2 < cut],
        [w for w in hypothesis.words if (w[1] + w[2]) / 2 >= cut],
    )
    language = second.caption.language
    texts = [words_text(_joined(words), words, language, voiced, window_s, terms).text for words in halves]
    texts[0] = _begun_as(first.caption.text, texts[0])
    if not all(texts) or any(is_hallucination(text) for text in texts):
        return []
    if texts == [first.caption.text, second.caption.text] or hypothesis.confidence <= first.caption.confidence:
        return []  # the same, or read no surer than the doubtful first
    return [
        replace(shown.caption, text=text, confidence=hypothesis.confidence, revised=True)
        for shown, text in zip((first, second), texts, strict=True)
    ]


def _begun_as(shown: str, text: str) -> str:
    """``text`` beginning in the case the line it replaces began with. The first line begins after a sentence the
    screens show ended (or none): the joined decoding, its context's closing mark left open, may read it as a
    continuation ("Americans, ask not ..."), but on screen the line before still ends "Americans." (the real
    jfk.wav: "Ask not." was revised to "ask not")."""
    if shown[:1].isupper() and text[:1].islower():
        return text[0].upper() + text[1:]
    return text


def _joined(words: list[tuple[str, float, float]]) -> str:
    return "".join(w[0] for w in words).strip()
