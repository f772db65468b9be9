// @vitest-environment jsdom
/** The panel says when a verdict depends on a trust root that may be behind (a real verdict under the shipped root minus the Rekor key). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { Panel } from '../../src/ui/Panel';
import { verifyProvenance } from '../../src/verify/index';
import { loadTrust } from '../../src/verify/trust';
import { fileView } from './factory';

const fx = join(process.cwd(), 'test/fixtures/');
const ROOT = JSON.parse(readFileSync(`${fx}trust/trusted_root.json`, 'utf8'));
const SP = readFileSync(`${fx}provenance/sampleproject/sampleproject-4.0.0.tar.gz.provenance`, 'utf8');
const DIST = { filename: 'sampleproject-4.0.0.tar.gz', sha256: '0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b' };

let root: HTMLDivElement;
afterEach(() => {
  render(null, root);
  root.remove();
});
const noop = () => {};

describe('panel: stale trust root line', () => {
  it('shown for TRUST_ROOT_KEY_UNKNOWN, not for a verified file', async () => {
    const full = await verifyProvenance(SP, DIST, loadTrust(JSON.stringify(ROOT)));
    const stale = await verifyProvenance(
      SP,
      DIST,
      loadTrust(
        JSON.stringify({ ...ROOT, tlogs: ROOT.tlogs.filter((t: { baseUrl: string }) => t.baseUrl !== 'https://rekor.sigstore.dev') }),
      ),
    );
    expect([full.state, stale.state]).toEqual(['verified', 'error']);
    for (const [v, shown] of [
      [stale, true],
      [full, false],
    ] as const) {
      root = document.createElement('div');
      document.body.append(root);
      render(<Panel file={fileView(v)} onClose={noop} onSaveProvenance={noop} onRetry={noop} />, root);
      const line = root.querySelector('[data-trust-root-stale]');
      expect(line !== null).toBe(shown);
      if (shown) expect(line!.textContent).toMatch(/trust root that may be out of date/);
      render(null, root);
      root.remove();
    }
    root = document.createElement('div');
  });
});
