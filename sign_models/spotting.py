"""Spotting taught signs inside continuous signing: sliding windows, then the best set of non-overlapping ones.

Deaf visitors sign phrases without resting between signs, and the segmenter (which needs a rest or a hold) then
misses or merges signs. :func:`spot` looks at a whole recording instead: the matching features are computed once
for all frames, every window of ``lengths`` seconds starting every ``step`` seconds (while a hand is up) is matched
against the taught signs (whose examples are the signs alone, without the rise from rest and the fall back:
:func:`~sign_models.strokes.sign_core`), and the windows whose match is accepted (per-sign threshold and margin,
:meth:`~sign_models.fewshot.EnrolledSigns.match_prepared`, and within ``accept`` of the threshold: a window is one
of many chances for an untaught sign to be answered) are candidates. A window must last about as long as the sign
did when it was taught (``duration``: a quick transition is no sign; the shortest windows always fit a sign taught
shorter than them: a one-stroke sign cut to its core kept 0.13-0.16 s, under 0.4 / 2.2, and was never spotted) and
must not be mostly still (a hold alone is no sign). :func:`best_path` then keeps the non-overlapping candidates
whose scores (how far below its threshold each match is) weighted by their length add up to the most: a small
dynamic programme over the phrase, so that one window overlapping two good ones no longer pushes them out as the
greedy best-first suppression did, and the moves between signs stay outside every window. Neighbouring windows that
found the same gloss within ``merge_gap`` are one sign (the hold after a sign and the move out of it look like its
end; so the same sign twice in a row within 0.8 s counts once: a known limit). SYNTHETIC stress, one teacher, three
signs in a row, gloss error with holds / flowing: greedy suppression 0.35 / 0.267 (examples with rise and fall),
0.25 / 0.067 (signs alone), this 0.083 / 0.067 (with ``accept`` 1: 0.117 / 0.05, untaught rejected 0.673 instead of
0.709). ``accept`` 0.8 -> 0.9 (twentieth session, SYNTHETIC dev splits 0-1, one and three teachers): phrase gloss
errors 109 -> 94 of 1920, one untaught replay more let in (split 0, three teachers), other single-sign figures equal
(docs/signs.md). It costs one match per window, the windows matched together (the bank read once per ``BATCH``): a
recording (``kiosk sign recognize``) is spotted whole; the live kiosk matches a phrase's windows while it is signed,
each once its features are settled (:func:`match_ahead`), and spots once a segment that is not a sign on its own
ends, or once the hands rest after moving for longer than a sign with no answer
(:meth:`~sign_models.recognizer.SignRecognizer.push`): then only the last windows are left to match.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sign_models.cleanup import MAX_GAP
from sign_models.enrollment import matching_features
from sign_models.fewshot import BATCH, EnrolledSigns, Match
from sign_models.landmarks import LandmarkFrame
from sign_models.smoothing import VELOCITY_SECONDS
from sign_models.strokes import MIN_CORE, MOVING, hand_speed, hands_up

# A frame's features change until this long after it (a hand gap filled, then the velocity's later frame; 8 frames
# at 30 fps) and for this many frames (it was the body's average, 4 frames, and the velocity's next frame; the body is
# now averaged over seconds, but without the 5 frames a gap filled by a later frame changed a hand smoothed over
# 3 x 0.05 s, and so a settled frame's velocity, at 15 fps: SYNTHETIC, docs/signs.md, nineteenth session).
SETTLE_SECONDS = MAX_GAP + VELOCITY_SECONDS
SETTLE_FRAMES = 5
Known = dict[tuple[float, float], Match]  # window matches by the times of the window's first and last frame


@dataclass(frozen=True)
class SpotOptions:
    """Window ``lengths`` and start ``step`` in seconds; ``moving``, ``up``: least shares of moving and raised frames
    in a window; ``merge_gap``: the same gloss found again within this many seconds is the same sign;
    ``duration``: the band of window length / the sign's taught duration (a window of the shortest length is
    never too long: a taught core can be shorter than it); ``accept``: a window's match must be within this share
    of the gloss's threshold."""

    lengths: tuple[float, ...] = (0.4, 0.6, 0.8, 1.0, 1.2, 1.5)
    step: float = 0.1
    moving: float = 0.3
    merge_gap: float = 0.8
    up: float = 0.95
    duration: tuple[float, float] = (0.45, 2.2)
    accept: float = 0.9


@dataclass(frozen=True)
class Spot:
    """One sign found: the window's first and last frame index, its times and the match."""

    first: int
    last: int
    start: float
    end: float
    match: Match

    @property
    def score(self) -> float:
        """How far below its gloss's threshold the match is (0 at the threshold, 1 identical)."""
        return 1.0 - self.match.distance / self.match.threshold


def spot(
    frames: Sequence[LandmarkFrame],
    enrolled: EnrolledSigns,
    *,
    left_handed: bool = False,
    options: SpotOptions | None = None,
    known: Known | None = None,
) -> list[Spot]:
    """The taught signs found in ``frames``, in time order (see the module docstring). ``known``: the windows
    already matched while the phrase was signed (:func:`match_ahead`); only the others are matched now."""
    o = options or SpotOptions()
    frames = list(frames)
    if not frames or not enrolled.examples:
        return []
    features, t, windows = _windows(frames, left_handed, o)
    known = _match(features, t, windows, enrolled, {} if known is None else known)
    found = []
    for first, last in windows:
        match = known[t[first], t[last]]
        taught = enrolled.seconds(match.gloss) if match.gloss is not None else 0.0
        seconds = t[last] - t[first]
        fits = not taught or o.duration[0] * taught <= seconds <= max(o.duration[1] * taught, min(o.lengths))
        if match.gloss is not None and fits and match.distance <= o.accept * match.threshold:
            found.append(Spot(first, last, float(t[first]), float(t[last]), match))
    return _merge(best_path(found), o.merge_gap)


def match_ahead(
    frames: Sequence[LandmarkFrame],
    enrolled: EnrolledSigns,
    known: Known,
    *,
    left_handed: bool = False,
    options: SpotOptions | None = None,
) -> int:
    """While a phrase is being signed (``frames``: from where :func:`spot` will look, to the latest): match into
    ``known`` up to ``BATCH`` of its windows not yet known whose features are settled (they end within the
    :func:`settled` frames), so that its end leaves only the last few to :func:`spot`. Returns how many."""
    frames = list(frames)
    done = settled(np.asarray([f.t for f in frames]))
    if not done or not enrolled.examples:
        return 0
    features, t, windows = _windows(frames, left_handed, options or SpotOptions())
    todo = [(a, b) for a, b in windows if b < done and (t[a], t[b]) not in known][:BATCH]
    _match(features, t, todo, enrolled, known)
    return len(todo)


def settled(t: np.ndarray) -> int:
    """How many of the first frames (times ``t``) no later frame changes the features of: those at least
    ``SETTLE_SECONDS`` and ``SETTLE_FRAMES`` frames before the latest, whatever the frame rate (it was 8 frames:
    0.13 s at 60 fps, too few; 0.55 s at MediaPipe's ~14 fps, more than needed; docs/signs.md, eighteenth session)."""
    if not len(t):
        return 0
    by_time = int(np.searchsorted(t, t[-1] - SETTLE_SECONDS + 1e-6, side="right"))
    return max(0, min(by_time, len(t) - SETTLE_FRAMES))


def _windows(
    frames: list[LandmarkFrame], left_handed: bool, o: SpotOptions
) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
    """The frames' matching features, times and the windows (first and last frame) worth matching."""
    features = matching_features(frames, left_handed=left_handed)
    t = np.asarray([f.t for f in frames])
    up, moving = hands_up(features), hand_speed(features) > MOVING
    windows = []
    for start in np.arange(t[0], t[-1], o.step):
        first = int(np.searchsorted(t, start))
        if first >= len(t) or not up[first]:
            continue
        for length in o.lengths:
            last = int(np.searchsorted(t, start + length)) - 1
            if last >= len(t) - 1 and t[-1] < start + length - o.step:
                break
            span = slice(first, last + 1)
            if t[last] - t[first] >= MIN_CORE and moving[span].mean() >= o.moving and up[span].mean() >= o.up:
                windows.append((first, last))
    return features, t, windows


def _match(
    features: np.ndarray, t: np.ndarray, windows: list[tuple[int, int]], enrolled: EnrolledSigns, known: Known
) -> Known:
    """``known`` with the windows not in it yet matched, all at once (the bank read once per ``BATCH``)."""
    todo = [(a, b) for a, b in windows if (t[a], t[b]) not in known]
    for (a, b), match in zip(todo, enrolled.match_each([features[a : b + 1] for a, b in todo]), strict=True):
        known[float(t[a]), float(t[b])] = match
    return known


def best_path(found: list[Spot]) -> list[Spot]:
    """The non-overlapping windows (one may start on the frame where the previous ends) whose scores, weighted
    by their length in frames, add up to the most: a weighted interval schedule, in time order."""
    spots = sorted(found, key=lambda s: s.last)
    ends = [s.last for s in spots]
    best: list[tuple[float, list[Spot]]] = [(0.0, [])]
    for k, s in enumerate(spots):
        before = best[bisect.bisect_right(ends, s.first, 0, k)]
        take = before[0] + s.score * (s.last - s.first + 1)
        best.append((take, [*before[1], s]) if take > best[k][0] else best[k])
    return best[-1][1]


def same_sign(gloss: str | None, end: float, again: str | None, start: float, gap: float) -> bool:
    """Whether ``again`` found from ``start`` is the sign ``gloss`` that ended at ``end`` once more: the same gloss
    within ``gap`` seconds (the hold after a sign and the move out of it match that sign a second time)."""
    return gloss == again and start - end <= gap


def _merge(spots: list[Spot], gap: float) -> list[Spot]:
    """Neighbouring windows that found the same gloss are one sign (the better match is kept, spanning both)."""
    out: list[Spot] = []
    for s in spots:
        last = out[-1] if out else None
        if last is not None and same_sign(last.match.gloss, last.end, s.match.gloss, s.start, gap):
            better = max(last, s, key=lambda x: x.score)
            out[-1] = Spot(last.first, s.last, last.start, s.end, better.match)
        else:
            out.append(s)
    return out
