import { describe, expect, it } from 'vitest';
import { assertProfileName, profileFileName, profileNameOf } from './profile-name.js';

describe('profile names', () => {
  it('1 to 64 letters, digits, "_" or "-", starting with a letter or digit', () => {
    for (const ok of ['S1', 'a', '9x', 'GLFT1', 'a-b_c', 'x'.repeat(64)]) expect(() => assertProfileName(ok), ok).not.toThrow();
    for (const bad of ['', '-a', '_a', 'x'.repeat(65), 'a.b', 'a/b', '../x', 'a b', 'S1\n']) {
      expect(() => assertProfileName(bad), bad).toThrow(`invalid profile name ${JSON.stringify(bad)}: use 1-64 letters, digits, "_" or "-", starting with a letter or digit`);
    }
  });

  it('the file of a name, and the name of a file: only the whole market_maker_NAME.json form', () => {
    expect(profileFileName('S1')).toBe('market_maker_S1.json');
    expect(profileNameOf('market_maker_S1.json')).toBe('S1');
    expect(profileNameOf('old_market_maker_S1.json')).toBeUndefined();
    expect(profileNameOf('market_maker_S1.json.bak')).toBeUndefined();
    expect(profileNameOf('market_maker_.json')).toBeUndefined();
    expect(profileNameOf('market_maker_a.b.json')).toBeUndefined();
    expect(profileNameOf('base.json')).toBeUndefined();
  });
});
