/**
 * Tampered provenance served by "pypi.org" must be `failed` / `danger`, never anything milder.
 * The untampered control (pages.spec.ts) shows the same files verify.
 */
import { test, expect, URLS, SAMPLE_SDIST, SAMPLE_WHEEL, SAMPLE_WHEEL_INTEGRITY, fixtureSha256, visitAndSettle } from './harness';
import { changePublisherRepository, changeSubjectDigest, deepStatement, flipSignatureByte, type Provenance } from './lib/provenance-tamper';

const cases: [string, (p: Provenance) => Provenance][] = [
  ['one bit of the DSSE signature flipped', flipSignatureByte],
  ['subject digest changed inside the signed statement', (p) => changeSubjectDigest(p)],
  ['publisher repository changed to another repository', (p) => changePublisherRepository(p)],
];

for (const [name, tamper] of cases) {
  test(`tampered wheel provenance (${name}) → failed/danger, sdist still verified`, async ({ page, pypi }) => {
    pypi.overrideJson(SAMPLE_WHEEL_INTEGRITY, (json: Provenance) => tamper(json));
    const badges = await visitAndSettle(page, URLS.sampleproject, 2);
    expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'failed', level: 'danger' });
    expect(badges.get(SAMPLE_SDIST)).toMatchObject({ state: 'verified', level: 'ok' });
  });
}

for (const depth of [5_000, 100_000]) {
  test(`wheel statement with a predicate ${depth.toLocaleString('en')} levels deep → the wheel red or grey, the sdist verified, in normal time`, async ({
    page,
    pypi,
  }) => {
    pypi.overrideJson(SAMPLE_WHEEL_INTEGRITY, (json: Provenance) => deepStatement(json, depth));
    const t0 = Date.now();
    const badges = await visitAndSettle(page, URLS.sampleproject, 2, 20_000);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(['failed', 'error']).toContain(badges.get(SAMPLE_WHEEL)?.state);
    expect(badges.get(SAMPLE_WHEEL)?.state).not.toBe('verified');
    expect(badges.get(SAMPLE_SDIST)).toMatchObject({ state: 'verified', level: 'ok' });
  });
}

test('provenance of another file served for the wheel (sdist provenance) → failed', async ({ page, pypi }) => {
  const sdistProv = pypi.respond(new URL('https://pypi.org/integrity/sampleproject/4.0.0/sampleproject-4.0.0.tar.gz/provenance'));
  pypi.override(SAMPLE_WHEEL_INTEGRITY, { body: sdistProv.body });
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'failed', level: 'danger' });
});

test('the file on page and index has a different sha256 than the attested one → failed', async ({ page, pypi }) => {
  // Page and index agree with each other, but not with the signed statement.
  const real = fixtureSha256(SAMPLE_WHEEL);
  const other = 'ab'.repeat(32);
  const swap = (r: { body: Buffer; status: number; headers: Record<string, string> }) => ({
    ...r,
    body: Buffer.from(r.body.toString('utf8').split(real).join(other)),
  });
  pypi.override('/project/sampleproject/', { transform: swap });
  pypi.override('/simple/sampleproject/', { transform: swap });
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(badges.get(SAMPLE_WHEEL)).toMatchObject({ state: 'failed', level: 'danger' });
  expect(badges.get(SAMPLE_SDIST)?.state).toBe('verified');
});

test('garbage instead of JSON → failed or error, never verified', async ({ page, pypi }) => {
  pypi.override(SAMPLE_WHEEL_INTEGRITY, { body: '{"version": 1, "attestation_bundles": [' });
  const badges = await visitAndSettle(page, URLS.sampleproject, 2);
  expect(['failed', 'error']).toContain(badges.get(SAMPLE_WHEEL)?.state);
  expect(badges.get(SAMPLE_SDIST)?.state).toBe('verified');
});
