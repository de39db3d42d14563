import type { ClaimCheck } from '../claims/types';
import type { UnitCall } from '../parallel/units';

/** m:ss */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Progress of a verification run on one rewritten stderr line: the shared
 * units of work (Monte Carlo trials, SGD runs) and the checks, per claim
 * group and overall, elapsed time and an estimate of what remains. The
 * estimate scales the remaining declared cost (each unit's estimate, each
 * check's `ClaimCheck.cost`) by how fast the declared cost has actually been
 * going, and divides by the number of workers before anything finished.
 * Silent unless stderr is a terminal, so logs and pipes stay clean.
 */
export class Progress {
  private readonly enabled: boolean;
  private readonly started = Date.now();
  private readonly groupTotal = new Map<string, number>();
  private readonly groupDone = new Map<string, number>();
  private readonly totalCost: number;
  private doneCost = 0;
  private done = 0;
  private units = 0;
  private unitsDone = 0;
  private unitCost = 0;
  private timer?: NodeJS.Timeout;
  private last = '';

  constructor(
    private readonly checks: readonly ClaimCheck[],
    private readonly groupOf: (claimId: string) => string,
    private readonly jobs: number,
    private readonly costScale: number,
    stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = Boolean(stream.isTTY) && !process.env.CI;
    for (const c of checks) this.groupTotal.set(groupOf(c.claimId), (this.groupTotal.get(groupOf(c.claimId)) ?? 0) + 1);
    this.totalCost = checks.reduce((s, c) => s + Math.max(0.01, c.cost) * costScale, 0);
    if (this.enabled) {
      this.timer = setInterval(() => this.draw(), 500);
      this.timer.unref();
    }
  }

  /** Adds the units of work of the run (declared costs are seconds of this kind of machine). */
  planned(units: readonly UnitCall[]): void {
    this.units = units.length;
    this.unitCost = units.reduce((s, u) => s + Math.max(0.001, u.cost), 0);
    this.draw();
  }

  unitFinished(unit: UnitCall): void {
    this.unitsDone++;
    this.doneCost += Math.max(0.001, unit.cost);
    this.draw();
  }

  finished(check: ClaimCheck): void {
    const g = this.groupOf(check.claimId);
    this.groupDone.set(g, (this.groupDone.get(g) ?? 0) + 1);
    this.done++;
    this.doneCost += Math.max(0.01, check.cost) * this.costScale;
    this.draw();
  }

  private draw(): void {
    if (!this.enabled) return;
    const elapsed = (Date.now() - this.started) / 1000;
    const remainingCost = this.totalCost + this.unitCost - this.doneCost;
    const rate = this.doneCost > 0 && elapsed > 0 ? this.doneCost / elapsed : this.jobs; // declared seconds per real second
    const eta = remainingCost / rate;
    const groups = [...this.groupTotal.entries()].map(([g, total]) => {
      const d = this.groupDone.get(g) ?? 0;
      return d === total ? `${g} ✓` : `${g} ${d}/${total}`;
    });
    const units = this.units > 0 ? `${this.unitsDone}/${this.units} units of trials and runs, ` : '';
    const line = `[${units}${this.done}/${this.checks.length} checks] ${clock(elapsed)} elapsed, ~${clock(eta)} left · ${groups.join(' · ')}`;
    const width = process.stderr.columns ? process.stderr.columns - 1 : 120;
    const shown = line.length > width ? `${line.slice(0, width - 1)}…` : line;
    if (shown !== this.last) process.stderr.write(`\r\x1b[2K${shown}`);
    this.last = shown;
  }

  /** Replaces the progress line with a status (e.g. while the report is written). */
  status(text: string): void {
    if (this.timer) clearInterval(this.timer);
    if (!this.enabled) return;
    const elapsed = (Date.now() - this.started) / 1000;
    this.last = `${text} (${clock(elapsed)} elapsed)`;
    process.stderr.write(`\r\x1b[2K${this.last}`);
  }

  /** Clears the progress line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.enabled && this.last) process.stderr.write('\r\x1b[2K');
  }
}
