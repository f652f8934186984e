"""The speech path with the real embedded whisper base model and real recordings."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from base.clock import ManualClock
from base.errors import ModelMissingError
from base.events import Modality, Role, VisitorMode
from bench.asr_sets import make_set, offline_recognizer
from bench.asr_shifts import language_samples, measure, paired_difference, rates
from bench.main import ERROR_RATE_MARGIN, clips
from bench.replay import load_scenario, replay
from bench.scoring import error_rate
from hardware.wav_file import read_wav
from kiosk.channels.speech import SHARED, VISITOR, SpeechChannel, asr_options
from kiosk.channels.transcribe import stream_audio
from kiosk.config import KioskConfig, load_config
from kiosk.session import Session
from kiosk.store import TranscriptStore
from translations.asr import AsrOptions, SpeechRecognizer
from translations.streaming import StreamingTranscriber

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SPEECH = ROOT.parent / "shared" / "testdata" / "speech"
needs_speech = pytest.mark.skipif(not SPEECH.exists(), reason="shared test speech not present")


@pytest.fixture(scope="module")
def recognizer() -> SpeechRecognizer:
    return SpeechRecognizer(asr_options(load_config(cwd=ROOT / "tests")))


def stream(recognizer: SpeechRecognizer, audio: np.ndarray, language: str | None, partials: bool = True):
    """Captions of the live path; without partials the result depends on the audio alone (no timing)."""
    options = recognizer.options if partials else dataclasses.replace(recognizer.options, partial_interval_s=1e9)
    transcriber = StreamingTranscriber(
        recognizer, Role.VISITOR, language=language, allowed=(language,), options=options
    )
    return [t for t in stream_audio(audio, lambda s: transcriber.push(s) or transcriber.poll(), transcriber.flush)]


def espeak(text: str, path: Path) -> Path:
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True, timeout=60)
    return path


@needs_speech
@pytest.mark.parametrize("language", ["ko", "en", "zh"])
def test_streaming_is_as_accurate_as_offline_transcribe(recognizer: SpeechRecognizer, language: str) -> None:
    """Judged as ``python -m bench.asr_shifts`` judges it, with its functions: over five copies of the clean clips
    shifted by 0-40 ms of silence before them, the median of the kiosk's corpus rate minus offline's (seeded) on the
    same audio is at most the issue's half point. One unshifted comparison is a single draw: clean Korean read
    0.077 / 0.077 on one machine and 0.088 / 0.077 on another (docs/bench.md, thirteenth session). It fails with
    the kiosk's beam at 1 (fourteenth session); English failed (+0.8) until the pre-roll matched offline's 0.4 s pad
    (fifteenth session)."""
    rows = measure(recognizer, language_samples("clean", clips(), recognizer, language))
    rate = rates(rows, language)
    difference = paired_difference(rate)
    print(f"{language}: streaming minus offline, median over the shifts {difference * 100:+.1f} points", rate)
    assert difference <= ERROR_RATE_MARGIN, rate
    assert rate["streaming", "lead 0"] < {"ko": 0.25, "en": 0.15, "zh": 0.45}[language]


@needs_speech
def test_offline_readings_repeat_where_transcribe_samples(recognizer: SpeechRecognizer) -> None:
    """The judge's offline side repeats: at temperature 1 (what ``transcribe()`` falls back to) two recognizers made
    by ``offline_recognizer`` read a clip alike, while one recognizer reads on differently (it does sample)."""
    language, _, audio = clips()[0]

    def reading(offline: SpeechRecognizer) -> str:
        segments, _ = offline.model.transcribe(audio, language=language, temperature=1.0, best_of=5)
        return "".join(s.text for s in segments)

    first = offline_recognizer(recognizer.options)
    text = reading(first)
    assert reading(offline_recognizer(recognizer.options)) == text
    assert reading(first) != text


def test_synthetic_english_speech(recognizer: SpeechRecognizer, tmp_path: Path) -> None:
    sentences = [
        "I would like to register my new address.",
        "How much is the fee for this certificate?",
        "Can I pay by credit card?",
        "I lost my alien registration card yesterday.",
        "Where do I sign this form?",
    ]
    hypotheses = []
    for index, sentence in enumerate(sentences):
        audio = read_wav(espeak(sentence, tmp_path / f"{index}.wav"))
        audio = np.concatenate([np.zeros(8000, np.float32), audio, np.zeros(16000, np.float32)])
        hypotheses.append(" ".join(t.caption.text for t in stream(recognizer, audio, "en") if t.caption.final))
    rate = error_rate(sentences, hypotheses, "en")
    print("espeak-ng English WER", rate, hypotheses)
    assert rate <= 0.15


def test_silence_and_noise_give_no_caption(recognizer: SpeechRecognizer) -> None:
    rng = np.random.default_rng(1)
    silence = np.zeros(16000 * 5, np.float32)
    hum = (0.05 * np.sin(2 * np.pi * 60 * np.arange(16000 * 5) / 16000)).astype(np.float32)
    noise = (rng.standard_normal(16000 * 5) * 0.03).astype(np.float32)
    for audio in (silence, hum, noise):
        assert stream(recognizer, audio, "ko") == []


@needs_speech
def test_long_input_keeps_memory_bounded(recognizer: SpeechRecognizer) -> None:
    clips = sorted((SPEECH / "ko").glob("*.wav"))
    audio = np.concatenate([read_wav(p) for p in clips] * 1)[: 16000 * 60]
    assert audio.size == 16000 * 60
    options = dataclasses.replace(recognizer.options, partial_interval_s=float("inf"))
    transcriber = StreamingTranscriber(recognizer, Role.CLERK, language="ko", allowed=("ko",), options=options)
    longest = 0.0
    finals = 0
    for start in range(0, audio.size, 16000):
        transcriber.push(audio[start : start + 16000])
        finals += sum(c.final for c in transcriber.poll())
        if transcriber._current is not None:
            longest = max(longest, transcriber._current.seconds)
    finals += sum(c.final for c in transcriber.flush())
    assert longest <= recognizer.options.max_utterance_s + 0.1
    assert finals >= 5


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="speech model unavailable"):
        SpeechRecognizer(AsrOptions(model_dir=tmp_path / "none"))


def run_kiosk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_CONFIG"}
    env["PYTHONPATH"] = str(ROOT)  # this checkout's code, also from a git worktree (the editable install is main's)
    return subprocess.run(
        [sys.executable, "-m", "cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )


def test_transcribe_command_converts_and_refuses(tmp_path: Path) -> None:
    audio = read_wav(espeak("Please sign the application form at the bottom.", tmp_path / "s.wav"))
    stereo = tmp_path / "stereo8k.wav"
    low = audio[: audio.size // 2 * 2].reshape(-1, 2).mean(axis=1)  # 8 kHz
    with wave.open(str(stereo), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(8000)
        pcm = (np.repeat(np.concatenate([np.zeros(4000), low, np.zeros(8000)]), 2) * 32767).astype("<i2")
        out.writeframes(pcm.tobytes())
    done = run_kiosk("transcribe", str(stereo), "--lang", "en", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 1 and set(lines[0]) == {"text", "lang", "start", "end", "latency_ms"}
    assert "application form" in lines[0]["text"].lower() and lines[0]["lang"] == "en"
    assert lines[0]["latency_ms"] > 0
    corrupt = tmp_path / "bad.wav"
    corrupt.write_bytes(b"RIFF....WAVEfmt garbage")
    done = run_kiosk("transcribe", str(corrupt), cwd=tmp_path)
    assert done.returncode == 2 and "bad audio file" in done.stderr and "Traceback" not in done.stderr
    (tmp_path / "empty.wav").write_bytes(b"")
    assert run_kiosk("transcribe", str(tmp_path / "empty.wav"), cwd=tmp_path).returncode == 2


@needs_speech
def test_shared_microphone_routes_by_language(recognizer: SpeechRecognizer, config: KioskConfig) -> None:
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    session.choose("en", VisitorMode.SPEECH)
    channel = SpeechChannel(session, recognizer, SHARED)
    for clip in ("ko/zeroth_104_003_0294.wav", "en/librispeech_1089-134686-0003.wav"):
        audio = read_wav(SPEECH / clip)
        stream_audio(np.concatenate([audio, np.zeros(16000, np.float32)]), channel.feed, channel.finish)
    lines = [(e.role, e.language, e.modality) for e in session.entries]
    assert lines == [(Role.CLERK, "ko", Modality.SPEECH), (Role.VISITOR, "en", Modality.SPEECH)]
    assert "커피" in session.entries[0].text


@needs_speech
def test_shared_microphone_third_language_goes_to_the_visitor_with_a_switch_offer(
    recognizer: SpeechRecognizer, config: KioskConfig
) -> None:
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    session.choose("vi", VisitorMode.SPEECH)  # the visitor chose Vietnamese, then speaks English
    channel = SpeechChannel(session, recognizer, SHARED)
    finals = []
    for clip in ("ko/zeroth_104_003_0294.wav", "en/librispeech_1089-134686-0003.wav"):
        audio = np.concatenate([read_wav(SPEECH / clip), np.zeros(16000, np.float32)])
        finals += [t.caption for t in stream_audio(audio, channel.feed, channel.finish) if t.caption.final]
    assert [(c.role, c.language, c.switch_to) for c in finals] == [(Role.CLERK, "ko", None), (Role.VISITOR, "en", "en")]
    assert all(c.language_p is not None and c.language_p > 0.7 for c in finals)
    assert [e.role for e in session.entries] == [Role.CLERK, Role.VISITOR]


@needs_speech
def test_transcribe_json_says_who_spoke(tmp_path: Path) -> None:
    parts = [read_wav(SPEECH / c) for c in ("ko/zeroth_104_003_0294.wav", "en/librispeech_1089-134686-0003.wav")]
    gap = np.zeros(16000, np.float32)
    path = tmp_path / "counter.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.concatenate([parts[0], gap, parts[1], gap]) * 32767).astype("<i2").tobytes())
    done = run_kiosk("transcribe", str(path), "--json", "--clerk", "ko", "--visitor", "vi", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(line["speaker"], line["lang"]) for line in lines] == [("clerk", "ko"), ("visitor", "en")]
    assert all(set(line) == {"text", "lang", "start", "end", "latency_ms", "speaker", "lang_p"} for line in lines)
    assert all(0.7 < line["lang_p"] <= 1 for line in lines)


def test_push_to_talk_captions_only_while_held(
    recognizer: SpeechRecognizer, config: KioskConfig, tmp_path: Path
) -> None:
    config = dataclasses.replace(config, speech=dataclasses.replace(config.speech, mode="push_to_talk"))
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    session.choose("en", VisitorMode.SPEECH)
    channel = SpeechChannel(session, recognizer, SHARED)
    audio = read_wav(espeak("Where is the restroom?", tmp_path / "r.wav"))
    audio = np.concatenate([np.zeros(4000, np.float32), audio, np.zeros(16000, np.float32)])
    stream_audio(audio, channel.feed, lambda: [])
    assert session.entries == []  # nobody held the button
    session.talk(Role.VISITOR)
    stream_audio(audio, channel.feed, lambda: [])
    session.talk(None)
    channel.feed(np.zeros(1600, np.float32))
    assert [(e.role, e.language) for e in session.entries] == [(Role.VISITOR, "en")]
    assert "restroom" in session.entries[0].text.lower().replace(" ", "")


def test_a_switched_visit_is_heard_in_its_new_language(recognizer: SpeechRecognizer, config: KioskConfig) -> None:
    """The visitor's own microphone follows the visit's language when the visitor switches it (issue 16 item 4)."""
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    session.choose("vi", VisitorMode.SPEECH)
    channel = SpeechChannel(session, recognizer, VISITOR)
    channel.feed(np.zeros(1600, np.float32))
    assert channel.transcriber.allowed == ("vi",)
    session.switch_language("en")
    channel.feed(np.zeros(1600, np.float32))
    assert channel.transcriber.allowed == ("en",)


def test_replay_with_audio(tmp_path: Path, config: KioskConfig) -> None:
    espeak("I would like a certificate of residence, please.", tmp_path / "visitor.wav")
    scenario = tmp_path / "s.json"
    scenario.write_text(
        json.dumps(
            {
                "version": 1,
                "visitor": {"language": "en", "mode": "speech"},
                "events": [
                    {"at": 0, "type": "clerk_phrase", "phrase": "greeting"},
                    {"at": 2, "type": "visitor_audio", "file": "visitor.wav"},
                    {"at": 10, "type": "end"},
                ],
            }
        ),
        encoding="utf-8",
    )
    first = replay(load_scenario(scenario), config)
    assert [(e["role"], e["modality"]) for e in first["entries"]] == [("clerk", "phrase"), ("visitor", "speech")]
    assert "certificate" in first["entries"][1]["text"].lower()
    assert first["entries"] == replay(load_scenario(scenario), config)["entries"]  # depends on audio only


def test_nothing_is_decoded_without_a_visit(recognizer: SpeechRecognizer, config: KioskConfig) -> None:
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    channel = SpeechChannel(session, recognizer, SHARED)
    noise = np.random.default_rng(2).standard_normal(16000).astype(np.float32)
    assert channel.feed(noise) == []
    assert channel.transcriber._time == 0.0  # the audio never reached the recogniser


@needs_speech
def test_a_channel_without_partials_decodes_only_at_pauses_and_ends(
    recognizer: SpeechRecognizer, config: KioskConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    audio = np.concatenate([read_wav(SPEECH / "ko/zeroth_104_003_0193.wav"), np.zeros(16000, np.float32)])
    decodes = []
    decode = recognizer.decode
    monkeypatch.setattr(recognizer, "decode", lambda *args, **kw: decodes.append(1) or decode(*args, **kw))
    stream(recognizer, audio, "ko", partials=False)
    expected, decodes[:] = len(decodes), []
    session = Session(config, TranscriptStore(config.store.path), clock=ManualClock())
    session.choose("ko", VisitorMode.SPEECH)
    channel = SpeechChannel(session, recognizer, SHARED, partials=False)
    stream_audio(audio, channel.feed, channel.finish)
    assert session.entries and len(decodes) == expected  # no partial every partial_interval_s


@needs_speech
def test_the_cut_set_cuts_real_clips_between_reference_words(recognizer: SpeechRecognizer) -> None:
    recordings = [c for c in clips() if c[0] == "ko"][:3]
    cut = make_set("cut", recordings, recognizer)
    assert len(cut) == 3
    for sample, (_, reference, audio) in zip(cut, recordings, strict=True):
        kept = sample.reference.split()
        assert 2 <= len(kept) < len(reference.split()) and reference.startswith(sample.reference)
        assert 0.3 * audio.size < sample.audio.size < 0.8 * audio.size


@needs_speech
def test_fast_korean_keeps_its_sentence_final_verb(recognizer: SpeechRecognizer) -> None:
    """Six seconds of read Korean (a real clip, its opening silence left out): CTranslate2 generates at most half
    of ``max_length``, so the old budget stopped the decoder at "... 폭파무" and the verb "처버렸다" was lost."""
    audio = read_wav(SPEECH / "ko" / "zeroth_104_003_0193.wav")[int(1.5 * 16000) : int(7.56 * 16000)]
    text = recognizer.decode(audio, "ko").text
    assert text.rstrip(".").endswith("처버렸다"), text
