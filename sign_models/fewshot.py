"""Few-shot sign recognition from taught examples: dynamic time warping over roll-levelled sign features.

Works at once from 1-5 examples per sign, without retraining. Each taught example comes with its widened copies
(:mod:`sign_models.widening`: mirrored, rolled, nearer/farther, off-centre, faster/slower, 15/30 fps, noisy, with
dropped hands, and as other signers would sign it: elsewhere, larger or smaller, faster or slower; made once at
enrolment and stored with the example). Every sequence is levelled (:func:`~sign_models.features.level_frames`: the
shoulder line horizontal, so camera roll does not matter) and described by
:func:`~sign_models.features.sign_features` (body-relative: position and distance do not matter), then resampled to
``length`` steps. The frame distance (:mod:`sign_models.sign_distance`) is a weighted Euclidean distance in which
each feature group (presence, position, velocity, palm size, hand shape, palm orientation, finger descriptors)
counts by its weight whatever its number of columns; a resting hand, and a non-dominant hand idle at the waist,
count as missing. The bank of all examples is kept pre-weighted in float32: a query is compared with every entry on
a coarse 8-step version by one matrix product, and only the ``candidates`` nearest entries get the full DTW (frame
costs by a matrix product too; cost divided by n + m).

Decision: the nearest gloss is accepted when its distance is within that gloss's own threshold, clearly below the
nearest other gloss (``margin``) and the next few (:mod:`sign_models.cohort`), and not clearly above the nearest of its
minimal-pair impostors (:mod:`sign_models.impostors`: its entries with another taught gloss's handshape; this comparison
also weighs the finger descriptors, :data:`~sign_models.sign_distance.HANDSHAPE_WEIGHTS`). When the margin fails and
either of the two nearest glosses is within its bar, the two are told apart by the pair's own discriminant
(:mod:`sign_models.pairs`), and the side it finds is held to the same checks. The threshold is calibrated
from the gloss's own examples by leave-one-out, per example once several people taught it, and an example the others
outvote does not answer (:mod:`sign_models.calibration`). A query that shakes more than anything taught for the nearest
gloss (or far less) is not that gloss (:mod:`sign_models.shaking`). What matching works out from the examples (the bank,
each gloss's variation, impostors and shake range) is one :class:`Derived` object, dropped as a whole when an example is
added. Anything else is unknown. A damaged manifest line or example file is reported in :attr:`EnrolledSigns.problems`
and skipped; it never stops the recogniser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from base.errors import InputError
from sign_models.calibration import nearest_other, outvoted, spread
from sign_models.cohort import stands_out
from sign_models.enrolled_files import read_examples
from sign_models.examples import Example, entries, hands
from sign_models.features import SIGN_FEATURE_SIZE, drop_resting_hands, resample
from sign_models.impostors import handshape, minimal_pairs
from sign_models.pairs import Pair, Variation, learn, side, variation
from sign_models.shaking import shake_ceiling, shake_floor, shake_level
from sign_models.sign_distance import SQRT_HANDSHAPE_WEIGHTS, SQRT_WEIGHTS, WEIGHED, dtw_distances, dtw_weighted, weigh

BATCH = 16  # queries matched together: one read of the bank, [BATCH, candidates, length, F] floats at once


@dataclass(frozen=True)
class FewShotOptions:
    """``threshold``: the largest DTW distance ever accepted; ``min_threshold``: the smallest per-sign threshold;
    ``spread``, ``quantile``: per-sign threshold = spread x that quantile of the leave-one-out distances;
    ``margin``: best / nearest other gloss must be below it, and best / nearest impostor not above 1 / margin;
    ``handshapes``: other taught handshapes that make a gloss's impostors; ``length``: steps after resampling;
    ``candidates``: entries given the full DTW; ``cohort``, ``cohort_ratio``: :func:`~sign_models.cohort.stands_out`."""

    threshold: float = 0.45
    min_threshold: float = 0.28
    spread: float = 1.3
    quantile: float = 1.0
    margin: float = 0.85
    handshapes: int = 4
    length: int = 24
    candidates: int = 96
    cohort: int = 5
    cohort_ratio: float = 0.70


@dataclass(frozen=True)
class Match:
    """The nearest distance per gloss, best first (the answer first where the pair's discriminant chose the second
    nearest, :mod:`sign_models.pairs`: confidence, the top list and spotting then read the answer's distance and
    threshold), the decision (``gloss`` None: unknown) and the threshold of the first gloss."""

    nearest: tuple[tuple[str, float], ...]
    gloss: str | None
    threshold: float = 0.45

    @property
    def distance(self) -> float:
        return self.nearest[0][1] if self.nearest else float("inf")


def prepare(features: np.ndarray, length: int) -> np.ndarray:
    """Levelled features [n, F] as matching compares them: resting hands dropped, resampled to [length, F]."""
    features = np.asarray(features, dtype=np.float32)
    if features.ndim != 2 or features.shape[1] != SIGN_FEATURE_SIZE or not np.isfinite(features).all():
        raise InputError(
            "수어 특징의 모양이 잘못되었거나 NaN이 있습니다",
            f"features must be finite [n, {SIGN_FEATURE_SIZE}], got {features.shape}",
        )
    return resample(drop_resting_hands(features), length)


@dataclass
class Derived:
    """What matching works out from the examples, each part at its first use: the bank (:meth:`EnrolledSigns.
    _bank_arrays`), each gloss's variation, impostors and pre-weighted impostor check, handshape, shake range and own
    variation for its pairs, each close pair's discriminant.
    Replaced as a whole when an example is added, so no part can be left stale."""

    bank: tuple | None = None
    variations: dict[str, float] = field(default_factory=dict)
    apart: dict[str, list[float]] = field(default_factory=dict)
    bars: dict[int, float] = field(default_factory=dict)  # by the example's id()
    impostors: dict[str, np.ndarray | None] = field(default_factory=dict)
    checks: dict[str, tuple[np.ndarray, np.ndarray, int]] = field(default_factory=dict)
    shakes: dict[str, tuple[float, float]] = field(default_factory=dict)
    pairs: dict[tuple[str, str], Pair] = field(default_factory=dict)
    own_variations: dict[str, Variation] = field(default_factory=dict)  # each gloss's, for its pairs
    handshapes: dict[str, np.ndarray | None] | None = None


class EnrolledSigns:
    """The examples of a data folder; :meth:`match` finds the nearest taught sign."""

    def __init__(self, examples: list[Example], options: FewShotOptions | None = None) -> None:
        self.options = options or FewShotOptions()
        self.examples = list(examples)
        self.problems: list[str] = []
        self._derived = Derived()

    @classmethod
    def load(cls, data_dir: Path, options: FewShotOptions | None = None) -> EnrolledSigns:
        """Every readable example listed in ``data_dir/manifest.jsonl`` (no folder or manifest: none)."""
        enrolled = cls([], options)
        read_examples(Path(data_dir), enrolled)
        return enrolled

    @property
    def glosses(self) -> list[str]:
        return sorted({e.gloss for e in self.examples})

    def add(
        self,
        gloss: str,
        features: np.ndarray,
        signer: str = "",
        file: str = "",
        widened: list | None = None,
        seconds: float = 0.0,
        mirrored: np.ndarray | None = None,
    ) -> None:
        """Add one example's levelled features [n, F], its widened copies' features (each [n_i, F]), how long it
        lasted and which copies are mirrored."""
        copies = np.stack([self._prepare(w) for w in widened]) if widened else None
        flags = None if mirrored is None or copies is None else np.asarray(mirrored, bool)
        self.examples.append(Example(gloss, signer, file, self._prepare(features), copies, seconds, flags))
        self._derived = Derived()

    def check(self, file: str) -> tuple[bool | None, tuple[str, float] | None]:
        """For the teaching screen, the example stored as ``file`` against all the others: whether the gloss's
        other examples recognise it (None when it is the gloss's only example), and the nearest other gloss
        with its distance when that distance is within the other gloss's threshold (too close to it)."""
        example = next(e for e in self.examples if e.file == file)
        rest = EnrolledSigns([e for e in self.examples if e.file != file], self.options)
        if not rest.examples:
            return None, None
        match = rest.match_prepared(example.features)
        own = dict(match.nearest).get(example.gloss)
        recognised = None if own is None else match.gloss == example.gloss
        other = next(((g, d) for g, d in match.nearest if g != example.gloss), None)
        close = other if other is not None and other[1] <= rest.threshold(other[0]) else None
        return recognised, close

    def seconds(self, gloss: str) -> float:
        """The median duration of the gloss's recorded examples (0 when not known)."""
        known = [e.seconds for e in self.examples if e.gloss == gloss and e.seconds > 0]
        return float(np.median(known)) if known else 0.0

    def threshold(self, gloss: str) -> float:
        """The acceptance threshold of ``gloss``: ``spread`` x its own variants' spread (:meth:`_variation`),
        within [``min_threshold``, ``threshold``]; with several examples, a query is held to :meth:`_bar` instead."""
        return self._clipped(self._variation(gloss))

    def _clipped(self, variation: float) -> float:
        o = self.options
        return float(np.clip(o.spread * variation, o.min_threshold, o.threshold))

    def _variation(self, gloss: str) -> float:
        """How far the gloss's own variants lie from each other, leave-one-out: each recorded example against the
        others (not their widened copies); with one example, each widened copy against the example and the other
        copies made with the same hand (a mirrored copy is about 1.0 from the others: it measures the other hand,
        not the sign's spread). The ``quantile`` of those distances, leaving out an entry with no neighbour within
        ``threshold``. Worked out once per gloss (the threshold and the impostors both need it)."""
        variations = self._derived.variations
        if gloss not in variations:
            variations[gloss] = self._measure_variation(gloss)
        return variations[gloss]

    def _measure_variation(self, gloss: str) -> float:
        own = self._own(gloss)
        return self._own_variation(own[0]) if len(own) == 1 else self._spread(self._apart(gloss))

    def _own_variation(self, example: Example) -> float:
        """How far ``example``'s same-hand widened copies lie from each other (its variation if it alone taught)."""
        return self._spread(nearest_other(entries(example)[~hands(example)], start=1))

    def _spread(self, distances: list[float]) -> float:
        o = self.options
        found = spread(distances, o.threshold, o.quantile)
        return o.threshold / o.spread if found is None else found

    def _apart(self, gloss: str) -> list[float]:
        """Each recorded example of ``gloss`` (in the examples' order): its distance to the nearest other."""
        if gloss not in self._derived.apart:
            self._derived.apart[gloss] = nearest_other(np.stack([e.features for e in self._own(gloss)]))
        return self._derived.apart[gloss]

    def _bar(self, example: Example) -> float:
        """The threshold of a query whose nearest entry of its gloss is one of ``example``'s: the gloss's threshold,
        or with several examples the example's own, as if it alone taught the gloss (:mod:`sign_models.calibration`).
        Worked out at the example's first decision (not with the bank: the teaching screen's check builds a bank
        for one query)."""
        bars = self._derived.bars
        if id(example) not in bars:
            alone = len(self._own(example.gloss)) == 1
            bars[id(example)] = self.threshold(example.gloss) if alone else self._clipped(self._own_variation(example))
        return bars[id(example)]

    def _answering(self) -> list[Example]:
        """The examples that answer queries: all but those their gloss's other examples outvote."""
        out: list[Example] = []
        for gloss in self.glosses:
            own = self._own(gloss)
            out += [e for e, o in zip(own, self._outvoted(gloss), strict=True) if o] if len(own) > 1 else []
        return [e for e in self.examples if all(e is not x for x in out)]

    def _outvoted(self, gloss: str) -> list[bool]:
        return outvoted(self._apart(gloss), self.options.threshold)

    def _own(self, gloss: str) -> list[Example]:
        return [e for e in self.examples if e.gloss == gloss]

    def impostors(self, gloss: str) -> np.ndarray | None:
        """The gloss's minimal-pair impostors [k, length, F] (:mod:`sign_models.impostors`), or None."""
        derived = self._derived
        if gloss not in derived.impostors:
            own = self._own(gloss)
            if derived.handshapes is None:  # each gloss's handshape: that of its first example (whole, then shared)
                shapes: dict[str, np.ndarray | None] = {}
                for e in self.examples:
                    shapes.setdefault(e.gloss, handshape(e.features))
                derived.handshapes = shapes
            known = [s for g, s in derived.handshapes.items() if g != gloss and s is not None]
            every = np.concatenate([entries(e) for e in own])
            spread = self._variation(gloss)
            derived.impostors[gloss] = minimal_pairs(
                own[0].features, every, known, spread, self.options.handshapes, dtw_distances
            )
        return derived.impostors[gloss]

    def ready(self) -> None:
        """Work out now what matching otherwise works out at a gloss's first match: the bank, every answering
        example's bar, every gloss's threshold, impostors, shake range and own variation for its pairs (at 300 signs
        a first accepted match cost 48 ms instead of 27, `kiosk bench sign`; a pair's first use 72 ms instead of 33,
        docs/signs.md). The live kiosk calls it on a thread of its own after loading; the results are the same."""
        if not self.examples:  # nothing taught: nothing to work out
            return
        self._bank_arrays()
        for example in self._answering():
            self._bar(example)
        for gloss in self.glosses:
            self.threshold(gloss)
            self.impostors(gloss)
            self._shake_range(gloss)
            self._own_variation_for_pairs(gloss)

    def match(self, features: np.ndarray) -> Match:
        """The nearest taught gloss of a segment's levelled features [n, F], or unknown."""
        return self.match_each([features])[0]

    def match_each(self, windows: list[np.ndarray]) -> list[Match]:
        """:meth:`match` of each of many segments' or windows' features, the bank read once per ``BATCH`` of them
        (reading it was most of a match's cost at 300 signs x 3: docs/signs.md, sixteenth session)."""
        if not self.examples:
            return [Match((), None) for _ in windows]
        prepared = [self._prepare(w) for w in windows]
        return [m for k in range(0, len(prepared), BATCH) for m in self._match_batch(np.stack(prepared[k : k + BATCH]))]

    def match_prepared(self, query: np.ndarray) -> Match:
        """:meth:`match` for features already resampled to the options' length."""
        return self._match_batch(query[None])[0]

    def _match_batch(self, queries: np.ndarray) -> list[Match]:
        """Queries [W, length, F] against the bank: the coarse step of all of them by one matrix product, the full
        DTW of each against its own ``candidates`` by one call; then each one's decision."""
        weighted, squared, coarse, coarse_sq, sources = self._bank_arrays()
        q = (queries * SQRT_WEIGHTS)[..., WEIGHED]
        rough = coarse_sq - 2 * q[:, :: self._stride()].reshape(len(q), -1) @ coarse.T  # [W, E]
        keep = self.options.candidates
        index = np.argsort(rough, axis=1)[:, :keep] if rough.shape[1] > keep else np.arange(rough.shape[1])[None]
        index = np.broadcast_to(index, (len(q), index.shape[1]))
        distances = dtw_weighted(q, weighted[index], squared[index])
        decide = zip(queries, index, distances, strict=True)
        return [self._decide(query, [sources[i] for i in own], d) for query, own, d in decide]

    def _decide(self, query: np.ndarray, examples: list[Example], distances: np.ndarray) -> Match:
        """The decision on a query given its DTW distance to each candidate entry and the examples they come from
        (the bar of the gloss's nearest one holds, :meth:`_bar`). The match keeps the gloss's threshold as the scale of
        confidence and of spotting's scores (with the bar as that scale, SYNTHETIC split 0, three teachers: flowing
        phrases 0.10 instead of 0.033, docs/signs.md nineteenth session)."""
        best: dict[str, tuple[float, Example]] = {}
        for example, distance in zip(examples, distances, strict=True):
            if distance < best.get(example.gloss, (np.inf,))[0]:
                best[example.gloss] = (float(distance), example)
        nearest = tuple(sorted(((g, round(d, 4)) for g, (d, _) in best.items()), key=lambda item: item[1]))
        gloss, distance = nearest[0]
        answer: str | None = gloss
        if len(nearest) > 1 and distance >= self.options.margin * nearest[1][1]:  # not clearly nearer than the second
            answer = self._pair_answer(query, gloss, nearest[1][0]) if self._within_a_bar(nearest[:2], best) else None
        ranked = nearest if answer is None else _first(nearest, answer)
        if answer is None or not self._accepts(query, ranked, best[answer][1]):
            return Match(nearest, None, self.threshold(gloss))
        return Match(ranked, answer, self.threshold(answer))

    def _accepts(self, query: np.ndarray, ranked: tuple[tuple[str, float], ...], example: Example) -> bool:
        """Whether the first gloss of ``ranked`` (``example`` its nearest) passes its bar, cohort, shake range and
        impostors."""
        gloss, distance = ranked[0]
        floor, ceiling = self._shake_range(gloss)
        o = self.options
        if distance > self._bar(example) or not stands_out(ranked, o.cohort, o.cohort_ratio):
            return False
        # the same movement with another taught handshape, clearly nearer: not this gloss (weighed with the finger
        # descriptors, which tell handshapes apart; SYNTHETIC effect: the README's table)
        impostors = self.impostors(gloss)
        return floor <= shake_level(query) <= ceiling and (impostors is None or self._clear_of(query, gloss, impostors))

    def _within_a_bar(self, two: tuple[tuple[str, float], ...], best: dict[str, tuple[float, Example]]) -> bool:
        """Whether either of the ``two`` nearest glosses lies within the bar of its nearest example: if neither does,
        neither side could be accepted, and the pair is not asked (nor its discriminant learnt, 50-180 ms: the 73 ms
        p90 of `kiosk bench sign`'s matching, docs/signs.md twenty-second session)."""
        return any(distance <= self._bar(best[gloss][1]) for gloss, distance in two)

    def _pair_answer(self, query: np.ndarray, first: str, second: str) -> str | None:
        """The side of the pair ``query`` lies on by the pair's own discriminant (:mod:`sign_models.pairs`), if any."""
        pairs, key = self._derived.pairs, tuple(sorted((first, second)))  # one discriminant a pair, either way round
        if key not in pairs:
            pairs[key] = learn(*(self._own(g) for g in key), tuple(self._own_variation_for_pairs(g) for g in key))
        found = side(query, pairs[key])
        return None if found is None else key[found]

    def _own_variation_for_pairs(self, gloss: str) -> Variation:
        """``gloss``'s own variation as its pairs weigh it (:func:`~sign_models.pairs.variation`), worked out once."""
        known = self._derived.own_variations
        return known[gloss] if gloss in known else known.setdefault(gloss, variation(self._own(gloss)))

    def _shake_range(self, gloss: str) -> tuple[float, float]:
        """How much a query of ``gloss`` may shake (:mod:`sign_models.shaking`: floor and ceiling of its entries)."""
        ranges = self._derived.shakes
        if gloss not in ranges:
            own = np.concatenate([entries(e) for e in self._own(gloss)])
            ranges[gloss] = (shake_floor(own), shake_ceiling(own))
        return ranges[gloss]

    def _clear_of(self, query: np.ndarray, gloss: str, impostors: np.ndarray) -> bool:
        """Whether ``query`` is not clearly nearer one of ``gloss``'s impostors than the gloss's own entries, both
        weighed by :data:`~sign_models.sign_distance.HANDSHAPE_WEIGHTS` (own entries and impostors pre-weighted once
        per gloss)."""
        checks = self._derived.checks
        if gloss not in checks:
            own = np.concatenate([entries(e) for e in self._own(gloss)])
            checks[gloss] = (*weigh(np.concatenate([own, impostors]), SQRT_HANDSHAPE_WEIGHTS), len(own))
        both, squared, count = checks[gloss]
        distances = dtw_weighted(query * SQRT_HANDSHAPE_WEIGHTS, both, squared)
        return self.options.margin * float(distances[:count].min()) < float(distances[count:].min())

    def _stride(self) -> int:
        return max(1, self.options.length // 8)

    def _bank_arrays(self) -> tuple:
        """Every entry pre-weighted [E, length, F], squared norms, the coarse rows and the example it comes from. A
        gloss taught by two signers or more has real other signers: its examples' other-signer copies are left out
        (SYNTHETIC, three teachers: untaught rejected 0.618 with them, 0.709 without, other signers alike)."""
        if self._derived.bank is None:
            signers: dict[str, set[str]] = {}
            for e in self.examples:
                signers.setdefault(e.gloss, set()).add(e.signer)
            blocks = [(e, entries(e, signers=len(signers[e.gloss]) < 2)) for e in self._answering()]
            sources = [e for e, block in blocks for _ in range(len(block))]
            weighted, squared = weigh(np.concatenate([block for _, block in blocks]), SQRT_WEIGHTS, WEIGHED)
            coarse = np.ascontiguousarray(weighted[:, :: self._stride()].reshape(len(weighted), -1))
            coarse_sq = np.einsum("ef,ef->e", coarse, coarse)
            self._derived.bank = (weighted, squared, coarse, coarse_sq, sources)
        return self._derived.bank

    def _prepare(self, features: np.ndarray) -> np.ndarray:
        return prepare(features, self.options.length)


def _first(nearest: tuple[tuple[str, float], ...], gloss: str) -> tuple[tuple[str, float], ...]:
    """``nearest`` with ``gloss`` first, the others in their order."""
    return ((gloss, dict(nearest)[gloss]), *(n for n in nearest if n[0] != gloss))
