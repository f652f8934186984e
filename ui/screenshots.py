"""The screenshot gallery: every screen in every enabled language at 100 %, 200 % and high contrast, on the
displays counters have: landscape 1920x1080, portrait 1080x1920 (the usual public-kiosk panel), a small
1366x768 panel, and the left half (960x1080) of a 1920x1080 screen that a one-screen counter shares; the clerk's
screens also on the clerk's half (683x768) of a one-screen 1366x768 counter.

``python -m ui.screenshots OUT_DIR`` (``make screenshots``) renders the visitor's screens (attract,
language choice, conversation, the change of language from the globe button, suggestions, fingerspelling, sign,
closing) and the clerk's screen offscreen,
writes half-size PNGs named ``SCREEN_LANGUAGE_VARIANT_DISPLAY.png`` and ``README.md`` into OUT_DIR, and
reports anything :mod:`ui.layout_check` finds. The clerk's screen is shot on every display too, its text
size and contrast as ``[ui]`` would set them. A short scripted visit fills the conversation (with one spoken line
the recogniser was unsure of), the clerk changes topic; a third language heard shows the visitor's switch offer and
the clerk flips a misattributed line; a doubtful spoken line of the clerk's is heard again and revised (both screens
mark it); the visitor asks a two-line question (the clerk's screen); a fingerspelled letter is read, then a hand is
not.
The session runs on an in-memory store, so nothing is kept.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from base.clock import ManualClock
from base.events import Caption, Modality, Role, SignChips, SignEvent, Spelling, VisitorMode
from kiosk.config import KioskConfig, load_config
from kiosk.deviceless_runtime import DevicelessRuntime
from kiosk.session import Session
from kiosk.store import TranscriptStore
from kiosk.translation import kiosk_suggester, kiosk_translator

DISPLAYS = {
    "landscape": (1920, 1080),
    "portrait": (1080, 1920),
    "small": (1366, 768),
    "half": (960, 1080),  # the visitor's window on a one-screen counter: the left half (ui.displays.place)
}
CLERK_DISPLAYS = {  # the clerk's screens only, at 100 % and high contrast: the clerk's window on a one-screen 1366x768
    "small_half": (683, 768),  # counter, the right half. (The visitor's half does not hold yet, nor every clerk screen
}  # at 200 %: the chat's newest line, the first suggestion lack room; tests/test_ui_clerk_narrow: README "[display]")
SCREEN = DISPLAYS["landscape"]  # the reference resolution of the visitor's touch display
VARIANTS = {"100": (1.0, False), "200": (2.0, False), "contrast": (1.0, True)}
LOW_FROM = 0.4  # every control of the visitor's screen sits below 40 % of its height (wheelchair reach)
IN_VIEW = {  # screen: the name prefixes of its buttons and labels, which must be in view without scrolling (or hidden)
    "start": ("lang_", "to_signs"),  # the sign tile, or where it is a scroll away the button that brings it
    "language": ("pick_", "language_back"),
    "fingerspelling": "spelling_",  # its buttons, the word, the letters and the letter seen (spelled by it)
    "fingerspelling_unknown": "spelling_",  # and so where the letter was not read: that it was not, and what to do
    "sign": ("sign_send", "sign_undo", "sign_chip"),
    "switch_offer": "switch_",  # the question and both answers: read and answered at once
    "closing": ("consent_question", "consent_yes", "consent_no", "consent_result", "done"),  # asked and answered
}
FIRST_IN_VIEW = {"suggestions": "visitor_suggestion_", "clerk_suggestions": "clerk_suggestion_"}  # the first of
# these buttons in view, the rest whole or a scroll away
PHRASE_IN_VIEW = {"conversation", "flipped", "speak_up", "revised", "timeout"}  # the first quick phrase in view, with a
# notice or a revised line too (where the newest line's first line lacks room the phrases' first row goes a scroll away
# before the text-size bar makes way: ui.conversation_fit)
CLERK_NEEDS = ("clerk_input", "clerk_send", "clerk_talk")  # in view at once on every clerk shot: each is of a visit
# with the microphone on, the speak-up hint's too (asked to speak up, the clerk presses Talk)
BAR_MAKES_WAY = {"suggestions", "language", "switch_offer"}  # the only screens where the text-size bar may make way
# (for the first suggestion, for the languages and the way back below the reach line, for the switch offer whole in
# view: each answered with one tap, and the bar is back); everywhere else a visitor at 200 % gets back


@dataclass
class Shot:
    path: Path
    screen: str
    language: str
    variant: str
    problems: list[str]
    display: str = "landscape"


class Gallery:
    """Drives one session through its screens and photographs them."""

    def __init__(self, config: KioskConfig, out: Path) -> None:
        from ui.app import application, build_windows

        self.app, self.out = application(), out
        translator, _ = kiosk_translator(config)
        self.clock = ManualClock()
        suggester = kiosk_suggester(config)
        store = TranscriptStore(":memory:")
        self.session = Session(config, store, clock=self.clock, translator=translator, suggester=suggester)
        self.runtime = DevicelessRuntime(self.session, speaks=False)
        _bridge, self.visitor, self.clerk = build_windows(self.runtime)
        self._bridge = _bridge
        for window in (self.visitor, self.clerk):
            window.resize(*SCREEN)
            window.show()
        self.shots: list[Shot] = []
        self.display = "landscape"

    def shoot(self, widget: object, screen: str, language: str, variant: str) -> None:
        from PyQt6.QtCore import QSize, Qt

        from ui.chat_check import newest_cut
        from ui.layout_check import (
            demo_hidden,
            first_phrase_out,
            layout_problems,
            needed_out,
            not_shown,
            overlaps,
            phrases_far,
            scrolled_out,
            slivers,
            taller_than_view,
        )
        from ui.text_cut import cut_text
        from ui.theme import VISITOR_TEXT_PX, min_target_px

        if self.display in CLERK_DISPLAYS and (widget is self.visitor or variant == "200"):
            return
        size = (DISPLAYS | CLERK_DISPLAYS)[self.display]
        widget.resize(*size)  # type: ignore[attr-defined]
        for _ in range(8):  # a wrapping button asks for its height once it knows its width; a bar makes way
            self.app.processEvents()
        path = self.out / f"{screen}_{language}_{variant}_{self.display}.png"
        image = widget.grab().scaledToWidth(size[0] // 2, Qt.TransformationMode.SmoothTransformation)  # type: ignore[attr-defined]
        image.save(str(path))
        target = min_target_px(size[0], self.session.config.ui.display_width_mm)
        visitor = widget is self.visitor
        low = LOW_FROM if visitor else None
        text = VISITOR_TEXT_PX if visitor and self.visitor.display.scale == 1.0 else None
        problems = layout_problems(widget, QSize(*size), target, low, text)  # type: ignore[arg-type]
        if screen in IN_VIEW:  # buttons the visitor needs on this screen, seen without scrolling
            problems += scrolled_out(widget, IN_VIEW[screen])  # type: ignore[arg-type]
        if screen in FIRST_IN_VIEW:
            problems += scrolled_out(widget, FIRST_IN_VIEW[screen], first=True)  # type: ignore[arg-type]
            problems += slivers(widget, FIRST_IN_VIEW[screen])  # type: ignore[arg-type]
        if not visitor:
            problems += needed_out(widget, CLERK_NEEDS)  # type: ignore[arg-type]
        if screen in PHRASE_IN_VIEW or not visitor:  # the clerk's: a phrase in view on every screen
            problems += first_phrase_out(widget, phrase=not visitor)  # type: ignore[arg-type]
        for prefix in ("phrase_", "voice_") if visitor else ("clerk_phrase",):  # the rows of the quick phrases and
            problems += slivers(widget, prefix)  # type: ignore[arg-type]  # the voice: whole or a scroll away
        problems += taller_than_view(widget, "phrase_" if visitor else "clerk_phrase")  # type: ignore[arg-type]
        # (each quick phrase can be whole in the list's view: under the fingerspelled letters too)
        problems += newest_cut(widget, "" if visitor else "clerk_phrase_panel")  # type: ignore[arg-type]
        problems += overlaps(widget) + cut_text(widget) + phrases_far(widget)  # type: ignore[arg-type]
        if visitor and screen not in BAR_MAKES_WAY:
            problems += not_shown(widget, "display_controls")  # type: ignore[arg-type]
        if self.runtime.status.demo:  # synthetic media play: every screen says so (demo_hidden)
            problems += demo_hidden(widget)  # type: ignore[arg-type]
        self.shots.append(Shot(path, screen, language, variant, problems, self.display))

    def visit(self, language: str, variant: str) -> None:
        """One visit in ``language``: conversation and closing screens (and the clerk's)."""
        from ui.theme import stylesheet

        scale, contrast = VARIANTS[variant]
        self.visitor.pages.setCurrentIndex(1)
        self.visitor.display.set(scale, contrast)
        self.clerk.setStyleSheet(stylesheet(scale, contrast))
        self.clerk.transcript.set_contrast(contrast)
        mode = VisitorMode.TEXT if language == "ko" else VisitorMode.SPEECH
        self.session.choose(language, mode)
        self.session.begin()
        self.session.say_phrase(Role.CLERK, "greeting")
        asked = self.session.phrasebook.get("need_certificate").texts[language]
        self.session.say(Role.VISITOR, asked, Modality.SPEECH, language=language, confidence=0.48)  # unsure: edged
        self.session.say_phrase(Role.CLERK, "id_please")
        self.session.show_caption(Caption(Role.VISITOR, "…", language, 0.0, 1.0, final=False))
        self.shoot(self.visitor, "conversation", language, variant)
        self.shoot(self.clerk, "clerk", language, variant)
        self.topic(language, variant)
        self.visitor.picker.globe.click()  # the globe: the visitor's own change of language
        self.shoot(self.visitor, "language", language, variant)
        self.visitor.picker.cancel.click()
        if language != "ko":
            self.speak_up(language, variant)
            self.who_spoke(language, variant)
        self.revision(language, variant)
        if language == "en":  # the idle warning with its "more time" button
            kiosk = self.session.config.kiosk
            self.clock.advance(kiosk.idle_timeout_s - kiosk.idle_warning_s + 1)
            self.session.tick()
            self.shoot(self.visitor, "timeout", language, variant)
        self.session.end("visitor")
        self.shoot(self.visitor, "closing", language, variant)
        self.session.clear()
        self.asked(language, variant)
        if language != "ko":
            self.suggestions(language, variant)

    def topic(self, language: str, variant: str) -> None:
        """The clerk changes topic (to "날짜·시간", through "all topics" where the tabs are folded): that topic's
        phrases on the clerk's screen; then the first topic again."""
        panel = self.clerk.phrases
        if panel.all_topics.isVisible():
            panel.all_topics.click()
            self.app.processEvents()
        panel.tab_group.buttons()[panel.categories.index("schedule")].click()
        self.shoot(self.clerk, "clerk_topic", language, variant)
        panel.show_category(panel.categories[0])

    def suggestions(self, language: str, variant: str) -> None:
        """The nearest reviewed phrases for a line no phrase matched, on both screens."""
        self.visitor.pages.setCurrentIndex(1)
        self.visitor.display.set(*VARIANTS[variant])
        self.session.choose(language, VisitorMode.SPEECH)
        self.session.begin()
        self.session.say(Role.CLERK, "카드 꽂아 주세요")  # the clerk's words, not a phrase: the clerk is offered three
        self.shoot(self.clerk, "clerk_suggestions", language, variant)  # (at 200 % on 960x1080 the window grew)
        heard = self.session.phrasebook.get("restroom").texts[language][1:]  # its first sound missed
        self.session.say(Role.VISITOR, heard)
        self.shoot(self.visitor, "suggestions", language, variant)
        self.session.end("visitor")
        self.session.clear()

    def asked(self, language: str, variant: str) -> None:
        """A visitor's question of two lines at the largest text (its first line only on the clerk's short chat, the
        quick phrases kept their row): on the clerk's screen."""
        self.visitor.pages.setCurrentIndex(1)
        self.visitor.display.set(*VARIANTS[variant])
        self.session.choose(language, VisitorMode.SPEECH)
        self.session.begin()
        self.session.say_phrase(Role.CLERK, "greeting")
        asked = self.session.phrasebook.get("report_residence_change").texts[language]
        self.session.say(Role.VISITOR, asked, Modality.SPEECH, language=language, confidence=0.9)
        self.shoot(self.clerk, "clerk_asked", language, variant)
        self.session.end("visitor")
        self.session.clear()

    def speak_up(self, language: str, variant: str) -> None:
        """A voice too soft to caption: the hint on both screens (it goes away by itself; ended here at once, so that
        the next shots do not depend on how long these took)."""
        from kiosk.channels.speech import SPEAK_UP

        self.session.notify(SPEAK_UP)
        self.shoot(self.visitor, "speak_up", language, variant)
        self.shoot(self.clerk, "clerk_speak_up", language, variant)
        self.visitor.notice.hide()
        self.clerk.voice.end_hint()

    def who_spoke(self, language: str, variant: str) -> None:
        """A third language heard from the visitor (the switch offer), and a line the microphone gave to the
        clerk that the clerk flips to the visitor's side."""
        other = "zh" if language == "en" else "en"
        said = self.session.phrasebook.get("pay_by_card").texts[other]
        heard = Caption(Role.VISITOR, said, other, 0.0, 3.0, final=True, language_p=0.97, switch_to=other)
        self.session.say(Role.VISITOR, said, Modality.SPEECH, language=other, confidence=0.8)
        self.session.show_caption(heard)
        self.shoot(self.visitor, "switch_offer", language, variant)
        self.visitor.switch_offer.no.click()
        lost = self.session.phrasebook.get("lost_residence_card").texts[language]
        wrong = self.session.say(Role.CLERK, lost, Modality.SPEECH, language=language, confidence=0.55)
        self.session.flip_speaker(wrong.entry_id)
        self.shoot(self.clerk, "clerk_flipped", language, variant)
        self.shoot(self.visitor, "flipped", language, variant)

    def revision(self, language: str, variant: str) -> None:
        """A spoken line of the clerk's the recogniser was unsure of, heard again with the words after it: the
        revised line, marked on both screens (the clerk's also shows its first reading)."""
        heard = self.session.say(Role.CLERK, "여기 서면", Modality.SPEECH, language="ko", confidence=0.45)
        self.session.revise(heard.entry_id, self.session.phrasebook.get("sign_here").texts["ko"], 0.82)
        self.shoot(self.visitor, "revised", language, variant)
        self.shoot(self.clerk, "clerk_revised", language, variant)

    def fingerspelling(self, variant: str) -> None:
        scale, contrast = VARIANTS[variant]
        self.visitor.pages.setCurrentIndex(1)
        self.visitor.display.set(scale, contrast)
        self.session.choose("ko", VisitorMode.FINGERSPELLING)
        self.session.begin()
        self.session.show_spelling(Spelling(tuple("ㄱㅣㅁㅁㅣㄴ"), "김민", "ㅅ", 0.9))
        self.shoot(self.visitor, "fingerspelling", "ko", variant)
        self.session.show_spelling(Spelling(tuple("ㄱㅣㅁㅁㅣㄴ"), "김민", "?", 0.3))  # a hand, not a letter
        self.shoot(self.visitor, "fingerspelling_unknown", "ko", variant)
        self.session.end("visitor")
        self.session.clear()
        self.visitor.pages.setCurrentIndex(1)
        self.visitor.display.set(scale, contrast)  # the visit's end reset them: the sign screen gets its own
        self.session.choose("ko", VisitorMode.SIGN)
        self.session.begin()
        self.session.say(Role.VISITOR, "화장실이 어디예요?", Modality.SIGN, language="ko", provenance="sign")
        signs = (
            SignEvent("서류", "서류", 0.97, 0.0, 1.0),
            SignEvent("?", "알 수 없는 수어입니다. 다시 해 주세요.", 0.9, 1, 2),
        )
        self.session.show_signs(SignChips(signs))
        self.shoot(self.visitor, "sign", "ko", variant)
        self.session.end("visitor")
        self.session.clear()

    def close(self) -> None:
        self.runtime.close()


def render(out: Path, config: KioskConfig | None = None) -> list[Shot]:
    """Every screen, language and variant into ``out``; the gallery index is ``out/README.md``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    config = config or load_config()
    out.mkdir(parents=True, exist_ok=True)
    gallery = Gallery(config, out)
    for display in (*DISPLAYS, *CLERK_DISPLAYS):
        gallery.display = display
        for variant, (scale, contrast) in VARIANTS.items():
            gallery.visitor.display.set(scale, contrast)
            gallery.visitor.pages.setCurrentIndex(0)
            gallery.shoot(gallery.visitor, "attract", "all", variant)
            gallery.visitor.pages.setCurrentIndex(1)
            gallery.shoot(gallery.visitor, "start", "all", variant)
            for language in gallery.visitor.languages:
                gallery.visit(language, variant)
            gallery.fingerspelling(variant)
    gallery.close()
    (out / "README.md").write_text(_index(gallery.shots) + _live(out), encoding="utf-8")
    return gallery.shots


def _index(shots: list[Shot]) -> str:
    lines = [
        "# Screenshot gallery",
        "",
        "Made by `make screenshots` (`python -m ui.screenshots docs/screenshots`), stored at half size:",
        ", ".join(f"{name} {w}x{h}" for name, (w, h) in (DISPLAYS | CLERK_DISPLAYS).items())
        + "; 100 % and 200 % text, and the high-contrast theme. File names: SCREEN_LANGUAGE_VARIANT_DISPLAY.png.",
        "",
        "| screen | language | display | 100 % | 200 % | high contrast |",
        "|---|---|---|---|---|---|",
    ]
    keys = dict.fromkeys((s.screen, s.language, s.display) for s in shots)
    for screen, language, display in keys:
        cells = []
        for variant in VARIANTS:
            match = [
                s for s in shots if (s.screen, s.language, s.variant, s.display) == (screen, language, variant, display)
            ]
            cells.append(f"[![]({match[0].path.name})]({match[0].path.name})" if match else "")
        lines.append(f"| {screen} | {language} | {display} | {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"


def _live(out: Path) -> str:
    """The real windows of ``kiosk run`` under Xvfb, when such pictures were put beside the gallery."""
    shots = sorted(out.glob("live_*.png"))
    if not shots:
        return ""
    lines = [
        "",
        "## The real windows under Xvfb",
        "",
        "Not rendered by this script: `Xvfb :99 -screen 0 1920x1080x24`, then `DISPLAY=:99 python -m cli run` with",
        'the demo media and `[display] visitor = "HDMI-1"` (a screen Xvfb lacks: the clerk\'s screen says so),',
        "taps (`xdotool`) on the welcome screen and on Tiếng Việt; the demo speech is English, so the visitor is",
        "offered a switch; then Switch and, on the clerk's screen, 화자 바꾸기. `import -window root` (ImageMagick),",
        "resized to 960x540.",
        "",
        *(f"[![]({shot.name})]({shot.name})" for shot in shots),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    shots = render(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
    problems = [f"{s.path.name}: {p}" for s in shots for p in s.problems]
    print(f"{len(shots)} screenshots; {len(problems)} layout problems")
    for problem in problems:
        print("  " + problem)
    sys.exit(1 if problems else 0)
