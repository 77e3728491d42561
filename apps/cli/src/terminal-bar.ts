/**
 * A progress bar on a terminal (stderr) that log lines (stdout) never share a row with: before each line the
 * bar's row is cleared, the line is printed, and the bar is drawn again below it; `stop` clears the bar's row.
 * On a terminal both streams end up on the same screen, so a bar left in place would be overwritten mid-row.
 */
import cliProgress from 'cli-progress';

/** Erase the whole current row and return to its start (ECMA-48 EL 2 after CR). */
export const CLEAR_ROW = '\r\x1b[2K';

export interface TerminalBar {
  update(percent: number, payload: Record<string, unknown>): void;
  /** Prints a log line through `print` with the bar out of its way. */
  log(line: string, print: (line: string) => void): void;
  stop(): void;
}

export function terminalBar(format: string, stream: NodeJS.WritableStream, payload: Record<string, unknown>): TerminalBar {
  const b = new cliProgress.SingleBar(
    // forceRedraw: the bar must come back after a log line even when its text did not change.
    { format, stream, hideCursor: true, clearOnComplete: true, forceRedraw: true },
    cliProgress.Presets.shades_classic,
  );
  b.start(100, 0, payload);
  let active = true;
  return {
    update: (percent, p) => b.update(percent, p),
    log(line, print) {
      if (!active) return print(line);
      stream.write(CLEAR_ROW);
      print(line);
      b.render();
    },
    stop() {
      if (!active) return;
      active = false;
      b.stop();
    },
  };
}
