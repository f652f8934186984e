"""What the line workers of a visit share: the session lock, the visit's state, the writer, the line translator and
the wall clock (one record, so a new worker takes them all at once)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.event_gate import EventGate
from kiosk.line_translator import LineTranslator
from kiosk.transcript_writer import TranscriptWriter
from kiosk.visit_states import VisitStates


@dataclass(frozen=True)
class LineContext:
    """The shared parts of :class:`~kiosk.line_input.LineInput` and :class:`~kiosk.line_corrections.LineCorrections`."""

    gate: EventGate
    visit: VisitStates
    writer: TranscriptWriter
    lines: LineTranslator
    wall_clock: Callable[[], float]
