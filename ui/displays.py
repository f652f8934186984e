"""Which screen each window goes on: ``[display] visitor`` and ``clerk`` name a screen or give its index.

Names are the system's (Qt's ``QScreen.name()``, what ``xrandr`` lists: "HDMI-1", "DP-1" ...). Without a
setting the visitor gets the primary screen and the clerk the second one; with one screen the two windows sit
side by side. A named screen that is not connected falls back to that default and says so (Korean and English),
so a counter PC started with a monitor unplugged still shows both windows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PyQt6.QtGui import QGuiApplication
from PyQt6.QtWidgets import QWidget

from base.events import Notice
from kiosk.config import DisplayOptions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Placement:
    """Screen indexes for the two windows, and the settings that named no connected screen."""

    visitor: int
    clerk: int
    missing: tuple[str, ...] = ()


def screen_index(names: list[str], wanted: str) -> int | None:
    """The index of the screen ``wanted`` names (a name, or an index as text); None when it is not connected."""
    if wanted.isdigit():
        return int(wanted) if int(wanted) < len(names) else None
    return names.index(wanted) if wanted in names else None


def choose_screens(names: list[str], options: DisplayOptions) -> Placement:
    """Where the windows go on the connected screens ``names`` (the primary first)."""
    default = {"visitor": 0, "clerk": 1 if len(names) >= 2 else 0}
    chosen, missing = dict(default), []
    for window in ("visitor", "clerk"):
        wanted = getattr(options, window)
        if wanted:
            index = screen_index(names, wanted)
            if index is None:
                missing.append(f"{window} = {wanted!r}")
            else:
                chosen[window] = index
    if missing:  # one window moved and the other not could put both on one screen: keep the pair as it was
        chosen = default
    return Placement(chosen["visitor"], chosen["clerk"], tuple(missing))


def missing_notice(placement: Placement, names: list[str]) -> Notice:
    """For the clerk: which setting named no connected screen, and which screens there are."""
    wanted, connected = ", ".join(placement.missing), ", ".join(map(repr, names))
    return Notice(
        "display_missing",
        f"설정한 화면이 연결되어 있지 않아 기본 배치로 띄웠습니다 ([display] {wanted}; 연결된 화면: {connected})",
        f"configured screen not connected, default placement used ([display] {wanted}; connected: {connected})",
        "warning",
    )


def place(visitor: QWidget, clerk: QWidget, fullscreen: bool, options: DisplayOptions | None = None) -> Notice | None:
    """Show both windows on their screens; a notice when a configured screen is missing."""
    screens = QGuiApplication.screens()
    names = [screen.name() for screen in screens]
    placement = choose_screens(names, options or DisplayOptions())
    if placement.visitor != placement.clerk:
        for window, index in ((visitor, placement.visitor), (clerk, placement.clerk)):
            window.setGeometry(screens[index].availableGeometry())
            window.showFullScreen() if fullscreen else window.show()
    else:
        area = screens[placement.visitor].availableGeometry()
        half = area.width() // 2
        visitor.setGeometry(area.x(), area.y(), half, area.height())
        clerk.setGeometry(area.x() + half, area.y(), area.width() - half, area.height())
        visitor.show()
        clerk.show()
    log.info("screens %s: visitor on %d, clerk on %d", names, placement.visitor, placement.clerk)
    if not placement.missing:
        return None
    log.warning("configured screen not connected: %s (connected: %s)", placement.missing, names)
    return missing_notice(placement, names)
