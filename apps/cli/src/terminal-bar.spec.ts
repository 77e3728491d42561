/**
 * The soak's bar on a (fake) terminal: what is written, in order, to the bar's stream and to the log. A log line
 * must come after the bar's row is cleared and before the bar is drawn again; stop leaves the row empty.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CLEAR_ROW, terminalBar } from './terminal-bar.js';

function fakeTerminal() {
  const events: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      events.push(`tty:${chunk.toString()}`);
      done();
    },
  }) as Writable & { isTTY: boolean; columns: number; cursorTo: (x: number) => boolean; clearLine: () => boolean };
  stream.isTTY = true;
  stream.columns = 80;
  // What readline calls on a TTY stream: the real escape sequences, so the test sees what a terminal would.
  stream.cursorTo = (x: number) => stream.write(`\x1b[${x + 1}G`);
  stream.clearLine = () => stream.write('\x1b[2K');
  return { stream, events, print: (l: string) => events.push(`log:${l}`) };
}

describe('terminalBar', () => {
  it('clears its row before each log line and draws itself again after it', () => {
    const t = fakeTerminal();
    const bar = terminalBar('soak [{bar}] {percentage}% | iter {iter}', t.stream, { iter: '1/2' });
    bar.update(50, { iter: '1/2' });
    const before = t.events.length;
    bar.log('| soak_iter | OK | ITER=1/2 |', t.print);
    const after = t.events.slice(before);
    const logAt = after.indexOf('log:| soak_iter | OK | ITER=1/2 |');
    expect(logAt).toBeGreaterThan(0);
    // The row was cleared right before the line...
    expect(after[logAt - 1]).toBe(`tty:${CLEAR_ROW}`);
    // ...and the bar is back after it, on its own row.
    expect(after.slice(logAt + 1).join('')).toContain('50% | iter 1/2');
    bar.stop();
  });

  it('stop clears the bar row; later lines print plainly', () => {
    const t = fakeTerminal();
    const bar = terminalBar('soak [{bar}] {percentage}%', t.stream, {});
    bar.update(100, {});
    bar.stop();
    const tail = t.events.slice(-3).join('');
    expect(tail).toContain('\x1b[2K'); // the last thing on the row is a clear
    const n = t.events.length;
    bar.log('SOAK TEST: PASS', t.print);
    expect(t.events.slice(n)).toEqual(['log:SOAK TEST: PASS']);
    bar.stop(); // twice is harmless
  });
});
