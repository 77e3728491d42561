import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findWorkspaceRoot, workspacePaths } from './workspace-root.js';

describe('findWorkspaceRoot', () => {
  it('walks up to the folder with nx.json, from the root itself or any folder below it', () => {
    const root = mkdtempSync(join(tmpdir(), 'mm-ws-'));
    writeFileSync(join(root, 'nx.json'), '{}');
    const deep = join(root, 'a', 'b', 'c');
    mkdirSync(deep, { recursive: true });
    expect(findWorkspaceRoot(deep)).toBe(root);
    expect(findWorkspaceRoot(root)).toBe(root);
    expect(findWorkspaceRoot(join(root, 'a', '..', 'a'))).toBe(root);
  });

  it('without an nx.json anywhere above: the start folder itself', () => {
    const lone = mkdtempSync(join(tmpdir(), 'mm-ws-none-'));
    mkdirSync(join(lone, 'x'));
    expect(findWorkspaceRoot(join(lone, 'x'))).toBe(join(lone, 'x'));
  });
});

describe('workspacePaths', () => {
  const ws = workspacePaths('/w/repo');

  it('fromRoot: a relative path is taken from the root, an absolute one stays', () => {
    expect(ws.fromRoot('config/x.json')).toBe('/w/repo/config/x.json');
    expect(ws.fromRoot('/etc/x.json')).toBe('/etc/x.json');
    expect(ws.fromRoot('../y')).toBe('/w/y');
  });

  it('shown: relative to the root when inside it, else as given', () => {
    expect(ws.shown('/w/repo/artifacts/soak/summary.json')).toBe(['artifacts', 'soak', 'summary.json'].join(sep));
    expect(ws.shown('/w/other/f')).toBe('/w/other/f');
    expect(ws.shown('/w/repo')).toBe('/w/repo');
    expect(ws.shown('/w/repo..x/f')).toBe('/w/repo..x/f');
  });
});
