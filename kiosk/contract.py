"""The one contract between the screens (``ui/``) and the live kiosk (:class:`kiosk.runtime.KioskRuntime`).

The screens use nothing of the runtime beyond :class:`ScreenRuntime`. A part the kiosk may run without
(a channel whose engine is unavailable) is an explicit ``X | None`` attribute, so a screen hides that
panel on purpose; a part that is absent altogether (renamed, forgotten in a test double) is a
:class:`KioskError` at start-up from :func:`check_contract`, never a silently missing panel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np

from base.errors import KioskError
from base.events import Notice
from kiosk.admin.recorder import FrameRecorder
from kiosk.channels.fingerspelling import SpellingChannel
from kiosk.channels.signing import SignChannel
from kiosk.channels.voice_output import VoiceOutput
from kiosk.device_status import DeviceStatus
from kiosk.line_worker import LineWorker
from kiosk.session import Session


class ScreenRuntime(Protocol):
    """Everything the visitor, clerk and admin screens use of the runtime.

    ``offered_languages`` is None when every enabled language is offered; ``voice``, ``spelling``,
    ``signing`` and ``recorder`` are None when that part is off (its panel is then not shown).
    Admin actions and config values are reached through ``session`` (``session.config``).
    """

    session: Session
    lines: LineWorker  # typed lines, phrases, corrections, suggestion taps: never Session.say on the Qt thread
    status: DeviceStatus
    startup_notices: list[Notice]
    offered_languages: list[str] | None
    voice: VoiceOutput | None
    spelling: SpellingChannel | None
    signing: SignChannel | None
    recorder: FrameRecorder | None

    def subscribe_frames(self, listener: Callable[[np.ndarray], None]) -> None: ...

    def subscribe_level(self, listener: Callable[[float], None]) -> None: ...

    def start_media(self) -> None: ...

    def close(self) -> None: ...


MEMBERS = tuple(ScreenRuntime.__annotations__) + tuple(
    name for name, value in vars(ScreenRuntime).items() if callable(value) and not name.startswith("_")
)


def check_contract(runtime: object) -> None:
    """Raise a :class:`KioskError` naming every member of :class:`ScreenRuntime` that ``runtime`` lacks."""
    missing = [name for name in MEMBERS if not hasattr(runtime, name)]
    if missing:
        names = ", ".join(missing)
        raise KioskError(
            f"화면을 시작할 수 없습니다: 런타임에 {names}이(가) 없습니다",
            f"cannot start the screens: the runtime {type(runtime).__name__} lacks {names}",
            hint="every part of kiosk.contract.ScreenRuntime must be present (None for a part that is off)",
        )
