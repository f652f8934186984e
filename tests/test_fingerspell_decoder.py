"""Temporal decoding: streams of per-frame letters (and of synthetic hands) into the right Hangul."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from base.hangul import decompose
from sign_models.fingerspell_classifier import FingerspellClassifier, FrameResult
from sign_models.fingerspell_decoder import FingerspellDecoder
from sign_models.fingerspell_spec import load_spec
from sign_models.synthetic_signing import ASPECT, spelled_hands

FPS = 30
PALM = 0.15  # palm size in image heights


class Stream:
    """Frames on a 30 fps clock: holds of a letter (optionally moving) and gaps."""

    def __init__(self, rng: np.random.Generator | None = None) -> None:
        self.t = 0.0
        self.frames: list[FrameResult] = []
        self.rng = rng or np.random.default_rng(0)

    def hold(self, letter: str, seconds: float = 0.7, *, dx: float = 0.0, dy: float = 0.0, jitter: float = 0.0):
        n = round(seconds * FPS)
        for i in range(n):
            shown = letter if self.rng.random() >= jitter else str(self.rng.choice(["ㅏ", "ㄴ", "?", ""]))
            x = 0.5 + dx * PALM * i / n + self.rng.normal(0, 0.003)
            y = 0.5 + dy * PALM * i / n + self.rng.normal(0, 0.003)
            self._add(FrameResult(shown, 0.95, self.t, (x, y), PALM))
        return self

    def gap(self, seconds: float = 0.3, letter: str = "?"):
        for _ in range(round(seconds * FPS)):
            self._add(FrameResult(letter, 0.3, self.t, (0.5, 0.5), PALM))
        return self

    def _add(self, frame: FrameResult) -> None:
        self.frames.append(frame)
        self.t += 1 / FPS


def decode(frames: list[FrameResult]) -> FingerspellDecoder:
    decoder = FingerspellDecoder()
    for frame in frames:
        decoder.push(frame)
    return decoder


def spelled(word: str, rng: np.random.Generator, jitter: float = 0.1) -> Stream:
    """The word's letters as holds with flickering frames, separated by short transitions."""
    stream = Stream(rng)
    doubles = load_spec().doubles
    for letter in decompose(word):
        stream.hold(doubles.get(letter, letter), dx=1.0 if letter in doubles else 0.0, jitter=jitter).gap(0.25)
    return stream


@pytest.mark.parametrize("word", ["한글", "김민수", "안녕하세요", "빨리", "과자", "쓰레기", "읽었어요"])
def test_spelled_words_with_flicker_decode_exactly(word: str) -> None:
    assert decode(spelled(word, np.random.default_rng(len(word))).frames).text == word


def test_one_long_hold_is_one_letter_and_flicker_does_not_split_it() -> None:
    assert decode(Stream().hold("ㄴ", 2.0).frames).letters == ["ㄴ"]
    stream = Stream().hold("ㄴ", 0.6).gap(0.1, "ㅏ").hold("ㄴ", 0.6)
    assert decode(stream.frames).letters == ["ㄴ"]


def test_the_same_letter_again_needs_a_release_or_a_bounce() -> None:
    assert decode(Stream().hold("ㄴ").gap(0.3).hold("ㄴ").frames).letters == ["ㄴ", "ㄴ"]
    bounce = Stream().hold("ㄴ", 0.6).hold("ㄴ", 0.15, dy=1.0).hold("ㄴ", 0.8)
    assert decode(bounce.frames).letters == ["ㄴ", "ㄴ"]


def test_a_sideways_movement_makes_a_double_consonant() -> None:
    assert decode(Stream().hold("ㄱ", 0.8, dx=1.0).frames).letters == ["ㄲ"]
    assert decode(Stream().hold("ㄱ", 0.8).frames).letters == ["ㄱ"]
    assert decode(Stream().hold("ㄱ", 0.8, dy=1.0).frames).letters == ["ㄱ"]  # downward is no double
    assert decode(Stream().hold("ㅏ", 0.8, dx=1.0).frames).letters == ["ㅏ"]  # vowels have no double


def test_a_waiting_consonant_is_committed_when_the_hand_leaves() -> None:
    decoder = FingerspellDecoder()
    for frame in Stream().hold("ㅂ", 0.5).frames:
        decoder.push(frame)
    assert decoder.letters == []  # ㅂ might still become ㅃ
    assert decoder.push(FrameResult("", 0.0, 5.0)) == ["ㅂ"]


def test_unsure_frames_never_make_a_letter() -> None:
    frames = [FrameResult("ㄱ", 0.5, i / FPS, (0.5, 0.5), PALM) for i in range(60)]
    assert decode(frames).letters == []


def test_space_delete_and_clear() -> None:
    decoder = decode(spelled("한", np.random.default_rng(1)).frames)
    decoder.space()
    decoder.space()
    assert decoder.text == "한 "
    assert decoder.delete() == " " and decoder.delete() == "ㄴ"
    assert decoder.text == "하"
    decoder.clear()
    assert decoder.text == "" and decoder.delete() is None
    decoder.space()
    assert decoder.letters == []


def hand_frames(word: str, classifier: FingerspellClassifier, rng: np.random.Generator) -> Iterator[FrameResult]:
    """Synthetic camera frames of ``word`` (see :mod:`sign_models.synthetic_signing`), classified."""
    for t, hand in spelled_hands(word, rng):
        yield classifier.frame(hand, t, aspect=ASPECT)


@pytest.mark.parametrize("word", ["한글", "김민수", "까치"])
def test_synthetic_hands_through_classifier_and_decoder(word: str) -> None:
    classifier = FingerspellClassifier.load()
    decoder = FingerspellDecoder()
    for frame in hand_frames(word, classifier, np.random.default_rng(3)):
        decoder.push(frame)
    decoder.push(FrameResult("", 0.0, 1e6))
    assert decoder.text == word, decoder.letters


def test_a_turn_from_o_to_a_is_one_compound_vowel() -> None:
    quick = Stream().hold("ㄱ").gap(0.25).hold("ㅗ", 0.25).hold("ㅏ", 0.7)  # ㅗ too short to be a letter
    assert decode(quick.frames).letters == ["ㄱ", "ㅘ"]
    slow = Stream().hold("ㄱ").gap(0.25).hold("ㅜ", 0.7).gap(0.15).hold("ㅔ", 0.7)  # ㅜ already committed
    decoded = decode(slow.frames)
    assert decoded.letters == ["ㄱ", "ㅞ"] and decoded.text == "궤"
    apart = Stream().hold("ㄱ").gap(0.25).hold("ㅗ", 0.7).gap(1.0).hold("ㅏ", 0.7)  # two vowels, long apart
    assert decode(apart.frames).letters == ["ㄱ", "ㅗ", "ㅏ"] and decode(apart.frames).text == "과"
    assert decode(Stream().hold("ㅏ", 0.25).hold("ㅗ", 0.7).frames).letters == ["ㅗ"]  # no ㅏ->ㅗ compound


@pytest.mark.parametrize("word", ["과자", "원", "왜"])
def test_synthetic_turns_through_classifier_and_decoder(word: str) -> None:
    classifier = FingerspellClassifier.load()
    decoder = FingerspellDecoder()
    for frame in hand_frames(word, classifier, np.random.default_rng(5)):
        decoder.push(frame)
    decoder.push(FrameResult("", 0.0, 1e6))
    assert decoder.text == word, decoder.letters
    assert set(decoder.letters) & set("ㅘㅙㅝㅞ"), decoder.letters  # the turn, not two separate vowels
