import type { Stream } from '../random/stream';

/**
 * Where the Byzantine vectors sit among the n inputs of a rule.
 *
 * The proofs write the inputs as V_1 … V_{n−f} correct, then the f Byzantine
 * ones, but a rule may not know which is which: a harness that always puts
 * them last lets a rule that simply drops its last f inputs pass every check.
 * So every trial and every SGD step draws the Byzantine slots afresh: a
 * uniformly random f-subset of {0, …, n − 1}, from its own seeded stream
 * (partial Fisher–Yates), sorted. The correct vectors keep their order in the
 * other slots.
 *
 * @example
 * drawByzantineSlots(5, 2, streamFor(1, 'placement'))   // e.g. [1, 4]
 * placeInputs([a, b, c], [x, y], [1, 4])                // [a, x, b, c, y]
 */
export function drawByzantineSlots(n: number, f: number, stream: Stream): number[] {
  const slots = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < f; i++) {
    const j = i + stream.int(n - i);
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  return slots.slice(0, f).sort((a, b) => a - b);
}

/**
 * The rule's input list: the Byzantine vectors at `slots` (sorted, one per
 * Byzantine vector), the correct vectors in order in the remaining slots.
 * Without slots, the proof's order: correct first, Byzantine last.
 */
export function placeInputs<V>(correct: readonly V[], byzantine: readonly V[], slots?: readonly number[]): V[] {
  if (!slots) return [...correct, ...byzantine];
  const out: V[] = new Array(correct.length + byzantine.length);
  let b = 0, c = 0;
  for (let i = 0; i < out.length; i++) out[i] = b < slots.length && slots[b] === i ? byzantine[b++] : correct[c++];
  return out;
}

/** Whether each of the n slots holds a Byzantine input (the complement lists the correct ones in order). */
export function byzantineMask(n: number, slots: readonly number[]): boolean[] {
  const mask = new Array<boolean>(n).fill(false);
  for (const s of slots) mask[s] = true;
  return mask;
}
