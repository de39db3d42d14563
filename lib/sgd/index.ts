export * from './schedule';
export * from './confinement';
export * from './selectingRule';
export * from './simulate';
export * from './convergence';
export * from './slowdown';
export * from './experiments';
export * from './benchmark';
