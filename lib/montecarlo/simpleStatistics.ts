import type * as SimpleStatistics from 'simple-statistics' with { 'resolution-mode': 'import' };

/**
 * simple-statistics, loaded through its CommonJS build
 * (`dist/simple-statistics.cjs`). Its type declarations are published as an
 * ES module, which a CommonJS TypeScript build may not `import`, so the types
 * are imported with `resolution-mode: import` and the code is `require`d.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ss: typeof SimpleStatistics = require('simple-statistics');
