"""A first breath the clerk is asked to check is heard again with the second once the second is shown, and both
lines are revised (translations/revision.py, issue 16)."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from base.clock import ManualClock
from base.events import LOW_CONFIDENCE, Caption, Modality, Role, SessionEvent, TranscriptEntry, VisitorMode
from bench.asr_sets import _two_breaths
from bench.main import SPEECH, clips
from kiosk.channels.speech import VISITOR, SpeechChannel, asr_options
from kiosk.config import KioskConfig, load_config
from kiosk.session import Session
from kiosk.store import TranscriptStore
from tests.test_streaming_schedule import RecordingRecognizer, ScriptedVad
from translations.asr import AsrOptions, Hypothesis, SpeechRecognizer
from translations.streaming import StreamingTranscriber
from translations.vad import WINDOW

ROOT = Path(__file__).resolve().parents[1]
DOUBTFUL = math.log(LOW_CONFIDENCE) - 0.2  # each breath alone: a caption the clerk is asked to check
# 1 s of speech, a 0.8 s pause, 1 s more, then 2 s of silence (32 ms windows)
TWO_BREATHS = [0.9] * 31 + [0.0] * 25 + [0.9] * 31 + [0.0] * 62
JOINED = ((" 등본을", 0.4, 0.9), (" 떼러", 1.0, 1.25), (" 왔어요.", 1.9, 2.6))  # halves split at the first's 1.5 s


class HearsAgain(RecordingRecognizer):
    """Each breath alone is heard wrong; the two as one (over 2 s of audio) as ``JOINED``."""

    def decode(self, audio, language, allowed=(), beam_size=None, words=False, prefix=(), context=None) -> Hypothesis:
        super().decode(audio, language, allowed, beam_size, words, prefix)
        if audio.size > 2 * 16000:
            return Hypothesis("등본을 떼러 왔어요.", "ko", -0.3, 0.01, 0.0, None, JOINED if words else ())
        return Hypothesis("등보 내러.", "ko", DOUBTFUL, 0.01, 0.0, None, ((" 등보", 0.3, 0.8), (" 내러.", 0.8, 1.2)))


def heard(
    script: list[float], before_poll: dict[int, int] | None = None, recognizer: type = HearsAgain, **settings: object
) -> list[tuple[int, Caption]]:
    """(window, caption) of every caption for ``script`` (one VAD probability per window), polled after each
    window; at window ``i`` of ``before_poll`` ``n`` more windows are pushed before that poll (a worker that reads
    all it has)."""
    recognizer = recognizer(replace(AsrOptions(model_dir=Path("unused")), **settings))
    transcriber = StreamingTranscriber(
        recognizer, Role.VISITOR, language="ko", allowed=("ko",), options=recognizer.options, vad=ScriptedVad(script)
    )
    captions, index = [], 0
    while index < len(script):
        count = 1 + (before_poll or {}).get(index, 0)
        transcriber.push(np.zeros(WINDOW * count, np.float32))
        index += count
        captions += [(index - 1, c) for c in transcriber.poll()]
    return captions + [(index, c) for c in transcriber.flush()]


def test_both_lines_are_sent_again_after_the_second_final() -> None:
    captions = [c for _, c in heard(TWO_BREATHS)]
    finals = [c for c in captions if c.final and not c.revised]
    assert [c.text for c in finals] == ["등보 내러.", "등보 내러."] and finals[0].confidence < LOW_CONFIDENCE
    revised = [c for c in captions if c.revised]
    assert [(c.start, c.text) for c in revised] == [(finals[0].start, "등본을 떼러"), (finals[1].start, "왔어요.")]
    assert captions.index(revised[0]) > captions.index(finals[1]), "after the second final, never before"
    assert revised[0].confidence == pytest.approx(math.exp(-0.3))  # the joined decoding's: above the check line
    assert not [c for _, c in heard(TWO_BREATHS, revise_after_final=False) if c.revised]


def test_no_revision_while_a_new_utterance_is_heard() -> None:
    """Speech starts again right after the second final (pushed before the poll that would revise): that poll
    decodes nothing joined, and the first pair is never revised."""
    second = [i for i, c in heard(TWO_BREATHS) if c.final and not c.revised][1]  # the window whose poll gave it
    script = TWO_BREATHS[: second + 1] + [0.9] * 40 + [0.0] * 62
    captions = heard(script, before_poll={second + 1: 5})
    assert [c.revised for i, c in captions if i == second + 6] == []  # the next poll: the new utterance only
    first = next(c for _, c in captions if c.final)
    assert not [c for _, c in captions if c.revised and c.start == first.start]
    assert [c for _, c in heard(TWO_BREATHS[: second + 1] + [0.0] * 40) if c.revised], "the scenario bites"


def test_a_revised_line_is_translated_again_and_a_corrected_one_stays(config: KioskConfig) -> None:
    """``Session.revise``: the same line (id) with the new words, their translation and confidence, stored and
    shown again; a line the clerk corrected keeps the clerk's words."""
    from kiosk.translation import kiosk_translator

    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock(), translator=kiosk_translator(config)[0])
    events: list[SessionEvent] = []
    session.subscribe(events.append)
    session.choose("en", VisitorMode.SPEECH)
    line = session.say(Role.CLERK, "여기 서면", Modality.SPEECH, confidence=0.4)
    revised = session.revise(line.entry_id, "여기에 서명해 주세요.", 0.7)
    assert (revised.entry_id, revised.text, revised.confidence) == (line.entry_id, "여기에 서명해 주세요.", 0.7)
    assert revised.translations == {"en": "Please sign here."} and events[-1] == revised
    assert [(e.entry_id, e.text) for e in store.entries(session.session_id)] == [(line.entry_id, revised.text)]
    fixed = session.correct(line.entry_id, "여기에 서명해 주십시오.")
    assert session.revise(line.entry_id, "다른 말", 0.9) == fixed and events[-1] == fixed
    store.close()


@pytest.mark.slow
@pytest.mark.skipif(not SPEECH.exists(), reason="shared test speech not present")
def test_a_real_two_breath_question_is_revised_on_both_screens(config: KioskConfig) -> None:
    """A breaths sample of "一二线城市虽然也处于调整中" (SYNTHETIC: a real clip split by a pause, far and
    reverberant): alone "一二仙仗。" (0.41) | "好许虽然也处于唱。"; both lines are then replaced, by their ids. Seed 24:
    with the bench's draw (19) the first breath's pause decoding no longer ends a sentence since the pre-roll is
    offline's 0.4 s, so the utterance waits for the second breath and both are one line (fifteenth session)."""
    recognizer = SpeechRecognizer(asr_options(load_config(cwd=ROOT / "tests")))
    sample = _two_breaths(clips(language="zh")[1], 24, recognizer)
    store = TranscriptStore(config.store.path)
    session = Session(config, store, clock=ManualClock())
    events: list[SessionEvent] = []
    session.subscribe(events.append)
    session.choose("zh", VisitorMode.SPEECH)
    channel = SpeechChannel(session, recognizer, VISITOR, partials=False)
    audio = np.concatenate([sample.audio, np.zeros(32000, np.float32)])
    for start in range(0, audio.size, 1600):
        channel.feed(audio[start : start + 1600])
    lines = [e for e in events if isinstance(e, TranscriptEntry)]
    ids = [e.entry_id for e in lines]
    if len(ids) == 1 and channel.transcriber.revisions == 0:
        # the first breath's pause decoding depends on the machine (same code, model, audio): on one (2026-11-29) it
        # ended no sentence, the utterance waited for the second breath and both are one line: nothing to revise here
        # (the revision itself is covered by the scripted recognizers above)
        pytest.skip(f"this machine's decoding made one line of both breaths: {lines[0].text!r}")
    assert len(ids) == 4 and ids[:2] == ids[2:] and ids[0] != ids[1], "two lines, then both again by their ids"
    assert lines[0].confidence < LOW_CONFIDENCE and lines[2].text != lines[0].text
    assert [e.text for e in session.entries] == [e.text for e in store.entries()] == [e.text for e in lines[2:]]
    assert channel.transcriber.revisions == 1


class HearsWorse(HearsAgain):
    """As :class:`HearsAgain`, but the two as one are read less surely (0.37) than each breath alone (0.49)."""

    joined = 0  # decodings of the two as one

    def decode(self, audio, *args, **kwargs) -> Hypothesis:
        hypothesis = super().decode(audio, *args, **kwargs)
        if audio.size <= 2 * 16000:
            return hypothesis
        HearsWorse.joined += 1
        return replace(hypothesis, avg_logprob=-1.0)


def test_a_joined_decoding_no_surer_than_the_first_revises_nothing() -> None:
    captions = heard(TWO_BREATHS, recognizer=HearsWorse)
    assert [c.text for _, c in captions if c.final] == ["등보 내러.", "등보 내러."]
    assert HearsWorse.joined == 1, "the pair was decoded joined, and not taken"


class HearsATerm(HearsAgain):
    """As :class:`HearsAgain`, but the two as one hold a near-miss of a civil-service term ("주민등록등봉을")."""

    def decode(self, audio, *args, **kwargs) -> Hypothesis:
        hypothesis = super().decode(audio, *args, **kwargs)
        if audio.size <= 2 * 16000:
            return hypothesis
        words = ((" 주민등록등봉을", *JOINED[0][1:]), *JOINED[1:]) if hypothesis.words else ()
        return replace(hypothesis, text="주민등록등봉을 떼러 왔어요.", words=words)


def test_a_revision_gets_the_term_correction_a_final_gets() -> None:
    """``term_correction`` (off by default: not yet shown to pay, docs/bench.md) applies to revised finals too."""
    revised = [c.text for _, c in heard(TWO_BREATHS, recognizer=HearsATerm, term_correction=True) if c.revised]
    assert revised == ["주민등록등본을 떼러", "왔어요."]
    as_heard = [c.text for _, c in heard(TWO_BREATHS, recognizer=HearsATerm) if c.revised]
    assert as_heard == ["주민등록등봉을 떼러", "왔어요."]


def test_a_third_breath_after_a_revision_is_neither_paired_nor_decoded_after_the_second() -> None:
    """The second line reads as the joined decoding's second part: a third breath is decoded alone, and the second
    is not revised again by a decoding without the first (which read it against its own doubtful first reading)."""
    three = TWO_BREATHS[:-62] + [0.0] * 25 + [0.9] * 31 + [0.0] * 62
    captions = [c for _, c in heard(three)]
    finals = [c for c in captions if c.final and not c.revised]
    assert len(finals) == 3
    assert [(c.start, c.text) for c in captions if c.revised] == [
        (finals[0].start, "등본을 떼러"),
        (finals[1].start, "왔어요."),
    ]
    assert captions.index(finals[2]) > [c.revised for c in captions].index(True), "revised before the third began"


class SureFirst(HearsAgain):
    """The first breath is heard sure, each later one alone as doubtful as in :class:`HearsAgain`; the context of
    every joined decoding is kept."""

    def __init__(self, options: AsrOptions) -> None:
        super().__init__(options)
        self.finals, self.joined = 0, []

    def decode(self, audio, language, allowed=(), beam_size=None, words=False, prefix=(), context=None) -> Hypothesis:
        hypothesis = super().decode(audio, language, allowed, beam_size, words, prefix)
        if audio.size > 2 * 16000:
            self.joined.append(context)
        self.finals += beam_size is None
        return replace(hypothesis, avg_logprob=-0.2, tokens=(7, 8)) if self.finals == 1 else hypothesis


def test_a_pair_is_heard_again_after_the_final_its_first_was_decoded_after() -> None:
    """A sure first breath, then two doubtful ones: the second was decoded after the first; the revision of the
    second and third is decoded after the first too, its closing mark open ("ask not" read "And not", issue 16)."""
    three = TWO_BREATHS[:-62] + [0.0] * 25 + [0.9] * 31 + [0.0] * 62
    recognizer = SureFirst(AsrOptions(model_dir=Path("unused")))
    transcriber = StreamingTranscriber(
        recognizer, Role.VISITOR, language="ko", allowed=("ko",), options=recognizer.options, vad=ScriptedVad(three)
    )
    captions = []
    for _ in three:
        transcriber.push(np.zeros(WINDOW, np.float32))
        captions += transcriber.poll()
    captions += transcriber.flush()
    finals = [c for c in captions if c.final and not c.revised]
    assert len(finals) == 3 and finals[0].confidence > LOW_CONFIDENCE > finals[1].confidence
    assert [c.start for c in captions if c.revised] == [finals[1].start, finals[2].start]
    (context,) = recognizer.joined
    assert context is not None and context.tokens == (7, 8) and context.audio.size / 16000 < 1.6
    assert context.open_end, "heard with what follows it, the first's closing mark is the decoder's to write"


class HearsEnglish(RecordingRecognizer):
    """Each breath alone: "And not." (doubtful); the two as one continue a sentence: "ask not what you can do."."""

    def decode(self, audio, language, allowed=(), beam_size=None, words=False, prefix=(), context=None) -> Hypothesis:
        super().decode(audio, language, allowed, beam_size, words, prefix)
        if audio.size > 2 * 16000:
            joined = (
                (" ask", 0.4, 0.7),
                (" not", 0.7, 1.2),
                (" what", 1.9, 2.1),
                (" you", 2.1, 2.3),
                (" can.", 2.3, 2.6),
            )
            return Hypothesis("ask not what you can.", "en", -0.3, 0.01, 0.0, None, joined if words else ())
        return Hypothesis("And not.", "en", DOUBTFUL, 0.01, 0.0, None, ((" And", 0.3, 0.8), (" not.", 0.8, 1.2)))


def test_a_revised_first_line_begins_as_the_line_it_replaces() -> None:
    """The joined decoding reads the pair as a sentence's continuation ("ask not", the real jfk.wav), but the line
    before still ends its sentence on screen: the first line begins upper case as it did; the second continues."""
    recognizer = HearsEnglish(AsrOptions(model_dir=Path("unused")))
    transcriber = StreamingTranscriber(
        recognizer,
        Role.VISITOR,
        language="en",
        allowed=("en",),
        options=recognizer.options,
        vad=ScriptedVad(TWO_BREATHS),
    )
    captions = []
    for _ in TWO_BREATHS:
        transcriber.push(np.zeros(WINDOW, np.float32))
        captions += transcriber.poll()
    captions += transcriber.flush()
    assert [c.text for c in captions if c.revised] == ["Ask not", "what you can."]
