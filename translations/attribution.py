"""Who spoke, with one shared microphone: decided from the detected language and whisper's confidence in it.

- confidently the clerk's language (``language_p >= min_clerk_p``) -> the clerk;
- the visitor's language -> the visitor;
- a third language, or the clerk's language with low confidence -> the visitor, with the detected language
  shown; for a third language heard confidently the visitor screen offers to switch to it (``switch_to``).

A visitor who mumbles in Korean is thus shown on the visitor side rather than put in the clerk's mouth: a wrong
"clerk" line is worse (it is translated *to* the visitor as if it were the clerk's words), and the clerk can
flip a line's speaker. ``language_p`` is None when the language was fixed, not detected: fixed means certain.
"""

from __future__ import annotations

from dataclasses import dataclass

from base.events import Role

MIN_CLERK_P = 0.7  # below this a "Korean" detection is not trusted to be the clerk
MIN_SWITCH_P = 0.5  # a third language is offered as a switch only when heard at least this clearly


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
) -> Attribution:
    """The speaker of an utterance detected as ``language`` with probability ``language_p``."""
    confident = language_p is None or language_p >= min_clerk_p
    if language == clerk_language:
        return Attribution(Role.CLERK if confident else Role.VISITOR)
    if language == visitor_language:
        return Attribution(Role.VISITOR)
    heard = language_p is None or language_p >= MIN_SWITCH_P
    return Attribution(Role.VISITOR, switch_to=language if heard else None)
