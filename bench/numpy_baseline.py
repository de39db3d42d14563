#!/usr/bin/env python3
"""numpy baseline of the workbook's aggregation rules, for `npm run bench` only.

The rules written the way a numpy user would write them: vectorised, the
pairwise distances from one BLAS matrix product (the Gram-matrix identity
‖x‖² + ‖y‖² − 2⟨x, y⟩), sorts along an axis instead of loops. Same
conventions as lib/rules (defaults k = m = n − f − 2, squared distances,
ties by index, BULYAN's per-round k = max(1, |R| − f − 2), AGGREGATHOR's
incremental scores), so that the outputs can be checked equal.

Never a dependency of the workbook: Debian's python3-numpy, run with
/usr/bin/python3 by scripts/bench.ts.

    python3 bench/numpy_baseline.py INPUT.bin OUTPUT.bin [MIN_SECONDS] [RULES] [DTYPE] [LAYOUT]

RULES: comma-separated names (default: the seven of RULES); the catalogue's
rules and compositions of CATALOGUE are accepted too (the way ByzFL writes
them in numpy: CenteredClipping, MeaMed, MoNNA, NNM, ARC, clipping, bucketing;
Phocas as ByzantineMomentum). DTYPE float32 runs every rule on the inputs
rounded to float32 (X.astype(np.float32): numpy then computes in float32,
as ByzFL on float32 tensors does), and adds "average-f64acc", the mean of the
float32 inputs accumulated in float64 (X32.mean(axis=0, dtype=np.float64):
the same work as the workbook's float32 path).

LAYOUT "array" (the default) hands each rule the (n, d) array; "list" hands
it n separate arrays, as a caller with one gradient per worker does, and
each timed call starts the way ByzFL's check_vectors_type does with a list
of numpy arrays: np.array(vectors), a copy into one (n, d) array. That is
the workbook's call on n separate typed arrays.

NAME@byzfl (krum, multi-krum, monna, nnm+multi-krum): the rule as ByzFL's
numpy path computes it, distances by scipy's cdist (python3-scipy), with
ByzFL's conventions; scripts/bench.ts compares its output with the workbook's
under the same conventions.

INPUT.bin: int32 n, int32 d, int32 f, int32 0, then n·d float64 (row-major,
little-endian). OUTPUT.bin: the aggregate of each rule, in RULES order, as
d float64 each. Prints one JSON line: per rule, the wall-clock and the CPU
seconds (all threads) of each timed call.
"""
import json
import sys
import time

import numpy as np

RULES = ["average", "median", "trimmed-mean", "geometric-median", "multi-krum", "bulyan", "aggregathor"]


def squared_distances(X):
    sq = np.einsum("ij,ij->i", X, X)
    D = sq[:, None] + sq[None, :] - 2.0 * (X @ X.T)
    np.maximum(D, 0.0, out=D)
    np.fill_diagonal(D, np.inf)  # a vector is never its own neighbour
    return D


def krum_scores(D, k):
    return np.sort(D, axis=1)[:, :k].sum(axis=1)


def average(X, f):
    return X.mean(axis=0)


def median(X, f):
    return np.median(X, axis=0)


def trimmed_mean(X, f):
    n = X.shape[0]
    return np.sort(X, axis=0)[f:n - f].mean(axis=0)


def geometric_median(X, f, nu=1e-8, tol=1e-10, max_iterations=500):
    z = np.median(X, axis=0)
    for _ in range(max_iterations):
        w = 1.0 / np.maximum(nu, np.linalg.norm(X - z, axis=1))
        z_next = w @ X / w.sum()
        converged = np.linalg.norm(z_next - z) <= tol * max(1.0, np.linalg.norm(z))
        z = z_next
        if converged:
            break
    return z


def multi_krum(X, f):
    n = X.shape[0]
    k = m = n - f - 2
    scores = krum_scores(squared_distances(X), k)
    selected = np.argsort(scores, kind="stable")[:m]
    return X[np.sort(selected)].mean(axis=0)


def around_median(S, beta):
    med = np.median(S, axis=0)
    closest = np.argsort(np.abs(S - med), axis=0, kind="stable")[:beta]
    return np.take_along_axis(S, closest, axis=0).mean(axis=0)


def bulyan(X, f):
    n = X.shape[0]
    theta, beta = n - 2 * f, n - 4 * f
    D = squared_distances(X)
    remaining = np.arange(n)
    selected = []
    for _ in range(theta):
        k = min(len(remaining) - 1, max(1, len(remaining) - f - 2))
        sub = D[np.ix_(remaining, remaining)]
        best = remaining[np.argmin(krum_scores(sub, k))]
        selected.append(best)
        remaining = remaining[remaining != best]
    return around_median(X[selected], beta)


def aggregathor(X, f):
    n = X.shape[0]
    k = m = n - f - 2
    theta, beta = n - 2 * f - 2, n - 4 * f - 2
    D = squared_distances(X)
    neighbours = np.argsort(D, axis=1, kind="stable")[:, :k]
    is_neighbour = np.zeros((n, n), dtype=bool)
    np.put_along_axis(is_neighbour, neighbours, True, axis=1)
    scores = np.where(is_neighbour, D, 0.0).sum(axis=1)
    present = np.ones(n, dtype=bool)
    outputs = []
    for r in range(theta):
        remaining = np.flatnonzero(present)
        order = remaining[np.argsort(scores[remaining], kind="stable")]
        outputs.append(X[np.sort(order[:max(1, m - r)])].mean(axis=0))
        removed = order[0]
        present[removed] = False
        touched = present & is_neighbour[:, removed]
        scores[touched] -= D[touched, removed]
    return around_median(np.array(outputs), beta)


def krum(X, f):
    n = X.shape[0]
    scores = krum_scores(squared_distances(X), n - f - 2)
    return X[np.argsort(scores, kind="stable")[0]].copy()


def centered_clipping(X, f, tau=100.0, iterations=1):
    v = np.zeros(X.shape[1], dtype=X.dtype)
    for _ in range(iterations):
        diff = X - v
        r = np.linalg.norm(diff, axis=1)
        lam = np.minimum(1.0, tau / np.maximum(r, np.finfo(X.dtype).tiny))
        v = v + (diff * lam[:, None].astype(X.dtype)).mean(axis=0)
    return v


def around_center(X, center, beta):
    closest = np.argsort(np.abs(X - center), axis=0, kind="stable")[:beta]
    return np.take_along_axis(X, closest, axis=0).mean(axis=0)


def meamed(X, f):
    return around_center(X, np.median(X, axis=0), X.shape[0] - f)


def phocas(X, f):
    return around_center(X, trimmed_mean(X, f), X.shape[0] - f)


def monna(X, f, index=0):
    n = X.shape[0]
    dist = ((X - X[index]) ** 2).sum(axis=1)
    selected = np.argsort(dist, kind="stable")[:n - f]
    return X[np.sort(selected)].mean(axis=0)


def nnm(X, f):
    n = X.shape[0]
    D = squared_distances(X)
    np.fill_diagonal(D, 0.0)  # each vector is among its own n − f nearest
    neighbours = np.argsort(D, axis=1, kind="stable")[:, :n - f]
    return X[neighbours].mean(axis=1)


def arc(X, f):
    n = X.shape[0]
    k = (2 * f * (n - f)) // n
    norms = np.linalg.norm(X, axis=1)
    order = np.argsort(norms, kind="stable")
    threshold = norms[order[n - k - 1]]
    scale = np.ones(n, dtype=X.dtype)
    top = order[n - k:]
    scale[top] = np.minimum(1.0, threshold / norms[top])
    return X * scale[:, None]


def clipping(X, f, c=2.0):
    norms = np.linalg.norm(X, axis=1)
    return X * np.minimum(1.0, c / norms)[:, None].astype(X.dtype)


def bucketing(X, f, s=2, seed=0):
    n = X.shape[0]
    perm = np.random.default_rng(seed).permutation(n)
    return np.stack([X[np.sort(perm[b:b + s])].mean(axis=0) for b in range(0, n, s)])


def average_f64acc(X, f):
    return X.mean(axis=0, dtype=np.float64)


# As ByzFL's numpy path computes them (byzfl/aggregators, numpy arrays or lists of them): the distances by
# scipy.spatial.distance.cdist, a direct loop over every ordered pair and coordinate (no BLAS, one thread), squared
# for Krum's scores. Its MultiKrum averages n − f vectors scored by the mean of n − f − 1 neighbour distances (Krum
# keeps n − f − 2 neighbours, as here): scripts/bench.ts runs the workbook with those conventions beside it. These are
# the implementations a ByzFL user calls in float64 (its torch path computes in float32).
def byzfl_squared_distances(X):
    from scipy.spatial.distance import cdist  # imported here: the other rules need numpy only

    return cdist(X, X) ** 2


def krum_byzfl(X, f):
    n = X.shape[0]
    scores = np.sort(byzfl_squared_distances(X), axis=1)[:, 1:n - f - 1].sum(axis=1)  # column 0: its own distance
    return X[np.argmin(scores)].copy()


def multi_krum_byzfl(X, f):
    n = X.shape[0]
    scores = np.sort(byzfl_squared_distances(X), axis=1)[:, 1:n - f].mean(axis=1)
    return X[np.argpartition(scores, n - f - 1)[:n - f]].mean(axis=0)


def nnm_byzfl(X, f):
    from scipy.spatial.distance import cdist

    n = X.shape[0]
    nearest = np.argpartition(cdist(X, X), n - f - 1, axis=1)[:, :n - f]
    return X[nearest].mean(axis=1)


def monna_byzfl(X, f, index=0):
    from scipy.spatial.distance import cdist

    n = X.shape[0]
    nearest = np.argpartition(cdist(X, X[index:index + 1]).reshape(-1), n - f - 1)[:n - f]
    return X[nearest].mean(axis=0)


FUNCTIONS = {
    "average": average, "median": median, "trimmed-mean": trimmed_mean,
    "geometric-median": geometric_median, "multi-krum": multi_krum,
    "bulyan": bulyan, "aggregathor": aggregathor,
    "krum": krum, "centered-clipping": centered_clipping, "meamed": meamed, "phocas": phocas, "monna": monna,
    "nnm+multi-krum": lambda X, f: multi_krum(nnm(X, f), f),
    "bucketing+median": lambda X, f: median(bucketing(X, f), f),
    "arc+trimmed-mean": lambda X, f: trimmed_mean(arc(X, f), f),
    "clipping+average": lambda X, f: average(clipping(X, f), f),
    "average-f64acc": average_f64acc,
    "krum@byzfl": krum_byzfl, "multi-krum@byzfl": multi_krum_byzfl, "monna@byzfl": monna_byzfl,
    "nnm+multi-krum@byzfl": lambda X, f: multi_krum_byzfl(nnm_byzfl(X, f), f),
}
# The catalogue's rules without a numpy baseline here: MDA and SMEA (subset enumeration; the
# workbook refuses the bench's sizes with its estimate), CAF (an iterative spectral filter).


def timed(fn, X, f, min_seconds):
    """Wall-clock and CPU seconds (process-wide: all BLAS threads) of each timed call, after a warm-up."""
    out = fn(X, f)  # warm-up, and the output that is checked
    seconds, cpu = [], []
    while len(seconds) < 3 or (sum(seconds) < min_seconds and len(seconds) < 20):
        c0, t0 = time.process_time(), time.perf_counter()
        fn(X, f)
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        if seconds[-1] > 2 * min_seconds:
            break
    return out, seconds, cpu


def main():
    src, dst = sys.argv[1], sys.argv[2]
    min_seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
    only = sys.argv[4].split(",") if len(sys.argv) > 4 and sys.argv[4] else RULES
    dtype = sys.argv[5] if len(sys.argv) > 5 else "float64"
    layout = sys.argv[6] if len(sys.argv) > 6 else "array"
    if layout not in ("array", "list"):
        sys.exit(f"numpy_baseline: LAYOUT must be array or list; got {layout}")
    header = np.fromfile(src, dtype="<i4", count=4)
    n, d, f = int(header[0]), int(header[1]), int(header[2])
    X = np.fromfile(src, dtype="<f8", offset=16, count=n * d).reshape(n, d)
    if dtype == "float32":
        X = X.astype(np.float32)
    report = {"numpy": np.__version__, "n": n, "d": d, "f": f, "dtype": str(X.dtype), "layout": layout, "seconds": {}, "cpu": {}}
    inputs = [X[i].copy() for i in range(n)] if layout == "list" else X
    with open(dst, "wb") as out:
        for name in only:
            fn = FUNCTIONS[name]
            call = (lambda vectors, f, fn=fn: fn(np.array(vectors), f)) if layout == "list" else fn
            agg, seconds, cpu = timed(call, inputs, f, min_seconds)
            np.asarray(agg, dtype="<f8").tofile(out)
            report["seconds"][name] = seconds
            report["cpu"][name] = cpu
    print(json.dumps(report))


if __name__ == "__main__":
    main()
