"""A scripted counter conversation played through two microphone twins: the clerk's and the visitor's.

The script (``assets/demo/conversation.toml``) lists turns, each with its speaker and one recording per
language. :meth:`DemoConversation.begin` lays the turns out on one time line for the visit's languages:
each recording is played into its own speaker's microphone, and ``LEAKAGE_DB`` quieter into the other one,
as two microphones at a counter hear both people. The two twins are ordinary :class:`Microphone` objects,
so the demo goes through exactly the path of two real microphones (the louder channel decides who spoke).
Between visits, and after the last turn, both microphones hear silence.
"""

from __future__ import annotations

import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from base.clock import Clock, SystemClock
from base.errors import MediaFormatError
from hardware.devices import SAMPLE_RATE, AudioChunk
from hardware.wav_file import read_wav

ROLES = ("clerk", "visitor")
LEAKAGE_DB = -20.0  # how much quieter each microphone hears the other person
LEAD_S = 1.0  # silence before the first turn


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the recording to play for each language that has one."""

    role: str  # "clerk" | "visitor"
    recordings: dict[str, Path]


def load_script(path: Path) -> tuple[tuple[Turn, ...], float]:
    """The turns of a conversation script and the gap between them; MediaFormatError when unusable."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MediaFormatError("데모 대화 파일을 읽을 수 없습니다", f"cannot read demo script {path}: {exc}") from exc
    turns = []
    for index, turn in enumerate(data.get("turn", [])):
        role = turn.get("role")
        recordings = {key: Path(path).parent / value for key, value in turn.items() if key != "role"}
        if role not in ROLES or not recordings:
            raise MediaFormatError(
                "데모 대화 파일의 형식이 잘못되었습니다", f"{path}: turn {index + 1} needs a role {ROLES} and files"
            )
        turns.append(Turn(role, recordings))
    return tuple(turns), float(data.get("gap_s", 1.0))


class DemoConversation:
    """The script on one time line; ``clerk`` and ``visitor`` are the two microphones that play it."""

    def __init__(self, script: Path, clock: Clock | None = None) -> None:
        """``clock`` paces both microphones in real time (a ManualClock: instantly)."""
        self.script = Path(script)
        self._turns, self._gap_s = load_script(self.script)
        self.clock = clock or SystemClock()
        self._lock = threading.Lock()
        self._track = np.zeros((2, 0), np.float32)  # the clerk's and the visitor's microphone
        self._track_start = 0  # stream sample at which the track begins
        self._played = [0, 0]  # samples each microphone has delivered
        self.clerk, self.visitor = _DemoMicrophone(self, 0), _DemoMicrophone(self, 1)

    def languages(self, role: str) -> set[str]:
        """The languages in which ``role`` has recordings."""
        return {language for turn in self._turns if turn.role == role for language in turn.recordings}

    def begin(self, clerk_language: str, visitor_language: str | None) -> bool:
        """Play the conversation from now on; the visitor's turns only in ``visitor_language`` (None: none).

        Returns False when the visitor's turns are left out for want of recordings in that language."""
        played = [(turn, path) for turn in self._turns if (path := _recording(turn, clerk_language, visitor_language))]
        gap = np.zeros((2, int(self._gap_s * SAMPLE_RATE)), np.float32)
        parts = [np.zeros((2, int(LEAD_S * SAMPLE_RATE)), np.float32)]
        leak = float(10 ** (LEAKAGE_DB / 20))
        for turn, path in played:
            audio = read_wav(path)
            own, other = (0, 1) if turn.role == "clerk" else (1, 0)
            part = np.zeros((2, audio.size), np.float32)
            part[own], part[other] = audio, audio * leak
            parts += [part, gap]
        with self._lock:
            self._track = np.concatenate(parts, axis=1)
            self._track_start = max(self._played)
        return visitor_language is None or visitor_language in self.languages("visitor")

    def check(self) -> None:
        """MediaFormatError when a recording of the script is missing."""
        for turn in self._turns:
            missing = [path for path in turn.recordings.values() if not path.is_file()]
            if missing:
                raise MediaFormatError("데모 음성 파일이 없습니다", f"demo recording missing: {missing[0]}")

    def played(self, channel: int) -> int:
        """Samples microphone ``channel`` (0 clerk, 1 visitor) has delivered."""
        return self._played[channel]

    def end(self) -> None:
        """Stop the conversation: both microphones hear silence."""
        with self._lock:
            self._track = np.zeros((2, 0), np.float32)

    def _samples(self, channel: int, count: int) -> np.ndarray:
        with self._lock:
            position = self._played[channel]
            self._played[channel] += count
            out = np.zeros(count, np.float32)
            offset = position - self._track_start
            first, last = max(0, offset), min(self._track.shape[1], offset + count)
            if first < last:
                out[first - offset : last - offset] = self._track[channel, first:last]
            return out


def _recording(turn: Turn, clerk_language: str, visitor_language: str | None) -> Path | None:
    return turn.recordings.get(clerk_language if turn.role == "clerk" else visitor_language or "")


class _DemoMicrophone:
    """One side of the demo conversation, paced in real time on the conversation's clock."""

    def __init__(self, conversation: DemoConversation, channel: int, chunk_seconds: float = 0.1) -> None:
        self.conversation, self.channel, self.chunk_seconds = conversation, channel, chunk_seconds
        self.name = f"demo {ROLES[channel]} microphone ({conversation.script.name})"
        self.sample_rate = SAMPLE_RATE
        self._next_due: float | None = None

    @property
    def overflows(self) -> int:
        return 0

    def start(self) -> None:
        """Check the recordings are there (MediaFormatError when not) and start the replay clock."""
        self.conversation.check()
        self._next_due = self.conversation.clock.now()

    def read(self, max_seconds: float = 0.1) -> AudioChunk | None:
        if self._next_due is None:
            return None
        clock = self.conversation.clock
        count = int(min(max_seconds, self.chunk_seconds) * SAMPLE_RATE)
        self._next_due += count / SAMPLE_RATE
        clock.sleep(self._next_due - clock.now())
        timestamp = self.conversation.played(self.channel) / SAMPLE_RATE
        return AudioChunk(self.conversation._samples(self.channel, count), SAMPLE_RATE, timestamp)

    def stop(self) -> None:
        self._next_due = None
