"""Cohort normalisation of a match: a query about as far from its nearest taught sign as from the others is none.

Speaker verification normalises a score by the scores of a cohort of other speakers; here the cohort is the query's
nearest other taught glosses. A query near one sign and far from the rest is that sign; one only a little nearer
its nearest sign than the next few glosses (its distance over the median of theirs above ``ratio``) is a stranger
that happens to lie in between, however far below that sign's threshold. Why (SYNTHETIC stress, dev splits 0 and
1, one teacher, docs/signs.md seventeenth session): the untaught replays answered lay at 0.39-0.76 of their
cohort's median (five glosses), the right answers at 0.18-0.70 (median 0.37), and the margin to the single
second-best gloss did not separate them; at 0.70, 6 of the 17 answered untaught replays are rejected, 1 of 175 right
answers lost. Costs no distance more: the cohort is the glosses that matching found nearest anyway.
"""

from __future__ import annotations

import numpy as np


def stands_out(nearest: tuple[tuple[str, float], ...], count: int, ratio: float) -> bool:
    """Whether the best of ``nearest`` ((gloss, distance), best first) is at most ``ratio`` x the median distance
    of the next ``count`` glosses (True when fewer than ``count`` other glosses were found: a cohort of one or two
    would only be a tighter margin to the second-best, which cost right answers, docs/signs.md)."""
    cohort = [distance for _, distance in nearest[1 : 1 + count]]
    return len(cohort) < count or nearest[0][1] <= ratio * float(np.median(cohort))
