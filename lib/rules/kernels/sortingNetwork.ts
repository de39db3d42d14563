/**
 * Batcher's odd–even merge sorting network for `len` values, as a flat list
 * of comparators (i, j), i < j: after applying them in order — x_i, x_j ←
 * min, max — the values are sorted ascending.
 *
 * Built for the next power of two N ≥ len and pruned of every comparator that
 * touches a slot ≥ len: those slots stand for +Infinity padding, which a
 * comparator never moves (the larger value always goes to the higher slot),
 * so the pruned network sorts any len values. (len(log₂N)²/4 comparators:
 * 63 for 16 values, 191 for 32.)
 *
 * Why a network: the per-coordinate sorts of the median, trimmed mean and
 * BULYAN are tiny (n ≤ ~100 values), where a comparison sort is dominated by
 * branch mispredictions. A network's comparisons do not depend on the data, so
 * one comparator is applied to a whole block of coordinates in a branch-free
 * loop (see {@link sortColumns}).
 *
 * @example sortingNetwork(3) // Int32Array [0, 1, 0, 2, 1, 2]: compare (0,1), then (0,2), then (1,2)
 */
export function sortingNetwork(len: number): Int32Array {
  let net = cache.get(len);
  if (!net) {
    const pairs: number[] = [];
    let N = 1;
    while (N < len) N <<= 1;
    for (let p = 1; p < N; p <<= 1) {
      for (let k = p; k >= 1; k >>= 1) {
        for (let j = k % p; j + k < N; j += 2 * k) {
          for (let i = 0; i < Math.min(k, N - j - k); i++) {
            const a = i + j, b = i + j + k;
            if (Math.floor(a / (2 * p)) === Math.floor(b / (2 * p)) && b < len) pairs.push(a, b);
          }
        }
      }
    }
    net = Int32Array.from(pairs);
    cache.set(len, net);
  }
  return net;
}

const cache = new Map<number, Int32Array>();

/**
 * Sorts each column of a block: `block[p·stride + c]` for p < len holds the
 * len values of column c; columns c < width are sorted ascending in place
 * (values must not be NaN). Equal values may trade places, which only shows
 * in the sign of a zero (−0 and +0 compare equal).
 */
export function sortColumns(block: Float64Array, len: number, stride: number, width: number): void {
  const net = sortingNetwork(len);
  for (let q = 0; q < net.length; q += 2) {
    const a = net[q] * stride, b = net[q + 1] * stride;
    for (let c = 0; c < width; c++) {
      const x = block[a + c], y = block[b + c];
      block[a + c] = Math.min(x, y);
      block[b + c] = Math.max(x, y);
    }
  }
}
