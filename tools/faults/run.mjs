#!/usr/bin/env node
// The reliability suite (issue 14, `npm run test:faults`): every case runs the built `mm` / `ci-gate` bins in
// child processes against a scratch workspace — bad inputs by family, signals at seeded random points, two runs
// on one out-dir, edited artifacts, a full disk (tmpfs, when this machine lets us mount one) — and is classed:
//   refused   exit 2, one stderr line, no stack, nothing changed       survived  the run ended as documented
//   wrong     any other exit (e.g. judged a tampered run)             crashed   exit 3 / internal error / stack
//   hung      no exit within the time limit                           partial   files changed or temp files left
// Prints the table; exit 1 when any case is not refused or survived.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MM = join(REPO, 'apps/cli/dist/main.js');
const GATE = join(REPO, 'apps/ci-gate/dist/main.js');
const SEED = Number(process.env.FAULTS_SEED ?? 14);
const verbose = process.argv.includes('--verbose');
for (const bin of [MM, GATE]) {
  if (!existsSync(bin)) {
    console.error(`test:faults: ${bin} is not built; run npx nx run-many -t build first`);
    process.exit(2);
  }
}

/** mulberry32: the kill points are random but the same for the same FAULTS_SEED. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);

const WS = mkdtempSync(join(tmpdir(), 'mm-faults-'));
const IN = join(WS, '..', `${WS.split('/').pop()}-inputs`);
mkdirSync(IN);
writeFileSync(join(WS, 'nx.json'), '{}');
cpSync(join(REPO, 'config'), join(WS, 'config'), { recursive: true });
const cleanEnv = { ...process.env };
delete cleanEnv.MM_PROFILE;
delete cleanEnv.MM_RUNTIME_OVERRIDES_JSON;
delete cleanEnv.SOAK_HOURS;
delete cleanEnv.GITHUB_STEP_SUMMARY;

function run(bin, args, { env = {}, timeoutMs = 60_000 } = {}) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: WS, env: { ...cleanEnv, ...env }, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut: r.error?.code === 'ETIMEDOUT' || (r.signal === 'SIGKILL' && Date.now() - t0 >= timeoutMs), ms: Date.now() - t0 };
}

/** Every file of the workspace (dot-files included) with its sha256. */
function snapshot(dir = WS) {
  const out = {};
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[p.slice(WS.length + 1)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}
function changes(before, after) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k] && !k.startsWith('artifacts/gate/')).sort();
}
const leftovers = () => Object.keys(snapshot()).filter((k) => /(^|\/)\.(staging-|lock|.*\.(tmp|bak)$)/.test(k));
const crashedText = (s) => /internal error|^\s+at .+:\d+:\d+\)?$/m.test(s);

const results = [];
function record(family, name, outcome, detail = '') {
  results.push({ family, name, outcome, detail });
  if (verbose || family === 'two runs' || !['refused', 'survived'].includes(outcome)) console.log(`${outcome.padEnd(8)} ${family}: ${name}${detail ? ` — ${detail}` : ''}`);
}

/** A case that must be refused: exit 2, one line, nothing in the workspace changed. */
function refuse(family, name, bin, args, { env, setup, teardown, mustNotSay } = {}) {
  setup?.();
  const before = snapshot();
  const r = run(bin, args, { env });
  const after = snapshot();
  teardown?.();
  const diff = changes(before, after);
  const lines = r.stderr.trim().split('\n');
  let outcome;
  if (r.timedOut) outcome = 'hung';
  else if (r.code === 3 || r.signal || crashedText(r.stderr)) outcome = 'crashed';
  else if (diff.length) outcome = 'partial';
  else if (r.code === 2 && lines.length === 1 && lines[0] !== '' && !(mustNotSay && r.stderr.includes(mustNotSay))) outcome = 'refused';
  else outcome = 'wrong';
  record(family, name, outcome, outcome === 'refused' ? '' : `exit ${r.code ?? r.signal}: ${r.stderr.trim().split('\n')[0]?.slice(0, 160) ?? ''}${diff.length ? `; changed ${diff.slice(0, 3).join(', ')}` : ''}`);
}

const soakArgs = (extra = []) => ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '1', '--window-s', '300', '--quiet', ...extra];
const file = (name, content) => {
  const p = join(IN, name);
  writeFileSync(p, content);
  return p;
};
const dir = (name) => {
  const p = join(IN, name);
  mkdirSync(p, { recursive: true });
  return p;
};
const t0 = Date.now();

// A previous good run: every refused case must leave it byte for byte.
const base = run(MM, soakArgs());
if (base.code !== 0 && base.code !== 1) {
  console.error(`test:faults: the baseline soak failed (exit ${base.code}): ${base.stderr}`);
  process.exit(2);
}

// ---- bad inputs, by family ----
const profileFile = (name, text) => ({ setup: () => writeFileSync(join(WS, 'config/profiles', `market_maker_${name}.json`), text), teardown: () => rmSync(join(WS, 'config/profiles', `market_maker_${name}.json`), { recursive: true, force: true }) });
refuse('profile', 'unknown name', MM, soakArgs(['--profile', 'NOPE']));
refuse('profile', 'name with ../', MM, soakArgs(['--profile', '../x']));
refuse('profile', 'duplicate key', MM, soakArgs(['--profile', 'DUP']), profileFile('DUP', '{"base_spread_bps_delta":0.1,"base_spread_bps_delta":0.2}'));
refuse('profile', 'key "constructor"', MM, soakArgs(['--profile', 'PROTO']), profileFile('PROTO', '{"constructor":1}'));
refuse('profile', 'key "__proto__"', MM, soakArgs(['--profile', 'PROTO']), profileFile('PROTO', '{"__proto__":{"min_interval_ms":1}}'));
refuse('profile', 'value of the wrong type', MM, soakArgs(['--profile', 'BAD']), profileFile('BAD', '{"min_interval_ms_delta":"ten"}'));
refuse('profile', 'both forms of a field', MM, soakArgs(['--profile', 'BOTH']), profileFile('BOTH', '{"min_interval_ms":60,"min_interval_ms_delta":10}'));
refuse('profile', 'malformed JSON', MM, soakArgs(['--profile', 'MAL']), profileFile('MAL', '{"min_interval_ms": 60,}'));
refuse('profile', 'file is a folder', MM, soakArgs(['--profile', 'DIR']), { setup: () => mkdirSync(join(WS, 'config/profiles/market_maker_DIR.json')), teardown: () => rmSync(join(WS, 'config/profiles/market_maker_DIR.json'), { recursive: true }) });
refuse('overrides', 'malformed env JSON', MM, soakArgs(), { env: { MM_RUNTIME_OVERRIDES_JSON: '{"min_interval_ms":' } });
refuse('overrides', 'value 1e309', MM, soakArgs(), { env: { MM_RUNTIME_OVERRIDES_JSON: '{"min_interval_ms":1e309}' } });
refuse('overrides', 'not an object', MM, soakArgs(), { env: { MM_RUNTIME_OVERRIDES_JSON: '[1,2]' } });
refuse('scenario', 'missing', MM, soakArgs(['--scenario', 'nope']));
refuse('scenario', 'a folder', MM, soakArgs(['--scenario', dir('scen.json')]));
refuse('scenario', '/etc/passwd (content never echoed)', MM, soakArgs(['--scenario', '/etc/passwd']), { mustNotSay: 'root:' });
refuse('scenario', 'malformed JSON', MM, soakArgs(['--scenario', file('mal-scenario.json', '{"window_s": 60,,}')]));
refuse('scenario', 'prototype key', MM, soakArgs(['--scenario', file('proto-scenario.json', '{"toString": 1}')]));
refuse('gates', 'metric typo', MM, soakArgs(['--gates', file('typo-gates.json', '{"hard":[{"metric":"net_bsp","op":">","value":0}]}')]));
refuse('gates', 'a folder', MM, soakArgs(['--gates', dir('gates-dir')]));
refuse('gates', 'malformed JSON', MM, soakArgs(['--gates', file('mal-gates.json', '{"hard": [}')]));
const gz = gzipSync(Buffer.from('1723075200000000 {"stream":"btcusdt@bookTicker","data":{"u":1,"s":"BTCUSDT","b":"1","B":"1","a":"2","A":"1","T":1,"E":1}}\n'.repeat(200)));
const replay = (f, format = 'binance-ws') => soakArgs(['--replay', f, '--format', format]).filter((a) => a !== '--mock', '--scenario', 'quiet');
refuse('replay', 'garbage gzip', MM, replay(file('garbage.gz', 'not gzip')));
refuse('replay', 'truncated gzip', MM, replay(file('truncated.gz', gz.subarray(0, gz.length >> 1))));
refuse('replay', 'empty file', MM, replay(file('empty.jsonl', '')));
refuse('replay', 'bad line', MM, replay(file('badline.jsonl', '{"stream":"btcusdt@bookTicker"\n')));
refuse('replay', 'a folder', MM, replay(dir('replay-dir')));
refuse('replay', 'missing', MM, replay(join(IN, 'missing.gz')));
refuse('replay', 'unknown --format', MM, replay(file('e2.jsonl', ''), 'xyz'));
refuse('replay', 'tardis header wrong', MM, replay(file('q.csv', 'a,b,c\n1,2,3\n'), 'tardis'));
refuse('flags', '--iterations 0x2', MM, soakArgs(['--iterations', '0x2']));
refuse('flags', "--iterations ''", MM, soakArgs(['--iterations', '']));
refuse('flags', '--iterations 1e9', MM, soakArgs(['--iterations', '1000000000']));
refuse('flags', '--seed 4294967297', MM, soakArgs(['--seed', '4294967297']));
refuse('flags', '--window-s 1e300', MM, soakArgs(['--window-s', '1e300']));
refuse('flags', '--hours 1e9', MM, soakArgs(['--hours', '1e9']));
refuse('flags', '--out-dir is a file', MM, soakArgs(['--out-dir', file('plain-file', 'x')]));
refuse('flags', '--out-dir under a file', MM, soakArgs(['--out-dir', join(IN, 'plain-file', 'soak')]));
refuse('flags', '--export-json is a folder', MM, soakArgs(['--export-json', dir('export-dir')]));
const grid = (name, g) => file(name, JSON.stringify({ profile: 'S1', fields: { min_interval_ms: [60, 100] }, market: { scenario: 'quiet', seeds: [1] }, iterations: 1, objective: 'net_bps', constraints: [], ...g }));
const sweep = (g, extra = []) => ['sweep', '--grid', g, '--workers', '0', '--quiet', '--out-dir', 'artifacts/sweep', ...extra];
refuse('sweep grid', 'objective typo', MM, sweep(grid('g1.json', { objective: 'net_bsp' })));
refuse('sweep grid', 'constraint metric typo', MM, sweep(grid('g2.json', { constraints: [{ metric: 'hit_ratoi', op: '>=', value: 0.7 }] })));
refuse('sweep grid', 'both forms of a field', MM, sweep(grid('g3.json', { fields: { base_spread_bps: [0.6], base_spread_bps_delta: [0.1] } })));
refuse('sweep grid', 'fields.__proto__', MM, sweep(file('g4.json', '{"profile":"S1","fields":{"__proto__":[1],"min_interval_ms":[60]},"market":{"seeds":[1]}}')));
refuse('sweep grid', '10^6 cells', MM, sweep(grid('g5.json', { fields: Object.fromEntries(['min_interval_ms', 'tail_age_ms', 'replace_rate_per_min'].map((f, i) => [f, Array.from({ length: 100 }, (_, k) => [60, 400, 120][i] + k)])) })));
refuse('sweep grid', 'truncated gzip replay', MM, sweep(grid('g6.json', { market: { replay: join(IN, 'truncated.gz'), format: 'binance-ws', seeds: [1] } }), ['--workers', '1']));
refuse('sweep grid', 'a folder', MM, sweep(dir('grid-dir')));
refuse('sweep grid', '--workers 1000', MM, ['sweep', '--grid', 'config/sweeps/s1-window.json', '--workers', '1000', '--quiet']);
refuse('sweep grid', '--emit-profile base', MM, ['sweep', '--grid', join(IN, 'g1.json'), '--emit-profile', 'base', '--quiet']);
refuse('other', 'sentinel --watch a folder', MM, ['sentinel', '--profile', 'S1', '--watch', dir('watch-dir')]);
refuse('other', 'sentinel --sentinel-config a folder', MM, ['sentinel', '--profile', 'S1', '--watch', join(WS, 'artifacts/soak/metrics.jsonl'), '--sentinel-config', dir('sc-dir')]);
refuse('other', 'audit verify a folder', MM, ['audit', 'verify', dir('audit-dir')]);
refuse('other', 'ci-gate check --gates a folder', GATE, ['check', '--gates', dir('gate-gates-dir')]);
refuse('other', 'ci-gate compare --replay garbage', GATE, ['compare', '--baseline', 'base', '--candidate', 'S1', '--seeds', '1', '--iterations', '1', '--replay', join(IN, 'garbage.gz'), '--format', 'binance-ws']);

// ---- edited artifacts: ci-gate check must refuse, never judge ----
const soakDir = join(WS, 'artifacts/soak');
const pristine = Object.fromEntries(['summary.json', 'metrics.jsonl', 'audit.jsonl'].map((f) => [f, readFileSync(join(soakDir, f), 'utf8')]));
const restore = () => Object.entries(pristine).forEach(([f, t]) => writeFileSync(join(soakDir, f), t));
const editSummary = (edit) => () => {
  const s = JSON.parse(pristine['summary.json']);
  edit(s);
  writeFileSync(join(soakDir, 'summary.json'), JSON.stringify(s));
};
const tamper = (name, setup) => refuse('edited artifacts', name, GATE, ['check'], { setup: () => (restore(), setup()), teardown: restore });
tamper('summary net_bps set to 1.0', editSummary((s) => (s.metrics.net_bps = 1.0)));
tamper('summary hit_ratio set to 0.99', editSummary((s) => (s.metrics.hit_ratio = 0.99)));
tamper('summary audit key deleted', editSummary((s) => delete s.audit));
tamper('summary metrics_sha256 deleted', editSummary((s) => delete s.metrics_sha256));
const auditLines = pristine['audit.jsonl'].split('\n').filter(Boolean);
const cutAt = Math.max(2, Math.floor(auditLines.length * (0.2 + 0.6 * random())));
tamper(`audit cut to ${cutAt} lines, summary edited to match`, () => {
  const kept = auditLines.slice(0, cutAt);
  writeFileSync(join(soakDir, 'audit.jsonl'), kept.join('\n') + '\n');
  editSummary((s) => (s.audit = { lines: cutAt, head: JSON.parse(kept.at(-1)).hash }))();
});
tamper('audit line edited', () => writeFileSync(join(soakDir, 'audit.jsonl'), pristine['audit.jsonl'].replace('"type":"FILL"', '"type":"PLACE"')));
tamper('audit torn last line', () => writeFileSync(join(soakDir, 'audit.jsonl'), pristine['audit.jsonl'].slice(0, -40)));
tamper('metrics line edited', () => writeFileSync(join(soakDir, 'metrics.jsonl'), pristine['metrics.jsonl'].replace('"gross":', '"gross":9')));
tamper('metrics from another run', () => writeFileSync(join(soakDir, 'metrics.jsonl'), pristine['metrics.jsonl'].replace('"iteration":1', '"iteration":1,"x":0')));

// ---- signals at seeded random points: the previous run survives, or the stopped run is whole ----
async function killAt(signal, delayMs) {
  const before = snapshot(soakDir);
  // A day of market in 1-minute windows: several seconds of work, so the signal lands mid-run.
  const child = spawn(process.execPath, [MM, 'soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '1440', '--window-s', '60', '--quiet'], { cwd: WS, env: cleanEnv });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((res) => child.on('exit', (code, sig) => res({ code, sig })));
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const { code, sig } = await exited;
  clearTimeout(timer);
  const name = `${signal} after ${delayMs} ms`;
  // The run ended on its own before the signal: this case tested nothing; say so rather than judge the files.
  if (sig === null && (code === 0 || code === 1)) return record('signals', name, 'wrong', `the run finished (exit ${code}) before the signal; lengthen it`);
  if (signal === 'SIGKILL') {
    // Killed: what a reader sees is the previous run, byte for byte; the next run takes the stale lock over.
    const visible = (snap) => Object.fromEntries(Object.entries(snap).filter(([k]) => !k.split('/').some((p) => p.startsWith('.'))));
    const diff = changes(visible(before), visible(snapshot(soakDir)));
    const next = run(MM, soakArgs());
    const ok = (next.code === 0 || next.code === 1) && leftovers().length === 0;
    return record('signals', name, diff.length ? 'partial' : ok ? 'survived' : 'wrong', diff.length ? `changed ${diff.join(', ')}` : ok ? '' : `next run exit ${next.code}: ${next.stderr.trim()}; left ${leftovers().join(', ')}`);
  }
  const want = signal === 'SIGINT' ? 130 : 143;
  if (sig || code !== want) return record('signals', name, code === 3 || crashedText(stderr) ? 'crashed' : sig === 'SIGKILL' ? 'hung' : 'wrong', `exit ${code ?? sig}: ${stderr.trim().slice(0, 160)}`);
  const changed = changes(before, snapshot(soakDir));
  if (changed.length === 0) return record('signals', name, 'survived', 'stopped before the first window: nothing written');
  const summary = JSON.parse(readFileSync(join(soakDir, 'summary.json'), 'utf8'));
  const metrics = readFileSync(join(soakDir, 'metrics.jsonl'), 'utf8');
  const verify = run(MM, ['audit', 'verify', 'artifacts/soak/audit.jsonl']);
  const whole = metrics.endsWith('\n') && metrics.trim().split('\n').length === summary.iterations && summary.verdict === 'INCOMPLETE' && verify.code === 0 && leftovers().length === 0;
  record('signals', name, whole ? 'survived' : 'partial', whole ? '' : `verdict ${summary.verdict}, ${summary.iterations} iterations, audit verify exit ${verify.code}, left ${leftovers().join(', ')}`);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL', 'SIGINT', 'SIGTERM', 'SIGKILL']) await killAt(signal, Math.round(300 + random() * 2700));

// ---- two runs on one out-dir ----
async function concurrent(name, args, second) {
  const child = spawn(process.execPath, [MM, ...args], { cwd: WS, env: cleanEnv });
  const exited = new Promise((res) => child.on('exit', (code) => res(code)));
  const lock = join(WS, second.dir, '.lock');
  for (let i = 0; i < 300 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 50));
  const held = existsSync(lock);
  const r = run(MM, second.args);
  child.kill('SIGINT');
  const first = await exited;
  const lines = r.stderr.trim().split('\n');
  const ok = held && r.code === 2 && lines.length === 1 && /in use by mm (soak|sweep) \(pid \d+/.test(r.stderr) && r.ms < 10_000;
  record('two runs', name, ok ? 'refused' : r.code === 3 || crashedText(r.stderr) ? 'crashed' : 'wrong', ok ? `second refused in ${r.ms} ms` : `lock ${held ? 'held' : 'not seen'}; second exit ${r.code} in ${r.ms} ms: ${lines[0]}; first exit ${first}`);
}
await concurrent('two soaks, one out-dir', ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '400', '--window-s', '60', '--quiet'], { dir: 'artifacts/soak', args: soakArgs() });
grid('g-ok.json', { iterations: 4, fields: { min_interval_ms: [60, 80, 100, 120, 150, 200, 250, 300] } });
await concurrent('two sweeps --resume, one out-dir', ['sweep', '--grid', join(IN, 'g-ok.json'), '--workers', '0', '--quiet', '--out-dir', 'artifacts/sweep2'], { dir: 'artifacts/sweep2', args: ['sweep', '--grid', join(IN, 'g-ok.json'), '--workers', '0', '--quiet', '--out-dir', 'artifacts/sweep2', '--resume'] });

// ---- a full disk ----
const full = join(WS, 'full');
mkdirSync(full);
const mounted = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', full]).status === 0;
if (!mounted) {
  console.log('skip: ENOSPC cases (cannot mount a tmpfs here: needs root and mount permission)');
} else {
  try {
    writeFileSync(join(full, 'keep.txt'), 'previous content\n');
    refuse('full disk', 'soak out-dir on a 256 KiB tmpfs', MM, ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '2', '--window-s', '600', '--quiet', '--out-dir', 'full/soak']);
    try {
      writeFileSync(join(full, 'filler'), Buffer.alloc(512 * 1024)); // fills the tmpfs to the last byte
    } catch {
      // ENOSPC: as intended
    }
    refuse('full disk', '--export-json on a full tmpfs, out-dir elsewhere', MM, ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '2', '--window-s', '600', '--quiet', '--out-dir', 'artifacts/soak-enospc', '--export-json', 'full/m.jsonl']);
  } finally {
    spawnSync('umount', [full]);
  }
}

// ---- the table ----
const count = (o) => results.filter((r) => r.outcome === o).length;
const families = [...new Set(results.map((r) => r.family))];
const row = (cells) => `| ${cells.join(' | ')} |`;
console.log('');
console.log(row(['family', 'cases', 'refused cleanly', 'survived', 'wrong', 'crashed', 'hung', 'partial writes']));
console.log(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
for (const f of families) {
  const rs = results.filter((r) => r.family === f);
  const c = (o) => rs.filter((r) => r.outcome === o).length;
  console.log(row([f, rs.length, c('refused'), c('survived'), c('wrong'), c('crashed'), c('hung'), c('partial')]));
}
console.log(row(['**all**', results.length, count('refused'), count('survived'), count('wrong'), count('crashed'), count('hung'), count('partial')]));
console.log(`\ntest:faults: ${results.length} cases in ${Math.round((Date.now() - t0) / 1000)} s (FAULTS_SEED=${SEED}, ${availableParallelism()} cores); workspace ${WS}`);
const bad = results.length - count('refused') - count('survived');
if (!bad) {
  rmSync(WS, { recursive: true, force: true });
  rmSync(IN, { recursive: true, force: true });
}
process.exitCode = bad ? 1 : 0;
