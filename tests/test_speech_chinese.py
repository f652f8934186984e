"""Chinese captions read as said (issue 16): the previous-text prompt whisper is given for Chinese
(``translations.asr.CONTEXT_PROMPTS``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.asr_sets import make_set, streaming_text
from bench.main import SPEECH, clips
from kiosk.channels.speech import asr_options
from kiosk.config import load_config
from translations.asr import SpeechRecognizer

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.skipif(not SPEECH.exists(), reason="shared test speech not present")
def test_a_far_first_word_and_a_spoken_number_are_read_as_said() -> None:
    """The breaths set's "广州市房地产中介协会分析" (SYNTHETIC: far, reverberant, said in two breaths): prompted with
    the instruction "以下是普通话的句子，使用简体中文。" its first word was "锅中式" at every lead. The real clip
    "一二线城市虽然也处于调整中": with no prompt at all it was "12线" at every lead."""
    recognizer = SpeechRecognizer(asr_options(load_config(cwd=ROOT / "tests")))
    recordings = clips()  # the breaths set draws each sample's pause and room from the clip's place among all
    far = next(s for s in make_set("breaths", recordings, recognizer) if s.reference.startswith("广州"))
    assert streaming_text(recognizer, recognizer.options, far)[0].startswith("广州市")
    spoken = next(s for s in make_set("clean", recordings, recognizer) if s.reference.startswith("一二线"))
    assert streaming_text(recognizer, recognizer.options, spoken)[0].startswith("一二线")
