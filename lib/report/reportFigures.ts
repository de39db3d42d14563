import type { CheckResult, FigureSpec } from '../claims/types';
import { etaFigure } from '../figures/etaFigure';
import { proofGraphFigure } from '../figures/proofGraphFigure';
import { resultFigures } from '../figures/resultFigures';
import { tightnessFigure } from '../figures/tightnessFigure';
import type { ReportModel } from './model';

/**
 * Every figure of the report, in page order: the overview figures (the
 * tightness of every check that measured one, and η against n), then each
 * check's own (see resultFigures), then those of the user's rule (`--rule`). Ids are unique across the report, so
 * index.html, figures/<id>.{json,svg,png} and report.md agree on names.
 *
 * @example reportFigures(model).overview.map((f) => f.id) // ['tightness-overview', 'eta-f2']
 */
export function reportFigures(model: ReportModel): { overview: FigureSpec[]; byResult: Map<CheckResult, FigureSpec[]> } {
  const results = model.claims.flatMap((c) => c.results);
  const overview: FigureSpec[] = [];
  if (results.some((r) => r.tightness)) overview.push(tightnessFigure(results));
  overview.push(etaFigure(2, 40));
  if (model.proofMap) overview.push(proofGraphFigure(model.proofMap));
  // Ids are unique within a result; a registry that reuses (claim, check, reading) would still collide, so make them unique here.
  const used = new Set(overview.map((f) => f.id));
  const unique = (f: FigureSpec): FigureSpec => {
    let id = f.id;
    for (let k = 2; used.has(id); k++) id = `${f.id}-${k}`;
    used.add(id);
    return id === f.id ? f : { ...f, id };
  };
  // The figures of a researcher's rule (--rule) follow the claims'; they never enter the overview.
  const byResult = new Map([...results, ...(model.customRule?.results ?? [])].map((r) => [r, resultFigures(r).map(unique)]));
  return { overview, byResult };
}
