// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { Panel } from '../../src/ui/Panel';
import type { PanelProps } from '../../src/ui/types';
import { reasonConsequence } from '../../src/ui/wording';
import { reason } from '../../src/verify/verdict';
import { attestation, certificate, COMMIT, fileView, githubIdentity, SHA, verdict } from './factory';

let root: HTMLDivElement;
function mount(props: Partial<PanelProps> & Pick<PanelProps, 'file'>) {
  root = document.createElement('div');
  document.body.append(root);
  render(<Panel onClose={() => {}} onSaveProvenance={() => {}} onRetry={() => {}} {...props} />, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});
const hrefs = (el: Element) => [...el.querySelectorAll('a')].map((a) => a.getAttribute('href'));

describe('Panel: structure (#13.9, #13.10)', () => {
  it('is one labelled disclosure region (no dialog role), with Close after the heading in DOM order', () => {
    for (const state of ['verified', 'failed', 'absent', 'error'] as const) {
      const el = mount({ file: fileView(verdict(state)) });
      expect(el.querySelectorAll('[role="dialog"], [role="alertdialog"], [aria-modal]'), state).toHaveLength(0);
      const regions = el.querySelectorAll('[aria-label^="Provenance of"]');
      expect(regions, state).toHaveLength(1);
      expect(regions[0]!.getAttribute('aria-label')).toBe('Provenance of sampleproject-4.0.0.tar.gz');
      const h2 = el.querySelector('h2')!;
      const close = el.querySelector('.btn--close')!;
      expect(h2.compareDocumentPosition(close) & Node.DOCUMENT_POSITION_FOLLOWING, state).toBeTruthy();
      render(null, root);
      root.remove();
    }
  });

  it("links PyPI's own file details (https, pypi.org / test.pypi.org) with one line on the difference", () => {
    const note =
      'PyPI shows its own, server-side result there, in its Provenance section; this panel is an independent check, done in your browser.';
    for (const state of ['verified', 'error'] as const) {
      const el = mount({ file: fileView(verdict(state)) });
      const p = el.querySelector('[data-section="pypi-view"]')!;
      expect(p.querySelector('a')!.getAttribute('href'), state).toBe(
        'https://pypi.org/project/sampleproject/4.0.0/#sampleproject-4.0.0.tar.gz',
      );
      expect(p.textContent).toBe(`This file's details on PyPI: ${note}`);
      render(null, root);
      root.remove();
    }
    const test = mount({ file: fileView(verdict('verified'), { index: 'test.pypi.org' }) });
    expect(test.querySelector('[data-section="pypi-view"] a')!.getAttribute('href')).toBe(
      'https://test.pypi.org/project/sampleproject/4.0.0/#sampleproject-4.0.0.tar.gz',
    );
    render(null, root);
    root.remove();
    // failed: the advice has the panel's one link to PyPI (below), no second one
    expect(mount({ file: fileView(verdict('failed')) }).querySelector('[data-section="pypi-view"]')).toBeNull();
    render(null, root);
    root.remove();
    // nothing to compare: no provenance, or no version (simple index)
    expect(mount({ file: fileView(verdict('absent')) }).querySelector('[data-section="pypi-view"]')).toBeNull();
    render(null, root);
    root.remove();
    expect(mount({ file: fileView(verdict('verified'), { version: null }) }).querySelector('[data-section="pypi-view"]')).toBeNull();
  });
});

describe('Panel: verified', () => {
  it('states who is speaking, the workflow, repository and commit from the certificate', () => {
    const el = mount({ file: fileView(verdict('verified')) });
    const region = el.querySelector('section.panel')!;
    expect(region.getAttribute('aria-label')).toBe('Provenance of sampleproject-4.0.0.tar.gz');
    expect(el.textContent).toContain('Checked in your browser by pypi-provenance');
    const fact = el.querySelector('.fact')!.textContent!;
    expect(fact).toContain('Uploaded via PyPI Trusted Publishing by GitHub Actions workflow release.yml in pypa/sampleproject');
    expect(fact).toContain(`at commit ${COMMIT.slice(0, 7)}`);
    expect(fact).toContain('The signature is in the public Sigstore transparency log (entry 147137139, 2024-11-06 22:37:07 UTC)');
    // "What this proves": a parallel list, "the workflow ran at commit", never "built from"
    const items = [...el.querySelectorAll('ul.proves > li')].map((li) => li.textContent);
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('Uploaded via PyPI Trusted Publishing by GitHub Actions workflow release.yml in pypa/sampleproject');
    expect(items[1]).toBe(`The workflow ran at commit ${COMMIT.slice(0, 7)} (from refs/heads/main).`);
    expect(items[2]).toContain('entry 147137139');
    expect(el.querySelector('.proves__title')!.textContent).toBe('What this proves');
    expect(el.querySelector('.state--verified')!.textContent).not.toMatch(/built from/i);
    expect(el.textContent).toContain('What this does not prove');
    const stateText = el.querySelector('.state--verified')!.textContent!.replace(el.querySelector('.not-proven')!.textContent!, '');
    expect(stateText).not.toMatch(/\bsafe\b|\bsecure\b|\btrusted\b(?! Publishing)|\bTrusted\b(?! Publishing)/i);
  });

  it('names the log entry once (#13.1): not again in the Attestations list for the attestation "What this proves" cites; one word per state', () => {
    const el = mount({ file: fileView(verdict('verified')) });
    expect(el.querySelector('ul.proves')!.textContent).toContain('entry 147137139');
    const item = el.querySelector('.atts__list > li')!;
    expect(item.textContent).not.toContain('147137139');
    expect(item.textContent).not.toContain('Logged at');
    expect(item.querySelector('.att__result')!.textContent).toBe('verified');
    // A second attestation (not the one cited) keeps its own log rows.
    const two = verdict('verified', {
      attestations: [
        attestation(),
        attestation({
          index: 1,
          predicateType: 'https://slsa.dev/provenance/v1',
          tlog: { ...attestation().tlog!, logIndex: '999' },
        }),
      ],
    });
    render(null, root);
    root.remove();
    const el2 = mount({ file: fileView(two) });
    const rows = [...el2.querySelectorAll('.atts__list > li')].map((li) => li.textContent ?? '');
    expect(rows[0]).not.toContain('Logged at');
    expect(rows[1]).toContain('Rekor 999');
    expect(rows[1]).toContain('Logged at');
  });

  it('links the workflow file and commit at the sha, never at a ref', () => {
    const el = mount({ file: fileView(verdict('verified')) });
    const links = hrefs(el);
    expect(links).toContain(`https://github.com/pypa/sampleproject/blob/${COMMIT}/.github/workflows/release.yml`);
    expect(links).toContain(`https://github.com/pypa/sampleproject/commit/${COMMIT}`);
    expect(links).toContain('https://search.sigstore.dev/?logIndex=147137139');
    for (const h of links) {
      expect(h).toMatch(/^https:\/\//);
      expect(h).not.toMatch(/refs\/|\/tree\/|\/blob\/(main|master|HEAD|v\d)/);
    }
    for (const a of el.querySelectorAll('a')) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('target')).toBe('_blank');
    }
  });

  it('uses the verified certificate identity, not the publisher object', () => {
    const v = verdict('verified', {
      publisher: { kind: 'GitHub', repository: 'claimed/other', workflow: 'x.yml', environment: 'pypi', fromProvenance: true },
    });
    const el = mount({ file: fileView(v) });
    expect(el.querySelector('.fact')!.textContent).toContain('pypa/sampleproject');
    expect(el.querySelector('.fact')!.textContent).not.toContain('claimed/other');
    expect(el.textContent).toContain('Environment “pypi”: stated by PyPI, not part of the signature.');
  });

  it('shows SLSA build provenance as "Built by", separate from the upload', () => {
    const slsa = attestation({
      index: 1,
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: {
        buildDefinition: {
          buildType: 'https://actions.github.io/buildtypes/workflow/v1',
          resolvedDependencies: [{ uri: 'git+https://github.com/pypa/sampleproject@refs/heads/main', digest: { gitCommit: COMMIT } }],
        },
        runDetails: { builder: { id: 'https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/heads/main' } },
      },
    });
    const el = mount({ file: fileView(verdict('verified', { attestations: [attestation(), slsa] })) });
    const built = el.querySelector('.facts--built')!.textContent!;
    expect(built).toContain('Built by https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/heads/main');
    expect(el.textContent).toContain('SLSA build provenance');
    expect(el.textContent).toContain('PyPI publish attestation');
    expect(el.textContent).toContain('beyond what the SLSA build provenance above states');
    // The builder id names a ref: it must not become a link.
    expect(hrefs(el).some((h) => h!.includes('refs/heads'))).toBe(false);
  });

  it('GitLab and Google analogues', () => {
    const gl = githubIdentity({
      issuer: 'https://gitlab.com',
      buildConfigUri: 'https://gitlab.com/pep740-example/sampleproject//.gitlab-ci.yml@refs/heads/main',
      sourceRepositoryUri: 'https://gitlab.com/pep740-example/sampleproject',
      runInvocationUri: 'https://gitlab.com/pep740-example/sampleproject/-/jobs/1',
    });
    let el = mount({ file: fileView(verdict('verified', { attestations: [attestation({ identity: gl })] })) });
    expect(el.querySelector('.fact')!.textContent).toContain('GitLab CI/CD pipeline .gitlab-ci.yml in pep740-example/sampleproject');
    expect(hrefs(el)).toContain(`https://gitlab.com/pep740-example/sampleproject/-/blob/${COMMIT}/.gitlab-ci.yml`);
    expect(el.textContent).toContain(
      'pypi-attestations verify pypi --repository https://gitlab.com/pep740-example/sampleproject pypi:sampleproject-4.0.0.tar.gz',
    );
    render(null, root);
    root.remove();

    const g = { subjectAlternativeName: '919436158236-compute@developer.gserviceaccount.com', issuer: 'https://accounts.google.com' };
    el = mount({
      file: fileView(
        verdict('verified', {
          publisher: { kind: 'Google', email: g.subjectAlternativeName, fromProvenance: true },
          attestations: [attestation({ identity: g })],
        }),
      ),
    });
    expect(el.querySelector('.fact')!.textContent).toContain(
      'Google Cloud service account 919436158236-compute@developer.gserviceaccount.com',
    );
    expect(el.textContent).not.toContain('pypi-attestations verify');
    expect(el.textContent).toContain('use the pypi-provenance command');
    expect(el.textContent).toContain('pypi-provenance check ./sampleproject-4.0.0.tar.gz');
  });

  it('offers commands, save, retry and pin', () => {
    const onSave = vi.fn();
    const onRetry = vi.fn();
    const onPin = vi.fn();
    const onClose = vi.fn();
    const el = mount({ file: fileView(verdict('verified')), onSaveProvenance: onSave, onRetry, onPinPublisher: onPin, onClose });
    expect(el.textContent).toContain(
      'uvx pypi-attestations verify pypi --repository https://github.com/pypa/sampleproject pypi:sampleproject-4.0.0.tar.gz',
    );
    // the downloaded-file variant: the file itself is hashed, against the provenance saved beside it
    expect(el.textContent).toContain(
      'uvx pypi-attestations verify pypi --repository https://github.com/pypa/sampleproject --provenance-file sampleproject-4.0.0.tar.gz.provenance.json ./sampleproject-4.0.0.tar.gz',
    );
    // our CLI in its installed form, never `npm run` (which only works inside a clone of this repository)
    expect(el.textContent).toContain('pypi-provenance check ./sampleproject-4.0.0.tar.gz');
    expect(el.textContent).not.toContain('npm run');
    expect(el.textContent).not.toContain(SHA);
    (el.querySelector('[data-action="save-provenance"]') as HTMLButtonElement).click();
    (el.querySelector('[data-action="retry"]') as HTMLButtonElement).click();
    (el.querySelector('[data-action="pin"]') as HTMLButtonElement).click();
    (el.querySelector('.btn--close') as HTMLButtonElement).click();
    expect([onSave, onRetry, onPin, onClose].map((f) => f.mock.calls.length)).toEqual([1, 1, 1, 1]);
  });

  it('copies a command with navigator.clipboard', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const el = mount({ file: fileView(verdict('verified')) });
    const btn = el.querySelector('.cmd button') as HTMLButtonElement;
    btn.click();
    await vi.waitFor(() => expect(writeText).toHaveBeenCalled());
    expect((writeText.mock.calls[0] as unknown as string[])[0]).toMatch(/^uvx pypi-attestations verify pypi /);
    await vi.waitFor(() => expect(el.querySelector('.cmd .copy__status')!.textContent).toBe('Copied'));
  });

  it('focuses its heading', async () => {
    const el = mount({ file: fileView(verdict('verified')) });
    await vi.waitFor(() => expect(document.activeElement).toBe(el.querySelector('h2')));
  });

  it('pin status: match and mismatch with differences', () => {
    let el = mount({
      file: fileView(verdict('verified'), {
        pin: { status: 'match', pin: { project: 'sampleproject', kind: 'GitHub', repository: 'pypa/sampleproject' } },
      }),
      onPinPublisher: () => {},
    });
    expect(el.textContent).toContain('Matches the publisher you pinned for sampleproject.');
    expect(el.querySelector('[data-action="pin"]')).toBeNull();
    render(null, root);
    root.remove();
    el = mount({
      file: fileView(verdict('verified'), { pin: { status: 'mismatch', differences: ['repository: pypa/sampleproject → evil/fork'] } }),
    });
    expect(el.querySelector('.pin--mismatch')!.textContent).toContain('repository: pypa/sampleproject → evil/fork');
  });
});

describe('Panel: failed', () => {
  const failed = () =>
    verdict('failed', {
      reasons: [reason('STATEMENT_DIGEST_MISMATCH', { detail: 'expected 0ace… got 1234…' })],
      publisher: { kind: 'GitHub', repository: 'evil/claimed', workflow: 'release.yml', environment: 'pypi', fromProvenance: true },
      attestations: [
        attestation({
          ok: false,
          identity: githubIdentity({}, 'evil/claimed'),
          certificate: certificate({
            subjectAlternativeName: 'https://github.com/evil/claimed/.github/workflows/release.yml@refs/heads/main',
          }),
          reasons: [reason('STATEMENT_DIGEST_MISMATCH')],
        }),
      ],
    });

  it('shows plain reasons with detail as secondary text', () => {
    const el = mount({ file: fileView(failed()) });
    expect(el.querySelector('.panel')!.classList.contains('panel--danger')).toBe(true);
    expect(el.textContent).toContain('Provenance FAILED');
    expect(el.textContent).toContain("The signed statement's sha256 does not match this file.");
    expect(el.querySelector('.reason__detail')!.textContent).toBe('expected 0ace… got 1234…');
  });

  it('says under each reason what it means for the file, once (not again in the attestation list)', () => {
    const el = mount({ file: fileView(failed()) });
    const next = [...el.querySelectorAll('.reason__next')].map((n) => n.textContent);
    expect(next).toEqual(['The file listed here is not the file that was signed: it may have been replaced.']);
    expect(next[0]).toBe(reasonConsequence('STATEMENT_DIGEST_MISMATCH'));
    // Two reasons with the same consequence: it is said once.
    const two = mount({
      file: fileView(
        verdict('failed', { reasons: [reason('TLOG_INVALID'), reason('TLOG_MISSING_INCLUSION'), reason('SIGNATURE_INVALID')] }),
      ),
    });
    expect([...two.querySelectorAll('.reasons')[0]!.querySelectorAll('.reason__next')].map((n) => n.textContent)).toEqual([
      reasonConsequence('TLOG_INVALID'),
      reasonConsequence('SIGNATURE_INVALID'),
    ]);
  });

  it('never shows the claimed repository as a fact', () => {
    const el = mount({ file: fileView(failed()) });
    expect(el.textContent).not.toContain('Uploaded via');
    expect(el.querySelector('.fact')).toBeNull();
    expect(el.textContent).not.toContain('What this does not prove'); // nothing proven to qualify
    // No link at all to the claimed repository or the unverified log entry.
    expect(hrefs(el).filter((h) => h!.includes('evil/claimed') || h!.includes('sigstore'))).toEqual([]);
    // Every text node that names the claimed repository sits inside an element marked as unverified.
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.textContent!.includes('evil/claimed')) {
        seen++;
        expect(n.parentElement!.closest('[data-unverified]')).not.toBeNull();
      }
    }
    expect(seen).toBeGreaterThan(0);
    expect(el.querySelector('.claimed')!.textContent).toContain('Claimed publisher (not verified)');
  });
});

describe('Panel: absent, error, pending', () => {
  it('absent is neutral and blames no one', () => {
    const el = mount({ file: fileView(verdict('absent')) });
    expect(el.textContent).toContain('No provenance published');
    expect(el.textContent).toContain('Many projects upload by hand, or from self-hosted forges and CI systems');
    expect(el.textContent).not.toContain('honest');
    expect(el.querySelector('.panel--neutral')).not.toBeNull();
    expect(el.querySelector('[data-action="save-provenance"]')).toBeNull();
  });

  it('failed: says what to do, the possible causes, how to compare with PyPI and where to report', () => {
    const el = mount({ file: fileView(verdict('failed')) });
    const advice = el.querySelector('[data-section="failed-advice"]')!;
    expect(advice.textContent).toContain("Don't install this file");
    expect(advice.querySelectorAll('li')).toHaveLength(3);
    expect(advice.textContent).toContain('replaced');
    expect(advice.textContent).toContain('out-of-date Sigstore trust root');
    // PyPI's own details of this file (hashes, Provenance section) …
    const compare = advice.querySelector<HTMLAnchorElement>('a.todo__compare')!;
    expect(compare.href).toBe('https://pypi.org/project/sampleproject/4.0.0/#sampleproject-4.0.0.tar.gz');
    expect(compare.textContent).toBe("Open this file's details on PyPI");
    // the one link to PyPI's project pages in the whole panel, and its sentence says what PyPI shows there
    const toPypi = [...el.querySelectorAll<HTMLAnchorElement>('a')].filter((a) => a.href.startsWith('https://pypi.org/project/'));
    expect(toPypi).toEqual([compare]);
    expect(compare.parentElement!.textContent).toBe(
      "Compare with PyPI's own details of this file: its sha256, and its Provenance section, where PyPI shows its own, server-side result (this panel is an independent check, done in your browser). Open this file's details on PyPI",
    );
    // … or the project page when the page names no release
    const onProject = mount({ file: fileView(verdict('failed'), { version: null }) }).querySelector<HTMLAnchorElement>('a.todo__compare')!;
    expect(onProject.href).toBe('https://pypi.org/project/sampleproject/');
    expect(onProject.textContent).toBe('Open the release on PyPI');
    expect(advice.querySelector<HTMLAnchorElement>('a.todo__report')!.href).toBe('https://pypi.org/security/');
    expect(mount({ file: fileView(verdict('verified')) }).querySelector('[data-section="failed-advice"]')).toBeNull();
  });

  it('absent in strict mode says downloads will be confirmed', () => {
    const el = mount({ file: fileView(verdict('absent'), { strict: true }) });
    expect(el.querySelector('.panel--warning')).not.toBeNull();
    expect(el.textContent).toContain('Strict mode is on, so you will be asked to confirm downloads of this file.');
  });

  it('error offers Retry', () => {
    const onRetry = vi.fn();
    const el = mount({ file: fileView(verdict('error', { reasons: [reason('INDEX_UNREACHABLE')] })), onRetry });
    expect(el.textContent).toContain('Could not check — pypi.org did not answer (try again)');
    expect(el.textContent).toContain('This says nothing about the file itself: the check could not be finished.');
    const retry = el.querySelectorAll('[data-action="retry"]');
    expect(retry.length).toBe(1);
    (retry[0] as HTMLButtonElement).click();
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('error with another reason shows it', () => {
    const el = mount({ file: fileView(verdict('error', { reasons: [reason('INDEX_TIMEOUT')] })) });
    expect(el.textContent).toContain('pypi.org took too long to answer.');
    expect(el.textContent).toContain('This says nothing about the file itself');
    expect(el.querySelector('.reason__next')!.textContent).toBe('PyPI may be busy: try again in a moment.');
  });

  it('pending (null verdict)', () => {
    const el = mount({ file: fileView(null) });
    expect(el.textContent).toContain('Checking…');
  });
});

describe('Panel: hostile certificate content', () => {
  it('renders javascript: URLs and markup in certificate fields as text', () => {
    const evil = 'javascript:alert(1)';
    const markup = '<img src=x onerror=alert(1)>';
    const v = verdict('verified', {
      attestations: [
        attestation({
          identity: githubIdentity({ runInvocationUri: evil }),
          certificate: certificate({
            subjectAlternativeName: evil,
            issuer: markup,
            extensions: [{ oid: '1.3.6.1.4.1.57264.1.21', name: 'Run Invocation URI', value: evil, description: markup, critical: false }],
          }),
        }),
      ],
    });
    const el = mount({ file: fileView(v) });
    expect(el.textContent).toContain(evil);
    expect(el.textContent).toContain(markup);
    expect(el.querySelector('img')).toBeNull();
    // certificate-derived links only to github.com / search.sigstore.dev; the one pypi.org link is built from the page's file
    const pypi = 'https://pypi.org/project/sampleproject/4.0.0/#sampleproject-4.0.0.tar.gz';
    for (const a of el.querySelectorAll('a'))
      if (a.getAttribute('href') !== pypi) expect(a.getAttribute('href')).toMatch(/^https:\/\/(github\.com|search\.sigstore\.dev)\//);
    expect(hrefs(el).some((h) => h!.startsWith('javascript'))).toBe(false);
  });

  it('does not link a workflow when the commit is not a sha', () => {
    const v = verdict('verified', {
      attestations: [attestation({ identity: githubIdentity({ sourceRepositoryDigest: 'refs/tags/v1' }) })],
    });
    const el = mount({ file: fileView(v) });
    expect(el.querySelector('.fact')!.textContent).toContain('the certificate names no commit');
    expect(hrefs(el).some((h) => h!.includes('/blob/') || h!.includes('/commit/'))).toBe(false);
  });
});
