"""The speech sets of ``kiosk bench asr --set`` are made as documented (no model: a fake aligner for ``cut``)."""

from __future__ import annotations

import numpy as np
import pytest

from bench.asr_sets import (
    BREATH_S,
    DIRECT_TO_REVERB_DB,
    GAP_S,
    PAUSE_S,
    QUIET_DB,
    RATE,
    RT60_S,
    WHITE_SNR_DB,
    make_set,
    room_response,
)
from bench.asr_shifts import LEADS_MS, language_samples, table, variants
from cli.measure import asr_overrides

TONE = (0.3 * np.sin(2 * np.pi * 220 * np.arange(2 * RATE) / RATE)).astype(np.float32)
CLIPS = [("ko", "가나 다라", TONE), ("ko", "마바 사아", TONE * 0.5), ("en", "one two", TONE), ("zh", "一二", TONE)]


class FakeAligner:
    """Reference words one every 0.5 s (0.3 s long) from 0.1 s on."""

    def align(self, audio: np.ndarray, text: str, language: str) -> tuple[tuple[str, float, float], ...]:
        return tuple((f" w{i}", 0.1 + 0.5 * i, 0.4 + 0.5 * i) for i in range(int(audio.size / RATE / 0.5)))


def test_white_noise_is_added_at_the_stated_snr_and_the_same_every_run() -> None:
    first, again = make_set("white", CLIPS, FakeAligner()), make_set("white", CLIPS, FakeAligner())
    for sample, repeat, (_, reference, clean) in zip(first, again, CLIPS, strict=True):
        assert np.array_equal(sample.audio, repeat.audio) and sample.reference == reference
        noise = sample.audio.astype(np.float64) - clean
        snr = 10 * np.log10(np.mean(clean.astype(np.float64) ** 2) / np.mean(noise**2))
        assert abs(snr - WHITE_SNR_DB) < 0.3


def test_joined_clips_are_same_language_pairs_with_a_gap() -> None:
    joined = make_set("joined", CLIPS, FakeAligner())
    assert [(s.language, s.reference) for s in joined] == [("ko", "가나 다라 마바 사아")]
    assert joined[0].audio.size == 2 * TONE.size + int(GAP_S * RATE)


def test_babble_mixes_other_clips_in_below_the_speech() -> None:
    babble = make_set("babble", CLIPS, FakeAligner())
    assert all(not np.array_equal(s.audio, c[2]) for s, c in zip(babble, CLIPS, strict=True))
    extra = babble[0].audio.astype(np.float64) - CLIPS[0][2]
    assert 0 < np.mean(extra**2) < np.mean(CLIPS[0][2].astype(np.float64) ** 2) / 10


def test_a_cut_clip_ends_between_two_reference_words_and_keeps_the_words_before() -> None:
    cut = make_set("cut", CLIPS[:1], FakeAligner())[0]
    # words start at 0.1, 0.6, 1.1, 1.6; 55 % of 2 s is 1.1 s: the cut is before w2, in the middle of the
    # gap between w1 (ends 0.9 s) and w2 (starts 1.1 s)
    assert cut.reference == "w0 w1"
    assert cut.audio.size == int(1.0 * RATE)


def test_unknown_sets_and_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        make_set("echo", CLIPS, FakeAligner())
    assert asr_overrides(["beam_size=5", "word_guard=0", "min_window_s=30"]) == {
        "beam_size": 5,
        "word_guard": False,
        "min_window_s": 30.0,
    }
    with pytest.raises(ValueError):
        asr_overrides(["beams=5"])


def test_short_phrases_are_the_opening_words_followed_by_a_pause() -> None:
    short = make_set("short", CLIPS[:1], FakeAligner())
    # words start at 0.1, 0.6, 1.1, 1.6 s: 2 s and 3 s of speech (2.1 s, 3.1 s) both lie past the 2 s clip, so
    # both phrases would end at the last word boundary (w2 ends 1.4 s, w3 starts 1.6 s: cut at 1.5 s)
    assert [s.reference for s in short] == ["w0 w1 w2"]  # once, not twice
    pause = int(PAUSE_S * RATE)
    assert short[0].audio.size == int(1.5 * RATE) + pause
    longer = make_set("short", [("ko", "가나 다라", np.tile(TONE, 2))], FakeAligner())
    assert [s.reference for s in longer] == ["w0 w1 w2 w3", "w0 w1 w2 w3 w4 w5"]  # cut before 2.1 s and 3.1 s
    quietest = CLIPS[0][2][: int(0.3 * RATE)]  # a steady tone: every window is as loud, the first is taken
    assert np.array_equal(short[0].audio[-pause:], np.resize(quietest, pause))


def test_the_pause_after_a_short_phrase_is_the_clips_room_tone_not_its_speech() -> None:
    room = np.full(RATE // 2, 0.001, np.float32)
    clip = ("ko", "가나 다라", np.concatenate([TONE, room, TONE]))
    pause = make_set("short", [clip], FakeAligner())[0].audio[-int(PAUSE_S * RATE) :]
    assert np.abs(pause).max() == np.float32(0.001)


def test_shifted_copies_change_only_the_silence_before_the_speech() -> None:
    shifted = variants(TONE)
    assert list(shifted) == [f"lead {ms}" for ms in LEADS_MS]
    lead = shifted["lead 30"]
    assert lead.size == TONE.size + 480 and not lead[:480].any() and np.array_equal(lead[480:], TONE)
    assert np.array_equal(shifted["lead 0"], TONE)


def test_the_shift_table_says_whether_the_kiosk_lies_in_offlines_own_spread() -> None:
    def rows(edits: list[tuple[int, int]]) -> list[dict]:
        names = [f"lead {ms}" for ms in LEADS_MS]
        return [
            {"language": "ko", "variant": v, "units": 100, "streaming_edits": s, "offline_edits": o}
            for v, (s, o) in zip(names, edits, strict=True)
        ]

    noisy_offline = table("cut", rows([(9, 7), (9, 10), (9, 9), (9, 7), (9, 8)]))[0]
    assert "0.090 / 0.070" in noisy_offline and "0.070 / 0.080 / 0.100" in noisy_offline
    assert noisy_offline.endswith("| +1.0 | inside |")  # differences +2, -1, 0, +2, +1 points
    assert table("cut", rows([(9, 7)] * 5))[0].endswith("| above (worse) |")
    assert table("cut", rows([(5, 7)] * 5))[0].endswith("| below (better) |")


def test_quiet_clips_are_20_to_30_db_quieter_and_the_same_every_run() -> None:
    quiet, again = make_set("quiet", CLIPS, FakeAligner()), make_set("quiet", CLIPS, FakeAligner())
    drops = [20 * np.log10(np.abs(c[2]).max() / np.abs(s.audio).max()) for s, c in zip(quiet, CLIPS, strict=True)]
    assert all(QUIET_DB[0] <= d <= QUIET_DB[1] for d in drops) and len(set(np.round(drops, 3))) > 1
    assert all(np.array_equal(s.audio, r.audio) for s, r in zip(quiet, again, strict=True))


def test_the_room_response_decays_60_db_over_its_rt60_after_a_direct_path() -> None:
    response = room_response(0.6, seed=16)
    assert response[0] == 1.0 and response.size == int(0.6 * RATE)
    reverberant = np.sum(response[1:] ** 2)
    assert abs(10 * np.log10(1.0 / reverberant) - DIRECT_TO_REVERB_DB) < 0.01
    tenth = int(0.06 * RATE)  # first and last 60 ms of the tail: about 54 dB apart (60 dB over 0.6 s, 0.54 s between)
    fall = 10 * np.log10(np.mean(response[1 : 1 + tenth] ** 2) / np.mean(response[-tenth:] ** 2))
    assert 50 < fall < 58


def test_reverberant_clips_keep_their_tail_and_level() -> None:
    reverb = make_set("reverb", CLIPS, FakeAligner())
    for sample, (_, reference, clean) in zip(reverb, CLIPS, strict=True):
        tail = sample.audio.size - clean.size
        assert sample.reference == reference and RT60_S[0] * RATE - 2 <= tail <= RT60_S[1] * RATE
        assert abs(np.sqrt(np.mean(sample.audio**2)) - np.sqrt(np.mean(clean**2))) < 0.01


def test_the_phone_line_keeps_the_voice_band_and_cuts_what_lies_outside_it() -> None:
    t = np.arange(RATE) / RATE
    level = {}
    for hz in (100, 1000, 5000):
        tone = ("ko", "가", (0.3 * np.sin(2 * np.pi * hz * t)).astype(np.float32))
        line = make_set("phone", [tone], FakeAligner())[0].audio
        assert line.size == tone[2].size
        level[hz] = 20 * np.log10(np.sqrt(np.mean(line[RATE // 4 :] ** 2)) / np.sqrt(np.mean(tone[2] ** 2)))
    assert abs(level[1000]) < 1.0 and level[100] < -20 and level[5000] < -30
    constant = make_set("phone", [("ko", "가", np.full(RATE, 0.1, np.float32))], FakeAligner())[0].audio
    assert np.abs(constant[RATE // 2 :]).max() < 0.01  # nor does a constant (0 Hz), once the filter has settled


def test_breaths_are_an_opening_phrase_split_by_a_pause_then_far_and_reverberant() -> None:
    breaths, again = make_set("breaths", CLIPS, FakeAligner()), make_set("breaths", CLIPS, FakeAligner())
    # words start at 0.1, 0.6, 1.1, 1.6 s: the phrase ends at 1.5 s (w0 w1 w2), its middle boundary at 0.5 s
    assert [s.reference for s in breaths] == ["w0 w1 w2"] * len(CLIPS)
    assert all(np.array_equal(s.audio, r.audio) for s, r in zip(breaths, again, strict=True))
    pauses = []
    for sample, (_, _, clean) in zip(breaths, CLIPS, strict=True):
        extra = sample.audio.size / RATE - 1.5 - PAUSE_S  # the pause and the reverberant tail
        assert BREATH_S[0] + RT60_S[0] - 0.01 <= extra <= BREATH_S[1] + RT60_S[1]
        pauses.append(extra)
        drop = 20 * np.log10(np.sqrt(np.mean(clean[: int(1.5 * RATE)] ** 2)) / np.sqrt(np.mean(sample.audio**2)))
        assert QUIET_DB[0] <= drop <= QUIET_DB[1] + 6  # far: quieter (the pauses lower the mean a little more)
    assert len(set(np.round(pauses, 3))) > 1  # seeded per clip


def test_one_languages_shifted_samples_are_the_ones_the_bench_scores() -> None:
    """``bench.asr_shifts --language zh`` judges the zh breaths of ``kiosk bench asr --set breaths``: each sample's
    pause and room are drawn from its clip's place among all the clips, not among one language's."""
    everything = make_set("breaths", CLIPS, FakeAligner())
    chinese = language_samples("breaths", CLIPS, FakeAligner(), "zh")
    assert [s.language for s in chinese] == ["zh"]
    assert np.array_equal(chinese[0].audio, everything[-1].audio)
    alone = make_set("breaths", [c for c in CLIPS if c[0] == "zh"], FakeAligner())  # the clip at place 0: other draws
    assert not np.array_equal(alone[0].audio, chinese[0].audio)
    assert len(language_samples("breaths", CLIPS, FakeAligner(), None)) == len(CLIPS)
