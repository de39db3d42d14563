/**
 * The AggregaThor proof-checking workbook: aggregation rules, seeded
 * randomness, and (as they land) the claim registry, attacks, Monte Carlo
 * checks, SGD simulator and figures. Notebooks import this module from
 * `../dist/lib`.
 */
export * from './errors';
export * from './vectors';
export * from './random/stream';
export * from './random/distributions';
export * from './rules/types';
export * from './rules/pairwise';
export * from './rules/average';
export * from './rules/coordinatewise';
export * from './rules/geometricMedian';
export * from './rules/krum';
export * from './rules/bulyan';
export * from './rules/aggregathor';
export * from './rules/catalogue';
export * from './claims/types';
export * from './claims/registry';
export * from './constants/eta';
export * from './attacks/types';
export * from './attacks/index';
export * from './montecarlo/index';
export * from './notebook/display';
export * from './figures/layout';
export * from './figures/seriesFigure';
export * from './figures/tightnessFigure';
export * from './figures/etaFigure';
export * from './figures/resultFigures';
export * from './parallel/pool';
export * from './problems/index';
export * from './sgd/index';
export * from './constants/exact';
export * from './constants/admissible';
export * from './constants/table';
export * from './claims/statements';
export * from './claims/arbitraries';
export { DETERMINISTIC_SPECS, DETERMINISTIC_CHECKS } from './claims/checks/deterministic';
export { propertyOf, runProperty, checkSeed, type DeterministicCheckSpec, type PropertySpec } from './claims/checks/deterministic/propertyCheck';
export * from './notebook/show';
export * from './notebook/sliderFigure';
export * from './notebook/errata';
export * from './notebook/multiKrumFrames';
export * from './notebook/conePicture';
export * from './notebook/etaReadings';
export * from './notebook/anglePicture';
export * from './notebook/evidenceFigure';
export * from './rules/workspace';
export * from './rules/kernels/squaredDistances';
export * from './rules/kernels/sortingNetwork';
export { PROOF_MAP, runProofMap, runStepCheck, proofStep, proofSections, stepStandings, dependents } from './proof';
export type { ProofStep, StepCheck, StepResult, StepReading, TestedRegion, StepStanding, StepStatus } from './proof';
export * from './proof/report';
export * from './figures/proofGraphFigure';
export * from './notebook/proofMap';
export * from './notebook/proofStep';
export * from './notebook/neighbourhoodPicture';
export * from './notebook/momentSweep';
export * from './notebook/slowdownVariance';
export * from './notebook/leewayPicture';
export * from './notebook/ruleComparison';
export { checksForRule, customRuleChecks, CUSTOM_CHECK_GROUPS, REFERENCE_RULES, withReferences, type CustomRuleSpec } from './custom/ruleChecks';
export { guardedGar, RuleOutputError } from './custom/guardedGar';
export { loadCustomRule, type CustomRule } from './custom/loadRule';
export * from './rules/index';
export * from './robustness/index';
export { ROBUSTNESS_RULES, robustnessGrid } from './claims/checks/robustness';
export * from './report/atlas';
export * from './notebook/robustnessPicture';
export { unitCacheFolder, useUnitCacheFromEnvironment, UNIT_CACHE_VARIABLE, type UnitCacheCounts } from './cluster/unitCache';
export { useUnitStore, type UnitStore } from './parallel/units';

// Notebook kernels started with AGGREGATHOR_UNIT_CACHE=folder (scripts/notebooks.sh, the notebook tests) share the
// units of work they compute through that folder, so trials that several notebooks run are computed once.
import { useUnitCacheFromEnvironment as installUnitCache } from './cluster/unitCache';
installUnitCache();
