/**
 * Lock-file parsers (src/cli/lockfiles/): real-world shaped requirements.txt (pip-compile with
 * hashes, markers, -r includes, comments, continuations, non-index sources), uv.lock and
 * pylock.toml (PEP 751); malformed input gives an error naming the file and line.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { logicalLines, parseRequirementLine, parseRequirements } from '../../src/cli/lockfiles/requirements';
import { parsePylock, parseUvLock } from '../../src/cli/lockfiles/toml-locks';
import { LockFileError, type LockEntry } from '../../src/cli/lockfiles/types';
import { repoRoot } from './cli-harness';

const LOCKS = join(repoRoot, 'test/fixtures/locks');
const S1 = '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b';
const S2 = 'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b';
const fsHost = (files: Record<string, string> = {}) => ({
  read: async (p: string) => (p in files ? files[p]! : readFileSync(p, 'utf8')),
  resolve: (from: string, ref: string) => resolve(dirname(from), ref),
});
const pypiOnly = (url: string) => new URL(url).origin === 'https://pypi.org';
const brief = (e: LockEntry) =>
  e.kind === 'files'
    ? `${e.name}==${e.version} files:${e.files.map((f) => `${f.filename}@${f.sha256?.slice(0, 6) ?? 'none'}`).join(',')}`
    : e.kind === 'hashes'
      ? `${e.name}==${e.version} hashes:${e.hashes.map((h) => h.slice(0, 6)).join(',')}`
      : `not-checkable ${e.name}`;

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(LockFileError);
    return (e as Error).message;
  }
  throw new Error('expected a LockFileError');
}

describe('requirements.txt', () => {
  it('the pip-compile fixture: includes, continuations, markers, hashes, non-index sources, in file order', async () => {
    const path = join(LOCKS, 'requirements.txt');
    const { entries, indexUrl } = await parseRequirements(path, fsHost());
    expect(indexUrl).toBe('https://pypi.org/simple');
    expect(entries.map(brief)).toEqual([
      'FastHash_Lib==1.2.0 hashes:',
      'not-checkable ./local-package',
      'not-checkable mytool',
      'not-checkable git+https://github.com/example-org/unreleased.git@v1#egg=unreleased',
      'not-checkable requests',
      `sampleproject==4.0.0 hashes:${S1.slice(0, 6)},${S2.slice(0, 6)}`,
      'pycrypto==2.6.1 hashes:f2ce1e',
    ]);
    const sample = entries.find((e) => e.name === 'sampleproject')!;
    expect(sample.source).toEqual({ path, line: 13 });
    expect(entries[0]!.source).toEqual({ path: join(LOCKS, 'requirements-extra.txt'), line: 2 });
    const why = entries.filter((e) => e.kind === 'not-checkable').map((e) => (e as { why: string }).why);
    expect(why).toEqual([
      'an editable install (-e) is built from source',
      'installed from a URL (name @ URL), not from the index',
      'a URL or a local path, not a release on the index',
      'not pinned to one version (name==version)',
    ]);
  });

  it('logical lines: comments (not inside a token), continuations, CRLF, BOM; numbered by their first line', () => {
    expect(logicalLines('\uFEFFa==1 \\\r\n  --hash=sha256:x # c\r\n# only a comment\r\nb==2#not-a-comment\n\nc==3 \\\n')).toEqual([
      { text: 'a==1    --hash=sha256:x', number: 1 },
      { text: 'b==2#not-a-comment', number: 4 },
      { text: 'c==3', number: 6 },
    ]);
  });

  it('requirement lines: extras, markers, === and case-insensitive sha256; other algorithms are ignored', () => {
    expect(
      brief(
        parseRequirementLine(
          `Sample.Project[a,b]===4.0.0 ; sys_platform == "linux" --hash sha256:${S1.toUpperCase()} --hash=sha512:ab`,
          'r',
          1,
        ),
      ),
    ).toBe(`Sample.Project==4.0.0 hashes:${S1.slice(0, 6)}`);
    expect(parseRequirementLine('x==1.*', 'r', 1).kind).toBe('not-checkable');
  });

  it('malformed input: an error naming the file and line', async () => {
    const r = (text: string) => parseRequirements('/x/req.txt', fsHost({ '/x/req.txt': text }));
    expect(await errorOf(r('ok==1\n--frobnicate\n'))).toBe('/x/req.txt:2: unknown option "--frobnicate"');
    expect(await errorOf(r('a==1 --hash=sha256:abc\n'))).toMatch(
      /^\/x\/req\.txt:1: --hash "sha256:abc" is not sha256: followed by 64 hex digits$/,
    );
    expect(await errorOf(r('\n\nnot a requirement!\n'))).toMatch(/^\/x\/req\.txt:3: cannot read the version specifier "a requirement!"$/);
    expect(await errorOf(r('a==1 ; x \\\n  --hash=md5\n'))).toMatch(/^\/x\/req\.txt:1: --hash "md5" is not ALGORITHM:HEX$/);
    expect(await errorOf(r('-r\n'))).toBe('/x/req.txt:1: -r needs a value');
    expect(await errorOf(r('-r missing.txt\n'))).toMatch(/missing\.txt/);
    const loop = { '/x/a.txt': '-r b.txt\n', '/x/b.txt': '-r a.txt\n' };
    expect(await errorOf(parseRequirements('/x/a.txt', fsHost(loop)))).toMatch(/include loop/);
  });
});

describe('uv.lock', () => {
  it('the fixture: registry packages by file with sha256; editable, git and another index are not checkable', () => {
    const path = join(LOCKS, 'uv.lock');
    const entries = parseUvLock(path, readFileSync(path, 'utf8'), pypiOnly);
    expect(entries.map(brief)).toEqual([
      'fasthash-lib==1.2.0 files:fasthash_lib-1.2.0.tar.gz@111111',
      'not-checkable my-app',
      'pycrypto==2.6.1 files:pycrypto-2.6.1.tar.gz@f2ce1e',
      `sampleproject==4.0.0 files:sampleproject-4.0.0.tar.gz@${S1.slice(0, 6)},sampleproject-4.0.0-py3-none-any.whl@${S2.slice(0, 6)}`,
      'not-checkable testonly',
      'not-checkable unreleased',
    ]);
    expect(entries[3]!.source.line).toBe(33);
  });

  it('malformed: not TOML (with the line), not a uv.lock, a bad hash', async () => {
    expect(await errorOf(() => parseUvLock('uv.lock', 'version = 1\n[[package]\nname = "x"\n', pypiOnly))).toMatch(
      /^uv\.lock:2: not valid TOML/,
    );
    expect(await errorOf(() => parseUvLock('uv.lock', '[[package]]\nname = "x"\n', pypiOnly))).toMatch(/no top-level "version"/);
    const badHash =
      'version = 1\n[[package]]\nname = "a"\nversion = "1"\nsource = { registry = "https://pypi.org/simple" }\nsdist = { url = "https://x/a-1.tar.gz", hash = "sha256:zz" }\n';
    expect(await errorOf(() => parseUvLock('uv.lock', badHash, pypiOnly))).toMatch(/a: sdist hash is not sha256/);
  });
});

describe('pylock.toml (PEP 751)', () => {
  it('the fixture: sdist and wheels by name with hashes; vcs, directory and another index are not checkable', () => {
    const path = join(LOCKS, 'pylock.toml');
    const entries = parsePylock(path, readFileSync(path, 'utf8'), pypiOnly);
    expect(entries.map(brief)).toEqual([
      `sampleproject==4.0.0 files:sampleproject-4.0.0.tar.gz@${S1.slice(0, 6)},sampleproject-4.0.0-py3-none-any.whl@${S2.slice(0, 6)}`,
      'pycrypto==2.6.1 files:pycrypto-2.6.1.tar.gz@f2ce1e',
      'not-checkable unreleased',
      'not-checkable local-thing',
      'not-checkable private-lib',
    ]);
  });

  it('malformed: no lock-version, an unsupported one, a package without files', async () => {
    expect(await errorOf(() => parsePylock('pylock.toml', '[[packages]]\nname = "x"\n', pypiOnly))).toMatch(/no "lock-version"/);
    expect(await errorOf(() => parsePylock('pylock.toml', 'lock-version = "2.0"\n', pypiOnly))).toMatch(
      /lock-version 2\.0 is not supported/,
    );
    expect(
      await errorOf(() => parsePylock('pylock.toml', 'lock-version = "1.0"\n[[packages]]\nname = "x"\nversion = "1"\n', pypiOnly)),
    ).toMatch(/^pylock\.toml:3: x: no sdist, wheels/);
  });
});
