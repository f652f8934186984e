"""The letter specification, the kinematic hand model and the shared hand-shape features."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from base.errors import InputError, MediaFormatError
from base.hangul import compose
from sign_models.features import FEATURE_SIZE, check_hand, hand_shape_features, mirror_hand
from sign_models.fingerspell_spec import SPEC_PATH, load_spec
from sign_models.hand_model import canonical_hand, render_sheet, sample

ROOT = Path(__file__).resolve().parents[1]
BASIC_CONSONANTS = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
STATIC_VOWELS = "ㅏㅑㅓㅕㅗㅛㅜㅠㅡㅣㅐㅒㅔㅖㅚㅟㅢ"


def test_spec_covers_the_alphabet_and_every_letter_has_a_review_note() -> None:
    spec = load_spec()
    assert "".join(sorted(spec.letters)) == "".join(sorted(BASIC_CONSONANTS + STATIC_VOWELS))
    assert all(letter.review and letter.note for letter in spec.letters.values())
    assert set(spec.doubles) == set("ㄲㄸㅃㅆㅉ") and set(spec.doubles.values()) <= set(spec.letters)
    for compound, letters in spec.sequences.items():
        assert compose("ㅇ" + letters) == compose(["ㅇ", compound])


def test_letters_sharing_a_handshape_differ_in_orientation() -> None:
    seen: dict[tuple, str] = {}
    for letter, spec in load_spec().letters.items():
        key = (spec.fingers, spec.thumb, spec.spread, spec.palm, spec.points)
        assert key not in seen, f"{letter} and {seen.get(key)} have the same specification"
        seen[key] = letter


def test_a_broken_spec_is_a_clear_error(tmp_path: Path) -> None:
    data = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    data["letters"]["ㄱ"]["points"] = data["letters"]["ㄱ"]["palm"]  # not perpendicular
    broken = tmp_path / "spec.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(MediaFormatError, match="perpendicular"):
        load_spec(broken)


def test_hand_has_realistic_proportions() -> None:
    hand = canonical_hand(load_spec().letters["ㅂ"])  # flat hand
    palm = np.linalg.norm(hand[9] - hand[0])
    middle = np.linalg.norm(hand[12] - hand[9])
    assert 0.9 < middle / palm < 1.2  # the middle finger is about as long as the palm
    assert np.linalg.norm(hand[8] - hand[5]) < middle  # index shorter than middle
    assert np.linalg.norm(hand[20] - hand[17]) < np.linalg.norm(hand[16] - hand[13])  # pinky shortest


def test_letter_shapes_point_where_the_spec_says() -> None:
    letters = load_spec().letters
    assert canonical_hand(letters["ㄱ"])[8, 1] > canonical_hand(letters["ㄱ"])[5, 1]  # index hangs down (y grows down)
    assert canonical_hand(letters["ㅏ"])[8, 1] < canonical_hand(letters["ㅏ"])[5, 1]  # index up
    n = canonical_hand(letters["ㄴ"])
    assert n[8, 0] > n[5, 0] and n[4, 1] < n[2, 1]  # index toward the signer's left (image right), thumb up
    o = canonical_hand(letters["ㅇ"])
    assert np.linalg.norm(o[4] - o[8]) < 1.0  # thumb and index close the circle (cm)


def test_samples_look_like_mediapipe_output() -> None:
    spec = load_spec().letters["ㅅ"]
    hands, aspects = sample(spec, 200, np.random.default_rng(3))
    assert hands.shape == (200, 21, 3) and aspects.shape == (200,)
    assert np.isfinite(hands).all()
    assert np.all(hands[:, 0, 2] == 0)  # z is relative to the wrist
    assert hands[..., :2].min() > 0.0 and hands[..., :2].max() < 1.0  # inside the image
    spread = hands[:, :, :2].std(axis=0).mean()
    assert spread > 0.01  # samples vary


def test_left_hands_are_the_mirror_image() -> None:
    spec = load_spec().letters["ㄱ"]
    right, left = canonical_hand(spec), canonical_hand(spec, left_handed=True)
    np.testing.assert_allclose(left, right * [-1, 1, 1], atol=1e-9)


def test_features_ignore_position_and_size_but_not_orientation() -> None:
    spec = load_spec().letters["ㄷ"]
    hand = sample(spec, 1, np.random.default_rng(0))[0][0]
    moved = hand.copy()
    moved[:, :2] = 0.3 + 0.6 * (hand[:, :2] - 0.5)
    moved[:, 2] *= 0.6
    features = hand_shape_features(hand)
    assert features.shape == (FEATURE_SIZE,)
    np.testing.assert_allclose(hand_shape_features(moved), features, atol=1e-9)
    turned = hand.copy()
    turned[:, 0], turned[:, 1] = hand[:, 1], 1 - hand[:, 0]  # a quarter turn in the image
    assert np.abs(hand_shape_features(turned)[-6:] - features[-6:]).max() > 0.5
    np.testing.assert_allclose(hand_shape_features(turned)[:-6], features[:-6], atol=1e-9)  # same shape


def test_mirroring_turns_a_left_hand_into_the_right_one() -> None:
    hand = sample(load_spec().letters["ㅈ"], 1, np.random.default_rng(1))[0][0]
    np.testing.assert_allclose(mirror_hand(mirror_hand(hand)), hand)
    np.testing.assert_allclose(
        hand_shape_features(mirror_hand(hand), left_handed=True), hand_shape_features(hand), atol=1e-12
    )


@pytest.mark.parametrize(
    ("hand", "message"),
    [
        (np.zeros((20, 3)), "21"),
        (np.zeros((21, 2)), "21"),
        (np.full((21, 3), np.nan), "NaN"),
        ([["a", "b", "c"]] * 21, "not numbers"),
    ],
)
def test_bad_hands_are_clear_errors(hand: object, message: str) -> None:
    with pytest.raises(InputError, match=message) as error:
        check_hand(hand)
    assert error.value.message_ko and error.value.message_en


def test_a_hand_with_no_palm_is_an_error() -> None:
    with pytest.raises(InputError, match="degenerate"):
        hand_shape_features(np.full((21, 3), 0.5))


def test_render_sheet_draws_every_letter(tmp_path: Path) -> None:
    path = render_sheet(tmp_path / "sheet.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (ROOT / "docs" / "fingerspelling_sheet.png").exists(), "render it: python -m sign_models.hand_model"


LEXICON = ROOT.parent / "shared" / "ksl_lexicon" / "daily_life_signs.jsonl"


def test_every_letter_quotes_its_official_description() -> None:
    spec = load_spec()
    quoted = {letter: s.official for letter, s in spec.letters.items()}
    assert all(text and text in spec.letters[letter].note for letter, text in quoted.items())
    if not LEXICON.exists():
        pytest.skip("the shared KSL lexicon is not beside this checkout")
    official = {}
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        official.setdefault(entry["word"], entry["description"])
    assert quoted == {letter: official[letter] for letter in quoted}


def test_handshapes_follow_the_official_words() -> None:
    letters = load_spec().letters
    bent = letters["ㅁ"]  # 손등이 안으로 ... 주먹의 1·2지를 구부린다: two hooked fingers, palm to the camera
    assert bent.palm == "viewer" and all(bent.fingers[i][1] > 60 for i in (0, 1)) and bent.fingers[2][0] > 60
    assert letters["ㅂ"].fingers == ((0, 0, 0),) * 4 and letters["ㅂ"].palm == "viewer"
    assert (letters["ㅓ"].palm, letters["ㅓ"].points) == ("signer_left", "viewer")  # 바닥이 왼쪽으로 끝이 밖으로
    assert letters["ㅏ"].palm == "viewer" and letters["ㅗ"].palm == "signer"  # 바닥이 밖으로 / 등이 밖으로
    assert letters["ㅣ"].fingers[3] == (0, 0, 0) and letters["ㅣ"].fingers[0][0] > 60  # 4지 is the little finger
    assert letters["ㅎ"].thumb[2] < 20 and all(f[0] > 60 for f in letters["ㅎ"].fingers)  # 5지 is the thumb
    assert letters["ㅅ"].spread > 2 * letters["ㅠ"].spread  # 벌려 against 약간 벌려
    t_splay = letters["ㅌ"].splay  # 2·3지는 붙이고 1지는 뗀다
    assert t_splay is not None and t_splay[0] - t_splay[1] > 15 and abs(t_splay[1] - t_splay[2]) < 5


def test_a_low_camera_sees_up_pointing_fingers_foreshortened() -> None:
    from sign_models.hand_model import SamplerOptions

    spec = load_spec().letters["ㅗ"]
    rng = np.random.default_rng(4)
    level = SamplerOptions(camera_tilt=(0, 0), camera_yaw_sd=0, wrist_rotation_sd=0, joint_sd=0)
    low = SamplerOptions(camera_tilt=(-35, -35), camera_yaw_sd=0, wrist_rotation_sd=0, joint_sd=0)

    def index_length(options: SamplerOptions) -> float:
        hands, aspects = sample(spec, 50, rng, options=options)
        finger = (hands[:, 8, :2] - hands[:, 5, :2]) * np.stack([aspects, np.ones(50)], 1)
        palm = (hands[:, 9, :2] - hands[:, 0, :2]) * np.stack([aspects, np.ones(50)], 1)
        return float(np.median(np.linalg.norm(finger, axis=1) / np.linalg.norm(palm, axis=1)))

    assert index_length(low) != pytest.approx(index_length(level), rel=0.05)
