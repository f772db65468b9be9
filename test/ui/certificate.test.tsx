// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { CertificateView } from '../../src/ui/CertificateView';
import { certificate } from './factory';

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
    expect(ext[1]!.textContent).toContain('Source Repository URI');
    expect(ext[1]!.textContent).toContain('1.3.6.1.4.1.57264.1.12');
    expect(ext[1]!.textContent).toContain('The repository the workflow ran in.');
    expect(el.textContent).toContain('O=sigstore.dev, CN=sigstore-intermediate');
    expect(el.querySelectorAll('.chain li').length).toBe(2);
    expect(el.querySelector('pre.pem')!.textContent).toContain('BEGIN CERTIFICATE');
    expect(el.querySelector('a')).toBeNull();
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
