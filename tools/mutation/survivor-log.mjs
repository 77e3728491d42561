// A Stryker reporter plugin for tools/mutation/run.mjs: appends each mutant that survives (or that no test
// covers) to artifacts/mutation/NAME/survivors.txt as it is tested, one line each (file:line:col, mutator,
// replacement), so tests can be written while a long run is still going. The full report comes at the end.
// NAME/tested.txt gets one line per tested mutant of any status (status file:line:col mutator): a run stopped
// before its end writes no report, and this is then what it measured.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

class SurvivorLog {
  static inject = ['options'];

  constructor(options) {
    this.file = join(dirname(options.jsonReporter.fileName), 'survivors.txt');
    this.tested = join(dirname(options.jsonReporter.fileName), 'tested.txt');
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, '');
    writeFileSync(this.tested, '');
  }

  onMutantTested(m) {
    const where = `${relative(process.cwd(), m.fileName)}:${m.location.start.line}:${m.location.start.column}`;
    appendFileSync(this.tested, `${m.status} ${where} ${m.mutatorName}\n`);
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') return;
    const replacement = String(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 160);
    appendFileSync(this.file, `${m.status} ${where} ${m.mutatorName}: ${replacement}\n`);
  }
}

export const strykerPlugins = [{ kind: 'Reporter', name: 'survivor-log', injectableClass: SurvivorLog }];
