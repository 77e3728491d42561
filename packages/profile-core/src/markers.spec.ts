import { describe, expect, it } from 'vitest';
import { marker } from './markers.js';

describe('marker (SPEC 10)', () => {
  it('a greppable status line; details empty when not given', () => {
    expect(marker('profile_apply', 'OK', 'PROFILE=S1')).toBe('| profile_apply | OK | PROFILE=S1 |');
    expect(marker('soak', 'INCOMPLETE')).toBe('| soak | INCOMPLETE |  |');
  });
});
