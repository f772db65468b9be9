/**
 * "Which file of this release is the one I downloaded?": hash a local file in the page (never
 * uploaded; WebCrypto SHA-256) and compare it with the VERIFIED statement subjects of the release's
 * files. A match on a file that did not verify is reported as such, never as verified.
 */
import { t } from '../i18n';
import type { FileView } from '../ui/types';

export type FileMatch =
  | { kind: 'verified'; filename: string; sha256: string }
  | { kind: 'unverified'; filename: string; sha256: string; state: string }
  | { kind: 'none'; sha256: string };

export const MAX_MATCH_BYTES = 1024 * 1024 * 1024;

export async function sha256Hex(data: ArrayBuffer | Uint8Array, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
  const d = await subtle.digest('SHA-256', data as BufferSource);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function matchDigest(sha256: string, views: FileView[]): FileMatch {
  const hex = sha256.toLowerCase();
  for (const v of views) {
    const verdict = v.verdict;
    if (verdict?.state !== 'verified') continue;
    const subjects = verdict.attestations.filter((a) => a.ok && a.subject).map((a) => a.subject!.sha256.toLowerCase());
    if (subjects.length > 0 && subjects.every((s) => s === hex) && verdict.sha256.toLowerCase() === hex)
      return { kind: 'verified', filename: v.filename, sha256: hex };
  }
  for (const v of views) {
    const known = (v.verdict?.sha256 || v.pageSha256 || '').toLowerCase();
    if (known === hex) return { kind: 'unverified', filename: v.filename, sha256: hex, state: v.verdict?.state ?? 'pending' };
  }
  return { kind: 'none', sha256: hex };
}

export function describeMatch(m: FileMatch, localName?: string): string {
  const named = (rest: string[]): string[] => (localName ? [localName, ...rest] : rest);
  switch (m.kind) {
    case 'verified':
      return t(localName ? 'match_verified_named' : 'match_verified', named([m.filename, m.sha256]));
    case 'unverified':
      return t(localName ? 'match_unverified_named' : 'match_unverified', named([m.filename, m.state, m.sha256]));
    case 'none':
      return t(localName ? 'match_none_named' : 'match_none', named([m.sha256]));
  }
}

/** Hash a Blob (File) and match it. Files larger than MAX_MATCH_BYTES are refused. */
export async function matchBlob(blob: Blob & { name?: string }, views: FileView[]): Promise<string> {
  if (blob.size > MAX_MATCH_BYTES) return t('match_too_large');
  const hex = await sha256Hex(await blob.arrayBuffer());
  return describeMatch(matchDigest(hex, views), typeof blob.name === 'string' ? blob.name.slice(0, 200) : undefined);
}
