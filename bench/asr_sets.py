"""``kiosk bench asr --set NAME``: error rate of the live path against offline transcription on varied audio.

Every set is made in the run from the shared test recordings (``../shared/testdata/speech``: ko, en, zh), at
fixed seeds, so a figure can be made again with the same command:

- ``clean``: the clips as they are.
- ``joined``: consecutive clips of one language, 0.6 s of silence between them (two utterances in a row).
- ``white``: white noise added at 10 dB SNR (seed 16 + clip index).
- ``babble``: three other clips (other speakers and languages) mixed in at 15 dB SNR.
- ``cut``: each clip cut mid-sentence at the word boundary nearest 55 % of its length; the reference is the
  reference words before the cut, the boundary placed by whisper's forced alignment of the *reference* text.
- ``short``: counter-length phrases (a place, a document, "서울대 입구역"): each clip's opening words up to the
  word boundary nearest 2 s and 3 s after the speech starts (the same alignment), then 0.8 s of the clip's own
  room tone (its quietest 0.3 s, repeated) as the pause after them.
- ``quiet``: the clip 20-30 dB quieter (uniform, seed 16 + clip index): a soft voice, a caller far from the
  microphone.
- ``reverb``: the clip convolved with a synthetic room impulse response (a direct path, then seeded white noise
  decaying exponentially, RT60 0.4-0.8 s uniform, seed 16 + clip index, as much energy as the direct path), its
  tail kept, scaled back to the clip's RMS: an echoey hall.
- ``phone``: a telephone line: band-pass 300-3400 Hz (4th-order Butterworth), 8 kHz, 8-bit mu-law, back to 16 kHz.
- ``breaths``: a short counter question said in two breaths, in an echoey hall, at the far end of the microphone:
  the ``short`` phrase of 3 s, split at the word boundary nearest its middle by a pause of 0.4-1.2 s (uniform, seed
  16 + clip index) of the clip's room tone, the pause after it as in ``short``; then the room of ``reverb`` with
  the reverberant part 6 dB above the direct path (far from the microphone), then attenuated as ``quiet``.

Each sample is decoded twice in the same run: by the live path (:class:`StreamingTranscriber`, finals only,
fed in 0.1 s chunks without a clock, so the text depends on the audio alone), and by plain offline
``WhisperModel.transcribe()`` (beam 5, its VAD filter) of the same audio, as issue 16 defines offline.
Error rates are CER or WER, whichever the language table names, summed over the set (corpus rate).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from base.audio import SAMPLE_RATE as RATE
from base.events import Caption, Role
from base.languages import lookup
from bench.scoring import error_rate, units
from translations.asr import AsrOptions, SpeechRecognizer, seed_sampling
from translations.streaming import StreamingTranscriber

SETS = ("clean", "joined", "white", "babble", "cut", "short", "quiet", "reverb", "phone", "breaths")
GAP_S = 0.6
WHITE_SNR_DB, WHITE_SEED = 10.0, 16
BABBLE_SNR_DB, BABBLE_VOICES = 15.0, 3
CUT_AT = 0.55
SHORT_S = (2.0, 3.0)  # speech seconds of the short phrases
PAUSE_S, ROOM_TONE_S = 0.8, 0.3
QUIET_DB, QUIET_SEED = (20.0, 30.0), 16  # attenuation range
RT60_S, REVERB_SEED, DIRECT_TO_REVERB_DB = (0.4, 0.8), 16, 0.0
PHONE_BAND_HZ, PHONE_RATE, MU = (300.0, 3400.0), 8_000, 255
BREATH_S, BREATH_SEED, FAR_DIRECT_TO_REVERB_DB = (0.4, 1.2), 16, -6.0  # the pause mid-question; far end of the mic
MIN_WORDS = 4  # a clip aligned to fewer reference words gives no cut, opening phrase or breaths sample
OFFLINE_BEAM = 5
OFFLINE_SEED = 16  # of the sampling in transcribe()'s temperature fallback, for the judge (offline_recognizer)
COUNTS = ("dropped", "corrected", "continued", "decoded_on", "revisions")  # utterances dropped (too little voice, or
# by the guards); finals term corrected, decoded on past a full stop; the decodings tried for that; pairs revised


@dataclass(frozen=True)
class Sample:
    """One test input of a set."""

    language: str
    reference: str
    audio: np.ndarray


def make_set(name: str, clips: list[tuple[str, str, np.ndarray]], recognizer: SpeechRecognizer) -> list[Sample]:
    """The samples of set ``name`` made from ``clips`` (language, reference, audio)."""
    if name == "clean":
        return [Sample(*clip) for clip in clips]
    if name == "joined":
        return _joined(clips)
    if name == "white":
        return [
            Sample(
                lang, ref, _mix(audio, np.random.default_rng(WHITE_SEED + i).standard_normal(audio.size), WHITE_SNR_DB)
            )
            for i, (lang, ref, audio) in enumerate(clips)
        ]
    if name == "babble":
        return [
            Sample(lang, ref, _mix(audio, _babble(clips, i, audio.size), BABBLE_SNR_DB))
            for i, (lang, ref, audio) in enumerate(clips)
        ]
    if name == "cut":
        return [s for clip in clips if (s := _cut(clip, recognizer)) is not None]
    if name == "short":
        return [s for clip in clips for s in _opening_phrases(clip, recognizer)]
    if name in ("quiet", "reverb", "phone"):
        change = {"quiet": _quieter, "reverb": _reverberant, "phone": _telephone}[name]
        return [Sample(lang, ref, change(audio, i)) for i, (lang, ref, audio) in enumerate(clips)]
    if name == "breaths":
        return [s for i, clip in enumerate(clips) if (s := _two_breaths(clip, i, recognizer)) is not None]
    raise ValueError(f"unknown speech set {name!r} (available: {', '.join(SETS)}, all)")


def _joined(clips: list[tuple[str, str, np.ndarray]]) -> list[Sample]:
    by_language: dict[str, list[tuple[str, str, np.ndarray]]] = {}
    for clip in clips:
        by_language.setdefault(clip[0], []).append(clip)
    gap = np.zeros(int(GAP_S * RATE), np.float32)
    samples = []
    for language, group in by_language.items():
        for first, second in zip(group[::2], group[1::2], strict=False):
            joiner = " " if lookup(language).spaced else ""
            audio = np.concatenate([first[2], gap, second[2]])
            samples.append(Sample(language, first[1] + joiner + second[1], audio))
    return samples


def _mix(speech: np.ndarray, noise: np.ndarray, snr_db: float) -> np.ndarray:
    """``speech`` plus ``noise`` scaled to ``snr_db`` below the speech power (whole clip), clipped to [-1, 1]."""
    noise = np.asarray(noise, np.float64)
    gain = np.sqrt(np.mean(speech.astype(np.float64) ** 2) / (np.mean(noise**2) * 10 ** (snr_db / 10)))
    return np.clip(speech + gain * noise, -1.0, 1.0).astype(np.float32)


def _quieter(audio: np.ndarray, index: int) -> np.ndarray:
    """``audio`` attenuated by ``QUIET_DB`` (seeded uniform draw)."""
    db = np.random.default_rng(QUIET_SEED + index).uniform(*QUIET_DB)
    return (audio * 10 ** (-db / 20)).astype(np.float32)


def room_response(rt60_s: float, seed: int, direct_db: float = DIRECT_TO_REVERB_DB) -> np.ndarray:
    """A synthetic impulse response: 1 (the direct path), then white noise decaying 60 dB over ``rt60_s``,
    scaled to ``direct_db`` below the direct path's energy."""
    t = np.arange(1, int(rt60_s * RATE)) / RATE
    tail = np.random.default_rng(seed).standard_normal(t.size) * 10 ** (-3 * t / rt60_s)
    tail *= np.sqrt(10 ** (-direct_db / 10) / np.sum(tail**2))
    return np.concatenate([[1.0], tail])


def _reverberant(audio: np.ndarray, index: int, direct_db: float = DIRECT_TO_REVERB_DB) -> np.ndarray:
    """``audio`` in a room of seeded RT60 (``RT60_S``), its reverberant tail kept, at the clip's own RMS."""
    from scipy.signal import fftconvolve

    rt60 = np.random.default_rng(REVERB_SEED + index).uniform(*RT60_S)
    wet = fftconvolve(audio.astype(np.float64), room_response(rt60, REVERB_SEED + index, direct_db))
    wet *= np.sqrt(np.mean(audio.astype(np.float64) ** 2) / np.mean(wet**2))
    return np.clip(wet, -1.0, 1.0).astype(np.float32)


def _telephone(audio: np.ndarray, index: int) -> np.ndarray:
    """``audio`` through a telephone line: ``PHONE_BAND_HZ``, ``PHONE_RATE``, 8-bit mu-law, back to 16 kHz."""
    from scipy.signal import butter, resample_poly, sosfilt

    band = sosfilt(butter(4, PHONE_BAND_HZ, "bandpass", fs=RATE, output="sos"), audio.astype(np.float64))
    narrow = np.clip(resample_poly(band, PHONE_RATE, RATE), -1.0, 1.0)
    code = np.round(np.sign(narrow) * np.log1p(MU * np.abs(narrow)) / np.log1p(MU) * 127) / 127
    decoded = np.sign(code) * np.expm1(np.abs(code) * np.log1p(MU)) / MU
    return np.clip(resample_poly(decoded, RATE, PHONE_RATE), -1.0, 1.0).astype(np.float32)


def _babble(clips: list[tuple[str, str, np.ndarray]], index: int, size: int) -> np.ndarray:
    """The next ``BABBLE_VOICES`` clips of other languages (or other clips), each at equal power, looped to ``size``."""
    others = [c for c in clips[index + 1 :] + clips[:index] if c[0] != clips[index][0]] or clips[index + 1 :] + clips[
        :index
    ]
    babble = np.zeros(size)
    for _, _, audio in others[:BABBLE_VOICES]:
        voice = np.resize(audio.astype(np.float64), size)
        babble += voice / np.sqrt(np.mean(voice**2) + 1e-12)
    return babble


def _cut(clip: tuple[str, str, np.ndarray], recognizer: SpeechRecognizer) -> Sample | None:
    """The clip cut between two reference words near ``CUT_AT`` of its length, and the reference up to there."""
    language, reference, audio = clip
    words = recognizer.align(audio, reference, language)
    if len(words) < MIN_WORDS:
        return None
    return _up_to(clip, words, CUT_AT * audio.size / RATE)


def _opening_phrases(clip: tuple[str, str, np.ndarray], recognizer: SpeechRecognizer) -> list[Sample]:
    """The clip's opening words, ``SHORT_S`` seconds of speech each (a phrase once when both end at the same
    word), followed by a pause of its own room tone."""
    words = recognizer.align(clip[2], clip[1], clip[0])
    if len(words) < MIN_WORDS:
        return []
    pause = np.resize(_room_tone(clip[2]), int(PAUSE_S * RATE))
    phrases = {(p := _up_to(clip, words, words[0][1] + seconds)).reference: p for seconds in SHORT_S}
    return [Sample(p.language, p.reference, np.concatenate([p.audio, pause])) for p in phrases.values()]


def _two_breaths(clip: tuple[str, str, np.ndarray], index: int, recognizer: SpeechRecognizer) -> Sample | None:
    """The clip's opening ``SHORT_S[-1]`` s phrase with a ``BREATH_S`` pause of room tone at its middle word
    boundary and ``PAUSE_S`` after it, then reverberant (``FAR_DIRECT_TO_REVERB_DB``) and quieter; None when the
    clip has fewer than ``MIN_WORDS`` words or its phrase cannot be split."""
    language, reference, audio = clip
    words = recognizer.align(audio, reference, language)
    if len(words) < MIN_WORDS:
        return None
    phrase = _up_to(clip, words, words[0][1] + SHORT_S[-1])
    first = _up_to(clip, words, (words[0][1] + phrase.audio.size / RATE) / 2)
    if first.audio.size >= phrase.audio.size:
        return None
    room = _room_tone(audio)
    breath = np.random.default_rng(BREATH_SEED + index).uniform(*BREATH_S)
    said = np.concatenate(
        [
            first.audio,
            np.resize(room, int(breath * RATE)),
            phrase.audio[first.audio.size :],
            np.resize(room, int(PAUSE_S * RATE)),
        ]
    )
    far = _quieter(_reverberant(said, index, FAR_DIRECT_TO_REVERB_DB), index)
    return Sample(language, phrase.reference, far)


def _room_tone(audio: np.ndarray) -> np.ndarray:
    """The quietest ``ROOM_TONE_S`` of ``audio`` (in 10 ms steps): the room between the words, no speech."""
    size, step = int(ROOM_TONE_S * RATE), RATE // 100
    if audio.size <= size:
        return np.zeros(size, np.float32)
    energy = np.convolve(audio.astype(np.float64) ** 2, np.ones(size), "valid")[::step]
    start = int(np.argmin(energy)) * step
    return audio[start : start + size]


def _up_to(clip: tuple[str, str, np.ndarray], words: tuple[tuple[str, float, float], ...], target: float) -> Sample:
    """The clip cut in the gap between the two aligned words nearest ``target`` s, and the words before it."""
    k = min(range(1, len(words)), key=lambda i: abs(words[i][1] - target))
    at = (words[k - 1][2] + words[k][1]) / 2
    text = "".join(w[0] for w in words[:k]).strip()
    return Sample(clip[0], text, clip[2][: int(at * RATE)])


def streaming_text(recognizer: SpeechRecognizer, options: AsrOptions, sample: Sample) -> tuple[str, dict]:
    """The live path's finals for ``sample``, joined, and how many finals the guards dropped, had a civil-service
    term corrected or were decoded on past a full stop."""
    finals, counts = streaming_finals(recognizer, options, sample)
    return " ".join(c.text for c in finals), counts


def streaming_finals(recognizer: SpeechRecognizer, options: AsrOptions, sample: Sample) -> tuple[list[Caption], dict]:
    """The live path's final captions for ``sample`` as the screen ends up showing them (a revision replaces the
    final it names) and the counts of :func:`streaming_text`; no partials, no clock (0.1 s chunks)."""
    options = dataclasses.replace(options, partial_interval_s=1e9)
    transcriber = StreamingTranscriber(
        recognizer, Role.VISITOR, language=sample.language, allowed=(sample.language,), options=options
    )
    captions, step = [], RATE // 10
    for start in range(0, sample.audio.size, step):
        transcriber.push(sample.audio[start : start + step])
        captions += transcriber.poll()
    captions += transcriber.flush()
    finals: list[Caption] = []
    for caption in (c for c in captions if c.final):
        revised = caption.revised and any(f.start == caption.start for f in finals)
        finals = [caption if f.start == caption.start else f for f in finals] if revised else [*finals, caption]
    return finals, {name: getattr(transcriber, name) for name in COUNTS}


def offline_recognizer(options: AsrOptions) -> SpeechRecognizer:
    """A new recognizer whose :func:`offline_text` is repeatable: when beam search fails ``transcribe()``'s
    thresholds it samples at rising temperatures, and unseeded that moved offline by 0.7 points between two runs of
    the same audio (docs/bench.md, fourteenth session). Its generator is seeded ``OFFLINE_SEED`` when it first
    samples, so its readings depend only on what it decoded before (make one per sample for readings of a sample
    that do not depend on the other samples). The live path does not sample (beam search, no fallback)."""
    seed_sampling(OFFLINE_SEED)
    return SpeechRecognizer(options)


def offline_text(recognizer: SpeechRecognizer, sample: Sample) -> str:
    """Plain offline ``WhisperModel.transcribe()``: beam 5, its VAD filter, the language given."""
    segments, _ = recognizer.model.transcribe(
        sample.audio, language=sample.language, beam_size=OFFLINE_BEAM, vad_filter=True
    )
    return "".join(s.text for s in segments)


def score(recognizer: SpeechRecognizer, options: AsrOptions, samples: list[Sample]) -> dict[str, dict]:
    """Per language: clips, reference units (characters or words), streaming and offline corpus error rates,
    the ``COUNTS`` of finals and the samples without any final caption. Offline runs on a recognizer of its own
    (:func:`offline_recognizer`): the same samples give the same offline rate in every run."""
    rows: dict[str, list[tuple[str, str, str, dict]]] = {}
    offline = offline_recognizer(options)
    for sample in samples:
        text, counts = streaming_text(recognizer, options, sample)
        rows.setdefault(sample.language, []).append((sample.reference, text, offline_text(offline, sample), counts))
    return {
        language: {
            "clips": len(group),
            "streaming": error_rate([r[0] for r in group], [r[1] for r in group], language),
            "offline": error_rate([r[0] for r in group], [r[2] for r in group], language),
            "units": sum(len(units(r[0], language)) for r in group),  # one error is 1/units of the rate
            **{name: sum(r[3][name] for r in group) for name in COUNTS},
            "uncaptioned": sum(not r[1].strip() for r in group),  # samples the live path gave no final caption
        }
        for language, group in sorted(rows.items())
    }
