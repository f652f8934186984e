"""The screens' runtime without camera, microphone or speaker: the screenshot gallery and the UI tests.

It satisfies :class:`kiosk.contract.ScreenRuntime` with the real session and channels and a speaker that
only remembers what it was asked to play; camera frames come from whoever calls ``frame_listeners``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from base.events import Notice
from hardware.null_speaker import NullSpeaker
from kiosk.channels.fingerspelling import SpellingChannel
from kiosk.channels.signing import SignChannel
from kiosk.channels.voice_output import VoiceOutput
from kiosk.device_status import DeviceStatus
from kiosk.line_worker import LineWorker
from kiosk.session import Session


class DevicelessRuntime:
    """Announces demo mode like a kiosk without camera and microphone; nothing is recorded or played."""

    status = DeviceStatus(camera="demo", microphone="demo", speaker="none")
    offered_languages = None  # every enabled language
    recorder = None

    def __init__(self, session: Session, notices: Iterable[Notice] = (), *, speaks: bool = True) -> None:
        """``speaks=False``: the voice is not subscribed to the session (the gallery photographs, it does not talk)."""
        self.session = session
        self.startup_notices = list(notices)
        self.frame_listeners: list[Callable[[np.ndarray], None]] = []
        self.speaker = NullSpeaker()
        self.voice = VoiceOutput(self.speaker, session.config.voice, notify=session.notify)
        if speaks:
            session.subscribe(self.voice.on_event)
        self.spelling = SpellingChannel(session)
        self.signing = SignChannel(session)
        self.lines = LineWorker(session)

    def subscribe_frames(self, listener: Callable[[np.ndarray], None]) -> None:
        self.frame_listeners.append(listener)

    def subscribe_level(self, listener: Callable[[float], None]) -> None:
        """No microphone: no level."""

    def start_media(self) -> None:
        """No devices to start."""

    def close(self) -> None:
        self.lines.close()
        self.voice.close()
        self.spelling.close()
        self.signing.close()
