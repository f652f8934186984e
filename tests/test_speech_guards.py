"""Pure parts of the speech path: hallucination and loop guards, error rates, streaming VAD."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench.scoring import edit_distance, error_rate
from hardware.wav_file import read_wav
from translations.asr import MAX_PROMPT_TOKENS, MAX_TOKENS, generation_budget, load_terms
from translations.text_guards import (
    adds_new_words,
    as_loud,
    cut_repetitions,
    is_hallucination,
    voiced_after_words,
)
from translations.vad import WINDOW, StreamingVad

ROOT = Path(__file__).resolve().parents[1]
JFK = ROOT.parent / "shared" / "testdata" / "speech" / "en" / "jfk.wav"


@pytest.mark.parametrize(
    "text",
    [
        "시청해 주셔서 감사합니다.",
        "시청해주셔서 감사합니다!",
        "MBC 뉴스 이덕영입니다.",
        "구독과 좋아요 부탁드려요",
        "Thanks for watching!",
        "...",
        "ご視聴ありがとうございました",
        "作词 作曲",
    ],
)
def test_known_hallucinations(text: str) -> None:
    assert is_hallucination(text)


@pytest.mark.parametrize(
    "text", ["감사합니다.", "주민등록등본 한 통 주세요.", "I need a certificate.", "谢谢", "我想办居住证。"]
)
def test_real_requests_are_not_hallucinations(text: str) -> None:
    assert not is_hallucination(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "가족관계증명서 발급해 주세요 가족관계증명서 발급해 주세요",
            "가족관계증명서 발급해 주세요 가족관계증명서 발급해 주세요",
        ),
        ("여기에 서명해 주시면 됩니다 여기에 서명해 주시면 됩니다 여기에", "여기에 서명해 주시면 됩니다"),
        ("네 네 네 네 네 네 네 네", "네 네 네"),
        ("哈哈哈哈哈哈哈哈", "哈哈哈"),
        (  # whisper's loop without the Chinese prompt (docs/bench.md): an unspaced clause said twice
            "甚至出现交易几乎停制的情况。 一二线城市虽然也处于调整中。一二线城市虽然也处于调整中。",
            "甚至出现交易几乎停制的情况。 一二线城市虽然也处于调整中。",
        ),
        ("我要办理身份证我要办理身份证", "我要办理身份证我要办理身份证"),  # a short request repeated, as in Korean
        ("1234567812345678", "1234567812345678"),
        ("제 전화번호는 010 0000 0000입니다", "제 전화번호는 010 0000 0000입니다"),
        ("1000000원입니다", "1000000원입니다"),
        ("Please sign here and here.", "Please sign here and here."),
    ],
)
def test_loops_are_cut_and_real_text_kept(text: str, expected: str) -> None:
    assert cut_repetitions(text) == expected


def test_error_rates() -> None:
    assert edit_distance(list("abc"), list("abd")) == 1
    assert error_rate(["지난해 삼 월"], ["지난해 삼월"], "ko") == 0.0  # spacing does not count for CER
    assert error_rate(["HE HOPED THERE"], ["He hoped, there!"], "en") == 0.0
    assert error_rate(["a b c d"], ["a x c"], "en") == 0.5


def test_civil_terms_file() -> None:
    terms = load_terms()
    assert {"주민등록등본", "가족관계증명서", "전입신고", "인감증명서", "외국인등록증", "체류지 변경신고"} <= set(terms)
    assert not any(t.startswith("#") for t in terms)


@pytest.mark.skipif(not JFK.exists(), reason="shared test speech not present")
def test_streaming_vad_matches_faster_whispers_whole_file_vad() -> None:
    from faster_whisper.vad import get_vad_model

    audio = read_wav(JFK)
    audio = audio[: audio.size // WINDOW * WINDOW]
    whole = np.asarray(get_vad_model()(audio)).reshape(-1)
    vad = StreamingVad()
    streamed = np.concatenate([vad.push(audio[i : i + 1000]) for i in range(0, audio.size, 1000)])
    assert streamed.shape == whole.shape
    assert np.allclose(streamed, whole, atol=1e-5)
    assert (whole > 0.5).mean() > 0.4  # the check has speech to find


def test_vad_finds_no_speech_in_silence_and_noise() -> None:
    vad = StreamingVad()
    rng = np.random.default_rng(0)
    quiet = np.zeros(16000 * 3, np.float32)
    noise = (rng.standard_normal(16000 * 3) * 0.05).astype(np.float32)
    assert vad.push(quiet).max() < 0.5
    assert vad.push(noise).max() < 0.5


@pytest.mark.parametrize("prompt", [4, 5, 40, MAX_PROMPT_TOKENS + 4])
@pytest.mark.parametrize("limit", [24, 72, MAX_TOKENS])
def test_the_decoder_may_generate_the_whole_token_limit(prompt: int, limit: int) -> None:
    """CTranslate2's whisper generates ``min(max_length // 2, max_length - prompt)`` tokens (whisper.cc)."""
    budget = generation_budget(prompt, limit)
    assert min(budget // 2, budget - prompt) >= limit and budget <= 448


def test_voiced_audio_after_the_last_word_is_found() -> None:
    """ "... of his life." decoded while "It was" follows in the audio (a full stop's span is no evidence)."""
    voiced = [False] * 4 + [True] * 71 + [False] * 11 + [True] * 6 + [False] * 16  # 32 ms windows
    words = ((" his", 1.76, 1.90), (" life", 1.90, 2.24), (".", 2.24, 2.56))
    assert voiced_after_words(words, voiced, 0.032)
    assert not voiced_after_words(words, voiced[:86] + [False] * 22, 0.032)  # nothing said after "life"
    assert not voiced_after_words(words[:2], voiced[:75] + [True] * 2 + [False] * 31, 0.032)  # VAD hangover
    assert not voiced_after_words((), voiced, 0.032)
    levels = [0.001] * 4 + [0.1] * 71 + [0.001] * 11 + [0.02] * 6 + [0.001] * 16  # voices 14 dB under the speaker's
    assert not voiced_after_words(words, voiced, 0.032, levels)
    assert voiced_after_words(words, voiced, 0.032, levels[:86] + [0.08] * 6 + levels[92:])  # -1.9 dB: the speaker


def test_background_is_quieter_than_the_speaker() -> None:
    assert as_loud([0.05, 0.06], [0.1, 0.1, 0.2]) and not as_loud([0.04], [0.1])  # -5.2 dB, -8 dB
    assert not as_loud([], [0.1]) and not as_loud([0.1], [])


@pytest.mark.parametrize(
    ("before", "after", "language", "expected"),
    [
        ("It was the first great sorrow of his life.", "It was the first great sorrow of his life. It was", "en", True),
        ("He hoped there would be stew for dinner. Turnip.", "He hoped ... dinner. Turnip. Turnip", "en", False),
        (
            "He hoped there would be stew for dinner. Turnip.",
            "He hoped there would be stew for dinner. Turnip. Turnip",
            "en",
            False,
        ),
        ("Stuff it into you.", "Stuff it into you.", "en", False),
        ("多次", "多次了", "zh", True),  # unspaced: characters count
        ("多次。", "多次。次", "zh", False),
    ],
)
def test_a_continued_decoding_must_add_new_words(before: str, after: str, language: str, expected: bool) -> None:
    assert adds_new_words(before, after, language) is expected
