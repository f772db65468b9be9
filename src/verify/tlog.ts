/** Display information about a transparency log entry and RFC 3161 timestamps (no verification here). */
import { RFC3161Timestamp } from '@sigstore/core';
import { isRecord } from './provenance';
import type { LoadedTrust } from './trust';
import type { TransparencyLogInfo } from './verdict';

const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** ISO signing times of RFC 3161 responses (unverified parse; those that do not parse are skipped). */
export function timestampTimes(ders: Uint8Array[]): string[] {
  const out: string[] = [];
  for (const der of ders) {
    try {
      const buf = Buffer.from(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer);
      out.push(RFC3161Timestamp.parse(buf).signingTime.toISOString());
    } catch {
      /* not a timestamp we can read; @sigstore/verify reports it */
    }
  }
  return out;
}

/**
 * What the verdict says about the log entry, taken only from what is signed or proven:
 *  - with an inclusion promise (Rekor v1), the SET signs the top-level logIndex (the global index
 *    across shards) and integratedTime;
 *  - without one (Rekor v2), the top-level logIndex and integratedTime are unsigned: the index shown
 *    is the one the Merkle inclusion proof was checked at (inclusionProof.logIndex, against the
 *    signed checkpoint), and the time is the RFC 3161 timestamp's. A top-level index that differs is
 *    ignored, never shown (src/verify/README.md "Log entry facts").
 */
export function describeTlogEntry(entry: Record<string, unknown>, trust: LoadedTrust, timestamps: string[]): TransparencyLogInfo {
  const kv = isRecord(entry.kindVersion) ? entry.kindVersion : {};
  const logId = isRecord(entry.logId) ? s(entry.logId.keyId) : '';
  const version = s(kv.version);
  const promised = entry.inclusionPromise !== undefined;
  const integrated = Number(s(entry.integratedTime) || '0');
  const rekorVersion: 1 | 2 = version === '0.0.2' || (!(integrated > 0) && !promised) ? 2 : 1;
  const proof = isRecord(entry.inclusionProof) ? entry.inclusionProof : undefined;
  const logIndex = promised ? s(entry.logIndex) : proof ? s(proof.logIndex) : '';
  const integratedTime =
    promised && rekorVersion === 1 && Number.isSafeInteger(integrated) && integrated > 0
      ? new Date(integrated * 1000).toISOString()
      : (timestamps[0] ?? null);
  const info: TransparencyLogInfo = { logIndex, logId, kind: s(kv.kind), version, rekorVersion, integratedTime };
  const envelope = proof && isRecord(proof.checkpoint) ? s(proof.checkpoint.envelope) : '';
  if (envelope) {
    const origin = envelope.split('\n', 1)[0]!;
    if (origin.length > 0 && origin.length <= 256) info.checkpointOrigin = origin;
  }
  const log = trust.tlogs.find((t) => t.logId === logId);
  if (log?.baseUrl) info.logBaseUrl = log.baseUrl;
  return info;
}
