/** Differential tests: src/shim/util.ts isDeepStrictEqual against node:util on the same inputs. */
import { describe, expect, it } from 'vitest';
import * as nodeUtil from 'node:util';
import fc from 'fast-check';
import { isDeepStrictEqual } from '../../src/shim/util';

const pairs: [string, unknown, unknown][] = [
  ['equal buffers', Buffer.from('abc'), Buffer.from('abc')],
  ['different buffers', Buffer.from('abc'), Buffer.from('abd')],
  ['buffer vs Uint8Array', Buffer.from('abc'), new Uint8Array([97, 98, 99])],
  ['buffer lengths', Buffer.from('abc'), Buffer.from('ab')],
  ['equal dates', new Date(1000), new Date(1000)],
  ['different dates', new Date(1000), new Date(1001)],
  ['date vs number', new Date(1000), 1000],
  ['NaN', NaN, NaN],
  ['+0/-0', 0, -0],
  ['1 vs "1"', 1, '1'],
  [
    'timestamp objects',
    { type: 'transparency-log', logID: Buffer.from([1, 2]), timestamp: new Date(5) },
    { type: 'transparency-log', logID: Buffer.from([1, 2]), timestamp: new Date(5) },
  ],
  ['timestamp objects, other date', { type: 'x', timestamp: new Date(5) }, { type: 'x', timestamp: new Date(6) }],
  ['missing key', { a: 1, b: undefined }, { a: 1 }],
  ['key order', { a: 1, b: 2 }, { b: 2, a: 1 }],
  ['arrays', [1, [2, { c: 3 }]], [1, [2, { c: 3 }]]],
  ['array vs object', [1], { 0: 1 }],
  ['array lengths', [1, 2], [1]],
  ['null vs {}', null, {}],
  ['undefined vs null', undefined, null],
  [
    'class vs plain',
    new (class A {
      x = 1;
    })(),
    { x: 1 },
  ],
  ['maps', new Map([['a', 1]]), new Map([['a', 1]])],
  ['maps differ', new Map([['a', 1]]), new Map([['a', 2]])],
  ['sets', new Set([1, 2]), new Set([2, 1])],
];

describe('isDeepStrictEqual', () => {
  for (const [name, a, b] of pairs) {
    it(`${name}: same as node`, () => {
      expect(isDeepStrictEqual(a, b)).toBe(nodeUtil.isDeepStrictEqual(a, b));
      expect(isDeepStrictEqual(b, a)).toBe(nodeUtil.isDeepStrictEqual(b, a));
    });
  }

  it('random JSON-like values agree with node (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        return isDeepStrictEqual(a, b) === nodeUtil.isDeepStrictEqual(a, b) && isDeepStrictEqual(a, structuredClone(a)) === true;
      }),
      { numRuns: 300 },
    );
  });
});
