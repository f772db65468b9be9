/**
 * The check pipeline end to end in Node: page files → simple index fixture → real provenance
 * fixtures → the REAL verifyProvenance with the REAL bundled trust root. Only the network and the
 * storage are fakes.
 */
import { describe, expect, it } from 'vitest';
import { RawProvenanceCache, SimpleIndexCache, VerdictCache } from '../../src/background/cache';
import { createChecker, type VerifyFn } from '../../src/background/checker';
import { createPypiClient } from '../../src/background/pypi-client';
import { bundledTrust, evaluateTrust, tryLoadTrust } from '../../src/trust/bundled-root';
import type { CheckRequest, FileVerdictMessage } from '../../src/messages';
import { parseSettings, type Settings } from '../../src/settings';
import { verifyProvenance } from '../../src/verify/index';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  fakeFetch,
  FakeStorage,
  provenanceBytes,
  respond,
  SAMPLE_OLD,
  SAMPLE_SDIST,
  SAMPLE_WHL,
  sha,
  simpleJson,
  type Handler,
} from './helpers';

const T0 = new Date('2026-11-25T12:00:00Z').getTime();
const SIMPLE = 'https://pypi.org/simple/sampleproject/';
const integrityUrl = (f: string) => `https://pypi.org/integrity/sampleproject/4.0.0/${f}/provenance`;

/** The fixture "pypi.org": simple index + integrity API, with ETags; `override` can replace any answer. */
function fixtureServer(override?: (url: string, init: RequestInit) => Response | undefined): Handler {
  return (url, init) => {
    const o = override?.(url, init);
    if (o) return o;
    const inm = new Headers(init.headers).get('if-none-match');
    if (url === SIMPLE) {
      if (inm === '"simple-1"') return respond(url, null, { status: 304, headers: { etag: '"simple-1"' } });
      return respond(url, simpleJson('sampleproject'), {
        status: 200,
        headers: { etag: '"simple-1"', 'content-type': 'application/vnd.pypi.simple.v1+json' },
      });
    }
    for (const f of [SAMPLE_SDIST, SAMPLE_WHL]) {
      if (url === integrityUrl(f)) {
        const etag = `"prov-${f}"`;
        if (inm === etag) return respond(url, null, { status: 304, headers: { etag } });
        return respond(url, provenanceBytes('sampleproject', '4.0.0', f), { status: 200, headers: { etag } });
      }
    }
    return respond(url, '{"message":"Not Found"}', { status: 404 });
  };
}

interface Env {
  clock: { t: number };
  fetch: ReturnType<typeof fakeFetch>;
  local: FakeStorage;
  session: FakeStorage;
  verifyCalls: string[];
  settings: Settings;
  checker: ReturnType<typeof createChecker>;
  run(
    files: CheckRequest['files'],
    extra?: Partial<CheckRequest>,
  ): Promise<{ emitted: FileVerdictMessage[]; byFile: Record<string, FileVerdictMessage> }>;
}

function makeEnv(
  opts: {
    handler?: Handler;
    local?: FakeStorage;
    session?: FakeStorage;
    settings?: unknown;
    trustNow?: () => Date;
    trust?: Parameters<typeof createChecker>[0]['trust'];
  } = {},
): Env {
  const clock = { t: T0 };
  const fetch = fakeFetch(opts.handler ?? fixtureServer());
  const local = opts.local ?? new FakeStorage();
  const session = opts.session ?? new FakeStorage();
  const verifyCalls: string[] = [];
  // the REAL verifier, only counted
  const verify: VerifyFn = (p, dist, trust, o) => {
    verifyCalls.push(dist.filename);
    return verifyProvenance(p, dist, trust, o);
  };
  const settings = parseSettings(opts.settings ?? {});
  const checker = createChecker({
    client: createPypiClient({ fetch, sleep: async () => {} }),
    verdicts: new VerdictCache(local),
    simple: new SimpleIndexCache(session),
    raw: new RawProvenanceCache(),
    verify,
    trust: opts.trust ?? bundledTrust,
    settings: async () => settings,
    now: () => new Date(clock.t),
  });
  const env: Env = {
    clock,
    fetch,
    local,
    session,
    verifyCalls,
    settings,
    checker,
    async run(files, extra = {}) {
      const emitted: FileVerdictMessage[] = [];
      const req: CheckRequest = {
        type: 'check',
        requestId: 'r1',
        index: 'pypi.org',
        project: 'sampleproject',
        version: '4.0.0',
        files,
        ...extra,
      };
      const all = await checker.check(req, (m) => emitted.push(m));
      expect(all).toEqual(expect.arrayContaining(emitted));
      expect(all.length).toBe(emitted.length);
      await new VerdictCache(local).flush(); // let fire-and-forget writes settle
      await new Promise((r) => setTimeout(r, 0));
      return { emitted, byFile: Object.fromEntries(emitted.map((m) => [m.filename, m])) };
    },
  };
  return env;
}

const bothFiles = () => [
  { filename: SAMPLE_SDIST, pageSha256: sha(SAMPLE_SDIST) },
  { filename: SAMPLE_WHL, pageSha256: sha(SAMPLE_WHL) },
];
const integrityCalls = (env: Env) => env.fetch.calls.filter((c) => c.url.includes('/integrity/'));

describe('check pipeline (real verifier, real trust root, fixture index)', () => {
  it('sampleproject 4.0.0: both files verified, one simple request, one integrity request each', async () => {
    const env = makeEnv();
    const { emitted, byFile } = await env.run(bothFiles());
    expect(emitted).toHaveLength(2);
    for (const f of [SAMPLE_SDIST, SAMPLE_WHL]) {
      const m = byFile[f]!;
      expect(m.type).toBe('verdict');
      expect(m.requestId).toBe('r1');
      expect(m.verdict.state).toBe('verified');
      expect(m.verdict.sha256).toBe(sha(f));
      expect(m.verdict.publisher?.repository).toBe('pypa/sampleproject');
      expect(m.level).toBe('ok');
      expect(m.pin).toEqual({ status: 'none' });
      // The summary line's label comes with the verdict (the page does not carry the identity parser).
      expect(m.publishers).toEqual(['pypa/sampleproject · release.yml']);
    }
    expect(env.fetch.calls.filter((c) => c.url === SIMPLE)).toHaveLength(1);
    expect(integrityCalls(env)).toHaveLength(2);
    expect(env.verifyCalls.sort()).toEqual([SAMPLE_WHL, SAMPLE_SDIST].sort());
  });

  it('a page without sha256 is verified against the index sha256', async () => {
    const env = makeEnv();
    const { byFile } = await env.run([{ filename: SAMPLE_WHL, pageSha256: null }]);
    expect(byFile[SAMPLE_WHL]!.verdict.state).toBe('verified');
  });

  it('page sha256 ≠ index sha256 → failed HASH_MISMATCH_PAGE_INDEX (danger), nothing fetched for it', async () => {
    const env = makeEnv();
    const { byFile } = await env.run([{ filename: SAMPLE_SDIST, pageSha256: 'b'.repeat(64) }]);
    const m = byFile[SAMPLE_SDIST]!;
    expect(m.verdict.state).toBe('failed');
    expect(m.verdict.reasons.map((r) => r.code)).toEqual(['HASH_MISMATCH_PAGE_INDEX']);
    expect(m.level).toBe('danger');
    expect(integrityCalls(env)).toHaveLength(0);
  });

  it('index sha256 ≠ the attested subject digest (page agrees with the index) → failed by the verifier', async () => {
    const evil = 'd'.repeat(64);
    const env = makeEnv({
      handler: fixtureServer((url) =>
        url === SIMPLE ? respond(url, simpleJson('sampleproject', { [SAMPLE_SDIST]: evil }), { status: 200 }) : undefined,
      ),
    });
    const { byFile } = await env.run([{ filename: SAMPLE_SDIST, pageSha256: evil }]);
    expect(byFile[SAMPLE_SDIST]!.verdict.state).toBe('failed');
    expect(byFile[SAMPLE_SDIST]!.verdict.reasons.map((r) => r.code)).toContain('STATEMENT_DIGEST_MISMATCH');
  });

  it('404 from the Integrity API for an attested file → error (could not check), never absent', async () => {
    const env = makeEnv({
      handler: fixtureServer((url) =>
        url.includes('/integrity/') ? respond(url, '{"message":"No provenance available"}', { status: 404 }) : undefined,
      ),
    });
    const { byFile } = await env.run(bothFiles());
    for (const f of [SAMPLE_SDIST, SAMPLE_WHL]) {
      expect(byFile[f]!.verdict.state).toBe('error');
      expect(byFile[f]!.verdict.reasons[0]!.code).toBe('INDEX_HTTP_ERROR');
      expect(byFile[f]!.level).toBe('neutral');
    }
  });

  it('403 from the Integrity API → error INDEX_DISABLED', async () => {
    const env = makeEnv({ handler: fixtureServer((url) => (url.includes('/integrity/') ? respond(url, '', { status: 403 }) : undefined)) });
    const { byFile } = await env.run(bothFiles());
    expect(byFile[SAMPLE_SDIST]!.verdict.reasons[0]!.code).toBe('INDEX_DISABLED');
  });

  it('provenance null in the simple index → absent (neutral; warning in strict mode)', async () => {
    const env = makeEnv();
    const { byFile } = await env.run([{ filename: SAMPLE_OLD, pageSha256: sha(SAMPLE_OLD) }], { version: '3.0.0' });
    expect(byFile[SAMPLE_OLD]!.verdict.state).toBe('absent');
    expect(byFile[SAMPLE_OLD]!.publishers).toBeUndefined();
    expect(byFile[SAMPLE_OLD]!.verdict.reasons[0]!.code).toBe('NO_PROVENANCE');
    expect(byFile[SAMPLE_OLD]!.level).toBe('neutral');
    expect(integrityCalls(env)).toHaveLength(0);
    const strict = makeEnv({ settings: { strict: true } });
    expect((await strict.run([{ filename: SAMPLE_OLD, pageSha256: null }], { version: '3.0.0' })).byFile[SAMPLE_OLD]!.level).toBe(
      'warning',
    );
  });

  it('a file of another release on a release page → FILE_NOT_IN_RELEASE: error without provenance, failed with it', async () => {
    const env = makeEnv();
    const old = (await env.run([{ filename: SAMPLE_OLD, pageSha256: sha(SAMPLE_OLD) }])).byFile[SAMPLE_OLD]!;
    expect(old.verdict.state).toBe('error');
    expect(old.verdict.reasons.map((r) => r.code)).toEqual(['FILE_NOT_IN_RELEASE']);
    expect(old.verdict.reasons[0]!.detail).toBe('file: 3, page: 4.0.0');
    expect(old.level).toBe('neutral');
    // An attested 4.0.0 file shown on the 3.0.0 page: red, and its provenance is not even fetched.
    const { byFile } = await env.run(bothFiles(), { version: '3.0.0' });
    for (const f of [SAMPLE_SDIST, SAMPLE_WHL]) {
      expect(byFile[f]!.verdict.state).toBe('failed');
      expect(byFile[f]!.verdict.reasons.map((r) => r.code)).toEqual(['FILE_NOT_IN_RELEASE']);
      expect(byFile[f]!.level).toBe('danger');
    }
    expect(integrityCalls(env)).toHaveLength(0);
  });

  it('release membership uses PEP 440 equality (4.0 is 4.0.0); simple pages (no version) are not judged', async () => {
    const env = makeEnv();
    const { byFile } = await env.run(bothFiles(), { version: '4.0' });
    expect(byFile[SAMPLE_SDIST]!.verdict.state).toBe('verified');
    const simple = await env.run([{ filename: SAMPLE_OLD, pageSha256: null }], { version: null });
    expect(simple.byFile[SAMPLE_OLD]!.verdict.state).toBe('absent');
  });

  it('a file on the page but not in the index → error FILE_NOT_IN_INDEX', async () => {
    const env = makeEnv();
    const { byFile } = await env.run([{ filename: 'sampleproject-9.9.9.tar.gz', pageSha256: null }]);
    expect(byFile['sampleproject-9.9.9.tar.gz']!.verdict.state).toBe('error');
    expect(byFile['sampleproject-9.9.9.tar.gz']!.verdict.reasons[0]!.code).toBe('FILE_NOT_IN_INDEX');
  });

  it('simple index failure → every file error', async () => {
    for (const [resp, code] of [
      [(u: string) => respond(u, 'oops', { status: 503 }), 'INDEX_HTTP_ERROR'],
      [(u: string) => respond(u, '<html>', { status: 200 }), 'INDEX_BAD_RESPONSE'],
      [() => respond('https://evil.example/', simpleJson('sampleproject'), { status: 200 }), 'INDEX_REDIRECT'],
    ] as const) {
      const env = makeEnv({ handler: fixtureServer((url) => (url === SIMPLE ? resp(url) : undefined)) });
      const { emitted } = await env.run([...bothFiles(), { filename: SAMPLE_OLD, pageSha256: null }]);
      expect(emitted).toHaveLength(3);
      for (const m of emitted) {
        expect(m.verdict.state).toBe('error');
        expect(m.verdict.reasons[0]!.code).toBe(code);
      }
      expect(integrityCalls(env)).toHaveLength(0);
    }
  });

  it('malformed provenance in a 200 (not JSON / not UTF-8 / another file’s) → failed by the verifier', async () => {
    const cases: [string, BodyInit | Uint8Array][] = [
      ['not JSON', '{"attestation_bundles": ['],
      ['not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
      ['the wheel’s provenance', provenanceBytes('sampleproject', '4.0.0', SAMPLE_WHL)],
      ['a 404 body with status 200', '{"message":"No provenance available for sampleproject-4.0.0.tar.gz"}'],
    ];
    for (const [, body] of cases) {
      const env = makeEnv({
        handler: fixtureServer((url) => (url === integrityUrl(SAMPLE_SDIST) ? respond(url, body, { status: 200 }) : undefined)),
      });
      const { byFile } = await env.run([{ filename: SAMPLE_SDIST, pageSha256: null }]);
      expect(['failed', 'error']).toContain(byFile[SAMPLE_SDIST]!.verdict.state);
      expect(byFile[SAMPLE_SDIST]!.verdict.state).not.toBe('verified');
      expect(byFile[SAMPLE_SDIST]!.verdict.state).not.toBe('absent');
    }
    const env = makeEnv({
      handler: fixtureServer((url) => (url === integrityUrl(SAMPLE_SDIST) ? respond(url, 'not json', { status: 200 }) : undefined)),
    });
    expect((await env.run([{ filename: SAMPLE_SDIST, pageSha256: null }])).byFile[SAMPLE_SDIST]!.verdict.state).toBe('failed');
  });

  it('a bare attestation (no provenance object, no Trusted Publisher) is never verified in the worker', async () => {
    // The real, genuine attestation of the wheel: the CLI verifies it with an inferred publisher.
    const bare = readFileSync(
      fileURLToPath(
        new URL('../fixtures/provenance/sampleproject/sampleproject-4.0.0-py3-none-any.whl.publish.attestation', import.meta.url),
      ),
    );
    const dist = { filename: SAMPLE_WHL, sha256: sha(SAMPLE_WHL) };
    const t = bundledTrust(new Date(T0));
    if (!t.ok) throw new Error('bundled trust root unusable');
    expect((await verifyProvenance(new TextDecoder().decode(bare), dist, t.trust, { now: new Date(T0) })).state).toBe('verified');
    const env = makeEnv({
      handler: fixtureServer((url) => (url === integrityUrl(SAMPLE_WHL) ? respond(url, bare, { status: 200 }) : undefined)),
    });
    const v = (await env.run([{ filename: SAMPLE_WHL, pageSha256: sha(SAMPLE_WHL) }])).byFile[SAMPLE_WHL]!.verdict;
    expect(v.state).toBe('failed');
    expect(v.reasons.map((r) => r.code)).toEqual(['PUBLISHER_MISSING']);
  });

  it('outdated trust root → attested files error (never verified); absent files unaffected', async () => {
    const loaded = tryLoadTrust(readFileSync(fileURLToPath(new URL('../../public/trust/trusted_root.json', import.meta.url)), 'utf8'));
    const expired = (now: Date) => evaluateTrust(loaded, { tufRootExpires: '2026-01-01T00:00:00Z' }, now);
    const env = makeEnv({ trust: expired });
    const { byFile } = await env.run([...bothFiles(), { filename: SAMPLE_OLD, pageSha256: null }], { version: null });
    for (const f of [SAMPLE_SDIST, SAMPLE_WHL]) {
      expect(byFile[f]!.verdict.state).toBe('error');
      expect(byFile[f]!.verdict.reasons[0]!.message).toMatch(/out of date; update the extension/);
    }
    expect(byFile[SAMPLE_OLD]!.verdict.state).toBe('absent');
    expect(env.verifyCalls).toHaveLength(0);
    // the real bundled meta at a date past its expiry
    const late = bundledTrust(new Date('2027-05-01T00:00:00Z'));
    expect(late.ok).toBe(false);
    expect(bundledTrust(new Date(T0)).ok).toBe(true);
  });

  it('duplicate files on the page are answered once', async () => {
    const env = makeEnv();
    const { emitted } = await env.run([...bothFiles(), ...bothFiles()]);
    expect(emitted).toHaveLength(2);
  });
});

describe('check pipeline: caching and revalidation', () => {
  it('within 10 minutes: no network for the provenance, no re-verification', async () => {
    const env = makeEnv();
    await env.run(bothFiles());
    expect(env.verifyCalls).toHaveLength(2);
    env.clock.t += 5 * 60_000;
    const { byFile } = await env.run(bothFiles());
    expect(byFile[SAMPLE_SDIST]!.verdict.state).toBe('verified');
    expect(env.verifyCalls).toHaveLength(2);
    expect(env.fetch.calls).toHaveLength(3); // 1 simple + 2 integrity, all from the first run
  });

  it('after 10 minutes: revalidates with If-None-Match; 304 reuses the verdict without verifying', async () => {
    const env = makeEnv();
    const first = await env.run(bothFiles());
    env.clock.t += 11 * 60_000;
    const second = await env.run(bothFiles());
    expect(env.verifyCalls).toHaveLength(2);
    const reval = integrityCalls(env).slice(2);
    expect(reval).toHaveLength(2);
    for (const c of reval) expect(c.headers['if-none-match']).toMatch(/^"prov-/);
    expect(second.byFile[SAMPLE_SDIST]!.verdict).toEqual(first.byFile[SAMPLE_SDIST]!.verdict);
    // the simple index was revalidated too (304)
    const simpleCalls = env.fetch.calls.filter((c) => c.url === SIMPLE);
    expect(simpleCalls).toHaveLength(2);
    expect(simpleCalls[1]!.headers['if-none-match']).toBe('"simple-1"');
    // and the revalidation refreshed the entry: 5 more minutes → no network
    env.clock.t += 5 * 60_000;
    const n = env.fetch.calls.length;
    await env.run(bothFiles());
    expect(env.fetch.calls.length).toBe(n);
  });

  it('after 10 minutes: a 200 with identical bytes reuses the verdict; different bytes are verified again', async () => {
    let variant = 0;
    const env = makeEnv({
      handler: fixtureServer((url) => {
        if (url !== integrityUrl(SAMPLE_SDIST)) return undefined;
        // never 304; new ETag each time
        const bytes = provenanceBytes('sampleproject', '4.0.0', SAMPLE_SDIST);
        const body = variant === 2 ? new TextEncoder().encode(new TextDecoder().decode(bytes) + '\n') : bytes;
        return respond(url, body, { status: 200, headers: { etag: `"v${variant}"` } });
      }),
    });
    await env.run([{ filename: SAMPLE_SDIST, pageSha256: null }]);
    expect(env.verifyCalls).toHaveLength(1);
    env.clock.t += 11 * 60_000;
    variant = 1;
    await env.run([{ filename: SAMPLE_SDIST, pageSha256: null }]);
    expect(env.verifyCalls).toHaveLength(1);
    env.clock.t += 11 * 60_000;
    variant = 2;
    const { byFile } = await env.run([{ filename: SAMPLE_SDIST, pageSha256: null }]);
    expect(env.verifyCalls).toHaveLength(2);
    expect(byFile[SAMPLE_SDIST]!.verdict.state).toBe('verified');
  });

  it('errors are not cached: the next check tries again', async () => {
    let fail = true;
    const env = makeEnv({
      handler: fixtureServer((url) => (fail && url.includes('/integrity/') ? respond(url, '', { status: 500 }) : undefined)),
    });
    expect((await env.run(bothFiles())).byFile[SAMPLE_SDIST]!.verdict.state).toBe('error');
    fail = false;
    expect((await env.run(bothFiles())).byFile[SAMPLE_SDIST]!.verdict.state).toBe('verified');
  });

  it('survives the worker being stopped: a new checker on the same storage serves the cached verdicts', async () => {
    const env = makeEnv();
    await env.run(bothFiles());
    const restarted = makeEnv({ local: env.local, session: env.session });
    restarted.clock.t = env.clock.t + 60_000;
    const gets = env.local.ops.get;
    const { byFile } = await restarted.run(bothFiles());
    expect(byFile[SAMPLE_WHL]!.verdict.state).toBe('verified');
    expect(byFile[SAMPLE_SDIST]!.verdict.state).toBe('verified');
    expect(restarted.fetch.calls).toHaveLength(0);
    expect(restarted.verifyCalls).toHaveLength(0);
    // both files' cached verdicts came in ONE storage.local read (one per file before)
    expect(env.local.ops.get - gets).toBe(1);
  });

  it('force bypasses cached verdicts (fetch without If-None-Match, verify again)', async () => {
    const env = makeEnv();
    await env.run(bothFiles());
    await env.run(bothFiles(), { force: true });
    expect(env.verifyCalls).toHaveLength(4);
    for (const c of integrityCalls(env).slice(2)) expect(c.headers['if-none-match']).toBeUndefined();
  });

  it('clear empties every cache', async () => {
    const env = makeEnv();
    await env.run(bothFiles());
    await env.checker.clear();
    expect([...env.local.data.keys()].filter((k) => k.startsWith('verdict:'))).toEqual([]);
    expect([...env.session.data.keys()].filter((k) => k.startsWith('simple:'))).toEqual([]);
    await env.run(bothFiles());
    expect(env.verifyCalls).toHaveLength(4);
  });
});

describe('pins in the pipeline', () => {
  it('matching pin → match, ok', async () => {
    const env = makeEnv({
      settings: { pins: [{ project: 'sampleproject', kind: 'GitHub', repository: 'PyPA/SampleProject', workflow: 'release.yml' }] },
    });
    const { byFile } = await env.run(bothFiles());
    expect(byFile[SAMPLE_WHL]!.pin.status).toBe('match');
    expect(byFile[SAMPLE_WHL]!.level).toBe('ok');
  });

  it('pin to another repository → mismatch, danger, with the difference spelled out', async () => {
    const env = makeEnv({ settings: { pins: [{ project: 'sampleproject', kind: 'GitHub', repository: 'evil/fork' }] } });
    const { byFile } = await env.run(bothFiles());
    const m = byFile[SAMPLE_WHL]!;
    expect(m.verdict.state).toBe('verified');
    expect(m.pin.status).toBe('mismatch');
    expect(m.pin.differences).toContain('repository: evil/fork → pypa/sampleproject');
    expect(m.level).toBe('danger');
  });

  it('absent under a pin → mismatch, danger', async () => {
    const env = makeEnv({ settings: { pins: [{ project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject' }] } });
    const { byFile } = await env.run([{ filename: SAMPLE_OLD, pageSha256: null }], { version: '3.0.0' });
    expect(byFile[SAMPLE_OLD]!.pin.status).toBe('mismatch');
    expect(byFile[SAMPLE_OLD]!.pin.differences?.[0]).toMatch(/^no provenance, but you pinned GitHub pypa\/sampleproject/);
    expect(byFile[SAMPLE_OLD]!.level).toBe('danger');
  });
});

describe('get-provenance', () => {
  it('returns the raw provenance text byte for byte (from memory after a check, else refetched)', async () => {
    const want = new TextDecoder().decode(provenanceBytes('sampleproject', '4.0.0', SAMPLE_WHL));
    const env = makeEnv();
    const cold = await env.checker.getProvenanceText('pypi.org', 'sampleproject', SAMPLE_WHL);
    expect(cold).toEqual({ ok: true, json: want });
    const n = env.fetch.calls.length;
    expect(await env.checker.getProvenanceText('pypi.org', 'sampleproject', SAMPLE_WHL)).toEqual({ ok: true, json: want });
    expect(env.fetch.calls.length).toBe(n);
  });

  it('explains when there is nothing to return', async () => {
    const env = makeEnv();
    const r = await env.checker.getProvenanceText('pypi.org', 'sampleproject', SAMPLE_OLD);
    expect(r.ok).toBe(false);
    expect(r.message).toBe('PyPI has no provenance for this file.');
  });
});
