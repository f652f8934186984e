"""Engine result -> pixels on a screen, through the real bridge (``kiosk bench ui``, ``pipeline`` and ``sign``).

A worker thread plays the engines: it commits transcript lines (``Session.say``, as the speech worker
does) and live captions (``Session.show_caption``) while the Qt event loop runs. Each latency starts when
the session emits the event (a listener subscribed before the bridge) and ends when the visitor window
has painted it (:class:`ui.paint_probe.PaintProbe`).
"""

from __future__ import annotations

import threading
import time

from PyQt6.QtCore import QMetaObject, Qt

from base.events import Caption, Role, SignChips, TranscriptEntry, VisitorMode
from kiosk.contract import ScreenRuntime
from ui.app import application, build_windows, dismantle
from ui.displays import place
from ui.paint_probe import PaintProbe
from ui.visitor_window import VisitorWindow

WAIT_S = 60.0  # no paint by then: lost, a failure; a late one is a sample (p90 0.5 s at load 16 on 2 cores)


def measure(runtime: ScreenRuntime, samples: int) -> dict[str, list[float]]:
    """Milliseconds from the session's event to the painted visitor screen: {"entry": [...], "caption": [...]}."""
    app = application()
    session = runtime.session
    probe_holder: list[PaintProbe] = []
    session.subscribe(lambda _event: probe_holder and probe_holder[0].mark())  # before the bridge: t0
    bridge, visitor, clerk = build_windows(runtime)
    place(visitor, clerk, fullscreen=False)
    probe = PaintProbe(visitor)
    probe_holder.append(probe)
    session.choose("en", VisitorMode.SPEECH)
    app.processEvents()
    latencies: dict[str, list[float]] = {"entry": [], "caption": []}
    failures: list[str] = []

    def work() -> None:
        try:
            for i in range(samples):
                text = f"caption {i}"
                probe.expect(lambda t=text: visitor.captions.partial_text == t)
                session.show_caption(Caption(Role.VISITOR, text, "en", 0.0, 1.0, final=False))
                _collect(probe, latencies["caption"], failures)
                text = f"line {i}"
                probe.expect(lambda t=text: _last_line(visitor).endswith(t))
                session.say(Role.VISITOR, text, language="en", translations={"ko": text})
                _collect(probe, latencies["entry"], failures)
        finally:
            QMetaObject.invokeMethod(app, "quit", Qt.ConnectionType.QueuedConnection)

    worker = threading.Thread(target=work, name="bench-ui", daemon=True)
    worker.start()
    app.exec()
    worker.join()
    dismantle(app, bridge)
    if failures:
        raise RuntimeError(f"the visitor screen did not paint within {WAIT_S} s: {failures[0]}")
    return latencies


def _collect(probe: PaintProbe, into: list[float], failures: list[str]) -> None:
    if probe.done.wait(WAIT_S):
        into.append(probe.latencies[-1] * 1000.0)
    else:
        failures.append("no paint")
    time.sleep(0.02)  # let the screen settle, as between real events


class Screens:
    """Both windows of a runtime, driven from the calling thread (no event loop of its own). Every clerk
    line is timed from the session's event until the visitor screen has painted its translation (a saved line
    once: not again when it is revised or corrected in place), and every change of the visitor's signs until
    the clerk screen has painted the glosses."""

    def __init__(self, runtime: ScreenRuntime) -> None:
        self.app = application()
        runtime.session.subscribe(self._on_event)  # before the bridge, so the clock starts first
        self.bridge, self.visitor, self.clerk = build_windows(runtime)
        place(self.visitor, self.clerk, fullscreen=False)
        self.visitor_probe = PaintProbe(self.visitor)
        self.clerk_probe = PaintProbe(self.clerk)
        self._timed: set[int] = set()  # saved lines already timed

    def settle(self) -> None:
        """Handle pending Qt events: the windows update and paint."""
        self.app.processEvents()

    def _on_event(self, event: object) -> None:
        if isinstance(event, TranscriptEntry) and event.role is Role.CLERK and event.entry_id not in self._timed:
            self._timed |= {event.entry_id} if event.saved else set()
            shown = event.translations.get(self.visitor.session.language or "", event.text)
            self.visitor_probe.expect(lambda: _last_line(self.visitor).endswith(shown))
            self.visitor_probe.mark()
        elif isinstance(event, SignChips) and event.signs:
            glosses = " · ".join(sign.gloss for sign in event.signs)
            self.clerk_probe.expect(lambda: self.clerk.transcript.partial_text.endswith(glosses))
            self.clerk_probe.mark()


def _last_line(visitor: VisitorWindow) -> str:
    count = visitor.captions.count()
    return visitor.captions.item(count - 1).text() if count else ""
