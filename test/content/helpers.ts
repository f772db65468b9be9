/** Test doubles for the worker side of the Port protocol (src/messages.ts). */
import type { CheckRequest, FileVerdictMessage, PinCheck } from '../../src/messages';
import type { PortLike } from '../../src/content/port-client';
import { levelFor, reason, type AttestationResult, type Verdict, type VerdictState } from '../../src/verify/verdict';

export class FakePort implements PortLike {
  sent: CheckRequest[] = [];
  dead = false;
  private msg: ((m: unknown) => void)[] = [];
  private disc: (() => void)[] = [];
  onMessage = { addListener: (cb: (m: unknown) => void) => void this.msg.push(cb) };
  onDisconnect = { addListener: (cb: () => void) => void this.disc.push(cb) };
  postMessage(m: unknown): void {
    if (this.dead) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(structuredClone(m) as CheckRequest);
  }
  disconnect(): void {
    this.dead = true;
  }
  /** Worker -> content. */
  emit(m: unknown): void {
    for (const cb of this.msg) cb(m);
  }
  /** The worker stopped. */
  kill(): void {
    this.dead = true;
    for (const cb of this.disc) cb();
  }
  last(): CheckRequest {
    const r = this.sent[this.sent.length - 1];
    if (!r) throw new Error('nothing sent');
    return r;
  }
}

/** A connect() that hands out a fresh FakePort each time and remembers them. */
export function portFactory() {
  const ports: FakePort[] = [];
  let failNext = 0;
  return {
    ports,
    failNextConnects(n: number) {
      failNext = n;
    },
    connect: (): PortLike => {
      if (failNext > 0) {
        failNext--;
        throw new Error('Extension context invalidated.');
      }
      const p = new FakePort();
      ports.push(p);
      return p;
    },
    get current(): FakePort {
      const p = ports[ports.length - 1];
      if (!p) throw new Error('no port');
      return p;
    },
  };
}

/** A worker-shaped verdict (protocol tests only; verification itself is tested in test/verify). */
export function verdictOf(state: VerdictState, filename: string, extra: Partial<Verdict> = {}): Verdict {
  return {
    state,
    filename,
    sha256: 'a'.repeat(64),
    reasons: state === 'failed' ? [reason('SIGNATURE_INVALID')] : state === 'absent' ? [reason('NO_PROVENANCE')] : [],
    publisher:
      state === 'verified' ? { kind: 'GitHub', repository: 'pypa/sampleproject', workflow: 'release.yml', fromProvenance: true } : null,
    // Shape only: a verified verdict has at least one attestation, all ok (see isUsableVerdictMessage).
    attestations: state === 'verified' || state === 'failed' ? [attestationOf(state === 'verified', filename)] : [],
    trustRootId: 'b'.repeat(64),
    checkedAt: '2026-11-25T00:00:00.000Z',
    ...extra,
  };
}

export function verdictMessage(
  requestId: string,
  filename: string,
  state: VerdictState,
  opts: { strict?: boolean; pin?: PinCheck; verdict?: Partial<Verdict> } = {},
): FileVerdictMessage {
  const pin = opts.pin ?? { status: 'none' };
  return {
    type: 'verdict',
    requestId,
    filename,
    verdict: verdictOf(state, filename, opts.verdict),
    level: levelFor(state, { strict: opts.strict, pinMismatch: pin.status === 'mismatch' }),
    pin,
  };
}

function attestationOf(ok: boolean, filename: string): AttestationResult {
  return {
    index: 0,
    bundleIndex: 0,
    ok,
    predicateType: 'https://docs.pypi.org/attestations/publish/v1',
    predicate: null,
    subject: { name: filename, sha256: 'a'.repeat(64) },
    identity: null,
    certificate: null,
    tlog: null,
    timestamps: [],
    reasons: ok ? [] : [reason('SIGNATURE_INVALID')],
  };
}
