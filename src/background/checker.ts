/**
 * The "check" pipeline: page files → simple index (one request, cached) → per attested file the
 * Integrity API (limited concurrency, cached, revalidated) → verifyProvenance → verdict, pin, level.
 *
 * Decisions, per file, in this order:
 *  1. simple index unavailable (network, HTTP, malformed) → `error` with that reason (every file);
 *  2. file not in the index → `error` FILE_NOT_IN_INDEX; malformed entry → `error` INDEX_BAD_RESPONSE;
 *     on a project/release page, a file of another release (release-membership.ts) → FILE_NOT_IN_RELEASE:
 *     `failed` if the index lists provenance for it (a badge must not vouch for another release's file,
 *     and every attested upload passed Warehouse's filename-version check), else `error`;
 *  3. the page shows a sha256 that differs from the index's → `failed` HASH_MISMATCH_PAGE_INDEX.
 *     Danger, not "could not check": the page and the index disagree about the file's bytes, and a
 *     user comparing hashes by eye would be misled. Verification is always against the INDEX sha256;
 *  4. index says `provenance: null` → `absent` (the only source of `absent`);
 *  5. trust root unusable/outdated → `error`;
 *  6. cached verdict (fresh, or revalidated by 304 / same bytes) → that verdict;
 *  7. otherwise fetch, verify, cache (verified/failed only).
 * A verdict of `absent` from the verifier for a file the index lists as attested becomes `error`.
 */
import type { CheckRequest, FileVerdictMessage, GetProvenanceResponse, IndexLocation } from '../messages';
import type { Settings } from '../settings';
import { t } from '../i18n';
import type { LoadedTrust } from '../verify/trust';
import { levelFor, reason, type DistInfo, type Reason, type Verdict, type VerifyOptions } from '../verify/verdict';
import {
  isCacheable,
  isFresh,
  RawProvenanceCache,
  simpleCacheKey,
  verdictCacheKey,
  type SimpleIndexCache,
  type VerdictCache,
} from './cache';
import { checkPin, levelWithPin } from './pins';
import { releaseMembership } from './release-membership';
import type { PypiClient } from './pypi-client';
import { isBad, type SimpleFile, type SimpleIndex } from './simple-index';
import type { TrustState } from '../trust/bundled-root';
import { errorVerdict, makeVerdict, type VerdictBase } from './verdicts';
import { publisherLabels } from '../ui/proven-identity';

/** A check request as the checker needs it: the port's CheckRequest, or the CLI's (any index location). */
export type CheckInput = Omit<CheckRequest, 'index'> & { index: IndexLocation };

export type VerifyFn = (provenance: unknown, dist: DistInfo, trust: LoadedTrust, options?: VerifyOptions) => Promise<Verdict>;

export interface CheckerDeps {
  client: PypiClient;
  verdicts: VerdictCache;
  simple: SimpleIndexCache;
  raw?: RawProvenanceCache;
  verify: VerifyFn;
  /** Extra options for every verification (e.g. the worker's native-signature runner); `now` is ours. */
  verifyOptions?: Omit<VerifyOptions, 'now'>;
  trust(now: Date): TrustState;
  settings(): Promise<Settings>;
  now?(): Date;
  onError?(e: unknown): void;
}

export interface Checker {
  /** Emits one final FileVerdictMessage per distinct file as soon as it is known; resolves with all of them. */
  check(req: CheckInput, emit: (m: FileVerdictMessage) => void): Promise<FileVerdictMessage[]>;
  /**
   * What `check` would answer at once, without a request or a verification, given the fresh cached
   * index (`cachedIndexFor`): the files whose verdict follows from the index alone or is a fresh
   * cached verdict. Others are left out.
   */
  cachedVerdicts(req: CheckInput, index: SimpleIndex): Promise<FileVerdictMessage[]>;
  /** The project's simple index if a fresh copy is cached (no request), else null. */
  cachedIndexFor(index: IndexLocation, project: string): Promise<SimpleIndex | null>;
  /** Raw provenance JSON text as served by the index. */
  getProvenanceText(index: IndexLocation, project: string, filename: string): Promise<GetProvenanceResponse>;
  /** The project's simple index (cached; the same answer `check` used), or null if unavailable. */
  simpleIndexFor(index: IndexLocation, project: string): Promise<SimpleIndex | null>;
  clear(): Promise<void>;
}

type SimpleResult = { ok: true; index: SimpleIndex } | { ok: false; reason: Reason };

const VALID_STATES = new Set(['verified', 'failed', 'absent', 'error', 'pending']);

export function createChecker(deps: CheckerDeps): Checker {
  const now = deps.now ?? (() => new Date());
  const raw = deps.raw ?? new RawProvenanceCache();
  const onError = deps.onError ?? (() => {});
  const inflightSimple = new Map<string, Promise<SimpleResult>>();
  const inflightVerdict = new Map<string, Promise<Verdict>>();

  function simpleIndex(index: IndexLocation, project: string, force: boolean): Promise<SimpleResult> {
    const key = simpleCacheKey(index, project);
    const running = inflightSimple.get(key);
    if (running) return running;
    const p = (async (): Promise<SimpleResult> => {
      const cached = await deps.simple.get(index, project);
      const t = now().getTime();
      if (cached && !force && isFresh(cached.fetchedAt, t)) return { ok: true, index: cached.index };
      const res = await deps.client.getSimpleIndex(index, project, cached?.etag ?? null);
      if (res.kind === 'error') return { ok: false, reason: res.reason };
      if (res.kind === 'not-modified') {
        if (!cached) return { ok: false, reason: reason('INDEX_BAD_RESPONSE', { detail: 'unexpected 304' }) };
        deps.simple.put(index, { ...cached, etag: res.etag, fetchedAt: t }).catch(onError);
        return { ok: true, index: cached.index };
      }
      deps.simple.put(index, { index: res.index, etag: res.etag, fetchedAt: t }).catch(onError);
      return { ok: true, index: res.index };
    })()
      .catch((e): SimpleResult => {
        onError(e);
        return { ok: false, reason: reason('INTERNAL_ERROR', { detail: String(e) }) };
      })
      .finally(() => inflightSimple.delete(key));
    inflightSimple.set(key, p);
    return p;
  }

  /** Whatever the verifier returns, make sure it is a final verdict about this file. */
  function sanitize(v: unknown, base: VerdictBase): Verdict {
    if (typeof v !== 'object' || v === null || !VALID_STATES.has((v as Verdict).state)) {
      return errorVerdict(base, reason('INTERNAL_ERROR', { detail: 'the verifier returned no verdict' }));
    }
    const verdict = v as Verdict;
    if (verdict.state === 'absent') {
      return errorVerdict(
        base,
        reason('INDEX_BAD_RESPONSE', {
          message: t('index_provenance_missing'),
          detail: 'verifier: absent',
        }),
      );
    }
    if (verdict.state === 'pending') return errorVerdict(base, reason('INTERNAL_ERROR', { detail: 'the verifier returned pending' }));
    if (verdict.filename !== base.filename || verdict.sha256 !== base.sha256) {
      return errorVerdict(base, reason('INTERNAL_ERROR', { detail: 'the verifier answered about a different file' }));
    }
    return verdict;
  }

  async function verifyText(text: string | null, base: VerdictBase, trust: LoadedTrust, at: Date): Promise<Verdict> {
    if (text === null) {
      return makeVerdict('failed', base, [reason('PROVENANCE_NOT_JSON', { detail: 'the provenance is not UTF-8 text' })]);
    }
    try {
      return sanitize(
        await deps.verify(text, { filename: base.filename, sha256: base.sha256 }, trust, {
          ...deps.verifyOptions,
          now: at,
          // The Integrity API serves provenance objects only: a bare attestation is never verified here.
          bareAttestation: 'refuse',
        }),
        base,
      );
    } catch (e) {
      onError(e);
      return errorVerdict(base, reason('INTERNAL_ERROR', { detail: e instanceof Error ? e.message : String(e) }));
    }
  }

  /** A fresh cached verdict, or null: no request, no verification (`cachedVerdicts`). */
  async function attestedFromCache(index: IndexLocation, entry: SimpleFile, trust: LoadedTrust): Promise<Verdict | null> {
    const cached = await deps.verdicts.get(verdictCacheKey(index, entry.filename, entry.sha256, trust.id));
    return cached && isFresh(cached.fetchedAt, now().getTime()) ? cached.verdict : null;
  }

  async function attestedUncached(
    index: IndexLocation,
    entry: SimpleFile & { provenanceUrl: string },
    trust: LoadedTrust,
    force: boolean,
  ): Promise<Verdict> {
    const at = now();
    const t = at.getTime();
    const base: VerdictBase = { filename: entry.filename, sha256: entry.sha256, trustRootId: trust.id, now: at };
    const key = verdictCacheKey(index, entry.filename, entry.sha256, trust.id);
    const cached = force ? null : await deps.verdicts.get(key);
    if (cached && isFresh(cached.fetchedAt, t)) return cached.verdict;
    const res = await deps.client.getProvenance(index, entry.provenanceUrl, cached?.provenanceEtag ?? null);
    if (res.kind === 'error') return errorVerdict(base, res.reason);
    if (res.kind === 'not-modified') {
      if (!cached) return errorVerdict(base, reason('INDEX_BAD_RESPONSE', { detail: 'unexpected 304' }));
      deps.verdicts.put(key, { ...cached, provenanceEtag: res.etag, fetchedAt: t }).catch(onError);
      return cached.verdict;
    }
    if (res.text !== null) raw.put(RawProvenanceCache.key(index, entry.filename), res.text);
    if (cached && cached.provenanceSha256 === res.bytesSha256) {
      deps.verdicts.put(key, { ...cached, provenanceEtag: res.etag, fetchedAt: t }).catch(onError);
      return cached.verdict;
    }
    const verdict = await verifyText(res.text, base, trust, at);
    if (isCacheable(verdict)) {
      deps.verdicts.put(key, { verdict, provenanceEtag: res.etag, provenanceSha256: res.bytesSha256, fetchedAt: t }).catch(onError);
    }
    return verdict;
  }

  function attested(
    index: IndexLocation,
    entry: SimpleFile & { provenanceUrl: string },
    trust: LoadedTrust,
    force: boolean,
  ): Promise<Verdict> {
    const key = verdictCacheKey(index, entry.filename, entry.sha256, trust.id) + (force ? '|force' : '');
    const running = inflightVerdict.get(key);
    if (running) return running;
    const p = attestedUncached(index, entry, trust, force).finally(() => inflightVerdict.delete(key));
    inflightVerdict.set(key, p);
    return p;
  }

  /**
   * The file's verdict by the decisions of the header, in order. `cacheOnly`: a file that would need
   * a request or a verification gets null instead (`cachedVerdicts`); every other decision is the same.
   */
  async function fileVerdict(
    req: CheckInput,
    filename: string,
    pageSha256: string | null,
    idx: SimpleResult,
    cacheOnly: true,
  ): Promise<Verdict | null>;
  async function fileVerdict(req: CheckInput, filename: string, pageSha256: string | null, idx: SimpleResult): Promise<Verdict>;
  async function fileVerdict(
    req: CheckInput,
    filename: string,
    pageSha256: string | null,
    idx: SimpleResult,
    cacheOnly = false,
  ): Promise<Verdict | null> {
    const at = now();
    const trust = deps.trust(at);
    const trustRootId = trust.ok ? trust.trust.id : trust.trustRootId;
    const pageBase: VerdictBase = { filename, sha256: pageSha256 ?? '', trustRootId, now: at };
    if (!idx.ok) return errorVerdict(pageBase, idx.reason);
    const entry = idx.index.files.get(filename);
    if (!entry) return errorVerdict(pageBase, reason('FILE_NOT_IN_INDEX'));
    if (isBad(entry)) return errorVerdict(pageBase, reason('INDEX_BAD_RESPONSE', { detail: entry.bad }));
    const base: VerdictBase = { ...pageBase, sha256: entry.sha256 };
    const member = req.version === null ? { ok: true as const } : releaseMembership(entry, req.version);
    if (!member.ok) {
      const r = reason('FILE_NOT_IN_RELEASE', { detail: `file: ${member.fileVersion}, page: ${member.pageVersion}` });
      return entry.provenanceUrl === null ? errorVerdict(base, r) : makeVerdict('failed', base, [r]);
    }
    if (pageSha256 !== null && pageSha256 !== entry.sha256) {
      return makeVerdict('failed', base, [reason('HASH_MISMATCH_PAGE_INDEX', { detail: `page: ${pageSha256}, index: ${entry.sha256}` })]);
    }
    if (entry.provenanceUrl === null) return makeVerdict('absent', base, [reason('NO_PROVENANCE')]);
    if (!trust.ok) return errorVerdict(base, trust.reason);
    if (cacheOnly) return attestedFromCache(req.index, entry, trust.trust);
    return attested(req.index, { ...entry, provenanceUrl: entry.provenanceUrl }, trust.trust, req.force === true);
  }

  /** The cached verdicts the files below will look up, read from storage in one go (an optimisation only). */
  async function preloadVerdicts(req: CheckInput, files: readonly { filename: string }[], idx: SimpleResult): Promise<void> {
    if (req.force === true || !idx.ok) return;
    const trust = deps.trust(now());
    if (!trust.ok) return;
    const keys: string[] = [];
    for (const f of files) {
      const entry = idx.index.files.get(f.filename);
      if (entry && !isBad(entry) && entry.provenanceUrl !== null)
        keys.push(verdictCacheKey(req.index, entry.filename, entry.sha256, trust.trust.id));
    }
    try {
      await deps.verdicts.preload(keys);
    } catch (e) {
      onError(e);
    }
  }

  function verdictMessage(req: CheckInput, filename: string, verdict: Verdict, settings: Settings): FileVerdictMessage {
    try {
      const pin = checkPin(verdict, req.project, settings);
      const publishers = publisherLabels(verdict);
      const m: FileVerdictMessage = {
        type: 'verdict',
        requestId: req.requestId,
        filename,
        verdict,
        level: levelWithPin(verdict, pin, settings),
        pin,
      };
      if (publishers.length > 0) m.publishers = publishers;
      return m;
    } catch (e) {
      onError(e);
      // A failure stays a failure; anything else is "could not check".
      const state = verdict.state === 'failed' ? 'failed' : 'error';
      const base = { filename, sha256: typeof verdict.sha256 === 'string' ? verdict.sha256 : '', trustRootId: '', now: now() };
      const stand = makeVerdict(state, base, [reason('INTERNAL_ERROR', { detail: e instanceof Error ? e.message : String(e) })]);
      return { type: 'verdict', requestId: req.requestId, filename, verdict: stand, level: levelFor(state), pin: { status: 'none' } };
    }
  }

  /** The request's files, each once (the first entry of a name wins). */
  function distinctFiles(req: CheckInput): CheckInput['files'] {
    const seen = new Set<string>();
    return req.files.filter((f) => !seen.has(f.filename) && seen.add(f.filename));
  }

  /** The message of a verdict, with the index's download URL for the download guard. */
  function messageOf(req: CheckInput, filename: string, verdict: Verdict, settings: Settings, idx: SimpleResult): FileVerdictMessage {
    const msg = verdictMessage(req, filename, verdict, settings);
    const entry = idx.ok ? idx.index.files.get(filename) : undefined;
    if (entry && !isBad(entry) && entry.downloadUrl !== undefined) msg.downloadUrl = entry.downloadUrl;
    return msg;
  }

  return {
    async cachedIndexFor(index, project) {
      const cached = await deps.simple.get(index, project);
      return cached && isFresh(cached.fetchedAt, now().getTime()) ? cached.index : null;
    },

    async cachedVerdicts(req, index) {
      if (req.force === true) return [];
      const idx: SimpleResult = { ok: true, index };
      const settings = await deps.settings();
      const files = distinctFiles(req);
      await preloadVerdicts(req, files, idx);
      const found = await Promise.all(
        files.map(async (f) => {
          const verdict = await fileVerdict(req, f.filename, f.pageSha256, idx, true);
          return verdict === null ? null : messageOf(req, f.filename, verdict, settings, idx);
        }),
      );
      return found.filter((m): m is FileVerdictMessage => m !== null);
    },

    async check(req, emit) {
      const settings = await deps.settings();
      const idx = await simpleIndex(req.index, req.project, req.force === true);
      const files = distinctFiles(req);
      await preloadVerdicts(req, files, idx);
      return Promise.all(
        files.map(async (f) => {
          let verdict: Verdict;
          try {
            verdict = await fileVerdict(req, f.filename, f.pageSha256, idx);
          } catch (e) {
            onError(e);
            const at = now();
            verdict = errorVerdict(
              { filename: f.filename, sha256: f.pageSha256 ?? '', trustRootId: '', now: at },
              reason('INTERNAL_ERROR', { detail: e instanceof Error ? e.message : String(e) }),
            );
          }
          const msg = messageOf(req, f.filename, verdict, settings, idx);
          try {
            emit(msg);
          } catch (e) {
            onError(e); // this file's delivery failed; the other files are not affected
          }
          return msg;
        }),
      );
    },

    async getProvenanceText(index, project, filename) {
      const have = raw.get(RawProvenanceCache.key(index, filename));
      if (have !== null) return { ok: true, json: have };
      const idx = await simpleIndex(index, project, false);
      if (!idx.ok) return { ok: false, message: idx.reason.message };
      const entry = idx.index.files.get(filename);
      if (!entry) return { ok: false, message: t('reason_file_not_in_index') };
      if (isBad(entry)) return { ok: false, message: t('reason_index_bad_response') };
      if (entry.provenanceUrl === null) return { ok: false, message: t('reason_no_provenance') };
      const res = await deps.client.getProvenance(index, entry.provenanceUrl, null);
      if (res.kind === 'error') return { ok: false, message: res.reason.message };
      if (res.kind !== 'ok' || res.text === null) return { ok: false, message: t('reason_index_bad_response') };
      raw.put(RawProvenanceCache.key(index, filename), res.text);
      return { ok: true, json: res.text };
    },

    async simpleIndexFor(index, project) {
      const r = await simpleIndex(index, project, false);
      return r.ok ? r.index : null;
    },

    async clear() {
      raw.clear();
      await Promise.all([deps.verdicts.clear(), deps.simple.clear()]);
    },
  };
}
