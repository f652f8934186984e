"""An utterance starts on the loud audio that led up to its VAD trigger (issue 16, the reverb set)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from base.events import Role
from bench.asr_sets import make_set, streaming_text
from bench.main import SPEECH, clips
from kiosk.channels.speech import asr_options
from kiosk.config import load_config
from tests.test_streaming_schedule import RecordingRecognizer, ScriptedVad, stream
from translations.asr import AsrOptions, SpeechRecognizer
from translations.lookback import loud_run_start, loud_windows
from translations.streaming import StreamingTranscriber
from translations.vad import WINDOW

ROOT = Path(__file__).resolve().parents[1]
ROOM, VOICE = 0.001, 0.1  # amplitudes: 40 dB apart


def test_loud_windows_are_measured_against_the_room_and_the_trigger() -> None:
    levels = [ROOM] * 20 + [VOICE, ROOM * 4, ROOM * 8]  # 40, 12 and 18 dB above the room
    assert loud_windows(levels, 15.0, trigger=VOICE)[-3:] == [True, False, False]  # 18 dB: 22 dB under the voice
    assert loud_windows(levels, 15.0, trigger=ROOM * 40)[-3:] == [True, False, True]  # a softer voice: 14 dB under
    assert not any(loud_windows(levels, 0.0, trigger=VOICE))  # look-back off


def test_the_loud_run_may_pause_briefly_but_must_reach_the_trigger() -> None:
    assert loud_run_start([False, True, True, False, False, True, False], gap=2) == 1
    assert loud_run_start([True, False, False, False, True, False], gap=2) == 4  # a 3-window gap ends the run
    assert loud_run_start([True, True, False, False, False], gap=2) == 5  # silence before the trigger: none
    assert loud_run_start([], gap=2) == 0


def run(lookback_loud_db: float, quiet_gap: int = 3) -> list[tuple]:
    """1 s of room, 0.5 s of loud speech the VAD scores 0.2 (reverberant), a short gap, then speech it hears."""
    windows = [ROOM] * 31 + [VOICE] * 16 + [ROOM] * quiet_gap + [VOICE] * 20 + [ROOM] * 30
    script = [0.0] * 31 + [0.2] * 16 + [0.0] * quiet_gap + [0.9] * 20 + [0.0] * 30
    recognizer = RecordingRecognizer(replace(AsrOptions(model_dir=Path("unused")), lookback_loud_db=lookback_loud_db))
    stream(recognizer, script, "ko", ("ko",), windows)
    return [call for call in recognizer.calls if call[1] is None]


def test_the_utterance_starts_before_the_loud_speech_the_vad_scored_low() -> None:
    window_s = WINDOW / 16000
    plain = run(0.0)[-1][0]
    looking = run(15.0)[-1][0]
    assert looking == pytest.approx(plain + (16 + 3) * window_s, abs=0.01)  # the loud run and its gap added
    assert run(15.0, quiet_gap=12)[-1][0] == pytest.approx(plain, abs=0.01)  # after a 0.38 s gap: not its speech


@pytest.mark.slow
@pytest.mark.skipif(not SPEECH.exists(), reason="shared test speech not present")
def test_reverberant_speech_the_vad_scores_low_is_captioned() -> None:
    """The reverb set's JFK clip: silero scores "what your country" 0.22-0.46 (clean: over 0.5), so the
    utterance started at "can do for you" and the words before it were lost; offline transcribe() keeps them."""
    recognizer = SpeechRecognizer(asr_options(load_config(cwd=ROOT / "tests")))
    sample = next(s for s in make_set("reverb", clips(language="en"), recognizer) if "fellow" in s.reference)
    options = recognizer.options
    looking = streaming_text(recognizer, replace(options, lookback_loud_db=15.0), sample)[0].lower()
    plain = streaming_text(recognizer, replace(options, lookback_loud_db=0.0), sample)[0].lower()
    assert "what your country can do for you" in looking
    assert "what your country" not in plain  # the scenario bites: without the look-back, lost


def test_a_loud_run_inside_the_pre_roll_counts_as_voiced() -> None:
    """A word the VAD scored low (0.2) and then 0.1 s it scored high: 6 + 3 loud windows, 0.29 s of voice, over
    ``min_speech_s``. Before, the run lying inside the 0.3 s pre-roll was kept but not counted (3 windows, 0.1 s):
    the utterance was dropped, and not counted as dropped either."""
    windows = [ROOM] * 31 + [VOICE] * 9 + [ROOM] * 30
    script = [0.0] * 31 + [0.2] * 6 + [0.9] * 3 + [0.0] * 30
    recognizer = RecordingRecognizer(AsrOptions(model_dir=Path("unused")))
    assert [c.final for c in stream(recognizer, script, "ko", ("ko",), windows)] == [False, True]
    recognizer = RecordingRecognizer(replace(AsrOptions(model_dir=Path("unused")), lookback_loud_db=0.0))
    assert stream(recognizer, script, "ko", ("ko",), windows) == [], "look-back off: the pre-roll alone, too short"


def test_an_utterance_too_short_to_decode_is_counted_and_signalled_once() -> None:
    recognizer = RecordingRecognizer(AsrOptions(model_dir=Path("unused")))
    transcriber = StreamingTranscriber(
        recognizer, Role.VISITOR, language="ko", allowed=("ko",), vad=ScriptedVad([0.0] * 10 + [0.9] * 3)
    )
    transcriber.push(np.zeros(WINDOW * 40, np.float32))
    assert transcriber.poll() == [] and recognizer.calls == []
    assert transcriber.dropped == 1 and transcriber.take_drops() == 1 and transcriber.take_drops() == 0


@pytest.mark.slow
@pytest.mark.skipif(not SPEECH.exists(), reason="shared test speech not present")
def test_hello_is_kept_when_the_gain_triggers_the_vad_earlier() -> None:
    """The breaths set's "Hello. | Bertie, any good in your" (SYNTHETIC: far, reverberant): with the VAD gain the
    trigger came 0.16 s earlier and "Hello." (0.22 s voiced) was dropped under ``min_speech_s``."""
    recognizer = SpeechRecognizer(asr_options(load_config(cwd=ROOT / "tests")))
    sample = next(s for s in make_set("breaths", clips(language="en"), recognizer) if s.reference.startswith("HELLO"))
    for gain in (0.0, 24.0):
        text, counts = streaming_text(recognizer, replace(recognizer.options, vad_gain_db=gain), sample)
        assert text.lower().startswith("hello.") and counts["dropped"] == 0, (gain, text)
