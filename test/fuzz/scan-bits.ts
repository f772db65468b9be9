/**
 * Exhaustive single-bit scan of one base64 field (not a test; a measuring tool behind README.md):
 *   npx tsx test/fuzz/scan-bits.ts prod verification_material.certificate   (pypi_attestations-0.0.19 provenance, full verdict)
 *   npx tsx test/fuzz/scan-bits.ts ts                                       (Rekor v2 RFC 3161 timestamp, Sigstore layer, staging root)
 * Prints how many flips still pass and at which byte offsets.
 */
import { loadTrust } from '../../src/verify/trust';
import { parseProvenance, verifyAttestationSignature, verifyProvenance } from '../../src/verify/index';
import { loadRekor2Seed, loadSeeds, trustRootBytes, type Json } from './seeds';
import { getAt, setAt, type Path } from './mutate';

const which = process.argv[2];
const rekor2 = which === 'ts';
const seed = rekor2 ? loadRekor2Seed().seed : loadSeeds()[1]!;
const trust = loadTrust(rekor2 ? loadRekor2Seed().stagingRoot : trustRootBytes());
const path: Path = rekor2
  ? ['verification_material', 'timestamps', 0]
  : [
      'attestation_bundles',
      0,
      'attestations',
      0,
      ...(process.argv[3] ?? 'verification_material.certificate').split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
    ];
const bytes = Buffer.from(getAt(seed.value, path) as string, 'base64');
const pass: number[] = [];
for (let bit = 0; bit < bytes.length * 8; bit++) {
  const b = Buffer.from(bytes);
  b[bit >> 3]! ^= 1 << (bit & 7);
  const input = setAt(seed.value as Json, path, b.toString('base64'));
  let ok: boolean;
  if (rekor2) {
    const p = parseProvenance(input);
    ok = p.status === 'ok' && verifyAttestationSignature(p.bundles[0]!.attestations[0]!, trust).ok;
  } else ok = (await verifyProvenance(input, seed.dist, trust)).state === 'verified';
  if (ok) pass.push(bit);
}
console.log(
  `${seed.name} ${path.join('.')}: ${bytes.length} bytes, ${pass.length}/${bytes.length * 8} flips pass; bytes: ${[...new Set(pass.map((b) => b >> 3))].join(',') || '-'}`,
);
