"""When the streaming transcriber decodes (a scripted VAD and a recording fake recogniser: no model needed)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from base.events import Caption, Role
from kiosk.channels.transcribe import stream_audio
from translations.asr import AsrOptions, Hypothesis
from translations.streaming import WINDOW_S, StreamingTranscriber
from translations.text_guards import drop_unvoiced_words
from translations.vad import WINDOW


class ScriptedVad:
    """Speech probabilities from a script, one per 32 ms window."""

    def __init__(self, probabilities: list[float]) -> None:
        self.probabilities, self.position = probabilities, 0

    def push(self, samples: np.ndarray) -> np.ndarray:
        count = samples.size // WINDOW
        out = self.probabilities[self.position : self.position + count]
        self.position += count
        return np.array(out + [0.0] * (count - len(out)), np.float32)

    def reset(self) -> None: ...


class RecordingRecognizer:
    def __init__(self, options: AsrOptions, words: tuple = ()) -> None:
        self.options, self.calls, self.words = options, [], words

    def decode(self, audio, language, allowed=(), beam_size=None, words=False, prefix=(), context=None) -> Hypothesis:
        self.calls.append((round(audio.size / 16000, 2), beam_size, language))
        text = "".join(w[0] for w in self.words).strip() if self.words else "안녕하세요, 민원 창구입니다."
        spans = self.words if words else ()
        return Hypothesis(text, "ko", -0.2, 0.01, 0.0, 0.93 if language is None else None, spans)


def stream(
    recognizer: RecordingRecognizer,
    script: list[float],
    language: str | None = None,
    allowed: tuple[str, ...] = ("ko", "en"),
    levels: list[float] | None = None,
) -> list[Caption]:
    """Every caption of a transcriber over ``recognizer`` fed one window per VAD probability of ``script``
    (silent windows, or windows at ``levels``), flushed at the end."""
    transcriber = StreamingTranscriber(
        recognizer,
        Role.VISITOR,
        language=language,
        allowed=allowed,
        options=recognizer.options,
        vad=ScriptedVad(script),
    )
    captions = []
    for level in levels or [0.0] * len(script):
        transcriber.push(np.full(WINDOW, level, np.float32))
        captions += transcriber.poll()
    return captions + transcriber.flush()


def run(script: list[float], words: tuple = (), **options: object) -> tuple[RecordingRecognizer, list]:
    recognizer = RecordingRecognizer(
        replace(AsrOptions(model_dir=Path("unused")), partial_interval_s=0.5, **options), words
    )
    return recognizer, stream(recognizer, script)


# 1.6 s of speech, a 0.1 s dip, 0.3 s more speech (ending after 63 windows, 2.02 s), then closing silence
SCRIPT = [0.9] * 50 + [0.1] * 3 + [0.9] * 10 + [0.0] * 30
SPEECH_END_S = 63 * WINDOW / 16000


def test_no_greedy_partial_is_started_in_the_closing_silence() -> None:
    quiet, _ = run(SCRIPT)
    eager, _ = run(SCRIPT, quiet_partials=False)
    assert [c for c in eager.calls if c[1] == 1 and c[0] > SPEECH_END_S]  # the scenario bites: one comes due
    assert not [c for c in quiet.calls if c[1] == 1 and c[0] > SPEECH_END_S]  # the final does not wait behind it
    assert [c[1] for c in quiet.calls][-1] is None  # the last decoding is the final's


def test_the_final_detects_the_language_on_the_whole_utterance() -> None:
    recognizer, captions = run(SCRIPT)
    final_quality = [c for c in recognizer.calls if c[1] is None]
    assert final_quality and all(language is None for _, _, language in final_quality)
    finals = [c for c in captions if c.final]
    assert len(finals) == 1 and finals[0].language_p == 0.93


def test_a_word_heard_in_silence_is_dropped() -> None:
    # 0.3 s of silence (the pre-roll the utterance keeps), then speech from 0.29 s on
    script = [0.0] * 9 + [0.9] * 40 + [0.0] * 30
    words = (("여보,", 0.0, 0.12), (" 등본", 0.40, 0.80), (" 떼러", 0.80, 1.10), (" 왔어요", 1.10, 1.50))
    _, captions = run(script, words)
    assert [c.text for c in captions if c.final] == ["등본 떼러 왔어요"]
    _, captions = run(script, words, word_guard=False)  # without the guard the filler stays
    assert [c.text for c in captions if c.final] == ["여보, 등본 떼러 왔어요"]


def test_words_timed_before_the_utterance_are_dropped() -> None:
    """Decoded after the previous caption's audio, whisper may write that audio's words again: their times are
    negative (before this utterance). They were kept: a negative end made the slice of voiced windows
    ``voiced[0:-n]``, most of the utterance."""
    words = (("And so my fellow Americans", -2.2, -0.4), (" ask not.", 0.40, 1.10))
    assert drop_unvoiced_words(words, [True] * 40, WINDOW_S) == "ask not."
    assert drop_unvoiced_words(words[1:], [True] * 40, WINDOW_S) is None


class StoppingRecognizer(RecordingRecognizer):
    """Stops at a full stop (as whisper without timestamps does) unless asked to go on after its own tokens;
    whisper's probability of the words after the stop is ``after_p``."""

    def __init__(self, options: AsrOptions, words: tuple, after_p: float) -> None:
        super().__init__(options, words)
        self.after_p = after_p

    def decode(self, audio, language, allowed=(), beam_size=None, words=False, prefix=(), context=None) -> Hypothesis:
        super().decode(audio, language, allowed, beam_size, words)
        said = self.words if prefix else self.words[:3]
        text = "".join(w[0] for w in said).strip()
        p = tuple(0.9 if i < 3 else self.after_p for i in range(len(said)))
        return Hypothesis(text, "en", -0.2, 0.01, 0.0, None, said if words else (), tuple(range(len(said))), p)


def final_after_a_stop(continue_after_stop: bool, after_p: float = 0.8, tail: float = 0.1, **options) -> list[str]:
    """1.6 s of speech, a 0.35 s pause, 0.3 s of speech: the first decoding ends at "life." and leaves the
    voiced fragment after it out (issue 16, the English short set). The speech is a tone at 0.1, the fragment
    at ``tail``."""
    script = [0.9] * 50 + [0.0] * 11 + [0.9] * 10 + [0.0] * 30
    words = ((" of his", 0.30, 1.20), (" life", 1.20, 1.60), (".", 1.60, 1.90), (" It was", 1.96, 2.25))
    base = replace(AsrOptions(model_dir=Path("unused")), partial_interval_s=1e9, **options)
    recognizer = StoppingRecognizer(replace(base, continue_after_stop=continue_after_stop), words, after_p)
    transcriber = StreamingTranscriber(
        recognizer, Role.VISITOR, language="en", allowed=("en",), options=recognizer.options, vad=ScriptedVad(script)
    )
    levels = [0.1] * 50 + [0.0] * 11 + [tail] * 10 + [0.0] * 30
    tone = np.sin(np.arange(WINDOW) * 0.3).astype(np.float32) * np.sqrt(2)  # RMS 1
    captions = [c for level in levels for c in (transcriber.push(level * tone), transcriber.poll())[1]]
    return [c.text for c in captions + transcriber.flush() if c.final]


def test_a_fragment_after_a_full_stop_is_decoded() -> None:
    assert final_after_a_stop(True) == ["of his life. It was"]
    assert final_after_a_stop(False) == ["of his life."]


def test_an_unlikely_word_after_the_stop_is_not_added() -> None:
    """Background voices after the speaker stopped: forced to go on, whisper writes a filler it finds unlikely
    ("네" at 0.01, "Good" at 0.48 in the babble set); the words after the stop must be more likely than not."""
    assert final_after_a_stop(True, after_p=0.3) == ["of his life."]


def test_background_voices_after_the_stop_are_not_decoded() -> None:
    """Voices 8 dB under the speaker's (the babble set: -7.7 to -17.8 dB) are not the speaker going on: no
    decoding is spent on them, whatever whisper would find in them; the real fragments were -1.2 and +5.1 dB."""
    assert final_after_a_stop(True, tail=0.04) == ["of his life."]
    assert final_after_a_stop(True, tail=0.07) == ["of his life. It was"]  # -3 dB: the speaker


def test_the_fragment_is_decoded_without_the_word_guard() -> None:
    """The continuation needs word timestamps; with the word guard off they are still asked for."""
    assert final_after_a_stop(True, word_guard=False) == ["of his life. It was"]


def test_a_partial_due_when_the_speech_ends_is_skipped_for_the_final() -> None:
    """The worker was busy: one read brings 1.6 s of speech (a greedy partial is long due), its end and part of
    the closing silence. The only decoding is the final-quality one; no partial is decoded before it."""
    speech_then_pause = [0.9] * 50 + [0.0] * 8  # 0.26 s of silence: a pause that may be the end
    options = replace(AsrOptions(model_dir=Path("unused")), partial_interval_s=0.5)
    recognizer = RecordingRecognizer(options)
    transcriber = StreamingTranscriber(
        recognizer, Role.CLERK, language="ko", allowed=("ko",), options=options, vad=ScriptedVad(speech_then_pause)
    )
    transcriber.push(np.zeros(WINDOW * len(speech_then_pause), np.float32))
    partials = transcriber.poll()
    assert [call[1] for call in recognizer.calls] == [None]  # beam None: the final's settings, not greedy
    transcriber.push(np.zeros(WINDOW * 10, np.float32))  # the silence goes on: the utterance ends
    finals = transcriber.poll()
    assert len(recognizer.calls) == 1  # the pause's decoding is the final: nothing decoded again
    assert [c.final for c in partials + finals] == [False, True]


def test_korean_finals_get_civil_terms_corrected() -> None:
    words = (("주민등록등봉을", 0.0, 0.8), (" 떼러", 0.8, 1.1), (" 왔어요", 1.1, 1.5))
    _, captions = run(SCRIPT, words, term_correction=True)
    assert [c.text for c in captions if c.final] == ["주민등록등본을 떼러 왔어요"]
    _, captions = run(SCRIPT, words)  # off by default
    assert [c.text for c in captions if c.final] == ["주민등록등봉을 떼러 왔어요"]


class ScriptedRecognizer(RecordingRecognizer):
    """Greedy partials read one hypothesis after another from a script; the final reads the last one."""

    def __init__(self, options: AsrOptions, texts: list[str]) -> None:
        super().__init__(options)
        self.texts = texts

    def decode(self, audio, language, allowed=(), beam_size=None, words=False, prefix=(), context=None) -> Hypothesis:
        super().decode(audio, language, allowed, beam_size, words)
        text = self.texts[min(len(self.calls), len(self.texts)) - 1] if beam_size == 1 else self.texts[-1]
        return Hypothesis(text, "ko", -0.2, 0.01, 0.0, None, ())


def test_words_two_partials_agree_on_stay_on_screen() -> None:
    """LocalAgreement-2: once two consecutive partials agree on the first words, later partials show them
    unchanged, even when the decoder changes its mind about them."""
    options = replace(AsrOptions(model_dir=Path("unused")), partial_interval_s=0.5)
    texts = ["등본 떼러", "등본 떼러 왔는데", "등분 때러 왔어요 수수료는", "등본 떼러 왔어요 수수료는 얼마예요"]
    recognizer = ScriptedRecognizer(options, texts)
    transcriber = StreamingTranscriber(
        recognizer, Role.CLERK, language="ko", allowed=("ko",), options=options, vad=ScriptedVad([0.9] * 90)
    )
    partials = []
    for _ in range(90):
        transcriber.push(np.zeros(WINDOW, np.float32))
        partials += [c.text for c in transcriber.poll()]
    assert partials[:3] == ["등본 떼러", "등본 떼러 왔는데", "등본 떼러 왔어요 수수료는"]  # 등본 떼러 committed


def test_work_beside_the_speech_worker_is_not_on_its_clock() -> None:
    """The windows paint on the Qt thread while the speech worker goes on: the pipeline bench runs that work
    ``beside`` the feeds, and a caption's virtual ready time holds only the worker's own time."""
    caption = Caption(Role.CLERK, "네", "ko", 0.0, 0.5, final=True)
    feeds: list[int] = []

    def feed(samples: np.ndarray) -> list[Caption]:
        feeds.append(samples.size)
        return [caption] if len(feeds) == 10 else []  # ready with the tenth chunk (1.0 s of audio)

    painted = []
    timed = stream_audio(np.zeros(16000, np.float32), feed, lambda: [], beside=lambda: painted.append(time.sleep(0.05)))
    assert len(painted) == 11  # after every feed and after the finish
    assert [t.caption for t in timed] == [caption] and 1.0 <= timed[0].ready < 1.04  # not 1.0 + 10 x 0.05 s


def test_the_decoded_audio_begins_offlines_pad_before_the_speech() -> None:
    """The first of the speech windows that open an utterance is preceded by at least the audio offline
    ``transcribe()`` pads its VAD's speech with (``VadOptions.speech_pad_ms``): with 0.22 s a far first word moved
    with 10 ms of lead ("Stuff it into you" -> "Stuffed into you", issue 16)."""
    from faster_whisper.vad import VadOptions

    silence = 40
    recognizer, captions = run([0.0] * silence + [0.9] * 40 + [0.0] * 30)
    final = next(c for c in captions if c.final)
    speech_start = silence * WINDOW_S
    assert speech_start - final.start >= VadOptions().speech_pad_ms / 1000
    assert speech_start - final.start < VadOptions().speech_pad_ms / 1000 + WINDOW_S  # whole windows, not more
    assert recognizer.calls[-1][0] >= round(final.end - final.start, 2)  # the final's decoding holds all of it
