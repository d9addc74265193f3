"""Lookalike names: which listed institutions a queried name resembles, and how much.

Bigrams are weighted by rarity in the directory (log of how few names hold them): a shared
brand (启航) counts, a shared 培训 or 学校 hardly. Candidates are the entries holding the
query's rarest bigrams; each is scored by a weighted Dice coefficient over bigrams.
"""

import math
from collections import Counter

from server.services.directory.names import bigrams


def gram_range(base, gram):
    """The suffix-array range of a bigram, remembered (lookalike checks ask often)."""
    found = base.ranges.get(gram)
    if found is None:
        found = base.ranges[gram] = base.suffixes.range_of(gram)
    return found


def weight(base, gram):
    """How telling a shared bigram is: rare ones weigh more."""
    found = base.weights.get(gram)
    if found is None:
        lo, hi = gram_range(base, gram)
        found = base.weights[gram] = math.log((len(base.entries) + 2) / (hi - lo + 1)) + 0.1
    return found


def weighted_dice(base, wanted, own, name):
    """Dice coefficient of `name`'s bigrams and `wanted` ({bigram: weight} summing to
    `own`), each bigram weighted by its rarity."""
    known, total, shared = base.weights, own, 0.0
    for i in range(len(name) - 1):
        gram = name[i : i + 2]
        w = known.get(gram) or weight(base, gram)
        total += w
        if gram in wanted:
            shared += w
    return 2 * shared / total if total else 0.0


def lookalikes(snapshot, normalized, *, limit, threshold, rare=300, candidates=12):
    """[(score, entry)] of current entries whose names resemble `normalized`, best first."""
    base = snapshot.base
    wanted = {gram: weight(base, gram) for gram in bigrams(normalized)}
    if not wanted:
        return []
    votes, entry_of = Counter(), base.suffixes.entry
    for i, gram in enumerate(sorted(wanted, key=wanted.get, reverse=True)):
        lo, hi = gram_range(base, gram)
        if i >= 2 and hi - lo > rare:
            break  # common bigrams say little; the two rarest always count
        votes.update(set(entry_of[lo:hi]))
    stale = snapshot.overlay.stale
    pool = [base.entries[i] for i, _ in votes.most_common(candidates) if i not in stale]
    pool += [e for _, e in snapshot.overlay.ranked]
    own = sum(wanted.values())
    scored = []
    for entry in pool:
        score = max(weighted_dice(base, wanted, own, name) for name in entry.names)
        if score >= threshold:
            scored.append((score, entry))
    scored.sort(key=lambda pair: (-pair[0], pair[1].order_key()))
    return scored[:limit]
