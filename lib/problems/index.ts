export * from './types';
export * from './rippledBowl';
export * from './quadratic';
export * from './mnist';
