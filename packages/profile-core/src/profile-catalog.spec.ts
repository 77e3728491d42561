import { describe, expect, it } from 'vitest';
import { diffAppliedProfiles, listProfileNames } from './profile-catalog.js';
import { closestKey } from './closest-key.js';
import { resolveProfile } from './resolve-profile.js';
import { scratchWorkspace } from './__tests__/fixtures.js';

describe('profile catalog', () => {
  it('lists market_maker_*.json names, sorted, ignoring other files', () => {
    const ws = scratchWorkspace({ 'market_maker_A.json': '{}', 'notes.json': '{}', 'market_maker_..json': '{}' });
    const names = listProfileNames(ws.configDir);
    expect(names).toContain('A');
    expect(names).toContain('S1');
    expect(names).not.toContain('notes');
    expect([...names].sort()).toEqual(names);
  });

  it('diffs two applied profiles field by field with exact changes', () => {
    const ws = scratchWorkspace();
    const base = resolveProfile({ name: 'base', configDir: ws.configDir, root: ws.root, env: {} });
    const s1 = resolveProfile({ name: 'S1', configDir: ws.configDir, root: ws.root, env: {} });
    const diff = diffAppliedProfiles(base.applied, s1.applied);
    expect(diff.find((d) => d.field === 'inventory_tilt_cap')).toEqual({ field: 'inventory_tilt_cap', a: 0.3, b: 0.2, change: -0.1 });
    expect(diff.find((d) => d.field === 'tail_age_ms')).toBeUndefined();
    expect(diff).toHaveLength(9);
  });

  it('suggests only close keys', () => {
    expect(closestKey('tail_agee_ms', ['tail_age_ms', 'min_interval_ms'])).toBe('tail_age_ms');
    expect(closestKey('completely_else', ['tail_age_ms'])).toBeUndefined();
  });
});
