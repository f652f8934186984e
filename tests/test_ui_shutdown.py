"""Quitting the kiosk: the windows are destroyed before the application object (a crash on exit before).

Run in a child process: an event loop that quit leaves this process's QApplication unusable for later tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import json, sys
from pathlib import Path
from PyQt6 import sip
from PyQt6.QtCore import QTimer
from base.clock import ManualClock
from kiosk.config import load_config
from kiosk.deviceless_runtime import DevicelessRuntime
from kiosk.session import Session
from kiosk.store import TranscriptStore
from ui.app import application, run_kiosk

app = application()
store = TranscriptStore(Path(sys.argv[1]) / "t.sqlite3")
runtime = DevicelessRuntime(Session(load_config(cwd=Path(sys.argv[1])), store, clock=ManualClock()))
shown = []
QTimer.singleShot(200, lambda: shown.extend(w for w in app.topLevelWidgets() if sip.ispyowned(w)))
code = run_kiosk(runtime, quit_after_ms=400)
left = [type(w).__name__ for w in app.topLevelWidgets() if sip.ispyowned(w)]
print(json.dumps({"code": code, "shown": sorted(type(w).__name__ for w in shown),
                  "deleted": all(sip.isdeleted(w) for w in shown), "left": left}))
"""


def test_quitting_destroys_both_windows_while_the_application_still_exists(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0
    assert result["shown"] == ["ClerkWindow", "VisitorWindow"]
    assert result["deleted"] and result["left"] == []
