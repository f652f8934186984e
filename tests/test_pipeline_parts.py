"""``kiosk bench pipeline``'s parts of a painted caption (issue 16, item 3): they add up to the painted latency,
and the worker clock they are read from is the one ``stream_audio`` reads ready times from."""

from __future__ import annotations

import time

import numpy as np
import pytest

from base.audio import SAMPLE_RATE
from base.events import Caption, Role
from bench.pipeline_parts import PARTS, Final, Span, WorkerClock, split, timeline
from kiosk.channels.transcribe import stream_audio

# SYNTHETIC timeline: speech ends at 5.0 s; a greedy partial runs 5.1-5.48 (its feed to 5.5) over the pause, audible
# at 5.16 s; the pause decoding 5.51-6.19; the final delivered in the feed of 6.30-6.33; translation 5 ms, paint 20 ms.
FEEDS = [Span(5.1, 5.5), Span(5.5, 6.2), Span(6.2, 6.21), Span(6.3, 6.33)]
DECODES = [Span(5.1, 5.48, beam=1), Span(5.51, 6.19)]


def test_a_reused_pause_decoding_is_cut_into_parts_that_add_up_to_the_painted_latency() -> None:
    parts = split(Final(0.5, 5.0, 6.31, reused=True), 6.33, FEEDS, DECODES, 0.005, 0.02)
    expected = {
        "pause seen": 0.17,  # the partial's 0.04 s before the pause's 5 silent windows (0.16 s) had arrived
        "behind earlier work": 0.34,
        "pause decoding": 0.68,
        "silence wait": 0.11,
        "final decoding": 0.0,
        "commit": 0.025,
        "translation": 0.005,
        "screen": 0.02,
    }
    assert parts == pytest.approx({"speech": 4.5, **expected})
    assert sum(parts[p] for p in PARTS) == pytest.approx(6.33 - 5.0 + 0.02)


def test_a_final_decoded_again_after_the_end_waited_from_the_end_of_speech() -> None:
    feeds = [*FEEDS[:3], Span(6.3, 6.85)]
    decodes = [*DECODES, Span(6.3, 6.8)]
    parts = split(Final(0.5, 5.0, 6.82, reused=False), 6.85, feeds, decodes, 0.005, 0.02)
    assert parts["pause seen"] == parts["behind earlier work"] == parts["pause decoding"] == 0.0
    assert parts["silence wait"] == pytest.approx(1.3)
    assert parts["final decoding"] == pytest.approx(0.5)
    assert sum(parts[p] for p in PARTS) == pytest.approx(6.85 - 5.0 + 0.02)
    steps = timeline([parts])
    unused = ("pause seen", "behind earlier work", "pause decoding")
    assert [s["step"] for s in steps] == [p for p in PARTS if p not in unused]
    assert steps[0]["start"] == 0.0 and steps[-1]["end"] == pytest.approx(1.87)


class Transcriber:
    """The poll the worker clock watches: a final every tenth poll, the pause's decoding reused."""

    def __init__(self) -> None:
        self.speculated, self.polls = 0, 0

    def poll(self) -> list[Caption]:
        self.polls += 1
        time.sleep(0.2 if self.polls % 10 == 0 else 0.001)  # a decoding: the worker falls behind the audio
        if self.polls % 10:
            return []
        self.speculated += 1
        return [Caption(Role.CLERK, "네", "ko", 0.0, self.polls / 10, final=True)]


def test_the_worker_clock_keeps_stream_audios_virtual_time() -> None:
    clock, transcriber = WorkerClock(), Transcriber()
    clock.watch(transcriber)
    timed = stream_audio(
        np.zeros(3 * SAMPLE_RATE, np.float32), clock.feed(lambda s: transcriber.poll()), clock.finish(list)
    )
    finals = clock.finals()
    assert [(f.end, f.reused) for f in finals] == [(t.caption.end, True) for t in timed]
    feeds = clock.feeds()
    for final, item in zip(finals, timed, strict=True):
        delivering = next(f for f in reversed(feeds) if f.start <= final.at)
        assert delivering.end == pytest.approx(item.ready, abs=0.002)
        assert delivering.start <= final.at <= delivering.end
