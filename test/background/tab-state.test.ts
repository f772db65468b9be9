/** The popup's view of a verdict (tab-state.ts): what is kept, and the several-publishers note (#17.4/#17.5). */
import { describe, expect, it } from 'vitest';
import { parseLinks, parseTabStatus, tabFileFromVerdict } from '../../src/background/tab-state';
import type { FileVerdictMessage } from '../../src/messages';
import { flagMultiplePublishers } from '../../src/verify/index';
import type { PublisherInfo, Verdict } from '../../src/verify/verdict';

const FILE = 'sampleproject-4.0.0.tar.gz';
const gh = (repository: string): PublisherInfo => ({ kind: 'GitHub', repository, workflow: 'release.yml', fromProvenance: true });
function message(state: Verdict['state'], publishers: PublisherInfo[] = []): FileVerdictMessage {
  const verdict = {
    state,
    filename: FILE,
    sha256: 'a'.repeat(64),
    reasons: [],
    publisher: publishers[0] ?? null,
    publishers,
    attestations: [],
    trustRootId: '',
    checkedAt: '',
  } as Verdict;
  if (state === 'verified') flagMultiplePublishers(verdict, publishers);
  return {
    type: 'verdict',
    requestId: 'r',
    filename: FILE,
    verdict,
    level: state === 'verified' ? 'ok' : 'danger',
    pin: { status: 'none' },
  };
}

describe('tabFileFromVerdict', () => {
  it('a verified file attested by two publishers carries the sentence naming both', () => {
    const f = tabFileFromVerdict(message('verified', [gh('pypa/sampleproject'), gh('other/fork')]));
    expect(f.reason?.code).toBe('MULTIPLE_PUBLISHERS');
    expect(f.reason?.message).toMatch(/^This file is attested by two different publishers: /);
    expect(f.reason?.message).toContain('GitHub other/fork (release.yml)');
  });

  it('one publisher (or one named twice): no reason on a verified file', () => {
    expect(tabFileFromVerdict(message('verified', [gh('pypa/sampleproject')])).reason).toBeUndefined();
    expect(tabFileFromVerdict(message('verified', [gh('pypa/sampleproject'), gh('PyPA/SampleProject')])).reason).toBeUndefined();
  });
});

describe('link mismatches in the stored tab state', () => {
  const link = { filename: FILE, href: `https://evil.example/${FILE}`, indexUrl: `https://files.pythonhosted.org/p/${FILE}` };
  const status = (links: unknown) => ({
    project: 'sampleproject',
    version: '4.0.0',
    index: 'pypi.org',
    files: [{ filename: FILE, state: 'verified', level: 'ok' }],
    links,
  });

  it("well-formed links about the tab's files survive a read back; anything else is dropped", () => {
    expect(parseTabStatus(status([link]))!.links).toEqual([link]);
    expect(parseTabStatus(status([{ ...link, filename: 'other-1.0.tar.gz' }]))!.links).toBeUndefined();
    expect(parseTabStatus(status([{ ...link, href: 'javascript:alert(1)' }]))!.links).toBeUndefined();
    expect(parseTabStatus(status([{ ...link, indexUrl: 3 }]))!.links).toBeUndefined();
    expect(parseTabStatus(status('nope'))!.links).toBeUndefined();
    expect(parseLinks(Array(30).fill(link), new Set([FILE]))).toHaveLength(20);
  });
});
