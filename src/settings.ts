/**
 * User settings (storage.sync) shared by the options page, the background worker and the content script.
 * Everything read from storage is validated: storage can hold anything an older version wrote.
 */

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
}

export const DEFAULT_SETTINGS: Settings = {
  strict: false,
  confirmFailedDownloads: true,
  showSummary: true,
  pins: [],
};

/** PEP 503 normalisation. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

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
  };
}
