"""Slot values in counter talk: find them in a line in any language, and write them in another.

Kinds and their language-neutral values (what ``slots`` holds, JSON-friendly):

=========  ===========================  ==========================================================
kind       value                        read from (examples)
=========  ===========================  ==========================================================
money      int, Korean won              1,200원 · 천이백 원 · 1만 2천 원 · ₩1,200 · 1200 won · 一千二百韩元
number     int (window, ticket, floor)  3번 · 삼 번 · 3号 · 三号 · 3番 · window 3
copies     int                          2통 · 두 통 · 2 copies · 两份 · 2 bản · 2通
people     int                          세 명 · 3 people · 三个人 · 3 người · 3人
minutes    int                          10분 · 십 분 · 10 minutes · 十分钟 · 10 phút · 10分
hours      int                          두 시간 · 2 hours · 两个小时 · 2 tiếng · 2時間
days       int                          3일 · 3 days · 三天 · 3 ngày · 3日
time       "HH:MM" (24 h)               오후 2시 30분 · 두 시 반 · 2:30 pm · 下午两点半 · 2 giờ chiều · 午後2時半
date       "MM-DD"                      5월 3일 · May 3 · 3rd of May · 5月3号 · ngày 3 tháng 5 · 5月3日
weekday    int, 0 = Monday              월요일 · Monday · 星期一 · 周一 · thứ Hai · 月曜日
document   Korean glossary term         주민등록등본 · certified copy of resident registration · 住民登録謄本
           (a glossary term that names a document: its Korean ends as in units.document_endings)
=========  ===========================  ==========================================================

A clock time without 오전/오후 (am/pm) and an hour from 1 to 6 is taken as afternoon: counters are
open 9 to 18, so "2시에 오세요" means 14:00. Output goes through Babel (CLDR): number grouping, clock
times, month-day dates, weekday names and duration units per locale. Counter words (원, copies, 份 ...)
come from ``templates.json`` ("units"), where they are reviewed with the templates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from babel import Locale
from babel.dates import format_skeleton, format_time, get_day_names, get_month_names
from babel.numbers import format_decimal
from babel.units import format_unit

from base.languages import language
from translations.glossary import HOME, Glossary
from translations.numerals import CHINESE_PATTERN, DIGITS, KOREAN_PATTERN, SINO_KO, SINO_KO_PATTERN, to_int

KINDS = ("money", "number", "copies", "people", "minutes", "hours", "days", "time", "date", "weekday", "document")
NUMERIC = frozenset(KINDS) - {"weekday", "document"}  # values that must never be lost in a suggestion
DURATION_UNITS = {"minutes": "duration-minute", "hours": "duration-hour", "days": "duration-day"}
PM = r"오후|저녁|밤|낮|p\.?\s?m\.?|下午|晚上|中午|chiều|tối|trưa|午後"
AM = r"오전|아침|새벽|a\.?\s?m\.?|上午|早上|sáng|午前"
OFFICE_PM_HOURS = range(1, 7)  # "2시" at a counter open 9-18 is 14:00


@dataclass(frozen=True)
class Value:
    """One slot value found in a line: its kind, language-neutral value and where it was."""

    kind: str
    value: int | str
    start: int
    end: int


def _hour(text: str, marker: str | None, minute: int) -> str | None:
    hour = to_int(text)
    if hour is None or not 0 <= hour <= 24 or not 0 <= minute < 60:
        return None
    if marker and re.fullmatch(PM, marker, re.IGNORECASE) and hour < 12:
        hour += 12
    elif marker and re.fullmatch(AM, marker, re.IGNORECASE) and hour == 12:
        hour = 0
    elif not marker and hour in OFFICE_PM_HOURS:
        hour += 12
    return f"{hour % 24:02d}:{minute:02d}"


class ValueReader:
    """Finds and renders slot values; ``units`` and ``render`` come from ``templates.json``."""

    def __init__(self, units: dict[str, dict[str, list[str]]], render: dict[str, dict], glossary: Glossary) -> None:
        self.units, self.render_forms, self.glossary = units, render, glossary
        self._compiled: dict[str, list[tuple[str, re.Pattern]]] = {}
        self._term_cache: dict[str, dict[str, str]] = {}

    # -- reading -------------------------------------------------------------------------------------
    def find(self, text: str, lang: str) -> list[Value]:
        """Every value in ``text``, left to right, never overlapping (the longest match at a place wins)."""
        found: list[Value] = []
        for kind, pattern in self._patterns(lang):
            for match in pattern.finditer(text):
                value = self._value(kind, match, lang)
                if value is not None and match.end() > match.start():
                    found.append(Value(kind, value, match.start(), match.end()))
        found.sort(key=lambda v: (v.start, -(v.end - v.start)))
        chosen: list[Value] = []
        for value in found:
            if not chosen or value.start >= chosen[-1].end:
                chosen.append(value)
        return chosen

    def _number(self, lang: str, kind: str) -> str:
        if lang == "ko":
            return KOREAN_PATTERN if kind in self.units.get("korean_native", {}).get("ko", []) else SINO_KO_PATTERN
        if language(lang).han:
            return CHINESE_PATTERN
        return rf"(?<![\w.,]){DIGITS}"

    def _patterns(self, lang: str) -> list[tuple[str, re.Pattern]]:
        if lang not in self._compiled:
            flags = re.IGNORECASE
            end = r"(?!\w)" if language(lang).word_edges else ""
            patterns = [(kind, re.compile(rx, flags)) for kind, rx in self._date_time(lang)]
            for kind in ("money", "copies", "people", "minutes", "hours", "days"):
                words = sorted(self.units[kind].get(lang, []), key=len, reverse=True)
                if words:
                    alternation = "|".join(re.escape(w) for w in words)
                    rx = rf"(?P<n>{self._number(lang, kind)})\s*(?:{alternation}){end}"
                    patterns.append((kind, re.compile(rx, flags)))
            patterns.append(("money", re.compile(rf"[₩￦]\s*(?P<n>{DIGITS})")))
            counters = "|".join(re.escape(w) for w in self.units["number"].get(lang, []))
            if counters:  # word numerals only right before 번 / 号 / 番 ...
                patterns.append(("number", re.compile(rf"(?P<n>{self._number(lang, 'number')})(?=\s*(?:{counters}))")))
            patterns.append(("number", re.compile(rf"(?<![\w.,:])(?P<n>{DIGITS})(?![\d:])")))
            patterns += [(kind, re.compile(rx, flags)) for kind, rx in self._names(lang, end)]
            self._compiled[lang] = patterns
        return self._compiled[lang]

    def _date_time(self, lang: str) -> list[tuple[str, str]]:
        digits, num = r"\d{1,2}", self._number(lang, "time") if lang == "ko" or language(lang).han else r"\d{1,2}"
        ap = rf"(?P<ap>{PM}|{AM})"
        clock = rf"(?:{ap}\s*)?(?<![\d:])(?P<h>{digits}):(?P<m>\d{{2}})(?:\s*{ap.replace('ap', 'ap2')})?"
        rules = {
            "ko": [
                (
                    "time",
                    rf"(?:{ap}\s*)?(?P<h>{num})\s*시(?![간청작])"
                    rf"(?:\s*(?P<m>{SINO_KO_PATTERN})\s*분|\s*(?P<half>반))?",
                ),
                ("date", rf"(?P<mo>{SINO_KO_PATTERN})\s*월\s*(?P<d>{SINO_KO_PATTERN})\s*일"),
            ],
            "en": [
                ("time", rf"(?P<h>{digits})(?::(?P<m>\d{{2}}))?\s*{ap}(?!\w)"),
                ("time", rf"(?P<h>{digits})\s*o'?clock"),
                ("date", rf"(?P<mon>{self._months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"),
                ("date", rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{self._months})(?!\w)"),
            ],
            "zh": [
                ("time", rf"(?:{ap})?(?P<h>{num})\s*[点點](?:(?P<m>{num})分?|(?P<half>半))?"),
                ("date", rf"(?P<mo>{num})\s*月\s*(?P<d>{num})\s*[日号號]"),
            ],
            "vi": [
                (
                    "time",
                    rf"(?P<h>{digits})\s*(?:giờ|h|g)(?:\s*(?P<m>\d{{1,2}})(?:\s*phút)?|\s*(?P<half>rưỡi))?"
                    rf"(?:\s*{ap})?(?!\w)",
                ),
                ("date", rf"ngày\s*(?P<d>{digits})\s*tháng\s*(?P<mo>{digits})"),
                ("date", rf"(?<![\d/])(?P<d>{digits})/(?P<mo>{digits})(?![\d/])"),
            ],
            "ja": [
                ("time", rf"(?:{ap})?(?P<h>{num})\s*時(?!間)(?:(?P<m>{num})分|(?P<half>半))?"),
                ("date", rf"(?P<mo>{num})\s*月\s*(?P<d>{num})\s*日"),
            ],
        }
        return [("time", clock), *rules.get(lang, [])]

    @cached_property
    def _months(self) -> str:
        names = [n for form in ("wide", "abbreviated") for n in get_month_names(form, locale="en").values()]
        return "|".join(sorted({re.escape(n) for n in names}, key=len, reverse=True))

    def _names(self, lang: str, end: str) -> list[tuple[str, str]]:
        """Weekday names from CLDR (abbreviations of 2+ letters: 周一, Thứ 2, Mon) and glossary documents."""
        days = [(name, i) for form in ("wide", "abbreviated") for i, name in get_day_names(form, locale=lang).items()]
        weekday = "|".join(re.escape(n) for n, _ in sorted(days, key=lambda d: -len(d[0])) if len(n) >= 2)
        start = r"(?<!\w)" if language(lang).word_edges else ""
        rules = [("weekday", rf"{start}(?P<name>{weekday}){end}")]
        terms = self._terms(lang)
        if terms:
            alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
            rules.append(("document", rf"{start}(?P<name>{alternation}){end}"))
        return rules

    def has_terms(self, lang: str) -> bool:
        """The glossary names documents in ``lang`` (and in Korean)."""
        return bool(self._terms(lang)) and bool(self._terms(HOME))

    def _terms(self, lang: str) -> dict[str, str]:
        """Document term in ``lang`` (case-folded) -> its Korean glossary term (built once per language)."""
        if lang not in self._term_cache:
            self._term_cache[lang] = self._read_terms(lang)
        return self._term_cache[lang]

    def _read_terms(self, lang: str) -> dict[str, str]:
        """Glossary terms that name a document (Korean term ends as in ``units.document_endings``)."""
        endings = tuple(self.units.get("document_endings", {}).get(HOME, ()))
        if lang == HOME:
            any_other = next(iter(self.glossary.languages), None)
            pairs = [(k, k) for k, _ in self.glossary.terms(HOME, any_other)] if any_other else []
        else:
            pairs = self.glossary.terms(lang, HOME)
        return {term.casefold(): korean for term, korean in pairs if korean.endswith(endings)}

    def _value(self, kind: str, match: re.Match, lang: str) -> int | str | None:
        groups = match.groupdict()
        number = (groups.get("n") or groups.get("h") or "").strip()
        if lang == "ko" and number in SINO_KO and (kind != "number" or number == "이"):
            return None  # 이 번 = this time, 이 분 = this person, 일 = work (but 삼 번 창구 = window 3)
        if kind == "time":
            minute = 30 if groups.get("half") else (to_int(groups["m"]) if groups.get("m") else 0)
            marker = groups.get("ap") or groups.get("ap2")
            if lang == "zh" and groups["h"] in ("一", "1") and not (marker or groups.get("m") or groups.get("half")):
                return None  # 一点 is "a little", not one o'clock
            return _hour(groups["h"], marker, minute or 0)
        if kind == "date":
            month = to_int(groups["mo"]) if groups.get("mo") else self._month_number(groups["mon"])
            day = to_int(groups["d"])
            return f"{month:02d}-{day:02d}" if month and day and 1 <= month <= 12 and 1 <= day <= 31 else None
        if kind == "weekday":
            return next(
                i
                for form in ("wide", "abbreviated")
                for i, name in get_day_names(form, locale=lang).items()
                if name.casefold() == groups["name"].casefold()
            )
        if kind == "document":
            return self._terms(lang).get(groups["name"].casefold())
        return to_int(groups["n"])

    def _month_number(self, name: str) -> int | None:
        for form in ("wide", "abbreviated"):
            for number, month in get_month_names(form, locale="en").items():
                if month.casefold() == name.casefold().rstrip("."):
                    return number
        return None

    # -- writing -------------------------------------------------------------------------------------
    def render(self, kind: str, value: int | str, lang: str) -> str:
        """``value`` written the way ``lang`` writes it (Babel for numbers, times, dates, weekdays, units)."""
        if kind == "document":
            return str(value) if lang == HOME else dict(self.glossary.terms(HOME, lang)).get(str(value), str(value))
        if kind == "time":
            hour, minute = (int(part) for part in str(value).split(":"))
            patterns = self.render_forms["time"][lang]
            return format_time(dt.time(hour, minute), patterns[0 if minute == 0 else 1], locale=lang)
        if kind == "date":
            month, day = (int(part) for part in str(value).split("-"))
            return format_skeleton("MMMMd", dt.date(2000, month, day), locale=lang)  # 2000: Feb 29 exists
        if kind == "weekday":
            return get_day_names("wide", locale=lang)[int(value)]
        number = int(value)
        if kind in DURATION_UNITS:
            text = format_unit(number, DURATION_UNITS[kind], locale=lang, length="long")
            return text if language(lang).spaced else text.replace(" ", "").replace("\u00a0", "")
        if kind == "number":
            return str(number)
        form = self.render_forms[kind][lang]
        if isinstance(form, dict):  # plural forms by CLDR category (one / other)
            form = form.get(Locale.parse(lang).plural_form(number), form["other"])
        return form.format(n=format_decimal(number, locale=lang))
