"""Teaching the kiosk a sign: enroll examples, recognise them at once (few-shot DTW), the combined path, CLI."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from base.errors import InputError
from cli.main import main
from sign_models.classifier import UNKNOWN_TEXT_KO, SignClassifier
from sign_models.composer import load_lexicon
from sign_models.enrollment import MANIFEST, enroll_frames
from sign_models.fewshot import EnrolledSigns
from sign_models.recognizer import RecognizerOptions, SignRecognizer
from sign_models.segmenter import segment_all
from sign_models.sign_dataset import random_sign
from sign_models.sign_spec import Movement, load_sign_spec
from sign_models.synthetic_signs import render_signs


def new_sign():
    """A sign the model was never trained on: 화장실's hand and place with a circle instead of a shake."""
    import dataclasses

    base = load_sign_spec()["화장실"]
    return dataclasses.replace(base, gloss="복지카드", movement=Movement("circle", (1.0, 0.0), 0.2, 2))


def recording(sign, seed: int, **kwargs) -> list:
    return render_signs([sign], np.random.default_rng(seed), **kwargs).frames


def test_enroll_two_examples_and_recognise_a_third(tmp_path: Path) -> None:
    for seed in (1, 2):
        path = enroll_frames(
            recording(new_sign(), seed), "복지카드", tmp_path, "S01", now=datetime(2026, 1, 2, 3, 4, 5)
        )
        assert path.is_file() and path.parent == tmp_path
    for gloss, seed in (("화장실", 3), ("감사합니다", 4)):  # other taught signs to choose from
        enroll_frames(recording(gloss, seed), gloss, tmp_path, "S02")
    lines = [json.loads(line) for line in (tmp_path / MANIFEST).read_text(encoding="utf-8").splitlines()]
    assert [r["gloss"] for r in lines] == ["복지카드", "복지카드", "화장실", "감사합니다"]
    assert lines[0]["signer"] == "S01" and lines[0]["date"].startswith("2026-01-02T03:04:05")
    enrolled = EnrolledSigns.load(tmp_path)
    assert enrolled.problems == [] and len(enrolled.examples) == 4
    third = recording(new_sign(), 99)
    segment = max(segment_all(third), key=lambda s: s.end - s.start)
    answer = SignRecognizer(None, enrolled).recognize(segment)  # the segment without its rise and fall
    assert answer.gloss == "복지카드", answer.top
    stranger = max(segment_all(recording(random_sign(np.random.default_rng(8)), 8)), key=lambda s: s.end - s.start)
    assert SignRecognizer(None, enrolled).recognize(stranger).gloss is None


def test_a_left_handed_signer_matches_the_right_handed_examples(tmp_path: Path) -> None:
    for seed in (1, 2):
        enroll_frames(recording(new_sign(), seed), "복지카드", tmp_path)
    enroll_frames(recording("화장실", 3), "화장실", tmp_path)
    frames = recording(new_sign(), 50, left_handed=True)
    recognizer = SignRecognizer(None, EnrolledSigns.load(tmp_path), RecognizerOptions(left_handed=True))
    results = recognizer.live(frames)
    assert [r.gloss for r in results] == ["복지카드"]


def test_the_recogniser_prefers_a_confident_enrolled_sign_then_the_model_then_unknown(tmp_path: Path) -> None:
    pytest.importorskip("ai_edge_litert")
    for seed in (1, 2):
        enroll_frames(recording(new_sign(), seed), "복지카드", tmp_path)
    recognizer = SignRecognizer(SignClassifier.load(), EnrolledSigns.load(tmp_path))
    rng = np.random.default_rng(21)
    sequence = render_signs([new_sign(), "수수료", random_sign(rng)], rng)
    results = recognizer.live(sequence.frames)
    assert [(r.gloss, r.source) for r in results] == [("복지카드", "taught"), ("수수료", "model"), (None, "unknown")]
    assert results[1].text == "수수료" and results[2].text == UNKNOWN_TEXT_KO
    assert results[2].event().gloss == "?" and results[0].event().text == "복지카드"


def test_the_recogniser_reads_the_lexicon_once_for_many_signs(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("ai_edge_litert")
    reads = []
    read_text = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **kw: reads.append(self.name) or read_text(self, *a, **kw))
    load_lexicon.cache_clear()
    recognizer = SignRecognizer(SignClassifier.load())
    sequence = render_signs(["수수료", "화장실", "감사합니다", "수수료"], np.random.default_rng(21))
    results = recognizer.live(sequence.frames)
    assert [r.text for r in results] == ["수수료", "화장실", "감사합니다", "수수료"]
    assert reads.count("lexicon.json") == 1


def test_damaged_examples_are_reported_and_skipped(tmp_path: Path) -> None:
    enroll_frames(recording("화장실", 1), "화장실", tmp_path)
    (tmp_path / "broken.npz").write_bytes(b"PK\x03\x04garbage")
    with (tmp_path / MANIFEST).open("a", encoding="utf-8") as manifest:
        manifest.write('{"gloss": "도장", "file": "broken.npz"}\n')
        manifest.write("not json\n")
        manifest.write('{"gloss": "서류", "file": "missing.npz"}\n')
        manifest.write('{"gloss": "서류", "file": "../escape.npz"}\n')
    enrolled = EnrolledSigns.load(tmp_path)
    assert [e.gloss for e in enrolled.examples] == ["화장실"]
    assert len(enrolled.problems) == 4, enrolled.problems
    assert EnrolledSigns.load(tmp_path / "nowhere").examples == []


@pytest.mark.parametrize("gloss", ["", "   ", "가" * 31, "a\nb", None])
def test_bad_glosses_are_refused(tmp_path: Path, gloss) -> None:
    with pytest.raises(InputError, match="gloss"):
        enroll_frames(recording("네", 1), gloss, tmp_path)
    assert not (tmp_path / MANIFEST).exists()


def test_a_recording_without_a_sign_is_a_clear_error(tmp_path: Path) -> None:
    frames = recording("네", 1)[:8]  # hands at rest only
    with pytest.raises(InputError, match="no sign found"):
        enroll_frames(frames, "네", tmp_path)
    with pytest.raises(InputError, match="no sign found"):
        enroll_frames([], "네", tmp_path)


def test_cli_enroll_reports_a_file_that_is_not_a_video(tmp_path: Path, capsys) -> None:
    fake = tmp_path / "notes.mp4"
    fake.write_text("this is not a video", encoding="utf-8")
    code = main(["sign", "enroll", "--gloss", "도장", "--data", str(tmp_path / "signs"), str(fake)])
    assert code == 2
    assert "not a readable video" in capsys.readouterr().err
    assert not (tmp_path / "signs" / MANIFEST).exists()


def test_cli_enroll_refuses_a_bad_gloss_before_reading_videos(tmp_path: Path, capsys) -> None:
    code = main(["sign", "enroll", "--gloss", "가" * 40, "--data", str(tmp_path), str(tmp_path / "none.mp4")])
    assert code == 2 and "gloss" in capsys.readouterr().err


def test_cli_recognize_reads_landmark_files_and_says_which_signs_were_taught(tmp_path: Path, capsys) -> None:
    from sign_models.landmarks import save_npz

    for gloss, seed in (("복지카드", 1), ("복지카드", 2), ("화장실", 3)):
        save_npz(recording(new_sign() if gloss == "복지카드" else gloss, seed), tmp_path / f"{gloss}{seed}.npz")
        assert (
            main(
                [
                    "sign",
                    "enroll",
                    "--gloss",
                    gloss,
                    "--data",
                    str(tmp_path / "signs"),
                    str(tmp_path / f"{gloss}{seed}.npz"),
                ]
            )
            == 0
        )
    rng = np.random.default_rng(5)
    save_npz(render_signs([new_sign(), random_sign(rng)], rng).frames, tmp_path / "visitor.npz")
    capsys.readouterr()
    code = main(["sign", "recognize", "--json", "--data", str(tmp_path / "signs"), str(tmp_path / "visitor.npz")])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["video"].endswith("visitor.npz") and result["sentence"].startswith("복지카드")
    assert [(s["gloss"], s["source"]) for s in result["segments"]] == [("복지카드", "taught"), (None, "unknown")]
    assert result["segments"][0]["top"][0]["gloss"] == "복지카드" and result["segments"][0]["start"] > 0


def test_cli_recognize_reports_a_bad_file_and_goes_on(tmp_path: Path, capsys) -> None:
    from sign_models.landmarks import save_npz

    (tmp_path / "broken.npz").write_bytes(b"PK\x03\x04garbage")
    save_npz(recording("화장실", 3), tmp_path / "ok.npz")
    code = main(
        ["sign", "recognize", "--data", str(tmp_path / "none"), str(tmp_path / "broken.npz"), str(tmp_path / "ok.npz")]
    )
    captured = capsys.readouterr()
    assert code == 2 and "broken.npz" in captured.err and "랜드마크" in captured.err and "landmark" in captured.err
    assert "ok.npz: ?(unknown)" in captured.out, "nothing taught: unknown, never the synthetic model"
