"""Spoken and written numbers to integers: digits, Sino-Korean, native Korean and Chinese/Japanese numerals.

ASR and typing give numbers in many forms: ``1,200`` / ``1.200`` (Vietnamese grouping), ``천이백``,
``1만 2천``, ``두`` (native Korean, before counters), ``一千二百`` / ``两`` (Chinese, Japanese). Each
``*_PATTERN`` below matches one number in running text; :func:`to_int` turns any match into an int.
Word numerals are only looked for right before a counter word (callers add the counter to the
pattern), because ``이`` (this), ``일`` (work), ``네`` (yes) and ``一下`` (a moment) are ordinary words.
"""

from __future__ import annotations

import re

SINO_KO = {"영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6, "칠": 7, "팔": 8, "구": 9}
CHINESE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
CHINESE |= {"八": 8, "九": 9}
SMALL = {"십": 10, "백": 100, "천": 1000, "十": 10, "百": 100, "千": 1000}
LARGE = {"만": 10_000, "억": 100_000_000, "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
NATIVE_TENS = {"열": 10, "스물": 20, "스무": 20, "서른": 30, "마흔": 40, "쉰": 50}
NATIVE_ONES = {"하나": 1, "한": 1, "둘": 2, "두": 2, "셋": 3, "세": 3, "석": 3, "넷": 4, "네": 4, "넉": 4}
NATIVE_ONES |= {"다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9}

DIGITS = r"\d{1,3}(?:[,.]\d{3})+(?!\d)|\d+"  # 1,200 / 1.200 (vi) / 1200
_SINO_CHARS = "".join(SINO_KO) + "십백천만억"
# a group is digits or Sino-Korean syllables; a space may follow a group that ends with a multiplier (만 이천)
_KO_GROUP = rf"(?:(?:{DIGITS})[{_SINO_CHARS}]*|[{_SINO_CHARS}]+)"
SINO_KO_PATTERN = rf"(?<![가-힣]){_KO_GROUP}(?:(?<=[십백천만억])\s?{_KO_GROUP})*"
_TENS = "|".join(sorted(NATIVE_TENS, key=len, reverse=True))
_ONES = "|".join(sorted(NATIVE_ONES, key=len, reverse=True))
NATIVE_KO_PATTERN = rf"(?<![가-힣])(?:(?:{_TENS})(?:{_ONES})?|(?:{_ONES}))"
KOREAN_PATTERN = rf"(?:{NATIVE_KO_PATTERN}|{SINO_KO_PATTERN})"
_CJK_CHARS = "".join(CHINESE) + "十百千万萬亿億"
CHINESE_PATTERN = rf"(?:{DIGITS})(?:[{_CJK_CHARS}]+)?|[{_CJK_CHARS}]+"

_TOKEN = re.compile(rf"\d[\d,.]*|[{_SINO_CHARS}{_CJK_CHARS}]")


def _grouped(digits: str) -> int:
    """``1,200`` / ``1.200`` / ``1200`` -> 1200 (a separator is grouping only before exactly 3 digits)."""
    return int(re.sub(r"[,.](?=\d{3}(?!\d))", "", digits).split(".")[0].split(",")[0])


def _positional(text: str) -> int:
    """Digits, Sino-Korean and Chinese numerals with 十百千 / 万亿 multipliers (``1만 2천``, ``一千二百``)."""
    total = section = 0
    current: int | None = None
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            current = _grouped(token)
        elif token in SINO_KO or token in CHINESE:
            value = SINO_KO.get(token, CHINESE.get(token, 0))
            current = value if current is None or current >= 10 else current * 10 + value  # 二〇 -> 20
        elif token in SMALL:
            section += (1 if current is None else current) * SMALL[token]
            current = None
        elif token in LARGE:
            section += current or 0
            total += (section or 1) * LARGE[token]
            section, current = 0, None
    return total + section + (current or 0)


def _native(text: str) -> int:
    """``스물다섯`` -> 25, ``두`` -> 2, ``열`` -> 10."""
    text = text.replace(" ", "")
    value = 0
    for tens, number in sorted(NATIVE_TENS.items(), key=lambda item: -len(item[0])):
        if text.startswith(tens):
            value, text = number, text[len(tens) :]
            break
    return value + NATIVE_ONES.get(text, 0)


def to_int(text: str) -> int | None:
    """The integer written in ``text`` (any form above), or None when it is not a number."""
    text = text.strip()
    if not text:
        return None
    if re.fullmatch(NATIVE_KO_PATTERN, text):
        return _native(text)
    if re.fullmatch(DIGITS, text):
        return _grouped(text)
    if _TOKEN.search(text) is None:
        return None
    return _positional(text)
