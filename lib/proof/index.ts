/**
 * The assembled proof map (see ./types): every step of every section, in the
 * paper's order, with each step's dependents computed from the premises.
 */
export * from './types';
