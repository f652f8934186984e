"""Speech recognition with faster-whisper on a local model folder (never a hub name, never a download).

:class:`SpeechRecognizer` decodes one utterance at a time with settings chosen for a counter: greedy or
small-beam search, no temperature fallback and a token limit proportional to the audio length (so the
decoding time per utterance is bounded), no timestamps, and the civil-service term list as hotwords.
Language detection is restricted to the languages the kiosk offers. ``faster_whisper`` and
``ctranslate2`` are imported here only, when a recogniser is made.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import takewhile
from pathlib import Path

import numpy as np

from base.audio import SAMPLE_RATE
from base.errors import ModelMissingError
from base.languages import lookup
from translations.script_form import in_script
from translations.whisper_model import model_problems

TERMS_FILE = Path(__file__).resolve().parent / "data" / "civil_terms_ko.txt"
TOKENS_PER_SECOND = 12  # generated tokens; Korean read speech needs ~5/s: a loop stops here at the latest
MIN_TOKENS = 24
MAX_TOKENS = 200  # whisper's window is 448 tokens including the hotword prompt
TEXT_CONTEXT = 448  # whisper's decoder positions
MAX_PROMPT_TOKENS = 120
MAX_SAMPLES = 30 * SAMPLE_RATE
FULL_FRAMES = 3000  # 30 s of 10 ms mel frames: whisper's window
MARGIN_S = 3
PUNCTUATION = set(".,!?;:。，！？、；：")
# The previous-text prompt per language (Korean: the hotwords). Chinese: a plain "中文。", as the text before the
# speech; without it "一二线" was "12线" on every lead of a real clip, with the instruction "以下是普通话的句子，
# 使用简体中文。" a far first word "广州市" was "锅中式" (docs/bench.md, eighteenth session). script_form converts
# whatever traditional characters remain.
CONTEXT_PROMPTS = {"zh": "中文。"}


@dataclass(frozen=True)
class AsrOptions:
    """Speech settings (``[speech]`` in the config feeds these)."""

    model_dir: Path
    cpu_threads: int = 0  # 0: half the cores (2 of the counter PC's 4), the rest go to the camera and the UI
    compute_type: str = "int8"
    beam_size: int = 5  # as offline transcribe(); 3: +0.2/+0.7 CER points on clean/joined Korean, 1: +3 (issue 16)
    end_silence_s: float = 0.5  # this much silence ends an utterance
    unended_silence_s: float = 1.3  # ... unless its pause decoding ends no sentence: then this much (0: off; a
    # question said in two breaths is one caption, issue 16)
    max_utterance_s: float = 15.0  # hard cap: longer speech is cut into several captions
    partial_interval_s: float = 0.8  # a partial caption at least this often while speech goes on
    vad_threshold: float = 0.5
    # the VAD's copy of a soft or far voice raised by up to this (issue 16). Off (0) by default: it captions a far
    # voice the VAD missed, but moves the ends of far reverberant breaths (breaths en WER 0.197 -> 0.328, offline
    # 0.295; the same at 12 dB); docs/bench.md, tenth session. 24 for a microphone far from the visitor.
    vad_gain_db: float = 0.0
    min_speech_s: float = 0.25  # less voiced audio than this is not an utterance (coughs, clicks)
    no_speech_threshold: float = 0.6
    hotwords_ko: tuple[str, ...] = field(default_factory=tuple)
    word_guard: bool = True  # finals: drop words whose timestamps cover no voiced audio (one alignment pass)
    quiet_partials: bool = True  # no greedy partial while the speaker pauses: the final must not wait behind it
    term_correction: bool = (
        False  # Korean finals: civil-term near-misses corrected (glossary.py); off: not shown to pay
    )
    continue_after_stop: bool = True  # finals: the speaker's voice after the last word: decode on past the full
    # stop (needs the word timestamps, made for it with the word guard off too)
    timestamps: bool = False  # whisper's timestamp mode, as offline transcribe() decodes (the tokens are dropped)
    lookback_s: float = 1.5  # an utterance may start this long before its VAD trigger, on loud audio leading to it
    lookback_loud_db: float = 15.0  # loud: this far above the room's level (0: no look-back, the pre-roll only)
    min_window_s: float = 10.0  # encoder window: utterance + 3 s, at least this (30: whisper's full window);
    # shorter windows made whisper repeat short utterances ("Ask not. Ask not. Ask not.")
    context_after_final: bool = True  # an utterance starting within unended_silence_s of the previous final is
    # decoded after it: its audio before, its tokens forced (its text as the prompt only: measured, no gain)
    revise_after_final: bool = True  # a final below LOW_CONFIDENCE and the next within unended_silence_s decoded
    # again as one once the next is shown (translations/revision.py; after a confident one too: measured, worse)


@dataclass(frozen=True)
class Context:
    """The previous final of the same channel, to decode the next utterance after: its tokens and its audio."""

    tokens: tuple[int, ...]
    audio: np.ndarray
    language: str
    open_end: bool = False  # its closing punctuation left to the decoder (:func:`_open_end`)


@dataclass(frozen=True)
class Hypothesis:
    """One decoding of an utterance."""

    text: str
    language: str
    avg_logprob: float
    no_speech_prob: float
    seconds: float  # compute time
    language_p: float | None = None  # whisper's probability of ``language`` among all its languages; None: fixed
    words: tuple[tuple[str, float, float], ...] = ()  # (text, start s, end s) when word timestamps were asked
    tokens: tuple[int, ...] = ()  # the decoder's text tokens (a later decoding can continue after them)
    words_p: tuple[float, ...] = ()  # whisper's probability of each of ``words`` (mean over its tokens)

    @property
    def confidence(self) -> float:
        return float(math.exp(min(0.0, self.avg_logprob)))


def generation_budget(prompt: int, limit: int) -> int:
    """The ``max_length`` to give CTranslate2's whisper ``generate`` so that ``limit`` tokens may be generated.

    CTranslate2 (whisper.cc, up to 4.8 at least) lets whisper generate only ``min(max_length / 2, max_length -
    prompt)`` tokens, as openai-whisper's ``sample_len = n_text_ctx // 2`` does. Passing ``prompt + limit``
    therefore allowed about half the limit: fast Korean lost its sentence-final syllables ("... 폭파무" for
    "... 폭파무처버렸다", the verb that carries the meaning; issue 16).
    """
    return min(TEXT_CONTEXT, max(2 * limit, prompt + limit))


def seed_sampling(seed: int) -> None:
    """Seed the sampling (whisper's temperature fallback) of the CTranslate2 models made after this call.

    CTranslate2 draws from one generator per worker thread, seeded from this value when that thread first samples
    (``ctranslate2/random.cc``, 4.x), so a call does not reseed a model that has sampled already: measured, two
    ``transcribe()`` calls at temperature 1 with ``set_random_seed(7)`` before each read differently; a model
    made after it reads the same in every process (issue 16)."""
    import ctranslate2

    ctranslate2.set_random_seed(seed)


def load_terms(path: Path = TERMS_FILE) -> tuple[str, ...]:
    """Terms from a list file: one per line, ``#`` starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line)


def whisper_threads(asked: int) -> int:
    """The decoder's threads: ``asked``, or with 0 half the cores this process may use, at least one. On a 2-core
    machine one thread painted captions sooner than two (the camera, the UI and the VAD need a core; docs/bench.md,
    seventeenth and eighteenth sessions); the 4-core counter PC gets two."""
    return asked or max(1, len(os.sched_getaffinity(0)) // 2)


class SpeechRecognizer:
    """A faster-whisper model loaded from ``options.model_dir``, decoding one utterance per call.

    Whisper's encoder is built for 30 s windows and spends most of the time there. CTranslate2 accepts
    shorter inputs, so the encoder sees only the utterance plus a margin (at least ``min_window_s``),
    which makes a short utterance about three times cheaper than a full window (the trick whisper.cpp calls
    ``audio_ctx``). The accuracy of this against the full window is measured by the tests and the bench.
    One encoder pass serves both language detection and decoding.
    """

    def __init__(self, options: AsrOptions) -> None:
        problems = model_problems(options.model_dir, check_sha256=False)
        if problems:
            raise ModelMissingError(
                "음성 인식 모델이 없습니다. 글자와 문구로 대화할 수 있습니다.",
                f"speech model unavailable ({'; '.join(problems)})",
                hint="run `make models` or set models.whisper_dir",
            )
        from faster_whisper import WhisperModel
        from faster_whisper.tokenizer import Tokenizer

        self.options = options
        self.model = WhisperModel(
            str(options.model_dir),
            device="cpu",
            compute_type=options.compute_type,
            cpu_threads=whisper_threads(options.cpu_threads),
            local_files_only=True,
        )
        self._tokenizer = lambda language: Tokenizer(self.model.hf_tokenizer, True, "transcribe", language)

    def decode(
        self,
        audio: np.ndarray,
        language: str | None,
        allowed: tuple[str, ...] = (),
        beam_size: int | None = None,
        words: bool = False,
        prefix: tuple[int, ...] = (),
        context: Context | None = None,
    ) -> Hypothesis:
        """Text of one utterance (at most 30 s); ``language=None`` detects it among ``allowed``.

        ``beam_size`` overrides the configured beam (live partials use 1: they are redrawn anyway). ``words``
        adds word timestamps (faster-whisper's cross-attention alignment on the same encoder output). ``prefix``
        (the tokens of an earlier decoding) is forced, and the decoder may not end right after it: it goes on
        with what the audio holds after that text (the result's text and words include the prefix; its
        confidence is that of the tokens decoded after it).
        ``context`` (in ``context.language``): its audio goes before ``audio`` and its tokens (less their closing
        punctuation when ``context.open_end``) before ``prefix``; the result holds only what follows them (words
        timed in ``audio``).
        Measured and not kept (issue 16): forcing the final through the words already committed by local
        agreement saved 4 % of the final's CPU (CTranslate2 steps through forced tokens one by one); whisper's
        timestamp mode (what offline ``transcribe`` uses; ``options.timestamps``, off) made Korean CER worse on
        the clean clips (docs/bench.md, issue 16)."""
        from faster_whisper.transcribe import get_suppressed_tokens

        started = time.perf_counter()
        before = context.audio if context is not None else np.zeros(0, np.float32)
        audio = np.concatenate([before, np.asarray(audio, np.float32)])[:MAX_SAMPLES]
        encoded = self._encode(audio)
        language_p = None
        if language is None:
            language, language_p = self._detect(encoded, allowed)
        tokenizer = self._tokenizer(language)
        opened = context is not None and context.open_end
        forced = () if context is None else _open_end(tokenizer, context.tokens) if opened else context.tokens
        prompt = [*self._context(tokenizer, language), *tokenizer.sot_sequence]
        if not self.options.timestamps:
            prompt.append(tokenizer.no_timestamps)
        prompt += (*forced, *prefix)  # suppress_blank below also forbids the end of text as the first token after it
        limit = min(MAX_TOKENS, max(MIN_TOKENS, int(TOKENS_PER_SECOND * audio.size / SAMPLE_RATE)))
        result = self.model.model.generate(
            encoded,
            [prompt],
            beam_size=beam_size or self.options.beam_size,
            max_length=generation_budget(len(prompt), limit),
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=list(get_suppressed_tokens(tokenizer, [-1])),
        )[0]
        every = [t for t in result.sequences_ids[0] if t < tokenizer.eot]  # the prefix included
        # the context's closing punctuation, now written by the decoder (it heard what follows), is not this text's
        skip = len(forced) + (_punctuation_run(tokenizer, every[len(forced) :]) if opened else 0)
        tokens = every[skip:]
        # A decoding that stops inside a multi-byte character (at the token limit) leaves U+FFFD at the end.
        text = tokenizer.decode(tokens).strip().rstrip("\ufffd").strip()
        # CTranslate2 scores forced tokens 0 but counts them in the length: the mean is over the decoded ones
        # (and the end of text) only, or a forced context would inflate it ("Ask not." 0.69 -> 0.86, issue 16).
        decoded = len(every) - len(forced) - len(prefix)
        logprob = result.scores[0] * len(every) / (decoded + 1) if decoded > 0 else -10.0
        aligned = (
            self.model.find_alignment(tokenizer, [every], encoded, audio.size // 160)[0] if words and tokens else []
        )
        aligned = _after(aligned, skip, before.size / SAMPLE_RATE)
        spans = tuple((in_script(w["word"], language), float(w["start"]), float(w["end"])) for w in aligned)
        seconds = time.perf_counter() - started
        return Hypothesis(
            in_script(text, language),
            language,
            float(logprob),
            float(result.no_speech_prob),
            seconds,
            language_p,
            spans,
            tuple(tokens),
            tuple(float(w["probability"]) for w in aligned),
        )

    def align(self, audio: np.ndarray, text: str, language: str) -> tuple[tuple[str, float, float], ...]:
        """Word spans (text, start s, end s) of a given ``text`` in ``audio``: forced alignment by whisper's
        cross-attention (the bench cuts clips between reference words with it)."""
        audio = np.asarray(audio, np.float32)[:MAX_SAMPLES]
        tokenizer = self._tokenizer(language)
        tokens = tokenizer.encode((" " if lookup(language).spaced else "") + text)
        aligned = self.model.find_alignment(tokenizer, [tokens], self._encode(audio), audio.size // 160)[0]
        return tuple((w["word"], float(w["start"]), float(w["end"])) for w in aligned)

    def _encode(self, audio: np.ndarray) -> object:
        """Encoder output of the utterance plus ``MARGIN_S``, in a window of at least ``min_window_s``."""
        import ctranslate2

        least = int(self.options.min_window_s * 100)
        frames = min(FULL_FRAMES, max(least, (audio.size // 160 + MARGIN_S * 100) // 100 * 100))
        padded = np.concatenate([audio, np.zeros(max(0, frames * 160 - audio.size), np.float32)])
        features = np.ascontiguousarray(self.model.feature_extractor(padded)[:, :frames])
        return self.model.model.encode(ctranslate2.StorageView.from_array(features[None]), to_cpu=False)

    def _detect(self, encoded: object, allowed: tuple[str, ...]) -> tuple[str, float]:
        """The most probable language among ``allowed`` (never one outside it) and whisper's probability of it."""
        ranked = dict((token[2:-2], p) for token, p in self.model.model.detect_language(encoded)[0])
        best = max(allowed, key=lambda code: ranked.get(code, 0.0))
        return best, float(ranked.get(best, 0.0))

    def _context(self, tokenizer: object, language: str) -> list[int]:
        """The previous-text prompt: civil-service hotwords for Korean, ``CONTEXT_PROMPTS`` for other languages."""
        text = ", ".join(self.options.hotwords_ko) if language == "ko" else CONTEXT_PROMPTS.get(language, "")
        if not text:
            return []
        tokens = tokenizer.encode(" " + text)[:MAX_PROMPT_TOKENS]  # type: ignore[attr-defined]
        return [tokenizer.sot_prev, *tokens]  # type: ignore[attr-defined]


def _open_end(tokenizer: object, tokens: tuple[int, ...]) -> tuple[int, ...]:
    """``tokens`` without their closing punctuation: whisper wrote it with nothing after the audio, and forced it
    tells the decoder a sentence ended there ("Americans!" then "And not!" for "Americans, ask not", issue 16)."""
    return tokens[: len(tokens) - _punctuation_run(tokenizer, tokens[::-1])]


def _punctuation_run(tokenizer: object, tokens: Sequence[int]) -> int:
    """How many of the first ``tokens`` are punctuation alone."""
    texts = (tokenizer.decode([t]).strip() for t in tokens)  # type: ignore[attr-defined]
    return sum(1 for _ in takewhile(lambda text: bool(text) and all(c in PUNCTUATION for c in text), texts))


def _after(aligned: list[dict], forced: int, offset: float) -> list[dict]:
    """The aligned words after the first ``forced`` tokens, timed from ``offset`` s on."""
    count, kept = 0, []
    for word in aligned:
        count += len(word["tokens"])
        if count > forced:
            kept.append({**word, "start": word["start"] - offset, "end": word["end"] - offset})
    return kept
