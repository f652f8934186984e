"""What each device is (real, demo media or none), and one notice when a device is lost or back."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from base.errors import KioskError
from base.events import Notice
from kiosk.session import Session

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeviceStatus:
    """What each device is: "real", "demo" (replaying demo media) or "none"."""

    camera: str
    microphone: str
    speaker: str

    @property
    def demo(self) -> bool:
        return "demo" in (self.camera, self.microphone)

    @property
    def message_ko(self) -> str:
        if self.demo:
            return "데모 모드: 카메라나 마이크가 없어 녹화된 데모 영상과 음성을 재생합니다"
        if "none" in (self.camera, self.microphone):
            return "카메라나 마이크를 사용할 수 없습니다. 글자와 문구로 대화할 수 있습니다"
        return ""

    @property
    def message_en(self) -> str:
        if self.demo:
            return "Demo mode: no camera or microphone, playing recorded demo media"
        if "none" in (self.camera, self.microphone):
            return "Camera or microphone unavailable; text and phrases still work"
        return ""


class DeviceWatch:
    """Tells the screens once when a device is lost and once when it is back (no notice storm)."""

    def __init__(self, session: Session, code: str, names: tuple[str, str]) -> None:
        self.session, self.code, self.names = session, code, names
        self.is_lost = False

    def opened(self, start: Callable[[], None]) -> bool:
        """Try ``start``; a failure counts as lost."""
        try:
            start()
        except KioskError as exc:
            self.lost(exc)
            return False
        if self.is_lost:
            self.is_lost = False
            ko, en = self.names
            log.warning("%s is back", en)
            self.session.notify(Notice(f"{self.code}_back", f"{ko}가 다시 연결되었습니다", f"the {en} is back", "info"))
        return True

    def lost(self, exc: KioskError) -> None:
        if self.is_lost:
            return
        self.is_lost = True
        en = self.names[1]
        log.warning("device failed: %s", exc.message_en)
        self.session.notify(
            Notice(
                f"{self.code}_lost",
                f"{exc.message_ko}. 다시 연결되면 자동으로 이어집니다",
                f"{exc.message_en}; it will resume by itself when the {en} is back",
                "warning",
            )
        )
