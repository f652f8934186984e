"""Printable exports of one visit's transcript: HTML (for the printer) and plain text.

Exports are written owner-only (0600); they hold personal data and are made only after the visitor
agreed (the UI asks; this module just writes).
"""

from __future__ import annotations

import html
import os
import time
from collections.abc import Sequence
from pathlib import Path

from base.events import Role, TranscriptEntry

ROLE_LABELS = {Role.VISITOR: "방문자 Visitor", Role.CLERK: "담당자 Clerk"}
FLIPPED = "⇄ 담당자가 화자를 바로잡음 / speaker corrected by the clerk"
REHEARD = "↻ 다시 듣고 고침, 처음 인식 / heard again, first heard as"  # a revised line keeps its first reading


def render_text(entries: Sequence[TranscriptEntry], title: str) -> str:
    """The transcript as plain text, one block per entry."""
    lines = [title, "=" * len(title), ""]
    for entry in entries:
        lines.append(f"[{_clock(entry.time)}] {ROLE_LABELS[entry.role]} ({entry.language}, {entry.modality.value})")
        lines.append(f"  {entry.text}")
        if entry.first_reading:
            lines.append(f"  {REHEARD}: {entry.first_reading}")
        if entry.correction:
            lines.append(f"  ✎ 담당자 수정 / corrected: {entry.correction}")
        if entry.flipped:
            lines.append(f"  {FLIPPED}")
        for language, text in sorted(entry.translations.items()):
            lines.append(f"  → {language}: {text}")
        lines.append("")
    return "\n".join(lines)


def render_html(entries: Sequence[TranscriptEntry], title: str) -> str:
    """The transcript as a self-contained printable HTML page."""
    rows = []
    for entry in entries:
        translated = "".join(
            f'<div class="tr"><span class="lang">{html.escape(lang)}</span> {html.escape(text)}</div>'
            for lang, text in sorted(entry.translations.items())
        )
        if entry.first_reading:
            translated += f'<div class="fix">{REHEARD}: {html.escape(entry.first_reading)}</div>'
        if entry.correction:
            translated += f'<div class="fix">✎ 담당자 수정 / corrected: {html.escape(entry.correction)}</div>'
        if entry.flipped:
            translated += f'<div class="fix">{FLIPPED}</div>'
        rows.append(
            f'<tr class="{entry.role.value}"><td>{_clock(entry.time)}</td>'
            f"<td>{html.escape(ROLE_LABELS[entry.role])}</td>"
            f'<td><div lang="{html.escape(entry.language)}">{html.escape(entry.text)}</div>{translated}</td>'
            f"<td>{html.escape(entry.provenance)}</td></tr>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="ko"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>"
        "body{font-family:'Noto Sans CJK KR','Noto Sans',sans-serif;font-size:12pt;margin:2em}"
        "table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #999;padding:.4em;vertical-align:top}"
        ".tr{color:#333;margin-top:.2em}.fix{font-weight:bold;margin-top:.2em}.lang{font-weight:bold}tr.clerk{background:#f3f3f3}"
        "@media print{body{margin:0}}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><table>"
        "<tr><th>시각 Time</th><th>화자 Speaker</th><th>내용 Text</th><th>출처 Source</th></tr>"
        + "".join(rows)
        + "</table></body></html>\n"
    )


def write_export(entries: Sequence[TranscriptEntry], folder: Path, stem: str, title: str, fmt: str = "html") -> Path:
    """Write ``stem.html`` or ``stem.txt`` into ``folder`` (owner-only) and return its path."""
    if fmt not in ("html", "txt"):
        raise ValueError(f"unknown export format {fmt!r}; use html or txt")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.{fmt}"
    text = render_html(entries, title) if fmt == "html" else render_text(entries, title)
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def _clock(unix_seconds: float) -> str:
    return time.strftime("%H:%M:%S", time.localtime(unix_seconds))
