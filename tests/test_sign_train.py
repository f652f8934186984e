"""``kiosk sign train``: a model trained on the examples taught on site answers as source "model" (SYNTHETIC
signers stand in for the people who taught; the figures prove the code path, not accuracy)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from base.errors import InputError, ModelMissingError
from cli.main import main
from sign_models.enrollment import FEATURE_VERSION, enroll_frames
from sign_models.fewshot import EnrolledSigns
from sign_models.segmenter import segment_all
from sign_models.sign_dataset import random_sign
from sign_models.synthetic_signs import render_signs
from sign_models.trained_signs import MODEL_FILE, TrainedSigns, train

TAUGHT = ("서류", "화장실", "감사합니다")


def teach(folder: Path, glosses=TAUGHT, examples: int = 2) -> None:
    for i, gloss in enumerate(glosses):
        for k in range(examples):
            enroll_frames(render_signs([gloss], np.random.default_rng(40 + i + 10 * k)).frames, gloss, folder, f"s{k}")


def segment(sign, seed: int) -> list:
    return list(segment_all(render_signs([sign], np.random.default_rng(seed)).frames)[0].frames)


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> tuple[TrainedSigns, object]:
    folder = tmp_path_factory.mktemp("signs")
    teach(folder, examples=3)
    return train(EnrolledSigns.load(folder))


def test_the_model_recognises_other_signers_and_rejects_what_was_never_taught(trained) -> None:
    """Three signs taught three times: measured 4 of 6 right, one wrong (감사합니다 taken for 서류) and
    3 of 6 random signs rejected. Few
    examples of few signs make a weak model (the README gives the stress-set figures); the model only answers
    what the taught-sign matching left unknown."""
    model, report = trained
    assert report.glosses == tuple(sorted(TAUGHT)) and report.examples == 9 and 0 <= report.held_out_accuracy <= 1
    answers = [model.classify_frames(segment(g, 700 + i)).gloss for i, g in enumerate(TAUGHT * 2)]
    assert sum(a == g for a, g in zip(answers, TAUGHT * 2, strict=True)) >= 4, answers
    assert sum(a not in (None, g) for a, g in zip(answers, TAUGHT * 2, strict=True)) <= 1, answers
    strangers = [model.classify_frames(segment(random_sign(np.random.default_rng(90 + i)), 800 + i)) for i in range(6)]
    assert sum(s.gloss is None for s in strangers) >= 3, [s.top for s in strangers]


def test_the_threshold_is_calibrated_and_rejects_below_it(trained) -> None:
    model, report = trained
    assert 0.5 <= report.threshold <= 1.0 and model.threshold == report.threshold
    frames = segment("서류", 701)
    assert model.classify_frames(frames).gloss == "서류"
    model.threshold, saved = 1.01, model.threshold
    try:
        answer = model.classify_frames(frames)
    finally:
        model.threshold = saved
    assert answer.gloss is None and answer.top[0].gloss == "서류", "below the threshold: unknown, not a guess"


def test_too_few_examples_are_refused_in_korean_and_english(tmp_path: Path, capsys) -> None:
    teach(tmp_path, glosses=("서류", "화장실"), examples=1)
    with pytest.raises(InputError) as error:
        train(EnrolledSigns.load(tmp_path))
    assert "너무 적습니다" in error.value.message_ko and "too few" in error.value.message_en
    assert main(["sign", "train", "--data", str(tmp_path), "--out", str(tmp_path / "model")]) == 2
    err = capsys.readouterr().err
    assert "너무 적습니다" in err and "too few examples" in err
    assert not (tmp_path / "model" / MODEL_FILE).exists()


def test_a_damaged_model_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / MODEL_FILE).write_bytes(b"PK\x03\x04 not a model")
    with pytest.raises(ModelMissingError, match="kiosk sign train"):
        TrainedSigns.load(tmp_path / MODEL_FILE)


def test_cli_train_then_recognize_answers_with_source_model(tmp_path: Path, capsys) -> None:
    """Trained into the kiosk's sign_dir; with no taught examples loaded the model alone answers."""
    from sign_models.landmarks import save_npz

    signs, models = tmp_path / "signs", tmp_path / "models"
    teach(signs)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[models]\nsign_dir = "{models}"\nenrolled_dir = "{tmp_path / "none"}"\n', encoding="utf-8")
    assert main(["--config", str(config), "sign", "train", "--data", str(signs)]) == 0
    assert "3" in capsys.readouterr().out and (models / MODEL_FILE).is_file()
    rng = np.random.default_rng(703)
    save_npz(render_signs(["화장실", random_sign(rng)], rng).frames, tmp_path / "visitor.npz")
    assert main(["--config", str(config), "sign", "recognize", "--json", str(tmp_path / "visitor.npz")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [(s["gloss"], s["source"]) for s in result["segments"]] == [("화장실", "model"), (None, "unknown")]
    assert result["sentence"].startswith("화장실")


def test_a_model_trained_on_older_features_is_refused(trained, tmp_path: Path) -> None:
    """Before, only the trainer's version was checked: a model trained before the features changed
    (FEATURE_VERSION) was used on features it never saw, without a word."""
    model, _ = trained
    model.save(tmp_path / MODEL_FILE)
    assert TrainedSigns.load(tmp_path / MODEL_FILE).labels == model.labels
    with np.load(tmp_path / MODEL_FILE) as data:
        arrays = {name: data[name] for name in data.files}
    np.savez_compressed(tmp_path / MODEL_FILE, **arrays | {"features": np.asarray(FEATURE_VERSION - 1)})
    with pytest.raises(ModelMissingError, match="kiosk sign train"):
        TrainedSigns.load(tmp_path / MODEL_FILE)
