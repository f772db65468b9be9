/**
 * Message routing for the worker: the check Port from content scripts and one-shot runtime
 * messages from content scripts, the popup and the options page.
 *
 * Who may talk to us:
 * - the Port and `get-provenance`: our own content script, in a tab's top frame, on a page of
 *   https://pypi.org/ or https://test.pypi.org/ (and only about that same index);
 * - `page-without-list`, `link-mismatches`: our own content script only, about its own tab;
 * - `get-provenance`, `clear-cache`, `tab-status`: our own extension pages (popup, options).
 * Everything else is disconnected / ignored. Every message is validated with the guards in
 * src/messages.ts. Types are structural so tests can drive the router without a browser.
 */
import {
  INDEX_HOSTS,
  isValidFilename,
  PORT_NAME,
  type BackgroundToContent,
  type CheckRequest,
  type ClearCacheResponse,
  type FileVerdictMessage,
  type GetProvenanceResponse,
  type IndexHost,
  type LinkMismatchRequest,
  type PageSettingsResponse,
  type ReleaseVerdictsResponse,
  type PageWithoutListRequest,
  type TabLinkMismatch,
  type TabStatusResponse,
  type TrustStatusResponse,
} from '../messages';
import { normalizeProjectName, type Settings } from '../settings';
import { isCheckRequest, isRuntimeRequest } from './requests';
import { levelFor, reason, type Verdict } from '../verify/verdict';
import { t } from '../i18n';
import type { Checker } from './checker';
import type { HistoryService } from './history';
import { EMPTY_TAB_STATUS, tabFileFromVerdict, type TabStates } from './tab-state';
import { fileVersion } from '../history/releases';
import { releaseMembership } from './release-membership';
import { isBad, type SimpleIndex } from './simple-index';
import { parsePypiUrl } from '../content/detect/url';
import type { TrustUpdater } from './trust-updates';
import { downloadUrlMismatch } from '../content/download-url';

export interface SenderLike {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export interface PortLike {
  name: string;
  sender?: SenderLike;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

export interface RouterEnv {
  runtimeId: string;
  /** browser.runtime.getURL('') — e.g. chrome-extension://<id>/ */
  extensionBaseUrl: string;
  checker: Checker;
  tabs: TabStates;
  /** Publisher history, posted after `done` (optional). */
  history?: HistoryService;
  /** Trust-root updates (options page status and "Check now"; optional). */
  trust?: Pick<TrustUpdater, 'status' | 'refresh'>;
  /** The settings as resolved now (storage.sync + policy), for `page-settings` (optional). */
  settings?(): Promise<Settings>;
  onError?(e: unknown): void;
}

/** Checks running at once per port (a content script asks once per page, plus retries). */
export const MAX_CHECKS_PER_PORT = 8;
const PROJECT_RE = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Our content script on a pypi.org / test.pypi.org page in a tab's top frame → its tab and index. */
export function contentSender(sender: SenderLike | undefined, runtimeId: string): { tabId: number; index: IndexHost } | null {
  if (!sender || sender.id !== runtimeId) return null;
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0) return null;
  if (sender.frameId !== undefined && sender.frameId !== 0) return null;
  const url = sender.url ?? sender.tab?.url;
  if (typeof url !== 'string') return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.port !== '' || u.username !== '' || u.password !== '') return null;
  const index = INDEX_HOSTS.find((h) => h === u.hostname);
  return index ? { tabId, index } : null;
}

/** One of our own extension pages (popup, options). */
export function isExtensionPage(sender: SenderLike | undefined, env: Pick<RouterEnv, 'runtimeId' | 'extensionBaseUrl'>): boolean {
  return (
    !!sender &&
    sender.id === env.runtimeId &&
    typeof sender.url === 'string' &&
    env.extensionBaseUrl.length > 0 &&
    sender.url.startsWith(env.extensionBaseUrl)
  );
}

export function handlePort(port: PortLike, env: RouterEnv): void {
  if (port.name !== PORT_NAME) return;
  const who = contentSender(port.sender, env.runtimeId);
  if (!who) {
    port.disconnect();
    return;
  }
  let open = true;
  let running = 0;
  port.onDisconnect.addListener(() => {
    open = false; // in-flight work still completes into the caches
  });
  const send = (m: BackgroundToContent): boolean => {
    if (!open) return false;
    try {
      port.postMessage(m);
      return true;
    } catch (e) {
      env.onError?.(e);
      return false;
    }
  };
  // One message that cannot be sent (e.g. a verdict that cannot be serialised) concerns its file
  // alone: the port stays open (only onDisconnect closes it) and the file gets a small stand-in.
  const post = (m: BackgroundToContent): BackgroundToContent | null => {
    if (send(m)) return m;
    if (m.type !== 'verdict') return null;
    const stand = unsendableVerdict(m);
    return send(stand) ? stand : null;
  };
  port.onMessage.addListener((msg: unknown) => {
    if (!isCheckRequest(msg)) {
      const id = typeof msg === 'object' && msg !== null ? (msg as { requestId?: unknown }).requestId : undefined;
      if (typeof id === 'string' && id.length > 0 && id.length <= 100)
        post({ type: 'check-failed', requestId: id, message: t('request_not_understood') });
      return;
    }
    if (msg.index !== who.index) {
      post({ type: 'check-failed', requestId: msg.requestId, message: t('request_wrong_index') });
      return;
    }
    if (running >= MAX_CHECKS_PER_PORT) {
      post({ type: 'check-failed', requestId: msg.requestId, message: t('request_too_many') });
      return;
    }
    running++;
    void runCheck(msg, who.tabId, env, post).finally(() => running--);
  });
}

/**
 * What a file gets when its verdict message could not be posted: a small verdict about the same
 * file with INTERNAL_ERROR. A failure stays a failure (red); anything else is "could not check".
 */
export function unsendableVerdict(m: FileVerdictMessage): FileVerdictMessage {
  const failed = m.verdict?.state === 'failed';
  const verdict: Verdict = {
    state: failed ? 'failed' : 'error',
    filename: m.filename,
    sha256: typeof m.verdict?.sha256 === 'string' ? m.verdict.sha256.slice(0, 64) : '',
    reasons: [reason('INTERNAL_ERROR', { detail: "this file's result could not be passed to the page" })],
    publisher: null,
    attestations: [],
    trustRootId: typeof m.verdict?.trustRootId === 'string' ? m.verdict.trustRootId.slice(0, 128) : '',
    checkedAt: typeof m.verdict?.checkedAt === 'string' ? m.verdict.checkedAt.slice(0, 64) : '',
  };
  const pinMismatch = m.pin?.status === 'mismatch';
  return {
    type: 'verdict',
    requestId: m.requestId,
    filename: m.filename,
    verdict,
    level: levelFor(verdict.state, { pinMismatch }),
    pin: { status: pinMismatch ? 'mismatch' : 'none' },
  };
}

type Post = (m: BackgroundToContent) => BackgroundToContent | null;

async function runCheck(req: CheckRequest, tabId: number, env: RouterEnv, post: Post): Promise<void> {
  try {
    // The tab's state (read from storage.session on the worker's first check of the tab) is read
    // beside the check, not before it: the page gets its verdicts at once, the popup's state
    // follows in order (page50 cold: that read took ≈190 ms while the worker was verifying).
    const begun = env.tabs.begin(tabId, req).catch((e: unknown) => env.onError?.(e));
    const verdicts = await env.checker.check(req, (m) => {
      // Per file: nothing that goes wrong here may reach the other files of the request.
      try {
        const sent = post(m);
        const file = tabFileFromVerdict(sent?.type === 'verdict' ? sent : unsendableVerdict(m));
        void begun.then(() => {
          try {
            env.tabs.update(tabId, file);
          } catch (e) {
            env.onError?.(e);
          }
        });
      } catch (e) {
        env.onError?.(e);
      }
    });
    post({ type: 'done', requestId: req.requestId });
    await begun;
    // History after the page's own badges are done; not for single-file retries ("check again").
    if (env.history && !req.force) await runHistory(req, verdicts, env, post);
    if (req.version !== null && !req.force) await checkFilesNotOnPage(req, tabId, env);
  } catch (e) {
    env.onError?.(e);
    post({ type: 'check-failed', requestId: req.requestId, message: t('reason_internal_error') });
  }
}

async function runHistory(req: CheckRequest, verdicts: FileVerdictMessage[], env: RouterEnv, post: Post): Promise<void> {
  try {
    const idx = await env.checker.simpleIndexFor(req.index, req.project);
    if (!idx || !env.history) return;
    const history = await env.history.forRequest(req, idx, verdicts);
    post({ type: 'history', requestId: req.requestId, history });
  } catch (e) {
    env.onError?.(e); // history is optional: the badges are already out
  }
}

/**
 * The popup speaks from PyPI's index, not from the page (#18.3): the release's files that the
 * index lists and the page's file list did not show are added to the tab's state and checked
 * too (worker-side only: nothing is posted to the page).
 */
async function checkFilesNotOnPage(req: CheckRequest, tabId: number, env: RouterEnv): Promise<void> {
  try {
    const idx = await env.checker.simpleIndexFor(req.index, req.project);
    if (!idx || req.version === null) return;
    const onPage = new Set(req.files.map((f) => f.filename));
    const missing = releaseFiles(idx, req.version).filter((f) => !onPage.has(f));
    if (missing.length === 0) return;
    env.tabs.addFromIndex(tabId, req, missing);
    const files = missing.filter(isValidFilename).map((filename) => ({ filename, pageSha256: null }));
    await env.checker.check({ ...req, requestId: `${req.requestId}/index`, files }, (m) => {
      try {
        env.tabs.update(tabId, tabFileFromVerdict(m));
      } catch (e) {
        env.onError?.(e);
      }
    });
  } catch (e) {
    env.onError?.(e); // the page's own files are already answered
  }
}

/** The files PyPI's index lists for a release (each tells its version: name or Integrity URL). */
function releaseFiles(idx: SimpleIndex, version: string): string[] {
  return [...idx.files.values()]
    .filter((e) => !isBad(e) && fileVersion(e) !== null && releaseMembership(e, version).ok)
    .map((e) => e.filename);
}

/** A project/release page without PyPI's own file list: the popup says so and lists the release from the index. */
async function pageWithoutList(req: PageWithoutListRequest, tabId: number, env: RouterEnv): Promise<void> {
  env.tabs.listMissing(tabId, req);
  const idx = req.version === null ? null : await env.checker.simpleIndexFor(req.index, req.project);
  if (!idx || req.version === null) return;
  const files = releaseFiles(idx, req.version);
  if (files.length === 0) {
    env.tabs.listMissing(tabId, req, 'none');
    return;
  }
  const page = { index: req.index, project: req.project, version: req.version };
  await checkFilesNotOnPage({ type: 'check', requestId: `no-list-${tabId}`, ...page, files: [] }, tabId, env);
}

/**
 * The page's links that are not the index's download URL for their file (#17.5): each is checked
 * again here, against the worker's own copy of the index (the content script only proposes), and
 * the ones that differ are recorded for the popup.
 */
async function recordLinks(req: LinkMismatchRequest, tabId: number, env: RouterEnv): Promise<void> {
  const idx = req.links.length === 0 ? null : await env.checker.simpleIndexFor(req.index, req.project);
  const links: TabLinkMismatch[] = [];
  for (const l of req.links) {
    const entry = idx?.files.get(l.filename);
    const indexUrl = entry && !isBad(entry) ? entry.downloadUrl : undefined;
    if (indexUrl === undefined || !downloadUrlMismatch(l.href, indexUrl)) continue;
    links.push({ filename: l.filename, href: l.href, indexUrl });
  }
  await env.tabs.setLinks(tabId, req, links);
}

/** The pypi.org page a content script is on, from its URL: index, PEP 503 project, version (release pages only). */
function pageOfUrl(url: string): { index: IndexHost; project: string; version: string | undefined } | null {
  const page = parsePypiUrl(url);
  if (!page) return null;
  const project = normalizeProjectName(page.name);
  if (!PROJECT_RE.test(project)) return null;
  return { index: page.index, project, version: page.kind === 'release' ? page.version : undefined };
}

/** A check of every file the index lists for the release, as the page's own check asks (pageSha256 null). */
function releaseCheck(requestId: string, page: { index: IndexHost; project: string }, version: string, idx: SimpleIndex): CheckRequest {
  const files = releaseFiles(idx, version)
    .filter(isValidFilename)
    .map((filename) => ({ filename, pageSha256: null }));
  return { type: 'check', requestId, index: page.index, project: page.project, version, files };
}

/**
 * A page's fetches, started at document_start (#16.3), before its file list exists: the simple
 * index, and on a release page (version in the URL) the check of every file the index lists for
 * that release, exactly as the page's own check will ask for them (pageSha256 null: the page's
 * hash is compared when the page asks). Nothing is posted: the verdicts land in the checker's
 * in-flight map and caches, where the page's `check` finds them. Project and version come from
 * the sender's URL, which the browser supplies, so nothing but that page's own pypi.org URLs is
 * fetched; a URL that is not a project, release or simple page costs nothing.
 */
export async function prefetch(url: string, env: Pick<RouterEnv, 'checker' | 'onError'>): Promise<void> {
  const page = pageOfUrl(url);
  if (!page) return;
  const idx = await env.checker.simpleIndexFor(page.index, page.project);
  if (!idx || page.version === undefined) return;
  const req = releaseCheck('prefetch', page, page.version, idx);
  if (req.files.length === 0) return;
  await env.checker.check(req, () => undefined);
}

/**
 * The verdicts a page of this release can show at once (`release-verdicts`): no request, no
 * verification, only what a fresh cached index and fresh cached verdicts answer, for the files the
 * index lists for the release named in the sender's URL (pageSha256 null: the page compares its own
 * hashes before it shows one). A URL without a version gets `{ok: false}`.
 */
export async function releaseVerdicts(url: string, env: Pick<RouterEnv, 'checker'>): Promise<ReleaseVerdictsResponse> {
  const page = pageOfUrl(url);
  if (!page || page.version === undefined) return { ok: false };
  const answer = { ok: true as const, index: page.index, project: page.project, version: page.version };
  const idx = await env.checker.cachedIndexFor(page.index, page.project);
  if (!idx) return { ...answer, verdicts: [] };
  return { ...answer, verdicts: await env.checker.cachedVerdicts(releaseCheck('release-verdicts', page, page.version, idx), idx) };
}

/** A report from our content script about its own tab (on the index it is on): `{ok}` once handled. */
function aboutOwnTab<M extends { index: IndexHost }>(
  msg: M,
  sender: SenderLike | undefined,
  env: RouterEnv,
  run: (msg: M, tabId: number, env: RouterEnv) => Promise<void>,
): Promise<{ ok: boolean }> {
  const content = contentSender(sender, env.runtimeId);
  if (!content || content.index !== msg.index) return Promise.resolve({ ok: false });
  return run(msg, content.tabId, env).then(
    () => ({ ok: true }),
    (e) => {
      env.onError?.(e);
      return { ok: false };
    },
  );
}

/**
 * runtime.onMessage: returns a Promise with the answer for our requests, `undefined` for messages
 * that are not ours (so the polyfill does not answer them).
 */
export function handleMessage(msg: unknown, sender: SenderLike | undefined, env: RouterEnv): Promise<unknown> | undefined {
  if (!isRuntimeRequest(msg)) return undefined;
  const fromPage = isExtensionPage(sender, env);
  switch (msg.type) {
    case 'get-provenance': {
      const content = contentSender(sender, env.runtimeId);
      if (!fromPage && !(content && content.index === msg.index)) {
        return Promise.resolve<GetProvenanceResponse>({ ok: false, message: t('request_not_allowed') });
      }
      const project = normalizeProjectName(msg.project);
      if (!PROJECT_RE.test(project) || project.length > 200)
        return Promise.resolve<GetProvenanceResponse>({ ok: false, message: t('request_not_a_project') });
      return env.checker.getProvenanceText(msg.index, project, msg.filename).catch((e): GetProvenanceResponse => {
        env.onError?.(e);
        return { ok: false, message: t('reason_internal_error') };
      });
    }
    case 'clear-cache': {
      if (!fromPage) return Promise.resolve<ClearCacheResponse>({ ok: false, message: t('request_not_allowed') });
      return Promise.all([env.checker.clear(), env.history?.clear()]).then(
        (): ClearCacheResponse => ({ ok: true }),
        (e): ClearCacheResponse => {
          env.onError?.(e);
          return { ok: false, message: e instanceof Error ? e.message : String(e) };
        },
      );
    }
    case 'page-without-list':
      return aboutOwnTab(msg, sender, env, pageWithoutList);
    case 'link-mismatches':
      return aboutOwnTab(msg, sender, env, recordLinks);
    case 'prefetch': {
      const content = contentSender(sender, env.runtimeId);
      const url = sender?.url ?? sender?.tab?.url;
      if (!content || typeof url !== 'string') return Promise.resolve({ ok: false });
      void prefetch(url, env).catch((e) => env.onError?.(e));
      return Promise.resolve({ ok: true }); // at once: the page waits for nothing
    }
    case 'release-verdicts': {
      const content = contentSender(sender, env.runtimeId);
      const url = sender?.url ?? sender?.tab?.url;
      if (!content || typeof url !== 'string') return Promise.resolve<ReleaseVerdictsResponse>({ ok: false });
      return releaseVerdicts(url, env).catch((e): ReleaseVerdictsResponse => {
        env.onError?.(e);
        return { ok: false };
      });
    }
    case 'page-settings': {
      const content = contentSender(sender, env.runtimeId);
      const read = env.settings;
      if (!content || !read) return Promise.resolve<PageSettingsResponse>({ ok: false });
      return read().then(
        (s): PageSettingsResponse => ({
          ok: true,
          settings: { strict: s.strict, showSummary: s.showSummary, confirmFailedDownloads: s.confirmFailedDownloads },
        }),
        (e): PageSettingsResponse => {
          env.onError?.(e);
          return { ok: false };
        },
      );
    }
    case 'tab-status': {
      if (!fromPage) return Promise.resolve<TabStatusResponse>(EMPTY_TAB_STATUS);
      return env.tabs.get(msg.tabId);
    }
    case 'trust-status': {
      const trust = env.trust;
      if (!fromPage || !trust) return Promise.resolve<TrustStatusResponse>({ ok: false, message: t('request_not_allowed') });
      return (msg.refresh ? trust.refresh({ force: true }) : Promise.resolve(null))
        .then(() => trust.status())
        .then(
          (status): TrustStatusResponse => ({ ok: true, status }),
          (e): TrustStatusResponse => {
            env.onError?.(e);
            return { ok: false, message: e instanceof Error ? e.message : String(e) };
          },
        );
    }
  }
}
