"""The handshape classifier: held-out accuracy, left hands, unknown shapes, recordings and retraining."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from base.errors import MediaFormatError, ModelMissingError
from sign_models.fingerspell_classifier import UNKNOWN, FingerspellClassifier
from sign_models.fingerspell_spec import LetterSpec, load_spec
from sign_models.fingerspell_training import STRESS, TrainOptions, evaluate, reject_hands, synthetic_set, train
from sign_models.fingerspell_training import main as training_main
from sign_models.hand_model import sample


@pytest.fixture(scope="module")
def classifier() -> FingerspellClassifier:
    return FingerspellClassifier.load()


def test_held_out_accuracy(classifier: FingerspellClassifier) -> None:
    result = evaluate(classifier, seed=101, per_letter=100)
    assert result.accuracy >= 0.9, result.summary()
    assert min(result.per_letter.values()) >= 0.75, result.summary()


def test_held_out_accuracy_under_stronger_variation(classifier: FingerspellClassifier) -> None:
    result = evaluate(classifier, seed=102, per_letter=60, options=STRESS)
    assert result.accuracy >= 0.85, result.summary()


def test_left_hands_are_recognised_after_mirroring(classifier: FingerspellClassifier) -> None:
    left = FingerspellClassifier(classifier.weights, left_handed=True)
    mirrored = evaluate(left, seed=103, per_letter=60, left_handed=True)
    assert mirrored.accuracy >= 0.9, mirrored.summary()
    unmirrored = evaluate(classifier, seed=103, per_letter=60, left_handed=True)
    assert unmirrored.accuracy < 0.6, "left hands should need mirroring: " + unmirrored.summary()


def test_a_left_hand_sample_gives_the_same_letter_as_the_right_hand(classifier: FingerspellClassifier) -> None:
    spec = load_spec().letters["ㄴ"]
    right = sample(spec, 1, np.random.default_rng(7))[0][0]
    left = right.copy()
    left[:, 0] = 1 - left[:, 0]
    left_classifier = FingerspellClassifier(classifier.weights, left_handed=True)
    assert classifier.classify(right)[0][0] == left_classifier.classify(left)[0][0] == "ㄴ"


def test_shapes_that_are_no_letter_are_unknown(classifier: FingerspellClassifier) -> None:
    rng = np.random.default_rng(11)
    open_hand = LetterSpec("open", "", "", ((0, 0, 0),) * 4, (-45, -5, 0, 0), 15, "viewer", "up", "", "", "")
    flat, aspects = sample(open_hand, 50, rng)
    random_pose, random_aspects = reject_hands(200, rng)
    noise = rng.uniform(0.3, 0.7, (50, 21, 3))
    for name, hands, aspect, needed in [
        ("open hand", flat, aspects, 0.95),
        ("random poses", random_pose, random_aspects, 0.9),
        ("random points", noise, 4 / 3, 0.8),
    ]:
        decisions = [ranked[0][0] for ranked in classifier.classify_batch(hands, aspect=aspect)]
        assert np.mean([d == UNKNOWN for d in decisions]) >= needed, f"{name}: {decisions}"


def test_classify_returns_ranked_candidates(classifier: FingerspellClassifier) -> None:
    hand = sample(load_spec().letters["ㅂ"], 1, np.random.default_rng(5))[0][0]
    ranked = classifier.classify(hand, k=3)
    assert ranked[0][0] == "ㅂ" and len(ranked) == 3
    assert all(0 <= p <= 1 for _, p in ranked) and ranked[0][1] >= ranked[1][1] >= ranked[2][1]
    strict = FingerspellClassifier(classifier.weights, threshold=1.01)
    unsure = strict.classify(hand, k=3)
    assert unsure[0] == (UNKNOWN, ranked[0][1]) and unsure[1][0] == "ㅂ"  # never a silent guess


def test_frame_result_carries_position_for_the_decoder(classifier: FingerspellClassifier) -> None:
    hand = sample(load_spec().letters["ㅣ"], 1, np.random.default_rng(2))[0][0]
    frame = classifier.frame(hand, 1.5)
    assert frame.letter == "ㅣ" and frame.t == 1.5 and frame.wrist is not None and frame.scale > 0
    assert classifier.frame(None, 2.0).letter == ""


def test_a_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="fingerspell"):
        FingerspellClassifier.load(tmp_path / "none.npz")


def test_recordings_are_added_to_training(tmp_path: Path) -> None:
    hands, aspects, labels = synthetic_set(3, 0, seed=9)
    labels = np.where(labels == "ㄱ", "ㄲ", labels)  # a double consonant counts as its handshape
    np.savez(tmp_path / "session1.npz", hand=hands, letter=labels, aspect=aspects)
    small = TrainOptions(per_letter=20, reject=40, epochs=2)
    assert train(0, small, recordings=tmp_path).letters == tuple(load_spec().letters)
    np.savez(tmp_path / "session2.npz", hand=hands[:2], letter=np.array(["ㄱ", "X"]))
    with pytest.raises(MediaFormatError, match="unknown"):
        train(0, small, recordings=tmp_path)


def test_a_recording_with_bad_landmarks_names_the_file(tmp_path: Path) -> None:
    hands = np.full((1, 21, 3), np.nan)
    np.savez(tmp_path / "broken.npz", hand=hands, letter=np.array(["ㄱ"]))
    with pytest.raises(MediaFormatError, match=r"broken\.npz"):
        train(0, TrainOptions(per_letter=5, reject=5, epochs=1), recordings=tmp_path)


def test_evaluate_command_reports_accuracy_and_confusions(capsys: pytest.CaptureFixture[str]) -> None:
    assert training_main(["evaluate", "--per-letter", "10", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["accuracy"] >= 0.9 and set(report["per_letter"]) == set(load_spec().letters)
    for figure in ("stress", "left_handed", "mirrored", "low_camera"):
        assert set(report[figure]["per_letter"]) == set(load_spec().letters), figure
    assert report["left_handed"]["accuracy"] >= 0.9 and report["mirrored"]["accuracy"] >= 0.85
    assert training_main(["evaluate", "--model", "/nonexistent.npz"]) == 2
    assert "fingerspell" in capsys.readouterr().err


@pytest.mark.slow
def test_retraining_reproduces_the_committed_model(classifier: FingerspellClassifier) -> None:
    retrained = train(0)
    result = evaluate(retrained, seed=104, per_letter=60)
    assert result.accuracy >= 0.9, result.summary()
    hands, aspects, _ = synthetic_set(20, 0, seed=105)
    ours = [r[0][0] for r in retrained.classify_batch(hands, aspect=aspects)]
    committed = [r[0][0] for r in classifier.classify_batch(hands, aspect=aspects)]
    assert np.mean(np.array(ours) == np.array(committed)) >= 0.98, (
        "retrain: python -m sign_models.fingerspell_training train"
    )


def test_a_low_camera_looking_up_is_still_read(classifier: FingerspellClassifier) -> None:
    from sign_models.hand_model import SamplerOptions

    low = SamplerOptions(camera_tilt=(-35.0, -20.0), distance_cm=(30.0, 45.0))
    result = evaluate(classifier, seed=106, per_letter=40, options=low)
    assert result.accuracy >= 0.85, result.summary()  # synthetic figure


def test_the_mirroring_is_voted_from_the_letters(classifier: FingerspellClassifier) -> None:
    from sign_models.features import mirror_hand
    from sign_models.fingerspell_classifier import LEFT, MirrorVote

    hands, aspects, labels = synthetic_set(2, 0, seed=107)
    order = np.random.default_rng(0).permutation(len(labels))[:8]
    hands, aspects, labels = hands[order], aspects[order], labels[order]
    for picture, expected in [(hands, False), (mirror_hand(hands), True)]:
        vote = MirrorVote()
        letters = [r[0][0] for r in classifier.classify_either_way(picture, aspect=aspects, vote=vote)]
        assert vote.mirrored is expected, vote
        assert np.mean(np.array(letters) == labels) >= 0.85, (letters, labels)
    forced = [r[0][0] for r in classifier.classify_either_way(hands, aspect=aspects, vote=MirrorVote(forced=True))]
    assert np.mean(np.array(forced) == labels) < 0.7  # reading them mirrored against the evidence is worse
    handedness_only = MirrorVote()
    for _ in range(30):
        handedness_only.choose(0.9, 0.9, LEFT)
    assert handedness_only.mirrored is None and handedness_only.evidence < 0  # a hint, not a decision


def test_live_frames_vote_slowly_and_then_keep_the_reading(classifier: FingerspellClassifier) -> None:
    from sign_models.features import mirror_hand
    from sign_models.fingerspell_classifier import MirrorVote

    vote = MirrorVote()
    rng = np.random.default_rng(8)
    one_letter = mirror_hand(sample(load_spec().letters["ㄷ"], 1, rng)[0][0])
    for i in range(10):  # a third of a second of one letter does not decide for the whole visit
        assert classifier.frame(one_letter, i / 30, vote=vote).letter == "ㄷ"
    assert vote.mirrored is None
    for letter in "ㅂㄴㅅㅈㅊㅋ":
        hand = mirror_hand(sample(load_spec().letters[letter], 1, rng)[0][0])
        for i in range(20):
            frame = classifier.frame(hand, i / 30, vote=vote)
    assert vote.mirrored is True and frame.letter == "ㅋ"
    vote.reset()
    assert vote.mirrored is None


def test_training_reports_real_examples_per_letter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hands, aspects, labels = synthetic_set(2, 0, seed=9)
    keep = np.isin(labels, ["ㄱ", "ㅏ"])
    np.savez(tmp_path / "s.npz", hand=hands[keep], letter=labels[keep], aspect=aspects[keep])
    train(0, TrainOptions(per_letter=5, reject=5, epochs=1), recordings=tmp_path, report=True)
    out = capsys.readouterr().out
    assert "ㄱ 2" in out and "ㅏ 2" in out and "no real examples:" in out and "ㅂ" in out.split("no real")[1]
