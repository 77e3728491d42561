#!/usr/bin/env node
/**
 * The `mm` command. Each subcommand's code is imported only when it runs, so `mm sentinel` stays fast.
 */
import { Command, Option } from 'commander';
import { runCli } from '@mm-profiles/profile-core';
import { run } from './cli-context.js';

const program = new Command('mm')
  .description('mm-profiles: apply, guard, soak-test, gate and sweep market-making quoting profiles.')
  .option('--debug', 'print stack traces for errors')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const configDirOption = () =>
  new Option('--config-dir <dir>', 'folder with base.json and market_maker_<NAME>.json').default('config/profiles');

program
  .command('sentinel')
  .description('Load a profile, apply its deltas to the base and any runtime overrides, save the applied profile.')
  .option('-p, --profile <name>', 'profile NAME (config/profiles/market_maker_NAME.json); "base" for the base; default $MM_PROFILE')
  .option('--dry-run', 'load, validate, apply and save, then exit')
  .option('--out <file>', 'where to write the applied profile (provenance goes beside it)', 'artifacts/soak/applied_profile.json')
  .addOption(configDirOption())
  .option('--json', 'print the applied profile and provenance as canonical JSON instead of the report')
  .option('--watch <file>', 'then tail a JSONL of per-window edge samples ({"ts","net_bps"} or soak metrics.jsonl) and print edge-policy decisions')
  .option('--no-follow', 'with --watch: stop at the end of the file instead of waiting for more lines')
  .option('--sentinel-config <file>', 'edge-policy and advisor settings (default config/sentinel.json)')
  .addHelpText(
    'after',
    `
Environment:
  MM_PROFILE                  profile name when --profile is not given
  MM_RUNTIME_OVERRIDES_JSON   runtime overrides, e.g. '{"min_interval_ms":80}' (else artifacts/soak/runtime_overrides.json)

Examples:
  mm sentinel --profile S1 --dry-run
  mm sentinel --profile S1 --watch artifacts/soak/metrics.jsonl
  MM_PROFILE=S1 MM_RUNTIME_OVERRIDES_JSON='{"min_interval_ms":500}' mm sentinel`,
  )
  .action((opts) => run(async () => (await import('./commands/sentinel-command.js')).sentinelCommand(opts)));

program
  .command('advise')
  .description('Suggest the next profile from a soak result (summary.json): wider spread, slower churn, less concurrency.')
  .requiredOption('--from <dir>', 'soak output folder with summary.json', 'artifacts/soak')
  .option('--out <file>', 'where to write the suggested profile (default <dir>/recommended_profile.json)')
  .addOption(configDirOption())
  .option('--sentinel-config <file>', 'advisor thresholds and steps (default config/sentinel.json)')
  .action((opts) =>
    run(async () => {
      const [{ adviseCommand }, { sentinelSettings }, { fromRoot }] = await Promise.all([
        import('./commands/advise-command.js'),
        import('./sentinel-settings.js'),
        import('./cli-context.js'),
      ]);
      const from = fromRoot(opts.from);
      const out = opts.out ? fromRoot(opts.out) : `${from}/recommended_profile.json`;
      return adviseCommand(from, fromRoot(opts.configDir), out, sentinelSettings(opts.sentinelConfig).advisor);
    }),
  );

program
  .command('soak')
  .description('Soak-test a profile against a synthetic (--mock) or replayed market; write metrics, audit, edge report, summary; gate the KPIs.')
  .option('-p, --profile <name>', 'profile NAME; default $MM_PROFILE')
  .option('-n, --iterations <n>', 'iterations (windows of market time); default 2 for --mock, 1 for --replay')
  .option('--hours <h>', 'market hours to cover (or $SOAK_HOURS; 0 = unset); with --iterations sets the window length')
  .option('--mock', 'synthetic market from a seeded scenario')
  .option('--scenario <name|file>', 'scenario NAME (config/scenarios/NAME.json) or file; with --replay it gives fees, latency and order size', 'default')
  .option('--replay <file>', 'recorded market to replay (.gz or plain); for tardis QUOTES.csv[,TRADES.csv]')
  .option('--format <format>', 'replay format: binance-ws | tardis')
  .option('--skip-bad-lines', 'count and skip malformed replay lines instead of failing')
  .option('--until-last', 'tardis: replay to the end of the longer of the quotes and trades files (default: stop where the first ends, with a warning when the other runs on)')
  .option('--depth <on|off>', 'replay: read the capture\'s depth into an L2 book, so the queue behind the touch is known (default on; off: L1 rules, faster)')
  .option('--venue <name|file>', 'venue NAME (config/venues/NAME.json) or file: tick, lots, contract, fees, order size, max position; a replay without it takes the one venue of its symbol')
  .option('--queue-model <name>', 'queue model: risk-averse (default), power[:n] or log (hftbacktest\'s probabilistic queues); wins over the venue\'s and the scenario\'s')
  .option('--exchange-model <name>', 'exchange model: partial-fill (default: a fill takes what the market offered) or no-partial-fill (the whole order at once)')
  .option('--latency-model <spec>', 'order legs (entry and response): constant:MS, lognormal:MEDIAN_MS,P95_MS or from-data[:MULTIPLE[,ADD_MS]] (a multiple of the feed latency); wins over the scenario\'s latency and response_latency')
  .option('--feed-latency-ms <ms>', 'a constant extra feed delay on every market event, ms (on top of the feed leg: the capture\'s own by default)')
  .option('--seed <n>', 'seed of the synthetic market and the latency model', '1')
  .option('--seeds <n>', 'run seeds s..s+n-1 (s = --seed) and judge net edge on its 95% interval over them (replay: over their windows)')
  .option('--window-s <s>', 'iteration length in market seconds (default: the scenario\'s window_s, or replay span / iterations)')
  .option('--export-json <file>', 'where to write metrics.jsonl (default <out-dir>/metrics.jsonl)')
  .option('--out-dir <dir>', 'artifacts folder', 'artifacts/soak')
  .option('--no-auto-tune', 'do not raise min_interval_ms between iterations')
  .option('--audit <mode>', 'audit.jsonl: full (every order event), fills (BLOCK lines as per-window BLOCKS counts) or off (none; ci-gate check then needs --allow-no-audit)', 'full')
  .option('--gates <file>', 'KPI gates', 'config/gates/soak.json')
  .option('-q, --quiet', 'print only the final block')
  .addOption(configDirOption())
  .addHelpText(
    'after',
    `
Exit codes: 0 PASS, 1 FAIL (a hard gate failed), 2 bad input, 3 INCONCLUSIVE (a hard gate's 95% interval
straddles its threshold: more seeds or windows needed), 130 interrupted by Ctrl-C, 143 by SIGTERM (finished
iterations kept, verdict INCOMPLETE; stopped within one batch of events).

Examples:
  SOAK_HOURS=0 MM_PROFILE=S1 mm soak --iterations 2 --mock --export-json artifacts/soak/metrics.jsonl
  mm soak --profile base --mock --hours 24 --quiet
  mm soak --profile S1 --mock --seeds 20 --quiet
  mm soak --profile S1 --replay ../shared/data/binance-usdm/btcusdt_20240808.gz --format binance-ws --iterations 3`,
  )
  .action((opts) => run(async () => (await import('./commands/soak-command.js')).soakCommand(opts)));

program
  .command('sweep')
  .description('Soak every cell of a parameter grid (same market, same seeds) on worker threads; find the window where net edge is positive.')
  .requiredOption('--grid <file>', 'sweep grid, e.g. config/sweeps/s1-window.json')
  .option('-w, --workers <n>', 'worker threads (default: the number of cores; 0 = run in this thread)')
  .option('--out-dir <dir>', 'where sweep.jsonl and PARAM_SWEEP.json/.md/.svg go', 'artifacts/sweep')
  .option('--resume', 'keep the cells already in <out-dir>/sweep.jsonl (same grid) and run only the missing ones')
  .option('--emit-profile <name>', 'write the best safe cell as config/profiles/market_maker_NAME.json (delta form over the base)')
  .option('--force', 'with --emit-profile: overwrite an existing profile file; with --workers: allow more threads than cores (at most 64)')
  .option('-q, --quiet', 'no progress lines')
  .option('--queue <url>', 'run the cells on mm worker processes through Redis (BullMQ): redis://[:PASSWORD@]HOST:PORT[/DB], rediss:// for TLS')
  .option('--cancel', 'with --queue: drop this sweep\'s jobs and results from Redis instead of running it')
  .addOption(configDirOption())
  .addHelpText(
    'after',
    `
Each cell is the grid's starting profile with the cell's values, soaked for the grid's iterations on each of
its seeds; its metrics are the means over the seeds. A cell is safe when it holds the grid's constraints.
Finished cells are appended to sweep.jsonl as they finish, so Ctrl-C (exit 130) or a crash loses only the
cells in flight: run again with --resume. PARAM_SWEEP.json is canonical and identical for any --workers.

Examples:
  mm sweep --grid config/sweeps/s1-window.json
  mm sweep --grid config/sweeps/s1-window.json --resume --emit-profile W1
  mm sweep --grid config/sweeps/s1-window.json --queue redis://127.0.0.1:6379   (with mm worker on each machine)`,
  )
  .action((opts) => run(async () => (await import('./commands/sweep-command.js')).sweepCommand(opts, new URL('./sweep-worker.js', import.meta.url))));

program
  .command('worker')
  .description('Run queued sweep cells (mm sweep --queue) from Redis on this machine until Ctrl-C.')
  .requiredOption('--queue <url>', 'the Redis the sweep was submitted to: redis://[:PASSWORD@]HOST:PORT[/DB], rediss:// for TLS')
  .option('-c, --concurrency <n>', 'cells at a time (default: the number of cores)')
  .option('--stalled-after-ms <ms>', 'a cell whose worker stopped answering this long ago is run again elsewhere', '30000')
  .option('-q, --quiet', 'no line per finished cell')
  .addHelpText(
    'after',
    `
Replay files are read under this machine's workspace root at the path the sweep names, and checked against
the coordinator's sha256: a different copy fails the cell with an error naming the file. Ctrl-C finishes the
cells in hand (a second Ctrl-C quits at once; those cells are run again elsewhere after --stalled-after-ms).

Examples:
  mm worker --queue redis://127.0.0.1:6379
  mm worker --queue redis://:PASSWORD@10.0.0.5:6379/2 --concurrency 8`,
  )
  .action((opts) => run(async () => (await import('./commands/worker-command.js')).workerCommand(opts, new URL('./sweep-worker.js', import.meta.url))));

program
  .command('calibrate')
  .description('Fit a scenario (volatility, arrival rates, sizes, fill intensity A*exp(-k*d), informed flow) to recorded data.')
  .requiredOption('--replay <file>', 'recorded market (.gz or plain)')
  .requiredOption('--format <format>', 'binance-ws | tardis')
  .requiredOption('--out <file>', 'scenario file to write')
  .option('--venue <name|file>', 'venue NAME (config/venues/NAME.json) or file: the symbol, tick and fees of the scenario (default: the venue of the capture\'s symbol when one matches)')
  .option('--maker-bps <bps>', 'maker fee (not in market data); negative = rebate; default: the venue\'s')
  .option('--taker-bps <bps>', 'taker fee (not in market data); default: the venue\'s')
  .option('--latency-median-ms <ms>', 'order-entry latency median (not in market data)', '12')
  .option('--latency-p95-ms <ms>', 'order-entry latency p95', '45')
  .option('--window-s <s>', 'soak iteration length for the scenario', '60')
  .option('--skip-bad-lines', 'count and skip malformed lines')
  .action((opts) =>
    run(async () => {
      const [{ calibrateCommand }, { fromRoot }] = await Promise.all([import('./commands/calibrate-command.js'), import('./cli-context.js')]);
      return calibrateCommand(fromRoot(opts.replay), fromRoot(opts.out), opts);
    }),
  );

program
  .command('report <dir>')
  .description('Rebuild report.html (one self-contained page of charts) from the artifacts in DIR: a soak, a sweep or a ci-gate compare.')
  .action((dir) =>
    run(async () => {
      const [{ reportCommand }, { fromRoot }] = await Promise.all([import('./commands/report-command.js'), import('./cli-context.js')]);
      return reportCommand(fromRoot(dir));
    }),
  );

const audit = program.command('audit').description('Audit trail tools.');
audit
  .command('verify <path>')
  .description('verify the sha256 chain of an audit.jsonl, or of a soak folder\'s (checked against its summary; any --audit mode); exit 1 at the first broken line')
  .action((file) =>
    run(async () => {
      const [{ auditVerifyCommand }, { fromRoot }] = await Promise.all([import('./commands/audit-command.js'), import('./cli-context.js')]);
      return auditVerifyCommand(fromRoot(file));
    }),
  );

const profiles = program.command('profiles').description('List, show, diff and validate profiles.');
profiles
  .command('list')
  .description('list the profiles of the config folder')
  .addOption(configDirOption())
  .action((opts) => run(async () => (await import('./commands/profiles-command.js')).listProfiles(await configDir(opts))));
profiles
  .command('show <name>')
  .description('show a profile applied to the base, field by field (no runtime overrides)')
  .addOption(configDirOption())
  .option('--json', 'print the applied profile as canonical JSON')
  .action((name, opts) =>
    run(async () => (await import('./commands/profiles-command.js')).showProfile(name, await configDir(opts), Boolean(opts.json))),
  );
profiles
  .command('diff <a> <b>')
  .description('fields whose applied values differ between two profiles')
  .addOption(configDirOption())
  .action((a, b, opts) => run(async () => (await import('./commands/profiles-command.js')).diffProfiles(a, b, await configDir(opts))));
profiles
  .command('validate [names...]')
  .description('validate profiles (all when none named); exit 1 when any is invalid, listing every problem')
  .addOption(configDirOption())
  .action((names, opts) =>
    run(async () => (await import('./commands/profiles-command.js')).validateProfiles(names, await configDir(opts))),
  );

async function configDir(opts: { configDir: string }): Promise<string> {
  return (await import('./cli-context.js')).fromRoot(opts.configDir);
}

await runCli(() => program.parseAsync(process.argv));
