"""From per-frame letters to fingerspelled Hangul: stable holds, repeats, double consonants, space and delete.

Frames are first smoothed: the current letter is the one that fills more than half of the last ``smoothing_s``
of frames (confident frames only), so a few frames of another letter, ``?`` or no hand do not matter. A letter
is committed when it stays current, with the hand still, for ``min_hold_s``; one long hold gives one letter.
The same letter is spelled again only when the shape is let go in between (so that no letter fills the
window) or when the hand makes a small bounce (moves and stops again) with the shape held.

Double consonants (ㄲ ㄸ ㅃ ㅆ ㅉ) are the plain handshape moved sideways while held (see the spec file). So a
plain ㄱ ㄷ ㅂ ㅅ ㅈ is committed only after ``double_wait_s`` more of holding (or when the shape is let go),
and becomes the double letter if, since the shape appeared, the wrist moved (or shook) sideways over
``double_shift`` palm sizes and then stopped with the shape still held. A hand that keeps moving into the next
letter never stopped, so leaving a letter sideways does not double it. A sideways movement after the plain
letter was committed counts as a bounce (the letter again).

Compound vowels ㅘ ㅙ ㅝ ㅞ are one handshape turning into another (ㅘ: ㅗ, then the wrist turns to ㅏ). When a
letter directly follows the first shape of such a turn (seen for ``turn_min_s`` or more, and let go at most
``turn_gap_s`` before), it is committed as the compound vowel, replacing the first shape if that was committed
already. Two vowels spelled one after the other compose into the same syllable anyway.

Space and delete come from buttons (or any gesture the caller maps to them): :meth:`space`, :meth:`delete`.
The text is composed by :func:`base.hangul.compose`, so compound vowels signed as two letters (ㅗ+ㅏ)
and final clusters become one syllable, and a vowel after a final consonant starts the next syllable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from base.hangul import compose
from sign_models.fingerspell_classifier import UNKNOWN, FrameResult
from sign_models.fingerspell_spec import load_spec


@dataclass(frozen=True)
class DecoderOptions:
    """Timing in seconds, distances in palm sizes, speeds in palm sizes per second."""

    min_p: float = 0.7  # a frame counts for a letter only at this probability or more
    min_hold_s: float = 0.4  # how long a shape is held still before it is a letter
    smoothing_s: float = 0.3  # the current letter fills over half of this window; shorter flickers are ignored
    max_speed: float = 1.5  # faster than this the hand is moving, not holding
    speed_window_s: float = 0.2  # speed is measured over this long, which averages out landmark jitter
    double_shift: float = 0.5  # sideways travel during a hold that makes a double consonant
    double_wait_s: float = 0.3  # extra holding time before a plain ㄱ ㄷ ㅂ ㅅ ㅈ is final
    turn_min_s: float = 0.1  # the first shape of ㅘ ㅙ ㅝ ㅞ is current at least this long
    turn_gap_s: float = 0.5  # and the second shape starts at most this long after it


@dataclass
class _Hold:
    """One run of frames showing the same letter."""

    letter: str
    started: float
    still_since: float
    held_at: float | None = None  # when the shape had been held still long enough
    committed: bool = False
    doubled: bool = False
    box: list[float] | None = None  # wrist x min, x max, y min, y max over the run
    trail: list[tuple[float, float, float]] = field(default_factory=list)  # recent (t, x, y) of the wrist

    def speed(self, frame: FrameResult, window: float) -> float:
        """Wrist speed over the last ``window`` seconds in palm sizes per second (0 when unknown)."""
        if frame.wrist is None or not frame.scale:
            return 0.0
        self.trail.append((frame.t, *frame.wrist))
        while len(self.trail) > 2 and frame.t - self.trail[1][0] >= window:
            self.trail.pop(0)
        t0, x0, y0 = self.trail[0]
        if frame.t <= t0:
            return 0.0
        return math.hypot(frame.wrist[0] - x0, frame.wrist[1] - y0) / frame.scale / (frame.t - t0)

    def track(self, frame: FrameResult) -> None:
        """Widen the wrist box by this frame's position."""
        if frame.wrist is None:
            return
        x, y = frame.wrist
        b = self.box or [x, x, y, y]
        self.box = [min(b[0], x), max(b[1], x), min(b[2], y), max(b[3], y)]

    def sideways(self, scale: float | None) -> float:
        """Horizontal extent of the wrist's path in palm sizes, when it is mostly sideways (else 0)."""
        if self.box is None or not scale:
            return 0.0
        dx, dy = self.box[1] - self.box[0], self.box[3] - self.box[2]
        return dx / scale if dx > 2 * dy else 0.0


@dataclass
class FingerspellDecoder:
    """Streaming decoder: :meth:`push` one :class:`FrameResult` per camera frame, read :attr:`text`."""

    options: DecoderOptions = field(default_factory=DecoderOptions)
    letters: list[str] = field(default_factory=list)
    _hold: _Hold | None = field(default=None, init=False, repr=False)
    _recent: list[tuple[float, str | None]] = field(default_factory=list, init=False, repr=False)  # (t, letter)
    _last: tuple[str, float, float, bool] | None = field(default=None, init=False, repr=False)  # ended hold

    @property
    def text(self) -> str:
        """The letters so far, composed into Hangul."""
        return compose(self.letters)

    def push(self, frame: FrameResult) -> list[str]:
        """Feed one frame; returns the letters committed by it (usually none)."""
        committed: list[str] = []
        if self._recent and frame.t - self._recent[-1][0] > self.options.smoothing_s:
            self._end_hold(committed, self._recent[-1][0])  # no frames for a while: the hand was gone
            self._recent.clear()
        confident = frame.letter not in ("", UNKNOWN) and frame.p >= self.options.min_p
        self._recent.append((frame.t, frame.letter if confident else None))
        while frame.t - self._recent[0][0] > self.options.smoothing_s:
            self._recent.pop(0)
        current = self._current_letter()
        if self._hold is not None and self._hold.letter != current:
            self._end_hold(committed, frame.t)
        if current is not None and self._hold is None:
            self._hold = _Hold(current, frame.t, frame.t)
        if self._hold is not None:
            self._update(self._hold, frame, committed)
        return committed

    def space(self) -> None:
        """End the word (a button or gesture); a space is never doubled or put first."""
        if self.letters and self.letters[-1] != " ":
            self.letters.append(" ")

    def delete(self) -> str | None:
        """Remove the last letter (or space) and return it; None when there is nothing to delete."""
        return self.letters.pop() if self.letters else None

    def clear(self) -> None:
        """Forget everything: letters and any hold in progress."""
        self.letters.clear()
        self._recent.clear()
        self._hold = self._last = None

    def _current_letter(self) -> str | None:
        """The letter filling more than half of the recent frames, if any."""
        letters = [letter for _, letter in self._recent]
        best = max(set(letters), key=letters.count)
        return best if best is not None and 2 * letters.count(best) > len(letters) else None

    def _end_hold(self, committed: list[str], t: float) -> None:
        """The shape was let go: a plain consonant still waiting for a possible double movement is final."""
        hold = self._hold
        if hold is not None and hold.held_at is not None and not hold.committed:
            self._commit(hold, hold.letter, committed)
        if hold is not None:
            self._last = (hold.letter, hold.started, t, hold.committed)
        self._hold = None

    def _update(self, hold: _Hold, frame: FrameResult, committed: list[str]) -> None:
        """The current letter goes on: track stillness, hold time and movement; commit when due."""
        moving = hold.speed(frame, self.options.speed_window_s) > self.options.max_speed
        if moving and hold.committed and not hold.doubled:  # a bounce with the shape held: it may repeat
            hold.held_at, hold.committed, hold.box = None, False, None
        hold.track(frame)
        if moving and hold.held_at is None:
            hold.still_since = frame.t
        if hold.held_at is None and (
            frame.t - hold.still_since >= self.options.min_hold_s
            or (not moving and self._moved_sideways(hold, frame) and frame.t - hold.started >= self.options.min_hold_s)
        ):
            hold.held_at = frame.t
        if hold.held_at is not None and not hold.committed:
            self._maybe_commit(hold, frame, moving, committed)

    def _maybe_commit(self, hold: _Hold, frame: FrameResult, moving: bool, committed: list[str]) -> None:
        """Commit a held letter; a plain ㄱ ㄷ ㅂ ㅅ ㅈ waits a little for a sideways movement that doubles it."""
        if hold.letter not in load_spec().double_of:
            self._commit(hold, hold.letter, committed)
        elif not moving and self._moved_sideways(hold, frame):
            hold.doubled = True
            self._commit(hold, load_spec().double_of[hold.letter], committed)
        elif frame.t - hold.held_at >= self.options.double_wait_s:
            self._commit(hold, hold.letter, committed)

    def _moved_sideways(self, hold: _Hold, frame: FrameResult) -> bool:
        """The shape moved (or shook) sideways far enough for a double consonant. Callers also require the hand
        to have stopped: a hand moving on to the next letter never stops with this shape, so that is no double."""
        return hold.letter in load_spec().double_of and hold.sideways(frame.scale) >= self.options.double_shift

    def _commit(self, hold: _Hold, letter: str, committed: list[str]) -> None:
        hold.committed = True
        compound = self._turn(hold)
        if compound is not None and self._last is not None and self._last[3]:
            self.letters.pop()  # the first shape of the turn was committed on its own: it becomes the compound
        self.letters.append(compound or letter)
        committed.append(compound or letter)
        self._last = None

    def _turn(self, hold: _Hold) -> str | None:
        """The compound vowel when this hold is the second shape of a turn (ㅗ -> ㅏ is ㅘ), else None."""
        if self._last is None:
            return None
        first, started, ended, was_committed = self._last
        pair = first + hold.letter
        compound = next((c for c, letters in load_spec().sequences.items() if letters == pair), None)
        if (
            compound is None
            or ended - started < self.options.turn_min_s
            or hold.started - ended > self.options.turn_gap_s
        ):
            return None
        if was_committed and (not self.letters or self.letters[-1] != first):
            return None
        return compound
