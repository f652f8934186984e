"""Colours, sizes and the stylesheet; contrast is computed (WCAG 2.2), not eyeballed.

Reference sizes at ``text_scale`` 1.0: body text 24 px, visitor captions 32 px, touch targets at least
64x64 px (the minimum the tests enforce is 44x44).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_TARGET_PX = 44  # WCAG 2.2 target size (enhanced) at the reference resolution
MIN_TARGET_MM = 9.0  # Korean public-kiosk guideline: never smaller than 9 mm on the real display
TARGET_PX = 64
VISITOR_TEXT_PX = 24  # no visitor text smaller than this at 100 % (read standing, about 60 cm away)


@dataclass(frozen=True)
class Palette:
    """Named colours as #RRGGBB."""

    background: str
    text: str
    muted: str  # secondary text and partial captions
    button: str
    button_text: str
    banner: str
    banner_text: str
    clerk_bubble: str  # the clerk's chat lines (left), edged in ``button``
    visitor_bubble: str  # the visitor's chat lines (right), edged in ``visitor_accent``
    visitor_accent: str


NORMAL = Palette(
    "#F7F7F2", "#1A1A1A", "#4D4D4D", "#0B5CAD", "#FFFFFF", "#FFF1B8", "#1A1A1A", "#E1ECF8", "#E3F1DF", "#1E6B30"
)
HIGH_CONTRAST = Palette(
    "#000000", "#FFFFFF", "#E6E6E6", "#FFD400", "#000000", "#FFFFFF", "#000000", "#000000", "#1A1A1A", "#FFFFFF"
)


DOUBT = {False: "#8A4B00", True: "#FFD400"}  # a line the recogniser was not sure of (edge, and its 고치기 button)


def palette(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL


def text_pairs(p: Palette) -> list[tuple[str, str]]:
    """Every (foreground, background) pair the stylesheet uses for text."""
    bubbles = [(colour, bubble) for colour in (p.text, p.muted) for bubble in (p.clerk_bubble, p.visitor_bubble)]
    return [
        (p.text, p.background),
        (p.muted, p.background),
        (p.button_text, p.button),
        (p.banner_text, p.banner),
        *bubbles,
    ]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.2 contrast ratio of two #RRGGBB colours (1.0 .. 21.0)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def stylesheet(scale: float = 1.0, high_contrast: bool = False) -> str:
    """The Qt stylesheet for both windows."""
    p = palette(high_contrast)
    body, caption, title = round(VISITOR_TEXT_PX * scale), round(32 * scale), round(36 * scale)
    return f"""
    QWidget {{ background: {p.background}; color: {p.text}; font-size: {body}px; }}
    QPushButton {{ background: {p.button}; color: {p.button_text}; border-radius: 8px;
                  padding: 8px 16px; min-height: {TARGET_PX}px; min-width: {TARGET_PX}px; }}
    QPushButton:focus {{ border: 3px solid {p.text}; }}
    QPushButton QLabel#wrap_label {{ background: transparent; color: {p.button_text}; }}
    QPushButton:checked {{ background: {p.background}; color: {p.text}; border: 3px solid {p.button}; }}
    QLabel#wrap_label[on="true"] {{ color: {p.text}; }}
    QLineEdit {{ border: 2px solid {p.muted}; border-radius: 6px; padding: 6px; min-height: {TARGET_PX - 16}px; }}
    QLabel#title {{ font-size: {title}px; font-weight: bold; }}
    QPushButton#attract QLabel#wrap_label {{ font-size: {round(48 * min(scale, 1.5))}px; font-weight: bold; }}
    QFrame#sign_tile {{ border: 3px solid {p.button}; border-radius: 16px; }}
    QFrame#sign_tile QLabel {{ border: none; }}
    QLabel#consent_question {{ font-size: {caption}px; font-weight: bold; }}
    QLabel#closing_countdown {{ font-size: {caption}px; color: {p.muted}; }}
    QLabel#sign_tile_title {{ font-size: {caption}px; font-weight: bold; }}
    QLabel#suggestion_heading, QLabel#suggestion_heading_short {{ font-weight: bold; }}
    QFrame#clerk_bubble, QFrame#clerk_partial {{ background: {p.clerk_bubble}; border: 3px solid {p.button};
                  border-radius: 16px; }}
    QFrame#visitor_bubble, QFrame#visitor_partial {{ background: {p.visitor_bubble};
                  border: 3px solid {p.visitor_accent}; border-radius: 16px; }}
    QFrame#clerk_partial, QFrame#visitor_partial {{ border-style: dashed; }}
    QFrame#clerk_bubble QWidget, QFrame#clerk_partial QWidget, QFrame#visitor_bubble QWidget,
    QFrame#visitor_partial QWidget {{ background: transparent; border: none; }}
    QLabel#chat_who {{ font-weight: bold; }}
    QLabel#chat_line {{ font-size: {caption}px; }}
    QLabel#chat_line[newest="true"] {{ font-size: {round(48 * scale)}px; font-weight: bold; }}
    QLabel#chat_original {{ color: {p.muted}; }}
    QFrame#clerk_partial QLabel#chat_line, QFrame#visitor_partial QLabel#chat_line {{ color: {p.muted};
                  font-style: italic; }}
    QLabel#chat_placeholder {{ font-size: {caption}px; color: {p.muted}; }}
    QPushButton#visitor_talk QLabel#wrap_label {{ font-weight: bold; }}
    QLabel#finish_question {{ font-weight: bold; }}
    QLabel#sign_chip {{ font-size: {round(48 * scale)}px; font-weight: bold; min-height: {TARGET_PX}px;
                  background: {p.visitor_bubble}; color: {p.text}; border: 3px solid {p.visitor_accent};
                  border-radius: 16px; padding: 4px 24px; }}
    QLabel#sign_chip[newest="true"] {{ background: {p.banner}; color: {p.banner_text}; border-width: 6px; }}
    QFrame#sign_panel {{ border: 3px solid {p.button}; border-radius: 12px; }}
    QLabel#camera_view {{ border: 2px dashed {p.muted}; }}
    QLabel#spelling_word {{ font-size: {title}px; font-weight: bold; }}
    QFrame#spelling_panel {{ border: 3px solid {p.button}; border-radius: 12px; }}
    QLabel#demo_banner, QLabel#notice_banner {{ background: {p.banner}; color: {p.banner_text}; padding: 6px; }}
    QLabel#demo_banner {{ font-size: {VISITOR_TEXT_PX}px; }}  /* for the staff: not scaled with the text */
    QPushButton#text_smaller QLabel#wrap_label, QPushButton#text_bigger QLabel#wrap_label,
    QPushButton#contrast QLabel#wrap_label, QPushButton#visitor_language QLabel#wrap_label {{
                  font-size: {round(VISITOR_TEXT_PX * min(scale, 1.5))}px; }}  /* the bar: 109 px at 200 %, not 126 */
    QFrame#timeout_overlay {{ background: rgba(0, 0, 0, 150); }}
    QFrame#timeout_card {{ background: {p.background}; border: 6px solid {p.button}; border-radius: 16px; }}
    QLabel#timeout_count, QLabel#timeout_unit, QLabel#timeout_text {{ background: {p.background}; }}
    QLabel#timeout_count {{ font-size: {round(140 * scale)}px; font-weight: bold; }}
    QLabel#timeout_unit, QLabel#timeout_text {{ font-size: {round(28 * scale)}px; }}
    QPushButton#more_time {{ min-height: {2 * TARGET_PX}px; }}
    QPushButton#more_time QLabel#wrap_label {{ font-size: {title}px; font-weight: bold; }}
    QTableWidget {{ gridline-color: {p.muted}; }}
    QPushButton#clerk_end {{ background: #B3261E; color: #FFFFFF; }}
    QLabel#clerk_badges, QLabel#mic_state {{ color: {p.muted}; }}
    QLabel#mic_state {{ font-weight: bold; }}
    QFrame#clerk_bubble[doubtful="true"], QFrame#visitor_bubble[doubtful="true"] {{
                  background: {p.background if high_contrast else p.banner};
                  border: 5px dashed {DOUBT[high_contrast]}; }}
    QFrame#clerk_bubble QPushButton, QFrame#visitor_bubble QPushButton {{ background: {p.button};
                  color: {p.button_text}; border-radius: 8px; padding: 0px 16px; }}  /* beside who said the line:
                  no higher than its name at 200 %, so the words start no lower (86 px put a question's second
                  line a scroll away on 1366x768) */
    QFrame#clerk_bubble QPushButton[doubtful="true"], QFrame#visitor_bubble QPushButton[doubtful="true"] {{
                  background: {DOUBT[high_contrast]}; color: {p.background}; }}
    QFrame#switch_offer {{ background: {p.banner}; border: 3px solid {p.button}; border-radius: 12px; }}
    QFrame#switch_offer QLabel#switch_question {{ background: {p.banner}; color: {p.banner_text}; font-weight: bold; }}
    """


def min_target_px(screen_width_px: int, display_width_mm: float) -> int:
    """The smallest allowed touch target on this display: 44 px, or 9 mm if that is larger."""
    return max(MIN_TARGET_PX, math.ceil(MIN_TARGET_MM * screen_width_px / display_width_mm))
