"""``kiosk bench --out DIR``: ``report.md``, ``report.json`` and PNG charts of the measured stages.

Charts: one latency histogram per sample set (``hist-<name>.png``) and the pipeline's per-stage timeline
(``timeline.png``: for each final caption, from its end of speech, the parts of :data:`bench.pipeline_parts.PARTS`
up to the painting on the visitor screen). matplotlib is imported here only, lazily, with the Agg backend (no
screen needed).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.main import Stage


def markdown(report: dict, charts: list[str] | None = None) -> str:
    """The report as Markdown: command, machine, one table row per figure, the charts."""
    lines = [f"Command: `{report['command']}`", "", "Machine and run:", "", *_facts(report["machine"]), ""]
    lines += ["| figure | value | unit | target | pass |", "|---|---|---|---|---|"]
    for r in report["results"]:
        lines.append(f"| {r['name']} | {r['value']} | {r['unit']} | {r['target']} | {'yes' if r['pass'] else 'NO'} |")
    if charts:
        lines += ["", *[f"![{Path(c).stem}]({c})" for c in charts]]
    return "\n".join(lines) + "\n"


def _facts(machine: dict) -> list[str]:
    """One bullet per machine fact; a nested fact (a stage's counts) as ``key: k v, k v``."""
    lines = []
    for key, value in machine.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        elif isinstance(value, list | tuple):
            value = " / ".join(str(v) for v in value)
        lines.append(f"- {key}: {value}")
    return lines


def write(out: Path, report: dict, stages: list[Stage]) -> list[str]:
    """Write the report and charts into ``out``; return the chart file names."""
    out.mkdir(parents=True, exist_ok=True)
    charts = _charts(out, stages)
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "report.md").write_text(markdown(report, charts), encoding="utf-8")
    return charts


def _charts(out: Path, stages: list[Stage]) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = []
    for stage in stages:
        for title, values in stage.samples.items():
            if not values:
                continue
            fig, ax = plt.subplots(figsize=(6, 3.2))
            ax.hist(values, bins=min(30, max(5, len(values) // 2)), color="#3465a4")
            ax.set(title=title, xlabel="ms", ylabel="count")
            names.append(_save(fig, out, "hist-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")))
        if stage.timeline:
            names.append(_save(_timeline(plt, stage.timeline), out, "timeline"))
    plt.close("all")
    return names


def _timeline(plt, steps: list[dict]):
    """Horizontal bars: one row per final, one colour per step ({"row", "step", "start", "end"} in s)."""
    colours = {
        "pause seen": "#729fcf",
        "behind earlier work": "#cc0000",
        "pause decoding": "#3465a4",
        "silence wait": "#d3d7cf",
        "final decoding": "#204a87",
        "commit": "#75507b",
        "translation": "#f57900",
        "screen": "#4e9a06",
    }
    rows = list(dict.fromkeys(s["row"] for s in steps))
    fig, ax = plt.subplots(figsize=(9, 0.5 + 0.45 * len(rows)))
    for step in steps:
        y = rows.index(step["row"])
        ax.barh(y, step["end"] - step["start"], left=step["start"], color=colours.get(step["step"], "grey"))
    ax.set_yticks(range(len(rows)), rows)
    ax.invert_yaxis()
    ax.set(xlabel="seconds after the end of speech", title="each final: end of speech -> painted on the visitor screen")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in colours.values()]
    ax.legend(handles, list(colours), loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=5, fontsize="small")
    return fig


def _save(fig, out: Path, stem: str) -> str:
    fig.savefig(out / f"{stem}.png", dpi=90, bbox_inches="tight")
    return f"{stem}.png"
