/**
 * Ctrl-C on `mm sweep` in a child process: exit 130, the finished cells kept whole in sweep.jsonl and no report
 * written; `--resume` then runs only the missing cells and gives the same PARAM_SWEEP.json as an uninterrupted
 * sweep.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MM, runMm, scratchRepo } from '../__tests__/run-mm.js';

const GRID = {
  profile: 'S1',
  fields: { min_interval_ms: [60, 100, 150], base_spread_bps_delta: [0.35, 0.7, 1], tail_age_ms: [700, 1500] },
  market: { scenario: 'quiet', seeds: [1] },
  iterations: 1,
  window_s: 1800,
};
const CELLS = 18;

describe('mm sweep interrupted', () => {
  it('SIGINT: exit 130, whole lines for finished cells, no report; --resume finishes with the same bytes', async () => {
    const root = scratchRepo();
    writeFileSync(join(root, 'config/sweeps/int.json'), JSON.stringify(GRID));
    const journal = join(root, 'artifacts/sweep/sweep.jsonl');
    const child = spawn(process.execPath, [MM, 'sweep', '--grid', 'config/sweeps/int.json', '--workers', '1'], { cwd: root, env: { ...process.env, MM_PROFILE: '' } });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.resume();
    // Interrupt once the first cell is in the journal.
    const poll = setInterval(() => {
      if (existsSync(journal) && readFileSync(journal, 'utf8').includes('\n') && !child.killed) child.kill('SIGINT');
    }, 20);
    const code = await new Promise<number | null>((done) => child.on('close', done));
    clearInterval(poll);
    expect(code).toBe(130);
    const lines = readFileSync(journal, 'utf8');
    expect(lines.endsWith('\n')).toBe(true);
    const done = lines.trim().split('\n');
    for (const l of done) expect(() => JSON.parse(l)).not.toThrow();
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.length).toBeLessThan(CELLS);
    expect(stdout).toContain(`sweep: interrupted after ${done.length}/${CELLS} cells`);
    expect(existsSync(join(root, 'artifacts/sweep/PARAM_SWEEP.json'))).toBe(false);

    const resumed = runMm(['sweep', '--grid', 'config/sweeps/int.json', '--workers', '1', '--resume', '--quiet'], { cwd: root });
    expect(resumed.code).toBe(0);
    expect(readFileSync(journal, 'utf8').trim().split('\n')).toHaveLength(CELLS);
    const whole = runMm(['sweep', '--grid', 'config/sweeps/int.json', '--workers', '1', '--out-dir', 'artifacts/whole', '--quiet'], { cwd: root });
    expect(whole.code).toBe(0);
    expect(readFileSync(join(root, 'artifacts/sweep/PARAM_SWEEP.json'), 'utf8')).toBe(readFileSync(join(root, 'artifacts/whole/PARAM_SWEEP.json'), 'utf8'));
  });
});
