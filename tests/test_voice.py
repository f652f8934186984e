"""Speech output: espeak-ng and Piper voices, and the visitor-side voice that follows the visit."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from base.clock import ManualClock
from base.errors import ModelMissingError
from base.events import Role, VisitorMode
from cli.main import main
from hardware.null_speaker import WavFileSpeaker
from hardware.wav_file import read_wav
from kiosk.channels.voice_output import VoiceOutput
from kiosk.config import VoiceOptions
from kiosk.session import Session
from kiosk.store import TranscriptStore
from tests.conftest import wait_for
from translations.tts import EspeakVoice, PiperVoice, VoiceChain

LINES = {
    "ko": "여기에 서명해 주세요.",
    "en": "Please sign here.",
    "zh": "请在这里签名。",
    "vi": "Vui lòng ký tên vào đây.",
    "ja": "こちらにご署名ください。",
}


@pytest.mark.parametrize("language", sorted(LINES))
def test_every_phrasebook_language_has_a_voice(language: str) -> None:
    speech = VoiceChain().synthesize(LINES[language], language)
    assert 0.5 < speech.seconds < 15
    assert np.sqrt(np.mean(speech.samples**2)) > 0.01, "not silence"


def test_speech_rate_changes_the_duration() -> None:
    voice = EspeakVoice()
    slow, fast = (voice.synthesize(LINES["ko"], "ko", rate) for rate in (0.5, 2.0))
    assert slow.seconds > 2.5 * fast.seconds


def test_english_uses_the_bundled_piper_voice() -> None:
    assert PiperVoice.available()
    assert VoiceChain().voice_for("en").name.startswith("piper")


def test_a_language_without_a_voice_is_a_clear_error() -> None:
    with pytest.raises(ModelMissingError, match="no voice for 'mn'"):
        VoiceChain().synthesize("Сайн байна уу", "mn")


def test_say_writes_a_wav_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out.wav"
    assert main(["say", "--lang", "vi", "-o", str(out), LINES["vi"]]) == 0
    assert read_wav(out).size > 16000 * 0.5
    assert main(["say", "--lang", "vi", "--rate", "9", "-o", str(out), "x"]) == 2


@pytest.fixture
def visit(config, tmp_path: Path):
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock())
    speaker = WavFileSpeaker(tmp_path / "played")
    voice = VoiceOutput(speaker, VoiceOptions(volume=0.5), notify=session.notify)
    session.subscribe(voice.on_event)
    yield session, speaker, voice
    voice.close()
    store.close()


def test_the_clerks_words_are_spoken_in_the_visitors_language(visit) -> None:
    session, speaker, _ = visit
    session.choose("vi", VisitorMode.SPEECH)
    session.say_phrase(Role.CLERK, "sign_here")
    wait_for(lambda: speaker.played)
    played = read_wav(speaker.folder / "001.wav")
    assert 0 < np.abs(played).max() <= 0.5 + 1e-3, "volume 0.5 is applied"
    session.say(Role.VISITOR, "Cảm ơn.")
    time.sleep(0.5)
    assert len(speaker.played) == 1, "the visitor's own words are not spoken back"


@pytest.mark.parametrize("mode", [VisitorMode.SIGN, VisitorMode.FINGERSPELLING])
def test_deaf_visitors_get_no_voice(visit, mode: VisitorMode) -> None:
    session, speaker, _ = visit
    session.choose("ko", mode)
    session.say(Role.CLERK, "잠시만 기다려 주세요.")
    time.sleep(0.5)
    assert speaker.played == []


def test_muting_silences_the_voice(visit) -> None:
    session, speaker, voice = visit
    voice.set_muted(True)
    session.choose("en", VisitorMode.SPEECH)
    session.say_phrase(Role.CLERK, "please_wait")
    time.sleep(0.5)
    assert speaker.played == []
    voice.set_volume(7)
    voice.set_rate(0.1)
    assert (voice.volume, voice.rate) == (1.0, 0.5)
