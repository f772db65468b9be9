/**
 * The peer verifier in the bench build's service worker: @freedomofpress/sigstore-browser
 * (installed on demand into .cache/bench/peer by scripts/bench/peer.mjs, never a product
 * dependency). Added to the worker entry only by the bench build (scripts/bench/build.mjs) and
 * only when the package is installed. Exposes `globalThis.__pypiProvenanceBenchPeer`.
 *
 * Policy, equal to ours for a GitHub Trusted Publisher: the leaf chains to the trust root's CA with
 * a valid SCT, the Rekor entry's inclusion promise and proof verify, the DSSE signature verifies;
 * Issuer V2 (.8) is GitHub's, Source Repository URI (.12) is the publisher's repository, Build
 * Config URI (.18) is exactly the expected workflow@ref; then (the peer lacks this) the in-toto
 * statement has exactly one subject, whose name is the file's name and whose sha256 is the file's,
 * and a known predicate type. The JSON parse and the PEP 740 → bundle conversion are timed too, as
 * they are in ours.
 */
import { AllOf, OIDCBuildConfigURI, OIDCIssuerV2, OIDCSourceRepositoryURI, SigstoreVerifier } from '@freedomofpress/sigstore-browser';

const PREDICATES = new Set(['https://docs.pypi.org/attestations/publish/v1', 'https://slsa.dev/provenance/v1']);

function toBundle(att) {
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: {
      certificate: { rawBytes: att.verification_material.certificate },
      tlogEntries: att.verification_material.transparency_entries.slice(0, 1),
      timestampVerificationData: { rfc3161Timestamps: [] },
    },
    dsseEnvelope: {
      payload: att.envelope.statement,
      payloadType: 'application/vnd.in-toto+json',
      signatures: [{ sig: att.envelope.signature, keyid: '' }],
    },
  };
}

async function loadVerifier(trustText) {
  const v = new SigstoreVerifier({ tlogThreshold: 1, ctlogThreshold: 1, tsaThreshold: 0 });
  await v.loadSigstoreRoot(JSON.parse(trustText));
  return v;
}

/** 'verified' or 'failed: …' for one input ({text, filename, sha256, policy: {issuer, repositoryUri, buildConfigUri}}). */
async function verifyOne(verifier, input) {
  try {
    const prov = JSON.parse(input.text);
    const policy = new AllOf([
      new OIDCIssuerV2(input.policy.issuer),
      new OIDCSourceRepositoryURI(input.policy.repositoryUri),
      new OIDCBuildConfigURI(input.policy.buildConfigUri),
    ]);
    // A provenance object, or a bare attestation (as the fixtures' *.attestation files; ours accepts both).
    const atts = Array.isArray(prov.attestation_bundles) ? prov.attestation_bundles.flatMap((b) => b.attestations) : [prov];
    let n = 0;
    {
      for (const att of atts) {
        const { payload } = await verifier.verifyDsse(toBundle(att), policy);
        const st = JSON.parse(new TextDecoder().decode(payload));
        if (!Array.isArray(st.subject) || st.subject.length !== 1) return { state: 'failed: subjects', n };
        const s = st.subject[0];
        if (s.name !== input.filename || s.digest?.sha256 !== input.sha256) return { state: 'failed: subject', n };
        if (!PREDICATES.has(st.predicateType)) return { state: 'failed: predicate', n };
        n++;
      }
    }
    return { state: n > 0 ? 'verified' : 'failed: none', n };
  } catch (e) {
    return { state: `failed: ${e?.message ?? e}`.slice(0, 120), n: 1 };
  }
}

let cached = null;
async function verifierFor(trustText) {
  if (cached?.text !== trustText) cached = { text: trustText, verifier: await loadVerifier(trustText) };
  return cached.verifier;
}

/** Warm: ms per attestation for each input, `rounds` times. */
async function verifyLoop(inputs, trustText, rounds) {
  const verifier = await verifierFor(trustText);
  const perAttestationMs = [];
  const states = {};
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const t0 = performance.now();
      const { state, n } = await verifyOne(verifier, input);
      perAttestationMs.push((performance.now() - t0) / Math.max(1, n));
      states[state] = (states[state] ?? 0) + 1;
    }
  }
  return { perAttestationMs, states };
}

/** Cold: trust-root load + the first verification (call first in a fresh worker). */
async function cold(input, trustText) {
  const t0 = performance.now();
  const verifier = await loadVerifier(trustText);
  const t1 = performance.now();
  const { state } = await verifyOne(verifier, input);
  const t2 = performance.now();
  return { loadMs: t1 - t0, firstMs: t2 - t1, totalMs: t2 - t0, state };
}

globalThis.__pypiProvenanceBenchPeer = { verifyLoop, cold, version: '0.1.14' };
