/**
 * The confinement potential of Lemma 2's proof (L2.1):
 *
 *     φ(a) = 0 if a < D, (a − D)² otherwise;   u_t = φ(‖x_t‖²)
 *
 * u_t = 0 exactly when x_t is inside the horizon ‖x‖² < D; L2.3 claims u_t → 0.
 *
 * @example confinementPhi(5, 4) // 1
 */
export function confinementPhi(a: number, D: number): number {
  return a < D ? 0 : (a - D) * (a - D);
}

/** φ'(a) = 0 if a < D, 2(a − D) otherwise. */
export function confinementPhiPrime(a: number, D: number): number {
  return a < D ? 0 : 2 * (a - D);
}
