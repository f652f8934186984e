"""How finals end, with the real whisper base model and a real recording (issue 16, the English short set)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bench.asr_sets import make_set, streaming_text
from bench.main import SPEECH, clips
from bench.scoring import units
from kiosk.channels.speech import asr_options
from kiosk.config import load_config
from translations.asr import SpeechRecognizer

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SPEECH.exists(), reason="shared test speech not present")]
ROOT = Path(__file__).resolve().parents[1]


def test_a_fragment_after_a_full_stop_is_captioned() -> None:
    """ "It was the first great sorrow of his life. It was": whisper without timestamps ended the final at the
    full stop and "It was" (voiced, after a 0.35 s pause) was left out; offline transcribe() keeps it."""
    recognizer = SpeechRecognizer(asr_options(load_config(cwd=ROOT / "tests")))
    clip = next(c for c in clips(language="en") if c[1].startswith("IT WAS THE FIRST GREAT SORROW"))
    sample = next(s for s in make_set("short", [clip], recognizer) if s.reference.endswith("LIFE IT WAS"))
    texts = {
        go_on: streaming_text(recognizer, dataclasses.replace(recognizer.options, continue_after_stop=go_on), sample)
        for go_on in (True, False)
    }
    assert units(texts[True][0], "en") == units(sample.reference, "en") and texts[True][1]["continued"] == 1
    assert units(texts[False][0], "en")[-2:] == ["his", "life"]  # the scenario bites: without it, left out


def test_background_voices_after_the_speaker_are_not_decoded_on() -> None:
    """The babble set's second clip: three other speakers go on after the Korean speaker stops (the VAD hears
    them as speech, 0.74 s after the last word, 12 dB under the speaker's voice); decoding on after the full stop
    only wrote a filler whisper found unlikely (0.20), one final-quality decoding wasted."""
    recognizer = SpeechRecognizer(asr_options(load_config(cwd=ROOT / "tests")))
    sample = make_set("babble", clips(), recognizer)[1]
    text, counts = streaming_text(recognizer, recognizer.options, sample)
    assert sample.language == "ko" and counts["decoded_on"] == 0 and counts["continued"] == 0
    assert units(text, "ko")[-4:] == units("쳐버린다", "ko")  # the caption itself is the speaker's, as before
