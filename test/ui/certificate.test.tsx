// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { CertificateView } from '../../src/ui/CertificateView';
import { certificate, COMMIT } from './factory';

let root: HTMLDivElement;
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});
function mount(integratedTime: string | null, over = {}) {
  root = document.createElement('div');
  document.body.append(root);
  render(
    <CertificateView
      certificate={certificate(over)}
      integratedTime={integratedTime}
      filename="sampleproject-4.0.0.tar.gz"
      index={0}
      verified={true}
      open
    />,
    root,
  );
  return root;
}

describe('CertificateView', () => {
  it('shows extensions with OID, name and description; SAN, issuer and chain', () => {
    const el = mount('2024-11-06T22:37:07Z');
    expect(el.querySelector('details')).not.toBeNull();
    const ext = el.querySelectorAll('.ext');
    expect(ext.length).toBe(2);
    // "who signed" first: Source Repository URI before the (technical) Issuer
    expect(ext[0]!.textContent).toContain('Source Repository URI');
    expect(ext[0]!.textContent).toContain('1.3.6.1.4.1.57264.1.12');
    expect(ext[0]!.textContent).toContain('The repository the workflow ran in.');
    expect(el.textContent).toContain('O=sigstore.dev, CN=sigstore-intermediate');
    expect(el.querySelectorAll('.chain li').length).toBe(2);
    expect(el.querySelector('pre.pem')!.textContent).toContain('BEGIN CERTIFICATE');
    expect(el.querySelector('a')).toBeNull();
  });

  it('groups the Fulcio extensions: who signed (in a fixed order), technical, legacy folded', () => {
    const fulcio = (n: number, name: string, value: string) => ({
      oid: `1.3.6.1.4.1.57264.1.${n}`,
      name,
      value,
      description: `${name}.`,
      critical: false,
    });
    const el = mount(null, {
      extensions: [
        { oid: '2.5.29.15', name: 'Key Usage', value: 'Digital Signature', description: 'x', critical: true },
        fulcio(1, 'Issuer (legacy)', 'https://token.actions.githubusercontent.com'),
        fulcio(3, 'GitHub Workflow SHA (legacy)', COMMIT),
        fulcio(8, 'Issuer', 'https://token.actions.githubusercontent.com'),
        fulcio(11, 'Runner Environment', 'github-hosted'),
        fulcio(12, 'Source Repository URI', 'https://github.com/pypa/sampleproject'),
        fulcio(13, 'Source Repository Digest', COMMIT),
        fulcio(14, 'Source Repository Ref', 'refs/heads/main'),
        fulcio(18, 'Build Config URI', 'https://github.com/pypa/sampleproject/.github/workflows/release.yml@refs/heads/main'),
        fulcio(21, 'Run Invocation URI', 'https://github.com/pypa/sampleproject/actions/runs/1/attempts/1'),
        fulcio(22, 'Source Repository Visibility At Signing', 'public'),
      ],
    });
    const names = (group: string) => [...el.querySelectorAll(`[data-group="${group}"] .ext__name`)].map((n) => n.textContent);
    expect(names('who-signed')).toEqual([
      'Build Config URI',
      'Source Repository URI',
      'Source Repository Digest',
      'Source Repository Ref',
      'Source Repository Visibility At Signing',
      'Runner Environment',
    ]);
    expect(names('technical')).toEqual(['Key Usage', 'Issuer', 'Run Invocation URI']);
    expect(names('legacy')).toEqual(['Issuer (legacy)', 'GitHub Workflow SHA (legacy)']);
    const legacy = el.querySelector('[data-group="legacy"]')!;
    expect(legacy.tagName).toBe('DETAILS');
    expect((legacy as HTMLDetailsElement).open).toBe(false);
    // who signed comes before technical, technical before the folded legacy list
    const order = ['who-signed', 'technical', 'legacy'].map((g) => el.querySelector(`[data-group="${g}"]`)!);
    expect(order[0]!.compareDocumentPosition(order[1]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(order[1]!.compareDocumentPosition(order[2]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('long hex values wrap between groups of 8 (no added characters) and copy as they are', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const el = mount(null);
    const fp = 'ab'.repeat(32);
    const hex = el.querySelector(`[data-hex="${fp}"]`)!;
    expect(hex.textContent).toBe(fp);
    expect(hex.querySelectorAll('.hex__g')).toHaveLength(8);
    expect(hex.querySelectorAll('wbr')).toHaveLength(7);
    expect([...hex.querySelectorAll('.hex__g')].every((g) => g.textContent!.length === 8)).toBe(true);
    const copy = hex.parentElement!.querySelector('button')!;
    expect(copy.getAttribute('aria-label')).toBe('Copy: SHA-256 fingerprint');
    copy.click();
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith(fp));
    await vi.waitFor(() => expect(hex.parentElement!.querySelector('.copy__status')!.textContent).toBe('Copied'));
    // a short value stays plain text without a button; the chain's fingerprints get one each
    expect(el.querySelector('[data-hex="69a1b2"]')).toBeNull();
    expect(el.querySelectorAll('.chain [data-hex]')).toHaveLength(2);
  });

  it('the scrolling PEM block is reachable by keyboard and named', () => {
    const pem = mount(null).querySelector('pre.pem')!;
    expect(pem.getAttribute('tabindex')).toBe('0');
    expect(pem.getAttribute('role')).toBe('region');
    expect(pem.getAttribute('aria-label')).toBe('Certificate of attestation 1, PEM');
  });

  it('compares the validity window with the log time', () => {
    let el = mount('2024-11-06T22:37:07Z');
    expect(el.querySelector('.validity')!.textContent).toBe(
      'valid 10 minutes: 2024-11-06 22:37:00–22:47:00 UTC; logged at 22:37:07 — inside the window',
    );
    render(null, root);
    root.remove();
    el = mount('2024-11-06T22:48:00Z');
    expect(el.querySelector('.validity')!.textContent).toContain('OUTSIDE the window');
    expect(el.querySelector('.validity--outside')).not.toBeNull();
  });

  it('saves the PEM through a Blob and <a download>', () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:x';
    }) as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    const el = mount(null);
    const save = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Save .pem')!;
    save.click();
    expect(created.length).toBe(1);
    expect(clicks[0]!.download).toBe('sampleproject-4.0.0.tar.gz.attestation-0.pem');
    expect(clicks[0]!.getAttribute('href')).toBe('blob:x');
  });
});
