import { describe, expect, it, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import {
  comparePaths,
  folderEntries,
  gitTreeEntries,
  listFiles,
  reproducibleZip,
  sourceDateEpoch,
  type ZipEntry,
} from '../../scripts/reproducible-zip';

const enc = new TextEncoder();
const EPOCH = 1764764300; // 2025-12-03T12:18:20Z
const entries: ZipEntry[] = [
  { path: 'manifest.json', data: enc.encode('{"manifest_version":3}\n') },
  { path: 'assets/b.js', data: enc.encode('console.log("b");\n'.repeat(50)) },
  { path: 'assets/a.js', data: enc.encode('export const a = 1;\n') },
  { path: 'Zeta.txt', data: enc.encode('upper case sorts first\n') },
  { path: 'bin/run', data: enc.encode('#!/bin/sh\n'), executable: true },
];

/** The central directory records: name, version made by, DOS time/date, external attributes. */
function centralRecords(zip: Uint8Array) {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.byteLength - 22;
  expect(v.getUint32(eocd, true)).toBe(0x06054b50);
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  const out = [];
  for (let i = 0; i < count; i++) {
    expect(v.getUint32(p, true)).toBe(0x02014b50);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    out.push({
      name: new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen)),
      madeBy: v.getUint16(p + 4, true),
      time: v.getUint16(p + 12, true),
      date: v.getUint16(p + 14, true),
      extraLen,
      mode: v.getUint32(p + 38, true) >>> 16,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function dosFields(time: number, date: number) {
  return {
    year: 1980 + (date >> 9),
    month: (date >> 5) & 15,
    day: date & 31,
    hour: time >> 11,
    minute: (time >> 5) & 63,
    second: (time & 31) * 2,
  };
}

const tmp: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'pp-zip-'));
  tmp.push(d);
  return d;
};
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('reproducibleZip', () => {
  it('gives the same bytes whatever the input order', () => {
    const a = reproducibleZip(entries, { epoch: EPOCH });
    const b = reproducibleZip([...entries].reverse(), { epoch: EPOCH });
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('gives the same bytes, and UTC times, under any TZ', () => {
    const saved = process.env.TZ;
    try {
      const zips = ['UTC', 'Pacific/Chatham', 'America/Los_Angeles', 'Asia/Kolkata'].map((tz) => {
        process.env.TZ = tz;
        return reproducibleZip(entries, { epoch: EPOCH });
      });
      for (const z of zips) expect(Buffer.compare(z, zips[0]!)).toBe(0);
      // The zip says 2025-12-03 12:18:20 (DOS time: UTC, 2 s steps), for every entry.
      for (const r of centralRecords(zips[1]!)) {
        expect(dosFields(r.time, r.date)).toEqual({ year: 2025, month: 12, day: 3, hour: 12, minute: 18, second: 20 });
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('sorts by UTF-8 bytes, writes no extra fields, fixed Unix modes', () => {
    const recs = centralRecords(reproducibleZip(entries, { epoch: EPOCH }));
    expect(recs.map((r) => r.name)).toEqual(['Zeta.txt', 'assets/a.js', 'assets/b.js', 'bin/run', 'manifest.json']);
    for (const r of recs) {
      expect(r.extraLen).toBe(0);
      expect(r.madeBy >> 8).toBe(3); // Unix
      expect(r.mode).toBe(r.name === 'bin/run' ? 0o100755 : 0o100644);
    }
    expect(comparePaths('é', 'z')).toBeGreaterThan(0); // U+00E9 is 0xC3 0xA9 in UTF-8
  });

  it('round-trips the content (DEFLATE)', () => {
    const files = unzipSync(reproducibleZip(entries, { epoch: EPOCH }));
    for (const e of entries) expect(Buffer.from(files[e.path]!).toString()).toBe(Buffer.from(e.data).toString());
  });

  it('changes when a byte, a mode or the time changes', () => {
    const base = reproducibleZip(entries, { epoch: EPOCH });
    const edited = entries.map((e) => (e.path === 'assets/a.js' ? { ...e, data: enc.encode('export const a = 2;\n') } : e));
    const chmod = entries.map((e) => (e.path === 'manifest.json' ? { ...e, executable: true } : e));
    expect(Buffer.compare(reproducibleZip(edited, { epoch: EPOCH }), base)).not.toBe(0);
    expect(Buffer.compare(reproducibleZip(chmod, { epoch: EPOCH }), base)).not.toBe(0);
    expect(Buffer.compare(reproducibleZip(entries, { epoch: EPOCH + 2 }), base)).not.toBe(0);
  });

  it('clamps times before 1980 to 1980-01-01', () => {
    const [r] = centralRecords(reproducibleZip(entries.slice(0, 1), { epoch: 0 }));
    expect(dosFields(r!.time, r!.date)).toEqual({ year: 1980, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
  });

  it('refuses unclean or duplicate paths', () => {
    for (const path of ['/abs', '../up', 'a/../b', 'a//b', 'dir/', 'a\\b', '', '404']) {
      expect(() => reproducibleZip([{ path, data: enc.encode('x') }], { epoch: EPOCH }), path).toThrow();
    }
    expect(() => reproducibleZip([entries[0]!, entries[0]!], { epoch: EPOCH })).toThrow(/twice/);
  });
});

describe('build folder and git tree entries', () => {
  it('lists regular files sorted and refuses symlinks', () => {
    const d = tempDir();
    mkdirSync(join(d, 'b'));
    writeFileSync(join(d, 'b', 'x.js'), 'x');
    writeFileSync(join(d, 'a.txt'), 'a');
    chmodSync(join(d, 'a.txt'), 0o600); // the mode on disk does not reach the zip
    expect(listFiles(d)).toEqual(['a.txt', 'b/x.js']);
    expect(folderEntries(d).every((e) => !e.executable)).toBe(true);
    symlinkSync('/etc/passwd', join(d, 'link'));
    expect(() => listFiles(d)).toThrow(/not a regular file/);
  });

  it('takes SOURCE_DATE_EPOCH from the environment, else the commit time; the git tree with its modes', () => {
    const d = tempDir();
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, {
        cwd: d,
        encoding: 'utf8',
        env: { ...process.env, GIT_AUTHOR_DATE: '@1700000000 +0000', GIT_COMMITTER_DATE: '@1700000000 +0000' },
      });
      expect(r.status, r.stderr).toBe(0);
    };
    git('init', '-q');
    writeFileSync(join(d, 'run.sh'), '#!/bin/sh\necho hi\n');
    chmodSync(join(d, 'run.sh'), 0o755);
    mkdirSync(join(d, 'src'));
    writeFileSync(join(d, 'src', 'a.ts'), 'export {};\n');
    writeFileSync(join(d, 'untracked.txt'), 'not in the tree\n');
    git('add', 'run.sh', 'src/a.ts');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'x');

    expect(sourceDateEpoch(d, {})).toEqual({ epoch: 1700000000, from: 'git' });
    expect(sourceDateEpoch(d, { SOURCE_DATE_EPOCH: '1600000000' })).toEqual({ epoch: 1600000000, from: 'SOURCE_DATE_EPOCH' });
    expect(() => sourceDateEpoch(d, { SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/not a non-negative integer/);
    expect(() => sourceDateEpoch(tempDir(), {})).toThrow(/SOURCE_DATE_EPOCH/);

    const tree = gitTreeEntries(d, 'HEAD', 'p-1.0/');
    expect(tree.map((e) => [e.path, e.executable, Buffer.from(e.data).toString()])).toEqual([
      ['p-1.0/run.sh', true, '#!/bin/sh\necho hi\n'],
      ['p-1.0/src/a.ts', false, 'export {};\n'],
    ]);
  });
});
