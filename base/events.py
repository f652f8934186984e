"""Frozen event and value types that cross module borders (no bare tuples).

Engines emit these, the :class:`~kiosk.session.Session` consumes and re-emits them, the UI shows them.
This module imports nothing of the project, so every layer may import it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Role(enum.StrEnum):
    """Who said it."""

    VISITOR = "visitor"
    CLERK = "clerk"

    @property
    def other(self) -> Role:
        """The other party at the counter."""
        return Role.CLERK if self is Role.VISITOR else Role.VISITOR


class Modality(enum.StrEnum):
    """How it was said."""

    SPEECH = "speech"
    SIGN = "sign"
    FINGERSPELLING = "fingerspelling"
    TEXT = "text"
    PHRASE = "phrase"


class VisitorMode(enum.StrEnum):
    """How the visitor communicates, chosen on the start screen."""

    SPEECH = "speech"  # a spoken language (the visitor's language code says which)
    SIGN = "sign"  # Korean Sign Language
    FINGERSPELLING = "fingerspelling"  # KSL manual alphabet
    TEXT = "text"  # reads and types only


class SessionState(enum.StrEnum):
    """The visit's life cycle: idle -> chosen -> conversation -> closing -> idle."""

    IDLE = "idle"
    CHOSEN = "chosen"
    CONVERSATION = "conversation"
    CLOSING = "closing"


# exp(avg_logprob) of whisper's words (a sign: the classifier's probability): below this the clerk should check
# (the clerk's screen marks the line "확인 필요"), and a caption is not decoded after (issue 16). Whisper itself treats
# avg_logprob < -1.0 (0.37) as a failed decoding; 0.6 (-0.51) flags the doubtful ones too.
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Caption:
    """Recognised speech; partial captions may still change, final ones do not. A final caption without text takes
    back the partial of an utterance the recogniser then dropped (judged silence or a hallucination)."""

    role: Role
    text: str
    language: str
    start: float
    end: float
    final: bool
    confidence: float | None = None
    # Who-spoke facts for the screens (shared microphone; see translations.attribution):
    language_p: float | None = None  # whisper's probability of ``language`` (None: the language was fixed)
    switch_to: str | None = None  # a third language heard from the visitor: the visitor screen offers to switch
    revised: bool = False  # a final heard again with the next one: it replaces the shown final of this role and start


@dataclass(frozen=True)
class SignEvent:
    """A recognised sign (gloss) or fingerspelled text, with its confidence."""

    gloss: str
    text: str
    confidence: float
    start: float
    end: float
    modality: Modality = Modality.SIGN


@dataclass(frozen=True)
class Translation:
    """Text in one target language and where it came from (phrasebook, machine, pivot ...)."""

    text: str
    source_language: str
    target_language: str
    provenance: str
    seconds: float = 0.0


@dataclass(frozen=True)
class TranscriptEntry:
    """One committed line of the two-way transcript, as stored in SQLite."""

    entry_id: int
    session_id: str
    time: float  # Unix seconds (wall clock), for the printed transcript
    role: Role
    modality: Modality
    language: str
    text: str  # the words said, as the recogniser reads them now (revised, when it heard them again)
    translations: dict[str, str] = field(default_factory=dict)
    provenance: str = "original"
    confidence: float | None = None
    saved: bool = True  # False when the store could not write it (shown, but not persisted)
    correction: str = ""  # the clerk's corrected text ("" = never corrected); ``text`` keeps what was heard
    suggestion: str = ""  # the reviewed phrase/template id the speaker tapped instead (``text`` keeps what was said)
    flipped: bool = False  # the clerk flipped the speaker: ``role`` is the corrected one, ``role.other`` said it first
    first_reading: str = ""  # the recogniser's first words for a line it heard again ("" = never revised; issue 16)


@dataclass(frozen=True)
class StateChanged:
    """The session moved to another state."""

    state: SessionState
    session_id: str | None
    language: str | None
    mode: VisitorMode | None
    reason: str = ""  # why it changed: "visitor", "clerk", "timeout" ...


@dataclass(frozen=True)
class TimeoutWarning:
    """No activity for a while: the visit ends in ``seconds_left`` unless someone extends it."""

    seconds_left: float
    active: bool = True  # False: the warning is over (someone extended the visit or acted)


@dataclass(frozen=True)
class Notice:
    """A message for the people at the counter (degraded mode, device gone, not saved ...)."""

    code: str
    message_ko: str
    message_en: str
    severity: str = "info"  # "info" | "warning" | "error"


@dataclass(frozen=True)
class Spelling:
    """A fingerspelled word in progress: the letters so far, composed, and the letter being held now."""

    letters: tuple[str, ...]
    text: str
    holding: str = ""  # the letter the hand shows now ("" no hand, "?" not a letter)
    confidence: float = 0.0


@dataclass(frozen=True)
class CameraView:
    """What the camera worker read in its newest frame, for the cue under the visitor's self-view."""

    hands: bool  # MediaPipe found a hand (or did moments ago: a hand missed in one frame is still in view)
    dark: bool  # too dark to read hands


@dataclass(frozen=True)
class SignChips:
    """The signs of the sentence in progress, shown as chips until it is sent (empty: cleared)."""

    signs: tuple[SignEvent, ...]


@dataclass(frozen=True)
class SuggestionItem:
    """One reviewed phrase or filled template offered for a line the kiosk could not translate by itself."""

    suggestion_id: str  # phrase or template id
    text: str  # in the speaker's language
    translation: str  # in the other party's language
    language: str  # the translation's language
    score: float  # 0..100, higher is closer
    sendable: bool = False  # close enough to pre-select


@dataclass(frozen=True)
class Suggestions:
    """The nearest reviewed phrases for the speaker of line ``entry_id`` (empty items: nothing to offer)."""

    entry_id: int
    role: Role
    items: tuple[SuggestionItem, ...]


SessionEvent = StateChanged | TranscriptEntry | Caption | TimeoutWarning | Notice | Spelling | SignChips | Suggestions
