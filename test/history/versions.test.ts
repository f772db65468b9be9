import { describe, expect, it } from 'vitest';
import { compareVersions, releaseLine } from '../../src/history/versions';

describe('PEP 440 order and release lines', () => {
  it('orders versions like packaging', () => {
    const sorted = ['1.0.dev1', '1.0a1', '1.0a2.dev1', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0.post1', '1.0.1', '1.10', '2!0.1'];
    const shuffled = [...sorted].reverse();
    expect(shuffled.sort(compareVersions)).toEqual(sorted);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('2.10.0', '2.9.9')).toBe(1);
  });
  it('release line: major, or major.minor for 0.x, with epoch', () => {
    expect(releaseLine('2.3.1')).toBe('2');
    expect(releaseLine('2.0rc1')).toBe('2');
    expect(releaseLine('0.4.2')).toBe('0.4');
    expect(releaseLine('0.0.19')).toBe('0.0');
    expect(releaseLine('1!3.1')).toBe('1!3');
    expect(releaseLine('not a version')).toBeNull();
  });
});
