/**
 * Mutation machinery for fuzzing verifyProvenance. Pure helpers + fast-check arbitraries that turn
 * a real seed (see seeds.ts) into a `Case`: the (mutated) provenance input, the dist info given to
 * the verifier and a label that says exactly what was changed (for counterexample reports).
 *
 * Two families:
 *  - BOUND mutations (signedArb): each one changes signed or bound content, or the dist the
 *    provenance is checked against, so the verdict must never be 'verified'.
 *  - STRUCTURAL chaos (chaosArb): deletions, type swaps, huge/deep/wide values, hostile keys,
 *    random JSON and raw text. Must never throw, hang or verify, except for the few documented
 *    harmless paths in `harmlessPath` (unsigned, unbound fields).
 */
import fc from 'fast-check';
import { decodeBase64Lenient } from '../../src/verify/base64';
import type { DistInfo } from '../../src/verify/verdict';
import { certificateParts, timestampBoundRanges } from './der';
import { attestationPaths, clone, type Json, type Seed } from './seeds';

export type Path = (string | number)[];

export interface Case {
  /** Human-readable: seed, path, mutation. Printed with counterexamples. */
  label: string;
  /** The provenance input given to verifyProvenance (parsed JSON or raw text). */
  input: unknown;
  dist: DistInfo;
  /** Structural cases only: the path the mutation touched (for the harmless-path oracle). */
  path?: Path;
  /** Structural cases only: what was done at `path`. */
  op?: 'delete' | 'replace' | 'add-key' | 'duplicate' | 'raw';
  /** Structural cases only: the seed's value at `path` before the mutation. */
  before?: unknown;
  /** Raw-text cases only: the seed value the text was made from (for the equivalence oracle). */
  equivalentTo?: unknown;
}

/** Make fast-check print a case as its label (not the whole multi-kilobyte input). */
export function printable<T extends Case>(c: T): T {
  Object.defineProperty(c, fc.toStringMethod, { value: () => `Case(${JSON.stringify(c.label)})`, enumerable: false });
  return c;
}

// ---------------------------------------------------------------- JSON path helpers

export const pathString = (p: Path): string =>
  p.length === 0 ? '$' : '$' + p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');

export function getAt(v: unknown, p: Path): unknown {
  let cur: unknown = v;
  for (const k of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** A deep copy of `v` with the value at `p` replaced (or deleted when `del`). */
export function setAt(v: Json, p: Path, value: unknown, del = false): Json {
  if (p.length === 0) return value as Json;
  const out = clone(v);
  let cur = out as unknown as Record<string | number, unknown>;
  for (const k of p.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = p[p.length - 1]!;
  if (del) {
    if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1);
    else delete cur[last];
  } else {
    // defineProperty so that a key like "__proto__" becomes an own property (as JSON.parse makes it).
    Object.defineProperty(cur, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Every path in a JSON value (root excluded), iteratively. */
export function allPaths(v: unknown): Path[] {
  const out: Path[] = [];
  const stack: { v: unknown; p: Path }[] = [{ v, p: [] }];
  while (stack.length) {
    const { v: x, p } = stack.pop()!;
    if (p.length) out.push(p);
    if (Array.isArray(x)) x.forEach((y, i) => stack.push({ v: y, p: [...p, i] }));
    else if (x !== null && typeof x === 'object')
      for (const k of Object.keys(x)) stack.push({ v: (x as Record<string, unknown>)[k], p: [...p, k] });
  }
  return out.sort((a, b) => pathString(a).localeCompare(pathString(b)));
}

// ---------------------------------------------------------------- base64 / byte helpers (test-side, Node Buffer)

const b64decode = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const b64encode = (b: Uint8Array): string => Buffer.from(b).toString('base64');

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  const i = Math.floor(bit / 8) % out.length;
  out[i]! ^= 1 << (bit % 8);
  return out;
}

// ---------------------------------------------------------------- where the signed/bound content is

/** Base64 fields whose decoded bytes are signed or bound (per attestation, tlog entry [0]). */
function boundBase64Fields(attPath: Path, att: unknown): Path[] {
  const vm: Path = [...attPath, 'verification_material'];
  const te: Path = [...vm, 'transparency_entries', 0];
  const fields: Path[] = [
    [...vm, 'certificate'], // Fulcio-signed TBS + signature; also bound via the tlog body
    [...attPath, 'envelope', 'statement'], // DSSE payload: signature + tlog payloadHash
    [...attPath, 'envelope', 'signature'], // DSSE signature: verified + compared with the tlog body
    [...te, 'canonicalizedBody'], // SET + Merkle leaf
    [...te, 'inclusionPromise', 'signedEntryTimestamp'], // SET signature
    [...te, 'logId', 'keyId'], // selects the log key for SET and checkpoint
    // @sigstore/verify recomputes the root from the proof with the *checkpoint's* size and root
    // hash only; the core (bundle.ts inclusionProofInconsistency) binds these two copies to the
    // signed checkpoint since 8206fa3, so they are bound too.
    [...te, 'inclusionProof', 'rootHash'],
  ];
  const hashes = getAt(att, ['verification_material', 'transparency_entries', 0, 'inclusionProof', 'hashes']);
  if (Array.isArray(hashes)) hashes.forEach((_, i) => fields.push([...te, 'inclusionProof', 'hashes', i]));
  const ts = getAt(att, ['verification_material', 'timestamps']);
  if (Array.isArray(ts)) ts.forEach((_, i) => fields.push([...vm, 'timestamps', i]));
  return fields.filter((p) => typeof getAt(att, p.slice(attPath.length)) === 'string');
}

/** Integer-valued strings that are signed (SET covers logIndex, integratedTime) or bound (Merkle path). */
function boundNumericFields(attPath: Path): Path[] {
  const te: Path = [...attPath, 'verification_material', 'transparency_entries', 0];
  return [
    [...te, 'logIndex'],
    [...te, 'integratedTime'],
    [...te, 'inclusionProof', 'logIndex'],
    [...te, 'inclusionProof', 'treeSize'], // must equal the signed checkpoint's size (core check)
  ];
}

export function seedAttestations(seed: Seed): { path: Path; att: unknown }[] {
  return attestationPaths(seed.value).map((p) => ({ path: p, att: getAt(seed.value, p) }));
}

const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length]!;

// ---------------------------------------------------------------- BOUND mutations

/**
 * Bit positions a flip may target in a field. Everything, except:
 *  - RFC 3161 timestamps: only the bytes the TSA signature covers or that select the TSA key
 *    (der.ts timestampBoundRanges). The rest of a TimeStampResp is unsigned by design (status,
 *    SignedData version/digestAlgorithms, embedded certificates, SignerInfo algorithm fields, DER
 *    headers) and @sigstore/verify ignores it; flips there verify (measured: README.md).
 *  - certificates: the three header bytes after the TBS (signatureAlgorithm SEQUENCE tag,
 *    signatureValue BIT STRING tag, its unused-bits byte). Flips there VERIFY today although the
 *    bytes are part of the logged certificate: a reported known issue with its own failing test
 *    ("certificate outer header bytes"); excluded here so the broad property keeps finding new ones.
 */
export function flippableBits(p: Path, bytes: Uint8Array): number[] | null {
  const last = p[p.length - 1];
  if (p[p.length - 2] === 'timestamps') {
    const out: number[] = [];
    for (const r of timestampBoundRanges(bytes)) for (let i = r.from * 8; i < r.to * 8; i++) out.push(i);
    return out;
  }
  if (last === 'certificate') {
    const { sigAlg, sigValue } = certificateParts(bytes);
    const skip = new Set([sigAlg.start, sigValue.start, sigValue.contentStart]);
    const out: number[] = [];
    for (let i = 0; i < bytes.length * 8; i++) if (!skip.has(i >> 3)) out.push(i);
    return out;
  }
  return null;
}

export function bitflipCase(seed: Seed, field: number, bit: number): Case {
  const atts = seedAttestations(seed);
  const all = atts.flatMap(({ path, att }) => boundBase64Fields(path, att));
  const p = pick(all, field);
  const before = getAt(seed.value, p) as string;
  const bytes = b64decode(before);
  const allowed = flippableBits(p, bytes);
  const b = allowed ? pick(allowed, bit) : bit % (bytes.length * 8);
  return {
    label: `${seed.name}: flip bit ${b} of base64 ${pathString(p)}`,
    input: setAt(seed.value, p, b64encode(flipBit(bytes, b))),
    dist: seed.dist,
  };
}

function checkpointPath(attPath: Path): Path {
  return [...attPath, 'verification_material', 'transparency_entries', 0, 'inclusionProof', 'checkpoint', 'envelope'];
}

/**
 * Checkpoint (signed note). Either flip one bit of a character in the note body (origin, size,
 * root hash lines and the blank-line separator: all signed), or flip a bit of the decoded
 * key-hint+signature bytes of the signature line. NOT mutated: the signer *name* in the signature
 * line (unsigned; @sigstore/verify only requires it to be a substring of the log's base URL) and
 * re-encodings of the same signature bytes (Buffer's base64 decoder ignores unused trailing bits).
 */
export function checkpointCase(seed: Seed, att: number, where: 'note' | 'sig', pos: number, bit: number): Case {
  const atts = seedAttestations(seed);
  const { path } = pick(atts, att);
  const p = checkpointPath(path);
  const env = getAt(seed.value, p) as string;
  const sep = env.indexOf('\n\n');
  let out: string;
  let what: string;
  if (where === 'note') {
    const i = pos % (sep + 2);
    const c = env.charCodeAt(i) ^ (1 << (bit % 7));
    out = env.slice(0, i) + String.fromCharCode(c) + env.slice(i + 1);
    what = `char ${i} (${JSON.stringify(env[i])} -> ${JSON.stringify(String.fromCharCode(c))}) of the note`;
  } else {
    const m = /^(\u2014 \S+ )(\S+)\n/.exec(env.slice(sep + 2))!;
    const sig = b64decode(m[2]!);
    const b = bit % (sig.length * 8);
    const start = sep + 2 + m[1]!.length;
    out = env.slice(0, start) + b64encode(flipBit(sig, b)) + env.slice(start + m[2]!.length);
    what = `bit ${b} of the signature line's key hint + signature`;
  }
  return { label: `${seed.name}: checkpoint ${pathString(p)}: flip ${what}`, input: setAt(seed.value, p, out), dist: seed.dist };
}

/** Numeric tlog fields set to a numerically different integer string (numeric re-spellings are equivalent: see harmlessPath). */
export function numericCase(seed: Seed, field: number, delta: bigint, rekorV2 = false): Case {
  const atts = seedAttestations(seed);
  // Rekor v2 entries have no SET: the top-level logIndex and integratedTime ("0") are unsigned
  // there (only inclusionProof.logIndex is authenticated, by the Merkle proof), so skip them.
  const all = atts.flatMap(({ path }) => boundNumericFields(path)).filter((p) => !rekorV2 || p.includes('inclusionProof'));
  const p = pick(all, field);
  const before = BigInt(getAt(seed.value, p) as string);
  const d = delta === 0n ? 1n : delta;
  const after = (before + d).toString();
  return { label: `${seed.name}: ${pathString(p)} ${before} -> ${after}`, input: setAt(seed.value, p, after), dist: seed.dist };
}

type StatementEdit = (st: Record<string, any>, dist: DistInfo) => string;
/** Edits of the in-toto statement (re-serialised and re-encoded, so the signature no longer covers it). */
export const STATEMENT_EDITS: Record<string, StatementEdit> = {
  'subject name -> other project': (st) => ((st.subject[0].name = String(st.subject[0].name).replace(/^[^-]+/, 'evil')), 'renamed subject'),
  'subject name -> other version': (st) => (
    (st.subject[0].name = String(st.subject[0].name).replace(/-(\d+)\./, (_m, d) => `-${Number(d) + 1}.`)),
    'bumped version'
  ),
  'subject digest -> one nibble changed': (st) => {
    const d: string = st.subject[0].digest.sha256;
    st.subject[0].digest.sha256 = (d[0] === '0' ? '1' : '0') + d.slice(1);
    return 'digest changed';
  },
  'subject digest -> uppercase': (st) => (
    (st.subject[0].digest.sha256 = String(st.subject[0].digest.sha256).toUpperCase()),
    'digest uppercased'
  ),
  'predicateType -> slsa/publish swapped': (st) => (
    (st.predicateType =
      st.predicateType === 'https://slsa.dev/provenance/v1'
        ? 'https://docs.pypi.org/attestations/publish/v1'
        : 'https://slsa.dev/provenance/v1'),
    'predicate type swapped'
  ),
  'predicateType -> unknown': (st) => ((st.predicateType = 'https://example.com/evil/v1'), 'unknown predicate'),
  '_type -> v0.1': (st) => ((st._type = 'https://in-toto.io/Statement/v0.1'), 'old statement type'),
  'second subject added': (st, dist) => (st.subject.push({ name: dist.filename, digest: { sha256: '0'.repeat(64) } }), 'two subjects'),
  'subject removed': (st) => ((st.subject = []), 'no subject'),
  'extra top-level key': (st) => ((st.evil = true), 'extra key'),
  'identical content, re-serialised with spaces': () => 'pretty-printed',
};

export function statementCase(seed: Seed, att: number, editIndex: number): Case {
  const atts = seedAttestations(seed);
  const { path } = pick(atts, att);
  const p: Path = [...path, 'envelope', 'statement'];
  const bytes = b64decode(getAt(seed.value, p) as string);
  const st = JSON.parse(new TextDecoder().decode(bytes));
  const names = Object.keys(STATEMENT_EDITS);
  const name = pick(names, editIndex);
  STATEMENT_EDITS[name]!(st, seed.dist);
  const text = name.startsWith('identical') ? JSON.stringify(st, null, 1) : JSON.stringify(st);
  const out = b64encode(new TextEncoder().encode(text));
  return { label: `${seed.name}: statement ${pathString(p)}: ${name}`, input: setAt(seed.value, p, out), dist: seed.dist };
}

/**
 * Publisher changes (provenance seeds). Bound because the identity check compares them with the
 * certificate, exactly as pypi-attestations does: case-only changes of `repository` are bound too
 * (PyPI checked the exact spelling at upload). NOT bound at all (see harmlessPath):
 * `environment` (not in the certificate) and unknown keys such as `claims`.
 */
export const PUBLISHER_EDITS: { field: string; values: (v: string) => unknown[] }[] = [
  {
    field: 'repository',
    values: (v) => [
      `${v}x`,
      `x${v}`,
      v.replace(/\/.*/, '/other'),
      v.replace(/^[^/]*/, 'attacker'),
      v.split('/').reverse().join('/'),
      `${v}/sub`,
      v.replace('/', '//'),
      `${v} `,
      `${v}.git`,
      v.toUpperCase(),
      v[0]!.toUpperCase() + v.slice(1),
      '',
      `${v}\u0000`,
      v.replace(/s/g, '\u0455'),
      0,
      null,
      [v],
    ],
  },
  {
    field: 'workflow',
    values: (v) => [
      `x${v}`,
      v.replace(/\.yml$/, '.yaml'),
      v[0]!.toUpperCase() + v.slice(1),
      `../${v}`,
      `sub/${v}`,
      `${v}@refs/heads/main`,
      '',
      ` ${v}`,
      null,
      1,
    ],
  },
  {
    field: 'workflow_filepath',
    values: (v) => [`x${v}`, `/${v}`, `./${v}`, v.toUpperCase(), `ci/${v}`, '', null],
  },
  { field: 'email', values: (v) => [`x${v}`, v.replace('@', '@x'), v.toUpperCase(), `${v}.`, '', null, v.replace(/@.*/, '@gmail.com')] },
  {
    field: 'kind',
    values: (v) =>
      ['GitHub', 'GitLab', 'Google', 'ActiveState', v.toLowerCase(), v.toUpperCase(), `${v} `, '', null, 1, 'Other'].filter((k) => k !== v),
  },
];

export function publisherCase(seed: Seed, bundle: number, editIndex: number, valueIndex: number): Case | null {
  const bundles = getAt(seed.value, ['attestation_bundles']);
  if (!Array.isArray(bundles)) return null;
  const bi = bundle % bundles.length;
  const pub = getAt(seed.value, ['attestation_bundles', bi, 'publisher']) as Record<string, unknown>;
  const edits = PUBLISHER_EDITS.filter((e) => typeof pub[e.field] === 'string');
  const e = pick(edits, editIndex);
  const before = pub[e.field] as string;
  const candidates = e.values(before).filter((x) => x !== before);
  const after = pick(candidates, valueIndex);
  const p: Path = ['attestation_bundles', bi, 'publisher', e.field];
  return {
    label: `${seed.name}: ${pathString(p)} ${JSON.stringify(before)} -> ${JSON.stringify(after)}`,
    input: setAt(seed.value, p, after),
    dist: seed.dist,
  };
}

/** Publisher fields removed (a publisher the identity can't be checked against must not verify). */
export function publisherDeleteCase(seed: Seed, keyIndex: number): Case | null {
  const pub = getAt(seed.value, ['attestation_bundles', 0, 'publisher']);
  if (!pub || typeof pub !== 'object') return null;
  const keys = Object.keys(pub).filter((k) => k !== 'environment' && k !== 'claims');
  const k = pick(keys, keyIndex);
  const p: Path = ['attestation_bundles', 0, 'publisher', k];
  return { label: `${seed.name}: delete ${pathString(p)}`, input: setAt(seed.value, p, undefined, true), dist: seed.dist };
}

const normalizedPublisher = (p: unknown): string => {
  const o = { ...(p as Record<string, unknown>) };
  delete o.environment;
  delete o.claims;
  return JSON.stringify(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
};

/**
 * Swaps between seeds: an attestation of donor seed D put in place of target T's attestation
 * (dist and publisher stay T's), or T's publisher replaced by D's. Only pairs that really differ:
 * the donor attestation is for another file (filename or sha256), resp. the donor publisher is a
 * different identity (environment and claims ignored: see publisherCase).
 */
export function swapCase(
  seeds: Seed[],
  target: number,
  donor: number,
  att: number,
  donorAtt: number,
  what: 'attestation' | 'publisher',
): Case | null {
  const t = pick(seeds, target);
  const d = pick(seeds, donor);
  if (what === 'attestation') {
    if (d.dist.filename === t.dist.filename && d.dist.sha256 === t.dist.sha256) return null;
    const tp = pick(seedAttestations(t), att).path;
    const da = pick(seedAttestations(d), donorAtt);
    return {
      label: `${t.name}: attestation ${pathString(tp)} replaced by ${d.name} ${pathString(da.path)}`,
      input: setAt(t.value, tp, clone(da.att)),
      dist: t.dist,
    };
  }
  const tpub = getAt(t.value, ['attestation_bundles', 0, 'publisher']);
  const dpub = getAt(d.value, ['attestation_bundles', 0, 'publisher']);
  if (!tpub || !dpub || normalizedPublisher(tpub) === normalizedPublisher(dpub)) return null;
  return {
    label: `${t.name}: publisher replaced by ${d.name}'s ${JSON.stringify(dpub)}`,
    input: setAt(t.value, ['attestation_bundles', 0, 'publisher'], clone(dpub)),
    dist: t.dist,
  };
}

/**
 * Wrong dist. Filenames are changed so that they name another distribution under PyPI's parsed
 * filename rule (other project, other version, sdist<->wheel, other wheel tags). EXCLUDED as
 * equivalent under that rule: case / `-_.` changes of the project name, PEP 440 re-spellings of
 * the version (4.0 == 4.0.0), wheel tag reordering. (`.tar.gz` <-> `.zip` is NOT excluded: the
 * core treats them as different files since 8206fa3, stricter than packaging's parse_sdist_filename.) sha256: one hex digit changed to another value (uppercase is equivalent: the
 * core lower-cases the given sha256).
 */
export function distCase(seed: Seed, kind: number, n: number): Case {
  const { filename, sha256 } = seed.dist;
  const isWheel = filename.endsWith('.whl');
  const m = /^([^-]+)-([^-]+?)(\.tar\.gz|\.zip|-.*\.whl)$/.exec(filename)!;
  const [, name, version, rest] = m as unknown as [string, string, string, string];
  const nums = version.split('.');
  const filenames = [
    `${name}x-${version}${rest}`,
    `x${name}-${version}${rest}`,
    `${name}-${[Number.parseInt(nums[0]!, 10) + 1, ...nums.slice(1)].join('.')}${rest}`,
    `${name}-${version}.post1${rest}`,
    `${name}-${version}.dev0${rest}`,
    `${name}-${version}rc1${rest}`,
    isWheel ? `${name}-${version}.tar.gz` : `${name}-${version}-py3-none-any.whl`,
    isWheel ? `${name}-${version}.zip` : `${name}-${version}.zip`,
    isWheel ? rest.replace('py3', 'py2') : `${name}-${version}-1-py3-none-any.whl`,
    `${name}-${version}`,
    `${filename}.asc`,
    '',
    'x'.repeat(600),
    `../${filename}`,
    // Unicode look-alikes: never the same distribution.
    filename.replace(
      /[a-z]/,
      (ch) => ({ a: '\u0430', e: '\u0435', o: '\u043e', p: '\u0440', s: '\u0455', c: '\u0441' })[ch] ?? `${ch}\u0301`,
    ),
    filename.replace(/\d/, (d) => String.fromCharCode(0xff10 + Number(d))), // fullwidth digit
    `${name}\u200b-${version}${rest}`, // zero-width space
    `\u202e${filename}`, // right-to-left override
    // Case-folding traps: U+017F (long s) upper-cases to "S", U+212A (Kelvin) lower-cases to "k".
    filename.includes('s') ? filename.replace('s', '\u017f') : `${name}\u212a-${version}${rest}`,
    /k/i.test(name) ? `${name.replace(/k/i, '\u212a')}-${version}${rest}` : `${name}\u212a-${version}${rest}`,
    filename.normalize('NFKD').toUpperCase() === filename.toUpperCase() ? `${name}\u0130-${version}${rest}` : filename.normalize('NFKD'),
  ].filter((f) => f !== filename);
  if (kind % 2 === 0) {
    const f = pick(filenames, n);
    return {
      label: `${seed.name}: dist filename ${JSON.stringify(filename)} -> ${JSON.stringify(f.slice(0, 80))}`,
      input: seed.value,
      dist: { filename: f, sha256 },
    };
  }
  const i = n % 64;
  const c = sha256[i]!;
  const nc = '0123456789abcdef'[(Number.parseInt(c, 16) + 1 + (Math.floor(n / 64) % 15)) % 16]!;
  const s = sha256.slice(0, i) + nc + sha256.slice(i + 1);
  return { label: `${seed.name}: dist sha256 digit ${i} ${c} -> ${nc}`, input: seed.value, dist: { filename, sha256: s } };
}

/** The arbitrary of BOUND mutations over all seeds. Never yields an equivalent input. */
export function boundArb(seeds: Seed[]): fc.Arbitrary<Case> {
  const seedIdx = fc.nat({ max: seeds.length - 1 });
  const nat = fc.nat({ max: 1 << 20 });
  const s = (i: number) => seeds[i]!;
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.tuple(seedIdx, nat, nat).map(([i, f, b]) => bitflipCase(s(i), f, b)) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(seedIdx, nat, fc.constantFrom<'note' | 'sig'>('note', 'sig'), nat, nat)
          .map(([i, a, w, p, b]) => checkpointCase(s(i), a, w, p, b)),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(seedIdx, nat, fc.oneof(fc.bigInt({ min: -3n, max: 3n }), fc.bigInt({ min: -(1n << 40n), max: 1n << 40n })))
          .map(([i, f, d]) => numericCase(s(i), f, d)),
      },
      { weight: 2, arbitrary: fc.tuple(seedIdx, nat, nat).map(([i, a, e]) => statementCase(s(i), a, e)) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(seedIdx, nat, nat, nat)
          .map(([i, b, e, v]) => publisherCase(s(i), b, e, v))
          .filter((c): c is Case => c !== null),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(seedIdx, nat)
          .map(([i, k]) => publisherDeleteCase(s(i), k))
          .filter((c): c is Case => c !== null),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(seedIdx, seedIdx, nat, nat, fc.constantFrom<'attestation' | 'publisher'>('attestation', 'publisher'))
          .map(([t, d, a, da, w]) => swapCase(seeds, t, d, a, da, w))
          .filter((c): c is Case => c !== null),
      },
      { weight: 2, arbitrary: fc.tuple(seedIdx, nat, nat).map(([i, k, n]) => distCase(s(i), k, n)) },
    )
    .filter((c) => c.input !== undefined)
    .map(printable);
}

/**
 * Bound mutations of a Rekor v2 + RFC 3161 attestation (staging data: it only chains to the staging
 * root and its e-mail identity is no Trusted Publisher, so it can never be 'verified'; these cases
 * are checked at the Sigstore layer, see properties.ts REKOR2_PROPERTY). Includes bit flips in the
 * RFC 3161 timestamp.
 */
export function rekor2Arb(seed: Seed): fc.Arbitrary<Case> {
  const nat = fc.nat({ max: 1 << 20 });
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.tuple(nat, nat).map(([f, b]) => bitflipCase(seed, f, b)) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.constantFrom<'note' | 'sig'>('note', 'sig'), nat, nat).map(([w, p, b]) => checkpointCase(seed, 0, w, p, b)),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(nat, fc.bigInt({ min: -(1n << 20n), max: 1n << 20n })).map(([f, d]) => numericCase(seed, f, d, true)),
      },
      { weight: 1, arbitrary: fc.nat().map((e) => statementCase(seed, 0, e)) },
    )
    .map(printable);
}

// ---------------------------------------------------------------- STRUCTURAL chaos

/** A value nested `depth` levels deep, built without recursion. */
export function deepValue(depth: number, kind: 'array' | 'object'): Json {
  let v: Json = 'x';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

export function deepText(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A value of a different JSON type than `before`. */
function otherType(before: unknown, n: number): unknown {
  const options: unknown[] = ['', 'x', 0, 1, -1, 1e308, 1.5, true, false, null, [], [before], {}, { before }, '1', '0'];
  const filtered = options.filter((o) => typeOf(o) !== typeOf(before));
  return pick(filtered, n);
}

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then'];

/**
 * Structural mutation of a seed at one path. Hostile payloads (huge strings, deep values, wide
 * arrays, hostile keys, random JSON) are placed at that path.
 */
export function chaosCase(
  seed: Seed,
  pathIndex: number,
  op: number,
  n: number,
  extra: { json: unknown; text: string; bigLen: number },
): Case {
  const paths = allPaths(seed.value);
  const p = pick(paths, pathIndex);
  const before = getAt(seed.value, p);
  const label = (what: string) => `${seed.name}: ${pathString(p)}: ${what}`;
  const base = { dist: seed.dist, path: p, before };
  switch (op % 9) {
    case 0:
      return { ...base, op: 'delete', label: label('deleted'), input: setAt(seed.value, p, undefined, true) };
    case 1: {
      const v = otherType(before, n);
      return {
        ...base,
        op: 'replace',
        label: label(`type swap ${typeOf(before)} -> ${JSON.stringify(v)?.slice(0, 40)}`),
        input: setAt(seed.value, p, v),
      };
    }
    case 2:
      return {
        ...base,
        op: 'replace',
        label: label(`huge string (${extra.bigLen} chars)`),
        input: setAt(seed.value, p, 'A'.repeat(extra.bigLen)),
      };
    case 3:
      return {
        ...base,
        op: 'replace',
        label: label('nested 10,000 levels deep'),
        input: setAt(seed.value, p, deepValue(10_000, n % 2 ? 'array' : 'object')),
      };
    case 4:
      return {
        ...base,
        op: 'replace',
        label: label('array of 10,000 elements'),
        input: setAt(
          seed.value,
          p,
          Array.from({ length: 10_000 }, () => (n % 2 ? before : 0)),
        ),
      };
    case 5: {
      // A hostile key added next to the path's value (on the parent object), or inside it.
      const parent = p.slice(0, -1);
      const host = typeOf(getAt(seed.value, parent)) === 'object' ? parent : p;
      if (typeOf(getAt(seed.value, host)) !== 'object')
        return { ...base, op: 'replace', label: label('unicode string'), input: setAt(seed.value, p, extra.text) };
      const k = pick(HOSTILE_KEYS, n);
      const polluted = { polluted: true, kind: 'GitHub', version: 1, toString: 'x' };
      return {
        ...base,
        path: [...host, k],
        op: 'add-key',
        label: `${seed.name}: ${pathString(host)}: add own key ${JSON.stringify(k)}`,
        input: setAt(seed.value, [...host, k], polluted),
      };
    }
    case 6: {
      // Never a no-op: a random value equal to the original is wrapped in an array.
      const v = JSON.stringify(extra.json) === JSON.stringify(before) ? [extra.json] : extra.json;
      return { ...base, op: 'replace', label: label(`random JSON ${JSON.stringify(v)?.slice(0, 60)}`), input: setAt(seed.value, p, v) };
    }
    case 7: {
      const text = extra.text.length > 0 ? extra.text : '\u200b';
      return {
        ...base,
        op: 'replace',
        label: label(`unicode string ${JSON.stringify(text.slice(0, 20))}`),
        input: setAt(seed.value, p, typeof before === 'string' ? before + text : text),
      };
    }
    default: {
      // Duplicate an array element (e.g. an attestation, a bundle, a tlog entry, a proof hash).
      const arrPath = [...p];
      while (arrPath.length && typeOf(getAt(seed.value, arrPath.slice(0, -1))) !== 'array') arrPath.pop();
      if (arrPath.length === 0) return { ...base, op: 'delete', label: label('deleted'), input: setAt(seed.value, p, undefined, true) };
      const parent = arrPath.slice(0, -1);
      const arr = clone(getAt(seed.value, parent) as Json[]);
      const i = arrPath[arrPath.length - 1] as number;
      arr.splice(i + 1, 0, clone(arr[i]!));
      return {
        ...base,
        path: parent,
        before: getAt(seed.value, parent),
        op: 'duplicate',
        label: `${seed.name}: ${pathString(parent)}: element ${i} duplicated`,
        input: setAt(seed.value, parent, arr),
      };
    }
  }
}

// ---------------------------------------------------------------- SIGNED DOCUMENTS (statement, Rekor body)

/** Hostile JSON texts placed inside a signed document. `size` scales each one. */
export const DOCUMENT_PAYLOADS: { name: string; text: (size: number) => string }[] = [
  { name: 'objects nested', text: (n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n) },
  { name: 'arrays nested', text: (n) => '['.repeat(n) + ']'.repeat(n) },
  { name: 'wide array of', text: (n) => `[${'0,'.repeat(n)}0]` },
  { name: 'object with keys:', text: (n) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}` },
  { name: 'string of chars:', text: (n) => JSON.stringify('x'.repeat(n * 8)) },
];

const PLACEHOLDER = '\u0000@fuzz-payload@\u0000';

/**
 * The in-toto statement or the Rekor entry body (canonicalizedBody) of one attestation, decoded,
 * with a hostile payload (deep, wide or long) at one of its paths (or as the whole document), and
 * re-encoded. Signed content changes, so it must never verify; the verdict must stay bounded.
 */
export function signedDocumentCase(seed: Seed, att: number, body: boolean, pathIndex: number, payload: number, size: number): Case {
  const { path } = pick(seedAttestations(seed), att);
  const p: Path = body
    ? [...path, 'verification_material', 'transparency_entries', 0, 'canonicalizedBody']
    : [...path, 'envelope', 'statement'];
  const doc = JSON.parse(new TextDecoder().decode(b64decode(getAt(seed.value, p) as string))) as Json;
  const paths = [[], ...allPaths(doc)];
  const at = pick(paths, pathIndex);
  const kind = pick(DOCUMENT_PAYLOADS, payload);
  const text = JSON.stringify(setAt(doc, at, PLACEHOLDER)).replace(JSON.stringify(PLACEHOLDER), kind.text(size));
  return {
    label: `${seed.name}: ${pathString(p)} decoded, at ${pathString(at)}: ${kind.name} ${size}`,
    input: setAt(seed.value, p, b64encode(new TextEncoder().encode(text))),
    dist: seed.dist,
  };
}

/** Raw text inputs: random strings, truncated / padded seed JSON, deep brackets, huge text. */
export function rawCase(seed: Seed, kind: number, n: number, text: string): Case {
  const json = JSON.stringify(seed.value);
  const base = { dist: seed.dist, op: 'raw' as const };
  switch (kind % 6) {
    case 0:
      return { ...base, label: `random text ${JSON.stringify(text.slice(0, 40))}`, input: text };
    case 1: {
      const cut = n % json.length;
      return { ...base, label: `${seed.name}: JSON truncated at ${cut}/${json.length}`, input: json.slice(0, cut) };
    }
    case 2:
      return {
        ...base,
        label: `${seed.name}: JSON + trailing ${JSON.stringify(text.slice(0, 20))}`,
        input: json + (text.trim() === '' ? '}' : text),
      };
    case 3:
      return {
        ...base,
        label: `10,000 nested brackets as text`,
        input: n % 2 ? deepText(10_000) : '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      };
    case 4:
      return { ...base, label: `${seed.name}: JSON text padded to 3 MB (over the 2 MB cap)`, input: json + ' '.repeat(3 * 1024 * 1024) };
    default:
      return {
        ...base,
        equivalentTo: seed.value,
        label: `${seed.name}: JSON text with a byte changed at ${n % json.length}`,
        input: json.slice(0, n % json.length) + String.fromCharCode(32 + (n % 90)) + json.slice((n % json.length) + 1),
      };
  }
}

/**
 * The bound content of a provenance value: everything except the documented unbound parts
 * (publisher.environment / claims / unknown keys, unknown keys elsewhere, transparency entries
 * after [0]). Two values with equal projections must get the same verdict. Used as the
 * equivalence oracle for raw-text mutations that happen to produce valid JSON.
 */
/**
 * A tlog entry with its checkpoint envelope reduced to what @sigstore/verify reads from it: the note
 * (signed) and each signature line's name and *decoded* key-hint+signature bytes. The base64 on a
 * signature line is decoded leniently (Buffer: stops at the first "=", skips junk), so re-spellings
 * of the same bytes are equivalent there; the line is not signed and only the origin is displayed.
 */
function canonicalEntry(e: unknown): unknown {
  const env = getAt(e, ['inclusionProof', 'checkpoint', 'envelope']);
  if (typeof env !== 'string' || !env.includes('\n\n')) return e;
  const sep = env.indexOf('\n\n');
  const sigs = [...env.slice(sep + 2).matchAll(/\u2014 (\S+) (\S+)\n/g)].map((m) => [m[1], Buffer.from(m[2]!, 'base64').toString('hex')]);
  const copy = structuredClone(e) as { inclusionProof: { checkpoint: { envelope: unknown } } };
  copy.inclusionProof.checkpoint.envelope = { note: env.slice(0, sep + 1), sigs };
  return copy;
}

export function boundProjection(v: unknown): string {
  const pickKeys = (o: unknown, keys: string[]) =>
    o !== null && typeof o === 'object' && !Array.isArray(o)
      ? Object.fromEntries(keys.filter((k) => k in (o as object)).map((k) => [k, (o as Record<string, unknown>)[k]]))
      : o;
  const att = (a: unknown) => {
    const vm = getAt(a, ['verification_material']);
    const te = getAt(vm, ['transparency_entries']);
    return {
      ...(pickKeys(a, ['version', 'envelope']) as object),
      vm: pickKeys(vm, ['certificate', 'timestamps']),
      te0: Array.isArray(te) ? [te.length > 0, canonicalEntry(te[0])] : te,
    };
  };
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return JSON.stringify(v);
  const o = v as Record<string, unknown>;
  if (o.attestation_bundles === undefined && o.verification_material !== undefined) return JSON.stringify(['bare', att(o)]);
  const bundles = Array.isArray(o.attestation_bundles)
    ? o.attestation_bundles.map((b) => ({
        publisher: pickKeys(getAt(b, ['publisher']), ['kind', 'repository', 'workflow', 'workflow_filepath', 'email']),
        attestations: (() => {
          const as = getAt(b, ['attestations']);
          return Array.isArray(as) ? as.map(att) : as;
        })(),
      }))
    : o.attestation_bundles;
  return JSON.stringify({ version: o.version, bundles, bare: o.verification_material !== undefined });
}

/**
 * Documented harmless structural mutations: unsigned, unbound fields. If a structural mutation at
 * one of these paths still verifies, that is expected. Returns why, or null if the path is bound.
 */
export function harmlessPath(c: Case): string | null {
  if (c.op === 'raw' && c.equivalentTo !== undefined && typeof c.input === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(c.input);
    } catch {
      return null;
    }
    return boundProjection(parsed) === boundProjection(c.equivalentTo)
      ? 'the edited text parses to the same bound content (only unbound parts changed)'
      : null;
  }
  if (!c.path || c.op === 'raw') return null;
  const s = pathString(c.path);
  if (c.op === 'duplicate' && s === '$.attestation_bundles') {
    return 'an intact bundle listed twice: each copy verifies on its own (core decision; a mutated copy never verifies: property "duplicates")';
  }
  if (
    c.op === 'delete' &&
    /^\$\.attestation_bundles(\[\d+\]\.attestations)?\[\d+\]$/.test(s) &&
    Array.isArray(getAt(c.input, c.path.slice(0, -1))) &&
    (getAt(c.input, c.path.slice(0, -1)) as unknown[]).length > 0
  ) {
    // Dropping a whole attestation or bundle while others remain leaves intact, valid provenance.
    // Provenance does not protect against an index that withholds attestations (PEP 740).
    return 'a whole attestation/bundle removed; the remaining ones are intact';
  }
  if (/\.inclusionProof\.checkpoint\.envelope$/.test(s) && typeof c.before === 'string') {
    const after = getAt(c.input, c.path);
    // The signature section after the signed note is a list of signature lines, not itself signed
    // (other witnesses may add theirs); @sigstore/verify ignores text that is not a signature line.
    // Appending keeps the note and its valid signature line intact. Only the origin line is shown.
    if (typeof after === 'string' && after.startsWith(c.before) && c.before.endsWith('\n'))
      return 'text appended after the checkpoint signature lines is unsigned and ignored';
  }
  if (/\.(verification_material\.certificate|envelope\.statement|envelope\.signature)$/.test(s) && typeof c.before === 'string') {
    const after = getAt(c.input, c.path);
    const a = typeof after === 'string' ? decodeBase64Lenient(after) : null;
    const b = decodeBase64Lenient(c.before);
    // pypi-attestations reads these as pydantic Base64Bytes, which skips non-alphabet characters.
    if (a && b && a.length === b.length && a.every((x, i) => x === b[i]))
      return 'pydantic Base64Bytes decodes the edited text to the same bytes (characters outside the alphabet are skipped)';
  }
  if (/\.publisher\.environment$/.test(s)) return 'publisher.environment is not in the certificate and is never verified (display only)';
  if (/\.publisher\.claims$/.test(s)) return 'publisher.claims is not used (PyPI omits it)';
  if (/\.transparency_entries\[[1-9]\d*\]/.test(s) || /\.transparency_entries$/.test(s)) {
    // Only transparency_entries[0] is used (pypi-attestations does the same); entries after it are ignored.
    const te = getAt(c.input, c.path.slice(0, c.path.indexOf('transparency_entries') + 1));
    if (Array.isArray(te) && te.length >= 1) return 'only transparency_entries[0] is used; later entries are ignored';
  }
  if (/\.verification_material\.timestamps$/.test(s) && (c.op === 'delete' || getAt(c.input, c.path) === null))
    return 'timestamps absent or null: same as none (the seeds have none)';
  // Hostile own keys (__proto__, constructor, …) are unknown keys: ignored. What these cases check
  // is that nothing throws and Object.prototype stays clean (checkVerdictShape).
  if (c.op === 'add-key') return 'unknown keys are ignored';
  return null;
}

/**
 * Unsigned parts of a checkpoint's signature line: the signer name (@sigstore/verify only requires
 * it to be a substring of the log's base URL) is not covered by the note signature. Documented
 * here; checkpointCase never mutates it.
 */
export function checkpointSignerNameIsUnsigned(): string {
  return 'checkpoint signature line: the signer name is unsigned (substring match against the log base URL)';
}
