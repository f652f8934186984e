"""``kiosk doctor``'s microphone level check: record ~2 s from each configured microphone (without one, the demo
audio file is replayed as a microphone would deliver it) and report its level. A muted or dead microphone (digital
silence, or a constant) fails with what to do; clipping is a warning; else the room's level in dBFS."""

from __future__ import annotations

from base.errors import KioskError
from hardware.demo_conversation import DemoConversation
from hardware.devices import Microphone
from hardware.microphone_level import RECORD_S, TIMEOUT_S, judge, record
from hardware.wav_microphone import WavFileMicrophone
from kiosk import device_choice
from kiosk.admin.check import Check
from kiosk.config import KioskConfig

MUTED_FIX = (
    "마이크의 음소거 스위치와 시스템 입력 음량(alsamixer, 소리 설정)을 확인하고, 다른 USB 포트나 마이크로 바꿔 보세요"
    " / check the microphone's mute switch and the system input volume (alsamixer, sound settings), then try"
    " another USB port or microphone"
)


def microphone_levels(config: KioskConfig) -> list[Check]:
    """One check per configured microphone (the clerk's or shared one, and the visitor's when set)."""
    checks = []
    for kind, name in (("microphone", "mic_level"), ("visitor_microphone", "visitor_mic_level")):
        device, _, _ = device_choice.choose(kind, config.devices)
        if isinstance(device, DemoConversation):  # no microphone: the demo audio, as a microphone would give it
            device = WavFileMicrophone(config.devices.demo_audio) if config.devices.demo_audio.is_file() else None
        if device is not None:
            checks.append(level_check(name, device))
    return checks


def level_check(name: str, microphone: Microphone) -> Check:
    """Record from ``microphone`` (a file twin instantly) and judge its level."""
    if isinstance(microphone, WavFileMicrophone):
        microphone.realtime = False
    try:
        level = judge(record(microphone))
    except KioskError as exc:
        return Check(name, False, True, f"{microphone.name}: {exc.message_ko} / {exc.message_en}", MUTED_FIX)
    heard = f"{microphone.name}, {level.seconds:.1f} s"
    if level.seconds < RECORD_S / 2:
        detail = f"{heard}: {TIMEOUT_S:.0f}초 동안 소리가 오지 않습니다 / no audio for {TIMEOUT_S:.0f} s"
        return Check(name, False, True, detail, MUTED_FIX, "NO SOUND")
    if level.verdict == "silent":
        detail = f"{heard}: 디지털 무음(모두 0): 음소거되었거나 고장 난 마이크입니다 / digital silence: muted or dead"
        return Check(name, False, True, detail, MUTED_FIX, "NO SOUND")
    if level.verdict == "constant":
        detail = (
            f"{heard}: 값이 변하지 않습니다({level.peak_dbfs:.0f} dBFS): 고장 난 마이크입니다"
            f" / a constant value ({level.peak_dbfs:.0f} dBFS): the microphone is dead"
        )
        return Check(name, False, True, detail, MUTED_FIX, "NO SOUND")
    room = f"room {level.room_dbfs:.0f} dBFS, peak {level.peak_dbfs:.0f} dBFS"
    if level.verdict == "clipping":
        return Check(
            name,
            True,
            True,
            f"{heard}: {room}; 경고: 소리가 잘립니다({level.clipped:.1%}), 입력 음량을 낮추세요"
            f" / warning: clipping ({level.clipped:.1%} of samples), lower the input volume",
        )
    return Check(name, True, True, f"{heard}: {room}")
