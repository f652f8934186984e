"""Who spoke, with one shared microphone: decided from the detected language and whisper's confidence in it.

- confidently the clerk's language (``language_p >= min_clerk_p``) -> the clerk;
- the visitor's language -> the visitor;
- a third language, or the clerk's language with low confidence -> the visitor, with the detected language
  shown; for a third language heard confidently the visitor screen offers to switch to it (``switch_to``).

A visitor who mumbles in Korean is thus shown on the visitor side rather than put in the clerk's mouth: a wrong
"clerk" line is worse (it is translated *to* the visitor as if it were the clerk's words), and the clerk can
flip a line's speaker. ``language_p`` is None when the language was fixed, not detected: fixed means certain.

Measured on the shared clips (a one-off script, not kept: detection among the kiosk's five languages): whole
Korean clips (5-11 s) come out Korean with p 0.99-1.00, English and Chinese 0.96-1.00; their first 1.5 s only
are much less sure: of 10 Korean starts, 3 are below 0.7 or another language (one "ja" at 0.92). So short
utterances are not trusted for a switch offer (``MIN_SWITCH_S``), and a short clerk line may land on the visitor
side for the clerk to flip.
"""

from __future__ import annotations

from dataclasses import dataclass

from base.events import Role

MIN_CLERK_P = 0.7  # below this a "Korean" detection is not trusted to be the clerk
MIN_SWITCH_P = 0.5  # a third language is offered as a switch only when heard at least this clearly ...
MIN_SWITCH_S = 2.0  # ... and for at least this long (1.5 s of Korean was once detected as Japanese at 0.92)


@dataclass(frozen=True)
class Attribution:
    role: Role
    switch_to: str | None = None


def attribute(
    language: str,
    language_p: float | None,
    clerk_language: str,
    visitor_language: str,
    min_clerk_p: float = MIN_CLERK_P,
    seconds: float | None = None,
) -> Attribution:
    """The speaker of an utterance of ``seconds`` detected as ``language`` with probability ``language_p``."""
    confident = language_p is None or language_p >= min_clerk_p
    if language == clerk_language:
        return Attribution(Role.CLERK if confident else Role.VISITOR)
    if language == visitor_language:
        return Attribution(Role.VISITOR)
    heard = (language_p is None or language_p >= MIN_SWITCH_P) and (seconds is None or seconds >= MIN_SWITCH_S)
    return Attribution(Role.VISITOR, switch_to=language if heard else None)
