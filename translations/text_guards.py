"""Guards against whisper's known failure modes, as pure functions on text.

- Silence hallucinations: whisper trained on subtitles "hears" broadcast sign-offs in silence or noise
  ("시청해 주셔서 감사합니다", "MBC 뉴스 ...", "구독과 좋아요", "Thanks for watching"). They are dropped when
  the audio evidence says silence (few VAD speech frames or a high no-speech probability).
- Repetition loops: the decoder may repeat a word or phrase until the token limit; the text is cut after
  the second repeat.
- Words in silence: a word whose time span (whisper's word timestamps) holds no voiced VAD window is dropped,
  e.g. a filler such as "여보," inserted before the speech starts (:func:`drop_unvoiced_words`).
- A sentence not ended: a caption whose text stops without a full stop, question or exclamation mark (or trails
  off, "...") is a question said in two breaths more often than a whole one (:func:`ends_sentence`).
- Speech after the last word: without timestamps the decoder often ends at a full stop and leaves out a short
  fragment said after it ("... of his life." for "... of his life. It was"); :func:`voiced_after_words` finds
  voiced audio that no word covers and that is as loud as the words (:func:`as_loud`: background voices are
  not the speaker going on), and the decoding is then continued after the text.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

import numpy as np

from base.languages import lookup

SENTENCE_ENDS = (".", "?", "!", "。", "？", "！")
TRAIL_OFFS = ("...", "…")
TAIL_BELOW_DB = -6.0  # speech after the last word quieter than this (against the words before) is background
LOOP_CHARACTERS = 8  # an unspaced clause this long said twice in a row is a loop (4 words are ~8 Chinese characters)

HALLUCINATIONS = (
    "시청해 주셔서 감사합니다",
    "시청해주셔서 감사합니다",
    "구독과 좋아요",
    "구독 좋아요",
    "좋아요와 구독",
    "mbc 뉴스",
    "kbs 뉴스",
    "sbs 뉴스",
    "뉴스 이덕영입니다",
    "다음 영상에서 만나요",
    "thanks for watching",
    "thank you for watching",
    "please subscribe",
    "subtitles by",
    "字幕",
    "请不吝点赞",
    "作词",  # a song's credits, "作词 作曲 ...": read from noise with the Chinese prompt (docs/bench.md)
    "作曲",
    "ご視聴ありがとうございました",
)


def normalise(text: str) -> str:
    """Lower-case, NFKC, punctuation removed, spaces collapsed (for matching only)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text)
    return " ".join(text.split())


def is_hallucination(text: str) -> bool:
    """True when ``text`` contains a known silence hallucination."""
    flat = normalise(text)
    squashed = flat.replace(" ", "")
    return any(normalise(p).replace(" ", "") in squashed for p in HALLUCINATIONS) or not squashed


def cut_repetitions(text: str, max_repeats: int = 3) -> str:
    """Cut decoding loops: a clause of 4 or more words (in unspaced scripts ``LOOP_CHARACTERS`` or more, half of
    them letters) said twice in a row is kept once; a phrase of 1-3 words (or 1-6 non-digit characters in unspaced
    scripts) keeps ``max_repeats`` copies. Digits are never cut (document and phone numbers repeat them
    legitimately)."""
    words = text.split()
    for size in range(1, 4):
        for start in range(0, max(0, len(words) - size * (max_repeats + 1) + 1)):
            unit = words[start : start + size]
            repeats = 1
            while words[start + repeats * size : start + (repeats + 1) * size] == unit:
                repeats += 1
            if repeats > max_repeats:
                return " ".join(words[: start + max_repeats * size])
    for size in range(4, len(words) // 2 + 1):  # a whole clause said twice in a row is a decoding loop
        for start in range(0, len(words) - 2 * size + 1):
            if words[start : start + size] == words[start + size : start + 2 * size]:
                return " ".join(words[: start + size])
    match = re.search(rf"([^\d\s]{{1,6}}?)\1{{{max_repeats},}}", text)
    if match:
        return text[: match.start() + len(match.group(1)) * max_repeats].strip()
    for match in re.finditer(rf"(\S{{{LOOP_CHARACTERS},}}?)\1", text):  # unspaced scripts' clause said twice
        if len(re.findall(r"[^\W\d]", match.group(1))) >= LOOP_CHARACTERS // 2:
            return text[: match.end(1)].strip()
    return text


def drop_unvoiced_words(
    words: Sequence[tuple[str, float, float]], voiced: Sequence[bool], window_s: float, slack_s: float = 0.1
) -> str | None:
    """The text without the words whose span ``(text, start, end)`` (seconds from the utterance start) has no
    voiced window in ``voiced`` (one flag per VAD window), allowing ``slack_s`` of timestamp error each side.
    A word that ends before the utterance starts (negative times: a decoding after the previous caption's audio
    that wrote that audio's words again) has none. None when nothing was dropped (keep the decoder's text)."""
    kept = []
    for text, start, end in words:
        first = max(0, int((start - slack_s) / window_s))
        last = min(len(voiced), max(0, math.floor((end + slack_s) / window_s) + 1))
        if any(voiced[first:last]):
            kept.append(text)
    if len(kept) == len(words):
        return None
    return "".join(kept).strip()


def voiced_after_words(
    words: Sequence[tuple[str, float, float]],
    voiced: Sequence[bool],
    window_s: float,
    levels: Sequence[float] | None = None,
    least_s: float = 0.1,
    slack_s: float = 0.1,
) -> bool:
    """True when at least ``least_s`` of voiced windows come after a pause that follows the last word holding a
    letter or digit: ``slack_s`` after its end (a full stop's span is no evidence: it often runs into the next
    word), and past the voiced run that goes on from there (the word's own end, which whisper's timestamps
    often cut short). With ``levels`` (one RMS per window) those windows must also be the speaker's own voice,
    not background voices that keep the VAD voiced after the speaker stopped (:func:`as_loud`)."""
    spoken = [end for text, _, end in words if any(ch.isalnum() for ch in text)]
    if not spoken:
        return False
    first = int((spoken[-1] + slack_s) / window_s) + 1
    while first < len(voiced) and voiced[first]:
        first += 1
    if sum(voiced[first:]) * window_s < least_s:
        return False
    if levels is None:
        return True
    before = [level for level, flag in zip(levels[:first], voiced[:first], strict=False) if flag]
    after = [level for level, flag in zip(levels[first:], voiced[first:], strict=False) if flag]
    return as_loud(after, before)


def as_loud(tail: Sequence[float], speech: Sequence[float], below_db: float = TAIL_BELOW_DB) -> bool:
    """True when the median level of ``tail`` is at most ``below_db`` under that of ``speech`` (RMS values).

    The same speaker going on after a pause speaks about as loud as before; the voices behind them, which the
    VAD hears as speech too, are quieter. Measured (issue 16): the real fragments after a full stop -1.2 and
    +5.1 dB, the babble set's background voices after the speaker stopped -7.7 to -17.8 dB."""
    if not tail or not speech:
        return False
    return 20 * math.log10(max(float(np.median(tail)), 1e-9) / max(float(np.median(speech)), 1e-9)) >= below_db


def text_units(text: str, language: str) -> list[str]:
    """``text``'s words, or its characters (spaces left out) in a language written without spaces."""
    return text.split() if lookup(language).spaced else list(text.replace(" ", ""))


def adds_new_words(before: str, after: str, language: str) -> bool:
    """True when ``after`` (a decoding continued from ``before``) adds units (:func:`text_units` of ``language``)
    that are not a copy of the ones ``before`` ends with ("... for dinner. Turnip." -> "... Turnip. Turnip")."""
    old_units, new_units = text_units(normalise(before), language), text_units(normalise(after), language)
    added = new_units[len(old_units) :]
    return bool(added) and new_units[: len(old_units)] == old_units and old_units[-len(added) :] != added


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with a full stop, question or exclamation mark, and does not trail off ("...")."""
    text = text.rstrip()
    return text.endswith(SENTENCE_ENDS) and not text.endswith(TRAIL_OFFS)
