"""The look-back: loud audio before a VAD trigger that the VAD scored low (reverberant speech: silero gives loud
words 0.1-0.45 under reverberation, issue 16), found by level against the room (see
:meth:`translations.utterance.PreRoll._start`)."""

from __future__ import annotations

from base.room_level import room_level

LOOKBACK_BELOW_DB = 20.0  # ... and at most this far under the trigger's own level


def loud_windows(levels: list[float], loud_db: float, trigger: float) -> list[bool]:
    """Which windows (RMS ``levels``) are ``loud_db`` or more above the room (:func:`~base.room_level.room_level`
    of ``levels``) and at most ``LOOKBACK_BELOW_DB`` under the ``trigger`` level (the speech the VAD
    heard): the speaker's voice, not the room's own sounds above a near-digital silence or quieter voices behind.
    None is when ``loud_db`` is 0 (look-back off)."""
    if not levels or loud_db <= 0:
        return [False] * len(levels)
    room = max(room_level(levels), 1e-9)
    least = max(room * 10 ** (loud_db / 20), trigger * 10 ** (-LOOKBACK_BELOW_DB / 20))
    return [level >= least for level in levels]


def loud_run_start(loud: list[bool], gap: int) -> int:
    """Index of the first window of the run of ``loud`` windows that reaches the end of ``loud`` (at most ``gap``
    quiet windows between two of them and after the last); ``len(loud)`` when there is none."""
    first, quiet = len(loud), 0
    for index in range(len(loud) - 1, -1, -1):
        if loud[index]:
            first, quiet = index, 0
        else:
            quiet += 1
            if quiet > gap:
                break
    return first
