import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What results.json records about where it was produced (no timings, no timestamps, no host name). */
export interface Environment {
  workbook: { name: string; version: string };
  node: string;
  platform: string;
  arch: string;
  machine: { cpuModel: string; cores: number };
  /** Installed versions of the package's runtime dependencies. */
  packages: Record<string, string>;
}

/** The package root: the folder above dist/ (or above lib/ when run from source). */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'lib'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The environment of this run: workbook version, node, machine and installed dependency versions (sorted by name). */
export function describeEnvironment(root = packageRoot()): Environment {
  const pkg = readJson(path.join(root, 'package.json')) ?? {};
  const deps = Object.keys((pkg.dependencies as Record<string, string>) ?? {}).sort();
  const packages: Record<string, string> = {};
  for (const name of deps) {
    const installed = readJson(path.join(root, 'node_modules', name, 'package.json'));
    packages[name] = typeof installed?.version === 'string' ? installed.version : 'not installed';
  }
  const cpus = os.cpus();
  return {
    workbook: { name: String(pkg.name ?? 'aggregathor-workbook'), version: String(pkg.version ?? '0.0.0') },
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    machine: { cpuModel: (cpus[0]?.model ?? 'unknown').trim(), cores: os.availableParallelism() },
    packages,
  };
}
