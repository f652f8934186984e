"""``kiosk bench``: the report's structure, the Markdown and the charts (not whether targets pass)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

from bench.main import Result, Stage
from bench.report import markdown, write

ROOT = Path(__file__).resolve().parents[1]
HANG_S = 900  # a hung kiosk, not a slow machine: loaded runs took 30-120 s


def test_bench_startup_and_ui_quick_json(tmp_path: Path) -> None:
    """The report's shape, not its speed: under load (2 cores, other suites running) the two fresh kiosk starts,
    the sign vocabulary's load and matplotlib's font cache (HOME is empty here) took over 120 s, so the limit is
    only a guard against a hung kiosk (HANG_S)."""
    out = tmp_path / "report"
    done = subprocess.run(
        [sys.executable, "-m", "cli", "bench", "startup", "ui", "--quick", "--json", "--out", str(out)],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=HANG_S,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert set(report) >= {"results", "machine", "command"}
    assert report["command"] == f"kiosk bench startup ui --quick --json --out {out}"
    assert report["machine"]["cores_used"] >= 1
    names = [r["name"] for r in report["results"]]
    assert "cold start to ready (median)" in names
    assert "ui transcript line -> visitor screen painted p50" in names
    for result in report["results"]:
        assert set(result) == {"name", "value", "unit", "target", "pass"}
        assert isinstance(result["value"], float) and math.isfinite(result["value"]) and result["value"] > 0
        assert isinstance(result["pass"], bool)
    assert json.loads((out / "report.json").read_text()) == report
    assert "| cold start to ready (median) |" in (out / "report.md").read_text()
    assert (out / "hist-cold-start-to-ready.png").read_bytes()[:4] == b"\x89PNG"


def test_markdown_marks_failures_and_charts_are_written(tmp_path: Path) -> None:
    stage = Stage(
        [Result("a p50", 1200.0, "ms", "<= 1000", False), Result("b", 2.0, "ms", "report", True)],
        samples={"a latency": [900.0, 1200.0, 1500.0]},
        timeline=[
            {"row": "caption 1", "step": "speech", "start": 0.0, "end": 2.0},
            {"row": "caption 1", "step": "recognition", "start": 2.0, "end": 3.1},
        ],
    )
    report = {"results": [r.as_json() for r in stage.results], "machine": {}, "command": "kiosk bench x"}
    charts = write(tmp_path, report, [stage])
    assert charts == ["hist-a-latency.png", "timeline.png"]
    text = markdown(report)
    assert "| a p50 | 1200.0 | ms | <= 1000 | NO |" in text
    assert "| b | 2.0 | ms | report | yes |" in text


def test_the_startup_command_in_a_report_holds_no_machine_path() -> None:
    from bench.startup import shown_command
    from kiosk.paths import bundle_root

    inside = str(bundle_root() / ".venv" / "bin" / "python")
    assert shown_command([inside, "-m", "cli", "run"]) == ".venv/bin/python -m cli run"
    assert shown_command(["/opt/elsewhere/bin/python3", "-m", "cli", "run"]) == "python3 -m cli run"


def test_the_machine_facts_are_readable_lines_not_a_dictionary() -> None:
    machine = {"cores_used": 2, "load_average_before": [4.09, 5.15, 3.84], "asr short ko": {"units": 211, "dropped": 0}}
    text = markdown({"results": [], "machine": machine, "command": "kiosk bench asr"})
    assert "- cores_used: 2\n- load_average_before: 4.09 / 5.15 / 3.84\n- asr short ko: units 211, dropped 0" in text
    assert "{" not in text


def test_a_clip_is_heard_as_live_so_its_final_comes_from_the_pause_not_the_files_end() -> None:
    """Most English and Chinese test clips end 0.0-0.6 s after the speech: streamed as files, their finals were
    decoded at the flush, 50-400 ms sooner than a live microphone's pause allows (the bench read too well)."""
    from base.events import Role
    from bench.main import clips, heard_live
    from kiosk.channels.speech import asr_options
    from kiosk.channels.transcribe import stream_audio
    from kiosk.config import load_config
    from translations.asr import SpeechRecognizer
    from translations.streaming import StreamingTranscriber

    options = asr_options(load_config(cwd=ROOT / "tests"))
    recognizer = SpeechRecognizer(options)
    _, _, audio = clips(language="en")[1]  # 3.3 s, its speech to the end: streamed alone, the flush made its final
    transcriber = StreamingTranscriber(recognizer, Role.VISITOR, language="en", allowed=("en",))
    at_flush: list = []

    def finish() -> list:
        captions = transcriber.flush()
        at_flush.extend(c for c in captions if c.final)
        return captions

    timed = stream_audio(heard_live(audio, options), lambda s: transcriber.push(s) or transcriber.poll(), finish)
    assert [t for t in timed if t.caption.final] and not at_flush
