"""What the kiosk can do in each language on this machine: pack routes and support (the table is in base).

Whether a language is *offered* to visitors depends on what is installed: a reviewed phrasebook, or
translation packs between Korean and the language (directly or through English). Speech recognition alone
is not enough: a caption that the clerk cannot read helps nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from base.languages import Language, language

PIVOT = "en"


def pack_pairs(code: str, home: str = "ko") -> list[tuple[str, str]]:
    """The pack pairs that translate between ``home`` and ``code`` both ways, directly."""
    return [(home, code), (code, home)]


def route(source: str, target: str, installed: Iterable[tuple[str, str]]) -> list[tuple[str, str]] | None:
    """The packs to run for ``source -> target``: one direct pack, two through English, or None."""
    pairs = set(installed)
    if (source, target) in pairs:
        return [(source, target)]
    if PIVOT not in (source, target) and {(source, PIVOT), (PIVOT, target)} <= pairs:
        return [(source, PIVOT), (PIVOT, target)]
    return None


@dataclass(frozen=True)
class Support:
    """What the kiosk can do in one language with what is installed."""

    code: str
    phrasebook: bool
    translation: bool  # machine translation both ways between the language and Korean
    speech: bool
    voice: bool
    missing: tuple[str, ...]  # what to install for full support, in English, for the admin screen

    @property
    def offered(self) -> bool:
        """A visitor can be served: reviewed phrases, or machine translation both ways."""
        return self.phrasebook or self.translation or self.code == "ko"


def support(
    code: str,
    *,
    phrasebook_languages: Iterable[str],
    installed_pairs: Iterable[tuple[str, str]],
    speech_ready: bool,
    voice_available: Callable[[Language], bool],
    home: str = "ko",
) -> Support:
    """How well ``code`` is served, and what is missing."""
    row, pairs = language(code), list(installed_pairs)
    translation = code == home or all(route(s, t, pairs) for s, t in pack_pairs(code, home))
    missing = []
    if not translation:
        missing.append(f"translation packs {home}->{code} and {code}->{home} (or both through {PIVOT})")
    if not speech_ready or row.asr is None:
        missing.append("speech recognition model" if row.asr else "speech recognition (whisper has no model)")
    voice = voice_available(row)
    if not voice:
        missing.append("a voice for speech output")
    return Support(
        code=code,
        phrasebook=code in set(phrasebook_languages),
        translation=translation,
        speech=speech_ready and row.asr is not None,
        voice=voice,
        missing=tuple(missing),
    )
