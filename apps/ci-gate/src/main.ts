#!/usr/bin/env node
/**
 * The `ci-gate` command: where CI accepts or refuses a profile change. `check` judges one soak's artifacts;
 * `compare` soaks a candidate and a baseline on the same market and seeds. Exit 0 PASS, 1 FAIL, 2 bad input
 * (missing, corrupt or incomplete artifacts, a broken audit chain, bad flags), 3 INCONCLUSIVE (the 95%
 * interval cannot tell).
 */
import { Command } from 'commander';
import { runCli, runCommand } from '@mm-profiles/profile-core';

const run = (body: () => Promise<number | void> | number | void) => runCommand('ci-gate', body);

const program = new Command('ci-gate')
  .description('KPI gates over soak artifacts, and candidate vs baseline, with reports for CI (Markdown, JSON, JUnit).')
  .option('--debug', 'print stack traces for errors')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program
  .command('check')
  .description('Evaluate the hard and soft gates over a soak run (summary.json, metrics.jsonl, audit.jsonl).')
  .option('--artifacts <dir>', 'soak output folder (one run, or the folder of mm soak --seeds N)', 'artifacts/soak')
  .option('--metrics <file>', 'metrics JSONL of that run (default <artifacts>/metrics.jsonl)')
  .option('--gates <file>', 'gate thresholds', 'config/gates/soak.json')
  .option('--out-dir <dir>', 'where GATE_REPORT.json, GATE_REPORT.md and junit.xml go', 'artifacts/gate')
  .option('--allow-no-audit', 'judge a run soaked with --audit off (refused otherwise): summary and metrics are still bound, orders and fills are not')
  .addHelpText(
    'after',
    `
Audit modes: a run soaked with --audit full or fills is bound to its audit.jsonl (chain, length, head, END
totals); with --audit off there is nothing to bind its order and fill counts to, so it is refused (exit 2)
unless --allow-no-audit is given.

Exit codes: 0 every hard gate holds, 1 a hard gate fails, 3 a hard gate's interval (replay windows, or
the seeds of a multi-seed folder, rebuilt from the artifacts) straddles its threshold, 2 artifacts missing, corrupt, from an incomplete
run or with a broken audit chain (nothing is written then). GATE_REPORT.md is also appended to
$GITHUB_STEP_SUMMARY when that is set.

Example:
  npx nx run soak-runner:mini && ci-gate check`,
  )
  .action((opts) => run(async () => (await import('./check-command.js')).checkCommand(opts)));

program
  .command('compare')
  .description('Soak a baseline and a candidate profile on the same market and seeds; fail if the candidate is worse.')
  .requiredOption('--baseline <profile>', 'profile NAME to compare against (e.g. base)')
  .requiredOption('--candidate <profile>', 'profile NAME under review (e.g. S1)')
  .option('--scenario <name>', 'synthetic scenario NAME (config/scenarios/NAME.json) or file', 'default')
  .option('--replay <file>', 'replay recorded data instead (.gz or plain; tardis QUOTES.csv[,TRADES.csv]); --scenario then gives the latency')
  .option('--format <format>', 'replay format: binance-ws or tardis')
  .option('--skip-bad-lines', 'count malformed replay lines instead of stopping at the first')
  .option('--depth <on|off>', 'replay: read the capture\'s depth into an L2 book, so the queue behind the touch is known (default on; off: L1 rules, faster)')
  .option('--venue <name|file>', 'venue NAME (config/venues/NAME.json) or file; a replay without it takes the one venue of its symbol')
  .option('--queue-model <name>', 'queue model: risk-averse (default), power[:n] or log')
  .option('--exchange-model <name>', 'exchange model: partial-fill (default) or no-partial-fill')
  .option('--latency-model <spec>', 'order legs: constant:MS, lognormal:MEDIAN_MS,P95_MS or from-data[:MULTIPLE[,ADD_MS]]')
  .option('--feed-latency-ms <ms>', 'a constant extra feed delay on every market event, ms')
  .option('--seeds <n>', 'how many seeds; both profiles run on each', '3')
  .option('--first-seed <s>', 'seeds are s, s+1, ...', '1')
  .option('--iterations <n>', 'soak iterations (windows of the scenario) per run', '2')
  .option('--gates <file>', 'gate thresholds and the compare margin', 'config/gates/soak.json')
  .option('--margin-bps <bps>', 'allowed net_bps regression (default: gates file compare.net_bps_margin)')
  .option('--out-dir <dir>', 'per-run soak artifacts and the reports', 'artifacts/gate-compare')
  .option('--config-dir <dir>', 'folder with base.json and market_maker_<NAME>.json', 'config/profiles')
  .addHelpText(
    'after',
    `
Paired over the same samples (a seed's run on a synthetic market; each window of each seed on a replay):
the per-sample delta of net_bps (candidate - baseline) gets a 95% Student t interval. FAIL when its upper
bound is below -margin (worse with confidence) or a hard gate fails on the candidate's interval; PASS when
its lower bound is at or above -margin (margin 0: better with confidence) and every hard gate holds;
otherwise INCONCLUSIVE (exit 3), with the number of seeds the observed spread would need. The table shows
each metric's mean delta, its interval and its spread (min..max, stdev).

Example:
  ci-gate compare --baseline base --candidate S1 --seeds 3`,
  )
  .action((opts) => run(async () => (await import('./compare-command.js')).compareCommand(opts)));

await runCli(() => program.parseAsync(process.argv));
