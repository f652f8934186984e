"""Can everything be read and touched? Checks a shown window the way a visitor's finger and eyes meet it.

Used by the screenshot gallery and its test at 100 % and 200 % text in every language, and reported by
object name:
- a window whose minimum size exceeds the reference screen, or that is larger than it (grown past the display's edge);
  a label whose text is wider (or, when wrapping, taller, or with a word or phrase that cannot break wider) than the
  label, or whose lines part a number from its unit ("1" and "倍"); a button whose text is wider than the button; a
  text field whose placeholder (what to type there) is cut;
- a control (button, text field, menu) that a touch at its centre or near its corners would not reach: covered
  by another widget (hit-tested with ``QWidget.childAt``, as a touch is routed), or outside the window, or cut
  off by a scroll area that shows no scroll bar (a control scrolled out of a scroll area with a visible scroll
  bar is fine: the bar says there is more);
- an overlay (an object name ending in ``overlay``) that is not wholly inside the window and on top of it:
  an overlay must never need scrolling or be clipped by the window edge;
- with ``min_text_px``: any text smaller than that (the visitor's screen at 100 %: 24 px).

:func:`scrolled_out` finds the buttons and labels that must be seen without scrolling (the start page's languages, the
first suggestion, the fingerspelled word's line) but are not, :func:`first_phrase_out` a first topic (folded, or on the
clerk's screen: phrase) not in view; :func:`slivers` the buttons that show only a part of themselves at a scroll area's
fold (whole or a scroll away, never a strip of a button), :func:`taller_than_view` those that can never be whole in
it; :func:`phrases_far` quick phrases that the topics' tabs push more than half a screen down (or tabs after more
than a row of phrases); :func:`demo_hidden` a demo without its notice; :func:`not_shown` a bar that must never make
way (the visitor's text-size bar); :func:`needed_out` a control the screen's state needs that is hidden or out of view
(the clerk's Talk while the hint asks the clerk to speak up);
:func:`overlaps` widgets that one layout placed over each other (it had less room than their least sizes: the idle
warning's countdown under its label, the self-view over the list under it).
A chat's newest line cut: :mod:`ui.chat_check`.
"""

from __future__ import annotations

from PyQt6.QtCore import QPoint, QRect, QSize, Qt
from PyQt6.QtGui import QFontInfo
from PyQt6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from ui.phrase_breaks import phrase_cuts, plain, unit_breaks, widest_line
from ui.places import rect_in, scroll_areas, text_room_px, widget_kind, widget_name
from ui.theme import MIN_TARGET_PX
from ui.wrap_button import PADDING_PX, WrapButton

LOW_EXEMPT = {"attract"}  # the welcome screen is one button as large as the screen: it can be touched anywhere
CONTROLS = (QAbstractButton, QLineEdit, QComboBox)
PROBES = ((0.5, 0.5), (0.15, 0.2), (0.85, 0.2), (0.15, 0.8), (0.85, 0.8))  # where a finger may land


def layout_problems(
    window: QWidget,
    screen: QSize,
    min_target_px: int = MIN_TARGET_PX,
    low_from: float | None = None,
    min_text_px: int | None = None,
) -> list[str]:
    """What does not fit when ``window`` fills ``screen``, buttons smaller than ``min_target_px``, and (with
    ``low_from``) buttons above that fraction of the height: a wheelchair user must reach every control;
    controls that cannot be touched, overlays not wholly shown, and (with ``min_text_px``) text too small."""
    problems = _larger(window, screen)
    need = window.minimumSizeHint()
    if need.width() > screen.width() or need.height() > screen.height():
        problems.append(f"window needs {need.width()}x{need.height()}, screen is {screen.width()}x{screen.height()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, CONTROLS):
            problems += _untouchable(window, widget)
        if widget.objectName().endswith("overlay"):
            problems += _overlay(window, widget)
        if min_text_px is not None and _text(widget) and QFontInfo(widget.font()).pixelSize() < min_text_px:
            problems.append(
                f"text of {widget_name(widget)} is {QFontInfo(widget.font()).pixelSize()}px < {min_text_px}px"
            )
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            problems += _label(widget)
        elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            problems += _placeholder(widget)
        elif isinstance(widget, QPushButton):
            top = widget.mapTo(window, QPoint(0, 0)).y()
            if low_from is not None and top < low_from * window.height() and widget.objectName() not in LOW_EXEMPT:
                problems.append(f"button {widget_name(widget)} at {top}px: above the lower part of the screen")
            if min(widget.width(), widget.height()) < min_target_px:
                problems.append(f"button {widget_name(widget)}: {widget.width()}x{widget.height()} < {min_target_px}px")
            if not isinstance(widget, WrapButton) and widget.text():
                width = max(widget.fontMetrics().horizontalAdvance(line) for line in widget.text().split("\n"))
                if width + PADDING_PX > widget.width() + 1:
                    problems.append(f"button {widget_name(widget)} {widget.text()!r}: needs {width + PADDING_PX}px")
    return problems


def _larger(window: QWidget, screen: QSize) -> list[str]:
    """``window`` larger than the display it is placed on: Qt grew it to its least size (its rows' least heights, those
    that wrap at its width too), and what lies past the display's edge is never seen (the clerk's at 200 % on 960x1080
    with three suggestions: 960x1408 in English, its text box and Talk under the screen's edge)."""
    size = window.size()
    if size.width() <= screen.width() and size.height() <= screen.height():
        return []
    return [f"window is {size.width()}x{size.height()}, larger than its display {screen.width()}x{screen.height()}"]


def scrolled_out(window: QWidget, prefix: str | tuple[str, ...], first: bool = False) -> list[str]:
    """Shown buttons and labels named ``prefix...`` that lie (partly) outside their scroll area's view at its
    current position; with ``first``, only the first of them in reading order (the others may be a scroll away)."""
    named = (w for w in window.findChildren(QWidget) if isinstance(w, (QAbstractButton, QLabel)))
    shown = [w for w in named if w.isVisible() and w.objectName().startswith(prefix)]
    return _out_of_view(window, _first(window, shown) if first else shown)


def first_phrase_out(window: QWidget, phrase: bool = False) -> list[str]:
    """Quick-phrase panels whose first tab, or where the tabs are folded (the chosen topic and "all topics"), first
    phrase is seen only by scrolling: at 200 % on 1366x768 the list's view showed those two tabs, every phrase a scroll
    away. (All topics shown, the phrases may be a scroll away under them: :func:`phrases_far` bounds how far.) With
    ``phrase`` (the clerk's screen: the quick phrases are tapped all day), the first phrase, folded or not: at 200 % on
    960x1080 the clerk's 206 px panel showed its two tabs and an empty band, no phrase."""
    from ui.phrase_panel import PhrasePanel  # (the panel imports nothing of this module)

    problems = []
    for panel in window.findChildren(PhrasePanel):
        first = panel.buttons() if phrase or panel.all_topics.isVisible() else panel.shown_tabs
        problems += _out_of_view(window, _first(window, [b for b in first if b.isVisible()]))
    return problems


def _first(window: QWidget, widgets: list[QWidget]) -> list[QWidget]:
    """The first of ``widgets`` in reading order (none: none)."""
    return sorted(widgets, key=lambda b: (rect_in(window, b).y(), rect_in(window, b).x()))[:1]


def _out_of_view(window: QWidget, widgets: list[QWidget]) -> list[str]:
    """Each of ``widgets`` that lies (partly) outside a scroll area's view round it."""
    problems = []
    for widget in widgets:
        rect = rect_in(window, widget)
        cut = [area for area in scroll_areas(widget, window) if not rect_in(window, area.viewport()).contains(rect)]
        if cut:
            problems.append(
                f"{widget_kind(widget)} {widget_name(widget)} is seen only by scrolling {widget_name(cut[0])}"
            )
    return problems


def _shown(window: QWidget, name: str) -> list[QWidget]:
    """The widgets named ``name`` in ``window`` that are visible."""
    return [w for w in window.findChildren(QWidget, name) if w.isVisible()]


def not_shown(window: QWidget, name: str) -> list[str]:
    """The widget named ``name`` in ``window`` is not on screen (a bar or notice that must never make way)."""
    return [] if _shown(window, name) else [f"{name} is not shown"]


def needed_out(window: QWidget, names: tuple[str, ...]) -> list[str]:
    """The controls named ``names`` that are hidden, outside the window or seen only by scrolling: the screen's state
    needs each at once (a control out of view is one its user does not have: the clerk's Talk was hidden while the
    hint on the microphone's label asked the clerk to speak up)."""
    problems = []
    for name in names:
        shown = _shown(window, name)
        out = _out_of_view(window, shown[:1])
        if not shown:
            problems.append(f"{name} is needed and not shown")
        elif not out and not window.rect().contains(rect_in(window, shown[0])):
            problems.append(f"{name} is needed and outside the window")
        problems += out
    return problems


def slivers(window: QWidget, prefix: str) -> list[str]:
    """Shown buttons named ``prefix...`` that are partly, not wholly, in view of their scroll area."""
    problems = []
    for button, area, rect, port in _in_views(window, prefix):
        seen = rect.intersected(port).height()
        if 0 < seen < rect.height():
            shown = f"{seen} of its {rect.height()}px in {widget_name(area)}"
            problems.append(f"button {widget_name(button)} shows {shown}")
    return problems


def taller_than_view(window: QWidget, prefix: str) -> list[str]:
    """Shown buttons named ``prefix...`` taller than their scroll area's view: never whole in it, scrolled through (the
    two-line quick phrases at 200 % on 1366x768, 196 px in a 194 px view, a scroll away and so no sliver)."""
    return [
        f"button {widget_name(button)} is {rect.height()}px high, its view in {widget_name(area)} {port.height()}px"
        for button, area, rect, port in _in_views(window, prefix)
        if rect.height() > port.height()
    ]


def _in_views(window: QWidget, prefix: str) -> list[tuple[QAbstractButton, QScrollArea, QRect, QRect]]:
    """Each shown button named ``prefix...`` with each scroll area round it, its rectangle and the area's view's."""
    found = []
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.objectName().startswith(prefix):
            rect = rect_in(window, button)
            found += [(button, area, rect, rect_in(window, area.viewport())) for area in scroll_areas(button, window)]
    return found


def phrases_far(window: QWidget, most: float | None = None) -> list[str]:
    """Quick-phrase panels whose first phrase starts more than ``most`` (:data:`ui.phrase_panel.MOST_TABS`) of the
    window's height below their first tab: a visitor would scroll through that much of topics to reach any phrase (six
    rows of tabs, the first phrase 854 px down, at 200 % on 1366x768); and those whose tabs, under the phrases, come
    after more than one row of them: a change of topic would be a long scroll (after nine rows, the clerk's at 200 %
    on 1366x768)."""
    from ui.phrase_panel import MOST_TABS, PhrasePanel  # (the panel imports nothing of this module)

    most = MOST_TABS if most is None else most
    problems = []
    for panel in window.findChildren(PhrasePanel):
        tabs = [rect_in(window, tab).top() for tab in panel.shown_tabs if tab.isVisible()]
        phrases = [rect_in(window, button).top() for button in panel.buttons() if button.isVisible()]
        if tabs and phrases and min(phrases) - min(tabs) > most * window.height():
            far = f"{min(phrases) - min(tabs)}px below its first tab, the window is {window.height()}px high"
            problems.append(f"the first phrase of {widget_name(panel)} starts {far}")
        above = {top for top in phrases if tabs and top < min(tabs)}
        if len(above) > 1:
            problems.append(f"the topics' tabs of {widget_name(panel)} come after {len(above)} rows of phrases")
    return problems


def demo_hidden(window: QWidget) -> list[str]:
    """Demo media play: the demo notice (a label named ``demo_banner``) must be shown whole in ``window`` (the
    label checks find its text cut)."""
    shown = [w for w in window.findChildren(QLabel, "demo_banner") if w.isVisible()]
    if not shown:
        return ["no demo notice on screen in demo mode"]
    rect = rect_in(window, shown[0])
    cut = not window.rect().contains(rect) or any(
        not rect_in(window, area.viewport()).contains(rect) for area in scroll_areas(shown[0], window)
    )
    return [f"demo notice {widget_name(shown[0])} is cut by the window or a scroll area"] if cut else []


def overlaps(window: QWidget) -> list[str]:
    """Shown widgets of one layout (its sub-layouts included) whose places overlap: the layout was squeezed below
    their least sizes, one is drawn over the other."""
    problems = []
    for parent in [window, *window.findChildren(QWidget)]:
        layout = parent.layout()
        if layout is None or not parent.isVisible():
            continue
        placed = [w for w in _laid_out(layout) if w.isVisible()]
        for index, first in enumerate(placed):
            for second in placed[index + 1 :]:
                common = first.geometry().intersected(second.geometry())
                if not common.isEmpty():
                    size = f"{common.width()}x{common.height()}px"
                    problems.append(
                        f"{widget_name(first)} and {widget_name(second)} overlap by {size} in {widget_name(parent)}"
                    )
    return problems


def _laid_out(layout: QLayout) -> list[QWidget]:
    """The widgets ``layout`` places, those of its sub-layouts included."""
    widgets = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is not None:
            widgets.append(item.widget())
        elif item.layout() is not None:
            widgets += _laid_out(item.layout())
    return widgets


def _untouchable(window: QWidget, control: QWidget) -> list[str]:
    """Where a touch on ``control`` would not reach it: outside the window, cut off, or landing on another widget."""
    if control.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents):
        return []
    rect = rect_in(window, control)
    seen, scrolled = window.rect(), False
    for area in scroll_areas(control, window):
        port = rect_in(window, area.viewport())
        if not port.contains(rect):
            if not _scrollable(area, rect, port):
                return [f"control {widget_name(control)} is cut off in {widget_name(area)}, which shows no scroll bar"]
            scrolled = True
        seen = seen.intersected(port)
    if not scrolled and not window.rect().contains(rect):
        where = f"{rect.x()},{rect.y()} {rect.width()}x{rect.height()}"
        return [f"control {widget_name(control)} at {where} is outside the window"]
    for fx, fy in PROBES:
        point = QPoint(rect.x() + round(fx * rect.width()), rect.y() + round(fy * rect.height()))
        if not seen.contains(point):
            continue  # scrolled out of a scroll area with a visible bar
        hit = window.childAt(point)
        if hit is not control and (hit is None or not control.isAncestorOf(hit)) and not _modal_over(hit, control):
            over = widget_name(hit) if hit else "nothing"
            return [f"control {widget_name(control)} is covered by {over} at {point.x()},{point.y()}"]
    return []


def _overlay(window: QWidget, overlay: QWidget) -> list[str]:
    """An overlay is wholly inside the window and nothing covers it (no scroll area clips it)."""
    rect = rect_in(window, overlay)
    if not window.rect().contains(rect):
        where = f"{rect.x()},{rect.y()} {rect.width()}x{rect.height()}"
        return [f"overlay {widget_name(overlay)} at {where} is clipped by the window"]
    for area in scroll_areas(overlay, window):
        if not rect_in(window, area.viewport()).contains(rect):
            return [f"overlay {widget_name(overlay)} is clipped by {widget_name(area)}"]
    return []


def _modal_over(hit: QWidget | None, control: QWidget) -> bool:
    """``hit`` belongs to an overlay that ``control`` is not part of: covered on purpose (a modal layer)."""
    while hit is not None:
        if hit.objectName().endswith("overlay"):
            return not hit.isAncestorOf(control)
        hit = hit.parentWidget()
    return False


def _scrollable(area: QScrollArea, rect: QRect, port: QRect) -> bool:
    """The part of ``rect`` outside ``port`` can be scrolled into view, and a visible bar says so."""
    vertical = rect.left() >= port.left() - 1 and rect.right() <= port.right() + 1
    bar = area.verticalScrollBar() if vertical else area.horizontalScrollBar()
    return bar.isVisible() and bar.maximum() > 0


def _placeholder(edit: QLineEdit) -> list[str]:
    """An empty text field whose placeholder is wider than the room for its text: Qt cuts it with "…" (the clerk's
    "방문자에게 전…" at 200 % on 960x1080)."""
    room_px = text_room_px(edit)
    need = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    if need <= room_px:
        return []
    return [f"text field {widget_name(edit)} {edit.placeholderText()!r}: needs {need}px, has {room_px}"]


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel) and widget.pixmap().isNull():
        return widget.text()
    if isinstance(widget, (QAbstractButton, QLineEdit)):
        return widget.text()
    return ""


def _label(label: QLabel) -> list[str]:
    room = label.contentsRect()
    if label.wordWrap():
        height = label.heightForWidth(label.width())  # the whole label, margins and padding included
        widest = _widest_line(label)
        fits = height <= label.height() + 2 and widest <= room.width() + 1
        need = f"{height}px high, has {label.height()}" if widest <= room.width() + 1 else f"a line {widest}px wide"
    else:
        metrics, lines = label.fontMetrics(), label.text().split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines)
        fits = width <= room.width() + 1 and metrics.lineSpacing() * len(lines) <= room.height() + 2
        need = f"{width}px wide, has {room.width()}"
    if not fits:
        return [f"label {widget_name(label)} {plain(label.text())[:40]!r}: {need}"]
    wraps = label.wordWrap() and not Qt.mightBeRichText(label.text())
    parted = unit_breaks(label.text(), label.font(), room.width()) if wraps else []
    cut = phrase_cuts(label.text(), label.font(), room.width()) if wraps else []
    problems = [f"label {widget_name(label)} parts a number from its unit: {', '.join(parted)}"] if parted else []
    return problems + ([f"label {widget_name(label)} breaks inside a phrase: {', '.join(cut)}"] if cut else [])


def _widest_line(label: QLabel) -> int:
    """The widest line of a wrapping label's plain text at its width: wider than the label when a word (or a
    phrase kept whole, :mod:`ui.phrase_breaks`) cannot be broken and is cut off at the edge."""
    if Qt.mightBeRichText(label.text()):
        return 0
    return widest_line(label.text(), label.font(), label.contentsRect().width())
