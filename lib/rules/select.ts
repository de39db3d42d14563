/**
 * Selection without full sorts. `selectSmallest` rearranges `idx` so that its
 * first `k` entries are the k smallest under the total order (key, index) —
 * ties broken by index, so the result is deterministic — in O(len) expected
 * time (Hoare quickselect with median-of-three pivots).
 */
export function selectSmallest(idx: Int32Array | number[], len: number, k: number, key: ArrayLike<number>): void {
  let lo = 0, hi = len - 1;
  const less = (a: number, b: number) => key[a] < key[b] || (key[a] === key[b] && a < b);
  while (hi > lo && k > lo && k <= hi) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot
    let a = idx[lo], b = idx[mid], c = idx[hi];
    if (less(b, a)) [a, b] = [b, a];
    if (less(c, b)) { [b, c] = [c, b]; if (less(b, a)) [a, b] = [b, a]; }
    const pivot = b;
    let i = lo, j = hi;
    while (i <= j) {
      while (less(idx[i], pivot)) i++;
      while (less(pivot, idx[j])) j--;
      if (i <= j) {
        const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
        i++; j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Rearranges `a[lo..hi]` (numbers, no NaN) so that `a[k]` holds the value
 * that a sort would put there, smaller values before it and larger after.
 */
export function quickselectValues(a: Float64Array, lo: number, hi: number, k: number): number {
  if (hi - lo < SMALL) {
    insertionSort(a, lo, hi);
    return a[k];
  }
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot (plain comparisons: destructuring swaps cost an allocation in hot loops)
    const x = a[lo], y = a[mid], z = a[hi];
    const pivot = y < x ? (z < y ? y : z < x ? z : x) : z < x ? x : z < y ? z : y;
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (pivot < a[j]) j--;
      if (i <= j) {
        const t = a[i]; a[i] = a[j]; a[j] = t;
        i++; j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

/** Below this many elements a sort by insertion beats quickselect's partitioning (measured on n ≤ 51). */
const SMALL = 32;

/** Sorts a[lo..hi] (numbers, no NaN) ascending in place, by insertion: fastest for the few values of one coordinate. */
export function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/** Sorts NaN as +Infinity so that ordering rules see it as extreme. */
export function orderKey(x: number): number {
  return x !== x ? Infinity : x;
}
