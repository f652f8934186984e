"""The demo conversation: a scripted clerk-visitor exchange played as two microphones when there is none."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest

from base.clock import ManualClock
from base.events import Notice, Role, VisitorMode
from hardware.demo_conversation import LEAKAGE_DB, DemoConversation, load_script
from kiosk import device_choice
from kiosk.config import KioskConfig
from kiosk.runtime import KioskRuntime
from tests.conftest import wait_for

HANGUL = re.compile("[가-힣]")


@pytest.fixture
def conversation(config: KioskConfig) -> DemoConversation:
    return DemoConversation(config.devices.demo_conversation, ManualClock())


def play(conversation: DemoConversation, seconds: float) -> tuple[np.ndarray, np.ndarray]:
    clerk, visitor = [], []
    for _ in range(int(seconds / 0.1)):
        clerk.append(conversation.clerk.read().samples)
        visitor.append(conversation.visitor.read().samples)
    return np.concatenate(clerk), np.concatenate(visitor)


def test_the_script_has_korean_clerk_turns_and_english_and_chinese_visitor_turns(config: KioskConfig) -> None:
    turns, gap = load_script(config.devices.demo_conversation)
    assert [t.role for t in turns] == ["clerk", "visitor", "clerk", "visitor"] and gap > 0
    assert all(path.is_file() for turn in turns for path in turn.recordings.values())
    conversation = DemoConversation(config.devices.demo_conversation)
    assert conversation.languages("clerk") == {"ko"} and conversation.languages("visitor") == {"en", "zh"}
    size = sum(path.stat().st_size for turn in turns for path in turn.recordings.values())
    assert size < 1_500_000, "the demo speech stays small in the repository and the bundle"


def test_each_turn_is_loud_at_its_speakers_microphone_only(conversation: DemoConversation) -> None:
    conversation.clerk.start(), conversation.visitor.start()
    assert conversation.begin("ko", "en")
    clerk, visitor = play(conversation, 40)
    turns, _ = load_script(conversation.script)
    loud = np.abs(clerk) > np.abs(visitor)
    spoken = (np.abs(clerk) + np.abs(visitor)) > 0
    assert spoken.any()
    ratio = np.abs(visitor[spoken & loud]) / np.abs(clerk[spoken & loud])
    assert np.allclose(ratio, 10 ** (LEAKAGE_DB / 20), rtol=1e-3), "the other microphone hears it 20 dB quieter"
    clerk_seconds = loud[spoken].sum() / 16_000
    expected = sum(d for t in turns if t.role == "clerk" for d in [_seconds(t.recordings["ko"])])
    assert abs(clerk_seconds - expected) < 1.0, (clerk_seconds, expected)


def test_without_recordings_in_the_visitors_language_only_the_clerk_speaks(conversation: DemoConversation) -> None:
    conversation.clerk.start(), conversation.visitor.start()
    assert not conversation.begin("ko", "vi")
    clerk, visitor = play(conversation, 30)
    assert np.abs(clerk).max() > 0.05
    assert (np.abs(visitor) <= np.abs(clerk) * 10 ** (LEAKAGE_DB / 20) + 1e-6).all(), "no visitor turn at all"


def test_the_conversation_stops_when_the_visit_ends(conversation: DemoConversation) -> None:
    conversation.clerk.start(), conversation.visitor.start()
    conversation.begin("ko", "en")
    conversation.end()
    clerk, visitor = play(conversation, 5)
    assert not clerk.any() and not visitor.any()


def test_the_demo_microphone_is_two_microphones_that_follow_the_visit(config: KioskConfig) -> None:
    device, what, notice = device_choice.choose("microphone", config.devices, probe=False)
    assert isinstance(device, DemoConversation) and what == "demo" and notice.code == "demo_microphone"
    runtime = KioskRuntime.build(config, clock=ManualClock(), start_devices=False)
    try:
        names = [runtime._devices[k].name for k in ("microphone", "visitor_microphone")]
        assert names[0].startswith("demo clerk") and names[1].startswith("demo visitor")
        notices: list[Notice] = []
        runtime.session.subscribe(lambda e: notices.append(e) if isinstance(e, Notice) else None)
        runtime.session.choose("vi", VisitorMode.SPEECH)
        note = next(n for n in notices if n.code == "no_demo_speech")
        assert "베트남어" in note.message_ko and "Vietnamese" in note.message_en
        conversation = runtime._devices["microphone"].conversation
        conversation.clerk.start(), conversation.visitor.start()
        assert play(conversation, 5)[0].any(), "the clerk's first turn plays"
        runtime.session.end()
        assert not any(part.any() for part in play(conversation, 5)), "silence once the visit is over"
    finally:
        runtime.close()


def _seconds(path) -> float:
    return (path.stat().st_size - 44) / 32_000


@pytest.mark.slow
def test_an_english_visit_in_demo_mode_captions_the_clerk_in_korean_and_the_visitor_in_english(
    config: KioskConfig,
) -> None:
    """Real whisper, the real runtime, session and demo files; the demo microphones are the only twins."""
    config = dataclasses.replace(config, speech=dataclasses.replace(config.speech, partial_interval_s=1e9))
    runtime = KioskRuntime.build(config, clock=ManualClock(), start_devices=False)
    session = runtime.session
    session.choose("en", VisitorMode.SPEECH)
    runtime.start_media()
    try:
        wait_for(lambda: len(session.entries) >= 4, seconds=180)
    finally:
        runtime.close()
    lines = [(e.role, e.language, e.text) for e in session.entries]
    print("demo conversation, English visit:", lines)
    assert [role for role, _, _ in lines] == [Role.CLERK, Role.VISITOR, Role.CLERK, Role.VISITOR]
    for role, language, text in lines:
        assert language == ("ko" if role is Role.CLERK else "en")
        assert bool(HANGUL.search(text)) == (role is Role.CLERK), text
    assert "hello" in lines[1][2].lower() and "curiosity" in lines[3][2].lower()
