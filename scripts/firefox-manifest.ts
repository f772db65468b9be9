/**
 * The extension manifests for each browser, derived from the ONE hand-edited `manifest.json`
 * (Chrome form) by vite.config.ts. Pure functions: no file access, easy to test.
 *
 *  - Both: `version` comes from package.json (so the store packages, the changelog and the
 *    manifest never disagree).
 *  - Firefox (crxjs `browser: 'firefox'` reads the INPUT manifest in Firefox form):
 *    no `storage` key (`storage.managed_schema` is Chrome-only; Firefox reads policies.json),
 *    `background.scripts` instead of `background.service_worker` (Firefox MV3 has event pages,
 *    not service workers), no `minimum_chrome_version` (Chrome-only key, web-ext lints it),
 *    `browser_specific_settings.gecko` with a stable add-on id, `strict_min_version` 140.0
 *    (the first version that knows `data_collection_permissions`) and
 *    `data_collection_permissions: { required: ['none'] }` (the extension sends nothing anywhere
 *    but pypi.org, which the user is already visiting), and `gecko_android.strict_min_version`
 *    142.0 (Firefox for Android learnt that key in 142; without it web-ext lint warns).
 */

/** Stable Firefox add-on id. Never change it after the first AMO upload: it identifies the add-on. */
export const GECKO_ID = 'pypi-provenance@example.org';
/** Firefox 140 (ESR) is the first version that accepts `data_collection_permissions`. */
export const GECKO_MIN_VERSION = '140.0';
/** Firefox for Android accepts `data_collection_permissions` from 142 on. */
export const GECKO_ANDROID_MIN_VERSION = '142.0';

export type Manifest = Record<string, unknown>;

/** A WebExtension manifest `version`: 1 to 4 dot-separated integers, no leading zeros, each ≤ 9 digits. */
export function assertManifestVersion(version: unknown): string {
  if (typeof version !== 'string' || !/^(0|[1-9]\d{0,8})(\.(0|[1-9]\d{0,8})){0,3}$/.test(version)) {
    throw new Error(
      `package.json version ${JSON.stringify(version)} cannot be a manifest version (1-4 dot-separated integers, e.g. 0.1.0; no pre-release suffix)`,
    );
  }
  return version;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The Chrome manifest: `manifest.json` as written, with the package.json version. */
export function chromeManifest(base: Manifest, version: string): Manifest {
  return { ...clone(base), version: assertManifestVersion(version) };
}

/** The Firefox input manifest for crxjs (`browser: 'firefox'`). */
export function firefoxManifest(base: Manifest, version: string): Manifest {
  const m = chromeManifest(base, version);
  delete m['minimum_chrome_version'];
  // Chrome-only: Firefox warns on `storage.managed_schema` and takes managed storage from policies.json (docs/managed.md).
  delete m['storage'];

  const bg = m['background'] as { service_worker?: string; scripts?: string[]; type?: string } | undefined;
  if (bg) {
    const scripts = bg.scripts ?? (bg.service_worker ? [bg.service_worker] : []);
    if (scripts.length === 0) throw new Error('manifest.json background has neither service_worker nor scripts');
    m['background'] = { scripts, ...(bg.type ? { type: bg.type } : {}) };
  }

  const bss = (m['browser_specific_settings'] ?? {}) as Record<string, Record<string, unknown>>;
  m['browser_specific_settings'] = {
    ...bss,
    gecko: {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      data_collection_permissions: { required: ['none'] },
      ...(bss['gecko'] ?? {}),
    },
    gecko_android: {
      strict_min_version: GECKO_ANDROID_MIN_VERSION,
      ...(bss['gecko_android'] ?? {}),
    },
  };
  return m;
}
