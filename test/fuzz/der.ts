/**
 * A minimal DER TLV walker (test-side) to locate the signed regions of a certificate and of an
 * RFC 3161 TimeStampResp, so bit flips can be aimed at bound bytes and the unbound ones documented.
 */
export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the content. */
  end: number;
}

export function readTlv(b: Uint8Array, at: number): Tlv {
  const tag = b[at]!;
  let len = b[at + 1]!;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[p + i]!;
    p += n;
  }
  return { tag, start: at, contentStart: p, end: p + len };
}

export function children(b: Uint8Array, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = t.contentStart; p < t.end;) {
    const c = readTlv(b, p);
    out.push(c);
    p = c.end;
  }
  return out;
}

/** Certificate: [tbsCertificate, signatureAlgorithm, signatureValue]. */
export function certificateParts(der: Uint8Array): { tbs: Tlv; sigAlg: Tlv; sigValue: Tlv } {
  const [tbs, sigAlg, sigValue] = children(der, readTlv(der, 0)) as [Tlv, Tlv, Tlv];
  return { tbs, sigAlg, sigValue };
}

/**
 * The byte ranges of an RFC 3161 TimeStampResp that the TSA signature covers or that select the
 * TSA key: the TSTInfo (eContent, bound via the messageDigest signed attribute), the signed
 * attributes, the signature value and the signer's serial number (sid). Everything else —
 * PKIStatusInfo, SignedData version and digestAlgorithms, the embedded certificates, the
 * SignerInfo's version / digestAlgorithm / signatureAlgorithm and all DER headers — is outside the
 * signature; see test/fuzz/README.md.
 */
export function timestampBoundRanges(der: Uint8Array): { name: string; from: number; to: number }[] {
  const resp = readTlv(der, 0);
  const [, token] = children(der, resp) as [Tlv, Tlv];
  const [, explicit] = children(der, token) as [Tlv, Tlv];
  const signedData = readTlv(der, explicit.contentStart);
  const sd = children(der, signedData);
  const encap = sd[2]!;
  const eContentExplicit = children(der, encap)[1]!;
  const tstInfo = readTlv(der, eContentExplicit.contentStart);
  const signerInfos = sd[sd.length - 1]!;
  const si = children(der, children(der, signerInfos)[0]!);
  const sid = si[1]!;
  const serial = children(der, sid)[1]!;
  const signedAttrs = si.find((t) => t.tag === 0xa0)!;
  const signature = si.find((t, i) => t.tag === 0x04 && i > 3)!;
  return [
    { name: 'TSTInfo (eContent)', from: tstInfo.contentStart, to: tstInfo.end },
    { name: 'sid serialNumber', from: serial.contentStart, to: serial.end },
    { name: 'signedAttrs', from: signedAttrs.contentStart, to: signedAttrs.end },
    { name: 'signature', from: signature.contentStart, to: signature.end },
  ];
}
