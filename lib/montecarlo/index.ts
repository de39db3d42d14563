/** The Monte Carlo machinery: trials, intervals, verdicts, exponents, and the Gar-generic expectation checks. */
export * from './trials';
export * from './intervals';
export * from './verdict';
export * from './exponent';
export * from './settings';
export * from './attackSpecs';
export * from './experiment';
export * from './bounds';
export * from './leeway';
export * from './suite';
