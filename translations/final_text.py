"""A final caption's words after its decoding: decoded on past a full stop, then cut and guarded.

Without timestamps whisper often ends a decoding at a full stop and leaves out a fragment said after a pause
("... of his life." for "... of his life. It was"); when the speaker's voice follows the last word
(:func:`~translations.text_guards.voiced_after_words`), :func:`decode_on` lets the decoder go on from its own text
(``continue_after_stop``). :func:`final_text` cuts repetitions, drops words whose audio had no voiced window
(``word_guard``) and corrects near-misses of civil-service terms in Korean (``term_correction``,
:func:`translations.glossary.fix_terms`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

import numpy as np

from base.events import Role
from translations.asr import AsrOptions, Context, Hypothesis, SpeechRecognizer
from translations.glossary import fix_terms
from translations.text_guards import adds_new_words, cut_repetitions, drop_unvoiced_words

log = logging.getLogger(__name__)

LIKELY = 0.5  # a decoding continued past its end keeps words only if whisper finds the first more likely than not


class FinalText(NamedTuple):
    text: str
    corrected: bool  # a civil-service term was corrected
    guarded: bool = False  # word(s) whose audio had no voiced window were dropped


def decode_on(
    recognizer: SpeechRecognizer, hypothesis: Hypothesis, audio: np.ndarray, context: Context | None
) -> Hypothesis | None:
    """``hypothesis`` of ``audio`` decoded on from its own tokens, or None when whisper finds no likely new words
    after them. The result is as sure as its least sure part (it is scored after its forced prefix)."""
    more = recognizer.decode(audio, hypothesis.language, words=True, prefix=hypothesis.tokens, context=context)
    said = more.words_p[len(hypothesis.words) : len(hypothesis.words) + 1]  # the first word after it
    if said and said[0] >= LIKELY and adds_new_words(hypothesis.text, more.text, hypothesis.language):
        return replace(more, avg_logprob=min(hypothesis.avg_logprob, more.avg_logprob))
    return None


def final_text(
    hypothesis: Hypothesis, voiced: list[bool], window_s: float, options: AsrOptions, role: Role
) -> FinalText:
    """The text of ``role``'s final decoded as ``hypothesis`` from audio whose ``window_s`` windows are ``voiced``."""
    words = hypothesis.words if options.word_guard else ()
    final = words_text(hypothesis.text, words, hypothesis.language, voiced, window_s, options.term_correction)
    if final.guarded:
        log.info("dropped word(s) whose audio had no voiced window (%s caption)", role.value)
    return final


def words_text(
    text: str,
    words: Sequence[tuple[str, float, float]],
    language: str,
    voiced: Sequence[bool],
    window_s: float,
    terms: bool,
) -> FinalText:
    """``text``, decoded as ``words`` (none: no word guard) from audio whose ``window_s`` windows are ``voiced``:
    repetitions cut, the words without a voiced window dropped and, with ``terms``, Korean civil-service terms
    corrected. A final's text, and each part of a revision's (:mod:`translations.revision`)."""
    guarded = drop_unvoiced_words(words, voiced, window_s)
    text = cut_repetitions(text if guarded is None else guarded)
    fixed = fix_terms(text, language) if terms else text
    return FinalText(fixed, corrected=fixed != text, guarded=guarded is not None)
