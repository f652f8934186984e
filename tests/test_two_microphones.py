"""Two microphones at a counter: the louder channel decides, one caption per utterance.

The channels are SYNTHETIC mixes of real recordings (../shared/testdata/speech): each person is heard by their
own microphone and, quieter, by the other one (leakage). They prove the routing, not how a real counter sounds.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from base.clock import ManualClock
from base.errors import DeviceError
from base.events import Notice, Role, VisitorMode
from hardware import microphone_pair
from hardware.devices import AudioChunk
from hardware.microphone_pair import MicrophonePair
from hardware.wav_file import read_wav, write_wav
from hardware.wav_microphone import WavFileMicrophone
from kiosk.channels.speech import CLERK, SHARED, VISITOR
from kiosk.channels.two_microphones import LouderChannel, held_before_s
from kiosk.config import KioskConfig
from kiosk.device_status import DeviceStatus, DeviceWatch
from kiosk.runtime import KioskRuntime
from kiosk.session import Session
from kiosk.store import TranscriptStore
from tests.conftest import SPEECH, wait_for
from translations.asr import AsrOptions

needs_speech = pytest.mark.skipif(not SPEECH.exists(), reason="shared test speech not present")
KO = "ko/zeroth_104_003_0294.wav"
EN = "en/librispeech_1089-134686-0003.wav"
GAP = np.zeros(16_000, np.float32)
BEFORE_S = held_before_s(AsrOptions(model_dir=Path(".")))  # as the kiosk holds with its default options


def db(value: float) -> float:
    return float(10 ** (value / 20))


def counter_mix(turns: list[tuple[str, str]], leak_db: float, gains: tuple[float, float] = (1.0, 1.0)):
    """Two channels (clerk, visitor) and what each turn said: each recording at its own speaker's microphone,
    ``leak_db`` quieter at the other one."""
    clerk, visitor = [GAP], [GAP]
    for role, path in turns:
        audio = read_wav(SPEECH / path)
        own, other = audio, audio * db(leak_db)
        clerk += [(own if role == CLERK else other) * gains[0], GAP]
        visitor += [(own if role == VISITOR else other) * gains[1], GAP]
    return np.concatenate(clerk), np.concatenate(visitor)


def route(louder: LouderChannel, clerk: np.ndarray, visitor: np.ndarray, chunk: int = 1600):
    routed = []
    for start in range(0, clerk.size, chunk):
        routed += louder.push(clerk[start : start + chunk], visitor[start : start + chunk])
    return routed + louder.flush()


@needs_speech
@pytest.mark.parametrize("leak_db", [-20.0, -10.0])
def test_each_utterance_goes_to_the_louder_side_once(leak_db: float) -> None:
    clerk, visitor = counter_mix([(CLERK, KO), (VISITOR, EN), (CLERK, KO)], leak_db)
    louder = LouderChannel(release_s=0.8, before_s=BEFORE_S)
    routed = route(louder, clerk, visitor)
    assert [side for side, _ in louder.decisions] == [CLERK, VISITOR, CLERK]
    assert [round(difference) for _, difference in louder.decisions] == [-leak_db, leak_db, -leak_db]
    runs = [side for index, side in enumerate(r.side for r in routed) if index == 0 or side != routed[index - 1].side]
    assert [side for side in runs if side] == [CLERK, VISITOR, CLERK], "one stretch per utterance, none twice"
    assert sum(r.audio.size for r in routed) == clerk.size // 512 * 512, "every frame goes out exactly once"
    sides = np.concatenate([np.full(r.audio.size, r.side or "") for r in routed])
    heard = np.concatenate([r.audio for r in routed])
    for side, channel in ((CLERK, clerk), (VISITOR, visitor)):
        mine = sides == side
        assert np.array_equal(heard[mine], channel[: heard.size][mine]), f"the {side}'s own microphone is decoded"


@needs_speech
def test_a_close_call_goes_to_the_language_rule() -> None:
    clerk, visitor = counter_mix([(VISITOR, EN)], leak_db=-2.0)
    louder = LouderChannel(release_s=0.8, before_s=BEFORE_S)
    route(louder, clerk, visitor)
    assert [side for side, _ in louder.decisions] == [SHARED]


def test_silence_goes_to_nobody() -> None:
    louder = LouderChannel(release_s=0.8, before_s=BEFORE_S)
    silence = np.zeros(16_000 * 3, np.float32)
    routed = route(louder, silence, silence)
    assert not louder.decisions and {r.side for r in routed} == {None}


def test_channels_must_be_aligned() -> None:
    with pytest.raises(ValueError, match="time-aligned"):
        LouderChannel(release_s=0.8, before_s=BEFORE_S).push(np.zeros(100, np.float32), np.zeros(99, np.float32))


class ChunkedMicrophone:
    """A fake device that hands out a known signal in chunks of its own size (as two USB devices do), and
    fails like an unplugged one while ``plugged`` is False."""

    def __init__(self, signal: np.ndarray, chunk: int) -> None:
        self.name, self.sample_rate, self.signal, self.chunk, self.position = "fake", 16_000, signal, chunk, 0
        self.plugged = True

    def start(self) -> None:
        if not self.plugged:
            raise DeviceError("마이크가 없습니다", "microphone unplugged")
        self.position = 0

    def read(self, max_seconds: float = 0.1) -> AudioChunk | None:
        if not self.plugged:
            raise DeviceError("마이크가 없습니다", "microphone unplugged")
        samples = self.signal[self.position : self.position + self.chunk]
        self.position += samples.size
        return AudioChunk(samples, 16_000, 0.0) if samples.size else None

    def stop(self) -> None:
        pass


def test_a_pair_hands_out_aligned_audio() -> None:
    ramp = np.arange(16_000, dtype=np.float32)
    pair = MicrophonePair(ChunkedMicrophone(ramp, 700), ChunkedMicrophone(ramp, 1100))
    pair.start()
    clerk, visitor = [], []
    for _ in range(40):
        a, b = pair.read()
        assert a.size == b.size
        clerk.append(a), visitor.append(b)
    assert np.array_equal(np.concatenate(clerk), np.concatenate(visitor))
    assert np.concatenate(clerk).size == 16_000


def test_a_stalled_microphone_does_not_make_the_pair_buffer_forever() -> None:
    pair = MicrophonePair(ChunkedMicrophone(np.ones(48_000, np.float32), 1600), ChunkedMicrophone(np.zeros(0), 1))
    pair.start()
    for _ in range(30):
        assert pair.read()[0].size == 0
    assert pair.dropped_samples == 48_000 - 8_000, "at most 0.5 s is kept waiting for the other device"


def test_without_the_visitors_microphone_the_clerks_is_shared_until_it_is_back(
    config: KioskConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(microphone_pair, "RETRY_S", 0.0)
    clerk, visitor = ChunkedMicrophone(np.ones(16_000, np.float32), 1600), ChunkedMicrophone(np.ones(16_000), 1600)
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    notices: list[Notice] = []
    session.subscribe(lambda e: notices.append(e) if isinstance(e, Notice) else None)
    watch = DeviceWatch(session, "visitor_microphone", ("방문자 마이크", "visitor microphone"))
    pair = MicrophonePair(clerk, visitor, opened=watch.opened, lost=watch.lost)
    pair.start()
    assert all(part.size == 1600 for part in pair.read())
    visitor.plugged = False
    assert pair.read()[1] is None and pair.read()[0].size == 1600, "the clerk's audio goes on alone"
    assert [n.code for n in notices] == ["visitor_microphone_lost"]
    assert "visitor microphone" in notices[0].message_en
    visitor.plugged = True
    assert pair.read()[1] is not None
    assert [n.code for n in notices] == ["visitor_microphone_lost", "visitor_microphone_back"]


@pytest.mark.slow
@needs_speech
def test_two_microphones_through_the_runtime_give_one_caption_per_utterance(
    config: KioskConfig, tmp_path: Path
) -> None:
    """Real whisper, real runtime and session; only the microphones are WAV twins of the mixed channels."""
    clerk, visitor = counter_mix([(CLERK, KO), (VISITOR, EN)], leak_db=-12.0, gains=(1.0, 0.8))
    write_wav(tmp_path / "clerk.wav", clerk, 16_000)
    write_wav(tmp_path / "visitor.wav", visitor, 16_000)
    config = dataclasses.replace(config, speech=dataclasses.replace(config.speech, partial_interval_s=1e9))
    clock = ManualClock()
    session = Session(config, TranscriptStore(config.store.path), clock=clock)
    devices = {
        "microphone": WavFileMicrophone(tmp_path / "clerk.wav", clock=clock),
        "visitor_microphone": WavFileMicrophone(tmp_path / "visitor.wav", clock=clock),
    }
    session.choose("en", VisitorMode.SPEECH)
    runtime = KioskRuntime(config, session, devices, DeviceStatus("none", "real", "none"))
    runtime.start_media()
    try:
        wait_for(lambda: len(session.entries) >= 2, seconds=120)
        wait_for(lambda: devices["microphone"]._position >= clerk.size, seconds=30)
    finally:
        runtime.close()
    lines = [(e.role, e.language, e.text) for e in session.entries]
    print("SYNTHETIC two-microphone mix:", lines)
    assert [role for role, _, _ in lines] == [Role.CLERK, Role.VISITOR], "one line per utterance, right speaker"
    assert lines[0][1] == "ko" and "커피" in lines[0][2]
    assert lines[1][1] == "en" and "hello" in lines[1][2].lower()


@needs_speech
def test_the_held_audio_reaches_back_as_far_as_the_transcribers_look_back(config: KioskConfig) -> None:
    """Before a side is chosen the transcribers get silence: with 0.4 s held the look-back (loud audio the VAD
    scored low, as under reverberation) had nothing to start on at a two-microphone counter."""
    from types import SimpleNamespace

    from kiosk.channels.two_microphones import WINDOW_S, TwoMicrophoneSpeech

    options = AsrOptions(model_dir=Path("."))
    before = held_before_s(options)
    assert before >= options.lookback_s + 0.3
    store = TranscriptStore(config.store.path)
    pair = TwoMicrophoneSpeech(Session(config, store, clock=ManualClock()), SimpleNamespace(options=options))
    store.close()
    assert pair.louder.before_frames * WINDOW_S >= before - WINDOW_S, "the kiosk's pair holds that much"
    speech = read_wav(SPEECH / KO)
    room = np.random.default_rng(0).normal(0, 1e-3, 48_000).astype(np.float32)
    clerk = np.concatenate([room, speech, GAP])
    routed = route(LouderChannel(release_s=0.8, before_s=before), clerk, clerk * db(-15.0))
    first = next(r for r in routed if r.side == CLERK)
    assert first.audio.size / 16_000 >= before, "the utterance's side gets the audio before its first voiced frame"
