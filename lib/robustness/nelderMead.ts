/**
 * Nelder–Mead simplex minimisation (Nelder and Mead, The Computer Journal
 * 7(4), 1965), with the standard coefficients: reflection ρ = 1, expansion
 * χ = 2, contraction γ = 1/2, shrink σ = 1/2. Derivative-free, so it works on
 * the piecewise objectives of selection rules (the ratio jumps where the
 * selection changes). Deterministic: no random draws.
 *
 * Written here because the npm package `fmin` 0.0.4 (the one the registry
 * offers) cannot be loaded by this CommonJS build: its package.json says
 * `"type": "module"` while its `main` is a UMD bundle, so `require('fmin')`
 * returns an empty module under Node 20.
 *
 * The initial simplex is x₀ and x₀ + step·e_i; the search stops after
 * `maxEvaluations` evaluations of `fn` or when the spread of the simplex's
 * values falls below `tolerance`. Non-finite values (NaN) are treated as +∞.
 *
 * @example nelderMead((x) => (x[0] - 1) ** 2 + (x[1] + 2) ** 2, [0, 0], { maxEvaluations: 400 }).x // ≈ [1, −2]
 */
export function nelderMead(fn: (x: number[]) => number, x0: readonly number[], options: { maxEvaluations?: number; step?: number; tolerance?: number } = {}): { x: number[]; fx: number; evaluations: number } {
  const k = x0.length;
  const maxEvaluations = options.maxEvaluations ?? 200 * k;
  const step = options.step ?? 0.1;
  const tolerance = options.tolerance ?? 1e-12;
  let evaluations = 0;
  const value = (x: number[]) => { evaluations++; const v = fn(x); return Number.isNaN(v) ? Infinity : v; };
  const simplex: { x: number[]; fx: number }[] = [{ x: [...x0], fx: value([...x0]) }];
  for (let i = 0; i < k && evaluations < maxEvaluations; i++) {
    const x = [...x0];
    x[i] += step;
    simplex.push({ x, fx: value(x) });
  }
  const along = (c: number[], worst: number[], t: number) => c.map((ci, j) => ci + t * (worst[j] - ci));
  while (evaluations < maxEvaluations && simplex.length === k + 1) {
    simplex.sort((a, b) => a.fx - b.fx);
    const best = simplex[0], worst = simplex[k];
    if (Math.abs(worst.fx - best.fx) <= tolerance && Number.isFinite(best.fx)) break;
    const centroid = new Array<number>(k).fill(0);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) centroid[j] += simplex[i].x[j] / k;
    const xr = along(centroid, worst.x, -1), fr = value(xr);
    if (fr < best.fx) {
      const xe = along(centroid, worst.x, -2), fe = value(xe);
      simplex[k] = fe < fr ? { x: xe, fx: fe } : { x: xr, fx: fr };
    } else if (fr < simplex[k - 1].fx) {
      simplex[k] = { x: xr, fx: fr };
    } else {
      const outside = fr < worst.fx;
      const xc = along(centroid, worst.x, outside ? -0.5 : 0.5), fc = value(xc);
      if (fc < (outside ? fr : worst.fx)) simplex[k] = { x: xc, fx: fc };
      else {
        for (let i = 1; i <= k && evaluations < maxEvaluations; i++) {
          const x = simplex[i].x.map((v, j) => best.x[j] + 0.5 * (v - best.x[j]));
          simplex[i] = { x, fx: value(x) };
        }
      }
    }
  }
  simplex.sort((a, b) => a.fx - b.fx);
  return { x: simplex[0].x, fx: simplex[0].fx, evaluations };
}
