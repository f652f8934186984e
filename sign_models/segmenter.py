"""Streaming segmentation of continuous signing into sign candidates.

A sign starts when a hand leaves the rest position (no hand in view, or the wrist lower than
``rest_level`` shoulder widths below the shoulder line: hands on the counter or in the lap). It ends at once
when a hand that signed is seen going down past the rest level with no hand left up; when the hands merely
vanish it ends only after ``rest_seconds`` (one or two frames in which MediaPipe loses the hand do not end
it). It also ends when the hands stay up but stop moving for ``pause_seconds``: the wrist speed falls below
``pause_speed``, and a new sign only starts once it rises above ``start_speed`` (hysteresis: jitter around one
threshold does not start and stop signs). It ends sooner still when every raised hand is heading down fast
enough to pass the rest level within ``fall_seconds`` (its speed over the last 0.1 s carried on): the hands
are on their way to rest (not before ``min_seconds``: a quick downward stroke made low is the sign, and cut
there it would be too short to keep). ``kiosk bench sign`` (SYNTHETIC signing): the wait after the movement p50
240 -> 167 ms, end of sign -> gloss on the clerk screen 307 -> 236 ms; 36 of 40 signs right instead of 34.
Ending on the hand seen going down (instead of a settled rest) and on a hold of 0.15 s (was 0.25 s) brings the
gloss sooner: on synthetic signing, end of movement -> end of segment p50 0.47 -> 0.33 s through a hold; 0.1 s
split signs with a brief hold inside them. A segment shorter than ``min_seconds`` is dropped (a hand that only
twitched up); one longer than ``max_seconds`` is cut and a new one begins.

A hold is what the camera saw: frames in which the hands are lost neither break it nor count toward it. They
counted: a hand lost in low light just after it rose (its rise unseen) was taken for a hold at the sign's first
frame, the sign was dropped, and its small movement never reached ``start_speed`` (모르다 and 아이, SYNTHETIC stress
split 1, mirrored with lost hands, had no segment). A segment in which no hand moved after its first frame is
dropped too: a hand resting in view just above the rest level, seen now and then.

Hands at the waist or in the lap (above the rest level) start a sign only by rising or by coming into view
(:func:`~sign_models.strokes.resting`), judged on wrists averaged over ``still_seconds``: landmark jitter at low
resolution (SD up to 0.05 shoulder widths a frame) moves the raw wrists faster than ``start_speed``. SYNTHETIC
(3 s waiting at 1.1 shoulder widths, then one sign, low resolution, 20 recordings): 45 segments in 19 recordings
began in the waiting, each a "?" chip; none now (docs/signs.md). This only decides whether a sign starts: a still
low hand while the other signs stays in the sign (the base hand of a two-handed sign).

What it cannot do: fluent signing that flows from sign to sign without a hold or a return to rest comes out as
one long segment (cut at ``max_seconds``); small signs held apart are missed (a tap of 0.1 shoulder widths moves
the wrist at 0.2-0.45 widths/s: after a hold it never reaches ``start_speed``, and begun from rest it can fall
under ``pause_speed`` for ``pause_seconds`` before ``min_seconds`` and be dropped). The live recogniser spots
taught signs in both (:class:`~sign_models.recognizer.SignRecognizer`). Speeds are measured in shoulder widths
per second on the body frame of :mod:`sign_models.features`, so the thresholds do not depend on the camera
distance.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from sign_models.features import REST_LEVEL, WRIST, body_reference, check_hand
from sign_models.landmarks import LandmarkFrame
from sign_models.strokes import resting


@dataclass(frozen=True)
class SegmenterOptions:
    """Thresholds; distances in shoulder widths, times in seconds."""

    rest_level: float = REST_LEVEL  # a wrist this far below the shoulder line (or no hand at all) is at rest
    rest_seconds: float = 0.2  # both hands at rest this long end a sign
    speed_window: float = 0.25  # wrist speed is the displacement over this window
    start_speed: float = 0.7  # widths/s: after a pause, motion above this starts the next sign
    pause_speed: float = 0.3  # widths/s: below this the hands are holding still
    still_seconds: float = 0.15  # wrists averaged over this judge whether a hand at the waist moves (jitter)
    body_smoothing: float = 0.1  # weight of each new frame in the averaged shoulder position and width
    pause_seconds: float = 0.15  # holding still this long (hands up) ends a sign
    fall_seconds: float = 0.1  # raised hands heading down fast enough to be at rest within this time end a sign
    min_seconds: float = 0.35
    max_seconds: float = 4.0


@dataclass(frozen=True)
class Segment:
    """One sign candidate: its frames from the first to the last frame of the sign, and why it ended."""

    start: float
    end: float
    frames: tuple[LandmarkFrame, ...]
    reason: str  # "rest", "pause", "max_length" or "flush"


class SignSegmenter:
    """Feed frames with :meth:`push` in time order; each call returns the segments completed by that frame."""

    def __init__(self, options: SegmenterOptions | None = None) -> None:
        self.options = options or SegmenterOptions()
        self._body: tuple[np.ndarray, float] | None = None
        self._history: deque[tuple[float, dict[str, np.ndarray]]] = deque()
        self._seen: deque[tuple[float, dict[str, np.ndarray]]] = deque()  # every visible wrist, raw
        self._smoothed: deque[tuple[float, dict[str, np.ndarray]]] = deque()  # averaged over still_seconds
        self._still_low: set[str] = set()  # the hands last seen still at the waist or lower
        self._frames: list[LandmarkFrame] = []
        self._last_up = self._last_moving = 0
        self._rest_since: float | None = None
        self._still_since: float | None = None
        self._paused = False  # ended by a pause: wait for motion before the next sign
        self._signing: set[str] = set()  # the hands raised in the sign in progress
        self._last_raised: float | None = None

    def push(self, frame: LandmarkFrame) -> list[Segment]:
        """Add one frame; returns the segments it completed (usually none)."""
        self._track_body(frame)
        wrists = self._wrists(frame)
        raised = {name: position for name, position in wrists.items() if position[1] < self.options.rest_level}
        up = bool(raised)
        self._last_raised = frame.t if up else self._last_raised
        speed = self._speed(frame.t, raised)
        stirring = self._stirring(frame.t, wrists, raised)
        falling = self._falling(frame.t, raised) and not self._short()
        if not self._frames:
            if stirring and not falling and (not self._paused or speed > self.options.start_speed):
                self._begin(frame)
                self._signing = set(raised)
            elif not up:
                self._paused = False
            return []
        seen_down = falling or (not up and any(name in wrists for name in self._signing))
        self._signing = set(raised) or self._signing
        return self._continue(frame, up and not falling, speed, seen_down)

    @property
    def signing(self) -> bool:
        """A sign is in progress (begun, not yet ended)."""
        return bool(self._frames)

    @property
    def last_raised(self) -> float | None:
        """The time of the last frame with a hand above the rest level (None before any, and after a flush)."""
        return self._last_raised

    def flush(self) -> list[Segment]:
        """End the sign in progress (end of the video, camera stopped)."""
        segments = self._emit(len(self._frames) - 1, "flush") if self._frames else []
        for history in (self._history, self._seen, self._smoothed):
            history.clear()
        self._paused, self._last_raised = False, None
        return segments

    def _short(self) -> bool:
        """The sign in progress, ended now, would be shorter than ``min_seconds`` and dropped: a fall now is its
        own downward stroke (a quick sign made low), not the way to rest."""
        return bool(self._frames) and self._frames[self._last_up].t - self._frames[0].t < self.options.min_seconds

    def _begin(self, frame: LandmarkFrame) -> None:
        self._frames = [frame]
        self._last_up = self._last_moving = 0
        self._rest_since = self._still_since = None

    def _continue(self, frame: LandmarkFrame, up: bool, speed: float, seen_down: bool) -> list[Segment]:
        o = self.options
        self._frames.append(frame)
        last = len(self._frames) - 1
        if up:
            self._last_up, self._rest_since = last, None
        else:
            self._rest_since = frame.t if self._rest_since is None else self._rest_since
            if seen_down or frame.t - self._rest_since >= o.rest_seconds:
                self._paused = False
                return self._emit(self._last_up, "rest")
        if speed >= o.pause_speed:
            self._last_moving, self._still_since = last, None
        elif not up and self._still_since is not None:  # hands lost: the hold's clock waits for them
            self._still_since += frame.t - self._frames[-2].t
        elif up:
            self._still_since = frame.t if self._still_since is None else self._still_since
            if frame.t - self._still_since >= o.pause_seconds:
                self._paused = True
                return self._emit(self._last_moving, "pause")
        if frame.t - self._frames[0].t >= o.max_seconds:
            return self._emit(last, "max_length")
        return []

    def _emit(self, last: int, reason: str) -> list[Segment]:
        frames, self._frames = tuple(self._frames[: last + 1]), []
        if frames[-1].t - frames[0].t < self.options.min_seconds or not self._last_moving:
            return []
        return [Segment(frames[0].t, frames[-1].t, frames, reason)]

    def _track_body(self, frame: LandmarkFrame) -> None:
        """Follow the shoulders slowly (exponential average): the body hardly moves, its landmarks jitter."""
        reference = body_reference(frame)
        if reference is None or self._body is None:
            self._body = reference or self._body
            return
        a = self.options.body_smoothing
        self._body = (1 - a) * self._body[0] + a * reference[0], (1 - a) * self._body[1] + a * reference[1]

    def _wrists(self, frame: LandmarkFrame) -> dict[str, np.ndarray]:
        """Each visible hand's wrist relative to the body, in shoulder widths (y grows downward)."""
        if self._body is None:
            return {}
        origin, width = self._body
        out = {}
        for name in ("left_hand", "right_hand"):
            hand = getattr(frame, name)
            if hand is not None:
                wrist = check_hand(hand)[WRIST, :2] * (frame.aspect, 1.0)
                out[name] = (wrist - origin) / width
        return out

    def _falling(self, t: float, raised: dict[str, np.ndarray]) -> bool:
        """Every raised hand is going down fast enough to pass the rest level within ``fall_seconds`` (at its
        speed over the last 0.1 s): the sign is over, the hands are on their way to rest."""
        past = next(((when, old) for when, old in self._history if t - when <= 0.1 + 1e-6 and when < t), None)
        if not raised or past is None:
            return False
        ahead = self.options.fall_seconds / (t - past[0])
        return all(
            name in past[1] and position[1] + ahead * (position[1] - past[1][name][1]) >= self.options.rest_level
            for name, position in raised.items()
        )

    def _stirring(self, t: float, wrists: dict[str, np.ndarray], raised: dict[str, np.ndarray]) -> bool:
        """Some raised hand is not :func:`~sign_models.strokes.resting`: above the waist, or rising faster than
        ``start_speed`` over ``speed_window`` judged on its wrist averaged over ``still_seconds`` (a hand settling
        at the waist or moving sideways there starts nothing), or come into view (unseen for ``speed_window`` while
        the camera ran, and not last seen still at the waist: it rose from below the image); the frame joins the
        history."""
        o = self.options
        self._seen.append((t, wrists))
        while t - self._seen[0][0] >= o.still_seconds:
            self._seen.popleft()
        while self._smoothed and t - self._smoothed[0][0] > o.speed_window + 1e-6:
            self._smoothed.popleft()
        watched = bool(self._smoothed) and t - self._smoothed[0][0] >= o.still_seconds  # not just switched on
        now = {name: np.mean([old[name] for _, old in self._seen if name in old], axis=0) for name in wrists}
        stirs = False
        for name, position in wrists.items():
            old = [past[name] for _, past in self._smoothed if name in past]
            if not old:
                rising = watched and name not in self._still_low
            else:
                rising = max(p[1] - now[name][1] for p in old) / o.speed_window > o.start_speed
                moving = max(float(np.linalg.norm(p - now[name])) for p in old) / o.speed_window > o.start_speed
                if resting(max(position[1], now[name][1]), moving):
                    self._still_low.add(name)
                else:
                    self._still_low.discard(name)
            # the average lags: a hand going down to the waist is as low as the lower of its two wrists
            depth = position[1] if rising else max(position[1], now[name][1])
            stirs |= name in raised and not resting(float(depth), rising)
        self._smoothed.append((t, now))
        return stirs

    def _speed(self, t: float, wrists: dict[str, np.ndarray]) -> float:
        """How far the fastest raised wrist is from where it was at any time in the last ``speed_window`` seconds,
        per second (a displacement over a whole stroke would miss a quick back-and-forth)."""
        self._history.append((t, wrists))
        while len(self._history) > 1 and t - self._history[1][0] >= self.options.speed_window:
            self._history.popleft()
        moved = [np.linalg.norm(wrists[name] - old[name]) for _, old in self._history for name in wrists if name in old]
        return max(moved, default=0.0) / self.options.speed_window


def segment_all(frames: Iterable[LandmarkFrame], options: SegmenterOptions | None = None) -> list[Segment]:
    """Every segment of a whole recording, as the live kiosk would find them."""
    segmenter = SignSegmenter(options)
    segments = [segment for frame in frames for segment in segmenter.push(frame)]
    return segments + segmenter.flush()
