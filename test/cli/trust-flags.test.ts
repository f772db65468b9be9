/**
 * resolveCliTrust (src/cli/trust-flags.ts) uses the bundled root as the worker does (bundledTrust):
 * usable until the TUF root it came from expires (public/trust/meta.json), then unusable, both
 * without flags and as the fallback of a failed refresh; `npm run verify` then says `error`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import type { CliHost } from '../../src/cli/host';
import { resolveCliTrust, TRUST_FLAG_SPEC, type TrustHost } from '../../src/cli/trust-flags';
import { main as verifyMain } from '../../src/cli/verify';

const meta = JSON.parse(readFileSync(fileURLToPath(new URL('../../public/trust/meta.json', import.meta.url)), 'utf8'));
const EXPIRES = Date.parse(meta.tufRootExpires);
const BEFORE = new Date(EXPIRES - 86_400_000);
const AFTER = new Date(EXPIRES + 1000);

const host = (): TrustHost & { err: string } => {
  const h = {
    err: '',
    readFile: async (p: string): Promise<Uint8Array> => {
      throw new Error(`no file ${p}`);
    },
    stderr: (t: string) => void (h.err += t),
  };
  return h;
};
const args = (...argv: string[]) => parseArgs(argv, TRUST_FLAG_SPEC);
const down = async (): Promise<Response> => {
  throw new TypeError('fetch failed');
};

describe('resolveCliTrust: the bundled root', () => {
  it('without flags: usable before its TUF root expires, TRUST_ROOT_INVALID (out of date) from then on', async () => {
    const ok = await resolveCliTrust(args(), host(), down, BEFORE);
    expect(ok).toMatchObject({ ok: true, trust: { id: meta.trustedRootSha256 } });
    const out = await resolveCliTrust(args(), host(), down, AFTER);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.trustRootId).toBe(meta.trustedRootSha256);
    expect(out.reason.code).toBe('TRUST_ROOT_INVALID');
    expect(out.reason.message).toMatch(/out of date; update the extension/);
    expect(out.reason.detail).toMatch(/TUF root metadata expired/);
  });

  it('as the fallback of a failed refresh (no cache): the same expiry check', async () => {
    for (const [now, ok] of [
      [BEFORE, true],
      [AFTER, false],
    ] as const) {
      const h = host();
      const r = await resolveCliTrust(args('--tuf-repository', 'http://127.0.0.1:9/'), h, down, now);
      expect(h.err).toMatch(/could not be reached/);
      expect(r.ok).toBe(ok);
      if (!r.ok) expect(r.reason.code).toBe('TRUST_ROOT_INVALID');
    }
  });
});

describe('npm run verify with the bundled root out of date', () => {
  afterEach(() => vi.useRealTimers());

  it('prints an error verdict (exit 1) naming the outdated root, for a provenance that verifies before', async () => {
    const prov = readFileSync(
      fileURLToPath(new URL('../fixtures/provenance/pypi-attestations/pypi_attestations-0.0.19.tar.gz.provenance', import.meta.url)),
    );
    const argv = [
      'p.provenance',
      '--filename',
      'pypi_attestations-0.0.19.tar.gz',
      '--sha256',
      '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3',
    ];
    const run = async () => {
      let stdout = '';
      const cli = {
        readFileCapped: async () => ({ tooLarge: false as const, bytes: prov }),
        readFile: async () => prov,
        stdout: (t: string) => void (stdout += t),
        stderr: () => undefined,
      } as unknown as CliHost;
      const code = await verifyMain(argv, cli);
      return { code, verdict: JSON.parse(stdout) };
    };
    vi.useFakeTimers({ toFake: ['Date'], now: BEFORE });
    expect(await run()).toMatchObject({ code: 0, verdict: { state: 'verified' } });
    vi.setSystemTime(AFTER);
    const after = await run();
    expect(after.code).toBe(1);
    expect(after.verdict).toMatchObject({ state: 'error', trustRootId: meta.trustedRootSha256, attestations: [] });
    expect(after.verdict.reasons.map((r: { code: string }) => r.code)).toEqual(['TRUST_ROOT_INVALID']);
  });
});

describe('resolveCliTrust: the cached refreshed root after a failed refresh', () => {
  const staging = readFileSync(fileURLToPath(new URL('../fixtures/trust/trusted_root.staging.json', import.meta.url)), 'utf8');
  const stagingId = createHash('sha256').update(staging).digest('hex');
  const NOW = new Date('2026-12-01T00:00:00Z');
  const cachedState = (rootExpires: string) =>
    JSON.stringify({
      root: JSON.stringify({ signed: { _type: 'root', version: 17, expires: rootExpires } }),
      trustedRoot: staging,
      refreshedAt: '2026-11-30T00:00:00Z',
      lastAttempt: { at: '2026-11-30T00:00:00Z', ok: true, status: 'ok' },
    });
  const cacheHost = (state: string): TrustHost & { err: string } => {
    const h = host();
    h.readFile = async (p: string) => {
      if (p === 'cache/tuf-state.json') return new TextEncoder().encode(state);
      throw new Error(`no file ${p}`);
    };
    h.writeFile = async () => undefined;
    return h;
  };
  const run = (h: TrustHost) => resolveCliTrust(args('--tuf-repository', 'http://127.0.0.1:9/', '--tuf-cache', 'cache'), h, down, NOW);

  it('is used, known current as of its refresh, while the TUF root it was verified under has not expired', async () => {
    const h = cacheHost(cachedState('2027-06-01T00:00:00Z'));
    const r = await run(h);
    expect(r).toMatchObject({ ok: true, trust: { id: stagingId }, refreshedAt: new Date('2026-11-30T00:00:00Z') });
    expect(h.err).toMatch(/could not be reached/);
  });

  it('is not used once that TUF root has expired (as in the worker): the bundled root, with a note', async () => {
    for (const expires of ['2026-11-30T12:00:00Z', 'not a date']) {
      const h = cacheHost(cachedState(expires));
      const r = await run(h);
      expect(r).toMatchObject({ ok: true, trust: { id: meta.trustedRootSha256 } });
      expect(r.ok && r.refreshedAt).toBeFalsy();
      expect(h.err).toMatch(/cached refreshed root's TUF metadata expired/);
    }
  });
});
