/**
 * Typesets the math of nbconvert HTML exports in place with KaTeX (its CSS
 * and fonts inlined), so the exports render math offline on any machine:
 *
 *     node dist/scripts/render-math.js build/notebooks/*.html
 *
 * Called by scripts/execute_notebooks.py after each export. Prints one line
 * per file; exits 1 when some TeX could not be typeset (naming it).
 */
import * as fs from 'node:fs';
import { renderMathInNotebookHtml } from '../lib/notebook/mathExport';

let bad = 0;
for (const file of process.argv.slice(2)) {
  const r = renderMathInNotebookHtml(fs.readFileSync(file, 'utf8'));
  fs.writeFileSync(file, r.html);
  process.stdout.write(`render-math: ${file}: ${r.rendered} formula(s) typeset${r.failed.length ? `, ${r.failed.length} not: ${r.failed.slice(0, 3).map((t) => JSON.stringify(t)).join(', ')}` : ''}\n`);
  if (r.failed.length) bad++;
}
process.exitCode = bad ? 1 : 0;
