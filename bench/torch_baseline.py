#!/usr/bin/env python3
"""ByzantineMomentum's aggregation rules on torch, float64, for `npm run bench` only.

ByzantineMomentum (LPD-EPFL; Garfield's rules are the same code) writes its
rules in `aggregators/*.py` on torch tensors. They are written again here
from that description, as its torch path computes them (not its optional C++
module), so that the bench can time the float64 implementation a user of
that library runs:

  average         sum(gradients) / n: n − 1 tensor additions from Python
  median          torch.stack, then .median(dim=0): for an even n the
                  LOWER middle value (the workbook's option even: 'lower')
  trimmed-mean    torch.stack, sort along dim 0, mean of rows f .. n − f − 1
  phocas, meamed  the n − f values closest to the trimmed mean / the median,
                  coordinate by coordinate (topk(largest=False)), averaged
  krum            its "krum" with m = 1, multi-krum with m = n − f − 2 (its
                  default): every pairwise distance by x.sub(y).norm().item()
                  from a Python loop, scores the sum of the n − f − 1 smallest
                  EUCLIDEAN (not squared) distances (the workbook's options
                  k = n − f − 1, distance: 'euclidean'), the m lowest averaged
  mda             its "brute": the same distances, then every subset of n − f
                  from itertools.combinations, the one of least diameter
  bulyan          its "bulyan" (Bulyan over Multi-Krum): Euclidean distances,
                  scores over the m = n − f − 2 nearest, n − 2f − 2 rounds each
                  averaging the m' = min(m, n − f − 2 − i) lowest scores left,
                  then the n − 4f − 2 values closest to the coordinate-wise
                  median. As printed, its score update after each round is
                  unreachable (it compares the ids of the remaining entries
                  with the id just removed), so the scores are never updated:
                  timed as written, against the workbook's AGGREGATHOR with
                  distance: 'euclidean' and scoreUpdate: 'frozen', which gives
                  the same output (an odd number of rounds, no ties).

Never a dependency of the workbook: Debian's python3-torch, run with
/usr/bin/python3 by scripts/bench.ts.

    python3 bench/torch_baseline.py INPUT.bin OUTPUT.bin [MIN_SECONDS] [RULES] [THREADS]

RULES: comma-separated names of FUNCTIONS. THREADS: torch's intra-op threads
(default: the machine's cores; Debian's build starts with 1). The inputs are
handed over as a list of n float64 tensors, one per worker, as the library's
training loop does. INPUT.bin / OUTPUT.bin and the printed JSON line are
bench/numpy_baseline.py's.
"""
import itertools
import json
import math
import os
import sys
import time

import numpy as np
import torch

from numpy_baseline import timed  # the same timing loop (this script's folder is on sys.path)


def pairwise_norms(gradients):
    """The n(n − 1)/2 Euclidean distances, one torch call per pair from Python; non-finite as +inf."""
    n = len(gradients)
    out = {}
    for i in range(n):
        for j in range(i + 1, n):
            value = gradients[i].sub(gradients[j]).norm().item()
            out[i, j] = out[j, i] = value if math.isfinite(value) else math.inf
    return out


def average(gradients, f):
    return sum(gradients) / len(gradients)


def median(gradients, f):
    return torch.stack(gradients).median(dim=0)[0]


def _trimmed(g, f):
    return g.sort(dim=0).values[f:g.shape[0] - f].mean(dim=0)


def _closest_average(g, f, center):
    n, d = g.shape
    picked = g.clone().sub_(center).abs_().topk(n - f, dim=0, largest=False, sorted=False).indices
    picked.mul_(d).add_(torch.arange(0, d, dtype=picked.dtype))
    return g.take(picked).mean(dim=0)


def trimmed_mean(gradients, f):
    return _trimmed(torch.stack(gradients), f)


def phocas(gradients, f):
    g = torch.stack(gradients)
    return _closest_average(g, f, _trimmed(g, f))


def meamed(gradients, f):
    g = torch.stack(gradients)
    return _closest_average(g, f, g.median(dim=0).values)


def multi_krum(gradients, f, m=None):
    n = len(gradients)
    m = n - f - 2 if m is None else m
    dist = pairwise_norms(gradients)
    scores = []
    for i in range(n):
        nearest = sorted(dist[i, j] for j in range(n) if j != i)[:n - f - 1]
        scores.append((sum(nearest), i))
    scores.sort(key=lambda s: s[0])  # stable: ties by index
    return sum(gradients[i] for _, i in scores[:m]).div_(m)


def krum(gradients, f):
    return multi_krum(gradients, f, 1)


def mda(gradients, f):
    n = len(gradients)
    dist = pairwise_norms(gradients)
    best, best_diameter = None, None
    for subset in itertools.combinations(range(n), n - f):
        diameter = 0.0
        for a, b in itertools.combinations(subset, 2):
            if not math.isfinite(dist[a, b]):
                break
            diameter = max(diameter, dist[a, b])
        else:
            if best is None or diameter < best_diameter:
                best, best_diameter = subset, diameter
    return sum(gradients[i] for i in best).div_(n - f)


def bulyan(gradients, f):
    n, d = len(gradients), gradients[0].shape[0]
    m_max = n - f - 2
    dist = pairwise_norms(gradients)
    scores = []
    for i in range(n):
        scores.append((sum(sorted(dist[i, j] for j in range(n) if j != i)[:m_max]), i))
    rounds = torch.empty(n - 2 * f - 2, d, dtype=gradients[0].dtype)
    for r in range(rounds.shape[0]):
        m = min(m_max, m_max - r)
        scores.sort(key=lambda s: s[0])
        rounds[r] = sum(gradients[i] for _, i in scores[:m]).div_(m)
        scores[0] = (math.inf, None)  # the round's best leaves; the others' scores stay as they were (see above)
    beta = rounds.shape[0] - 2 * f
    return _closest_average(rounds, rounds.shape[0] - beta, rounds.median(dim=0).values)


FUNCTIONS = {
    "average@bm": average, "median@bm": median, "trimmed-mean@bm": trimmed_mean, "phocas@bm": phocas,
    "meamed@bm": meamed, "krum@bm": krum, "multi-krum@bm": multi_krum, "mda@bm": mda, "bulyan@bm": bulyan,
}


def main():
    src, dst = sys.argv[1], sys.argv[2]
    min_seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
    only = sys.argv[4].split(",") if len(sys.argv) > 4 and sys.argv[4] else list(FUNCTIONS)
    threads = int(sys.argv[5]) if len(sys.argv) > 5 else (os.cpu_count() or 1)
    torch.set_num_threads(threads)
    header = np.fromfile(src, dtype="<i4", count=4)
    n, d, f = int(header[0]), int(header[1]), int(header[2])
    X = np.fromfile(src, dtype="<f8", offset=16, count=n * d).reshape(n, d)
    gradients = [torch.from_numpy(X[i].copy()) for i in range(n)]
    report = {"torch": torch.__version__, "threads": torch.get_num_threads(), "n": n, "d": d, "f": f, "seconds": {}, "cpu": {}}
    with open(dst, "wb") as out:
        for name in only:
            agg, seconds, cpu = timed(FUNCTIONS[name], gradients, f, min_seconds)
            np.asarray(agg.numpy(), dtype="<f8").tofile(out)
            report["seconds"][name] = seconds
            report["cpu"][name] = cpu
    print(json.dumps(report))


if __name__ == "__main__":
    main()
