/**
 * Decode a Fulcio leaf certificate for display and for the identity check: PEM, serial, SAN, DNs,
 * validity, fingerprint, every extension (Fulcio 1.3.6.1.4.1.57264.1.* and standard X.509), the
 * signing identity, and the chain from the trust root's CA that issued it.
 */
import { ASN1Obj, X509Certificate } from '@sigstore/core';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHexString, encodeBase64, sameBytes } from './base64';
import { DN_ATTRIBUTES, EKU_NAMES, FULCIO_EXTENSIONS, FULCIO_OID_PREFIX, X509_EXTENSIONS } from './oids';
import type { LoadedTrust } from './trust';
import type { CertificateExtensionInfo, CertificateInfo, SigningIdentity } from './verdict';

/** A Buffer over a copy of exactly these bytes (what @sigstore/core's parsers take). */
export const toBuffer = (b: Uint8Array): Buffer<ArrayBuffer> =>
  Buffer.from(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);

/**
 * X509Certificate.parse, memoised per byte array (bytes compared on every hit, so a changed array
 * is parsed again): the binding check and decodeCertificate read the same leaf, and a parse is a
 * noticeable part of a cold worker's first verification. Callers only read the certificate.
 */
const parsed = new WeakMap<Uint8Array, { der: Uint8Array; cert: X509Certificate }>();
export function parseCertificate(der: Uint8Array): X509Certificate {
  const hit = parsed.get(der);
  if (hit && sameBytes(hit.der, der)) return hit.cert;
  const cert = X509Certificate.parse(toBuffer(der));
  parsed.set(der, { der: der.slice(), cert });
  return cert;
}
const utf8 = (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(b);

export function toPem(der: Uint8Array): string {
  const b64 = encodeBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** RFC 4514-ish rendering of a Name, in the order written (e.g. "O=sigstore.dev, CN=sigstore-intermediate"). */
export function formatDistinguishedName(name: ASN1Obj | undefined): string {
  if (!name) return '';
  try {
    const parts: string[] = [];
    for (const rdn of name.subs) {
      for (const atv of rdn.subs) {
        const oid = atv.subs[0]?.toOID() ?? '?';
        const value = atv.subs[1] ? utf8(atv.subs[1].value) : '';
        parts.push(`${DN_ATTRIBUTES[oid] ?? oid}=${value}`);
      }
    }
    return parts.join(', ');
  } catch {
    return '';
  }
}

function isPrintable(s: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
  return !/[\u0000-\u001f\u007f\ufffd]/.test(s);
}

/** The text of a Fulcio extension value: DER UTF8String (v2, .8+) or raw bytes (legacy .1–.6). */
export function decodeFulcioValue(arc: number, value: Uint8Array): string {
  if (arc >= 8) {
    try {
      const inner = ASN1Obj.parseBuffer(toBuffer(value));
      if (inner.tag.number === 12 || inner.tag.number === 19 || inner.tag.number === 22) return utf8(inner.value);
    } catch {
      /* fall through */
    }
  }
  const s = utf8(value);
  return isPrintable(s) ? s : bytesToHexString(value);
}

function describeStandard(cert: X509Certificate, oid: string, value: Uint8Array): string {
  try {
    switch (oid) {
      case '2.5.29.15': {
        const ku = cert.extKeyUsage;
        if (!ku) break;
        const names = [ku.digitalSignature && 'Digital Signature', ku.keyCertSign && 'Certificate Sign', ku.crlSign && 'CRL Sign'].filter(
          Boolean,
        );
        return names.join(', ') || '(none)';
      }
      case '2.5.29.37': {
        const seq = ASN1Obj.parseBuffer(toBuffer(value));
        return seq.subs.map((s) => EKU_NAMES[s.toOID()] ?? s.toOID()).join(', ');
      }
      case '2.5.29.17': {
        const san = cert.extSubjectAltName;
        const uri = san?.uri;
        const email = san?.rfc822Name;
        return [uri && `URI:${uri}`, email && `email:${email}`].filter(Boolean).join(', ') || bytesToHexString(value);
      }
      case '2.5.29.35': {
        const id = cert.extAuthorityKeyID?.keyIdentifier;
        return id ? bytesToHexString(id) : bytesToHexString(value);
      }
      case '2.5.29.14': {
        const id = cert.extSubjectKeyID?.keyIdentifier;
        return id ? bytesToHexString(id) : bytesToHexString(value);
      }
      case '2.5.29.19':
        return cert.extBasicConstraints?.isCA ? 'CA: true' : 'CA: false';
      case '1.3.6.1.4.1.11129.2.4.2': {
        const scts = cert.extSCT?.signedCertificateTimestamps ?? [];
        const items = scts.map((s) => `log ${bytesToHexString(s.logID).slice(0, 16)}… at ${s.datetime.toISOString()}`);
        return `${scts.length} SCT${scts.length === 1 ? '' : 's'}${items.length ? ': ' + items.join('; ') : ''}`;
      }
    }
  } catch {
    /* fall through to hex */
  }
  return bytesToHexString(value);
}

function decodeExtensions(cert: X509Certificate): CertificateExtensionInfo[] {
  const out: CertificateExtensionInfo[] = [];
  for (const ext of cert.extensions) {
    try {
      const oid = ext.subs[0]!.toOID();
      const critical = ext.subs.length === 3 ? ext.subs[1]!.toBoolean() : false;
      const value = new Uint8Array(ext.subs[ext.subs.length - 1]!.value);
      if (oid.startsWith(FULCIO_OID_PREFIX)) {
        const arc = Number(oid.slice(FULCIO_OID_PREFIX.length));
        const known = Number.isInteger(arc) ? FULCIO_EXTENSIONS[arc] : undefined;
        out.push({
          oid,
          name: known?.name ?? 'Fulcio extension',
          value: decodeFulcioValue(arc, value),
          description: known?.description ?? 'A Sigstore Fulcio extension this tool does not know.',
          critical,
        });
      } else {
        const known = X509_EXTENSIONS[oid];
        out.push({
          oid,
          name: known?.name ?? 'Extension',
          value: describeStandard(cert, oid, value),
          description: known?.description ?? 'An X.509 extension this tool does not know.',
          critical,
        });
      }
    } catch {
      // A malformed extension is shown as such rather than hiding the certificate.
      out.push({ oid: '?', name: 'Malformed extension', value: '', description: 'This extension could not be decoded.', critical: false });
    }
  }
  return out;
}

/** The signing identity from the certificate's Fulcio extensions. */
export function identityFromExtensions(san: string | null, extensions: CertificateExtensionInfo[]): SigningIdentity {
  const get = (arc: number): string | undefined => extensions.find((e) => e.oid === FULCIO_OID_PREFIX + arc)?.value;
  const id: SigningIdentity = { subjectAlternativeName: san, issuer: get(8) ?? get(1) ?? null };
  const fields: [keyof SigningIdentity, number][] = [
    ['issuerV2', 8],
    ['issuerV1', 1],
    ['sourceRepositoryUri', 12],
    ['sourceRepositoryDigest', 13],
    ['sourceRepositoryRef', 14],
    ['sourceRepositoryOwnerUri', 16],
    ['sourceRepositoryVisibility', 22],
    ['buildConfigUri', 18],
    ['buildConfigDigest', 19],
    ['buildSignerUri', 9],
    ['buildSignerDigest', 10],
    ['buildTrigger', 20],
    ['runInvocationUri', 21],
    ['runnerEnvironment', 11],
  ];
  for (const [key, arc] of fields) {
    const v = get(arc);
    if (v !== undefined) (id as unknown as Record<string, string>)[key] = v;
  }
  return id;
}

/** The issuer and subject Name objects of a certificate (tbsCertificate fields). */
function names(cert: X509Certificate): { issuer: ASN1Obj | undefined; subject: ASN1Obj | undefined } {
  const tbs = cert.tbsCertificate;
  const off = tbs.subs[0]?.tag.isContextSpecific(0) ? 1 : 0;
  return { issuer: tbs.subs[2 + off], subject: tbs.subs[4 + off] };
}

function fingerprint(der: Uint8Array): string {
  return bytesToHexString(sha256(der));
}

function chainFor(leaf: X509Certificate, trust: LoadedTrust | undefined): CertificateInfo['chain'] {
  if (!trust) return [];
  for (const ca of trust.material.certificateAuthorities) {
    const first = ca.certChain[0];
    if (!first) continue;
    let issued = false;
    try {
      issued = leaf.issuer.equals(first.subject) && leaf.verify(first);
    } catch {
      issued = false;
    }
    if (!issued) continue;
    return ca.certChain.map((c) => {
      const der = new Uint8Array(c.root.toDER());
      return {
        subject: formatDistinguishedName(names(c).subject),
        issuer: formatDistinguishedName(names(c).issuer),
        notBefore: c.notBefore.toISOString(),
        notAfter: c.notAfter.toISOString(),
        fingerprintSha256: fingerprint(der),
        pem: toPem(der),
      };
    });
  }
  return [];
}

/**
 * Decode a DER certificate. Throws if it is not an X.509 certificate at all.
 * `trust` (optional) is used to find the issuing CA chain; a chain is listed only if the CA's
 * first certificate's signature over the leaf verifies.
 */
export function decodeCertificate(der: Uint8Array, trust?: LoadedTrust): { info: CertificateInfo; identity: SigningIdentity } {
  const cert = parseCertificate(der);
  let san: string | null = null;
  try {
    san = cert.subjectAltName ?? null;
  } catch {
    san = null;
  }
  const extensions = decodeExtensions(cert);
  const info: CertificateInfo = {
    pem: toPem(der),
    serialNumber: bytesToHexString(cert.serialNumber),
    subjectAlternativeName: san,
    issuer: formatDistinguishedName(names(cert).issuer),
    subject: formatDistinguishedName(names(cert).subject),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    fingerprintSha256: fingerprint(der),
    extensions,
    chain: chainFor(cert, trust),
  };
  return { info, identity: identityFromExtensions(san, extensions) };
}
