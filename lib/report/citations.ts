import { RULE_NAMES } from '../rules/catalogue';
import { RULE_SOURCES } from './bibliography';
import type { ReportModel } from './model';

/** The attacks module, when the attacks work has landed (loaded lazily so the report never depends on it). */
function attackCatalogue(): { names: readonly string[]; citeOf(name: string): string | undefined } | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../attacks/index') as { ATTACK_NAMES?: readonly string[]; makeAttack?: (name: string) => { cite: string } };
    if (!mod.ATTACK_NAMES || !mod.makeAttack) return undefined;
    return {
      names: mod.ATTACK_NAMES,
      citeOf: (name) => {
        try {
          return mod.makeAttack!(name).cite;
        } catch {
          return undefined;
        }
      },
    };
  } catch {
    return undefined;
  }
}

/** True when `name` appears in `text` as a word of its own (not inside another name). */
function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9-])${escaped}($|[^A-Za-z0-9-])`, 'i').test(text);
}

/**
 * Every source the report relies on, with what cites it: the AggregaThor
 * paper and its supplementary proofs, every claim's `cites`, the rules the
 * report always discusses (MULTI-KRUM, BULYAN, AGGREGATHOR) and any other rule
 * or attack named in a result (summary, table, notes, parameters).
 */
export function reportCitations(model: ReportModel): { key: string; citedBy: string }[] {
  const out: { key: string; citedBy: string }[] = [
    { key: 'damaskinos2019aggregathor', citedBy: 'the paper under check' },
    { key: 'aggregathor2019supplementary', citedBy: 'the proofs under check' },
  ];
  for (const c of model.claims) for (const key of c.cites) out.push({ key, citedBy: `claim ${c.id}` });
  const text = JSON.stringify(model.claims.map((c) => c.results));
  for (const rule of RULE_NAMES)
    if (['multi-krum', 'bulyan', 'aggregathor'].includes(rule) || mentions(text, rule)) for (const key of RULE_SOURCES[rule] ?? []) out.push({ key, citedBy: `rule ${rule}` });
  const attacks = attackCatalogue();
  if (attacks) for (const name of attacks.names) if (mentions(text, name)) {
    const key = attacks.citeOf(name);
    if (key) out.push({ key, citedBy: `attack ${name}` });
  }
  return out;
}
