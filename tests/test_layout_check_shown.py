"""The layout check on the windows as ``kiosk run`` shows them (:func:`ui.app.show_windows`): the gallery resizes a
window to each display, a counter shows the visitor's and the clerk's full screen (kiosk mode) or filling their
displays. At 200 % text on two 1366x768 displays neither window asks more than its display, in a visit's states up to
the clerk's suggestions. Each case runs in a process of its own (:mod:`tests.shown_kiosk`): the offscreen platform's
screens are fixed when Qt starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PANEL = {"width": 1366, "height": 768}


def _shown(tmp_path: Path, screens: int, fullscreen: bool) -> dict[str, dict[str, dict]]:
    """:func:`tests.shown_kiosk.main` at 200 % on ``screens`` 1366x768 displays side by side."""
    layout = {"screens": [{"name": f"panel{i}", "x": i * PANEL["width"], "y": 0, **PANEL} for i in range(screens)]}
    (tmp_path / "screens.json").write_text(json.dumps(layout), encoding="utf-8")
    data = tmp_path / "data"
    (tmp_path / "kiosk.toml").write_text(
        f'[store]\npath = "{data}/t.sqlite3"\nexport_dir = "{data}/exports"\naudit_log = "{data}/audit.log"\n'
        f'[models]\npacks_dir = "{data}/packs"\nenrolled_dir = "{data}/signs"\nrecordings_dir = "{data}/rec"\n'
        '[devices]\ncamera = "demo"\nmicrophone = "demo"\nspeaker = "none"\n'
        f"[ui]\ntext_scale = 2.0\nfullscreen = {str(fullscreen).lower()}\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_CONFIG"}
    env |= {"QT_QPA_PLATFORM": f"offscreen:configfile={tmp_path / 'screens.json'}", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.shown_kiosk", str(tmp_path / "kiosk.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("fullscreen", [True, False], ids=["kiosk-mode", "windowed"])
def test_neither_window_asks_more_than_its_display_as_the_app_shows_them(tmp_path: Path, fullscreen: bool) -> None:
    shown = _shown(tmp_path, 2, fullscreen)
    for state, windows in shown.items():
        visitor, clerk = windows["visitor"], windows["clerk"]
        assert (visitor["screen"], clerk["screen"]) == ("panel0", "panel1"), state
        for window in (visitor, clerk):
            assert window["geometry"][2:] == window["area"][2:] == [1366, 768], (state, window)
            assert window["problems"] == [], (state, window)


def test_on_one_display_the_clerks_half_holds_its_window_at_200_percent(tmp_path: Path) -> None:
    """With one display the two windows sit side by side. At 200 % the clerk's 683 px wide half grew to 683x799 with
    the visitor's line and 683x863 with the suggestions (the top row's status four lines beside the buttons, Talk two
    lines): the text box and Talk under the display's edge. Narrow, the status and the microphone's state take rows of
    their own and the visit's row the print and admin buttons (ui.clerk_top); the chat asks no more than the window
    has, the offer no least height, and the quick phrases come back only where an offer had hidden them."""
    shown = _shown(tmp_path, 1, True)
    assert [(state, w["clerk"]["problems"]) for state, w in shown.items() if w["clerk"]["problems"]] == []
