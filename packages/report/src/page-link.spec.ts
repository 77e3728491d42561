import { describe, expect, it } from 'vitest';
import { pageLink } from './page-link.js';

describe('pageLink', () => {
  const show = (p: string) => p.replace('/tmp/run dir/', 'artifacts/');
  it('on a terminal: a file:// link to the absolute path (spaces escaped, clickable)', () => {
    expect(pageLink('/tmp/run dir/soak/report.html', show, true)).toBe('file:///tmp/run%20dir/soak/report.html');
  });
  it('elsewhere (a pipe, CI logs): the path as the command shows paths', () => {
    expect(pageLink('/tmp/run dir/soak/report.html', show, false)).toBe('artifacts/soak/report.html');
  });
});
