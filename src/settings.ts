/**
 * User settings (storage.sync) shared by the options page, the background worker and the content script.
 * Everything read from storage is validated: storage can hold anything an older version wrote.
 */

import { normalizeProjectName } from './project-name';
export type PinKind = 'GitHub' | 'GitLab' | 'Google';

/** "Project X must be published by this identity." */
export interface IdentityPin {
  /** PEP 503 normalised project name. */
  project: string;
  kind: PinKind;
  /** GitHub/GitLab "owner/name" (case-insensitive compare). */
  repository?: string;
  /** GitHub workflow file name, GitLab workflow_filepath. Optional: omitted = any workflow of the repository. */
  workflow?: string;
  /** Google service account e-mail. */
  email?: string;
}

export interface Settings {
  /** Strict mode: absent provenance and publisher changes become warnings; downloads ask for confirmation. */
  strict: boolean;
  /** Ask before downloading a file whose provenance FAILED (also outside strict mode). */
  confirmFailedDownloads: boolean;
  /** Show the release summary line above the file list. */
  showSummary: boolean;
  pins: IdentityPin[];
  /** Keep the Sigstore trust root current through Sigstore's TUF repository (on by default). */
  trustRootUpdates: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  strict: false,
  confirmFailedDownloads: true,
  showSummary: true,
  pins: [],
  trustRootUpdates: true,
};

export { normalizeProjectName };

const PIN_KINDS: readonly PinKind[] = ['GitHub', 'GitLab', 'Google'];

export function parsePin(v: unknown): IdentityPin | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.project !== 'string' || o.project.trim() === '') return null;
  if (typeof o.kind !== 'string' || !PIN_KINDS.includes(o.kind as PinKind)) return null;
  const pin: IdentityPin = { project: normalizeProjectName(o.project.trim()), kind: o.kind as PinKind };
  const str = (k: string) => (typeof o[k] === 'string' && (o[k] as string).trim() !== '' ? (o[k] as string).trim() : undefined);
  if (pin.kind === 'Google') {
    const email = str('email');
    if (!email) return null;
    pin.email = email;
  } else {
    const repository = str('repository');
    if (!repository || !/^[^/\s]+(\/[^/\s]+)+$/.test(repository)) return null;
    pin.repository = repository;
    const workflow = str('workflow');
    if (workflow) pin.workflow = workflow;
  }
  return pin;
}

/** Turn whatever storage holds into valid Settings (unknown keys dropped, bad values defaulted). */
export function parseSettings(v: unknown): Settings {
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const bool = (k: keyof Settings, d: boolean) => (typeof o[k] === 'boolean' ? (o[k] as boolean) : d);
  const pins = Array.isArray(o.pins) ? o.pins.map(parsePin).filter((p): p is IdentityPin => p !== null) : [];
  return {
    strict: bool('strict', DEFAULT_SETTINGS.strict),
    confirmFailedDownloads: bool('confirmFailedDownloads', DEFAULT_SETTINGS.confirmFailedDownloads),
    showSummary: bool('showSummary', DEFAULT_SETTINGS.showSummary),
    pins,
    trustRootUpdates: bool('trustRootUpdates', DEFAULT_SETTINGS.trustRootUpdates),
  };
}

// ---- managed storage (enterprise policy) ----------------------------------------------------------

/**
 * What an organisation's policy (browser.storage.managed; schema in public/managed-schema.json)
 * forces. Only `true` can be forced: a policy value `false` locks nothing. Managed pins are added
 * to the user's pins and cannot be removed from the options page.
 */
export interface ManagedSettings {
  strict?: true;
  confirmFailedDownloads?: true;
  /** Trust-root updates off (no request to Sigstore's TUF repository). */
  disableTrustRootUpdates?: true;
  pins: IdentityPin[];
}

export interface ResolvedSettings {
  /** The settings every part of the extension acts on (user values with the policy applied). */
  settings: Settings;
  /** What the policy set (the options page shows these locked). */
  managed: ManagedSettings;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** User settings as stored: top-level keys of storage.sync, or a nested `settings` object. */
export function userSettingsFrom(stored: unknown): Settings {
  return parseSettings(isRecord(stored) && isRecord(stored.settings) ? stored.settings : stored);
}

/** Validate whatever storage.managed holds (anything an administrator typed). Invalid pins are dropped. */
export function parseManaged(v: unknown): ManagedSettings {
  const o = isRecord(v) ? v : {};
  const out: ManagedSettings = { pins: [] };
  if (o.strict === true) out.strict = true;
  if (o.confirmFailedDownloads === true) out.confirmFailedDownloads = true;
  if (o.disableTrustRootUpdates === true) out.disableTrustRootUpdates = true;
  if (Array.isArray(o.pins)) {
    for (const p of o.pins) {
      const pin = parsePin(p);
      if (pin && !out.pins.some((q) => samePin(q, pin))) out.pins.push(pin);
    }
  }
  return out;
}

function samePin(a: IdentityPin, b: IdentityPin): boolean {
  const lc = (s: string | undefined) => s?.toLowerCase();
  return (
    a.project === b.project &&
    a.kind === b.kind &&
    lc(a.repository) === lc(b.repository) &&
    a.workflow === b.workflow &&
    lc(a.email) === lc(b.email)
  );
}

/**
 * The one settings resolver (pure): `user` is what storage.sync holds, `managed` what
 * storage.managed holds (anything; `{}` or undefined when there is no policy).
 *  - a managed `strict` / `confirmFailedDownloads` of `true` overrides the user's value;
 *  - managed pins come first and are always kept; a user pin for a project the policy pins is
 *    dropped (pins of one project are alternatives, so a user pin could otherwise widen the
 *    organisation's pin); other user pins are kept.
 */
export function resolveSettings(user: unknown, managed: unknown): ResolvedSettings {
  const u = userSettingsFrom(user);
  const m = parseManaged(managed);
  const managedProjects = new Set(m.pins.map((p) => p.project));
  const settings: Settings = {
    strict: m.strict ?? u.strict,
    confirmFailedDownloads: m.confirmFailedDownloads ?? u.confirmFailedDownloads,
    showSummary: u.showSummary,
    pins: [...m.pins, ...u.pins.filter((p) => !managedProjects.has(p.project))],
    trustRootUpdates: m.disableTrustRootUpdates ? false : u.trustRootUpdates,
  };
  return { settings, managed: m };
}
