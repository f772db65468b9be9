// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileView, verdict } from './factory';
import { badgeButton as mount } from './inline';

afterEach(() => {
  document.body.replaceChildren();
});

describe('Badge', () => {
  it.each([
    ['verified', false, 'Provenance verified', 'ok'],
    ['absent', false, 'No provenance published', 'neutral'],
    ['absent', true, 'No provenance published', 'warning'],
    ['failed', false, 'Provenance FAILED', 'danger'],
    ['error', false, 'Could not check', 'neutral'],
    ['pending', false, 'Checking…', 'neutral'],
  ] as const)('%s (strict=%s) says %j at level %s', (state, strict, text, level) => {
    const b = mount(fileView(verdict(state), { strict }));
    expect(b.textContent).toBe(text);
    expect(b.classList.contains(`badge--${level}`)).toBe(true);
    expect(b.getAttribute('data-level')).toBe(level);
    expect(b.getAttribute('aria-label')).toContain('sampleproject-4.0.0.tar.gz');
    expect(b.getAttribute('aria-label')).toContain(text);
    expect(b.title).toContain(text);
    expect(b.querySelector('svg')).not.toBeNull();
    expect(b.hasAttribute('style')).toBe(false);
  });

  it('strict mode keeps the badge one short line; the tooltip and accessible name carry the sentence', () => {
    const b = mount(fileView(verdict('absent'), { strict: true, level: 'warning' }));
    expect(b.textContent).toBe('No provenance published');
    expect(b.title).toContain('strict mode asks you to confirm downloads of this file');
    expect(b.getAttribute('aria-label')).toContain('strict mode asks you to confirm downloads of this file');
    const normal = mount(fileView(verdict('absent')));
    expect(normal.title).not.toContain('strict mode');
  });

  it('null verdict is pending', () => {
    const b = mount(fileView(null));
    expect(b.textContent).toBe('Checking…');
    expect(b.dataset.state).toBe('pending');
  });

  it('pin mismatch speaks as danger', () => {
    const b = mount(
      fileView(verdict('verified'), { pin: { status: 'mismatch', differences: ['repository: pypa/sampleproject → evil/fork'] } }),
    );
    expect(b.textContent).toBe('Publisher differs from your pin');
    expect(b.classList.contains('badge--danger')).toBe(true);
  });

  it('is a toggle button with aria-expanded', () => {
    const onToggle = vi.fn();
    const b = mount(fileView(verdict('verified')), true, onToggle);
    expect(b.tagName).toBe('BUTTON');
    expect(b.getAttribute('aria-expanded')).toBe('true');
    b.click();
    expect(onToggle).toHaveBeenCalledTimes(1);
  });
});
