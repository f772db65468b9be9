/** Deterministic UTC time formatting (no locale): "2024-11-06 22:37:07 UTC". */
const pad = (n: number) => String(n).padStart(2, '0');

export function parseTime(iso: string | null | undefined): Date | null {
  if (typeof iso !== 'string') return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function clock(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function day(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2024-11-06 22:37:07 UTC", or the raw text if it is not a time. */
export function formatUtc(iso: string | null | undefined): string {
  const d = parseTime(iso);
  return d ? `${day(d)} ${clock(d)} UTC` : String(iso ?? '');
}

/** Window and log-time comparison for the certificate view; null if the window cannot be read. */
export function validity(notBefore: string, notAfter: string, logged: string | null) {
  const a = parseTime(notBefore);
  const b = parseTime(notAfter);
  if (!a || !b) return null;
  const minutes = Math.round((b.getTime() - a.getTime()) / 60000);
  const sameDay = day(a) === day(b);
  const window = { from: `${day(a)} ${clock(a)}`, to: sameDay ? clock(b) : `${day(b)} ${clock(b)}`, minutes };
  const l = parseTime(logged);
  const log = l ? { at: clock(l), inside: l.getTime() >= a.getTime() && l.getTime() <= b.getTime() } : null;
  return { window, logged: log };
}
