"""Each taught sign's acceptance, calibrated from its own examples by leave-one-out.

A gloss's threshold is ``spread`` x how far its variants lie from each other, kept within [``min_threshold``,
``threshold``] (:class:`~sign_models.fewshot.FewShotOptions`): each of its recorded examples is matched against the
gloss's other recorded examples (with a single example: each widened copy against the example and the other copies made
with the same hand, a mirrored copy against the other mirrored ones), and the largest of those distances counts
(``quantile`` 1; an entry with no neighbour within ``threshold`` left out). When several people taught a sign, that
spread across teachers is how far one signer lies from another, so it lets in what no teacher's own example would
(SYNTHETIC stress, three teachers who are three signers, docs/signs.md nineteenth session: an untaught
발급 answered 시간 in 5 of 5 conditions under 시간's threshold 0.41, while the one-teacher threshold was 0.28). Two
rules therefore hold once a sign has several examples:

* a query is held to the bar of its nearest example of the gloss: the threshold that example would have if it alone
  taught the sign (its widened copies' spread; :mod:`sign_models.fewshot`), so three teachers accept what one of
  them would, not what lies between them;
* an example that no other example of its gloss lies near (none within the largest distance ever accepted) while
  the others agree among themselves is outvoted: it does not answer (:func:`outvoted`). In the same stress a third
  teacher's 아이, 0.47-0.57 from the other two, lay 0.14-0.20 from seven other signers' other signs and answered
  all seven. The teaching screen already says of such an example that the others do not recognise it.
"""

from __future__ import annotations

import numpy as np

from sign_models.sign_distance import dtw_distances


def nearest_other(entries: np.ndarray, start: int = 0) -> list[float]:
    """Each of ``entries`` [k, length, F] from ``start`` on: its DTW distance to the nearest of the others."""
    return [float(dtw_distances(entries[i], np.delete(entries, i, axis=0)).min()) for i in range(start, len(entries))]


def spread(distances: list[float], cap: float, quantile: float) -> float | None:
    """The ``quantile`` of leave-one-out ``distances``, leaving out those above ``cap`` (an entry with no neighbour
    within it says nothing about how far the sign's own variants spread) unless all are; None without any."""
    if not distances:
        return None
    near = [d for d in distances if d <= cap] or distances
    return float(np.quantile(near, quantile))


def outvoted(apart: list[float], cap: float) -> list[bool]:
    """Which of a gloss's recorded examples (``apart``: each one's distance to its nearest other) the others
    outvote: those with no other within ``cap`` while another example has one."""
    agreed = any(d <= cap for d in apart)
    return [agreed and d > cap for d in apart]
