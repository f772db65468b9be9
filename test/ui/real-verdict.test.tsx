// @vitest-environment node
/**
 * End-to-end through the real verifier: real PEP 740 fixtures → verifyProvenance → Panel/Summary.
 * Checks that what the UI shows comes out of real certificates the way the components expect.
 */
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- no @types/jsdom installed; only the JSDOM constructor is used
import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { verifyProvenance } from '../../src/verify/index';
import { Panel } from '../../src/ui/Panel';
import { summaryBox } from './inline';
import { levelFor } from '../../src/verify/verdict';
import type { FileView } from '../../src/ui/types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTrust, type LoadedTrust } from '../../src/verify/trust';

// (test/verify/helpers.ts uses import.meta.url + fileURLToPath, which jsdom's URL global breaks.)
const FIX = join(process.cwd(), 'test/fixtures');
let trust: LoadedTrust | undefined;
const prodTrust = () => (trust ??= loadTrust(readFileSync(join(FIX, 'trust/trusted_root.json'))));
const readJSON = (rel: string): unknown => JSON.parse(readFileSync(join(FIX, 'provenance', rel), 'utf8'));

// Node environment (the verifier's crypto needs Node's own Uint8Array realm); a jsdom document only for rendering.
const dom = new JSDOM('<!doctype html><html><body></body></html>');
const document = dom.window.document;
const NodeFilter = dom.window.NodeFilter;
Object.assign(globalThis, { document });

let root: HTMLDivElement;
afterEach(() => {
  render(null, root);
  root.remove();
});
const noop = () => {};
async function view(prov: unknown, filename: string, sha256: string): Promise<FileView> {
  const v = await verifyProvenance(prov, { filename, sha256 }, prodTrust());
  return {
    filename,
    index: 'pypi.org',
    project: 'x',
    version: null,
    pageSha256: sha256,
    verdict: v,
    level: levelFor(v.state),
    pin: { status: 'none' },
    strict: false,
  };
}
function mountPanel(f: FileView) {
  root = document.createElement('div');
  document.body.append(root);
  render(<Panel file={f} onClose={noop} onRetry={noop} onSaveProvenance={noop} />, root);
  return root;
}
const hrefs = (el: Element) => [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
const PA_SHA = '9bb1add04b1b4e182be6b0b80931593f7a291eb49d69b4fd728a5d4cbcdc4bd3';

describe('Panel with real verdicts', () => {
  it('sampleproject 4.0.0 (GitHub): workflow and commit links at the signing sha', async () => {
    const f = await view(
      readJSON('sampleproject/sampleproject-4.0.0.tar.gz.provenance'),
      'sampleproject-4.0.0.tar.gz',
      '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b',
    );
    expect(f.verdict!.state).toBe('verified');
    const el = mountPanel(f);
    const fact = el.querySelector('.fact')!.textContent!;
    expect(fact).toContain('Uploaded via PyPI Trusted Publishing by GitHub Actions workflow release.yml in pypa/sampleproject');
    expect(fact).toContain('The workflow ran at commit');
    expect(fact).toContain('entry 147137139, 2024-11-06 22:37:07 UTC');
    const sha = f.verdict!.attestations[0]!.identity!.sourceRepositoryDigest!;
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(hrefs(el)).toContain(`https://github.com/pypa/sampleproject/blob/${sha}/.github/workflows/release.yml`);
    expect(hrefs(el)).toContain(`https://github.com/pypa/sampleproject/commit/${sha}`);
    expect(hrefs(el).every((h) => !h.includes('refs/'))).toBe(true);
    expect(el.querySelector('.validity')!.textContent).toMatch(
      /^valid 10 minutes: 2024-11-06 22:3\d:\d\d–22:4\d:\d\d UTC; logged at 22:37:07 — inside the window$/,
    );
    expect(el.querySelectorAll('.ext').length).toBeGreaterThan(5);
    if (process.env.SHOW_PANEL) console.log(el.innerHTML);
  });

  it('pep740-sampleproject (GitLab)', async () => {
    const f = await view(
      readJSON('pep740-sampleproject/pep740_sampleproject-1.0.0.tar.gz.provenance'),
      'pep740_sampleproject-1.0.0.tar.gz',
      '6cdd4a1a0a49aeef47265e7bf8ec1667257b397d34d731dc7b7af349deca1cd8',
    );
    expect(f.verdict!.state).toBe('verified');
    const el = mountPanel(f);
    expect(el.querySelector('.fact')!.textContent).toContain('GitLab CI/CD pipeline .gitlab-ci.yml in pep740-example/sampleproject');
    expect(
      hrefs(el).some((h) => /^https:\/\/gitlab\.com\/pep740-example\/sampleproject\/-\/blob\/[0-9a-f]{40}\/\.gitlab-ci\.yml$/.test(h)),
    ).toBe(true);
  });

  it('sampleproject 3.0.0 (Google): service account only', async () => {
    const f = await view(
      readJSON('sampleproject/sampleproject-3.0.0.tar.gz.publish.attestation'),
      'sampleproject-3.0.0.tar.gz',
      '117ed88e5db073bb92969a7545745fd977ee85b7019706dd256a64058f70963d',
    );
    expect(f.verdict!.state).toBe('verified');
    const el = mountPanel(f);
    expect(el.querySelector('.fact')!.textContent).toContain(
      'Google Cloud service account 919436158236-compute@developer.gserviceaccount.com',
    );
    expect(hrefs(el).filter((h) => h.includes('github.com') || h.includes('gitlab.com'))).toEqual([]);
  });

  it('publish + SLSA attestations: "Built by" from the verified SLSA predicate', async () => {
    const prov = {
      version: 1,
      attestation_bundles: [
        {
          publisher: { kind: 'GitHub', repository: 'trailofbits/pypi-attestations', workflow: 'release.yml', environment: null },
          attestations: [
            readJSON('pypi-attestations/pypi_attestations-0.0.19.tar.gz.publish.attestation'),
            readJSON('pypi-attestations/pypi_attestations-0.0.19.tar.gz.slsa.attestation'),
          ],
        },
      ],
    };
    const f = await view(prov, 'pypi_attestations-0.0.19.tar.gz', PA_SHA);
    expect(f.verdict!.state).toBe('verified');
    const el = mountPanel(f);
    expect(el.querySelector('.facts--built')!.textContent).toContain(
      'Built by https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19',
    );
    expect(el.querySelector('.facts--built')!.textContent).toContain('at commit 08802ef');
    expect(el.textContent).toContain('SLSA build provenance');
  });

  it('wrong sha256: FAILED, no facts, claimed repository only labelled as a claim', async () => {
    const f = await view(readJSON('sampleproject/sampleproject-4.0.0.tar.gz.provenance'), 'sampleproject-4.0.0.tar.gz', 'f'.repeat(64));
    expect(f.verdict!.state).toBe('failed');
    const el = mountPanel(f);
    expect(el.textContent).toContain('Provenance FAILED');
    expect(el.textContent).toContain("The signed statement's sha256 does not match this file.");
    expect(el.querySelector('.fact')).toBeNull();
    // Nothing the failed provenance claims is linked: only PyPI's own release page and its security page (what to do).
    expect(hrefs(el).every((h) => h.startsWith('https://pypi.org/'))).toBe(true);
    expect(hrefs(el)).toContain('https://pypi.org/security/');
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.textContent!.includes('pypa/sampleproject')) expect(n.parentElement!.closest('[data-unverified]')).not.toBeNull();
    }
  });

  it('Summary over real verdicts', async () => {
    const a = await view(
      readJSON('sampleproject/sampleproject-4.0.0.tar.gz.provenance'),
      'sampleproject-4.0.0.tar.gz',
      '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b',
    );
    const b = await view(
      readJSON('sampleproject/sampleproject-4.0.0-py3-none-any.whl.publish.attestation'),
      'sampleproject-4.0.0-py3-none-any.whl',
      'c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b',
    );
    root = document.createElement('div');
    document.body.append(root);
    expect(summaryBox([a, b]).textContent).toContain('2 of 2 files have verified provenance from pypa/sampleproject · release.yml');
  });
});
