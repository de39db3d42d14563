/** The --help texts of the program and its subcommands. */
export const MAIN_HELP = `aggregathor-workbook — check every claim of the AggregaThor supplementary proofs and write a report

Usage:
  aggregathor-workbook [verify] [options]     verify claims (the default) and write a report
  aggregathor-workbook aggregate [file] ...   apply a rule to vectors from a JSON/CSV file or stdin
  aggregathor-workbook constants --n N --f F  η(n, f), sin α, m̃ and slowdowns, exact and decimal
  aggregathor-workbook coverage [--run]       the proof map: every assertion of the paper, its checks
  aggregathor-workbook plan --run-folder <d>  cluster run: write the plan (units, cost estimate)
  aggregathor-workbook run --shard i/N ...    cluster run: compute shard i of N into the run folder
  aggregathor-workbook merge --run-folder <d> cluster run: check every unit is there, write the report
  aggregathor-workbook job-files ...          Slurm job array and Kubernetes Indexed Job files
  aggregathor-workbook <command> --help       help on one command

verify options:
  --full               full mode (more trials and settings; default: quick)
  --grade paper        the paper grade: full mode with 10× the trials, d up to 10⁶, every rule (hours: see plan)
  --only <list>        claim ids or groups, comma-separated (e.g. L1.8,eta,T1);
                       groups: definitions, eta, cone, moments, convergence, slowdown, leeway,
                       robustness (R1–R4: κ̂ per rule, witnesses, and the rule atlas)
  --seed <n>           master seed, integer in [0, 2^32 − 1] (default 20190331)
  --trials <n>         override every check's number of trials / runs: at least 20 (the
                       intervals' t quantiles); a number whose trial results would not fit
                       in memory is refused before the run, with the largest that fits;
                       the SGD checks read it as their number of seeds (2 to 32 in quick
                       mode), so it can make a run longer as well as shorter
  --jobs, -j <n>       worker threads (default: available cores, also the most used);
                       results do not depend on it
  --out, -o <dir>      report folder (default report/); written to a temporary folder beside it
                       and moved into place only when complete; it must be new, empty, or a
                       previous report exactly as the workbook wrote it (never the current
                       folder or a folder holding other files: those are refused)
  --rule <file>        your own rule: a .js or .ts module (compiled in memory, no build step)
                       exporting { name, requirement, admissible(n, f), aggregate(vectors, f) }
                       as default or named export; every rule-generic check runs on it beside
                       MULTI-KRUM, BULYAN and AGGREGATHOR (resilience, cone, moments, leeway,
                       sgd-convergence, slowdown, mnist) into a "Your rule" report section; a
                       thrown error, a wrong length or NaN on finite input is the verdict fails.
                       With --only: rule (all its checks) or rule:NAME runs it alone; a group
                       name runs the group's claims and its checks of the group. Its verdicts
                       never change the exit status (docs/custom-rule.md)
  --eta <x>            with --rule: the η your rule claims, > 0 (default: the module's exported
                       eta(n, f, m), else Lemma 1's as-derived η, MULTI-KRUM's)
  --help, -h           this text

Report: index.html (offline, interactive figures), report.md, results.json (versioned,
byte-identical for the same seed and options), timings.json, verdicts.tex, eta.tex,
references.bib, csv/, figures/ (JSON specs; SVG and PNG when Chromium is installed);
with --rule also your-rule.tex and the rule's csv/rule--*.csv and figures/rule--*; when
the robustness claims run (R1), the rule atlas: a report section, atlas.tex, csv/atlas.csv,
figures/rule-atlas and witnesses/RULE-n-f-d.json (each κ̂'s input, replayed exactly).

Exit status: 0 every verdict as the registry expects; 1 surprises (listed on stderr);
2 a usage or input error (one line on stderr); 128 + the signal's number when interrupted
(SIGINT 130, SIGTERM 143, SIGHUP 129; nothing is written).

Environment: CHROMIUM_PATH (browser for SVG/PNG; default /usr/bin/chromium),
AGGREGATHOR_REGISTRY (a compiled registry module to use instead of the workbook's; one
without claims or checks is an error; the proof map, errata and paper.html come only with
the workbook's own registry), AGGREGATHOR_MEMORY_LIMIT (e.g. 8GB: the memory the
program allows itself; default node's heap limit per thread, 70 % of the machine's memory).
`;

export const AGGREGATE_HELP = `aggregathor-workbook aggregate — apply a rule to vectors

Usage: aggregathor-workbook aggregate [file|-] --rule <name> --f <f> [options]

  file                 .json: [[...], ...] or { "vectors": [[...], ...] }; .csv: one vector per line
                       (header line optional, # comments); "-" or no file: standard input.
                       NaN, Infinity, -Infinity (and null in JSON) are accepted as Byzantine values.
                       A byte-order mark is ignored; a .csv file holding JSON is read as JSON
                       (with a notice); decimal commas (1,5) are refused: write 1.5.
  --rule, -r <name>    average, median, trimmed-mean, geometric-median, krum, multi-krum (default),
                       bulyan, aggregathor
  --f <f>              Byzantine inputs tolerated (required except for average)
  --m <m>              multi-krum / aggregathor: vectors averaged (default n − f − 2)
  --k <k>              krum / multi-krum: neighbours per score (default n − f − 2)
  --distance <d>       squared (default) or euclidean
  --score-update <u>   aggregathor: incremental (default, original code), recompute, or
                       frozen (ByzantineMomentum's bulyan: scores never updated)
  --byzantine <i,j>    krum / multi-krum: declared Byzantine indices (0-based) for the proof's δc, δb, ζ
  --json               print JSON instead of text

  Each rule takes only its own options (any other is refused): average none; median,
  trimmed-mean, geometric-median --f; krum --f --k --distance --byzantine; multi-krum
  --f --m --k --distance --byzantine; bulyan --f --distance; aggregathor --f --m
  --score-update --distance. Negative values are read as values (--f -1 is refused
  with the admissible range). An input whose n×n distances or diagnostics would not fit
  in memory (AGGREGATHOR_MEMORY_LIMIT) is refused before the rule runs.
`;

export const CONSTANTS_HELP = `aggregathor-workbook constants — η(n, f), sin α, m̃ and slowdowns

Usage: aggregathor-workbook constants --n <n> --f <f> [--m <m>] [--d <d> --sigma <σ> --g <‖g‖>] [--json]

  η² under each reading of Lemma 1, exact (fraction) and decimal:
    as-printed  2 (n − f + (f m + f² (m + 1)) / m)
    as-derived  2 (n − f + (f m + f² (m + 1)) / (n − 2f − 2))
    krum        2 (n − f + (f (n − f − 2) + f² (n − f − 1)) / (n − 2f − 2))
  m defaults to m̃ = n − f − 2; needs n >= 2f + 3 and 1 <= m <= n − f − 2.
  With --d, --sigma, --g: sin α = η √d σ / ‖g‖ (Lemma 1 needs it < 1).
  Slowdowns: √(m̃/n) for MULTI-KRUM (T1 ii) and AGGREGATHOR (T2 ii, m̃ = n − 2f − 2), √(m/n) (A1).
  n in [3, 10^9], f in [0, 10^9], m in [1, 10^9], d in [1, 10^12]. σ (0 or a positive double) and
  ‖g‖ (a positive double) are decimal text, read as the nearest double and then used exactly
  (docs/exact-inputs.md); text that is not a finite double (1e-400, 1e400, Infinity, 0x10) is refused.
  Decimals are shown to 20 significant digits with their exponent; --json gives 40 digits and
  the exact sqrt(p/q).
`;
