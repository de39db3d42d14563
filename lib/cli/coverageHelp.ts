/** --help of `coverage` (beside help.ts, which holds the other commands' texts). */
export const COVERAGE_HELP = `aggregathor-workbook coverage — the proof map: every assertion of the paper as a step, with its checks

Usage: aggregathor-workbook coverage [--run] [--seed n] [--full] [--section text] [--json]

Lists every step of the map (abstract, definitions, theorem and lemma statements, each
display and implication of every proof, figure captions) in the paper's order: its id,
lines in reference/aggregathor-supplementary-proofs.txt, kind, the assertion as printed,
and its checks (or why it has none).

  --run             run every step's checks and show each step's standing under the
                    proof's own reading: holds, fails, unsupported by the printed proof
                    (a premise fails and the step is not checked on its own), inconclusive,
                    unchecked; with the tested region. The claim-registry checks the
                    steps name run first, as npm start runs them (about a minute in
                    quick mode on 2 cores), so the standings are the report's
  --seed <n>        seed for --run (default 20190331)
  --full            full mode for --run (larger grids and more trials)
  --section <text>  only the sections whose name contains the text (e.g. "Lemma 2")
  --json            the map (or, with --run, the full step report) as JSON

Exit status: 0; 1 when a step has neither a check nor a stated reason, or (with --run) a
step's result differs from its check's expectation; 2 a usage error.
`;
