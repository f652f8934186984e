"""``[display]``: the visitor's and the clerk's windows on named screens, and what happens when one is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PyQt6.QtGui import QGuiApplication
from PyQt6.QtWidgets import QWidget

from base.errors import ConfigError
from kiosk.config import DisplayOptions, load_config
from ui.app import application
from ui.displays import Placement, choose_screens, place

COUNTER = ["HDMI-1", "DP-1"]  # a counter PC: the touch display and the clerk's monitor


@pytest.mark.parametrize(
    ("visitor", "clerk", "placed"),
    [
        ("", "", Placement(0, 1)),  # the default: visitor on the primary screen
        ("DP-1", "HDMI-1", Placement(1, 0)),  # by name, the other way round
        ("1", "0", Placement(1, 0)),  # by index
        ("HDMI-1", "", Placement(0, 1)),
        ("HDMI-2", "DP-1", Placement(0, 1, ("visitor = 'HDMI-2'",))),  # missing: the default, and said
        ("", "3", Placement(0, 1, ("clerk = '3'",))),
    ],
)
def test_windows_go_to_the_named_screens(visitor: str, clerk: str, placed: Placement) -> None:
    assert choose_screens(COUNTER, DisplayOptions(visitor, clerk)) == placed


def test_one_screen_holds_both_windows() -> None:
    assert choose_screens(["eDP-1"], DisplayOptions()) == Placement(0, 0)
    assert choose_screens(["eDP-1"], DisplayOptions(clerk="DP-1")) == Placement(0, 0, ("clerk = 'DP-1'",))


def test_a_missing_screen_falls_back_side_by_side_with_a_notice_in_korean_and_english(qtbot) -> None:
    application()
    visitor, clerk = QWidget(), QWidget()
    for window in (visitor, clerk):
        qtbot.addWidget(window)
    names = [screen.name() for screen in QGuiApplication.screens()]
    notice = place(visitor, clerk, False, DisplayOptions(visitor="HDMI-9"))
    assert notice is not None and notice.code == "display_missing"
    assert "HDMI-9" in notice.message_ko and f"연결된 화면: {names[0]!r}" in notice.message_ko
    assert "not connected" in notice.message_en and "HDMI-9" in notice.message_en
    area = QGuiApplication.screens()[0].availableGeometry()
    assert visitor.isVisible() and clerk.isVisible()
    half = area.width() // 2  # side by side (the offscreen platform adds a few pixels of window frame)
    assert visitor.width() == half and abs(clerk.x() - visitor.x() - half) <= 4
    assert place(visitor, clerk, False, DisplayOptions(clerk="0")) is None  # screen 0 exists


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[display]\nvisitor = -1\n", "display.visitor in .*line 2.*screen name"),
        ('[display]\nclerk = " DP-1"\n', "display.clerk in .*line 2"),
        ('[display]\nmonitor = "DP-1"\n', "display.monitor in .*unknown key"),
    ],
)
def test_bad_display_settings_name_key_and_line(tmp_path: Path, text: str, needle: str) -> None:
    (tmp_path / "k.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=needle):
        load_config(tmp_path / "k.toml")


def test_display_settings_load_by_name_and_index(tmp_path: Path) -> None:
    (tmp_path / "k.toml").write_text('[display]\nvisitor = "HDMI-1"\nclerk = 1\n', encoding="utf-8")
    assert load_config(tmp_path / "k.toml").display == DisplayOptions("HDMI-1", "1")
