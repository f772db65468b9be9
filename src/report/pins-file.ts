/**
 * Identity pins as a JSON file (export / import; usable in CI):
 *   {"format": "pypi-provenance-pins", "version": 1, "pins": [{project, kind, repository?, workflow?, email?}]}
 * A bare array of pins is accepted on import too. Every pin is validated with `parsePin`.
 */
import { parsePin, type IdentityPin } from '../settings';
import { t } from '../i18n';

export const PINS_FORMAT = 'pypi-provenance-pins';
export const MAX_PINS_FILE_BYTES = 1024 * 1024;
export const MAX_PINS = 1000;

export function exportPins(pins: IdentityPin[]): string {
  const clean = pins.map(parsePin).filter((p): p is IdentityPin => p !== null);
  return JSON.stringify({ format: PINS_FORMAT, version: 1, pins: clean }, null, 2) + '\n';
}

export interface PinsImport {
  ok: boolean;
  pins: IdentityPin[];
  /** Entries that were not valid pins (or duplicates). */
  rejected: number;
  error?: string;
}

function key(p: IdentityPin): string {
  return JSON.stringify([p.project, p.kind, p.repository?.toLowerCase() ?? '', p.workflow ?? '', p.email?.toLowerCase() ?? '']);
}

export function importPins(text: string): PinsImport {
  if (text.length > MAX_PINS_FILE_BYTES) return { ok: false, pins: [], rejected: 0, error: t('pins_err_too_large') };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, pins: [], rejected: 0, error: t('pins_err_not_json') };
  }
  let list: unknown;
  if (Array.isArray(data)) list = data;
  else if (typeof data === 'object' && data !== null && (data as Record<string, unknown>).format === PINS_FORMAT) {
    if ((data as Record<string, unknown>).version !== 1) return { ok: false, pins: [], rejected: 0, error: t('pins_err_version') };
    list = (data as Record<string, unknown>).pins;
  } else return { ok: false, pins: [], rejected: 0, error: t('pins_err_not_pins_format', PINS_FORMAT) };
  if (!Array.isArray(list)) return { ok: false, pins: [], rejected: 0, error: t('pins_err_not_list') };
  if (list.length > MAX_PINS) return { ok: false, pins: [], rejected: 0, error: t('pins_err_too_many', String(MAX_PINS)) };
  const seen = new Set<string>();
  const pins: IdentityPin[] = [];
  let rejected = 0;
  for (const item of list) {
    const p = parsePin(item);
    if (!p || seen.has(key(p))) {
      rejected++;
      continue;
    }
    seen.add(key(p));
    pins.push(p);
  }
  return { ok: true, pins, rejected };
}

/** Imported pins merged into existing ones (imported win for exact duplicates; nothing is dropped). */
export function mergePins(existing: IdentityPin[], imported: IdentityPin[]): IdentityPin[] {
  const out = new Map<string, IdentityPin>();
  for (const p of existing) out.set(key(p), p);
  for (const p of imported) out.set(key(p), p);
  return [...out.values()];
}
